import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/contract';
import type { AuditPage, AuditRow } from '../../src/shared/contract/audit';
import { auditFieldRows, shanghaiDayStartUtc } from '../../src/shared/domain/audit';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore } from './helpers';

/** A clock the test moves: entries get the time it shows. */
function clock(start: string) {
  let now = new Date(start);
  return { now: () => now, set: (iso: string) => (now = new Date(iso)) };
}

async function setup(start = '2026-11-23T02:00:00.000Z') {
  const c = clock(start);
  const t = await openTestCore({ now: c.now });
  const tree = await buildSmallTree(t);
  const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
  const li = await addPerson(t, tree.b.id, '李四', ['网格员']);
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const scheme = await publishScheme(t, '测试方案', {
    roles: ['网格员'],
    criteria: [
      { category: '业务工作', name: '任务完成情况', kind: 'score', max: 9000 },
      { category: '工作纪律', name: '考勤', kind: 'deduction', max: 1000, perUnit: 200 },
    ],
  });
  const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const criterion = (name: string) => scheme.criteria.find((x) => x.name === name)!.id;
  const score = (personId: number, name: string, value: number | null, note = '') =>
    t.call('assessments.saveScores', { monthId: month.id, evaluatorId: evaluator, cells: [{ personId, criterionId: criterion(name), value, note }] });
  return { t, c, tree, zhang, li, evaluator, month, score, criterion };
}

/** Every entry the filters match, page by page. */
async function all(t: TestCore, filters: Record<string, unknown>, limit = 100): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let before: number | null = null;
  for (;;) {
    const page: AuditPage = await t.call('audit.list', { ...filters, before, limit });
    rows.push(...page.rows);
    if (page.next === null) return rows;
    expect(page.rows).toHaveLength(limit);
    before = page.next;
  }
}

