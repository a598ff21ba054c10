/** Version 120: period assessment, recusals, reasons for extreme totals, appeals. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0120 migration: periods, rater rules, appeals', () => {
  it('rows written at 110 are kept at 120; the new tables are STRICT and a finalised month or period is read-only', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 120);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'published', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO evaluators (id, name, created_at) VALUES (1, '甲', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-10', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (1, 1, 1, '网格员');`);
    const tables = ['people', 'scheme_versions', 'assessment_months', 'month_members'];
    const before = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all() as Record<string, unknown>[]);
    expect(migrateTo(db, 120).to).toBe(120);
    const after = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all() as Record<string, unknown>[]);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.map(({ reason_high, reason_low, ...rest }) => [rest, reason_high, reason_low])).toEqual(before[1]!.map((r) => [r, null, null]));
    expect(after.slice(2)).toEqual(before.slice(2));
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1").pluck().all();
    for (const t of ['period_schemes', 'period_scheme_versions', 'period_assessments', 'period_members', 'appraisal_ballots', 'period_tie_decisions', 'period_results', 'recusals', 'sheet_reasons', 'appeals']) {
      expect(strict).toContain(t);
    }
    db.exec(`
      INSERT INTO recusals (month_id, person_id, evaluator_id, reason, created_by, created_at) VALUES (1, 1, 1, '亲属关系', '管理员', 'x');
      INSERT INTO sheet_reasons (month_id, person_id, evaluator_id, reason) VALUES (1, 1, 1, '全年无差错');
      INSERT INTO period_schemes (id, name, kind, created_at) VALUES (1, '年度考核', 'year', 'x');
      INSERT INTO period_scheme_versions (id, period_scheme_id, version, status, roles, month_scheme_id, rules, created_at) VALUES (1, 1, 1, 'draft', '["网格员"]', 1, '{}', 'x');
      INSERT INTO period_assessments (id, period_scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026', 'open', 'x');
      INSERT INTO period_members (period_id, person_id, unit_id, role) VALUES (1, 1, 1, '网格员');
      INSERT INTO appraisal_ballots (period_id, person_id, evaluator_id, ballot, updated_at) VALUES (1, 1, 1, '称职', 'x');
      INSERT INTO appeals (target, target_id, person_id, filed_on, filed_by, reason, status) VALUES ('month', 1, 1, '2026-11-05', '张三', '考勤记录有误', 'open');`);
    expect(() => db.exec("INSERT INTO appraisal_ballots (period_id, person_id, evaluator_id, ballot, updated_at) VALUES (1, 1, 1, '良好', 'x')")).toThrow(/CHECK|UNIQUE/);
    expect(() => db.exec("INSERT INTO period_assessments (period_scheme_id, version_id, period, status, opened_at) VALUES (1, 1, '2026-13', 'open', 'x')")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE appeals SET status = 'upheld'")).toThrow(/CHECK/); // a review needs its time
    db.exec("UPDATE period_scheme_versions SET status = 'published' WHERE id = 1");
    expect(() => db.exec("UPDATE period_scheme_versions SET rules = '{\"x\":1}'")).toThrow(/read-only/);
    db.exec("UPDATE assessment_months SET status = 'finalised' WHERE id = 1; UPDATE period_assessments SET status = 'finalised' WHERE id = 1");
    expect(() => db.exec('DELETE FROM recusals')).toThrow(/read-only/);
    expect(() => db.exec("UPDATE sheet_reasons SET reason = '改'")).toThrow(/read-only/);
    expect(() => db.exec("UPDATE appraisal_ballots SET ballot = '优秀'")).toThrow(/read-only/);
  });
});
