/**
 * 首页 and 分析 through the dispatcher, on small sets computed by hand: a planted lenient evaluator and its pairs, a
 * what-if on the seed-003 scheme's month (mean ↔ trimmed mean, a raised 优秀 band) person by person, 首页's progress
 * and the people it asks attention for, and what a 考核员 may see.
 */
import { describe, expect, it } from 'vitest';
import type { CommunityComparison, HomeView } from '../../src/shared/contract/analysis';
import type { SchemeDetail } from '../../src/shared/contract/schemes';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore } from './helpers';

const E = { name: '考核员', role: 'evaluator' } as const;

/** A one-criterion scheme (任务, 100 points), so a sheet's total is the value given. */
async function plainScheme(t: TestCore, name = '简单方案', extra: Parameters<typeof publishScheme>[2]['criteria'] = []): Promise<SchemeDetail> {
  return publishScheme(t, name, { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }, ...extra] });
}

async function evaluator(t: TestCore, name: string): Promise<number> {
  return (await t.call('assessments.createEvaluator', { name, group: '' })).id;
}

async function score(t: TestCore, monthId: number, evaluatorId: number, criterionId: number, totals: [number, number][]): Promise<void> {
  await t.call('assessments.saveScores', { monthId, evaluatorId, cells: totals.map(([personId, value]) => ({ personId, criterionId, value })) });
}

describe('考核人: leniency, flat scoring and the pairs behind them', () => {
  it('an evaluator 4 points above the other on 12 workers is flagged 偏松, the other 偏严; a third with 3 shared workers is shown, not flagged', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const people: number[] = [];
    for (let i = 0; i < 12; i++) people.push(await addPerson(t, i % 2 ? tree.a.id : tree.c.id, `网格员${String.fromCharCode(0x4e00 + i)}`, ['网格员']));
    const scheme = await plainScheme(t);
    const [a, b, c] = [await evaluator(t, '考核人甲'), await evaluator(t, '考核人乙'), await evaluator(t, '考核人丙')];
    const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    const criterion = scheme.criteria[0]!.id;
    const base = (i: number) => 7000 + i * 150;
    await score(t, month.id, b, criterion, people.map((p, i) => [p, base(i)]));
    await score(t, month.id, a, criterion, people.map((p, i) => [p, base(i) + 400]));
    // 丙 scores only the first three, as 乙 does: the others are missing, not zero
    await score(t, month.id, c, criterion, people.slice(0, 3).map((p, i) => [p, base(i)]));

    const report = await t.call('analysis.evaluators', { schemeId: scheme.schemeId, from: '2026-10', to: '2026-10' });
    const byName = Object.fromEntries(report.evaluators.map((e) => [e.name, e]));
    // 甲: every worker +4 over the others' mean (乙, or 乙 and 丙 who agree)
    expect(byName['考核人甲']).toMatchObject({ workers: 12, shared: 12, leniency: 400, leniencySpread: 0, lenient: true, harsh: false, flat: false });
    // 乙: −4 on the nine with 甲 only; on the three with 丙 too: 乙 − (甲 + 丙)/2 = −2 → mean (9 × −4 + 3 × −2) / 12 = −3.5
    expect(byName['考核人乙']).toMatchObject({ shared: 12, leniency: -350, harsh: true, lenient: false });
    // 丙: three workers, −2 each: shown, too few to flag
    expect(byName['考核人丙']).toMatchObject({ workers: 3, shared: 3, leniency: -200, harsh: false, lenient: false });
    expect(report.months).toEqual([{ monthId: month.id, period: '2026-10', complete: false }]);

    const pairs = await t.call('analysis.pairs', { schemeId: scheme.schemeId, from: '2026-10', to: '2026-10', evaluatorId: a });
    expect(pairs.pairs).toHaveLength(12);
    expect(pairs.pairs.every((p) => p.difference === 400 && p.period === '2026-10')).toBe(true);
    expect(pairs.pairs.find((p) => p.personId === people[0])).toMatchObject({ name: '网格员一', total: 7400, others: 7000, unitPath: '河西社区 / 第01网格' });
  });

  it('flat scoring: an evaluator whose totals barely move over 10 workers; ceiling: the share at full marks', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const people: number[] = [];
    for (let i = 0; i < 10; i++) people.push(await addPerson(t, tree.a.id, `网格员${String.fromCharCode(0x4e00 + i)}`, ['网格员']));
    const scheme = await plainScheme(t);
    const flat = await evaluator(t, '考核人甲');
    const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    await score(t, month.id, flat, scheme.criteria[0]!.id, people.map((p, i) => [p, i < 4 ? 10000 : 9950]));
    const [e] = (await t.call('analysis.evaluators', { schemeId: scheme.schemeId, from: '2026-10', to: '2026-10' })).evaluators;
    // 4 × 100 and 6 × 99.5: spread 0.24 points, 40% full marks
    expect(e).toMatchObject({ workers: 10, spread: 24, flat: true, ceilingShare: 4000, shared: 0, leniency: null });
  });
});

