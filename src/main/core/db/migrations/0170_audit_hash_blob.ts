/**
 * Version 170: the audit log's hash is kept as its 32 bytes (a BLOB) rather than 64 hex characters: a third of an
 * entry's fixed cost, on a log of millions of entries (one for every score and point entry). The chain is unchanged:
 * the same sha256 over the same content, read back as lower-case hex (audit/chain.ts); every existing row keeps its
 * content and its hash, so the chain verifies across the change and the heads recorded with old backups still match.
 * SQLite cannot change a column's type in place: the table is rebuilt with its generated person_id (as 0090 has it),
 * its indexes and its append-only triggers; ids are kept.
 * Frozen once released: never import live app code here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  const bad = db.prepare("SELECT id FROM audit_log WHERE length(hash) <> 64 OR unhex(hash) IS NULL ORDER BY id LIMIT 1").pluck().get() as number | undefined;
  if (bad !== undefined) throw new Error(`操作日志第 ${bad} 条的校验值格式不正确`);
  db.exec(`
    CREATE TABLE audit_log_170 (
      id         INTEGER PRIMARY KEY,
      at         TEXT NOT NULL,
      actor      TEXT NOT NULL,
      action     TEXT NOT NULL,
      entity     TEXT NOT NULL,
      entity_id  INTEGER,
      old_value  TEXT,
      new_value  TEXT,
      reason     TEXT NOT NULL DEFAULT '',
      person_id  INTEGER GENERATED ALWAYS AS (
        CAST(CASE
          WHEN entity = 'person' THEN entity_id
          ELSE coalesce(
            CASE WHEN json_valid(new_value) AND json_type(new_value, '$.personId') = 'integer' THEN json_extract(new_value, '$.personId') END,
            CASE WHEN json_valid(old_value) AND json_type(old_value, '$.personId') = 'integer' THEN json_extract(old_value, '$.personId') END)
        END AS INTEGER)
      ) VIRTUAL,
      hash       BLOB NOT NULL CHECK (length(hash) = 32)
    ) STRICT;
    INSERT INTO audit_log_170 (id, at, actor, action, entity, entity_id, old_value, new_value, reason, hash)
      SELECT id, at, actor, action, entity, entity_id, old_value, new_value, reason, unhex(hash) FROM audit_log ORDER BY id;
    DROP TABLE audit_log;
    ALTER TABLE audit_log_170 RENAME TO audit_log;
    CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
    CREATE INDEX audit_log_person ON audit_log(person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX audit_log_kind ON audit_log(entity);
    CREATE INDEX audit_log_at ON audit_log(at);
    CREATE INDEX audit_log_actor ON audit_log(actor);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
}
