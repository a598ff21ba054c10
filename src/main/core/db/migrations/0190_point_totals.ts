/**
 * Version 190: running totals of the points ledger (issue 16). Ten years of a district are millions of point entries;
 * 积分排行 (累计, a year, a month) and the ledger's count and sum read these totals instead of adding every entry up
 * again. One row per person and period — a month 'YYYY-MM', a year 'YYYY', and '' for all time — kept by a trigger
 * in the same statement as each entry is written, whoever writes it (the ledger is append-only, so inserting is the
 * only change there is), and filled from the entries already written.
 *   rows, points: every entry dated in the period, reversals too, and the sum of their points (a reversal is dated as
 *     its original, so the sum is the corrected total);
 *   live, plus, minus: the entries that stand (neither a reversal nor reversed), their count and their positive and
 *     negative sums. A reversal takes its original out of the live ones of the original's periods.
 * Also a small index of each person's reversing entries: the 操作日志 finds the 冲销 of a person's entries from them.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE point_totals (
      period     TEXT NOT NULL CHECK (period = '' OR period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
      person_id  INTEGER NOT NULL REFERENCES people(id),
      rows       INTEGER NOT NULL,
      points     INTEGER NOT NULL,
      live       INTEGER NOT NULL,
      plus       INTEGER NOT NULL,
      minus      INTEGER NOT NULL,
      PRIMARY KEY (period, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX point_totals_person ON point_totals(person_id, period);

    CREATE TRIGGER point_totals_add AFTER INSERT ON point_entries
    BEGIN
      INSERT INTO point_totals (period, person_id, rows, points, live, plus, minus)
        SELECT k.period, NEW.person_id, 1, NEW.points,
               NEW.reverses_id IS NULL,
               CASE WHEN NEW.reverses_id IS NULL AND NEW.points > 0 THEN NEW.points ELSE 0 END,
               CASE WHEN NEW.reverses_id IS NULL AND NEW.points < 0 THEN NEW.points ELSE 0 END
        FROM (SELECT substr(NEW.date, 1, 7) AS period UNION ALL SELECT substr(NEW.date, 1, 4) UNION ALL SELECT '') k
        WHERE true
        ON CONFLICT (period, person_id) DO UPDATE SET
          rows = rows + excluded.rows, points = points + excluded.points, live = live + excluded.live,
          plus = plus + excluded.plus, minus = minus + excluded.minus;
      UPDATE point_totals SET
          live = live - 1,
          plus = plus - (SELECT max(o.points, 0) FROM point_entries o WHERE o.id = NEW.reverses_id),
          minus = minus - (SELECT min(o.points, 0) FROM point_entries o WHERE o.id = NEW.reverses_id)
        WHERE NEW.reverses_id IS NOT NULL AND person_id = (SELECT o.person_id FROM point_entries o WHERE o.id = NEW.reverses_id)
          AND period IN (SELECT substr(o.date, 1, 7) FROM point_entries o WHERE o.id = NEW.reverses_id
                         UNION ALL SELECT substr(o.date, 1, 4) FROM point_entries o WHERE o.id = NEW.reverses_id
                         UNION ALL SELECT '');
    END;

    CREATE INDEX point_entries_reversals ON point_entries(person_id) WHERE reverses_id IS NOT NULL;
  `);
  // what the entries written before this version add up to
  for (const period of ['substr(e.date, 1, 7)', 'substr(e.date, 1, 4)', "''"]) {
    db.exec(`
      INSERT INTO point_totals (period, person_id, rows, points, live, plus, minus)
      SELECT ${period}, e.person_id, count(*), sum(e.points), sum(e.live),
             sum(CASE WHEN e.live AND e.points > 0 THEN e.points ELSE 0 END),
             sum(CASE WHEN e.live AND e.points < 0 THEN e.points ELSE 0 END)
      FROM (SELECT e.date, e.person_id, e.points,
                   e.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id) AS live
            FROM point_entries e) e
      GROUP BY 1, 2`);
  }
}
