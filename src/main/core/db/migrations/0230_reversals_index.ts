/**
 * Version 230: the index of reversing point entries carries the entry each reverses, so finding a person's 冲销 in the
 * log (操作日志 by person, a 考核员's view) reads the index alone instead of every reversing entry's row.
 * Frozen once released: never import live app code here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    DROP INDEX point_entries_reversals;
    CREATE INDEX point_entries_reversals ON point_entries(person_id, reverses_id) WHERE reverses_id IS NOT NULL;
  `);
}
