/**
 * A grid's view as an .xlsx: a title, the view's description, a frozen header row, text kept as text. Written row by
 * row with exceljs's streaming writer into a temporary file, giving the event loop back every few hundred rows, so a
 * large export neither holds the whole workbook in memory nor keeps other calls waiting; its progress can be asked.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { gridExportInput } from '../../../shared/contract/io';
import { isValidDate } from '../../../shared/domain/dates';
import { columnMm, firstPageColumns, MIN_PRINT_PT, planPrint, printableMm, setUpPrinting, textUnits } from './print-setup';
import { dateForCell } from './read';

type GridExport = z.output<typeof gridExportInput>;

const FONT = { name: '宋体', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const ROWS_PER_TURN = 500;

/** Exports in progress by the job id the page gave: rows written and rows in all. Kept a minute after the end. */
const progress = new Map<string, { done: number; total: number }>();

export function exportProgress(jobId: string): { done: number; total: number } | null {
  return progress.get(jobId) ?? null;
}

function cellOf(v: GridExport['rows'][number][number], type: string): ExcelJS.CellValue {
  if (v === null) return null;
  if (type === 'number' && typeof v === 'number') return v;
  // a real date cell holding the wall-clock day (exceljs writes a Date's UTC fields as typed)
  if (type === 'date' && typeof v === 'string' && isValidDate(v)) return dateForCell(v);
  return typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
}

/** A value printed whole or not at all: an ID number, a mobile, a code (no space, no CJK to break a line at). */
const UNBREAKABLE = /^[\x21-\x7e]+$/;
/**
 * Column units per Latin character of such a value, measured for the widest font it may print in: where 宋体 is
 * missing (LibreOffice on UOS/Kylin) the substitute's digits are about a quarter wider than Excel's column unit.
 */
const WIDE_LATIN = 1.25;

interface FittedColumn {
  width: number;
  /** Its longest value is wider than the column: the column's cells wrap. */
  wraps: boolean;
}

/** The narrowest a column of wrapping text is made to keep the table on one page across. */
const MIN_WRAP_WIDTH = 10;

/**
 * Each column as wide as its header and longest value need, but no wider than on screen (a unit's path would
 * otherwise shrink the whole printout) — except a value that cannot wrap (an ID number), which is never cut. A table
 * that would then print across pages gives up width from its wrapping columns first; one narrower than the page
 * gives the spare width to them.
 */
export function fittedColumns(input: Pick<GridExport, 'columns' | 'rows'>): FittedColumn[] {
  const needs = input.columns.map((c, k) => {
    let need = textUnits(c.header) + 2;
    let whole = 0;
    for (const row of input.rows) {
      const v = row[k];
      if (v === null || v === undefined) continue;
      const text = typeof v === 'boolean' ? '是' : String(v);
      if (text.length * 2.1 + 1.5 <= need && text.length * WIDE_LATIN + 1.5 <= whole) continue; // cannot widen either
      if (UNBREAKABLE.test(text)) whole = Math.max(whole, text.length * WIDE_LATIN + 1.5);
      else need = Math.max(need, textUnits(text) + 1.5);
    }
    const width = Math.max(6, Math.ceil(whole), Math.min(c.width, Math.ceil(need)));
    return { need: Math.ceil(need), whole: Math.ceil(whole), width };
  });
  const widths = needs.map((n) => n.width);
  const wrappable = (k: number) => widths[k]! > Math.max(MIN_WRAP_WIDTH, needs[k]!.whole) && needs[k]!.need > MIN_WRAP_WIDTH;
  // with a little room to spare: LibreOffice shrinks a shade more than planned
  const tooWide = () => widths.reduce((sum, w) => sum + columnMm(w), 0) * (MIN_PRINT_PT / FONT.size) > printableMm('landscape') * 0.95;
  for (let guard = 0; tooWide() && guard < 1000; guard++) {
    const widest = widths.reduce((best, w, k) => (wrappable(k) && (best < 0 || w > widths[best]!) ? k : best), -1);
    if (widest < 0) break;
    widths[widest]! -= 1;
  }
  const plan = planPrint(widths, FONT.size);
  if (plan.pagesWide === 1 && plan.scale === 1) {
    let spare = printableMm(plan.orientation) - widths.reduce((sum, w) => sum + columnMm(w), 0);
    for (const [k, n] of needs.entries()) {
      const more = Math.min(n.need - widths[k]!, Math.floor(spare / columnMm(1)));
      if (more <= 0) continue;
      widths[k]! += more;
      spare -= columnMm(more);
    }
  }
  return needs.map((n, k) => ({ width: widths[k]!, wraps: n.need > widths[k]! }));
}