/** Sheet values of the seed-003 scheme adding up to `total` (hundredths): full marks, less `100 − total` off the largest criteria. */
function seedSheet(scheme: SchemeDetail, personId: number, total: number) {
  let deficit = 10000 - total;
  const scored = scheme.criteria.filter((c) => c.kind === 'score').sort((x, y) => y.max - x.max);
  const cells = scored.map((c) => {
    const off = Math.min(c.max, deficit);
    deficit -= off;
    return { personId, criterionId: c.id, value: c.max - off };
  });
  const meeting = scheme.criteria.find((c) => c.kind === 'deduction')!;
  return [...cells, { personId, criterionId: meeting.id, value: 0 }];
}

describe('模拟测算 on the seed-003 month', () => {
  /** 民主评议 by three panels, trimmed mean: P1–P3 in 固戍社区, P4–P5 in 河西社区; totals chosen by hand. */
  async function seedMonth() {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const p = [
      await addPerson(t, tree.a.id, '周一', ['微网格长']),
      await addPerson(t, tree.a.id, '吴二', ['微网格长']),
      await addPerson(t, tree.b.id, '郑三', ['微网格长']),
      await addPerson(t, tree.c.id, '王四', ['微网格长']),
      await addPerson(t, tree.c.id, '冯五', ['微网格长']),
    ];
    const created = await t.call('schemes.create', { name: '微网格长月度考核', template: 'micro-grid-head' });
    const scheme = await t.call('schemes.publish', { schemeId: created.schemeId });
    const panels = [await evaluator(t, '民主评议甲组'), await evaluator(t, '民主评议乙组'), await evaluator(t, '民主评议丙组')];
    const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    const totals = [
      [9600, 9000, 8400], // trimmed 90 (优秀); mean 90
      [9500, 9100, 7000], // trimmed 91 (优秀); mean 85.33 (良好)
      [8800, 8600, 9900], // trimmed 88 (良好); mean 91 (优秀)
      [7500, 8000, 6500], // trimmed 75 (合格); mean 73.33
      [5900, 5000, 6100], // trimmed 59 (不合格); mean 56.67
    ];
    for (const [k, panel] of panels.entries()) {
      await t.call('assessments.saveScores', { monthId: month.id, evaluatorId: panel, cells: p.flatMap((personId, i) => seedSheet(scheme, personId, totals[i]![k]!)) });
    }
    await t.call('assessments.finalise', { monthId: month.id });
    return { t, p, monthId: month.id };
  }

  it('trimmed mean → mean: exactly the people whose total, grade or community rank moves, before → after, and the counts', async () => {
    const { t, p, monthId } = await seedMonth();
    const view = await t.call('analysis.whatIf', { monthId, aggregation: 'mean' });
    expect(view.changed).toEqual(['汇总方式：去掉最高分和最低分后平均（民主评议） → 平均分']);
    expect(view.changes.map((c) => [c.personId, c.before, c.after])).toEqual([
      [p[1], { total: 9100, grade: '优秀', rank: 1 }, { total: 8533, grade: '良好', rank: 3 }],
      [p[2], { total: 8800, grade: '良好', rank: 3 }, { total: 9100, grade: '优秀', rank: 1 }],
      [p[3], { total: 7500, grade: '合格', rank: 1 }, { total: 7333, grade: '合格', rank: 1 }],
      [p[4], { total: 5900, grade: '不合格', rank: 2 }, { total: 5667, grade: '不合格', rank: 2 }],
    ]);
    expect(view.counts.before).toEqual({ 优秀: 2, 良好: 1, 合格: 1, 基本合格: 0, 不合格: 1 });
    expect(view.counts.after).toEqual({ 优秀: 2, 良好: 1, 合格: 1, 基本合格: 0, 不合格: 1 });
    // nothing written: the month is as it was
    expect((await t.call('assessments.results', { monthId })).rows.find((r) => r.personId === p[1])).toMatchObject({ total: 9100, grade: '优秀' });
  });

  it('优秀 raised to 92: exactly the two at 90 and 91 drop to 良好; totals and ranks stay', async () => {
    const { t, p, monthId } = await seedMonth();
    const bands = [
      { grade: '优秀' as const, min: 9200, max: null },
      { grade: '良好' as const, min: 8000, max: 9200 },
      { grade: '合格' as const, min: 7000, max: 8000 },
      { grade: '基本合格' as const, min: 6000, max: 7000 },
      { grade: '不合格' as const, min: 0, max: 6000 },
    ];
    const view = await t.call('analysis.whatIf', { monthId, bands });
    expect(view.changes.map((c) => [c.personId, c.before.grade, c.after.grade, c.before.total === c.after.total])).toEqual([
      [p[1], '优秀', '良好', true],
      [p[0], '优秀', '良好', true],
    ]);
    expect(view.counts.after).toEqual({ 优秀: 0, 良好: 3, 合格: 1, 基本合格: 0, 不合格: 1 });
    const gap = await t.callError('analysis.whatIf', { monthId, bands: bands.map((b) => (b.grade === '良好' ? { ...b, min: 8100 } : b)) });
    expect(gap).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'bands' }] });
    expect((await t.callError('analysis.whatIf', { monthId })).message).toBe('请至少改变一项：方案版本、等次区间或汇总方式');
  });
});

