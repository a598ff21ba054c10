/**
 * Version 90: indexes for reading the audit log (操作日志) at scale, newest first: by entity, by time, by actor,
 * and by the person an entry is about. `person_id` is a virtual column computed from what the dispatcher already
 * writes (the entity id of a person entry, else the personId its new or old value names), so writing the log is
 * unchanged and entries written before this version are found too.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN person_id INTEGER GENERATED ALWAYS AS (
      CAST(CASE
        WHEN entity = 'person' THEN entity_id
        ELSE coalesce(
          CASE WHEN json_valid(new_value) AND json_type(new_value, '$.personId') = 'integer' THEN json_extract(new_value, '$.personId') END,
          CASE WHEN json_valid(old_value) AND json_type(old_value, '$.personId') = 'integer' THEN json_extract(old_value, '$.personId') END)
      END AS INTEGER)
    ) VIRTUAL;
    CREATE INDEX audit_log_person ON audit_log(person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX audit_log_kind ON audit_log(entity);
    CREATE INDEX audit_log_at ON audit_log(at);
    CREATE INDEX audit_log_actor ON audit_log(actor);
  `);
}
