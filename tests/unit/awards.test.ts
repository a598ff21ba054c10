import { describe, expect, it } from 'vitest';
import type { SchemeDetail } from '../../src/shared/contract/schemes';
import {
  DEFAULT_ELIGIBILITY,
  eligibilityReasons,
  rankNominees,
  splitPastedNominees,
  stageMoveError,
  type NomineeFacts,
  type RankInput,
} from '../../src/shared/domain/awards';
import { starPeriodMonths } from '../../src/shared/domain/stars';
import { loadDemoAwards } from '../../src/main/core/demo/awards';
import { loadDemoMonths } from '../../src/main/core/demo/months';
import { loadDemoPoints } from '../../src/main/core/demo/points';
import { loadDemoStars } from '../../src/main/core/demo/stars';
import { loadDemoStreet } from '../../src/main/core/demo/street';
import { addPerson, buildSmallTree, directContext, FIXED_NOW, openTestCore, publishScheme, type TestCore, TODAY } from './helpers';

const facts = (over: Partial<NomineeFacts> = {}): NomineeFacts => ({ months: 12, average: 9000, vetoes: 0, points: 0, stars: 3, inPost: true, criticisms: 0, ...over });
const input = (key: string, unit: number, average: number, over: Partial<NomineeFacts> = {}): RankInput<string> => ({ key, unit, facts: facts({ average, ...over }) });

describe('eligibility', () => {
  it('no veto, at least N stars, in post, no 通报批评 — each with its reason', () => {
    expect(eligibilityReasons(facts(), DEFAULT_ELIGIBILITY, 'average')).toEqual([]);
    expect(eligibilityReasons(facts({ vetoes: 1 }), DEFAULT_ELIGIBILITY, 'average')).toEqual(['期间内有1次一票否决']);
    expect(eligibilityReasons(facts({ inPost: false }), DEFAULT_ELIGIBILITY, 'average')).toEqual(['表彰日期时不在岗']);
    expect(eligibilityReasons(facts({ criticisms: 2 }), DEFAULT_ELIGIBILITY, 'average')).toEqual(['期间内受通报批评2次']);
    expect(eligibilityReasons(facts({ stars: 3 }), { ...DEFAULT_ELIGIBILITY, minStars: 4 }, 'average')).toEqual(['星级3星，不足4星']);
    expect(eligibilityReasons(facts({ stars: null }), { ...DEFAULT_ELIGIBILITY, minStars: 4 }, 'average')).toEqual(['无星级评定（需4星以上）']);
    expect(eligibilityReasons(facts({ stars: 4 }), { ...DEFAULT_ELIGIBILITY, minStars: 4 }, 'average')).toEqual([]);
    // options off: the same facts pass
    const off = { noVeto: false, minStars: 0, inPost: false, noCriticism: false, periodExcellent: false };
    expect(eligibilityReasons(facts({ vetoes: 1, inPost: false, criticisms: 1 }), off, 'points')).toEqual([]);
    // ranking by the average needs months; by stars needs a rating
    expect(eligibilityReasons(facts({ months: 0, average: null }), off, 'average')).toEqual(['期间内无已归档的考核结果']);
    expect(eligibilityReasons(facts({ months: 0, average: null }), off, 'points')).toEqual([]);
    // reading a period: not graded there is one reason, not two; graded but not 优秀 is named
    const excellentOnly = { ...off, periodExcellent: true };
    expect(eligibilityReasons(facts({ average: null, periodGrade: null }), excellentOnly, 'average')).toEqual(['周期考核未定等次']);
    expect(eligibilityReasons(facts({ average: 9100, periodGrade: '良好' }), excellentOnly, 'average')).toEqual(['周期考核为良好，不是优秀']);
    expect(eligibilityReasons(facts({ average: 9700, periodGrade: '优秀' }), excellentOnly, 'average')).toEqual([]);
    expect(eligibilityReasons(facts({ stars: null }), off, 'stars')).toEqual(['无星级评定']);
  });
});

