/**
 * The reports of a period (年度考核结果汇总表, 优秀/不定等次/解聘预警名单, 登记表) on a small year made by hand: six workers,
 * every month of 2025 scored and finalised, ballots, a tie at the 优秀 line decided, finalised; the rows, order, ranks
 * and marks checked against the hand-computed figures, and the Excel workbooks read back.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/rpc';
import { maskIdNumber } from '../../src/shared/domain/mask';
import { DEFAULT_PERIOD_RULES } from '../../src/shared/domain/periods';
import { DEFAULT_BANDS } from '../../src/shared/domain/scoring';
import { addPerson, buildSmallTree, FIXED_NOW, openTestCore, publishScheme } from './helpers';

async function readBook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

function sheetText(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
    });
    out.push(cells.join('|').replace(/\|+$/, ''));
  });
  return out;
}

/**
 * 2025 by hand (months 70%, appraisal 30%, no points; 优秀 20% of the street):
 * 张三, 李四 (固戍社区) 95 a month, 优秀 ballots: 96.50 each, tied at the line (5 graded → 1 place): 张三 kept, 李四 dropped;
 * 王五 92 → 94.40, 赵六 88 → 91.60 (河西社区): in the 优秀 band, outside the quota → 良好;
 * 钱七 70 a month but 55 in May and June, 称职: mean 67.50 → 47.25 + 25.50 = 72.75 合格, then 不合格 and 解聘预警;
 * 孙八 hired 2025-09-01, 90 a month from September, 称职: 88.50 but 4 months in post → 不定等次.
 */
async function handMadeYear() {
  let tick = 0;
  const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
  const tree = await buildSmallTree(t);
  const names = ['张三', '李四', '王五', '赵六', '钱七', '孙八'];
  const units = [tree.a.id, tree.a.id, tree.c.id, tree.c.id, tree.c.id, tree.c.id];
  const people: number[] = [];
  for (const [i, name] of names.entries()) people.push(await addPerson(t, units[i]!, name, ['网格员'], { hireDate: i === 5 ? '2025-09-01' : '2020-01-01' }));
  const monthly = await publishScheme(t, '网格员月度考核', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }] });
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  for (let m = 1; m <= 12; m++) {
    const period = `2025-${String(m).padStart(2, '0')}`;
    const month = await t.call('assessments.open', { schemeId: monthly.schemeId, period });
    const totals = [9500, 9500, 9200, 8800, m === 5 || m === 6 ? 5500 : 7000, 9000];
    const cells = people.flatMap((personId, i) => (i === 5 && m < 9 ? [] : [{ personId, criterionId: monthly.criteria[0]!.id, value: totals[i]! }]));
    await t.call('assessments.saveScores', { monthId: month.id, evaluatorId: evaluator, cells });
    await t.call('assessments.finalise', { monthId: month.id });
  }
  await t.call('stars.createDiscipline', { personId: people[4]!, date: '2025-06-10', kind: '通报批评', reason: '巡查脱岗，街道督查通报' });
  const scheme = await t.call('periods.createScheme', { name: '年度考核', kind: 'year' });
  await t.call('periods.saveDraft', {
    schemeId: scheme.schemeId,
    name: '年度考核',
    roles: ['网格员'],
    monthSchemeId: monthly.schemeId,
    rules: { ...DEFAULT_PERIOD_RULES, weights: { months: 70, appraisal: 30, points: 0 }, quota: { percent: 20, scope: 'street' }, bands: DEFAULT_BANDS },
  });
  await t.call('periods.publish', { schemeId: scheme.schemeId });
  const period = await t.call('periods.open', { schemeId: scheme.schemeId, period: '2025' });
  await t.call('periods.saveBallots', { periodId: period.id, evaluatorId: evaluator, cells: people.map((personId, i) => ({ personId, ballot: i >= 4 ? ('称职' as const) : ('优秀' as const) })) });
  return { t, tree, people, period };
}

