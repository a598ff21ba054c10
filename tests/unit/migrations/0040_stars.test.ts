/** Version 40: star rule sets, runs and ratings (read-only once published), and discipline records. */
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../src/main/core/db/migrate';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0040 migration: star ratings and discipline records', () => {
  it('rows written at 30 are kept at 40; the default rule set is there; a published run is read-only', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 40);
    expect(schemaVersion(db)).toBeLessThan(40);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'grid_basic', '第01网格', 'G', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'published', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-07', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (1, 1, 2, '网格员');
      INSERT INTO month_results (month_id, person_id, total, grade, veto) VALUES (1, 1, 9550, '优秀', 0);
      UPDATE assessment_months SET status = 'finalised' WHERE id = 1;`);
    const tables = ['org_units', 'people', 'assessment_months', 'month_members', 'month_results'];
    const before = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());

    expect(migrateTo(db, 40).to).toBe(40);
    expect(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    for (const t of ['star_rule_sets', 'star_runs', 'star_ratings', 'star_grid_ratings', 'discipline_records']) expect(strict).toContain(t);
    expect(db.prepare('SELECT name, period_kind, method, veto_cap, criticism_blocks_upgrade, dynamic FROM star_rule_sets').all()).toEqual([
      { name: '季度星级评定', period_kind: 'quarter', method: 'thresholds', veto_cap: 1, criticism_blocks_upgrade: 1, dynamic: 1 },
    ]);
    db.exec(`
      INSERT INTO star_runs (id, rule_set_id, period, period_start, period_end, rules, status, created_at, computed_at)
        VALUES (1, 1, '2026-Q3', '2026-07-01', '2026-09-30', '{}', 'draft', 'x', 'x');
      INSERT INTO star_ratings (run_id, person_id, unit_id, average, months, computed_stars, stars, reason)
        VALUES (1, 1, 2, 9550, 1, 4, 4, '季度平均 95.50 分 → 4★');
      INSERT INTO star_grid_ratings (run_id, unit_id, workers, mean, stars) VALUES (1, 2, 1, 400, 4);
      INSERT INTO discipline_records (person_id, date, kind, reason, created_by, created_at) VALUES (1, '2026-08-01', '通报批评', '巡查脱岗', '测试', 'x');
      UPDATE star_ratings SET stars = 5, override_reason = '表现突出' WHERE run_id = 1;
      UPDATE star_runs SET status = 'published' WHERE id = 1;`);
    expect(() => db.exec('UPDATE star_ratings SET stars = 3')).toThrow(/read-only/);
    expect(() => db.exec('DELETE FROM star_grid_ratings')).toThrow(/read-only/);
    expect(() => db.exec("UPDATE star_runs SET status = 'draft'")).toThrow(/read-only/);
    expect(() => db.exec("INSERT INTO star_runs (rule_set_id, period, period_start, period_end, rules, status, created_at, computed_at) VALUES (1, '2026-7', 'a', 'b', '{}', 'draft', 'x', 'x')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO discipline_records (person_id, date, kind, reason, created_by, created_at) VALUES (1, '2026-08-01', '表扬', 'x', 'x', 'x')")).toThrow(/CHECK/);
  });
});
