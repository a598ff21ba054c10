/**
 * Workbooks the import tests make for themselves with exceljs, the way offices make theirs: a title, merged
 * headers, cells of every type; files no import should read; and compact views of an import preview.
 * The end-to-end tests build the files they pick with the same `sheetWorkbook`.
 */
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import type { ImportPreview } from '../../src/shared/contract/io';

export type CellInput = ExcelJS.CellValue;

export interface SheetOptions {
  /** A first row merged across the table (as wide as the header rows, or the rows when there are none). */
  title?: string;
  /** Rows between the title and `rows`. */
  headerRows?: CellInput[][];
  /** Ranges merged once every row is in, e.g. 'B2:C2'. */
  merges?: string[];
  /** Columns (1-based) formatted as text, as an office keeps its ID numbers. */
  textColumns?: number[];
  /** The sheet's name; Sheet1 unless given. */
  sheet?: string;
  /** Anything else, done last. */
  build?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void;
}

/** A workbook of one sheet: the title row, the header rows, then `rows`; then the merges and `build`. */
export function sheetWorkbook(rows: CellInput[][], options: SheetOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(options.sheet ?? 'Sheet1');
  if (options.title !== undefined) {
    const width = Math.max(...(options.headerRows ?? rows).map((r) => r.length), 1);
    ws.addRow([options.title]);
    ws.mergeCells(1, 1, 1, width);
  }
  for (const r of options.headerRows ?? []) ws.addRow(r);
  for (const c of options.textColumns ?? []) ws.getColumn(c).numFmt = '@';
  for (const r of rows) ws.addRow(r);
  for (const m of options.merges ?? []) ws.mergeCells(m);
  options.build?.(ws, wb);
  return wb;
}

/** The workbook's .xlsx bytes. */
export async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook's .xlsx bytes in base64, as the import calls take a file. */
export async function base64Of(wb: ExcelJS.Workbook): Promise<string> {
  return (await bytesOf(wb)).toString('base64');
}

/** A workbook read back from base64 (an export's file). */
export async function readBase64(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** `sheetWorkbook` as base64 (for the import calls). */
export async function workbookBase64(rows: CellInput[][], options: SheetOptions = {}): Promise<string> {
  return base64Of(sheetWorkbook(rows, options));
}

/** An Excel serial for a 'YYYY-MM-DD' (1900 date system). */
export function serialOf(date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A zip holding one entry that inflates to `size` bytes of zeros while claiming far less: a small zip bomb. */
export function zipBomb(size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size));
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1000, 22); // the lie
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1000, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** The first bytes of an Excel 97-2003 file (an OLE compound document), as a .xls renamed to .xlsx starts. */
export function oldXls(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
}

/** A file as the import calls take it. */
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
