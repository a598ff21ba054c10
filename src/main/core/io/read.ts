/**
 * Reading a user's .xlsx safely: a size cap, the zip inflated once under a budget before exceljs sees it (a zip
 * bomb can lie about its sizes, so the budget is checked on real output), a row limit, and every cell reduced to a
 * plain value — formulas as their cached results, rich text as its text, dates as the wall-clock value typed.
 */
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../../shared/errors';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** What the whole zip may inflate to: exceljs holds the sheets in memory several times over. */
export const MAX_INFLATED_BYTES = 150 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 5_000;
export const MAX_SHEET_ROWS = 50_000;

/** A cell as the import sees it. `error` holds an Excel error value (#N/A) or an uncomputed formula. */
export type CellValue = string | number | boolean | Date | { error: string } | null;

export interface LoadedWorkbook {
  fileName: string;
  sha256: string;
  workbook: ExcelJS.Workbook;
}

const fileError = (message: string) => new AppError('VALIDATION', message, [{ field: 'file', message }]);

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Walks the zip's central directory and inflates every entry under the budget; throws a Chinese message if not sound. */
export function checkZip(bytes: Buffer): void {
  const broken = () => fileError('文件已损坏，无法作为 Excel 工作簿读取。请在 Excel 或 WPS 中打开确认，另存为 .xlsx 后再导入');
  const bomb = () => fileError('文件解压后过大（疑似压缩炸弹），已拒绝读取');
  if (bytes.length < 22) throw broken(); // shorter than a zip's own end record
  const eocdMin = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= eocdMin; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const entries = bytes.readUInt16LE(eocd + 10);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) throw bomb(); // zip64: far beyond any office roster
  if (entries > MAX_ZIP_ENTRIES) throw bomb();
  let p = dirOffset;
  let budget = MAX_INFLATED_BYTES;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) throw broken();
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const nameLength = bytes.readUInt16LE(p + 28);
    const local = bytes.readUInt32LE(p + 42);
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw broken();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) throw broken();
    if (method === 0) {
      budget -= compressed;
    } else if (method === 8) {
      try {
        budget -= inflateRawSync(bytes.subarray(start, start + compressed), { maxOutputLength: budget + 1 }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb();
        throw broken();
      }
    } else {
      throw broken();
    }
    if (budget < 0) throw bomb();
  }
}

/** The file's bytes as an exceljs workbook, or a Chinese message saying what is wrong with it. */
export async function loadWorkbook(fileName: string, bytes: Buffer): Promise<LoadedWorkbook> {
  if (bytes.length === 0) throw fileError('文件是空的');
  if (bytes.length > MAX_FILE_BYTES) {
    throw fileError(`文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），一次最多导入 ${MAX_FILE_BYTES / 1024 / 1024} MB 的文件`);
  }
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    throw fileError('这是旧版 Excel 97-2003 (.xls) 文件，不能直接导入。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后再导入');
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw fileError('文件不是 Excel 工作簿 (.xlsx)。如果是 .csv 或 .et 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
  }
  checkZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileError('文件已损坏或不是有效的 Excel 工作簿，无法读取。请在 Excel 或 WPS 中打开确认，另存为 .xlsx 后再导入');
  }
  if (workbook.worksheets.length === 0) throw fileError('工作簿里没有工作表');
  for (const ws of workbook.worksheets) {
    if (ws.actualRowCount > MAX_SHEET_ROWS) {
      throw fileError(`工作表“${ws.name}”有 ${ws.actualRowCount} 行，超过一次导入的上限 ${MAX_SHEET_ROWS} 行，请分成几个文件导入`);
    }
  }
  return { fileName, sha256: createHash('sha256').update(bytes).digest('hex'), workbook };
}

/** A cell reduced to a plain value: merged cells give their master's value (exceljs does that for us). */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  return plain(cell.value);
}

function plain(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('') || null;
  if ('error' in v) return { error: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined) return { error: '公式没有保存计算结果' };
    return plain(result as ExcelJS.CellValue);
  }
  if ('text' in v) return plain((v as { text: ExcelJS.CellValue }).text);
  return null;
}

/**
 * A date cell's value as the user typed it. exceljs labels the wall-clock value as UTC: its UTC fields are what was
 * typed, so they are read as they are and never moved to local time.
 */
export function wallClockDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An Excel date serial (1900 system, with its fictitious 1900-02-29) as 'YYYY-MM-DD', or null outside 1900–9999. */
export function serialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const days = Math.floor(serial) + (serial < 60 ? 1 : 0);
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' as the Date exceljs writes for that wall-clock day (the reverse of wallClockDate). */
export function dateForCell(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** What a cell shows as text, for previews and messages. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return wallClockDate(v);
  return v.error;
}

/** Column number to its letters: 1 → A, 28 → AB. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
