import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MonthSummary } from '../../src/shared/contract/assessments';
import { starCountsText } from '../../src/shared/domain/stars';
import { compareByStroke } from '../../src/shared/domain/stroke-order';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore, TODAY } from './helpers';

let t: TestCore;
let month: MonthSummary;
let communityId: number;

async function readBook(base64: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

function sheetText(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.isMerged && cell.master !== cell) return; // a merged range reads once
      cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
    });
    out.push(cells.join('|').replace(/\|+$/, ''));
  });
  return out;
}

// One demo street for the whole file (loading it takes a few seconds), reopened for each test: the helpers close
// every core after each test.
const dataDir = mkdtempSync(join(tmpdir(), 'grid-reports-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeEach(async () => {
  t = await openTestCore({ dataDir });
});
beforeAll(async () => {
  t = await openTestCore({ dataDir });
  await t.call('system.loadDemo', {});
  const months = await t.call('assessments.months', {});
  month = months.find((m) => m.schemeName === '网格员月度考核' && m.status === 'finalised')!;
  const tree = await t.call('org.tree', {});
  communityId = tree.find((u) => u.name === '固戍社区')!.id;
}, 120_000);

describe('report settings', () => {
  it('default to today and the demo office, and are saved', async () => {
    const s = await t.call('settings.reports', {});
    expect(s).toEqual({ officeName: '西乡街道办事处', reportDate: '', shortNameFirst: true, effectiveDate: TODAY });
    const saved = await t.call('settings.saveReports', { officeName: '新安街道办事处', reportDate: '2026-12-01', shortNameFirst: false });
    expect(saved.effectiveDate).toBe('2026-12-01');
    expect((await t.call('reports.monthSummary', { monthId: month.id, unitId: communityId })).header).toEqual({
      officeName: '新安街道办事处',
      date: '2026-12-01',
      shortNameFirst: false,
    });
    await t.call('settings.saveReports', { officeName: '西乡街道办事处', reportDate: '', shortNameFirst: true });
    const bad = await t.callError('settings.saveReports', { officeName: 'x', reportDate: '2026-02-30', shortNameFirst: true });
    expect(bad.issues?.[0]?.message).toBe('落款日期不是有效的日期');
  });
});

describe('月度考核汇总表', () => {
  it('shows the same totals, categories, grades and ranks as the month results', async () => {
    const report = await t.call('reports.monthSummary', { monthId: month.id, unitId: communityId });
    const results = await t.call('assessments.results', { monthId: month.id, unitId: communityId });
    expect(report.count).toBe(results.rows.length);
    expect(report.gradeCounts).toEqual(results.gradeCounts);
    expect(report.categories.map((c) => c.name)).toEqual(results.categories);
    expect(report.fullMarks).toBe(10000);
    expect(report.title).toBe(`${Number(month.period.slice(0, 4))}年${Number(month.period.slice(5))}月网格员月度考核汇总表`);
    const rows = report.groups.flatMap((g) => g.rows);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const byId = new Map(results.rows.map((r) => [r.personId, r]));
    for (const r of rows) {
      const x = byId.get(r.personId)!;
      expect(r.total).toBe(x.total);
      expect(r.rank).toBe(x.rankInUnit);
      if (x.total !== null) expect(r.categories).toEqual(results.categories.map((c) => x.categories[c]));
      expect(r.grade).toBe(x.exemptReason ? '免考' : (x.grade ?? '未评分'));
    }
    // ranked order; equal ranks in 姓氏笔画 order
    for (const g of report.groups) {
      for (let i = 1; i < g.rows.length; i++) {
        const [a, b] = [g.rows[i - 1]!, g.rows[i]!];
        const ra = a.rank ?? Infinity;
        const rb = b.rank ?? Infinity;
        expect(ra).toBeLessThanOrEqual(rb);
        if (ra === rb) expect(compareByStroke(a.name, b.name)).toBeLessThanOrEqual(0);
      }
    }
  });

  it('groups a whole street by community', async () => {
    const report = await t.call('reports.monthSummary', { monthId: month.id, unitId: null });
    expect(report.groups.length).toBeGreaterThan(5);
    expect(report.count).toBeGreaterThanOrEqual(200);
    expect(new Set(report.groups.map((g) => g.community)).size).toBe(report.groups.length);
  });

  it('exports to Excel with title rows, the header and every worker', async () => {
    const report = await t.call('reports.monthSummary', { monthId: month.id, unitId: communityId });
    const file = await t.call('reports.excel', { report: 'month-summary', monthId: month.id, unitId: communityId });
    expect(file.fileName).toBe(`${report.title}_固戍社区.xlsx`);
    const ws = await readBook(file.base64);
    const text = sheetText(ws);
    expect(text[0]).toBe(report.title);
    expect(text[1]).toContain('西乡街道办事处');
    expect(text[2]).toMatch(/^序号\|姓名\|网格\|岗位\|.*\|总分\|等次\|排名\|备注$/);
    const first = report.groups[0]!.rows[0]!;
    const dataRow = ws.getRow(4);
    expect(dataRow.getCell(2).value).toBe(first.name);
    expect(dataRow.getCell(4 + report.categories.length + 1).value).toBe(first.total === null ? null : first.total / 100);
    expect(text.filter((l) => /^\d+\|/.test(l))).toHaveLength(report.count);
    expect(text.some((l) => l.startsWith(`合计 ${report.count} 人`))).toBe(true);
    expect(text.at(-1)).toBe(`${Number(TODAY.slice(0, 4))}年11月23日`);
  });
});

