/** Version 160: decisions on ties at a star quota line. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0160 migration: star quota ties', () => {
  it('runs and ratings written before 160 are kept; a decision names a real run and person; a published run’s are read-only', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 160);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO star_runs (id, rule_set_id, period, period_start, period_end, rules, status, created_at, computed_at)
        VALUES (1, 1, '2026-Q1', '2026-01-01', '2026-03-31', '{}', 'draft', 'x', 'x'),
               (2, 1, '2025-Q4', '2025-10-01', '2025-12-31', '{}', 'draft', 'x', 'x');
      INSERT INTO star_ratings (run_id, person_id, unit_id, average, months, computed_stars, stars, reason)
        VALUES (1, 1, 1, 9300, 3, 5, 5, '季度平均 93.00 分'), (2, 1, 1, 9000, 3, 4, 4, '季度平均 90.00 分');
      UPDATE star_runs SET status = 'published' WHERE id = 2;`);
    const before = ['star_runs', 'star_ratings'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY run_id`.replace('run_id', t === 'star_runs' ? 'id' : 'run_id')).all());
    expect(migrateTo(db, 160).to).toBe(160);
    expect(db.prepare('SELECT * FROM star_runs ORDER BY id').all()).toEqual(before[0]);
    expect(db.prepare('SELECT * FROM star_ratings ORDER BY run_id').all()).toEqual(before[1]);
    db.exec("INSERT INTO star_tie_decisions VALUES (1, 1, 1, '全季无差错', '管理员', 'x')");
    expect(db.prepare('SELECT keep, reason FROM star_tie_decisions').get()).toEqual({ keep: 1, reason: '全季无差错' });
    expect(() => db.exec("INSERT INTO star_tie_decisions VALUES (9, 1, 1, '理由', '管理员', 'x')")).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("INSERT INTO star_tie_decisions VALUES (1, 9, 1, '理由', '管理员', 'x')")).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("UPDATE star_tie_decisions SET reason = '' WHERE run_id = 1")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO star_tie_decisions VALUES (2, 1, 0, '理由', '管理员', 'x')")).toThrow(/read-only/);
  });
});
