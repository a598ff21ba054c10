/**
 * How every workbook the app writes prints: A4, portrait when the table fits the page's width at full size, else
 * landscape; fitted to the page width (any number of pages down); the table's header rows repeated on every page;
 * 第 N 页，共 M 页 in the footer; and never smaller than 9 pt. A table too wide for one landscape page at 9 pt prints
 * across as few pages as keep it readable, left to right then down, with its name columns repeated on each.
 *
 * Column widths are Excel's (characters of the default font, about 7 pixels each at 96 dpi), so the plan is made
 * from the widths the sheet was given; Excel and LibreOffice then shrink to the planned number of pages.
 */
import type ExcelJS from 'exceljs';
import { columnLetter } from './read';

/** The smallest type a printed export may have, in points. */
export const MIN_PRINT_PT = 9;
/** Margins in inches, as Excel keeps them: narrow at the sides, room for the page number below. */
export const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 };
/** 第 1 页，共 3 页, centred in the footer. */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';
/** Excel's paper size code for A4. */
export const A4 = 9;

const MM_PER_INCH = 25.4;
const PAPER_MM = { portrait: 210, landscape: 297 };
/** Excel's default column width when none was set. */
const DEFAULT_WIDTH = 9.14;

export type PrintMargins = typeof PRINT_MARGINS;

/** The printable width of an A4 page in millimetres, between the margins. */
export function printableMm(orientation: 'portrait' | 'landscape', margins: PrintMargins = PRINT_MARGINS): number {
  return PAPER_MM[orientation] - (margins.left + margins.right) * MM_PER_INCH;
}

/**
 * The printed width of a column of Excel width `w` at full size, in millimetres: Excel draws a unit as 7 pixels at
 * 96 dpi, LibreOffice as the default font's digit, about 7.4; the wider is planned for, so both print as planned.
 */
export function columnMm(width: number): number {
  return (7.5 * width * MM_PER_INCH) / 96;
}

export interface PrintLayout {
  /** The rows repeated at the top of every page: the table's header, first and last row (1-based). */
  headerRows: [first: number, last: number] | null;
  /** The columns repeated at the left when the table needs more than one page across (e.g. 编号 and 姓名). */
  titleColumns?: [first: number, last: number] | undefined;
  /** The smallest type in the table, in points (11 when not given): the shrink never takes it below 9 pt. */
  fontSize?: number | undefined;
  /** The column widths; read from the sheet when not given (a streamed sheet gives them before its first row). */
  widths?: number[] | undefined;
  /** One page per sheet (a form such as a 登记表), shrunk as needed to fit it. */
  onePage?: boolean | undefined;
  /** Wider margins for a document that is filed (公文 margins); the narrow PRINT_MARGINS when not given. */
  margins?: PrintMargins | undefined;
}

export interface PrintPlan {
  orientation: 'portrait' | 'landscape';
  /** Pages across: 1 unless the table cannot be read on one landscape page. */
  pagesWide: number;
  /** The size the table prints at, as a fraction (1 = 100 %), as planned from the widths. */
  scale: number;
}

/**
 * The set-up for a table of these column widths: portrait at full size when it fits, else landscape shrunk to the
 * page width while its smallest type stays ≥ 9 pt, else landscape across the fewest pages that keep it so.
 */
export function planPrint(widths: number[], fontSize = 11, titleWidths: number[] = [], margins: PrintMargins = PRINT_MARGINS): PrintPlan {
  const total = widths.reduce((s, w) => s + columnMm(w), 0);
  const minScale = Math.min(1, MIN_PRINT_PT / fontSize);
  const portrait = printableMm('portrait', margins);
  const landscape = printableMm('landscape', margins);
  if (total <= portrait) return { orientation: 'portrait', pagesWide: 1, scale: 1 };
  if (total * minScale <= landscape) return { orientation: 'landscape', pagesWide: 1, scale: Math.min(1, landscape / total) };
  // several pages across, each repeating the title columns: n × (page − titles) must hold the rest
  const titles = titleWidths.reduce((s, w) => s + columnMm(w), 0);
  const perPage = landscape / minScale - titles;
  const pagesWide = Math.max(2, Math.ceil((total - titles) / perPage));
  return { orientation: 'landscape', pagesWide, scale: Math.min(1, landscape / ((total - titles) / pagesWide + titles)) };
}