describe('模拟测算 from the kept month', () => {
  it('on an open month, after saves the kept results took in, answers as a fresh start on the same file does', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const people = [await addPerson(t, tree.a.id, '张三', ['网格员']), await addPerson(t, tree.a.id, '李四', ['网格员']), await addPerson(t, tree.b.id, '王五', ['网格员'])];
    const scheme = await plainScheme(t);
    const criterion = scheme.criteria[0]!.id;
    const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    const [a, b] = [await evaluator(t, '甲'), await evaluator(t, '乙')];
    await score(t, month.id, a, criterion, [[people[0]!, 9300], [people[1]!, 8700], [people[2]!, 7100]]);
    await t.call('assessments.results', { monthId: month.id }); // the month is kept from here
    await score(t, month.id, b, criterion, [[people[0]!, 8900], [people[1]!, 9500], [people[2]!, 6400]]);
    await score(t, month.id, a, criterion, [[people[2]!, 7600]]);
    const input = { monthId: month.id, aggregation: 'trimmed_mean' as const, bands: scheme.bands.map((band) => (band.grade === '优秀' ? { ...band, min: 9100 } : band.grade === '良好' ? { ...band, max: 9100 } : band)) };
    const kept = await t.call('analysis.whatIf', input);
    expect(kept.people).toBe(3);
    const fresh = await openTestCore({ dataDir: t.dataDir });
    expect(await fresh.call('analysis.whatIf', input)).toEqual(kept);
  });
});

