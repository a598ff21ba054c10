/** 年度考核 through the dispatcher: a scheme defined and published, a year opened, ballots, a tie decided, finalised. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../../src/shared/domain/scoring';
import { DEFAULT_PERIOD_RULES } from '../../src/shared/domain/periods';
import { DEFAULT_ELIGIBILITY } from '../../src/shared/domain/awards';
import { DEFAULT_CONDITIONS, DEFAULT_GRID_THRESHOLDS, DEFAULT_QUOTA, DEFAULT_THRESHOLDS } from '../../src/shared/domain/stars';
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
    expect(await t.call('periods.finaliseCheck', { periodId: period.id })).toEqual({ refusal: '有2人（李四、张三）并列在优秀名额线上，请先逐一决定保留或降等' });

    await t.call('periods.decideTie', { periodId: period.id, personId: people[0]!, keep: true, reason: '全年无差错，群众评价高' });
    // one place, taken by 张三: 李四 cannot keep 优秀 as well
    expect(await t.callError('periods.decideTie', { periodId: period.id, personId: people[1]!, keep: true, reason: '也很好' })).toMatchObject({
      code: 'CONFLICT',
      message: '名额线上只剩 1 个优秀名额，已决定保留张三；如要保留李四，请先将其中一人改为降等',
    });
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
    expect(sealed.rows.find((r) => r.name === '张三')!.derivation).toContain('优秀名额：全街道定等 5 人 × 20% = 1 名，并列在名额线上，经决定保留优秀（全年无差错，群众评价高）');
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
    expect((await t.callError('periods.finalise', { periodId: later.id })).message).toMatch(/^2026-01、2026-02.*的考核还没有归档，不能归档2026年度$/);
    expect((await t.callError('periods.open', { schemeId: scheme.schemeId, period: '2025-H1' })).message).toBe('本方案按年度考核，期间应写作 2026');
  });

  it('a finalised year is the input of star ratings and of an award nomination', async () => {
    const { t, people, evaluator, scheme, period } = await year();
    await t.call('periods.saveBallots', { periodId: period.id, evaluatorId: evaluator, cells: people.map((personId, i) => ({ personId, ballot: i === 4 ? ('称职' as const) : ('优秀' as const) })) });
    const ruleSet = await t.call('stars.saveRuleSet', {
      name: '年度考核星级',
      periodKind: 'year',
      method: 'thresholds',
      thresholds: DEFAULT_THRESHOLDS,
      quota: DEFAULT_QUOTA,
      gridThresholds: DEFAULT_GRID_THRESHOLDS,
      conditions: DEFAULT_CONDITIONS,
      periodSchemeId: scheme.schemeId,
    });
    expect(ruleSet).toMatchObject({ periodSchemeId: scheme.schemeId, periodSchemeName: '网格员年度考核' });
    const wrongKind = await t.callError('stars.saveRuleSet', { ...ruleSet, id: undefined, name: '季度星级', periodKind: 'quarter' });
    expect(wrongKind.issues).toEqual([{ field: 'periodSchemeId', message: '所选周期考核方案按年度考核，与本规则的评定周期（季度）不同' }]);
    // not yet finalised: refused, nothing rated
    expect((await t.callError('stars.preview', { ruleSetId: ruleSet.id, period: '2025' })).message).toBe('2025年度“网格员年度考核”还没有归档，本规则以归档的周期考核结果为评定依据');
    await t.call('periods.decideTie', { periodId: period.id, personId: people[0]!, keep: true, reason: '全年无差错' });
    await t.call('periods.decideTie', { periodId: period.id, personId: people[1]!, keep: false, reason: '名额已满' });
    await t.call('periods.finalise', { periodId: period.id });

    // stars rate the year's totals (96.50, 96.50, 94.40, 91.60, 74.50), not the months' mean (95, 95, 92, 88, 70)
    const run = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2025' });
    const stars = Object.fromEntries(run.rows.map((r) => [r.name, [r.stars, r.average, r.months]]));
    expect(stars).toEqual({ 张三: [5, 9650, 12], 李四: [5, 9650, 12], 王五: [4, 9440, 12], 赵六: [4, 9160, 12], 钱七: [2, 7450, 12] });
    expect(run.rows.find((r) => r.name === '张三')!.reason).toMatch(/^2025年度网格员年度考核总分 96\.50 分 → 5★/);

    // an award nomination ranks on the year's totals, only those graded 优秀 (李四 was dropped at the quota line)
    const batch = await t.call('awards.saveBatch', { name: '2025年度优秀网格员', level: '街道', issuer: '', date: '2026-01-15', role: null, quotaTotal: 3, quotaPerUnit: null, note: '' });
    const nominated = await t.call('awards.nominate', {
      batchId: batch.id,
      from: '2026-01',
      to: '2026-01',
      basis: 'average',
      quotaPerUnit: null,
      quotaTotal: 3,
      eligibility: { ...DEFAULT_ELIGIBILITY, periodExcellent: true },
      periodId: period.id,
    });
    expect(nominated.batch).toMatchObject({ periodId: period.id, periodLabel: '2025年度网格员年度考核', periodFrom: '2025-01', periodTo: '2025-12' });
    expect(nominated.candidates.map((c) => [c.name, c.basisValue, c.status])).toEqual([['张三', 9650, 'nominated']]);
    expect(nominated.nomination?.reasons).toEqual({ '周期考核为良好，不是优秀': 3, '周期考核为合格，不是优秀': 1 });
    const open = await t.call('periods.open', { schemeId: scheme.schemeId, period: '2026' });
    const refused = await t.callError('awards.nominate', { batchId: batch.id, from: '2026-01', to: '2026-01', basis: 'average', quotaPerUnit: null, quotaTotal: 3, eligibility: DEFAULT_ELIGIBILITY, periodId: open.id });
    expect(refused.issues).toEqual([{ field: 'periodId', message: '所选周期考核还没有归档，不能作为提名依据' }]);
  });

  it('年终测评表: a rater’s sheet exported, filled in Excel and read back; a wrong value names its cell, another rater’s sheet is refused', async () => {
    const { t, people, evaluator, period } = await year();
    await t.call('periods.saveBallots', { periodId: period.id, evaluatorId: evaluator, cells: [{ personId: people[0]!, ballot: '称职' }] });
    const file = await t.call('periods.exportBallots', { periodId: period.id, evaluatorId: evaluator });
    expect(file.fileName).toBe('2025年度网格员年度考核年终测评表_全部单位_考核人甲.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('年终测评表')!;
    expect(ws.getRow(3).values).toEqual([undefined, '编号', '姓名', '单位', '测评结果']);
    const rowOf = (name: string) => [4, 5, 6, 7, 8].find((r) => ws.getCell(r, 2).value === name)!;
    expect(ws.getCell(rowOf('张三'), 4).value).toBe('称职');
    ws.getCell(rowOf('张三'), 4).value = '优秀';
    ws.getCell(rowOf('李四'), 4).value = '优秀';
    ws.getCell(rowOf('王五'), 4).value = '良好';
    const filled = async () => ({ fileName: file.fileName, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), periodId: period.id, evaluatorId: evaluator });
    let preview = await t.call('periods.previewBallots', await filled());
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 2, wrong: 1 });
    expect(preview.rows.find((r) => r.status === 'wrong')!.errors[0]!.message).toBe(`第${rowOf('王五')}行 D列（测评结果）：“良好”不是测评结果，只能填优秀、称职、基本称职、不称职`);
    expect(preview.rows.find((r) => r.status === 'changed')!.change).toBe('称职 → 优秀');
    ws.getCell(rowOf('王五'), 4).value = '基本称职';
    // the same bytes previewed and committed (a workbook written again carries a new timestamp: another file)
    const fixed = await filled();
    preview = await t.call('periods.previewBallots', fixed);
    const done = await t.call('periods.importBallots', { ...fixed, digest: preview.digest });
    expect(done.counts).toMatchObject({ new: 2, changed: 1, wrong: 0 });
    const sheet = await t.call('periods.ballots', { periodId: period.id, evaluatorId: evaluator });
    expect(Object.fromEntries(sheet.rows.map((r) => [r.name, r.ballot]))).toEqual({ 张三: '优秀', 李四: '优秀', 王五: '基本称职', 赵六: null, 钱七: null });
    // a sheet made for another rater is not read into this one
    const other = (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id;
    const refused = await t.callError('periods.previewBallots', { ...(await filled()), evaluatorId: other });
    expect(refused.message).toBe('这个测评表是为另一位测评人导出的，不是“考核人乙”的');
  });

  it('the appraisal as a scored sheet: the 年终测评表 scheme’s totals in the year’s last month, waited for before finalising', async () => {
    const { t, people, evaluator, monthly } = await year();
    const scheme = await t.call('periods.createScheme', { name: '网格员年度考核（测评表）', kind: 'year' });
    const sheet = await publishScheme(t, '年终测评表', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '测评', name: '综合评价', kind: 'score', max: 10000 }] });
    const rules = { ...DEFAULT_PERIOD_RULES, weights: { months: 70, appraisal: 30, points: 0 }, quota: null, bands: DEFAULT_BANDS, appraisalSchemeId: sheet.schemeId };
    const draft = { schemeId: scheme.schemeId, name: '网格员年度考核（测评表）', roles: ['网格员' as const], monthSchemeId: monthly.schemeId, rules };
    expect((await t.callError('periods.saveDraft', { ...draft, rules: { ...rules, appraisalSchemeId: monthly.schemeId } })).issues).toEqual([
      { field: 'rules.appraisalSchemeId', message: '年终测评表不能与月度考核用同一个方案' },
    ]);
    await t.call('periods.saveDraft', draft);
    await t.call('periods.publish', { schemeId: scheme.schemeId });
    const period = await t.call('periods.open', { schemeId: scheme.schemeId, period: '2025' });
    // the appraisal sheet is not scored yet
    expect((await t.call('periods.view', { periodId: period.id })).monthsMissing).toEqual(['2025-12 年终测评表']);
    expect((await t.callError('periods.finalise', { periodId: period.id })).message).toBe('2025-12 年终测评表的考核还没有归档，不能归档2025年度');
    const month = await t.call('assessments.open', { schemeId: sheet.schemeId, period: '2025-12' });
    await t.call('assessments.saveScores', { monthId: month.id, evaluatorId: evaluator, cells: people.slice(0, 4).map((personId, i) => ({ personId, criterionId: sheet.criteria[0]!.id, value: [9000, 8000, 10000, 7000][i]! })) });
    await t.call('assessments.setExempt', { monthId: month.id, personId: people[4]!, reason: '病假' });
    await t.call('assessments.finalise', { monthId: month.id });
    const view = await t.call('periods.view', { periodId: period.id });
    expect(view.monthsMissing).toEqual([]);
    // 95 × 70% + 90 × 30% = 93.50; 钱七 has no sheet: the months alone
    expect(view.rows.map((r) => [r.name, r.components.appraisal, r.total])).toEqual([
      ['李四', 8000, 9050],
      ['钱七', null, 7000],
      ['王五', 10000, 9440],
      ['张三', 9000, 9350],
      ['赵六', 7000, 8260],
    ]);
    expect(view.rows.find((r) => r.name === '张三')!.derivation[1]).toBe('年终测评：2025-12 年终测评表得分 90');
    expect((await t.call('periods.finalise', { periodId: period.id })).status).toBe('finalised');
  });
});

describe('周期考核方案: 复制方案 and 复制为新版本', () => {
  it('a copy is a new scheme of the same kind, a draft of everything in the source version; a new version copies a published one', async () => {
    const t = await openTestCore();
    const monthly = await publishScheme(t, '网格员月度考核', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }] });
    const scheme = await t.call('periods.createScheme', { name: '网格员年度考核', kind: 'year' });
    const rules = { ...DEFAULT_PERIOD_RULES, weights: { months: 60, appraisal: 30, points: 10 }, quota: { percent: 15, scope: 'community' as const }, bands: DEFAULT_BANDS };
    await t.call('periods.saveDraft', { schemeId: scheme.schemeId, name: '网格员年度考核', roles: ['网格员', '网格长'], monthSchemeId: monthly.schemeId, rules });
    const v1 = await t.call('periods.publish', { schemeId: scheme.schemeId });
    expect((await t.callError('periods.copyScheme', { schemeId: scheme.schemeId, name: '网格员年度考核' })).message).toBe('已有名为“网格员年度考核”的周期考核方案');
    const copy = await t.call('periods.copyScheme', { schemeId: scheme.schemeId, name: '网格长年度考核' });
    expect(copy).toMatchObject({ name: '网格长年度考核', kind: 'year', version: 1, status: 'draft', roles: ['网格员', '网格长'], monthSchemeId: monthly.schemeId });
    expect(copy.rules).toEqual(v1.rules);
    expect(copy.schemeId).not.toBe(scheme.schemeId);
    const next = await t.call('periods.newVersion', { schemeId: scheme.schemeId });
    expect(next).toMatchObject({ version: 2, status: 'draft', roles: v1.roles, monthSchemeId: monthly.schemeId });
    expect(next.rules).toEqual(v1.rules);
    expect((await t.callError('periods.newVersion', { schemeId: scheme.schemeId })).message).toBe('“网格员年度考核”已有第2版草稿，请先发布该草稿，再复制为新版本');
    const actions = t.core.db.prepare("SELECT action FROM audit_log WHERE entity = 'period_scheme' AND action IN ('copy', 'new-version') ORDER BY id").pluck().all();
    expect(actions).toEqual(['copy', 'new-version']);
  });
});
