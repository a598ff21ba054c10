/** Version 60: the append-only import log. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0060 migration: import log', () => {
  it('rows written at 50 are kept at 60; the import log is append-only', () => {
    const db = tempDb();
    migrateBelow(db, 60);
    db.exec("INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x')");
    const before = db.prepare('SELECT * FROM org_units').all();
    expect(migrateTo(db, 60).to).toBe(60);
    expect(db.prepare('SELECT * FROM org_units').all()).toEqual(before);
    const sha = 'a'.repeat(64);
    db.prepare(
      `INSERT INTO import_log (kind, file_name, file_sha256, actor, at, new_rows, changed_rows, same_rows, backup_file)
       VALUES ('roster', '花名册.xlsx', ?, '管理员', 'x', 3, 1, 0, 'b.db')`,
    ).run(sha);
    expect(() => db.exec("INSERT INTO import_log (kind, file_name, file_sha256, actor, at, new_rows, changed_rows, same_rows, backup_file) VALUES ('roster', 'x', 'short', 'a', 'x', 0, 0, 0, 'b')")).toThrow(/CHECK/);
    expect(() => db.exec('UPDATE import_log SET new_rows = 4')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM import_log')).toThrow(/append-only/);
  });
});