async function decideAndFinalise(t: Awaited<ReturnType<typeof handMadeYear>>) {
  await t.t.call('periods.decideTie', { periodId: t.period.id, personId: t.people[0]!, keep: true, reason: '全年无差错' });
  await t.t.call('periods.decideTie', { periodId: t.period.id, personId: t.people[1]!, keep: false, reason: '名额已满' });
  await t.t.call('periods.finalise', { periodId: t.period.id });
}

describe('年度考核结果汇总表', () => {
  it('lists every member by community, ranked, with the components, marks and counts; 不定等次 apart', async () => {
    const y = await handMadeYear();
    const { t, period } = y;
    // open: the draft mark, the tie waiting
    const draft = await t.call('reports.periodSummary', { periodId: period.id });
    expect(draft.finalised).toBe(false);
    expect(draft.subtitle).toContain('未归档（草稿）');
    expect(draft.groups.flatMap((g) => g.rows).filter((r) => r.quota === '并列待定').map((r) => r.name).sort()).toEqual(['张三', '李四'].sort());

    await decideAndFinalise(y);
    const r = await t.call('reports.periodSummary', { periodId: period.id });
    expect(r.title).toBe('2025年度考核结果汇总表');
    expect(r.finalised).toBe(true);
    expect(r.subtitle).toBe('单位：西乡街道\u3000方案：年度考核（第1版）');
    expect(r.quotaText).toBe('优秀名额：全街道定等人数的20%（1名）');
    expect(r.groups.map((g) => [g.label, g.rows.length])).toEqual([
      ['固戍社区', 2],
      ['河西社区', 3],
      ['不定等次（在岗不满6个月）', 1],
    ]);
    const rows = r.groups.flatMap((g) => g.rows);
    expect(rows.map((x) => [x.seq, x.name, x.unit, x.components.months, x.components.appraisal, x.total, x.grade, x.ranks, x.quota, x.warning])).toEqual([
      [1, '李四', '第01网格', 9500, 10000, 9650, '良好', { grid: 1, community: 1, role: 1, street: 1 }, '并列降等', false],
      [2, '张三', '第01网格', 9500, 10000, 9650, '优秀', { grid: 1, community: 1, role: 1, street: 1 }, '并列保留', false],
      [3, '王五', '第01网格', 9200, 10000, 9440, '良好', { grid: 1, community: 1, role: 3, street: 3 }, '名额外', false],
      [4, '赵六', '第01网格', 8800, 10000, 9160, '良好', { grid: 2, community: 2, role: 4, street: 4 }, '名额外', false],
      [5, '钱七', '第01网格', 6750, 8500, 7275, '不合格', { grid: 3, community: 3, role: 5, street: 5 }, '', true],
      [6, '孙八', '第01网格', 9000, 8500, 8850, '不定等次', { grid: null, community: null, role: null, street: null }, '', false],
    ]);
    expect(r.counts).toEqual({ 优秀: 1, 良好: 3, 合格: 0, 基本合格: 0, 不合格: 1, 不定等次: 1 });
    expect(r.warnings).toBe(1);

    // the same rows as periods.view gives, never recomputed
    const view = await t.call('periods.view', { periodId: period.id });
    for (const x of rows) expect(x.total).toBe(view.rows.find((v) => v.personId === x.personId)!.total);

    // Excel: the same cells
    const file = await t.call('reports.excel', { report: 'period-summary', periodId: period.id });
    expect(file.fileName).toBe('2025年度考核结果汇总表_年度考核_西乡街道.xlsx');
    const ws = (await readBook(file.base64)).worksheets[0]!;
    const lines = sheetText(ws);
    expect(lines[0]).toBe('2025年度考核结果汇总表');
    expect(lines[2]).toBe('总分 = 月度考核 × 70% + 年终测评 × 30%\u3000优秀名额：全街道定等人数的20%（1名）');
    expect(lines[3]).toBe('序号|姓名|网格|岗位|月度考核|年终测评|积分|总分|等次|网格排名|社区排名|岗位排名|街道排名|优秀名额|解聘预警');
    expect(lines).toContain('2|张三|第01网格|网格员|95|100||96.5|优秀|1|1|1|1|并列保留');
    expect(lines).toContain('5|钱七|第01网格|网格员|67.5|85||72.75|不合格|3|3|5|5||是');
    expect(lines).toContain('不定等次（在岗不满6个月）（1人）');
    expect(lines.some((l) => l.startsWith('合计 6 人：优秀 1 人，良好 3 人，合格 0 人，基本合格 0 人，不合格 1 人，不定等次 1 人；解聘预警 1 人。'))).toBe(true);
    expect(ws.getCell('H6').value).toBe(96.5);
  });

  it('shows a 考核员 only the people of their units; a community alone when asked', async () => {
    const y = await handMadeYear();
    const evaluator: Actor = { name: '考核员甲', role: 'evaluator', unitIds: [y.tree.c1.id] };
    const r = await dispatch(y.t.core, evaluator, 'reports.periodSummary', { periodId: y.period.id });
    if (!r.ok) throw new Error(r.error.message);
    expect((r.data as { groups: { rows: { name: string }[] }[] }).groups.flatMap((g) => g.rows.map((x) => x.name)).sort()).toEqual(['张三', '李四'].sort());
    const c2 = await y.t.call('reports.periodSummary', { periodId: y.period.id, unitId: y.tree.c2.id });
    expect(c2.unitName).toBe('河西社区');
    expect(c2.count).toBe(4);
  });
});

