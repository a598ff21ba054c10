/**
 * Every workbook the app writes prints (io/print-setup.ts): A4, landscape when wide, fitted to the page width, the
 * table's header rows on every page, page numbers in the footer, and type no smaller than 9 pt once shrunk. Each kind
 * of workbook is made from the demo street through the dispatcher and read back with exceljs; the printed size is
 * estimated from the widths read back, independently of the plan that set them.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fittedColumns } from '../../src/main/core/io/grid-export';
import { columnMm, PAGE_FOOTER, planPrint, printableMm } from '../../src/main/core/io/print-setup';
import type { ExportedFile } from '../../src/shared/contract/io';
import { openTestCore, type TestCore } from './helpers';

let t: TestCore;
/** Every kind of workbook, by a name for the test's messages. */
const books = new Map<string, ExportedFile>();

async function readBook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  t = await openTestCore();
  await t.call('system.loadDemo', {});
  const months = await t.call('assessments.months', {});
  const finalised = months.find((m) => m.schemeName === '网格员月度考核' && m.status === 'finalised')!;
  const open = months.find((m) => m.schemeName === '网格员月度考核' && m.status === 'open')!;
  const tree = await t.call('org.tree', {});
  const community = tree.find((u) => u.name === '固戍社区')!.id;
  const evaluators = await t.call('assessments.evaluators', {});
  const street = evaluators.find((e) => e.group === '街道中心')!;
  const results = await t.call('assessments.results', { monthId: finalised.id, unitId: community });
  const person = results.rows.find((r) => r.total !== null)!.personId;
  const batch = (await t.call('awards.batches', {})).find((b) => b.stage === 'published')!;
  const run = (await t.call('stars.runs', {})).find((r) => r.status === 'published')!;
  const period = (await t.call('periods.list', {})).find((p) => p.status === 'finalised')!;

  const excel = (name: string, input: Parameters<typeof t.call<'reports.excel'>>[1]) => t.call('reports.excel', input).then((f) => books.set(name, f));
  await excel('月度考核汇总表', { report: 'month-summary', monthId: finalised.id, unitId: community });
  await excel('个人考核评分表', { report: 'score-card', monthId: finalised.id, personId: person });
  await excel('表彰名单', { report: 'commendation', batchId: batch.id, order: 'stroke' });
  await excel('荣誉证书名册', { report: 'certificate', batchId: batch.id });
  await excel('积分排行榜', { report: 'points-ranking', kind: 'year', period: '2025', unitId: null });
  await excel('排名表', { report: 'ranking', monthId: finalised.id, unitId: null, groupBy: 'community' });
  await excel('星级名册', { report: 'star-roster', runId: run.id, unitId: community });
  await excel('年度考核汇总表', { report: 'period-summary', periodId: period.id, unitId: null });
  await excel('优秀名单', { report: 'period-list', periodId: period.id, unitId: null, list: 'excellent' });
  await excel('登记表', { report: 'period-register', periodId: period.id, unitId: null, personId: person });
  books.set('考核表', await t.call('assessments.exportWorkbook', { monthId: open.id, unitId: community, evaluatorId: street.id }));
  books.set('考核表（已归档 · 只读）', await t.call('assessments.exportWorkbook', { monthId: finalised.id, unitId: community, evaluatorId: street.id }));
  books.set('年终测评表', await t.call('periods.exportBallots', { periodId: period.id, evaluatorId: street.id, unitId: community }));
  books.set('人员导入模板', await t.call('people.importTemplate', {}));
  books.set('积分导入模板', await t.call('points.importTemplate', {}));
  const wide = Array.from({ length: 12 }, (_, i) => ({ header: i === 0 ? '姓名' : `第${i}列`, width: 12, type: 'text' as const }));
  books.set('表格导出（宽）', await t.call('io.exportGrid', { title: '人员名册', subtitle: '全部单位', columns: wide, rows: [wide.map((_, i) => `值${i}`)] }));
  books.set('表格导出（窄）', await t.call('io.exportGrid', { title: '积分台账', subtitle: '', columns: wide.slice(0, 5), rows: [] }));
}, 180_000);