describe('ranking and quotas', () => {
  it('applies the quota per community: the best two of each', () => {
    const r = rankNominees(
      [input('a1', 1, 9500), input('a2', 1, 9400), input('a3', 1, 9300), input('b1', 2, 8000), input('b2', 2, 9900), input('b3', 2, 7000)],
      { basis: 'average', quotaPerUnit: 2, quotaTotal: null },
    );
    const chosen = r.filter((x) => x.status === 'nominated').map((x) => x.key);
    expect(chosen).toEqual(['a1', 'a2', 'b2', 'b1']);
    expect(r.find((x) => x.key === 'a3')).toMatchObject({ rank: 3, status: 'out', value: 9300 });
    expect(r.every((x) => x.status !== 'tied')).toBe(true);
  });

  it('ties at the quota line are all shown and marked, never cut', () => {
    const r = rankNominees(
      [input('a1', 1, 9500), input('a2', 1, 9400), input('a3', 1, 9400), input('a4', 1, 9000)],
      { basis: 'average', quotaPerUnit: 2, quotaTotal: null },
    );
    expect(r.map((x) => [x.key, x.rank, x.status, x.mark])).toEqual([
      ['a1', 1, 'nominated', ''],
      ['a2', 2, 'tied', '并列第2，名额线上'],
      ['a3', 2, 'tied', '并列第2，名额线上'],
      ['a4', 4, 'out', ''],
    ]);
    // a tie inside the quota is no problem: ranks 1, 1 with a quota of 2
    const inside = rankNominees([input('x', 1, 9500), input('y', 1, 9500), input('z', 1, 9000)], { basis: 'average', quotaPerUnit: 2, quotaTotal: null });
    expect(inside.map((x) => [x.key, x.rank, x.status])).toEqual([
      ['x', 1, 'nominated'],
      ['y', 1, 'nominated'],
      ['z', 3, 'out'],
    ]);
  });

  it('the next basis breaks a tie before it reaches the line (average, then points, then stars)', () => {
    const r = rankNominees(
      [input('a1', 1, 9500), input('a2', 1, 9400, { points: 300 }), input('a3', 1, 9400, { points: 200 })],
      { basis: 'average', quotaPerUnit: 2, quotaTotal: null },
    );
    expect(r.map((x) => [x.key, x.rank, x.status])).toEqual([
      ['a1', 1, 'nominated'],
      ['a2', 2, 'nominated'],
      ['a3', 3, 'out'],
    ]);
    // by points: the average breaks the tie
    const p = rankNominees([input('p1', 1, 8000, { points: 500 }), input('p2', 1, 9000, { points: 500 })], { basis: 'points', quotaPerUnit: 1, quotaTotal: null });
    expect(p.map((x) => [x.key, x.status, x.value])).toEqual([
      ['p2', 'nominated', 500],
      ['p1', 'out', 500],
    ]);
  });

  it('the overall quota applies after the per-community one, with ties at its line marked too', () => {
    const list = [input('a1', 1, 9600), input('a2', 1, 9200), input('b1', 2, 9500), input('b2', 2, 9200), input('c1', 3, 8000)];
    const r = rankNominees(list, { basis: 'average', quotaPerUnit: 2, quotaTotal: 3 });
    const by = Object.fromEntries(r.map((x) => [x.key, [x.status, x.mark]]));
    expect(by).toEqual({
      a1: ['nominated', ''],
      b1: ['nominated', ''],
      a2: ['tied', '总名额线上并列第3'],
      b2: ['tied', '总名额线上并列第3'],
      c1: ['out', ''],
    });
    // overall quota alone
    const only = rankNominees(list, { basis: 'average', quotaPerUnit: null, quotaTotal: 2 });
    expect(only.filter((x) => x.status === 'nominated').map((x) => x.key).sort()).toEqual(['a1', 'b1']);
  });
});

describe('stage transitions', () => {
  it('forward one step; back one step with a reason before 表彰; nothing after 表彰', () => {
    expect(stageMoveError('initial', 'review', '')).toBeNull();
    expect(stageMoveError('review', 'notice', '')).toBeNull();
    expect(stageMoveError('notice', 'published', '')).toBeNull();
    expect(stageMoveError('initial', 'notice', '')).toBe('只能逐步推进到“审核”阶段');
    expect(stageMoveError('initial', 'published', '')).toBe('只能逐步推进到“审核”阶段');
    expect(stageMoveError('notice', 'review', '')).toBe('退回“审核”阶段需要填写原因');
    expect(stageMoveError('notice', 'review', '公示期间有异议')).toBeNull();
    expect(stageMoveError('notice', 'initial', '公示期间有异议')).toBe('只能退回上一个阶段');
    expect(stageMoveError('review', 'review', '')).toBe('已处于“审核”阶段');
    expect(stageMoveError('published', 'notice', '发错了')).toBe('已表彰的批次不能再变更阶段');
  });
});

// ---- the core ----

async function oneLineScheme(t: TestCore): Promise<SchemeDetail> {
  return publishScheme(t, '表彰测试方案', {
    roles: ['网格员'],
    criteria: [
      { category: '业务工作', name: '工作实绩', kind: 'score', max: 10000 },
      { category: '否决项', name: '违纪', kind: 'veto', max: 0 },
    ],
  });
}

