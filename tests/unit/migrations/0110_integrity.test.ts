/** Version 110: the audit log hash-chained, finalised months digested and sealed. */
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../src/main/core/audit/chain';
import { monthDigest } from '../../../src/main/core/assessments/digest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0110 migration: tamper evidence', () => {
  it('rows written at 100 are kept at 110, chained in order, and finalised months digested as the live code digests them', async () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 110);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'community', '固戍社区', 'C', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'draft', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO criteria (id, version_id, sort_order, category, name, kind, max_points) VALUES (1, 1, 1, '业务', '任务', 'score', 10000);
      UPDATE scheme_versions SET status = 'published' WHERE id = 1;
      INSERT INTO evaluators (id, name, created_at) VALUES (1, '甲', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-09', 'open', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (2, 1, 1, '2026-10', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (1, 1, 2, '网格员'), (2, 1, 2, '网格员');
      INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES (1, 1, 1, 1, 9550, 'x'), (2, 1, 1, 1, 8800, 'x');
      INSERT INTO month_results (month_id, person_id, total, grade, veto) VALUES (1, 1, 9550, '优秀', 0);
      UPDATE assessment_months SET status = 'finalised' WHERE id = 1;`);
    const insert = db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('2026-10-01T00:00:00.000Z', '管理员', 'create', 'person', 1, null, '{"name":"张三"}', '');
    insert.run('2026-10-02T00:00:00.000Z', '管理员', 'score', 'score', 1, null, '{"personId":1,"value":9550}', '');
    insert.run('2026-10-03T00:00:00.000Z', '管理员', 'finalise', 'assessment_month', 1, null, '{}', '');
    const tables = ['people', 'assessment_months', 'month_members', 'scores', 'month_results', 'audit_log'];
    const before = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all() as Record<string, unknown>[]);

    expect(migrateTo(db, 110).to).toBe(110);
    const after = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all() as Record<string, unknown>[]);
    const without = (rows: Record<string, unknown>[], ...keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
    expect(without(after[0]!)).toEqual(before[0]);
    expect(without(after[1]!, 'digest')).toEqual(before[1]);
    expect(after.slice(2, 5)).toEqual(before.slice(2, 5));
    expect(without(after[5]!, 'hash').slice(0, 3)).toEqual(before[5]);

    // the open month has no digest; the finalised one has the live code's, sealed in one appended audit row
    expect(db.prepare('SELECT id, digest FROM assessment_months ORDER BY id').all()).toEqual([
      { id: 1, digest: monthDigest(db, 1) },
      { id: 2, digest: '' },
    ]);
    const seal = db.prepare("SELECT actor, action, new_value FROM audit_log WHERE action = 'seal'").get() as { actor: string; new_value: string };
    expect(JSON.parse(seal.new_value)).toEqual({ months: { '1': monthDigest(db, 1) } });

    // the chain the migration wrote is the chain the live code checks and (in the log as it is kept now) extends
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 4 });
    expect(() => db.exec("UPDATE audit_log SET hash = 'x'")).toThrow(/append-only/);
    migrateTo(db, 170);
    appendAudit(db, [{ at: '2026-11-01T00:00:00.000Z', actor: '管理员', action: 'update', entity: 'person', entity_id: 1, old_value: null, new_value: '{}', reason: '' }]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 5 });
  });

  it('an empty store gets the columns and no seal', async () => {
    const db = tempDb();
    migrateTo(db, 110);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0, head: { id: 0, hash: '' } });
  });
});