describe('个人考核评分表', () => {
  it('adds up per evaluator and matches the result', async () => {
    const results = await t.call('assessments.results', { monthId: month.id, unitId: communityId });
    const person = results.rows.find((r) => r.total !== null && r.evaluators > 0)!;
    const card = await t.call('reports.scoreCard', { monthId: month.id, personId: person.personId });
    expect(card.person.name).toBe(person.name);
    expect(card.total).toBe(person.total);
    expect(card.rankInUnit).toBe(person.rankInUnit);
    expect(card.grade).toBe(person.grade);
    expect(card.evaluators.length).toBeGreaterThan(0);
    card.evaluators.forEach((e, i) => {
      const lines = card.lines.filter((l) => l.kind !== 'veto');
      const sum = lines.reduce((s, l) => s + l.entries[i]!.points, 0);
      // category floors can only raise a sheet above the plain sum
      expect(e.total).toBeGreaterThanOrEqual(sum);
    });
    const derivation = await t.call('assessments.derivation', { monthId: month.id, personId: person.personId });
    expect(card.evaluators.map((e) => e.total).sort()).toEqual(derivation.sheets.map((s) => s.total).sort());
  });

  it('lists deductions and bonuses with their notes, and exports them', async () => {
    const all = await t.call('assessments.results', { monthId: month.id, unitId: null });
    let card = null;
    for (const r of all.rows.filter((x) => x.total !== null && x.total < 9500)) {
      const c = await t.call('reports.scoreCard', { monthId: month.id, personId: r.personId });
      if (c.evidence.some((e) => e.note)) {
        card = c;
        break;
      }
    }
    expect(card).not.toBeNull();
    const e = card!.evidence.find((x) => x.note)!;
    const file = await t.call('reports.excel', { report: 'score-card', monthId: month.id, personId: card!.person.id });
    const text = sheetText(await readBook(file.base64));
    expect(text[0]).toBe('个人考核评分表');
    expect(text[2]).toContain(`姓名：${card!.person.name}`);
    expect(text.some((l) => l.includes(e.note) && l.includes(e.criterion))).toBe(true);
    for (const who of ['被考核人', '考核人', '审核人']) expect(text.some((l) => l.startsWith(`${who}（签字）`))).toBe(true);
  });
});