async function setup(options: { anle?: boolean } = {}) {
  const t = await openTestCore();
  const tree = await buildSmallTree(t);
  // 安乐社区, made last, stands last in the tree though first by name
  const anle = options.anle ? await t.call('org.create', { parentId: tree.street.id, kind: 'community', name: '安乐社区', code: 'C3' }) : null;
  const qian = anle ? await addPerson(t, anle.id, '钱九', ['网格员']) : null;
  const p = {
    zhang: await addPerson(t, tree.a.id, '张三', ['网格员']),
    li: await addPerson(t, tree.a.id, '李四', ['网格员']),
    wang: await addPerson(t, tree.b.id, '王五', ['网格员']),
    chen: await addPerson(t, tree.b.id, '陈七', ['网格员']),
    zhao: await addPerson(t, tree.c.id, '赵六', ['网格员']),
    sun: await addPerson(t, tree.c.id, '孙八', ['网格员']),
  };
  const scheme = await oneLineScheme(t);
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const work = scheme.criteria.find((c) => c.name === '工作实绩')!.id;
  const veto = scheme.criteria.find((c) => c.name === '违纪')!.id;
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
  // 2025-Q1 months: 固戍 has 张三 95, 李四 90, 王五 90 (a tie at the line of 2), 陈七 80; 河西: 赵六 vetoed, 孙八 85.
  const scores: Record<number, number> = { [p.zhang]: 9500, [p.li]: 9000, [p.wang]: 9000, [p.chen]: 8000, [p.zhao]: 9900, [p.sun]: 8500 };
  if (qian !== null) scores[qian] = 8800;
  for (const period of starPeriodMonths('2025-Q1')) await month(period, scores, period === '2025-02' ? [p.zhao] : []);
  const batch = await t.call('awards.saveBatch', { name: '2025年度优秀网格员', level: '区级', issuer: '宝安区委', date: '2025-04-10', quotaPerUnit: 2 });
  const nominate = () =>
    t.call('awards.nominate', { batchId: batch.id, from: '2025-01', to: '2025-03', basis: 'average', quotaPerUnit: 2, quotaTotal: null, eligibility: DEFAULT_ELIGIBILITY });
  return { t, tree, p, batch, nominate, qian };
}