describe('优秀名单, 不定等次名单, 解聘预警名单', () => {
  it('list the right people with their months and reasons, and export them', async () => {
    const y = await handMadeYear();
    await decideAndFinalise(y);
    const { t, period } = y;
    const excellent = await t.call('reports.periodList', { periodId: period.id, list: 'excellent' });
    expect(excellent.title).toBe('2025年度考核优秀名单');
    expect(excellent.groups.map((g) => [g.community, g.rows.map((x) => [x.name, x.total, x.rankInStreet, x.note])])).toEqual([
      ['固戍社区', [['张三', 9650, 1, '名额线上并列，经研究保留优秀']]],
    ]);
    const undetermined = await t.call('reports.periodList', { periodId: period.id, list: 'undetermined' });
    expect(undetermined.groups.flatMap((g) => g.rows).map((x) => [x.name, x.monthsInPost, x.note])).toEqual([['孙八', 4, '在岗4个月，不满6个月']]);
    expect(undetermined.monthsInPeriod).toBe(12);
    const warning = await t.call('reports.periodList', { periodId: period.id, list: 'warning' });
    expect(warning.groups.flatMap((g) => g.rows).map((x) => [x.name, x.total, x.grade, x.months, x.note])).toEqual([
      ['钱七', 7275, '不合格', '2025-05、2025-06', '2025-05、2025-06连续两个月不合格：定为不合格，列入解聘预警'],
    ]);

    const file = await t.call('reports.excel', { report: 'period-list', periodId: period.id, list: 'warning' });
    expect(file.fileName).toBe('2025年度考核解聘预警名单_年度考核_西乡街道.xlsx');
    const lines = sheetText((await readBook(file.base64)).worksheets[0]!);
    expect(lines.slice(0, 4)).toEqual(['2025年度考核解聘预警名单', '单位：西乡街道\u3000方案：年度考核（第1版）', '序号|姓名|社区|网格|岗位|总分|等次|连续不合格月份|原因', '河西社区（1人）']);
    expect(lines[4]).toBe('1|钱七|河西社区|第01网格|网格员|72.75|不合格|2025-05、2025-06|2025-05、2025-06连续两个月不合格：定为不合格，列入解聘预警');
    const und = sheetText((await readBook((await t.call('reports.excel', { report: 'period-list', periodId: period.id, list: 'undetermined' })).base64)).worksheets[0]!);
    expect(und).toContain('1|孙八|河西社区|第01网格|网格员|4 / 12|在岗4个月，不满6个月');
  });
});

