/**
 * Version 60: the import log (导入记录) — one row per Excel file imported: what kind of import, the file's name and
 * SHA-256 (so the same file imported twice is noticed), the sheet, who and when, the counts of new, changed and
 * unchanged rows, and the verified backup taken just before the write. Append-only.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE import_log (
      id           INTEGER PRIMARY KEY,
      kind         TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 30),
      file_name    TEXT NOT NULL,
      file_sha256  TEXT NOT NULL CHECK (length(file_sha256) = 64),
      sheet        TEXT NOT NULL DEFAULT '',
      target       TEXT NOT NULL DEFAULT '',
      actor        TEXT NOT NULL,
      at           TEXT NOT NULL,
      new_rows     INTEGER NOT NULL CHECK (new_rows >= 0),
      changed_rows INTEGER NOT NULL CHECK (changed_rows >= 0),
      same_rows    INTEGER NOT NULL CHECK (same_rows >= 0),
      backup_file  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_log_file ON import_log(file_sha256);
    CREATE TRIGGER import_log_no_update BEFORE UPDATE ON import_log
      BEGIN SELECT RAISE(ABORT, 'import_log is append-only'); END;
    CREATE TRIGGER import_log_no_delete BEFORE DELETE ON import_log
      BEGIN SELECT RAISE(ABORT, 'import_log is append-only'); END;
  `);
}