/** The smallest type of the sheet's filled cells, in points (exceljs's default 11 where none is set). */
function smallestType(ws: ExcelJS.Worksheet): number {
  let min = Infinity;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value !== null && cell.value !== '' && !cell.isMerged) min = Math.min(min, cell.font?.size ?? 11);
      else if (cell.isMerged && cell.master === cell) min = Math.min(min, cell.font?.size ?? 11);
    }),
  );
  return min;
}

/** The size the sheet prints at: its columns' width spread over fitToWidth pages, less the columns each page repeats. */
function printedScale(ws: ExcelJS.Worksheet): number {
  const widths = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? 9.14);
  const total = widths.reduce((s, w) => s + columnMm(w), 0);
  const pages = ws.pageSetup.fitToWidth ?? 1;
  const margins = ws.pageSetup.margins!;
  const page = (ws.pageSetup.orientation === 'landscape' ? 297 : 210) - (margins.left + margins.right) * 25.4;
  const titles = ws.pageSetup.printTitlesColumn
    ? widths.slice(0, ws.getColumn(ws.pageSetup.printTitlesColumn.split(':')[1]!).number).reduce((s, w) => s + columnMm(w), 0)
    : 0;
  return Math.min(1, (pages * page - (pages - 1) * titles) / total);
}

describe('every exported workbook prints', () => {
  it('has a workbook of every kind', () => {
    expect([...books.keys()]).toHaveLength(17);
    for (const [name, file] of books) expect(file.fileName, name).toMatch(/\.xlsx$/);
  });

  it('on A4, fitted to the page width, numbered in the footer, its header on every page, at 9 pt or more', async () => {
    const forms = new Set(['个人考核评分表', '登记表']);
    for (const [name, file] of books) {
      const wb = await readBook(file.base64);
      const sheets = wb.worksheets.filter((ws) => ws.state === 'visible');
      expect(sheets.length, name).toBeGreaterThan(0);
      for (const ws of sheets) {
        const what = `${name} · ${ws.name}`;
        expect(ws.pageSetup, what).toMatchObject({ paperSize: 9, fitToPage: true, fitToHeight: name === '登记表' ? 1 : 0 });
        expect(ws.pageSetup.fitToWidth, what).toBeGreaterThanOrEqual(1);
        expect(ws.headerFooter.oddFooter, what).toBe(PAGE_FOOTER);
        const isGuide = /说明$/.test(ws.name);
        if (!forms.has(name) && !isGuide) expect(ws.pageSetup.printTitlesRow, what).toMatch(/^\d+:\d+$/);
        // landscape exactly when the table is wider than a portrait page
        const widths = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? 9.14);
        const wide = widths.reduce((s, w) => s + columnMm(w), 0) > printableMm('portrait', ws.pageSetup.margins);
        expect(ws.pageSetup.orientation, what).toBe(wide ? 'landscape' : 'portrait');
        if (name !== '登记表') expect(smallestType(ws) * printedScale(ws), what).toBeGreaterThanOrEqual(9 - 0.05);
      }
    }
  });

  it('the 考核表 of the demo (12 criteria, 5 with a 说明) prints on two landscape pages across, 编号 and 姓名 on each, header rows 3–5', async () => {
    for (const name of ['考核表', '考核表（已归档 · 只读）']) {
      const ws = (await readBook(books.get(name)!.base64)).getWorksheet('考核表')!;
      expect(ws.pageSetup, name).toMatchObject({ orientation: 'landscape', fitToWidth: 2, pageOrder: 'overThenDown', printTitlesRow: '3:5', printTitlesColumn: 'A:B' });
      expect(printedScale(ws)).toBeGreaterThanOrEqual(0.9); // its 10 pt rule line prints at 9 pt or more
      // the title and the line under it are merged over the first page's columns only, so they print there whole
      const span = (r: number) => Array.from({ length: ws.columnCount }, (_, i) => ws.getRow(r).getCell(i + 1)).filter((c) => c.isMerged && c.master.address === `A${r}`).length;
      expect(span(1)).toBeGreaterThan(4);
      expect(span(1)).toBeLessThan(ws.columnCount);
      expect(span(2)).toBe(span(1));
    }
    expect(books.get('考核表（已归档 · 只读）')!.fileName).toMatch(/_已归档_只读\.xlsx$/);
  });

  it('a report’s header row is tall enough for the names that wrap in its narrow columns', async () => {
    const ws = (await readBook(books.get('月度考核汇总表')!.base64)).worksheets[0]!;
    const header = ws.getRow(Number(ws.pageSetup.printTitlesRow!.split(':')[0]));
    expect(header.getCell(5).value).toMatch(/^.+（\d+）$/); // 业务工作（30） in a column 10 wide: two lines
    expect(header.height).toBeGreaterThanOrEqual(2 * 11 * 1.3);
  });

  it('a wide grid export prints landscape, one page across, its header row repeated', async () => {
    const ws = (await readBook(books.get('表格导出（宽）')!.base64)).worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });
    expect(ws.pageSetup.printTitlesColumn).toBeUndefined();
    const narrow = (await readBook(books.get('表格导出（窄）')!.base64)).worksheets[0]!;
    expect(narrow.pageSetup).toMatchObject({ orientation: 'portrait', fitToWidth: 1, printTitlesRow: '2:2' });
  });

  it('the file names say what each holds, and no two are alike', () => {
    const names = [...books.values()].map((f) => f.fileName);
    expect(new Set(names).size).toBe(names.length);
    expect(books.get('月度考核汇总表')!.fileName).toMatch(/^\d{4}年\d{1,2}月网格员月度考核汇总表_固戍社区\.xlsx$/);
    expect(books.get('考核表')!.fileName).toMatch(/^考核表_\d{4}-\d{2}_网格员月度考核_固戍社区_.+\.xlsx$/);
    expect(books.get('年度考核汇总表')!.fileName).toMatch(/^\d{4}年度考核结果汇总表_.+_西乡街道\.xlsx$/);
    expect(books.get('年终测评表')!.fileName).toMatch(/年终测评表_固戍社区_.+\.xlsx$/);
  });
});