describe('表彰名单 and 荣誉证书', () => {
  it('group the recipients by community in 姓氏笔画 order, or in the batch order; certificates of a draft marked 草稿', async () => {
    const batches = await t.call('awards.batches', {});
    const published = batches.find((b) => b.name === '2025年度优秀网格员')!;
    const r = await t.call('reports.commendation', { batchId: published.id });
    expect(r.title).toBe('2025年度优秀网格员表彰名单');
    expect(r.issuer).toBe('西乡街道党工委、办事处');
    expect(r.count).toBe(published.nominated);
    for (const g of r.awards[0]!.groups) {
      const names = g.names.map((n) => n.name);
      expect(names).toEqual([...names].sort((a, b) => compareByStroke(a, b)));
    }
    const view = await t.call('awards.batch', { id: published.id });
    const custom = await t.call('reports.commendation', { batchId: published.id, order: 'custom' });
    const bySortOrder = new Map(view.candidates.map((c) => [c.personId, c.sortOrder]));
    for (const g of custom.awards[0]!.groups) {
      const orders = g.names.map((n) => bySortOrder.get(n.personId)!);
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
    }
    const certs = await t.call('reports.certificates', { batchId: published.id });
    expect(certs.recipients).toHaveLength(r.count);
    expect(certs).toMatchObject({ draft: false, mode: 'full' });

    const notice = batches.find((b) => b.stage !== 'published')!;
    expect((await t.call('reports.commendation', { batchId: notice.id })).title).toMatch(/拟表彰名单$/);
    // a batch not yet published prints as a draft: the route marks every page 草稿
    const draft = await t.call('reports.certificates', { batchId: notice.id });
    expect(draft.draft).toBe(true);
    expect(draft.recipients).toHaveLength(notice.nominated);

    const ws = await readBook((await t.call('reports.excel', { report: 'commendation', batchId: published.id })).base64);
    const lines = sheetText(ws);
    expect(lines[0]).toBe('2025年度优秀网格员表彰名单');
    expect(lines.at(-1)).toBe('2026年1月15日');
  });

  it('one combined list across the communities or grouped by community, 单名 padding on or off, the defaults from the saved settings', async () => {
    const published = (await t.call('awards.batches', {})).find((b) => b.name === '2025年度优秀网格员')!;
    const grouped = await t.call('reports.commendation', { batchId: published.id });
    expect(grouped).toMatchObject({ layout: 'grouped', padNames: true });
    expect(grouped.awards[0]!.groups.length).toBeGreaterThan(1);
    const combined = await t.call('reports.commendation', { batchId: published.id, layout: 'combined', pad: 'off' });
    expect(combined).toMatchObject({ layout: 'combined', padNames: false, count: grouped.count });
    expect(combined.awards[0]!.groups).toHaveLength(1);
    const names = combined.awards[0]!.groups[0]!.names;
    expect(combined.awards[0]!.groups[0]!.community).toBe('');
    // 姓氏笔画 across the communities, each name keeping its community
    expect(names.map((n) => n.name)).toEqual([...names.map((n) => n.name)].sort((a, b) => compareByStroke(a, b)));
    expect(new Set(names.map((n) => n.community)).size).toBe(grouped.awards[0]!.groups.length);
    // the Excel list follows the padding choice
    const twoChar = names.find((n) => Array.from(n.name).length === 2)!;
    const excelOf = async (pad: 'on' | 'off') =>
      sheetText(await readBook((await t.call('reports.excel', { report: 'commendation', batchId: published.id, layout: 'combined', pad })).base64)).join('\n');
    expect(await excelOf('off')).toContain(`|${twoChar.name}|`);
    expect(await excelOf('on')).toContain(`|${Array.from(twoChar.name).join('\u3000')}|`);

    // saved once, the choice is what the list prints when the route does not say
    const settings = await t.call('awards.printSettings', {});
    await t.call('awards.savePrintSettings', { ...settings, listLayout: 'combined', padNames: false });
    expect(await t.call('reports.commendation', { batchId: published.id })).toMatchObject({ layout: 'combined', padNames: false });
    await t.call('awards.savePrintSettings', settings);
    expect(await t.call('reports.commendation', { batchId: published.id })).toMatchObject({ layout: 'grouped', padNames: true });
  });
});