describe('audit.list', () => {
  it('shows entries written by real calls, newest first, each with a Chinese summary and its raw values', async () => {
    const { t, tree, zhang, li, score } = await setup();
    await score(zhang, '任务完成情况', 1800);
    await score(zhang, '任务完成情况', 2000);
    await score(zhang, '考勤', 1, '缺席例会');
    const rule = (await t.call('points.rules', {})).find((r) => r.name === '化解矛盾纠纷')!;
    const posted = await t.call('points.post', { ruleId: rule.id, date: '2026-11-02', lines: [{ personId: zhang, quantity: 100 }] });
    await t.call('points.reverse', { entryId: posted.entries[0]!.id, reason: '重复录入' });
    await t.call('people.transfer', { id: li, unitId: tree.c.id, date: '2026-11-01', reason: '工作需要' });

    const { rows, next } = await t.call('audit.list', {});
    expect(next).toBeNull();
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => b - a));
    const summaries = rows.map((r) => r.summary);
    expect(summaries.slice(0, 6)).toEqual([
      '李四 · 调动：固戍社区 / 第02网格 → 河西社区 / 第01网格',
      '张三 · 冲销 积分 +2（化解矛盾纠纷）',
      '张三 · 录入 积分 +2（化解矛盾纠纷）',
      '张三 · 考勤：空 → 1次，说明：缺席例会（2026-10 · 考核人甲）',
      '张三 · 任务完成情况：18 → 20（2026-10 · 考核人甲）',
      '张三 · 任务完成情况：空 → 18（2026-10 · 考核人甲）',
    ]);
    expect(summaries).toContain('月份 2026-10 开启（测试方案）');
    expect(summaries).toContain('发布方案“测试方案”第1版');
    expect(summaries).toContain('新增人员 张三（固戍社区 / 第01网格）');
    expect(summaries).toContain('新增单位 固戍社区');

    const [transfer, reversal, , , change] = rows;
    expect(transfer).toMatchObject({ actor: '测试', action: 'transfer', actionLabel: '调动', kind: 'people', kindLabel: '人员', reason: '工作需要', names: { personId: '李四' } });
    expect(reversal).toMatchObject({ action: 'reverse', kindLabel: '积分', reason: '重复录入', oldValue: { points: 200 } });
    expect(change).toMatchObject({
      kind: 'score',
      kindLabel: '考核打分',
      actionLabel: '打分',
      at: '2026-11-23T02:00:00.000Z',
      oldValue: { personId: zhang, value: 1800 },
      newValue: { personId: zhang, value: 2000 },
      names: { personId: '张三', criterionId: '任务完成情况', evaluatorId: '考核人甲' },
      display: { old: { value: '18' }, new: { value: '20' } },
    });
    expect(reversal!.display).toEqual({ old: { points: '+2' }, new: { points: '-2' } });
    const fields = auditFieldRows(change!.oldValue, change!.newValue, change!.names, change!.display);
    expect(fields.find((f) => f.key === 'value')).toEqual({ key: 'value', label: '分值', old: '18', new: '20', changed: true });
    expect(fields.find((f) => f.key === 'criterionId')).toMatchObject({ label: '考核项目', old: `任务完成情况（${(change!.newValue as { criterionId: number }).criterionId}）` });
  });

  it('filters by kind, action, actor, person and reason', async () => {
    const { t, zhang, li, score } = await setup();
    await score(zhang, '任务完成情况', 1800);
    await score(li, '任务完成情况', 1700);
    const rule = (await t.call('points.rules', {})).find((r) => r.name === '化解矛盾纠纷')!;
    const posted = await t.call('points.post', { ruleId: rule.id, date: '2026-11-02', lines: [{ personId: zhang, quantity: 100 }, { personId: li, quantity: 100 }] });
    await t.call('points.reverse', { entryId: posted.entries[0]!.id, reason: '录错人员' });
    const other = await t.raw('people.leave', { id: li, date: '2026-11-10', reason: '个人原因辞职' }, { name: '文书小王', role: 'admin' });
    expect(other.ok).toBe(true);

    const points = await all(t, { kind: 'points' });
    expect(points.map((r) => r.action)).toEqual(['reverse', 'post', 'post']);
    expect((await all(t, { kind: 'score' })).map((r) => r.summary)).toEqual([
      '李四 · 任务完成情况：空 → 17（2026-10 · 考核人甲）',
      '张三 · 任务完成情况：空 → 18（2026-10 · 考核人甲）',
      '新增考核人 考核人甲',
    ]);
    expect((await all(t, { action: 'leave' })).map((r) => r.summary)).toEqual(['李四 · 离岗']);
    expect((await all(t, { actor: '文书小王' })).map((r) => r.summary)).toEqual(['李四 · 离岗']);
    expect(await t.call('audit.actors', {})).toEqual(['文书小王', '测试'].sort());
    expect((await all(t, { text: '录错' })).map((r) => r.action)).toEqual(['reverse']);
    expect(await all(t, { text: '100%' })).toEqual([]);

    // About 张三: his own record, his scores, his point entry and its reversal (which names only the entry).
    const his = await all(t, { personId: zhang });
    expect(his.map((r) => r.summary)).toEqual([
      '张三 · 冲销 积分 +2（化解矛盾纠纷）',
      '张三 · 录入 积分 +2（化解矛盾纠纷）',
      '张三 · 任务完成情况：空 → 18（2026-10 · 考核人甲）',
      '新增人员 张三（固戍社区 / 第01网格）',
    ]);
    expect((await all(t, { personId: li, kind: 'points' })).map((r) => r.summary)).toEqual(['李四 · 录入 积分 +2（化解矛盾纠纷）']);
    expect(await all(t, { personId: zhang, actor: '文书小王' })).toEqual([]);
  });

  it('reads the date range as days in Shanghai across the UTC day boundary', async () => {
    const { t, c, zhang, score } = await setup('2026-11-20T02:00:00.000Z');
    c.set('2026-11-22T15:59:59.000Z'); // 2026-11-22 23:59:59 in Shanghai
    await score(zhang, '任务完成情况', 1000);
    c.set('2026-11-22T16:00:00.000Z'); // 2026-11-23 00:00:00 in Shanghai, still the 22nd in UTC
    await score(zhang, '任务完成情况', 1100);
    c.set('2026-11-23T15:59:59.999Z');
    await score(zhang, '任务完成情况', 1200);
    c.set('2026-11-23T16:00:00.000Z');
    await score(zhang, '任务完成情况', 1300);

    const values = async (f: Record<string, unknown>) => (await all(t, { ...f, kind: 'score', action: 'score' })).map((r) => (r.newValue as { value: number }).value);
    expect(await values({ from: '2026-11-23', to: '2026-11-23' })).toEqual([1200, 1100]);
    expect(await values({ from: '2026-11-22', to: '2026-11-22' })).toEqual([1000]);
    expect(await values({ from: '2026-11-24' })).toEqual([1300]);
    expect(await values({ to: '2026-11-22' })).toEqual([1000]);
    expect(shanghaiDayStartUtc('2026-11-23')).toBe('2026-11-22T16:00:00.000Z');
    expect(await t.callError('audit.list', { from: '2026-11-24', to: '2026-11-23' })).toMatchObject({ code: 'VALIDATION', message: '截止日期不能早于起始日期' });
    expect(await t.callError('audit.list', { from: '2026-11-31' })).toMatchObject({ message: '起始日期不是有效的日期' });
  });

  it('pages by keyset: every entry exactly once, in order, whatever the page size and filters', async () => {
    const { t, zhang, li, month, evaluator, criterion } = await setup();
    for (let v = 0; v < 60; v++) {
      await t.call('assessments.saveScores', {
        monthId: month.id,
        evaluatorId: evaluator,
        cells: [
          { personId: zhang, criterionId: criterion('任务完成情况'), value: (v % 90) * 100 + 50 },
          { personId: li, criterionId: criterion('任务完成情况'), value: (v % 90) * 100 },
        ],
      });
    }
    const ids = t.core.db.prepare('SELECT id FROM audit_log ORDER BY id DESC').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(130);
    for (const limit of [1, 7, 50, 1000]) expect((await all(t, {}, limit)).map((r) => r.id)).toEqual(ids);
    const scoreIds = t.core.db.prepare("SELECT id FROM audit_log WHERE entity IN ('score', 'month_member', 'evaluator') ORDER BY id DESC").pluck().all();
    expect((await all(t, { kind: 'score' }, 9)).map((r) => r.id)).toEqual(scoreIds);
    const zhangIds = t.core.db.prepare("SELECT id FROM audit_log WHERE (entity = 'person' AND entity_id = ?) OR json_extract(new_value, '$.personId') = ? ORDER BY id DESC").pluck().all(zhang, zhang);
    expect(zhangIds).toHaveLength(61);
    expect((await all(t, { personId: zhang }, 8)).map((r) => r.id)).toEqual(zhangIds);
  });

  it('is read-only for every role, and the log stays append-only', async () => {
    const { t, zhang, score } = await setup();
    await score(zhang, '任务完成情况', 1800);
    const count = () => t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = count();
    for (const role of ['admin', 'evaluator', 'secretary'] as const) {
      const r = await t.raw('audit.list', { personId: zhang }, { name: `某${role}`, role });
      expect(r.ok).toBe(true);
      expect((await t.raw('audit.actors', {}, { name: 'x', role })).ok).toBe(true);
    }
    expect(count()).toBe(before);
    // audit.verify reads in batches, letting calls through between them: outside one transaction, but it writes nothing
    for (const name of Object.keys(contract).filter((n) => n.startsWith('audit.') && n !== 'audit.verify')) {
      expect(contract[name as keyof typeof contract].tx).toBe('read');
    }
    expect(() => t.core.db.prepare('UPDATE audit_log SET reason = ? WHERE id = 1').run('改')).toThrow('audit_log is append-only');
    expect(() => t.core.db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow('audit_log is append-only');
    // Saving the same value again changes nothing and records nothing.
    await score(zhang, '任务完成情况', 1800);
    expect(count()).toBe(before);
  });
});

describe('auditFieldRows', () => {
  it('sets old and new side by side with Chinese labels and what the ids stand for', () => {
    const rows = auditFieldRows({ personId: 3, value: 1800, note: '' }, { personId: 3, value: 2000, note: '补录' }, { personId: '张三' });
    expect(rows).toEqual([
      { key: 'personId', label: '人员', old: '张三（3）', new: '张三（3）', changed: false },
      { key: 'value', label: '分值', old: '1800', new: '2000', changed: true },
      { key: 'note', label: '说明', old: '', new: '补录', changed: true },
    ]);
    expect(auditFieldRows(null, { name: '甲', extra: true })).toEqual([
      { key: 'name', label: '名称', old: null, new: '甲', changed: false },
      { key: 'extra', label: 'extra', old: null, new: '是', changed: false },
    ]);
    expect(auditFieldRows({ roles: ['网格员'] }, { roles: ['网格员', '楼栋长'] })[0]).toMatchObject({ label: '岗位', old: '网格员', new: '网格员、楼栋长' });
    expect(auditFieldRows('a', 'b')).toEqual([{ key: '', label: '值', old: 'a', new: 'b', changed: true }]);
  });
});
