/** Version 90: the audit log’s person_id column and its read indexes. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0090 migration: audit log indexes', () => {
  it('rows written at 70 are kept at 90; entries are found by the person they are about, and stay append-only', () => {
    const db = tempDb();
    migrateBelow(db, 90);
    const insert = db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('2026-11-01T00:00:00.000Z', '管理员', 'update', 'person', 7, '{"id":7,"name":"张三"}', '{"id":7,"name":"张三"}', '');
    insert.run('2026-11-02T00:00:00.000Z', '管理员', 'score', 'score', 3, null, '{"personId":7,"value":1800}', '');
    insert.run('2026-11-03T00:00:00.000Z', '考核员', 'override', 'star_rating', 1, '{"personId":8,"stars":3}', '{"personId":8,"stars":4}', '复核');
    insert.run('2026-11-04T00:00:00.000Z', '管理员', 'load-demo', 'system', null, null, '{"people":1000}', '');
    insert.run('2026-11-05T00:00:00.000Z', '管理员', 'import', 'import', 2, null, '{"personId":"7"}', '');
    const before = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(migrateTo(db, 90).to).toBe(90);
    const after = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map(({ person_id: _p, ...rest }) => rest)).toEqual(before);
    expect(after.map((r) => r.person_id)).toEqual([7, 7, 8, null, null]);
    insert.run('2026-11-06T00:00:00.000Z', '管理员', 'post', 'point_entry', 5, null, '{"personId":7,"points":200}', '');
    const byPerson = db.prepare('SELECT id FROM audit_log WHERE person_id = ? ORDER BY id DESC').pluck();
    expect(byPerson.all(7)).toEqual([6, 2, 1]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT id FROM audit_log WHERE person_id = 7 ORDER BY id DESC LIMIT 100')).toContain('audit_log_person');
    expect(plan("SELECT id FROM audit_log WHERE entity = 'score' ORDER BY id DESC LIMIT 100")).toMatch(/audit_log_kind/);
    expect(plan("SELECT id FROM audit_log WHERE actor = 'x' ORDER BY id DESC LIMIT 100")).toMatch(/audit_log_actor/);
    expect(() => db.exec('UPDATE audit_log SET reason = 1')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });
});
