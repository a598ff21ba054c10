/** Workbooks made by the tests, as offices make them: a title, merged headers, cells of every type. */
import ExcelJS from 'exceljs';
import type { ImportPreview } from '../../src/shared/contract/excel';

export type CellInput = ExcelJS.CellValue;

/** An Excel serial for a 'YYYY-MM-DD' (1900 date system). */
export function serialOf(date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A workbook of one sheet: a title row merged across, then the given rows from row 2. */
export async function workbookBase64(
  rows: CellInput[][],
  options: { title?: string; sheet?: string; build?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(options.sheet ?? 'Sheet1');
  const width = Math.max(...rows.map((r) => r.length), 1);
  if (options.title !== undefined) {
    ws.addRow([options.title]);
    ws.mergeCells(1, 1, 1, width);
  }
  for (const r of rows) ws.addRow(r);
  options.build?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export function file(base64: string, fileName = '积分导入.xlsx') {
  return { fileName, base64 };
}

/** The preview's rows as [line, status, ...values] for compact assertions. */
export function rowsOf(p: ImportPreview): (string | number)[][] {
  return p.rows.map((r) => [r.line, r.status, ...r.values]);
}

/** Every error message of a line. */
export function errorsAt(p: ImportPreview, line: number): string[] {
  return p.rows.find((r) => r.line === line)?.errors.map((e) => e.message) ?? [];
}

/** The preview column (header) an error of a line sits in. */
export function errorColumns(p: ImportPreview, line: number): string[] {
  return p.rows.find((r) => r.line === line)?.errors.map((e) => p.columns[e.column]!) ?? [];
}
