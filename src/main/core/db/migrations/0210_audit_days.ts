/**
 * Version 210: the log's time index gives way to a day book. The time index held every entry's time again (a fifth
 * of the log's indexes, issue 16: the file must stay within 1.3× its rows); `audit_days` holds, for each day (Beijing
 * time) that has entries, the lowest and highest id written that day and how many — ten years are 3,650 rows. A date
 * range is then an id range, read along the id or along any index by id (the kind's, the actor's, the person's). Ids
 * have no gaps (the log is append-only, migration 0010), so when the range's days hold as many entries as their id
 * range spans, every entry in it is of those days; otherwise (a clock was set back across it) the times are checked
 * too. A trigger keeps the book on every insert.
 * Frozen once released: never import live app code here.
 */
import type { Database } from 'better-sqlite3';

/** The Beijing day of an ISO time in UTC, as the 操作日志's filters count days. */
const DAY_OF = (at: string) => `date(substr(${at}, 1, 19), '+8 hours')`;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE audit_days (
      day      TEXT PRIMARY KEY,
      first_id INTEGER NOT NULL,
      last_id  INTEGER NOT NULL,
      entries  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    INSERT INTO audit_days (day, first_id, last_id, entries)
      SELECT ${DAY_OF('at')}, min(id), max(id), count(*) FROM audit_log GROUP BY 1;
    CREATE TRIGGER audit_log_day AFTER INSERT ON audit_log
      BEGIN
        INSERT INTO audit_days (day, first_id, last_id, entries) VALUES (${DAY_OF('new.at')}, new.id, new.id, 1)
          ON CONFLICT (day) DO UPDATE SET first_id = min(first_id, excluded.first_id), last_id = max(last_id, excluded.last_id), entries = entries + 1;
      END;
    DROP INDEX audit_log_at;
  `);
}
