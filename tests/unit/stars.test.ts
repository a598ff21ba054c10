import { describe, expect, it } from 'vitest';
import type { SchemeDetail } from '../../src/shared/contract/schemes';
import {
  DEFAULT_CONDITIONS,
  DEFAULT_GRID_THRESHOLDS,
  DEFAULT_QUOTA,
  DEFAULT_THRESHOLDS,
  gridStars,
  previousStarPeriod,
  quotaLineText,
  quotaTies,
  quotaTieText,
  rateStars,
  recentStarPeriods,
  starPeriodDates,
  starPeriodKindOf,
  starPeriodLabel,
  starPeriodMonths,
  starPeriodOf,
  starRulesErrors,
  starText,
  type StarInput,
  type StarRules,
  type Stars,
} from '../../src/shared/domain/stars';
import { loadDemoMonths } from '../../src/main/core/demo/months';
import { loadDemoStars } from '../../src/main/core/demo/stars';
import { loadDemoStreet } from '../../src/main/core/demo/street';
import { addPerson, buildSmallTree, directContext, FIXED_NOW, openTestCore, publishScheme, type TestCore, TODAY } from './helpers';

const THRESHOLDS: StarRules = {
  periodKind: 'quarter',
  method: 'thresholds',
  thresholds: DEFAULT_THRESHOLDS,
  quota: DEFAULT_QUOTA,
  gridThresholds: DEFAULT_GRID_THRESHOLDS,
  conditions: DEFAULT_CONDITIONS,
};
const QUOTA: StarRules = { ...THRESHOLDS, method: 'quota' };
const PLAIN = { vetoCap: false, criticismBlocksUpgrade: false, dynamic: false, awardUpgrade: false };

function input(key: number, average: number, over: Partial<StarInput> = {}): StarInput {
  return { key, average, months: 3, points: 0, vetoes: 0, criticisms: 0, awards: [], previous: null, ...over };
}

function one(average: number, over: Partial<StarInput> = {}, rules: StarRules = THRESHOLDS) {
  return rateStars([input(1, average, over)], rules)[0]!;
}

function starsOf(inputs: StarInput[], rules: StarRules): Stars[] {
  return rateStars(inputs, rules).map((r) => r.stars);
}