describe('award batches', () => {
  it('nominates from the period ranking: quota per community, eligibility reasons, ties marked for the secretary', async () => {
    const { t, p, batch, nominate } = await setup();
    expect(batch).toMatchObject({ stage: 'initial', level: '区级', quotaPerUnit: 2, quotaTotal: null });
    const view = await nominate();
    const by = Object.fromEntries(view.candidates.map((c) => [c.name, [c.community, c.rank, c.status, c.tieMark, c.basisValue]]));
    expect(by).toEqual({
      张三: ['固戍社区', 1, 'nominated', '', 9500],
      李四: ['固戍社区', 2, 'tied', '并列第2，名额线上', 9000],
      王五: ['固戍社区', 2, 'tied', '并列第2，名额线上', 9000],
      孙八: ['河西社区', 1, 'nominated', '', 8500],
    });
    expect(view.nomination).toMatchObject({ ranked: 5, selected: 2, tied: 2, ineligible: 1, reasons: { 期间内有1次一票否决: 1 } });
    expect(view.nomination!.excluded).toEqual([{ personId: p.zhao, name: '赵六', community: '河西社区', reasons: ['期间内有1次一票否决'] }]);
    expect(view.batch).toMatchObject({ periodFrom: '2025-01', periodTo: '2025-03', basis: 'average', nominated: 2, tied: 2 });
    expect(view.log.map((l) => [l.from, l.to, l.actor])).toEqual([[null, 'initial', '测试']]);
    // 通报批评 in the period makes a person ineligible when that option is on
    await t.call('stars.createDiscipline', { personId: p.zhang, date: '2025-02-10', kind: '通报批评', reason: '巡查脱岗' });
    const again = await nominate();
    expect(again.candidates.map((c) => c.name)).not.toContain('张三');
    expect(again.nomination!.reasons).toMatchObject({ 期间内受通报批评1次: 1 });
  });

  it('adds and removes candidates by hand with a reason, both audited; publishing needs the ties decided', async () => {
    const { t, p, batch, nominate } = await setup();
    await nominate();
    const noReason = await t.callError('awards.removeCandidate', { batchId: batch.id, personId: p.li, reason: ' ' });
    expect(noReason).toMatchObject({ code: 'VALIDATION', message: '请填写移除原因' });
    await t.call('awards.removeCandidate', { batchId: batch.id, personId: p.li, reason: '本年度调岗，经研究不予推荐' });
    await t.call('awards.keepCandidate', { batchId: batch.id, personId: p.wang, reason: '并列者中工作年限更长' });
    const added = await t.call('awards.addCandidate', { batchId: batch.id, personId: p.chen, reason: '防汛抢险表现突出，社区推荐', deeds: '连续三昼夜值守' });
    const by = Object.fromEntries(added.candidates.map((c) => [c.name, [c.status, c.addedManually, c.addReason, c.removeReason]]));
    expect(by['李四']).toEqual(['removed', false, '', '本年度调岗，经研究不予推荐']);
    expect(by['王五']).toEqual(['nominated', false, '', '']);
    expect(by['陈七']).toEqual(['nominated', true, '防汛抢险表现突出，社区推荐', '']);
    const audit = t.core.db.prepare("SELECT action, reason FROM audit_log WHERE entity = 'award_candidates' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'remove-candidate', reason: '本年度调岗，经研究不予推荐' },
      { action: 'keep-candidate', reason: '并列者中工作年限更长' },
      { action: 'add-candidate', reason: '防汛抢险表现突出，社区推荐' },
    ]);
    // nominating again keeps those added by hand
    const renominated = await nominate();
    expect(renominated.candidates.find((c) => c.name === '陈七')).toMatchObject({ addedManually: true, status: 'nominated' });
    expect(renominated.batch.tied).toBe(2);
    // a tie left undecided blocks publishing
    await t.call('awards.moveStage', { batchId: batch.id, to: 'review' });
    await t.call('awards.moveStage', { batchId: batch.id, to: 'notice' });
    const blocked = await t.callError('awards.moveStage', { batchId: batch.id, to: 'published' });
    expect(blocked).toMatchObject({ code: 'CONFLICT', message: '还有2人在名额线上并列待定，请逐一保留或移除后再表彰' });
  });

  it('moves through the stages with who and when; back needs a reason; published is read-only and posts points once', async () => {
    const { t, p, batch, nominate } = await setup();
    await nominate();
    await t.call('awards.keepCandidate', { batchId: batch.id, personId: p.li, reason: '并列均予推荐' });
    await t.call('awards.keepCandidate', { batchId: batch.id, personId: p.wang, reason: '并列均予推荐' });
    await t.call('awards.saveDeeds', { batchId: batch.id, personId: p.zhang, deeds: '全年上报安全隐患120件' });
    expect(await t.callError('awards.moveStage', { batchId: batch.id, to: 'notice' })).toMatchObject({ message: '只能逐步推进到“审核”阶段' });
    await t.call('awards.moveStage', { batchId: batch.id, to: 'review' });
    expect(await t.callError('awards.nominate', { batchId: batch.id, from: '2025-01', to: '2025-03', basis: 'average', eligibility: DEFAULT_ELIGIBILITY })).toMatchObject({
      code: 'CONFLICT',
    });
    await t.call('awards.moveStage', { batchId: batch.id, to: 'notice' });
    expect(await t.callError('awards.moveStage', { batchId: batch.id, to: 'review' })).toMatchObject({ message: '退回“审核”阶段需要填写原因' });
    await t.call('awards.moveStage', { batchId: batch.id, to: 'review', note: '公示期间有异议，重新审核' });
    await t.call('awards.moveStage', { batchId: batch.id, to: 'notice' });
    const published = await t.call('awards.moveStage', { batchId: batch.id, to: 'published' });
    expect(published.batch).toMatchObject({ stage: 'published', nominated: 4, publishedBy: '测试' });
    expect(published.log.map((l) => `${l.from ?? ''}→${l.to}${l.note ? `（${l.note}）` : ''}`)).toEqual([
      '→initial（新建批次）',
      'initial→review',
      'review→notice',
      'notice→review（公示期间有异议，重新审核）',
      'review→notice',
      'notice→published',
    ]);
    expect(published.log.every((l) => l.actor === '测试' && l.at === '2026-11-23T02:00:00.000Z')).toBe(true);
    // 区级 posts 获区级表彰 (+10) to each of the 4 recipients, dated the batch date, once
    const entries = t.core.db.prepare("SELECT person_id, points, date, source, note FROM point_entries WHERE source_ref = ? ORDER BY person_id").all(`award:${batch.id}`) as {
      points: number;
      date: string;
      source: string;
      note: string;
    }[];
    expect(entries).toHaveLength(4);
    expect(entries.every((e) => e.points === 1000 && e.date === '2025-04-10' && e.source === 'award' && e.note === '获区级表彰“2025年度优秀网格员”')).toBe(true);
    expect(published.pointsPosted).toBe(4000);
    // read-only from then on, in the handlers and in the database
    expect(await t.callError('awards.moveStage', { batchId: batch.id, to: 'notice', note: '撤回' })).toMatchObject({ message: '已表彰的批次不能再变更阶段' });
    expect(await t.callError('awards.saveDeeds', { batchId: batch.id, personId: p.zhang, deeds: '改' })).toMatchObject({ code: 'CONFLICT' });
    expect(await t.callError('awards.removeCandidate', { batchId: batch.id, personId: p.zhang, reason: '改' })).toMatchObject({ code: 'CONFLICT' });
    expect(await t.callError('awards.saveBatch', { id: batch.id, name: '改名', level: '区级', date: '2025-04-10' })).toMatchObject({ code: 'CONFLICT' });
    expect(() => t.core.db.prepare("UPDATE award_candidates SET deeds = 'x' WHERE batch_id = ?").run(batch.id)).toThrow(/read-only/);
    expect(() => t.core.db.prepare('DELETE FROM award_batches WHERE id = ?').run(batch.id)).toThrow(/read-only/);
    expect(t.core.db.prepare('SELECT count(*) FROM point_entries WHERE source_ref = ?').pluck().get(`award:${batch.id}`)).toBe(4);
    // the person's awards list
    expect(await t.call('awards.personAwards', { personId: p.zhang })).toEqual([
      { batchId: batch.id, name: '2025年度优秀网格员', level: '区级', issuer: '宝安区委', date: '2025-04-10', deeds: '全年上报安全隐患120件' },
    ]);
    expect(await t.call('awards.personAwards', { personId: p.chen })).toEqual([]);
  });

  it('a published award counts in star rules (awardUpgrade on), a 社区 award posts no points', async () => {
    const { t, p, batch, nominate } = await setup();
    await nominate();
    await t.call('awards.removeCandidate', { batchId: batch.id, personId: p.li, reason: '经研究不予推荐' });
    await t.call('awards.removeCandidate', { batchId: batch.id, personId: p.wang, reason: '经研究不予推荐' });
    // the batch is dated in Q1 so the Q1 rating sees it
    await t.call('awards.saveBatch', { id: batch.id, name: '2025年度优秀网格员', level: '社区', date: '2025-03-20', quotaPerUnit: 2 });
    for (const to of ['review', 'notice', 'published'] as const) await t.call('awards.moveStage', { batchId: batch.id, to });
    expect(t.core.db.prepare('SELECT count(*) FROM point_entries WHERE source_ref = ?').pluck().get(`award:${batch.id}`)).toBe(0);

    const rs = (await t.call('stars.ruleSets', {}))[0]!;
    const { id: _id, runs: _runs, schemeName: _s, ...rest } = rs;
    await t.call('stars.saveRuleSet', { ...rest, id: rs.id, conditions: { ...rs.conditions, awardUpgrade: true, dynamic: false } });
    const view = await t.call('stars.preview', { ruleSetId: rs.id, period: '2025-Q1' });
    expect(view.awardsAvailable).toBe(true);
    const zhang = view.rows.find((r) => r.personId === p.zhang)!;
    expect(zhang.reason).toContain('获表彰“2025年度优秀网格员”');
    // 张三 averages 95.00 (4★ by the 96/90/80/70 lines) and the award lifts him to 5★; 李四 (90.00, removed) stays 4★
    expect([zhang.computedStars, view.rows.find((r) => r.personId === p.li)!.computedStars]).toEqual([5, 4]);
  });

  it('refuses a taken name, deletes a batch in 初选 only, and is for the administrator only (a 文书 prints it)', async () => {
    const { t, batch } = await setup();
    expect(await t.callError('awards.saveBatch', { name: '2025年度优秀网格员', level: '街道', date: '2025-04-10' })).toMatchObject({
      code: 'VALIDATION',
      message: '已有名为“2025年度优秀网格员”的表彰批次',
    });
    const evaluator = await t.callError('awards.saveBatch', { name: '新批次', level: '街道', date: '2025-04-10' }, { name: '考核员', role: 'evaluator' });
    expect(evaluator.code).toBe('FORBIDDEN');
    const secretary = await t.callError('awards.saveBatch', { name: '新批次', level: '街道', date: '2025-04-10' }, { name: '文书', role: 'secretary' });
    expect(secretary.code).toBe('FORBIDDEN');
    await t.call('awards.saveBatch', { name: '新批次', level: '街道', date: '2025-04-10' });
    await t.call('awards.moveStage', { batchId: batch.id, to: 'review' });
    expect(await t.callError('awards.deleteBatch', { id: batch.id })).toMatchObject({ code: 'CONFLICT' });
    await t.call('awards.moveStage', { batchId: batch.id, to: 'initial', note: '名单需重新提名' });
    await t.call('awards.deleteBatch', { id: batch.id });
    expect((await t.call('awards.batches', {})).map((b) => b.name)).toEqual(['新批次']);
  });
});

