/** 申诉复核: appeals against a finalised month's (or period's) result, filed within the window, reviewed 维持 or 更正. */
import { describe, expect, it } from 'vitest';
import type { HomeView } from '../../src/shared/contract/analysis';
import type { AppealRow } from '../../src/shared/contract/appeals';
import { DEFAULT_PERIOD_RULES } from '../../src/shared/domain/periods';
import { DEFAULT_BANDS } from '../../src/shared/domain/scoring';
import { addPerson, buildSmallTree, FIXED_NOW, openTestCore, publishScheme, type TestCore } from './helpers';

const DAY = 86_400_000;

/** A street with 张三 and 李四 (固戍社区) and 王五 (河西社区), a month 2026-10 scored by one evaluator and finalised on 2026-11-23. */
async function finalisedMonth(options: { finalise?: boolean } = {}) {
  let now = FIXED_NOW;
  const t = await openTestCore({ now: () => now });
  const setDay = (days: number) => (now = new Date(FIXED_NOW.getTime() + days * DAY));
  const tree = await buildSmallTree(t);
  const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
  const li = await addPerson(t, tree.b.id, '李四', ['网格员']);
  const wang = await addPerson(t, tree.c.id, '王五', ['网格员']);
  const scheme = await publishScheme(t, '网格员月度考核', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }] });
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const task = scheme.criteria[0]!.id;
  const score = (personId: number, value: number) => t.call('assessments.saveScores', { monthId: month.id, evaluatorId: evaluator, cells: [{ personId, criterionId: task, value }] });
  await score(zhang, 7500);
  await score(li, 8800);
  await score(wang, 9000);
  if (options.finalise !== false) await t.call('assessments.finalise', { monthId: month.id });
  return { t, setDay, tree, zhang, li, wang, month, evaluator, task, score };
}

const file = (t: TestCore, personId: number, monthId: number, reason = '任务完成情况漏记了两项') => t.call('appeals.file', { personId, monthId, reason });

describe('filing an appeal', () => {
  it('is recorded against a finalised month within the window, audited, and listed as open', async () => {
    const { t, zhang, month } = await finalisedMonth();
    const appeal = await file(t, zhang, month.id);
    expect(appeal).toMatchObject({ target: 'month', targetId: month.id, subject: '2026-10 网格员月度考核', name: '张三', unitPath: '固戍社区 / 第01网格', total: 7500, status: 'open', filedOn: '2026-11-23', filedBy: '测试' });
    expect((await t.call('appeals.list', {})).map((a) => a.id)).toEqual([appeal.id]);
    const log = await t.call('audit.list', { kind: 'appeals' });
    expect(log.rows.map((r) => [r.actionLabel, r.summary, r.reason])).toEqual([['提出申诉', `张三 · 申诉#${appeal.id}（2026-10 网格员月度考核）：提出申诉`, '任务完成情况漏记了两项']]);
  });

  it('is refused past the window (15 days unless set), with a Chinese message naming the last day', async () => {
    const { t, setDay, zhang, li, month } = await finalisedMonth();
    setDay(15); // 2026-12-08: the last day
    expect((await t.call('appeals.targets', { personId: zhang })).map((x) => [x.subject, x.lastDay])).toEqual([['2026-10 网格员月度考核', '2026-12-08']]);
    await file(t, zhang, month.id);
    setDay(16);
    const late = await t.callError('appeals.file', { personId: li, monthId: month.id, reason: '不服' });
    expect(late).toMatchObject({ code: 'VALIDATION', message: '已超过申诉期限：2026-10 网格员月度考核于2026-11-23归档，应在15天内（2026-12-08前）提出申诉' });
    expect(late.issues?.[0]?.field).toBe('monthId');
    expect(await t.call('appeals.targets', { personId: li })).toEqual([]);
    // the window is a setting
    await t.call('settings.saveAppeals', { appealDays: 30 });
    expect((await t.call('appeals.file', { personId: li, monthId: month.id, reason: '不服' })).status).toBe('open');
    expect((await t.callError('settings.saveAppeals', { appealDays: 0 })).message).toBe('申诉期限至少1天');
  });

  it('is refused for a month not finalised, a person not assessed in it, and a second open appeal', async () => {
    const { t, zhang, month, tree } = await finalisedMonth({ finalise: false });
    expect((await t.callError('appeals.file', { personId: zhang, monthId: month.id, reason: '不服' })).message).toBe('2026-10 网格员月度考核尚未归档，结果还没有确定，不能申诉');
    await t.call('assessments.finalise', { monthId: month.id });
    const newcomer = await addPerson(t, tree.a.id, '赵六', ['网格员'], { hireDate: '2026-11-20' });
    expect((await t.callError('appeals.file', { personId: newcomer, monthId: month.id, reason: '不服' })).message).toBe('赵六不是2026-10 网格员月度考核的考核对象，不能对其结果申诉');
    const first = await file(t, zhang, month.id);
    expect((await t.callError('appeals.file', { personId: zhang, monthId: month.id, reason: '再申诉一次' })).message).toBe(`张三对2026-10 网格员月度考核已有待复核的申诉（申诉#${first.id}），请先复核该申诉`);
    expect((await t.callError('appeals.file', { personId: zhang, reason: '不服' })).message).toBe('请选择申诉的考核月份或考核期间（只选一项）');
    expect((await t.callError('appeals.file', { personId: zhang, monthId: month.id, reason: ' ' })).message).toBe('请填写申诉理由');
  });
});