describe('planPrint', () => {
  it('portrait at full size when it fits, landscape shrunk while ≥ 9 pt, else across the fewest readable pages', () => {
    expect(planPrint([10, 20, 30])).toEqual({ orientation: 'portrait', pagesWide: 1, scale: 1 });
    const shrunk = planPrint(Array(14).fill(10) as number[]);
    expect(shrunk).toMatchObject({ orientation: 'landscape', pagesWide: 1 });
    expect(shrunk.scale).toBeGreaterThanOrEqual(9 / 11);
    const across = planPrint(Array(30).fill(10) as number[], 11, [7, 9]);
    expect(across.orientation).toBe('landscape');
    expect(across.pagesWide).toBe(2);
    expect(across.scale * 11).toBeGreaterThanOrEqual(9);
    // type already at 9 pt is never shrunk
    expect(planPrint(Array(14).fill(10) as number[], 9).pagesWide).toBe(2);
  });
});

describe('the grid export’s column widths (fittedColumns)', () => {
  const ID = '440306199005121230';
  const PATH = '固戍社区 / 第03网格 / 西乡步行街片区';
  const cols = (widths: number[]) => widths.map((width, k) => ({ header: `列${k + 1}`, width, type: 'text' as const }));

  it('never cuts an ID number: wider than its narrow screen column, wide enough for a substitute font', () => {
    const [id] = fittedColumns({ columns: cols([14]), rows: [[ID]] });
    expect(id!.width).toBeGreaterThanOrEqual(Math.ceil(ID.length * 1.25));
    expect(id!.wraps).toBe(false);
  });

  it('gives a short table’s spare page width to a long path, which then need not wrap', () => {
    const [, path] = fittedColumns({ columns: cols([12, 16, 10]), rows: [['张三', PATH, '网格员']] });
    expect(path!.width).toBeGreaterThan(16);
    expect(path!.wraps).toBe(false);
  });

  it('wraps a path held to its screen width when the page is full', () => {
    const wide = cols([30, 30, 30, 30, 30, 30, 30, 16]);
    const fitted = fittedColumns({ columns: wide, rows: [[...Array(7).fill('很长的内容'.repeat(3)), PATH.repeat(2)]] });
    const total = fitted.reduce((s, c) => s + columnMm(c.width), 0);
    expect(total).toBeGreaterThan(printableMm('landscape'));
    expect(fitted[7]).toEqual({ width: 16, wraps: true });
  });
});