describe('star periods', () => {
  it('knows a period’s kind, months, first and last day, label and neighbours', () => {
    expect(starPeriodKindOf('2026-Q3')).toBe('quarter');
    expect(starPeriodKindOf('2026-H1')).toBe('half');
    expect(starPeriodKindOf('2026')).toBe('year');
    expect(starPeriodKindOf('2026-Q5')).toBeNull();
    expect(starPeriodKindOf('2026-07')).toBeNull();
    expect(starPeriodMonths('2026-Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(starPeriodMonths('2026-H2')).toHaveLength(6);
    expect(starPeriodMonths('2024')).toHaveLength(12);
    expect(starPeriodDates('2024-Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(starPeriodDates('2026-H1')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(starPeriodDates('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(starPeriodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(starPeriodLabel('2026-H2')).toBe('2026年下半年');
    expect(starPeriodLabel('2025')).toBe('2025年度');
    expect(previousStarPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousStarPeriod('2026-H1')).toBe('2025-H2');
    expect(previousStarPeriod('2026')).toBe('2025');
    expect(starPeriodOf('quarter', '2026-10')).toBe('2026-Q4');
    expect(recentStarPeriods('quarter', '2026-11', 3)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
  });

  it('writes stars as ★ and ☆', () => {
    expect(starText(3)).toBe('★★★☆☆');
    expect(starText(5)).toBe('★★★★★');
    expect(starText(1)).toBe('★☆☆☆☆');
  });
});

describe('stars by thresholds', () => {
  it('each line counts from its own score: exactly 96 is 5★, 95.99 is 4★', () => {
    const cases: [number, Stars][] = [
      [10000, 5],
      [9600, 5],
      [9599, 4],
      [9000, 4],
      [8999, 3],
      [8000, 3],
      [7999, 2],
      [7000, 2],
      [6999, 1],
      [0, 1],
    ];
    for (const [average, stars] of cases) expect(one(average).stars, `average ${average}`).toBe(stars);
    expect(one(9600).reason).toBe('季度平均 96.00 分 → 5★');
    expect(one(6999).reason).toBe('季度平均 69.99 分 → 1★');
  });

  it('a line’s minimum points: short of them, the highest lower line met', () => {
    const rules: StarRules = {
      ...THRESHOLDS,
      conditions: PLAIN,
      thresholds: [
        { stars: 5, minAverage: 9600, minPoints: 2000 },
        { stars: 4, minAverage: 9000, minPoints: 1000 },
        { stars: 3, minAverage: 8000, minPoints: null },
        { stars: 2, minAverage: 7000, minPoints: null },
      ],
    };
    expect(one(9700, { points: 2000 }, rules).stars).toBe(5);
    const short = one(9700, { points: 1500 }, rules);
    expect(short.stars).toBe(4);
    expect(short.reason).toBe('季度平均 97.00 分 够 5★，但积分 15.00 分未达 5★ 所需 20.00 分 → 4★');
    expect(one(9700, { points: 0 }, rules).stars).toBe(3);
  });
});

describe('stars by quota', () => {
  it('gives each tier its share of the people, rounded half up', () => {
    const people = Array.from({ length: 10 }, (_, i) => input(i, 9900 - i * 100));
    expect(starsOf(people, { ...QUOTA, conditions: PLAIN })).toEqual([5, 4, 4, 3, 3, 3, 3, 2, 2, 1]);
    // 5 people: 10% is half a person, rounded up to one
    expect(starsOf(people.slice(0, 5), { ...QUOTA, conditions: PLAIN })).toEqual([5, 4, 3, 3, 2]);
    expect(rateStars(people, { ...QUOTA, conditions: PLAIN })[0]!.reason).toBe('季度平均 99.00 分，排第 1/10 名 → 5★');
  });

  it('equal averages a quota line would split are a tie, open until decided: nobody is cut or let past silently', () => {
    const people = [9900, 9900, 9500, 9500, 9400, 9000, 8800, 8700, 8700, 8500].map((a, i) => input(i, a));
    const rated = rateStars(people, { ...QUOTA, conditions: PLAIN });
    // one 5★ place, but two share the top score; the 4★ line (3 places in all) falls between two equal 95s: both
    // ties hold the higher star for now, open; the two 87s are both inside the 2★ places already: no tie
    expect(rated.map((r) => r.stars)).toEqual([5, 5, 4, 4, 3, 3, 3, 2, 2, 1]);
    expect(rated.map((r) => r.tie)).toEqual(['open', 'open', 'open', 'open', null, null, null, null, null, null]);
    expect(rated[1]!.reason).toBe('季度平均 99.00 分，排第 2/10 名，与另 1 人同分，并列在5★名额 10%（10 人中 1 名）的线上（余 1 个名额），待决定 → 5★');
    expect(rated[3]!.reason).toBe('季度平均 95.00 分，排第 4/10 名，与另 1 人同分，并列在4★及以上名额 30%（10 人中 3 名）的线上（余 1 个名额），待决定 → 4★');
    expect(quotaTies(people, DEFAULT_QUOTA).map((t) => [t.higher, t.lower, t.average, t.keys])).toEqual([
      [5, 4, 9900, [0, 1]],
      [4, 3, 9500, [2, 3]],
    ]);
  });

  it('a hand-made case: 8 people, 5★ at most 20%, a tie at the line is flagged and decided one by one', () => {
    // 20% of 8 is 1.6 people, rounded half up to 2 places; the 2nd and 3rd share 93.00: giving both 5★ would make
    // 3 of 8 (37.5%) against the 20% quota
    const quota = [
      { stars: 5 as const, percent: 20, minPoints: null },
      { stars: 4 as const, percent: 30, minPoints: null },
      { stars: 3 as const, percent: 30, minPoints: null },
      { stars: 2 as const, percent: 20, minPoints: null },
    ];
    const rules: StarRules = { ...QUOTA, quota, conditions: PLAIN };
    const people = [9500, 9300, 9300, 9000, 8800, 8500, 8000, 7500].map((a, i) => input(i + 1, a));
    const ties = quotaTies(people, quota);
    expect(ties).toEqual([{ higher: 5, lower: 4, average: 9300, percent: 20, rated: 8, places: 2, above: 1, keys: [2, 3] }]);
    expect(quotaLineText(ties[0]!)).toBe('5★名额 20%（8 人中 2 名）');
    expect(quotaTieText(ties[0]!, ['李四', '王五'])).toBe('5★名额 20%（8 人中 2 名）的线上有 2 人同为 93.00 分并列（李四、王五），只余 1 个名额');
    // undecided: both flagged, holding 5★ for now
    const open = rateStars(people, rules);
    expect(open.map((r) => [r.key, r.stars, r.tie])).toEqual([
      [1, 5, null],
      [2, 5, 'open'],
      [3, 5, 'open'],
      [4, 4, null],
      [5, 3, null],
      [6, 3, null],
      [7, 2, null],
      [8, 2, null],
    ]);
    // decided one by one, each with its reason
    const decided = rateStars(people, rules, undefined, new Map([
      [2, { keep: true, reason: '全季无差错' }],
      [3, { keep: false, reason: '名额已满，群众评价略低' }],
    ]));
    expect(decided.map((r) => r.stars)).toEqual([5, 5, 4, 4, 3, 3, 2, 2]);
    expect(decided.map((r) => r.tie).slice(0, 3)).toEqual([null, 'kept', 'dropped']);
    expect(decided[2]!.reason).toBe('季度平均 93.00 分，排第 3/8 名，与另 1 人同分，并列在5★名额 20%（8 人中 2 名）的线上（余 1 个名额），经决定降为 4★（名额已满，群众评价略低） → 4★');
    // one decided, the other still open
    const half = rateStars(people, rules, undefined, new Map([[2, { keep: true, reason: '全季无差错' }]]));
    expect(half.map((r) => r.tie).slice(0, 3)).toEqual([null, 'kept', 'open']);
    // no tie when equal averages sit inside one tier, nor under thresholds
    const inside = [9500, 9300, 9000, 9000, 8800, 8500, 8000, 7500].map((a, i) => input(i + 1, a));
    expect(quotaTies(inside, quota)).toEqual([]);
    expect(rateStars(people, { ...THRESHOLDS, conditions: PLAIN }).every((r) => r.tie === null)).toBe(true);
  });

  it('orders by average whatever the input order, a vetoed person after every other', () => {
    const people = [input(1, 8000), input(2, 9900, { vetoes: 1 }), input(3, 9000), input(4, 8500)];
    const rated = new Map(rateStars(people, { ...QUOTA, quota: [{ stars: 5, percent: 25, minPoints: null }], conditions: PLAIN }).map((r) => [r.key, r.stars]));
    expect(rated.get(3)).toBe(5);
    expect(rated.get(2)).toBe(1);
  });
});

describe('conditions', () => {
  it('a veto caps at 1★, whatever the score and the previous rating', () => {
    const r = one(9900, { vetoes: 1 });
    expect(r.stars).toBe(1);
    expect(r.reason).toBe('季度平均 99.00 分 → 5★；本期有一票否决 1 次 → 1★');
    // the ±1 limit does not soften a veto
    expect(one(9900, { vetoes: 1, previous: 5 }).stars).toBe(1);
    expect(one(9900, { vetoes: 1 }, { ...THRESHOLDS, conditions: { ...DEFAULT_CONDITIONS, vetoCap: false } }).stars).toBe(5);
  });

  it('dynamic management: at most one star up or down from the previous rating', () => {
    const up = one(9350, { previous: 2 });
    expect(up.stars).toBe(3);
    expect(up.reason).toBe('季度平均 93.50 分 → 4★；较上期 2★ 最多升一星 → 3★');
    const down = one(6000, { previous: 5 });
    expect(down.stars).toBe(4);
    expect(down.reason).toBe('季度平均 60.00 分 → 1★；较上期 5★ 最多降一星 → 4★');
    expect(one(9700, { previous: 4 }).stars).toBe(5);
    expect(one(8500, { previous: 4 }).stars).toBe(3);
    expect(one(9700, { previous: 4 }).reason).toBe('季度平均 97.00 分 → 5★');
    // a first rating is not limited
    expect(one(9700).stars).toBe(5);
    // off: the full move
    expect(one(9700, { previous: 1 }, { ...THRESHOLDS, conditions: { ...DEFAULT_CONDITIONS, dynamic: false } }).stars).toBe(5);
  });

  it('a 通报批评 blocks an upgrade relative to the previous rating, never a downgrade', () => {
    const blocked = one(9300, { previous: 3, criticisms: 1 });
    expect(blocked.stars).toBe(3);
    expect(blocked.reason).toBe('季度平均 93.00 分 → 4★；本期受通报批评 1 次，不得高于上期 3★ → 3★');
    // the ±1 step first, then the block
    expect(one(9900, { previous: 2, criticisms: 2 }).stars).toBe(2);
    // a fall still falls
    expect(one(8500, { previous: 4, criticisms: 1 }).stars).toBe(3);
    // nothing to block without a previous rating
    expect(one(9300, { criticisms: 1 }).stars).toBe(4);
    expect(one(9300, { previous: 3, criticisms: 1 }, { ...THRESHOLDS, conditions: { ...DEFAULT_CONDITIONS, criticismBlocksUpgrade: false } }).stars).toBe(4);
  });

  it('an award adds one star when the rule set says so (awards arrive with issue 6)', () => {
    const rules: StarRules = { ...THRESHOLDS, conditions: { ...DEFAULT_CONDITIONS, awardUpgrade: true } };
    const r = one(9300, { awards: ['2026年优秀网格员'] }, rules);
    expect(r.stars).toBe(5);
    expect(r.reason).toBe('季度平均 93.00 分 → 4★；获表彰“2026年优秀网格员” 升一星 → 5★');
    expect(one(9300, { awards: ['x'] }).stars).toBe(4);
  });
});

describe('grid stars', () => {
  it('rates a grid by the mean of its workers’ stars against the grid lines', () => {
    expect(gridStars([5, 5, 4, 4], DEFAULT_GRID_THRESHOLDS)).toEqual({ mean: 450, stars: 5 });
    expect(gridStars([5, 4, 4], DEFAULT_GRID_THRESHOLDS)).toEqual({ mean: 433, stars: 4 });
    expect(gridStars([3, 4], DEFAULT_GRID_THRESHOLDS)).toEqual({ mean: 350, stars: 4 });
    expect(gridStars([1, 2], DEFAULT_GRID_THRESHOLDS)).toEqual({ mean: 150, stars: 2 });
    expect(gridStars([1, 1, 2], DEFAULT_GRID_THRESHOLDS)).toEqual({ mean: 133, stars: 1 });
  });
});

describe('rule set checks', () => {
  it('names what is wrong in Chinese', () => {
    expect(starRulesErrors(THRESHOLDS)).toEqual([]);
    expect(starRulesErrors(QUOTA)).toEqual([]);
    expect(
      starRulesErrors({ ...THRESHOLDS, thresholds: [{ stars: 5, minAverage: 9000, minPoints: null }, { stars: 4, minAverage: 9500, minPoints: null }] }),
    ).toEqual(['4★的分数线应低于5★的分数线']);
    expect(starRulesErrors({ ...QUOTA, quota: [{ stars: 5, percent: 60, minPoints: null }, { stars: 4, percent: 50, minPoints: null }] })).toEqual([
      '名额比例合计 110%，不能超过100%',
    ]);
  });
});

// ---- the core ----

/** A scheme with one 0–100 criterion and a veto; everyone on it is a 网格员. */
async function oneLineScheme(t: TestCore): Promise<SchemeDetail> {
  return publishScheme(t, '星级测试方案', {
    roles: ['网格员'],
    criteria: [
      { category: '业务工作', name: '工作实绩', kind: 'score', max: 10000 },
      { category: '否决项', name: '违纪', kind: 'veto', max: 0 },
    ],
  });
}

async function setup() {
  const t = await openTestCore();
  const tree = await buildSmallTree(t);
  const p = {
    zhang: await addPerson(t, tree.a.id, '张三', ['网格员']),
    li: await addPerson(t, tree.a.id, '李四', ['网格员']),
    wang: await addPerson(t, tree.b.id, '王五', ['网格员']),
    zhao: await addPerson(t, tree.c.id, '赵六', ['网格员']),
  };
  const scheme = await oneLineScheme(t);
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const work = scheme.criteria.find((c) => c.name === '工作实绩')!.id;
  const veto = scheme.criteria.find((c) => c.name === '违纪')!.id;
  /** Scores and finalises a month: each person's score in hundredths, and who has a veto. */
  const month = async (period: string, scores: Record<number, number>, vetoed: number[] = []) => {
    const m = await t.call('assessments.open', { schemeId: scheme.schemeId, period });
    await t.call('assessments.saveScores', {
      monthId: m.id,
      evaluatorId: evaluator,
      cells: Object.entries(scores).flatMap(([id, value]) => [
        { personId: Number(id), criterionId: work, value },
        ...(vetoed.includes(Number(id)) ? [{ personId: Number(id), criterionId: veto, value: 1, note: '责任事故' }] : []),
      ]),
    });
    await t.call('assessments.finalise', { monthId: m.id });
  };
  /** A quarter's three months with the same scores. */
  const quarter = async (q: string, scores: Record<number, number>, vetoed: number[] = []) => {
    for (const period of starPeriodMonths(q)) await month(period, scores, vetoed);
  };
  const ruleSet = (await t.call('stars.ruleSets', {}))[0]!;
  return { t, tree, p, scheme, month, quarter, ruleSet };
}

describe('star rule sets', () => {
  it('the migration gives a sensible default: quarterly, 96/90/80/70, veto cap, 通报批评 blocks, ±1', async () => {
    const t = await openTestCore();
    const list = await t.call('stars.ruleSets', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: '季度星级评定',
      periodKind: 'quarter',
      method: 'thresholds',
      thresholds: DEFAULT_THRESHOLDS,
      conditions: DEFAULT_CONDITIONS,
      schemeId: null,
      runs: 0,
    });
  });

  it('creates, edits and deletes a rule set, refusing bad lines and a taken name', async () => {
    const t = await openTestCore();
    const base = { periodKind: 'year' as const, method: 'quota' as const, thresholds: DEFAULT_THRESHOLDS, quota: DEFAULT_QUOTA, gridThresholds: DEFAULT_GRID_THRESHOLDS, conditions: DEFAULT_CONDITIONS };
    const created = await t.call('stars.saveRuleSet', { name: '年度星级', ...base });
    expect(created).toMatchObject({ name: '年度星级', periodKind: 'year', method: 'quota' });
    const taken = await t.callError('stars.saveRuleSet', { name: '季度星级评定', ...base });
    expect(taken).toMatchObject({ code: 'VALIDATION', message: '已有名为“季度星级评定”的星级规则' });
    const bad = await t.callError('stars.saveRuleSet', { name: '坏规则', ...base, quota: [{ stars: 5, percent: 80 }, { stars: 4, percent: 30 }] });
    expect(bad.message).toBe('名额比例合计 110%，不能超过100%');
    const edited = await t.call('stars.saveRuleSet', { id: created.id, name: '年度星级（修订）', ...base, conditions: { ...DEFAULT_CONDITIONS, dynamic: false } });
    expect(edited.conditions.dynamic).toBe(false);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'star_rule_set'").pluck().get()).toBe(2);
    await t.call('stars.deleteRuleSet', { id: created.id });
    expect(await t.call('stars.ruleSets', {})).toHaveLength(1);
  });
});

describe('a star rating run', () => {
  it('previews a quarter: each person’s average, stars and the reason; grids from their workers', async () => {
    const { t, tree, p, quarter, ruleSet } = await setup();
    await quarter('2026-Q1', { [p.zhang]: 9600, [p.li]: 9550, [p.wang]: 8000, [p.zhao]: 6950 });
    const view = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    expect(view.run).toMatchObject({ period: '2026-Q1', periodLabel: '2026年第一季度', status: 'draft', rated: 4, counts: [1, 0, 1, 1, 1] });
    expect(view.monthsIncluded).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(view.monthsMissing).toEqual([]);
    const by = new Map(view.rows.map((r) => [r.personId, r]));
    expect(by.get(p.zhang)).toMatchObject({ average: 9600, months: 3, stars: 5, computedStars: 5, previousStars: null, reason: '季度平均 96.00 分 → 5★' });
    expect(by.get(p.li)!.stars).toBe(4);
    expect(by.get(p.wang)).toMatchObject({ stars: 3, unitPath: '固戍社区 / 第02网格' });
    expect(by.get(p.zhao)!.stars).toBe(1);
    // grids: 第01网格 (5★ and 4★: mean 4.5 → 5★), 第02网格 (3★), 河西 第01网格 (1★)
    const grids = await t.call('stars.grids', { runId: view.run.id });
    expect(grids.map((g) => [g.unitId, g.workers, g.mean, g.stars])).toEqual([
      [tree.a.id, 2, 450, 5],
      [tree.b.id, 1, 300, 3],
      [tree.c.id, 1, 100, 1],
    ]);
    expect(grids[0]).toMatchObject({ name: '第01网格', community: '固戍社区' });
  });

  it('a veto in the period caps at 1★', async () => {
    const { t, p, month, ruleSet } = await setup();
    await month('2026-04', { [p.zhang]: 9900, [p.li]: 9000, [p.wang]: 9000, [p.zhao]: 9000 });
    await month('2026-05', { [p.zhang]: 9900, [p.li]: 9000, [p.wang]: 9000, [p.zhao]: 9000 }, [p.zhang]);
    await month('2026-06', { [p.zhang]: 9900, [p.li]: 9000, [p.wang]: 9000, [p.zhao]: 9000 });
    const view = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q2' });
    const zhang = view.rows.find((r) => r.personId === p.zhang)!;
    expect(zhang).toMatchObject({ stars: 1, vetoes: 1 });
    expect(zhang.reason).toBe('季度平均 99.00 分 → 5★；本期有一票否决 1 次 → 1★');
  });

  it('overrides need a reason, are logged in audit_log, and survive a recompute', async () => {
    const { t, tree, p, quarter, ruleSet } = await setup();
    await quarter('2026-Q1', { [p.zhang]: 9600, [p.li]: 8500, [p.wang]: 8000, [p.zhao]: 6950 });
    const { run } = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    const noReason = await t.callError('stars.override', { runId: run.id, personId: p.li, stars: 4, reason: '  ' });
    expect(noReason).toMatchObject({ code: 'VALIDATION', message: '请填写调整原因' });
    const row = await t.call('stars.override', { runId: run.id, personId: p.li, stars: 4, reason: '抗台风抢险表现突出，经中心会议研究' });
    expect(row).toMatchObject({ stars: 4, computedStars: 3, overrideReason: '抗台风抢险表现突出，经中心会议研究', overriddenBy: '测试' });
    const log = t.core.db
      .prepare("SELECT actor, action, entity, entity_id, old_value, new_value, reason FROM audit_log WHERE action = 'override'")
      .all() as { actor: string; entity: string; entity_id: number; old_value: string; new_value: string; reason: string }[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: '测试', entity: 'star_rating', entity_id: run.id, reason: '抗台风抢险表现突出，经中心会议研究' });
    expect(JSON.parse(log[0]!.old_value)).toMatchObject({ personId: p.li, stars: 3 });
    expect(JSON.parse(log[0]!.new_value)).toMatchObject({ personId: p.li, stars: 4 });
    // the grid follows the override: 第01网格 is 5★ and 4★ now
    expect((await t.call('stars.grids', { runId: run.id })).find((g) => g.unitId === tree.a.id)).toMatchObject({ mean: 450, stars: 5 });
    // recomputing the draft keeps the override
    const again = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    expect(again.run.id).toBe(run.id);
    expect(again.rows.find((r) => r.personId === p.li)).toMatchObject({ stars: 4, computedStars: 3 });
    expect(again.run.overridden).toBe(1);
    // someone not rated in the run
    const outsider = await addPerson(t, tree.a.id, '外人', ['楼栋长']);
    expect((await t.callError('stars.override', { runId: run.id, personId: outsider, stars: 3, reason: 'x' })).message).toBe(
      '此人不在2026年第一季度的评定名单中',
    );
  });

  it('a published run is read-only, in the handlers and in the database', async () => {
    const { t, p, quarter, ruleSet } = await setup();
    await quarter('2026-Q1', { [p.zhang]: 9600, [p.li]: 8500, [p.wang]: 8000, [p.zhao]: 6950 });
    const { run } = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    const published = await t.call('stars.publish', { runId: run.id });
    expect(published).toMatchObject({ status: 'published', publishedAt: '2026-11-23T02:00:00.000Z' });
    const override = await t.callError('stars.override', { runId: run.id, personId: p.li, stars: 4, reason: '补评' });
    expect(override).toMatchObject({ code: 'CONFLICT', message: '2026年第一季度“季度星级评定”已发布，只能查看' });
    expect((await t.callError('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' })).code).toBe('CONFLICT');
    expect((await t.callError('stars.discard', { runId: run.id })).code).toBe('CONFLICT');
    expect((await t.callError('stars.publish', { runId: run.id })).code).toBe('CONFLICT');
    const db = t.core.db;
    expect(() => db.prepare('UPDATE star_ratings SET stars = 5 WHERE run_id = ?').run(run.id)).toThrow(/read-only/);
    expect(() => db.prepare('DELETE FROM star_ratings WHERE run_id = ?').run(run.id)).toThrow(/read-only/);
    expect(() => db.prepare('UPDATE star_grid_ratings SET stars = 5 WHERE run_id = ?').run(run.id)).toThrow(/read-only/);
    expect(() => db.prepare("UPDATE star_runs SET status = 'draft' WHERE id = ?").run(run.id)).toThrow(/read-only/);
    expect(() => db.prepare('DELETE FROM star_runs WHERE id = ?').run(run.id)).toThrow(/read-only/);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'publish' AND entity = 'star_run'").pluck().get()).toBe(1);
  });

  it('refuses to publish a period with a month not finalised, or one earlier than a published period', async () => {
    const { t, p, month, quarter, ruleSet } = await setup();
    const scores = { [p.zhang]: 9600, [p.li]: 8500, [p.wang]: 8000, [p.zhao]: 6950 };
    await month('2026-01', scores);
    await month('2026-02', scores);
    const partial = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    expect(partial.monthsMissing).toEqual(['2026-03']);
    expect((await t.callError('stars.publish', { runId: partial.run.id })).message).toBe('2026-03的月度考核还没有归档，不能发布2026年第一季度的星级评定');
    // the page asks first and is told the same
    expect(await t.call('stars.publishCheck', { runId: partial.run.id })).toEqual({ refusal: '2026-03的月度考核还没有归档，不能发布2026年第一季度的星级评定' });
    await quarter('2026-Q2', scores);
    const q2 = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q2' });
    await t.call('stars.publish', { runId: q2.run.id });
    await month('2026-03', scores);
    const q1 = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    expect((await t.callError('stars.publish', { runId: q1.run.id })).message).toBe('已发布2026年第二季度的星级评定，不能再发布更早的2026年第一季度');
    expect(await t.call('stars.publishCheck', { runId: q2.run.id })).toEqual({ refusal: `2026年第二季度“${ruleSet.name}”已发布，只能查看` });
    // a draft can be discarded
    await t.call('stars.discard', { runId: q1.run.id });
    expect((await t.call('stars.runs', {})).map((r) => r.period)).toEqual(['2026-Q2']);
    // wrong kind, future period
    expect((await t.callError('stars.preview', { ruleSetId: ruleSet.id, period: '2026-H1' })).message).toBe('“季度星级评定”按季度评定，期间应写作 2026-Q3');
    expect((await t.callError('stars.preview', { ruleSetId: ruleSet.id, period: '2027-Q1' })).message).toBe('2027年第一季度还没开始，不能评定');
    expect((await t.callError('stars.preview', { ruleSetId: ruleSet.id, period: '2025-Q4' })).message).toBe('2025年第四季度没有已归档的月度考核结果，无法评定');
  });

  it('a quota tie at the line is listed with its quota and line, decided one by one with a reason, and blocks publishing until then', async () => {
    const { t, tree, p, quarter } = await setup();
    const more = {
      sun: await addPerson(t, tree.a.id, '孙七', ['网格员']),
      zhou: await addPerson(t, tree.b.id, '周八', ['网格员']),
      wu: await addPerson(t, tree.b.id, '吴九', ['网格员']),
      zheng: await addPerson(t, tree.c.id, '郑十', ['网格员']),
    };
    const quota = [
      { stars: 5 as const, percent: 20, minPoints: null },
      { stars: 4 as const, percent: 30, minPoints: null },
      { stars: 3 as const, percent: 30, minPoints: null },
      { stars: 2 as const, percent: 20, minPoints: null },
    ];
    const ruleSet = await t.call('stars.saveRuleSet', {
      name: '季度名额星级', periodKind: 'quarter', method: 'quota', thresholds: DEFAULT_THRESHOLDS, quota, gridThresholds: DEFAULT_GRID_THRESHOLDS, conditions: PLAIN,
    });
    await quarter('2026-Q1', {
      [p.zhang]: 9500, [p.li]: 9300, [p.wang]: 9300, [p.zhao]: 9000, [more.sun]: 8800, [more.zhou]: 8500, [more.wu]: 8000, [more.zheng]: 7500,
    });
    const view = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    expect(view.ties).toHaveLength(1);
    expect(view.ties[0]).toMatchObject({ line: '5★名额 20%（8 人中 2 名）', higher: 5, lower: 4, average: 9300, places: 2, above: 1 });
    expect(view.ties[0]!.text).toBe('5★名额 20%（8 人中 2 名）的线上有 2 人同为 93.00 分并列（李四、王五），只余 1 个名额');
    expect(view.ties[0]!.people.map((x) => [x.name, x.decision])).toEqual([['李四', 'open'], ['王五', 'open']]);
    expect(view.rows.filter((r) => r.tie === 'open').map((r) => r.name).sort()).toEqual(['李四', '王五'].sort());
    // publishing is refused while the tie is open, and the check before asking says the same
    const refusal = '5★名额 20%（8 人中 2 名）的线上有 2 人同为 93.00 分并列（李四、王五），只余 1 个名额，请先逐一决定李四、王五保留5★还是降为4★，再发布';
    expect(await t.call('stars.publishCheck', { runId: view.run.id })).toEqual({ refusal });
    expect(await t.callError('stars.publish', { runId: view.run.id })).toMatchObject({ code: 'CONFLICT', message: refusal });
    // a decision needs a reason, and only a tied person can be decided
    expect(await t.callError('stars.decideTie', { runId: view.run.id, personId: p.li, keep: true, reason: ' ' })).toMatchObject({ message: '请填写决定的理由' });
    expect((await t.callError('stars.decideTie', { runId: view.run.id, personId: p.zhao, keep: true, reason: '表现好' })).message).toBe('此人不在2026年第一季度星级名额线上的并列名单中');
    const one = await t.call('stars.decideTie', { runId: view.run.id, personId: p.li, keep: true, reason: '全季无差错' });
    expect(one.ties[0]!.people.map((x) => x.decision)).toEqual(['kept', 'open']);
    expect((await t.call('stars.publishCheck', { runId: view.run.id })).refusal).toBe(
      '5★名额 20%（8 人中 2 名）的线上有 2 人同为 93.00 分并列（李四、王五），只余 1 个名额，请先逐一决定王五保留5★还是降为4★，再发布',
    );
    // the one place left is taken: keeping 王五 too would put 3 of 8 at 5★ against a 20% quota
    expect(await t.callError('stars.decideTie', { runId: view.run.id, personId: p.wang, keep: true, reason: '也很好' })).toMatchObject({
      code: 'CONFLICT',
      message: '5★名额 20%（8 人中 2 名）在名额线上只剩 1 个名额，已决定保留李四；如要保留王五，请先将其中一人改为降为4★',
    });
    const both = await t.call('stars.decideTie', { runId: view.run.id, personId: p.wang, keep: false, reason: '名额已满' });
    const by = new Map(both.rows.map((r) => [r.personId, r]));
    expect(by.get(p.li)).toMatchObject({ stars: 5, computedStars: 5, tie: 'kept' });
    expect(by.get(p.wang)).toMatchObject({ stars: 4, computedStars: 4, tie: 'dropped' });
    expect(by.get(p.wang)!.reason).toContain('经决定降为 4★（名额已满）');
    expect(both.run.counts).toEqual([0, 2, 2, 2, 2]);
    // both decisions are in the audit log with their reasons; a recompute keeps them
    const log = t.core.db.prepare("SELECT action, entity_id, reason, new_value FROM audit_log WHERE entity = 'star_tie' ORDER BY id").all() as { action: string; entity_id: number; reason: string; new_value: string }[];
    expect(log.map((l) => [l.action, l.entity_id, l.reason])).toEqual([['keep', view.run.id, '全季无差错'], ['drop', view.run.id, '名额已满']]);
    expect(JSON.parse(log[1]!.new_value)).toMatchObject({ personId: p.wang, name: '王五', line: '5★名额 20%（8 人中 2 名）', keep: false, stars: 4 });
    const again = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    expect(again.rows.find((r) => r.personId === p.wang)).toMatchObject({ stars: 4, tie: 'dropped' });
    expect(await t.call('stars.publishCheck', { runId: view.run.id })).toEqual({ refusal: null });
    await t.call('stars.publish', { runId: view.run.id });
    // a published run's decisions are read-only
    expect((await t.callError('stars.decideTie', { runId: view.run.id, personId: p.wang, keep: true, reason: '改' })).code).toBe('CONFLICT');
  });

  it('dynamic management reads the latest published rating before the period; 通报批评 blocks an upgrade', async () => {
    const { t, p, quarter, ruleSet } = await setup();
    await quarter('2026-Q1', { [p.zhang]: 7500, [p.li]: 8500, [p.wang]: 9900, [p.zhao]: 9700 });
    const q1 = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    await t.call('stars.publish', { runId: q1.run.id });
    await quarter('2026-Q2', { [p.zhang]: 9700, [p.li]: 9300, [p.wang]: 6000, [p.zhao]: 9700 });
    await t.call('stars.createDiscipline', { personId: p.li, date: '2026-05-12', kind: '通报批评', reason: '巡查脱岗，街道督查通报' });
    // a 诫勉谈话 is not a 通报批评, and a 通报批评 outside the period does not count
    await t.call('stars.createDiscipline', { personId: p.zhao, date: '2026-05-12', kind: '诫勉谈话', reason: '台账缺记' });
    await t.call('stars.createDiscipline', { personId: p.zhao, date: '2026-03-31', kind: '通报批评', reason: '缺席例会' });
    const q2 = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q2' });
    const by = new Map(q2.rows.map((r) => [r.personId, r]));
    expect(by.get(p.zhang)).toMatchObject({ previousStars: 2, stars: 3, reason: '季度平均 97.00 分 → 5★；较上期 2★ 最多升一星 → 3★' });
    expect(by.get(p.li)).toMatchObject({ previousStars: 3, criticisms: 1, stars: 3, reason: '季度平均 93.00 分 → 4★；本期受通报批评 1 次，不得高于上期 3★ → 3★' });
    expect(by.get(p.wang)).toMatchObject({ previousStars: 5, stars: 4, reason: '季度平均 60.00 分 → 1★；较上期 5★ 最多降一星 → 4★' });
    expect(by.get(p.zhao)).toMatchObject({ previousStars: 5, criticisms: 0, stars: 5 });
    await t.call('stars.publish', { runId: q2.run.id });

    // the roster as of a date: the latest published rating whose period ended on or before it
    const q1Roster = await t.call('stars.roster', { asOf: '2026-06-29' });
    expect(q1Roster.rows.find((r) => r.personId === p.zhang)).toMatchObject({ stars: 2, period: '2026-Q1' });
    expect(q1Roster.counts).toEqual([0, 1, 1, 0, 2]);
    const q2Roster = await t.call('stars.roster', { asOf: '2026-06-30' });
    expect(q2Roster.rows.find((r) => r.personId === p.zhang)).toMatchObject({ stars: 3, period: '2026-Q2', periodLabel: '2026年第二季度' });
    expect(q2Roster.counts).toEqual([0, 0, 2, 1, 1]);
    expect((await t.call('stars.roster', { asOf: '2026-03-30' })).rows).toEqual([]);
    // by unit
    const tree = await t.call('org.tree', {});
    const c2 = tree.find((u) => u.name === '河西社区')!;
    expect((await t.call('stars.roster', { asOf: '2026-11-23', unitId: c2.id })).rows.map((r) => r.name)).toEqual(['赵六']);
    // someone who left is not on the roster after leaving
    await t.call('people.leave', { id: p.wang, date: '2026-08-01', reason: '辞职' });
    expect((await t.call('stars.roster', { asOf: '2026-07-31' })).rows.some((r) => r.personId === p.wang)).toBe(true);
    expect((await t.call('stars.roster', { asOf: '2026-08-01' })).rows.some((r) => r.personId === p.wang)).toBe(false);

    // a person's history, oldest first
    const history = await t.call('stars.personHistory', { personId: p.zhang });
    expect(history.map((h) => [h.period, h.stars, h.previousStars])).toEqual([
      ['2026-Q1', 2, null],
      ['2026-Q2', 3, 2],
    ]);
  });

  it('points in the period count toward a line’s minimum points', async () => {
    const { t, p, quarter, ruleSet } = await setup();
    await quarter('2026-Q1', { [p.zhang]: 9700, [p.li]: 9700, [p.wang]: 8000, [p.zhao]: 8000 });
    // what the ledger already holds for the quarter (finalising a month may post points by grade)
    const first = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    const base = first.rows.find((r) => r.personId === p.li)!.points;
    expect(first.rows.find((r) => r.personId === p.zhang)!.points).toBe(base);
    await t.call('stars.saveRuleSet', {
      ...ruleSet,
      thresholds: [{ stars: 5, minAverage: 9600, minPoints: base + 1000 }, ...DEFAULT_THRESHOLDS.slice(1)],
    });
    const db = t.core.db;
    const ruleId = db.prepare('SELECT id FROM point_rules ORDER BY id LIMIT 1').pluck().get() as number;
    const add = db.prepare(
      "INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, entered_by, created_at) VALUES (?, ?, ?, 100, ?, ?, 'manual', '测试', 'x')",
    );
    add.run('2026-02-01', p.zhang, ruleId, 1200, 1200);
    add.run('2025-12-31', p.li, ruleId, 1200, 1200); // before the quarter
    const view = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    const by = new Map(view.rows.map((r) => [r.personId, r]));
    expect(by.get(p.zhang)).toMatchObject({ points: base + 1200, stars: 5 });
    expect(by.get(p.li)).toMatchObject({ points: base, stars: 4 });
    expect(by.get(p.li)!.reason).toMatch(/^季度平均 97\.00 分 够 5★，但积分 [\d.]+ 分未达 5★ 所需 [\d.]+ 分 → 4★$/);
  });

  it('a rule set with a scheme reads only that scheme’s months; a run keeps the rules it was computed with', async () => {
    const { t, p, quarter, ruleSet, scheme } = await setup();
    await quarter('2026-Q1', { [p.zhang]: 9700, [p.li]: 9000, [p.wang]: 8000, [p.zhao]: 7000 });
    const other = await t.call('stars.saveRuleSet', { ...ruleSet, id: undefined, name: '只看另一个方案', schemeId: scheme.schemeId + 100 }).catch((e: Error) => e);
    expect(other).toBeInstanceOf(Error);
    const { run } = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2026-Q1' });
    await t.call('stars.saveRuleSet', { ...ruleSet, thresholds: [{ stars: 5, minAverage: 9900, minPoints: null }, ...DEFAULT_THRESHOLDS.slice(1)] });
    const view = await t.call('stars.run', { runId: run.id });
    expect(view.rules.thresholds[0]!.minAverage).toBe(9600);
    expect(view.rows.find((r) => r.personId === p.zhang)!.stars).toBe(5);
  });
});

describe('discipline records', () => {
  it('are created with an audit entry and listed newest first', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
    const first = await t.call('stars.createDiscipline', { personId: zhang, date: '2026-03-01', kind: '警告', reason: '台账弄虚作假' });
    expect(first).toMatchObject({ name: '张三', unitPath: '固戍社区 / 第01网格', kind: '警告', createdBy: '测试' });
    await t.call('stars.createDiscipline', { personId: zhang, date: '2026-05-01', kind: '通报批评', reason: '巡查脱岗' });
    expect((await t.call('stars.discipline', {})).map((d) => d.date)).toEqual(['2026-05-01', '2026-03-01']);
    expect(await t.call('stars.discipline', { personId: zhang + 1 })).toEqual([]);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'discipline_record'").pluck().get()).toBe(2);
    expect((await t.callError('stars.createDiscipline', { personId: zhang, date: '2026-12-01', kind: '警告', reason: 'x' })).message).toBe('日期不能晚于今天');
    expect((await t.callError('stars.createDiscipline', { personId: zhang, date: '2026-02-30', kind: '警告', reason: 'x' })).message).toBe('日期不是有效的日期');
    expect((await t.callError('stars.createDiscipline', { personId: zhang, date: '2026-02-01', kind: '表扬', reason: 'x' })).issues?.[0]?.field).toBe('kind');
    expect((await t.callError('stars.createDiscipline', { personId: zhang, date: '2026-02-01', kind: '警告', reason: '' })).message).toBe('请填写事由');
  });

  it('only an administrator may write star ratings and records', async () => {
    const t = await openTestCore();
    const secretary = { name: '文书', role: 'secretary' as const };
    expect((await t.callError('stars.preview', { ruleSetId: 1, period: '2026-Q1' }, secretary)).code).toBe('FORBIDDEN');
    expect((await t.callError('stars.createDiscipline', { personId: 1, date: '2026-01-01', kind: '警告', reason: 'x' }, secretary)).code).toBe('FORBIDDEN');
    expect((await t.raw('stars.ruleSets', {}, secretary)).ok).toBe(true);
  });
});

describe('the demo’s star ratings', () => {
  it('rates every complete quarter, published in order with the latest left as a draft', async () => {
    const t = await openTestCore();
    const { db } = t.core;
    const ctx = directContext(t.core, TODAY);
    db.transaction(() => {
      loadDemoStreet(db, { today: TODAY, createdAt: FIXED_NOW.toISOString() });
      loadDemoMonths(ctx);
    })();
    const { runs: made } = db.transaction(() => loadDemoStars(ctx))();
    expect(made).toBe(7);
    const runs = await t.call('stars.runs', {});
    // demo months 2024-11 … 2026-10: complete quarters 2025-Q1 … 2026-Q3
    expect(runs.map((r) => [r.period, r.status])).toEqual([
      ['2026-Q3', 'draft'],
      ['2026-Q2', 'published'],
      ['2026-Q1', 'published'],
      ['2025-Q4', 'published'],
      ['2025-Q3', 'published'],
      ['2025-Q2', 'published'],
      ['2025-Q1', 'published'],
    ]);
    for (const r of runs) expect(r.rated).toBeGreaterThan(800);
    // 2★ to 5★ all used, and dynamic management held: nobody moved more than one star without a veto
    expect(runs.find((r) => r.period === '2026-Q2')!.counts.slice(1).every((n) => n > 0)).toBe(true);
    const jumps = db
      .prepare('SELECT count(*) FROM star_ratings WHERE previous_stars IS NOT NULL AND abs(computed_stars - previous_stars) > 1 AND vetoes = 0')
      .pluck()
      .get();
    expect(jumps).toBe(0);
    expect(db.prepare("SELECT count(*) FROM star_ratings WHERE override_reason <> ''").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM discipline_records WHERE kind = '通报批评'").pluck().get()).toBe(8);
    const roster = await t.call('stars.roster', { asOf: TODAY });
    expect(roster.rows.length).toBeGreaterThan(800);
    // the latest published quarter for most; an older one for whoever was not rated since; never the draft
    expect(roster.rows.filter((r) => r.period === '2026-Q2').length).toBeGreaterThan(800);
    expect(roster.rows.some((r) => r.period === '2026-Q3')).toBe(false);
    expect((await t.call('stars.grids', { runId: runs[1]!.id })).length).toBeGreaterThan(80);
  });
});