/**
 * How many leading columns surely print on the first page: those that fit its width at full size (a shrunk page holds
 * more). A title merged across them stays on that page when the table prints across several.
 */
export function firstPageColumns(plan: PrintPlan, widths: number[], margins: PrintMargins = PRINT_MARGINS): number {
  if (plan.pagesWide === 1) return widths.length;
  const page = printableMm(plan.orientation, margins);
  let used = 0;
  let n = 0;
  while (n < widths.length && used + columnMm(widths[n]!) <= page) used += columnMm(widths[n++]!);
  return Math.max(1, n);
}

/** The width of a text in column units: a CJK character about two, others one. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u2E80-\uFFEF]/.test(ch) ? 2.1 : 1.1;
  return units;
}

/**
 * Tall enough for its wrapped cells: a header row whose names wrap in narrow columns would otherwise print over the
 * row above (neither Excel nor LibreOffice grows a row of wrapped text by itself when printing a file).
 */
export function fitRowHeight(ws: ExcelJS.Worksheet, rowNumber: number, fontSize = 11): void {
  const row = ws.getRow(rowNumber);
  let lines = 1;
  row.eachCell((cell, col) => {
    if (cell.isMerged && cell.master !== cell) return;
    const text = cell.value === null || cell.value === undefined ? '' : String(cell.value);
    const width = (ws.getColumn(col).width ?? DEFAULT_WIDTH) - 0.8;
    lines = Math.max(lines, ...text.split('\n').map((part) => Math.ceil(textUnits(part) / width) || 1));
  });
  if (lines > 1) row.height = Math.max(row.height ?? 0, Math.ceil(lines * fontSize * 1.35 + 4));
}

function sheetWidths(ws: ExcelJS.Worksheet): number[] {
  const n = Math.max(ws.columnCount, ws.columns?.length ?? 0, 1);
  return Array.from({ length: n }, (_, i) => ws.getColumn(i + 1).width ?? DEFAULT_WIDTH);
}

/**
 * Sets up the sheet's printing (see the file's note) and returns the plan. Call it once the columns have their
 * widths; on a streamed sheet, before its first row is committed.
 */
export function setUpPrinting(ws: ExcelJS.Worksheet, layout: PrintLayout): PrintPlan {
  const widths = layout.widths ?? sheetWidths(ws);
  const titles = layout.titleColumns ? widths.slice(layout.titleColumns[0] - 1, layout.titleColumns[1]) : [];
  const margins = layout.margins ?? PRINT_MARGINS;
  const plan = layout.onePage ? { ...planPrint(widths, layout.fontSize, [], margins), pagesWide: 1 } : planPrint(widths, layout.fontSize, titles, margins);
  const setup: Partial<ExcelJS.PageSetup> = {
    paperSize: A4,
    orientation: plan.orientation,
    fitToPage: true,
    fitToWidth: plan.pagesWide,
    fitToHeight: layout.onePage ? 1 : 0,
    pageOrder: plan.pagesWide > 1 ? 'overThenDown' : 'downThenOver',
    horizontalCentered: plan.pagesWide === 1,
    margins: { ...margins },
  };
  Object.assign(ws.pageSetup, setup);
  if (layout.headerRows) ws.pageSetup.printTitlesRow = `${layout.headerRows[0]}:${layout.headerRows[1]}`;
  else delete ws.pageSetup.printTitlesRow;
  if (layout.titleColumns && plan.pagesWide > 1) {
    ws.pageSetup.printTitlesColumn = `${columnLetter(layout.titleColumns[0])}:${columnLetter(layout.titleColumns[1])}`;
  } else delete ws.pageSetup.printTitlesColumn;
  Object.assign(ws.headerFooter, { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER });
  return plan;
}
