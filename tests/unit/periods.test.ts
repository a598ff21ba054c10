/** 年度考核 through the dispatcher: a scheme defined and published, a year opened, ballots, a tie decided, finalised. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../../src/shared/domain/scoring';
import { DEFAULT_PERIOD_RULES } from '../../src/shared/domain/periods';
import { addPerson, buildSmallTree, FIXED_NOW, openTestCore, publishScheme } from './helpers';


async function year() {
  let tick = 0;
  const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
  const tree = await buildSmallTree(t);
  const people = [
    await addPerson(t, tree.a.id, '张三', ['网格员'], { hireDate: '2020-01-01' }),
    await addPerson(t, tree.a.id, '李四', ['网格员'], { hireDate: '2020-01-01' }),
    await addPerson(t, tree.c.id, '王五', ['网格员'], { hireDate: '2020-01-01' }),
    await addPerson(t, tree.c.id, '赵六', ['网格员'], { hireDate: '2020-01-01' }),
    await addPerson(t, tree.c.id, '钱七', ['网格员'], { hireDate: '2020-01-01' }),
  ];
  const monthly = await publishScheme(t, '网格员月度考核', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }] });
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  // 2025: every month finalised; 张三 and 李四 tie at 95, 王五 92, 赵六 88, 钱七 70
  const totals = [9500, 9500, 9200, 8800, 7000];
  for (let m = 1; m <= 12; m++) {
    const month = await t.call('assessments.open', { schemeId: monthly.schemeId, period: `2025-${String(m).padStart(2, '0')}` });
    await t.call('assessments.saveScores', { monthId: month.id, evaluatorId: evaluator, cells: people.map((personId, i) => ({ personId, criterionId: monthly.criteria[0]!.id, value: totals[i]! })) });
    await t.call('assessments.finalise', { monthId: month.id });
  }
  const scheme = await t.call('periods.createScheme', { name: '网格员年度考核', kind: 'year' });
  // months only, 40% 优秀 of the street: 5 graded → 2 places; 张三 and 李四 tie at 95 above 王五: both in
  await t.call('periods.saveDraft', {
    schemeId: scheme.schemeId,
    name: '网格员年度考核',
    roles: ['网格员'],
    monthSchemeId: monthly.schemeId,
    rules: { ...DEFAULT_PERIOD_RULES, weights: { months: 70, appraisal: 30, points: 0 }, quota: { percent: 20, scope: 'street' }, bands: DEFAULT_BANDS },
  });
  await t.call('periods.publish', { schemeId: scheme.schemeId });
  const period = await t.call('periods.open', { schemeId: scheme.schemeId, period: '2025' });
  return { t, people, evaluator, scheme, period, monthly };
}

describe('年度考核', () => {
  it('ballots, a tie at the 优秀 line decided, finalised and sealed; reopened with a reason', async () => {
    const { t, people, evaluator, period } = await year();
    expect(period).toMatchObject({ period: '2025', periodLabel: '2025年度', status: 'open', members: 5 });
    // year-end ballots: everyone 优秀 from 甲 except 钱七 称职
    await t.call('periods.saveBallots', { periodId: period.id, evaluatorId: evaluator, cells: people.map((personId, i) => ({ personId, ballot: i === 4 ? ('称职' as const) : ('优秀' as const) })) });
    let view = await t.call('periods.view', { periodId: period.id });
    // 张三, 李四: 95 × 70% + 100 × 30% = 96.50, tied; 20% of 5 → 1 place: a tie at the line
    expect(view.rows.map((r) => [r.name, r.total, r.grade, r.quota])).toEqual([
      ['李四', 9650, '优秀', 'tie'],
      ['钱七', 7450, '合格', null],
      ['王五', 9440, '良好', 'dropped'],
      ['张三', 9650, '优秀', 'tie'],
      ['赵六', 9160, '良好', 'dropped'],
    ]);
    expect(view.ties).toEqual([people[1], people[0]]);
    expect((await t.callError('periods.finalise', { periodId: period.id })).message).toBe('有2人（李四、张三）并列在优秀名额线上，请先逐一决定保留或降等');

    await t.call('periods.decideTie', { periodId: period.id, personId: people[0]!, keep: true, reason: '全年无差错，群众评价高' });
    view = await t.call('periods.decideTie', { periodId: period.id, personId: people[1]!, keep: false, reason: '名额已满' });
    expect(view.rows.filter((r) => r.name === '张三' || r.name === '李四').map((r) => [r.name, r.grade, r.quota])).toEqual([
      ['李四', '良好', 'dropped'],
      ['张三', '优秀', 'kept'],
    ]);
    const done = await t.call('periods.finalise', { periodId: period.id });
    expect(done.status).toBe('finalised');
    expect((await t.callError('periods.saveBallots', { periodId: period.id, evaluatorId: evaluator, cells: [{ personId: people[0]!, ballot: '称职' }] })).code).toBe('CONFLICT');
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    // a sealed result changed behind the app is found
    t.core.db.exec("DROP TRIGGER period_results_finalised_no_update; UPDATE period_results SET grade = '优秀' WHERE grade = '良好'");
    expect((await t.call('audit.verify', {})).problems).toEqual([{ kind: 'period', id: period.id, message: '2025 网格员年度考核（已归档）的结果或测评票与归档时不符', claimed: '' }]);
    t.core.db.exec("UPDATE period_results SET grade = '良好' WHERE person_id IN (" + [people[1], people[2], people[3]].join(',') + ')');
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    const sealed = await t.call('periods.view', { periodId: period.id });
    expect(sealed.rows.find((r) => r.name === '张三')).toMatchObject({ total: 9650, grade: '优秀', ranks: { street: 1 } });
    expect(sealed.rows.find((r) => r.name === '张三')!.derivation).toContain('优秀名额：全街道定等 5 人 × 20% = 1 名，并列在名额线上，经决定保留优秀');
    const reopened = await t.call('periods.reopen', { periodId: period.id, reason: '复核更正' });
    expect(reopened.status).toBe('open');
  });

  it('refuses, naming the field: weights off 100%, a quota past 100%, a ballot outside the four, an unfinished month', async () => {
    const { t, people, evaluator, scheme, period, monthly } = await year();
    const draft = (over: object) => t.callError('periods.saveDraft', { schemeId: scheme.schemeId, name: '网格员年度考核', roles: ['网格员'], monthSchemeId: monthly.schemeId, rules: { ...DEFAULT_PERIOD_RULES, bands: DEFAULT_BANDS, ...over } });
    expect(await draft({ weights: { months: 60, appraisal: 30, points: 5 } })).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'rules.weights', message: '各项权重合计应为 100%，现为 95%' }] });
    expect((await draft({ quota: { percent: 120, scope: 'street' } })).message).toBe('优秀名额比例不能超过100');
    const ballot = await t.callError('periods.saveBallots', { periodId: period.id, evaluatorId: evaluator, cells: [{ personId: people[0]!, ballot: '良好' }] });
    expect(ballot.message).toBe('测评结果只能是优秀、称职、基本称职或不称职');
    const later = await t.call('periods.open', { schemeId: scheme.schemeId, period: '2026' });
    expect((await t.callError('periods.finalise', { periodId: later.id })).message).toMatch(/^2026-01、2026-02.*的月度考核还没有归档，不能归档2026年度$/);
    expect((await t.callError('periods.open', { schemeId: scheme.schemeId, period: '2025-H1' })).message).toBe('本方案按年度考核，期间应写作 2026');
  });
});