/**
 * A small month for the 排名表: 固戍社区 has a tie (王五 and 孙八, 90 each: 姓氏笔画 puts 王 before 孙, pinyin the
 * other way), a vetoed 98 (赵六) and an exemption (周九); 河西社区 two; 安乐社区, made last, comes last in the tree
 * though first by name.
 */
async function rankingMonth() {
  const s = await openTestCore();
  const tree = await buildSmallTree(s);
  const anle = await s.call('org.create', { parentId: tree.street.id, kind: 'community', name: '安乐社区', code: 'C3' });
  const p = {
    li: await addPerson(s, tree.a.id, '李四', ['专职网格员']),
    wang: await addPerson(s, tree.a.id, '王五', ['网格员']),
    sun: await addPerson(s, tree.b.id, '孙八', ['网格员']),
    zhao: await addPerson(s, tree.b.id, '赵六', ['网格员']),
    zhou: await addPerson(s, tree.a.id, '周九', ['网格员']),
    wu: await addPerson(s, tree.c.id, '吴十', ['网格员']),
    zhang: await addPerson(s, tree.c.id, '张三', ['专职网格员']),
    qian: await addPerson(s, anle.id, '钱九', ['网格员']),
  };
  const scheme = await publishScheme(s, '排名测试方案', {
    roles: ['网格员', '专职网格员'],
    criteria: [
      { category: '业务工作', name: '工作实绩', kind: 'score', max: 10000 },
      { category: '否决项', name: '违纪', kind: 'veto', max: 0 },
    ],
  });
  const [work, veto] = [scheme.criteria.find((c) => c.kind === 'score')!.id, scheme.criteria.find((c) => c.kind === 'veto')!.id];
  const evaluator = (await s.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const month = await s.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const scores: [number, number][] = [[p.li, 9500], [p.wang, 9000], [p.sun, 9000], [p.zhao, 9800], [p.wu, 9600], [p.zhang, 9000], [p.qian, 8000]];
  await s.call('assessments.saveScores', {
    monthId: month.id,
    evaluatorId: evaluator,
    cells: [...scores.map(([personId, value]) => ({ personId, criterionId: work, value })), { personId: p.zhao, criterionId: veto, value: 1, note: '责任事故' }],
  });
  await s.call('assessments.setExempt', { monthId: month.id, personId: p.zhou, reason: '病假' });
  return { s, tree, p, monthId: month.id };
}

describe('排名表', () => {
  it('ranks within the community and the role: ties share a rank in 姓氏笔画 order, a veto last, the exempt after; communities in the tree’s order', async () => {
    const { s, monthId } = await rankingMonth();
    const r = await s.call('reports.ranking', { monthId });
    expect(r.title).toBe('2026年10月排名测试方案排名表');
    expect(r).toMatchObject({ groupBy: 'community', unitName: '西乡街道', finalised: false, count: 8, ranked: 7 });
    const rows = (g: number) => r.groups[g]!.rows.map((x) => [x.name, x.total, x.grade, x.rankInCommunity, x.rankInRole, x.note]);
    expect(r.groups.map((g) => g.label)).toEqual(['固戍社区', '河西社区', '安乐社区']);
    expect(rows(0)).toEqual([
      ['李四', 9500, '优秀', 1, 1, ''],
      ['王五', 9000, '优秀', 2, 2, ''],
      ['孙八', 9000, '优秀', 2, 2, ''],
      ['赵六', 9800, '不合格', 4, 5, '一票否决'],
      ['周九', null, '免考', null, null, '病假'],
    ]);
    expect(rows(1)).toEqual([
      ['吴十', 9600, '优秀', 1, 1, ''],
      ['张三', 9000, '优秀', 2, 2, ''],
    ]);
    expect(rows(2)).toEqual([['钱九', 8000, '良好', 1, 4, '']]);
    expect(r.groups.flatMap((g) => g.rows.map((x) => x.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.groups[0]!.rows.map((x) => x.unit)).toEqual(['第01网格', '第01网格', '第02网格', '第02网格', '第01网格']);
    // the same ranks as the month's results
    const results = await s.call('assessments.results', { monthId, unitId: null });
    for (const x of r.groups.flatMap((g) => g.rows)) {
      const y = results.rows.find((row) => row.personId === x.personId)!;
      expect([x.rankInCommunity, x.rankInRole]).toEqual([y.rankInUnit, y.rankInRole]);
    }
  });

  it('groups by role in the roles’ order; a community keeps the month-wide role ranks; a finalised month reads its snapshot', async () => {
    const { s, tree, monthId } = await rankingMonth();
    const byRole = await s.call('reports.ranking', { monthId, groupBy: 'role' });
    expect(byRole.groups.map((g) => [g.label, g.rows.map((x) => `${x.name}${x.rankInRole ?? '-'}`)])).toEqual([
      ['网格员', ['吴十1', '王五2', '孙八2', '钱九4', '赵六5', '周九-']],
      ['专职网格员', ['李四1', '张三2']],
    ]);
    await s.call('assessments.finalise', { monthId });
    const one = await s.call('reports.ranking', { monthId, unitId: tree.c1.id, groupBy: 'role' });
    expect(one).toMatchObject({ unitName: '固戍社区', finalised: true, count: 5 });
    expect(one.groups.map((g) => [g.label, g.rows.map((x) => `${x.name}${x.rankInCommunity ?? '-'}/${x.rankInRole ?? '-'}`)])).toEqual([
      ['网格员', ['王五2/2', '孙八2/2', '赵六4/5', '周九-/-']],
      ['专职网格员', ['李四1/1']],
    ]);
    const bad = await s.callError('reports.ranking', { monthId, groupBy: 'unit' });
    expect(bad.code).toBe('VALIDATION');
  });

  it('exports to Excel: the title, the header, a row per worker under its group', async () => {
    const { s, monthId } = await rankingMonth();
    const report = await s.call('reports.ranking', { monthId, groupBy: 'role' });
    const file = await s.call('reports.excel', { report: 'ranking', monthId, unitId: null, groupBy: 'role' });
    expect(file.fileName).toBe('2026年10月排名测试方案排名表_西乡街道_按岗位.xlsx');
    const text = sheetText(await readBook(file.base64));
    expect(text[0]).toBe(report.title);
    expect(text[1]).toContain('按岗位分组');
    expect(text[2]).toBe('序号|姓名|社区|网格|岗位|总分|等次|网格排名|社区排名|岗位排名|备注');
    expect(text[3]).toBe('网格员（6人）');
    expect(text[4]).toBe('1|吴十|河西社区|第01网格|网格员|96|优秀|1|1|1');
    // 赵六's veto ranks him after 孙八 in their grid too; 钱九's community has no grids, so no grid rank
    expect(text).toContain('5|赵六|固戍社区|第02网格|网格员|98|不合格|2|4|5|一票否决');
    expect(report.groups[0]!.rows.find((x) => x.name === '钱九')).toMatchObject({ rankInGrid: null, rankInCommunity: 1 });
    expect(text).toContain('专职网格员（2人）');
    expect(text.filter((l) => /^\d+\|/.test(l))).toHaveLength(8);
    expect(text.some((l) => l.startsWith('合计 8 人，参加排名 7 人。'))).toBe(true);
  });
});

describe('星级名册', () => {
  it('is the roster of a published period by community, 5★ first and 姓氏笔画 within a star, with the counts per star', async () => {
    const runs = (await t.call('stars.runs', {})).filter((r) => r.status === 'published');
    const run = runs[0]!;
    const report = await t.call('reports.starRoster', { runId: run.id });
    const roster = await t.call('stars.roster', { asOf: run.end, unitId: null });
    expect(report.title).toBe(`${run.periodLabel}星级名册`);
    expect(report).toMatchObject({ asOf: run.end, unitName: '西乡街道', count: roster.rows.length, counts: roster.counts });
    expect(report.groups.reduce((n, g) => n + g.rows.length, 0)).toBe(roster.rows.length);
    const tree = await t.call('org.tree', {});
    const root = tree.find((u) => u.parentId === null)!;
    const communities = tree.filter((u) => u.parentId === root.id).map((u) => u.name);
    const shown = report.groups.map((g) => g.community);
    expect(shown).toEqual(communities.filter((c) => shown.includes(c)));
    for (const g of report.groups) {
      expect(g.counts.reduce((a, b) => a + b, 0)).toBe(g.rows.length);
      for (let i = 1; i < g.rows.length; i++) {
        const [a, b] = [g.rows[i - 1]!, g.rows[i]!];
        expect(a.stars).toBeGreaterThanOrEqual(b.stars);
        if (a.stars === b.stars) expect(compareByStroke(a.name, b.name)).toBeLessThanOrEqual(0);
      }
    }
    // one community
    const one = await t.call('reports.starRoster', { runId: run.id, unitId: communityId });
    expect(one.groups.map((g) => g.community)).toEqual(['固戍社区']);
    expect(one.count).toBe((await t.call('stars.roster', { asOf: run.end, unitId: communityId })).rows.length);
    // a draft period is not printed
    const draft = (await t.call('stars.runs', {})).find((r) => r.status === 'draft')!;
    expect(await t.callError('reports.starRoster', { runId: draft.id })).toMatchObject({ code: 'CONFLICT', message: `${draft.periodLabel}的星级评定尚未发布，发布后才能打印星级名册` });
  });

  it('exports to Excel with stars as ★ and the counts at the foot', async () => {
    const run = (await t.call('stars.runs', {})).find((r) => r.status === 'published')!;
    const report = await t.call('reports.starRoster', { runId: run.id, unitId: communityId });
    const file = await t.call('reports.excel', { report: 'star-roster', runId: run.id, unitId: communityId });
    expect(file.fileName).toBe(`${report.title}_固戍社区.xlsx`);
    const text = sheetText(await readBook(file.base64));
    expect(text[0]).toBe(report.title);
    expect(text[2]).toBe('序号|姓名|社区|网格|星级|评定期间|评定依据');
    expect(text[3]).toBe(`固戍社区（${report.count}人）`);
    const first = report.groups[0]!.rows[0]!;
    expect(text[4]).toBe(`1|${first.name}|固戍社区|${first.unit}|${'★'.repeat(first.stars)}${'☆'.repeat(5 - first.stars)}|${first.periodLabel}|${first.reason}`);
    expect(text.filter((l) => /^\d+\|/.test(l))).toHaveLength(report.count);
    expect(text).toContain(`合计 ${report.count} 人：${starCountsText(report.counts)}`);
  });
});

describe('荣誉证书 in Excel', () => {
  it('lists each recipient with the community, unit, award, issuer and date', async () => {
    const batch = (await t.call('awards.batches', {})).find((b) => b.name === '2025年度优秀网格员')!;
    const certs = await t.call('reports.certificates', { batchId: batch.id });
    const file = await t.call('reports.excel', { report: 'certificate', batchId: batch.id });
    expect(file.fileName).toBe('2025年度优秀网格员荣誉证书名册.xlsx');
    const text = sheetText(await readBook(file.base64));
    expect(text[0]).toBe('2025年度优秀网格员荣誉证书名册');
    expect(text[1]).toBe('序号|姓名|社区|单位|荣誉称号|发证单位|发证日期');
    const first = certs.recipients[0]!;
    expect(text[2]).toBe(`1|${first.name}|${first.community}|${first.unit}|2025年度优秀网格员|西乡街道党工委、办事处|2026-01-15`);
    expect(text.filter((l) => /^\d+\|/.test(l))).toHaveLength(certs.recipients.length);
    expect(text.at(-1)).toBe(`共 ${certs.recipients.length} 人`);
    const notice = (await t.call('awards.batches', {})).find((b) => b.stage !== 'published')!;
    expect(await t.callError('reports.excel', { report: 'certificate', batchId: notice.id })).toMatchObject({ code: 'CONFLICT' });
  });
});
