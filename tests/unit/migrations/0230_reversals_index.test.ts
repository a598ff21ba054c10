/** Version 230: a person's reversing point entries are found, with the entries they reverse, from the index alone. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0230 migration: the reversals index carries the entry reversed', () => {
  it('keeps the reversing entries and answers a person’s reversals without reading the table', () => {
    const db = tempDb();
    migrateBelow(db, 230);
    db.exec(`
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '110101199001011237', '1990-01-01', '2020-01-01', 'x', 'x');
      INSERT INTO point_rules (id, name, points_per_unit, unit, valid_from, created_at) VALUES (901, '规则', 200, '次', '2020-01-01', 'x');
      INSERT INTO point_entries (id, date, person_id, rule_id, quantity, points, uncapped, source, entered_by, created_at)
        VALUES (1, '2026-01-05', 1, 901, 100, 200, 200, 'manual', '甲', 'x');
      INSERT INTO point_entries (id, date, person_id, rule_id, quantity, points, uncapped, source, note, reverses_id, entered_by, created_at)
        VALUES (2, '2026-01-05', 1, 901, -100, -200, -200, 'manual', '录错', 1, '甲', 'x');
    `);
    expect(migrateTo(db, 230).to).toBe(230);
    const sql = 'SELECT reverses_id FROM point_entries WHERE person_id = ? AND reverses_id IS NOT NULL';
    expect(db.prepare(sql).pluck().all(1)).toEqual([1]);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('USING COVERING INDEX point_entries_reversals');
  });
});
