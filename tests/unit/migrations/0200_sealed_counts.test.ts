/** Version 200: finalised months keep their counts; the log's time index carries the entity. */
import { describe, expect, it } from 'vitest';
import { monthSummary } from '../../../src/main/core/assessments/compute';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0200 migration: kept month counts and the log’s time index', () => {
  it('months finalised before 200 get the counts monthSummary gives; finalising keeps them, reopening drops them', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 200);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at) VALUES
        (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x'),
        (2, '李四', 'lisi', 'ls', '男', '440306199005150250', '1990-05-15', '2020-01-01', 'x', 'x'),
        (3, '王五', 'wangwu', 'ww', '男', '440306199005150276', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'draft', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO criteria (id, version_id, sort_order, category, name, kind, max_points) VALUES
        (1, 1, 1, '业务', '任务', 'score', 6000), (2, 1, 2, '业务', '台账', 'score', 4000), (3, 1, 3, '纪律', '考勤', 'deduction', 1000);
      UPDATE scheme_versions SET status = 'published' WHERE id = 1;
      INSERT INTO evaluators (id, name, created_at) VALUES (1, '甲', 'x'), (2, '乙', 'x'), (3, '丙', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-09', 'open', 'x'), (2, 1, 1, '2026-10', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role, exempt_reason) VALUES
        (1, 1, 1, '网格员', ''), (1, 2, 1, '网格员', ''), (1, 3, 1, '网格员', '病假'),
        (2, 1, 1, '网格员', ''), (2, 2, 1, '网格员', ''), (2, 3, 1, '网格员', '');
      INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES
        (1, 1, 3, 1, 5000, 'x'), (1, 1, 3, 2, 3000, 'x'), (1, 2, 1, 1, 5000, 'x'), (1, 2, 1, 2, 3000, 'x'), (1, 2, 2, 1, 4000, 'x'),
        (2, 1, 1, 1, 5000, 'x'), (2, 1, 1, 3, 1, 'x'), (2, 2, 2, 2, 3000, 'x'), (2, 2, 2, 1, 3000, 'x');
      UPDATE assessment_months SET status = 'finalised', finalised_at = 'x' WHERE id = 1;`);
    const before = db.prepare('SELECT * FROM assessment_months ORDER BY id').all();
    const counted = monthSummary(db, 1);
    expect(counted).toMatchObject({ members: 3, scored: 2, exempt: 1, evaluatorIds: [1, 2, 3] });

    expect(migrateTo(db, 200).to).toBe(200);
    const rows = db.prepare('SELECT * FROM assessment_months ORDER BY id').all() as Record<string, unknown>[];
    expect(rows.map(({ counts: _c, ...rest }) => rest)).toEqual(before);
    const kept = (id: number) => JSON.parse((db.prepare('SELECT counts FROM assessment_months WHERE id = ?').pluck().get(id) as string | null) ?? 'null') as unknown;
    expect(kept(1)).toEqual({ members: 3, scored: 2, exempt: 1, evaluatorIds: [1, 2, 3] });
    expect(kept(2)).toBeNull();

    // finalising keeps the counts of that moment; reopening drops them
    const open2 = monthSummary(db, 2);
    db.exec("UPDATE assessment_months SET status = 'finalised', finalised_at = 'y' WHERE id = 2");
    expect(kept(2)).toEqual({ members: open2.members, scored: open2.scored, exempt: open2.exempt, evaluatorIds: open2.evaluatorIds });
    expect(kept(2)).toEqual({ members: 3, scored: 1, exempt: 0, evaluatorIds: [1, 2] });
    db.exec("UPDATE assessment_months SET digest = 'd' WHERE id = 2");
    expect(kept(2)).not.toBeNull();
    db.exec("UPDATE assessment_months SET status = 'open', finalised_at = NULL WHERE id = 2");
    expect(kept(2)).toBeNull();
    expect(() => db.exec("UPDATE assessment_months SET counts = 'not json' WHERE id = 1")).toThrow(/CHECK/);

    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM audit_log INDEXED BY audit_log_at WHERE at >= 'a' AND at < 'b' AND entity IN ('score', 'recusal')")).toContain(
      'COVERING INDEX audit_log_at',
    );
  });
});