describe('reviewing an appeal', () => {
  it('维持: the result stands, the reason is required and recorded, and it is reviewed once only', async () => {
    const { t, zhang, month } = await finalisedMonth();
    const appeal = await file(t, zhang, month.id);
    expect((await t.callError('appeals.review', { appealId: appeal.id, decision: 'uphold', reason: '' })).message).toBe('请填写复核意见');
    const upheld = await t.call('appeals.review', { appealId: appeal.id, decision: 'uphold', reason: '经核实，评分有据' });
    expect(upheld).toMatchObject({ status: 'upheld', reviewer: '测试', reviewReason: '经核实，评分有据', targetStatus: 'finalised', total: 7500 });
    expect(upheld.reviewedAt).toBe(FIXED_NOW.toISOString());
    expect((await t.call('assessments.months', {}))[0]!.status).toBe('finalised');
    expect(await t.call('appeals.list', {})).toEqual([]);
    expect((await t.call('appeals.list', { status: 'all' })).map((a) => a.status)).toEqual(['upheld']);
    expect((await t.callError('appeals.review', { appealId: appeal.id, decision: 'correct', reason: '改判' })).message).toBe(`申诉#${appeal.id}已于2026-11-23复核（已维持），不能再次复核`);
    // a new appeal may be filed once the first is reviewed
    expect((await file(t, zhang, month.id, '补充材料')).status).toBe('open');
  });

  it('更正: reopens the month naming the appeal; the score is changed and the month finalised again; the chain is linked in 操作日志', async () => {
    const { t, zhang, month, score } = await finalisedMonth();
    const appeal = await file(t, zhang, month.id);
    const corrected = await t.call('appeals.review', { appealId: appeal.id, decision: 'correct', reason: '漏记两项任务，应加5分' });
    expect(corrected).toMatchObject({ status: 'corrected', targetStatus: 'open', total: null });
    const reopened = await t.call('audit.list', { kind: 'month', action: 'reopen' });
    expect(reopened.rows[0]!.reason).toBe(`申诉#${appeal.id} 更正：漏记两项任务，应加5分`);

    await score(zhang, 8000);
    await t.call('assessments.finalise', { monthId: month.id });
    expect((await t.call('appeals.list', { status: 'all' }))[0]).toMatchObject({ status: 'corrected', targetStatus: 'finalised', total: 8000 });
    const finalise = (await t.call('audit.list', { kind: 'month', action: 'finalise' })).rows[0]!;
    expect(finalise.newValue).toMatchObject({ appeals: [appeal.id] });
    expect(finalise.reason).toBe(`更正申诉#${appeal.id}后重新归档`);
    expect(finalise.summary).toBe(`月份 2026-10 归档（网格员月度考核），更正申诉#${appeal.id}`);
    expect((await t.call('audit.verify', {})).ok).toBe(true);

    // 操作日志 filtered to the appeal: 申诉 → 复核更正 → 重新开启 → the score → 归档, and nothing else
    const chain = await t.call('audit.list', { appealId: appeal.id });
    expect(chain.rows.map((r) => r.actionLabel).reverse()).toEqual(['提出申诉', '复核更正', '重新开启', '打分', '归档']);
    expect(chain.rows[1]!.summary).toBe('张三 · 任务：75 → 80（2026-10 · 考核人甲）');

    // a later finalise (after an unrelated reopening) names no appeal
    await t.call('assessments.reopen', { monthId: month.id, reason: '补录免考' });
    await t.call('assessments.finalise', { monthId: month.id });
    const later = (await t.call('audit.list', { kind: 'month', action: 'finalise' })).rows[0]!;
    expect(later.newValue).not.toHaveProperty('appeals');
    expect((await t.call('audit.list', { appealId: appeal.id })).rows).toHaveLength(5);
  });

  it('only the 管理员 files and reviews; a 考核员 lists the appeals of their units only and is refused a person outside them', async () => {
    const { t, zhang, wang, month, evaluator, tree } = await finalisedMonth();
    const mine = await file(t, zhang, month.id);
    await file(t, wang, month.id, '不服');
    const reviewer = { name: '赵考核', role: 'evaluator' as const, unitIds: [tree.c1.id], evaluatorId: evaluator };
    expect((await t.callError('appeals.file', { personId: zhang, monthId: month.id, reason: '不服' }, reviewer)).code).toBe('FORBIDDEN');
    expect((await t.callError('appeals.review', { appealId: mine.id, decision: 'uphold', reason: '维持' }, reviewer)).code).toBe('FORBIDDEN');
    const secretary = { name: '文书', role: 'secretary' as const };
    expect((await t.callError('appeals.review', { appealId: mine.id, decision: 'uphold', reason: '维持' }, secretary)).code).toBe('FORBIDDEN');
    const listed = await t.raw('appeals.list', {}, reviewer);
    expect(listed.ok && (listed.data as AppealRow[]).map((a) => a.name)).toEqual(['张三']);
    const seen = await t.raw('appeals.list', {}, secretary);
    expect(seen.ok && (seen.data as AppealRow[]).map((a) => a.name)).toEqual(['王五', '张三']);
    expect((await t.callError('appeals.targets', { personId: wang }, reviewer)).message).toBe('王五（河西社区 / 第01网格）不在您负责的单位（固戍社区）内，不能查看其申诉');
    // 首页 待办: the appeals waiting, within the caller's units
    expect((await t.call('analysis.home', {})).todo.appeals).toEqual({ count: 2, oldest: '2026-11-23' });
    const home = await t.raw('analysis.home', {}, reviewer);
    expect(home.ok && (home.data as HomeView).todo.appeals).toEqual({ count: 1, oldest: '2026-11-23' });
  });
});

