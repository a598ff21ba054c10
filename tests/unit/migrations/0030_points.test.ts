/** Version 30: points rules and the append-only points ledger. */
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../src/main/core/db/migrate';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0030 migration: points', () => {
  it('rows written at 20 are kept at 30; the ledger is STRICT, append-only, and starts with the default rules', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 30);
    expect(schemaVersion(db)).toBe(20);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at)
        VALUES (1, '2020-01-01', 1, '["网格员"]', '在岗', '入职', 'x');
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'published', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-10', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (1, 1, 1, '网格员');`);
    const tables = ['org_units', 'people', 'person_terms', 'schemes', 'scheme_versions', 'assessment_months', 'month_members'];
    const before = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());

    expect(migrateTo(db, 30)).toEqual({ from: 20, to: 30 });
    expect(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    expect(strict).toEqual(expect.arrayContaining(['point_rules', 'point_entries']));
    expect(db.prepare('SELECT count(*) FROM point_rules').pluck().get()).toBeGreaterThanOrEqual(12);
    db.exec(`INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, entered_by, created_at)
             VALUES ('2026-10-08', 1, 1, 100, 50, 50, 'manual', '测试', 'x')`);
    expect(() => db.exec('UPDATE point_entries SET points = 0')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM point_entries')).toThrow(/append-only/);
    expect(() =>
      db.exec(`INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, entered_by, created_at)
               VALUES ('2026-10-08', 2, 1, 100, 50, 50, 'manual', '测试', 'x')`),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(`INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, entered_by, created_at)
               VALUES ('2026-10-08', 1, 1, 100, 50, 50, 'other', '测试', 'x')`),
    ).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO point_rules (name, points_per_unit, unit, cap, valid_from, created_at) VALUES ('x', 100, '次', 500, '2026-01-01', 'x')")).toThrow(
      /CHECK/,
    );
  });
});
