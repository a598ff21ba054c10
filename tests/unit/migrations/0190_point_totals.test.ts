/** Version 190: the points ledger's running totals, filled from the entries already written, and kept after. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0190 migration: running totals of the points ledger', () => {
  it('entries written before 190 are kept and added up; entries written after are added as they come', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 190);
    db.exec(`
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x'),
               (2, '李四', 'lisi', 'ls', '男', '440306199005150250', '1990-05-15', '2020-01-01', 'x', 'x');`);
    const rule = (name: string) => db.prepare('SELECT id FROM point_rules WHERE name = ?').pluck().get(name) as number;
    const insert = db.prepare(
      `INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, reverses_id, entered_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, '管理员', 'x')`,
    );
    const mediate = rule('化解矛盾纠纷');
    const absent = rule('无故缺勤');
    insert.run('2025-12-30', 1, mediate, 100, 200, 200, null); // 1
    insert.run('2026-01-05', 1, mediate, 200, 400, 400, null); // 2
    insert.run('2026-01-06', 1, absent, 100, -200, -200, null); // 3
    insert.run('2026-02-01', 2, mediate, 100, 200, 200, null); // 4
    insert.run('2026-01-05', 1, mediate, -200, -400, -400, 2); // 5 reverses 2
    const before = db.prepare('SELECT * FROM point_entries ORDER BY id').all();

    expect(migrateTo(db, 190).to).toBe(190);
    expect(db.prepare('SELECT * FROM point_entries ORDER BY id').all()).toEqual(before);
    const totals = () =>
      db.prepare("SELECT period || '/' || person_id AS k, rows, points, live, plus, minus FROM point_totals ORDER BY period, person_id").all();
    expect(totals()).toEqual([
      { k: '/1', rows: 4, points: 0, live: 2, plus: 200, minus: -200 },
      { k: '/2', rows: 1, points: 200, live: 1, plus: 200, minus: 0 },
      { k: '2025/1', rows: 1, points: 200, live: 1, plus: 200, minus: 0 },
      { k: '2025-12/1', rows: 1, points: 200, live: 1, plus: 200, minus: 0 },
      { k: '2026/1', rows: 3, points: -200, live: 1, plus: 0, minus: -200 },
      { k: '2026/2', rows: 1, points: 200, live: 1, plus: 200, minus: 0 },
      { k: '2026-01/1', rows: 3, points: -200, live: 1, plus: 0, minus: -200 },
      { k: '2026-02/2', rows: 1, points: 200, live: 1, plus: 200, minus: 0 },
    ]);

    // written after: the absence reversed, a new entry for 李四
    insert.run('2026-01-06', 1, absent, -100, 200, 200, 3);
    insert.run('2026-02-03', 2, absent, 50, -100, -100, null);
    const k = (key: string) => (totals() as { k: string }[]).find((r) => r.k === key);
    expect(k('2026-01/1')).toEqual({ k: '2026-01/1', rows: 4, points: 0, live: 0, plus: 0, minus: 0 });
    expect(k('/1')).toEqual({ k: '/1', rows: 5, points: 200, live: 1, plus: 200, minus: 0 });
    expect(k('2026-02/2')).toEqual({ k: '2026-02/2', rows: 2, points: 100, live: 2, plus: 200, minus: -100 });
    // a refused entry adds nothing
    expect(() => insert.run('2026-01-06', 1, absent, -100, 200, 200, 3)).toThrow(/UNIQUE|reversal/);
    expect(k('2026-01/1')).toMatchObject({ rows: 4 });
    expect(() => db.exec("INSERT INTO point_totals VALUES ('2026-1', 1, 0, 0, 0, 0, 0)")).toThrow(/CHECK/);

    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT id FROM point_entries WHERE person_id = 1 AND reverses_id IS NOT NULL')).toContain('point_entries_reversals');
    expect(plan("SELECT sum(points) FROM point_totals WHERE period = ''")).toContain('PRIMARY KEY');
  });
});