describe('批量添加', () => {
  it('splits a pasted list: a line each, tab/comma/、 separated, padded names joined, spaced names split, headers skipped', () => {
    expect(splitPastedNominees('姓名\n张三\r\n李四，王五\t陈七\n\n张\u3000三\n赵六 孙八、 440306199005151234 ;')).toEqual([
      { line: 2, text: '张三' },
      { line: 3, text: '李四' },
      { line: 3, text: '王五' },
      { line: 3, text: '陈七' },
      { line: 5, text: '张三' },
      { line: 6, text: '赵六' },
      { line: 6, text: '孙八' },
      { line: 6, text: '440306199005151234' },
    ]);
  });

  it('answers a paste line by line: found, a shared name asked, unknown and duplicates named with their line, those already in reported', async () => {
    const { t, tree, p, batch } = await setup();
    const zhang2 = await addPerson(t, tree.c.id, '张三', ['网格员']);
    await t.call('awards.addCandidate', { batchId: batch.id, personId: p.li, reason: '社区推荐' });
    const sunId = t.core.db.prepare('SELECT id_number FROM people WHERE id = ?').pluck().get(p.sun) as string;
    const lines = await t.call('awards.resolveNominees', { batchId: batch.id, text: `王五\n张三\n无名氏\n李四\n${sunId}\n440306199001010000\n王五` });
    expect(lines.map((l) => [l.line, l.text, l.status, l.message])).toEqual([
      [1, '王五', 'ok', ''],
      [2, '张三', 'ambiguous', '第2行“张三”：有2人同名，请选择是哪一位'],
      [3, '无名氏', 'unknown', '第3行“无名氏”：花名册中没有此人'],
      [4, '李四', 'already', '第4行：李四已在候选名单中'],
      [5, sunId, 'ok', ''],
      [6, '440306199001010000', 'unknown', '第6行：身份证号440306199001010000不在花名册中'],
      [7, '王五', 'duplicate', '第7行：王五与第1行重复'],
    ]);
    expect(lines[1]!.options.map((o) => [o.personId, o.unitPath])).toEqual([
      [p.zhang, '固戍社区 / 第01网格'],
      [zhang2, '河西社区 / 第01网格'],
    ]);
    expect(lines[4]).toMatchObject({ personId: p.sun, name: '孙八', community: '河西社区' });
    // the pool: everyone in post on the batch's date, with their place in the batch
    const pool = await t.call('awards.nomineePool', { batchId: batch.id });
    expect(pool).toHaveLength(7);
    expect(pool.find((r) => r.personId === p.li)).toMatchObject({ status: 'nominated', community: '固戍社区' });
    expect(pool.find((r) => r.personId === p.wang)!.status).toBeNull();
  });

  it('adds many with one reason in one call and one audit entry; those already in are reported; anyone out of the pool refuses the lot', async () => {
    const { t, p, batch } = await setup();
    await t.call('awards.addCandidate', { batchId: batch.id, personId: p.li, reason: '社区推荐' });
    await t.call('awards.removeCandidate', { batchId: batch.id, personId: p.li, reason: '重复推荐' });
    await t.call('awards.addCandidate', { batchId: batch.id, personId: p.zhang, reason: '社区推荐' });
    const before = t.core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'award_candidates'").pluck().get() as number;
    const r = await t.call('awards.addCandidates', { batchId: batch.id, personIds: [p.wang, p.chen, p.zhang, p.li], reason: '防汛抢险表现突出' });
    expect([r.added, r.skipped]).toEqual([['王五', '陈七', '李四'], ['张三']]);
    const by = Object.fromEntries(r.view.candidates.map((c) => [c.name, [c.status, c.addedManually, c.addReason]]));
    expect(by).toEqual({
      李四: ['nominated', true, '防汛抢险表现突出'],
      张三: ['nominated', true, '社区推荐'],
      王五: ['nominated', true, '防汛抢险表现突出'],
      陈七: ['nominated', true, '防汛抢险表现突出'],
    });
    expect(r.view.batch.nominated).toBe(4);
    const audit = t.core.db.prepare("SELECT action, reason, new_value FROM audit_log WHERE entity = 'award_candidates' ORDER BY id").all() as { action: string; reason: string; new_value: string }[];
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({ action: 'add-candidates', reason: '防汛抢险表现突出' });
    expect(JSON.parse(audit.at(-1)!.new_value)).toMatchObject({ count: 3 });

    // a 楼栋长 batch: a 网格员 in the list refuses the whole call, by name, and nothing is written
    const role = await t.call('awards.saveBatch', { name: '优秀楼栋长', level: '街道', date: '2025-04-10', role: '楼栋长' });
    expect(await t.callError('awards.addCandidates', { batchId: role.id, personIds: [p.sun], reason: '推荐' })).toMatchObject({
      code: 'VALIDATION',
      message: '孙八不是楼栋长，本批次只表彰楼栋长',
    });
    expect((await t.call('awards.batch', { id: role.id })).candidates).toEqual([]);
    expect(await t.callError('awards.addCandidates', { batchId: batch.id, personIds: [p.sun], reason: ' ' })).toMatchObject({ message: '请填写添加原因' });
    expect((await t.callError('awards.addCandidates', { batchId: batch.id, personIds: [p.sun], reason: '推荐' }, { name: '文书', role: 'secretary' })).code).toBe('FORBIDDEN');
    // published: read-only
    for (const to of ['review', 'notice', 'published'] as const) await t.call('awards.moveStage', { batchId: batch.id, to });
    expect(await t.callError('awards.addCandidates', { batchId: batch.id, personIds: [p.sun], reason: '推荐' })).toMatchObject({ code: 'CONFLICT' });
  });

  it('saves the print settings (表彰名单 layout, 单名 padding, 套打 positions), audited, with field-named errors', async () => {
    const { t } = await setup();
    const d = await t.call('awards.printSettings', {});
    expect(d).toMatchObject({ listLayout: 'grouped', padNames: true });
    const wanted = { ...d, padNames: false, overlay: { ...d.overlay, fields: { ...d.overlay.fields, name: { x: 72.5, y: 88, size: 28, show: true } } } };
    expect(await t.call('awards.savePrintSettings', wanted)).toEqual(wanted);
    expect(await t.call('awards.printSettings', {})).toEqual(wanted);
    const bad = { ...wanted, overlay: { ...wanted.overlay, fields: { ...wanted.overlay.fields, date: { x: 400, y: 10, size: 12, show: true } } } };
    expect(await t.callError('awards.savePrintSettings', bad)).toMatchObject({ code: 'VALIDATION', message: '日期的左边距不能超过297毫米' });
    const entry = t.core.db.prepare("SELECT action FROM audit_log WHERE entity = 'settings' ORDER BY id DESC").pluck().get();
    expect(entry).toBe('update');
  });
});

