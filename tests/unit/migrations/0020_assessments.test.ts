/** Version 20: schemes and their versions, criteria, evaluators, assessment months, scores and results. */
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../src/main/core/db/migrate';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0020 migration: assessments', () => {
  it('rows written at 10 are kept at 20, and the new tables exist and work with them', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 20);
    expect(schemaVersion(db)).toBe(10);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'community', '固戍社区', 'C', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at)
        VALUES (1, '2020-01-01', 2, '["网格员"]', '在岗', '入职', 'x');
      INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason)
        VALUES ('x', '测试', 'create', 'person', 1, NULL, '{}', '');`);
    const before = ['org_units', 'people', 'person_terms', 'audit_log'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());

    expect(migrateTo(db, 20)).toEqual({ from: 10, to: 20 });
    expect(['org_units', 'people', 'person_terms', 'audit_log'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    for (const t of ['schemes', 'scheme_versions', 'criteria', 'evaluators', 'assessment_months', 'month_members', 'scores', 'month_results']) {
      expect(strict).toContain(t);
    }
    // the new tables take rows that point at the old ones
    db.exec(`
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'draft', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO criteria (id, version_id, sort_order, category, name, kind, max_points) VALUES (1, 1, 1, '业务', '任务', 'score', 10000);
      UPDATE scheme_versions SET status = 'published' WHERE id = 1;
      INSERT INTO evaluators (id, name, created_at) VALUES (1, '甲', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-10', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (1, 1, 2, '网格员');
      INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES (1, 1, 1, 1, 9550, 'x');`);
    expect(db.prepare('SELECT value FROM scores').pluck().get()).toBe(9550);
    // a score for someone outside the month is refused by the foreign key
    expect(() =>
      db.exec("INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES (1, 2, 1, 1, 0, 'x')"),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("INSERT INTO assessment_months (scheme_id, version_id, period, status, opened_at) VALUES (1, 1, '2026-1', 'open', 'x')")).toThrow(/CHECK/);
  });
});