describe('首页', () => {
  it('this month’s progress per community and evaluator, and the people it asks attention for, each with the reason', async () => {
    const t = await openTestCore(); // today is 2026-11-23
    const tree = await buildSmallTree(t);
    const slipper = await addPerson(t, tree.a.id, '张三', ['网格员']);
    const failing = await addPerson(t, tree.b.id, '李四', ['网格员']);
    const steady = await addPerson(t, tree.c.id, '王五', ['网格员']);
    const scheme = await plainScheme(t, '网格员考核', [{ category: '否决', name: '重大违纪', kind: 'veto', max: 0 }]);
    const [a, b] = [await evaluator(t, '考核人甲'), await evaluator(t, '考核人乙')];
    const task = scheme.criteria[0]!.id;
    const veto = scheme.criteria[1]!.id;
    const series: Record<string, [number, number, number]> = {
      '2026-07': [9000, 5500, 8000],
      '2026-08': [8800, 5800, 8000],
      '2026-09': [8600, 7000, 8000],
      '2026-10': [8500, 5900, 8000],
    };
    for (const [period, [s, f, w]] of Object.entries(series)) {
      const m = await t.call('assessments.open', { schemeId: scheme.schemeId, period });
      await score(t, m.id, a, task, [[slipper, s], [failing, f], [steady, w]]);
      await t.call('assessments.finalise', { monthId: m.id });
    }
    const november = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-11' });
    await score(t, november.id, a, task, [[slipper, 8400]]);
    await t.call('assessments.saveScores', { monthId: november.id, evaluatorId: b, cells: [{ personId: failing, criterionId: task, value: 6000 }, { personId: failing, criterionId: veto, value: 1, note: '2026-11-12 巡查中酒后上岗' }] });
    const rule = (await t.call('points.rules', {})).find((r) => r.name === '化解矛盾纠纷')!;
    const posted = await t.call('points.post', { ruleId: rule.id, date: '2026-11-10', lines: [{ personId: steady, quantity: 300 }] });
    await t.call('points.reverse', { entryId: posted.entries[0]!.id, reason: '经核实为重复登记' });

    const home = await t.call('analysis.home', {});
    expect(home.period).toBe('2026-11');
    const [month] = home.months;
    expect(month).toMatchObject({ monthId: november.id, schemeName: '网格员考核', status: 'open', daysLeft: 7, toScore: 3, scored: 2 });
    expect(month!.communities).toEqual([
      { unitId: tree.c1.id, name: '固戍社区', toScore: 2, scored: 2 },
      { unitId: tree.c2.id, name: '河西社区', toScore: 1, scored: 0 },
    ]);
    // fewest scored first, then by name (pinyin)
    expect(month!.evaluators.map((e) => [e.name, e.scored, e.toScore])).toEqual([
      ['考核人甲', 1, 3],
      ['考核人乙', 1, 3],
    ]);
    expect(home.attention.slipping).toEqual([
      expect.objectContaining({ personId: slipper, name: '张三', community: '固戍社区', reason: '连降三个月：90 → 88 → 86 → 85，共降 5 分（网格员考核）' }),
    ]);
    expect(home.attention.alarms).toEqual([expect.objectContaining({ personId: failing, reason: '连续两个月不合格（2026-07、2026-08）（网格员考核）' })]);
    expect(home.attention.vetoes).toEqual([expect.objectContaining({ personId: failing, period: '2026-11', reason: '一票否决：重大违纪（2026-11-12 巡查中酒后上岗）' })]);
    expect(home.attention.reversals).toEqual([expect.objectContaining({ personId: steady, points: -600, reason: '冲销“化解矛盾纠纷” 6 分：经核实为重复登记' })]);
    expect(home.glance.grades.map((g) => [g.period, g.complete, g.counts.不合格])).toEqual([
      ['2026-10', true, 1],
      ['2026-11', false, 1],
    ]);
    const i = home.glance.trend.periods.indexOf('2026-10');
    expect(home.glance.trend.street[i]).toBe(7467); // (85 + 59 + 80) / 3 = 74.67
    expect(home.glance.trend.communities.map((c) => [c.name, c.means[i]])).toEqual([
      ['固戍社区', 7200],
      ['河西社区', 8000],
    ]);
    expect(home.todo.openMonths).toEqual([]);
  });

  it('a 考核员 sees only their units: 首页, 社区对比 and a profile outside them refused', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const mine = await addPerson(t, tree.a.id, '张三', ['网格员']);
    const other = await addPerson(t, tree.c.id, '王五', ['网格员']);
    const scheme = await plainScheme(t);
    const a = await evaluator(t, '考核人甲');
    const m = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-11' });
    await score(t, m.id, a, scheme.criteria[0]!.id, [[mine, 9000], [other, 8000]]);
    const scoped = { ...E, unitIds: [tree.c1.id] };
    const home = await t.raw('analysis.home', {}, scoped);
    expect(home.ok && (home.data as HomeView).months[0]!.communities.map((c) => c.name)).toEqual(['固戍社区']);
    const compare = await t.raw('analysis.compare', { schemeId: scheme.schemeId, from: '2026-11', to: '2026-11' }, scoped);
    expect(compare.ok && (compare.data as CommunityComparison).communities.map((c) => [c.name, c.distributions[0]?.median])).toEqual([['固戍社区', 9000]]);
    expect((await t.raw('analysis.person', { personId: mine }, scoped)).ok).toBe(true);
    const refused = await t.callError('analysis.person', { personId: other }, scoped);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '王五（河西社区 / 第01网格）不在您负责的单位内，不能查看其档案' });
  });
});