describe('the list order (自定顺序)', () => {
  it('reorders one community’s recipients, audited; the 表彰名单 prints it; the batch keeps the other places', async () => {
    const { t, p, batch, nominate } = await setup();
    await nominate();
    // a tie not yet decided is not on the list
    const tied = await t.callError('awards.reorderCandidates', { batchId: batch.id, personIds: [p.li, p.zhang] });
    expect(tied).toMatchObject({ code: 'VALIDATION', message: '名单中有人不在本批次的入选名单中，请刷新后重试' });
    await t.call('awards.keepCandidate', { batchId: batch.id, personId: p.li, reason: '并列均予推荐' });
    await t.call('awards.keepCandidate', { batchId: batch.id, personId: p.wang, reason: '并列均予推荐' });
    const names = async () =>
      (await t.call('reports.commendation', { batchId: batch.id, order: 'custom' })).awards[0]!.groups.map((g) => [g.community, g.names.map((n) => n.name)]);
    expect(await names()).toEqual([
      ['固戍社区', ['张三', '李四', '王五']],
      ['河西社区', ['孙八']],
    ]);
    const audits = () => t.core.db.prepare("SELECT old_value, new_value FROM audit_log WHERE action = 'reorder-candidates'").all() as { old_value: string; new_value: string }[];

    const view = await t.call('awards.reorderCandidates', { batchId: batch.id, personIds: [p.wang, p.zhang, p.li] });
    expect(await names()).toEqual([
      ['固戍社区', ['王五', '张三', '李四']],
      ['河西社区', ['孙八']],
    ]);
    expect(view.candidates.map((c) => [c.name, c.sortOrder])).toEqual([
      ['王五', 10],
      ['张三', 20],
      ['李四', 30],
      ['孙八', 40],
    ]);
    // 姓氏笔画 order is untouched by it
    const stroke = (await t.call('reports.commendation', { batchId: batch.id })).awards[0]!.groups[0]!.names.map((n) => n.name);
    expect(stroke).toEqual(['王五', '李四', '张三']);
    const [a] = audits();
    expect(JSON.parse(a!.old_value)).toEqual({ community: '固戍社区', order: [p.zhang, p.li, p.wang].map((id) => ({ personId: id, name: view.candidates.find((c) => c.personId === id)!.name })) });
    expect(JSON.parse(a!.new_value).order.map((x: { name: string }) => x.name)).toEqual(['王五', '张三', '李四']);
    // the same order again changes and logs nothing
    await t.call('awards.reorderCandidates', { batchId: batch.id, personIds: [p.wang, p.zhang, p.li] });
    expect(audits()).toHaveLength(1);
    // someone added later comes after everyone
    const added = await t.call('awards.addCandidate', { batchId: batch.id, personId: p.chen, reason: '社区推荐' });
    expect(added.candidates.find((c) => c.personId === p.chen)!.sortOrder).toBe(50);

    // the whole group, one community, no one twice
    expect(await t.callError('awards.reorderCandidates', { batchId: batch.id, personIds: [p.zhang, p.li] })).toMatchObject({
      message: '名单缺少王五、陈七：请给出固戍社区全部入选人员的顺序',
    });
    expect(await t.callError('awards.reorderCandidates', { batchId: batch.id, personIds: [p.zhang, p.sun] })).toMatchObject({ message: '一次只能调整一个社区的名单顺序' });
    expect(await t.callError('awards.reorderCandidates', { batchId: batch.id, personIds: [p.zhang, p.zhang] })).toMatchObject({ message: '名单中有重复的人员' });
    expect(await t.callError('awards.reorderCandidates', { batchId: batch.id, personIds: [] })).toMatchObject({ code: 'VALIDATION' });
    expect((await t.callError('awards.reorderCandidates', { batchId: batch.id, personIds: [p.sun] }, { name: '考核员', role: 'evaluator' })).code).toBe('FORBIDDEN');
  });

  it('is refused once published: the list is read-only, in the handler and in the database', async () => {
    const { t, p, batch, nominate } = await setup();
    await nominate();
    await t.call('awards.removeCandidate', { batchId: batch.id, personId: p.li, reason: '经研究不予推荐' });
    await t.call('awards.keepCandidate', { batchId: batch.id, personId: p.wang, reason: '并列者中工作年限更长' });
    await t.call('awards.reorderCandidates', { batchId: batch.id, personIds: [p.wang, p.zhang] });
    for (const to of ['review', 'notice', 'published'] as const) await t.call('awards.moveStage', { batchId: batch.id, to });
    const refused = await t.callError('awards.reorderCandidates', { batchId: batch.id, personIds: [p.zhang, p.wang] });
    expect(refused).toEqual({ code: 'CONFLICT', message: '“2025年度优秀网格员”已表彰发布，名单只读，不能再调整顺序' });
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'reorder-candidates'").pluck().get()).toBe(1);
    expect(() => t.core.db.prepare('UPDATE award_candidates SET sort_order = 1 WHERE batch_id = ?').run(batch.id)).toThrow(/read-only/);
    const names = (await t.call('reports.commendation', { batchId: batch.id, order: 'custom' })).awards[0]!.groups[0]!.names.map((n) => n.name);
    expect(names).toEqual(['王五', '张三']);
  });

  it('nominations and the 表彰名单 list communities in the organisation tree’s order, not by name', async () => {
    const { t, batch, nominate, qian } = await setup({ anle: true });
    const view = await nominate();
    expect(view.candidates.filter((c) => c.status === 'nominated').map((c) => c.community)).toEqual(['固戍社区', '河西社区', '安乐社区']);
    expect(view.candidates.find((c) => c.personId === qian)!.sortOrder).toBeGreaterThan(Math.max(...view.candidates.filter((c) => c.personId !== qian).map((c) => c.sortOrder)));
    const groups = (await t.call('reports.commendation', { batchId: batch.id })).awards[0]!.groups.map((g) => g.community);
    expect(groups).toEqual(['固戍社区', '河西社区', '安乐社区']);
  });
});

