import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MonthSummary } from '../../src/shared/contract/assessments';
import { compareByStroke } from '../../src/shared/domain/stroke-order';
import { openTestCore, TODAY, type TestCore } from './helpers';

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
  it('group the recipients by community in 姓氏笔画 order, or in the batch order; certificates only once published', async () => {
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

    const notice = batches.find((b) => b.stage !== 'published')!;
    expect((await t.call('reports.commendation', { batchId: notice.id })).title).toMatch(/拟表彰名单$/);
    expect((await t.callError('reports.certificates', { batchId: notice.id })).message).toContain('表彰尚未发布');

    const ws = await readBook((await t.call('reports.excel', { report: 'commendation', batchId: published.id })).base64);
    const lines = sheetText(ws);
    expect(lines[0]).toBe('2025年度优秀网格员表彰名单');
    expect(lines.at(-1)).toBe('2026年1月15日');
  });
});