describe('年度考核登记表', () => {
  it('gives one page per person: identity, months, points, discipline, the result; masked for a 文书', async () => {
    const y = await handMadeYear();
    await decideAndFinalise(y);
    const { t, period, people, tree } = y;
    const one = await t.call('reports.periodRegister', { periodId: period.id, personId: people[4]! });
    expect(one.title).toBe('2025年度考核登记表');
    expect(one.pages).toHaveLength(1);
    const p = one.pages[0]!;
    const person = await t.call('people.get', { id: people[4]! });
    expect(p).toMatchObject({ name: '钱七', gender: '男', idNumber: person.idNumber, unitPath: '河西社区 / 第01网格', role: '网格员', hireDate: '2020-01-01', monthsInPost: 12 });
    expect(p.months).toHaveLength(12);
    expect(p.months[4]).toEqual({ period: '2025-05', total: 5500, grade: '不合格', veto: false });
    expect(p.months[0]).toEqual({ period: '2025-01', total: 7000, grade: '合格', veto: false });
    expect(p.discipline).toEqual([{ date: '2025-06-10', kind: '通报批评', reason: '巡查脱岗，街道督查通报' }]);
    expect(p).toMatchObject({ total: 7275, grade: '不合格', warning: true, ranks: { grid: 3, community: 3, role: 5, street: 5 }, ballots: 1 });
    expect(p.notes).toEqual(['2025-05、2025-06连续两个月不合格：定为不合格，列入解聘预警']);

    // 孙八's months before he was hired are 未在册
    const late = (await t.call('reports.periodRegister', { periodId: period.id, personId: people[5]! })).pages[0]!;
    expect(late.months.map((m) => m.grade)).toEqual([...Array(8).fill('未在册'), '优秀', '优秀', '优秀', '优秀']);
    expect(late.grade).toBe('不定等次');

    // a whole unit, a page each, in stroke order within the grid
    const unit = await t.call('reports.periodRegister', { periodId: period.id, unitId: tree.c2.id });
    // 王 4 strokes, 孙 6, 赵 9, 钱 10
    expect(unit.pages.map((x) => x.name)).toEqual(['王五', '孙八', '赵六', '钱七']);
    expect(unit.unitName).toBe('河西社区');

    // the ID number as a 文书 sees it
    const secretary: Actor = { name: '钱文书', role: 'secretary' };
    const masked = await dispatch(t.core, secretary, 'reports.periodRegister', { periodId: period.id, personId: people[4]! });
    if (!masked.ok) throw new Error(masked.error.message);
    expect((masked.data as typeof one).pages[0]!.idNumber).toBe(maskIdNumber(person.idNumber));

    // nobody chosen, someone outside the period, someone outside a 考核员's units
    expect((await t.callError('reports.periodRegister', { periodId: period.id })).message).toBe('请选择人员，或选择一个单位打印其全部人员');
    const outsider = await addPerson(t, tree.b.id, '周九', ['网格员']);
    expect((await t.callError('reports.periodRegister', { periodId: period.id, personId: outsider })).message).toBe('此人不是本期的考核对象');
    const evaluator: Actor = { name: '考核员甲', role: 'evaluator', unitIds: [tree.c1.id] };
    const refused = await dispatch(t.core, evaluator, 'reports.periodRegister', { periodId: period.id, personId: people[4]! });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');

    // Excel: a worksheet a person
    const file = await t.call('reports.excel', { report: 'period-register', periodId: period.id, unitId: tree.c2.id });
    expect(file.fileName).toBe('2025年度考核登记表_年度考核_河西社区.xlsx');
    const wb = await readBook(file.base64);
    expect(wb.worksheets.map((w) => w.name).sort()).toEqual(['孙八', '王五', '赵六', '钱七'].sort());
    const lines = sheetText(wb.getWorksheet('钱七')!);
    expect(lines[0]).toBe('2025年度考核登记表');
    expect(lines).toContain(`身份证号|${person.idNumber}|岗位|网格员|入职日期|2020-01-01`);
    expect(lines).toContain('2025-05|55|不合格|2025-11|70|合格');
    expect(lines).toContain('67.5|85||72.75|不合格|是');
    expect(lines).toContain('惩处：2025-06-10 通报批评：巡查脱岗，街道督查通报');
  });
});