describe('demo awards', () => {
  it('two published batches and one in 公示', async () => {
    const t = await openTestCore();
    const { db } = t.core;
    const ctx = directContext(t.core, TODAY);
    db.transaction(() => {
      loadDemoStreet(db, { today: TODAY, createdAt: FIXED_NOW.toISOString() });
      loadDemoMonths(ctx);
      loadDemoPoints(ctx);
      loadDemoStars(ctx);
    })();
    db.transaction(() => loadDemoAwards(ctx))();
    const batches = await t.call('awards.batches', {});
    expect(batches.map((b) => [b.name, b.stage])).toEqual([
      ['2026年度优秀网格员', 'notice'],
      ['2025年度十佳楼栋长', 'published'],
      ['2025年度优秀网格员', 'published'],
    ]);
    const excellent = batches.find((b) => b.name === '2025年度优秀网格员')!;
    // 10 communities, 2 each, ties at the line kept
    expect(excellent.nominated).toBeGreaterThanOrEqual(20);
    expect(excellent.tied).toBe(0);
    expect(batches.find((b) => b.name === '2025年度十佳楼栋长')!.nominated).toBe(10);
    const posted = db.prepare("SELECT count(*) FROM point_entries WHERE source = 'award'").pluck().get() as number;
    expect(posted).toBe(excellent.nominated + 10);
  });
});