/** The lines a row's tallest wrapping cell takes (neither Excel nor LibreOffice grows the row by itself). */
function linesOf(values: readonly unknown[], fitted: readonly FittedColumn[]): number {
  let lines = 1;
  for (const [k, c] of fitted.entries()) {
    const v = values[k];
    if (!c.wraps || typeof v !== 'string' || v.length * 2.1 <= c.width - 1) continue;
    lines = Math.max(lines, Math.ceil(textUnits(v) / (c.width - 1)));
  }
  return lines;
}

/** The columns repeated on each page when a wide view prints across pages: up to its 姓名 column, if it is near the left. */
function nameColumn(columns: GridExport['columns']): number {
  const at = columns.slice(0, 3).findIndex((c) => c.header === '姓名');
  return at >= 0 ? at + 1 : 1;
}

export async function buildGridWorkbook(input: GridExport, now: Date): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'grid-export-'));
  const file = join(dir, 'export.xlsx');
  const job = input.jobId ? { done: 0, total: input.rows.length } : null;
  if (job) progress.set(input.jobId!, job);
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    wb.creator = '网格考评';
    wb.created = now;
    const headerRow = input.subtitle ? 3 : 2;
    const ws = wb.addWorksheet(input.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
      // a streamed sheet writes its fit-to-page flag as it opens, here; the rest of its set-up follows
      pageSetup: { fitToPage: true },
    });
    const fitted = fittedColumns(input);
    const widths = fitted.map((c) => c.width);
    // One style object per column, given to each of its cells as is: exceljs recognises an object it has written
    // before, where a style made per cell (row.font, a merged column style) is turned into XML again for every cell.
    const styles: Partial<ExcelJS.Style>[] = input.columns.map((c, k) => ({
      ...(c.type === 'text' ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {}),
      // a long unit path wraps within its column instead of being cut off at the next one
      alignment: { vertical: 'middle', wrapText: fitted[k]!.wraps },
      font: FONT,
    }));
    ws.columns = input.columns.map((_, k) => ({ width: widths[k]!, style: styles[k]! }));
    const plan = setUpPrinting(ws, { headerRows: [headerRow, headerRow], titleColumns: [1, nameColumn(input.columns)], fontSize: FONT.size, widths });
    const span = firstPageColumns(plan, widths); // printed across pages, the title stays on the first


    const title = ws.addRow([input.title]);
    title.font = { ...FONT, size: 16, bold: true };
    title.alignment = { horizontal: 'center' };
    title.height = 26;
    ws.mergeCells(1, 1, 1, span);
    title.commit();
    if (input.subtitle) {
      const sub = ws.addRow([input.subtitle]);
      sub.font = { ...FONT, color: { argb: 'FF595959' } };
      ws.mergeCells(2, 1, 2, span);
      sub.commit();
    }
    const header = ws.addRow(input.columns.map((c) => c.header));
    header.font = { ...FONT, bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDF2F7' } };
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    });
    header.commit();
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: input.columns.length } };

    const types = input.columns.map((c) => c.type);
    for (let i = 0; i < input.rows.length; i++) {
      const row = ws.addRow(input.rows[i]!.map((v, k) => cellOf(v, types[k] ?? 'text')));
      for (let k = 0; k < styles.length; k++) row.getCell(k + 1).style = styles[k]!;
      const lines = linesOf(input.rows[i]!, fitted);
      if (lines > 1) row.height = Math.ceil(lines * FONT.size * 1.35 + 4);
      row.commit();
      if ((i + 1) % ROWS_PER_TURN === 0) {
        if (job) job.done = i + 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    ws.commit();
    await wb.commit();
    if (job) job.done = job.total;
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (input.jobId) setTimeout(() => progress.delete(input.jobId!), 60_000).unref();
  }
}