describe('an appeal against a period result', () => {
  it('更正 reopens the period naming the appeal, and its re-finalise names it back', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const zhang = await addPerson(t, tree.a.id, '张三', ['网格员'], { hireDate: '2020-01-01' });
    const li = await addPerson(t, tree.a.id, '李四', ['网格员'], { hireDate: '2020-01-01' });
    const monthly = await publishScheme(t, '网格员月度考核', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }] });
    const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
    for (let m = 1; m <= 12; m++) {
      const month = await t.call('assessments.open', { schemeId: monthly.schemeId, period: `2025-${String(m).padStart(2, '0')}` });
      await t.call('assessments.saveScores', { monthId: month.id, evaluatorId: evaluator, cells: [{ personId: zhang, criterionId: monthly.criteria[0]!.id, value: 9000 }, { personId: li, criterionId: monthly.criteria[0]!.id, value: 8000 }] });
      await t.call('assessments.finalise', { monthId: month.id });
    }
    const scheme = await t.call('periods.createScheme', { name: '网格员年度考核', kind: 'year' });
    await t.call('periods.saveDraft', {
      schemeId: scheme.schemeId,
      name: '网格员年度考核',
      roles: ['网格员'],
      monthSchemeId: monthly.schemeId,
      rules: { ...DEFAULT_PERIOD_RULES, weights: { months: 100, appraisal: 0, points: 0 }, quota: { percent: 50, scope: 'street' }, bands: DEFAULT_BANDS },
    });
    await t.call('periods.publish', { schemeId: scheme.schemeId });
    const period = await t.call('periods.open', { schemeId: scheme.schemeId, period: '2025' });
    // not finalised yet: refused
    expect((await t.callError('appeals.file', { personId: li, periodId: period.id, reason: '不服' })).message).toBe('2025年度 网格员年度考核尚未归档，结果还没有确定，不能申诉');
    await t.call('periods.finalise', { periodId: period.id });
    expect((await t.call('appeals.targets', { personId: li })).map((x) => x.subject)).toContain('2025年度 网格员年度考核');
    const appeal = await t.call('appeals.file', { personId: li, periodId: period.id, reason: '年终测评票有误' });
    expect(appeal).toMatchObject({ target: 'period', subject: '2025年度 网格员年度考核', total: 8000 });
    expect((await t.call('appeals.review', { appealId: appeal.id, decision: 'correct', reason: '重新计票' })).targetStatus).toBe('open');
    await t.call('periods.finalise', { periodId: period.id });
    const chain = await t.call('audit.list', { appealId: appeal.id });
    expect(chain.rows.map((r) => [r.entity, r.action, r.reason]).reverse()).toEqual([
      ['appeal', 'appeal', '年终测评票有误'],
      ['appeal', 'correct', '重新计票'],
      ['period_assessment', 'reopen', `申诉#${appeal.id} 更正：重新计票`],
      ['period_assessment', 'finalise', `更正申诉#${appeal.id}后重新归档`],
    ]);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });
});
