/** Version 140: 政治面貌 as written replaces the 是/否 of party_member. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0140 migration: 政治面貌 kept as written', () => {
  it('moves 是 to 中共党员 and 否 to 未填 (not 群众), keeps every other field, drops party_member and checks new values', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 140);
    const insert = db.prepare(
      `INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, mobile, party_member, hire_date, note, created_at, updated_at)
       VALUES (?, ?, 'x', 'x', '男', ?, '1990-01-01', '13800138000', ?, '2020-01-01', '备注', 'c', 'u')`,
    );
    insert.run(1, '张三', '440306199001010011', 1);
    insert.run(2, '李四', '440306199001010038', 0);
    const before = db.prepare('SELECT * FROM people ORDER BY id').all() as Record<string, unknown>[];
    expect(migrateTo(db, 140).to).toBe(140);
    const after = db.prepare('SELECT * FROM people ORDER BY id').all() as Record<string, unknown>[];
    const withoutParty = before.map(({ party_member: _, ...rest }) => rest);
    expect(after).toEqual([
      { ...withoutParty[0], political_status: '中共党员' },
      { ...withoutParty[1], political_status: '' },
    ]);
    const columns = (db.prepare('PRAGMA table_info(people)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('party_member');
    db.exec("UPDATE people SET political_status = '中共预备党员' WHERE id = 2");
    expect(() => db.exec("UPDATE people SET political_status = '党员' WHERE id = 2")).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
