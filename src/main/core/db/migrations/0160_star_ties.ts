/**
 * Version 160: decisions on ties at a star quota line (issue 15). People with equal averages that a quota line would
 * split are listed, and each is decided one by one — keep the higher star or take the lower one — with a reason, as
 * ties at the period 优秀 line are (period_tie_decisions). A run is recomputed from its sources, so a decision names the
 * run and the person, not a rating row; a published run's decisions are read-only with it.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE star_tie_decisions (
      run_id      INTEGER NOT NULL REFERENCES star_runs(id),
      person_id   INTEGER NOT NULL REFERENCES people(id),
      keep        INTEGER NOT NULL CHECK (keep IN (0,1)),
      reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
      decided_by  TEXT NOT NULL,
      decided_at  TEXT NOT NULL,
      PRIMARY KEY (run_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER star_tie_decisions_published_no_insert BEFORE INSERT ON star_tie_decisions
      WHEN (SELECT status FROM star_runs WHERE id = NEW.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_tie_decisions_published_no_update BEFORE UPDATE ON star_tie_decisions
      WHEN (SELECT status FROM star_runs WHERE id = OLD.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_tie_decisions_published_no_delete BEFORE DELETE ON star_tie_decisions
      WHEN (SELECT status FROM star_runs WHERE id = OLD.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
  `);
}
