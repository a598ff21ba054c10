/**
 * A cell of an office's sheet read as what an import wants — a date, an amount in hundredths, a trimmed text — or the
 * Chinese reason it cannot be. Dates come as date cells (wall-clock), Excel serials, 8-digit numbers or text.
 */
import { isValidDate, normalizeDateText } from '../../../shared/domain/dates';
import { parseHundredths } from '../../../shared/domain/scoring';
import { stripAllSpaces, toHalfWidth } from '../../../shared/domain/text';
import { cellText, serialToDate, wallClockDate, type CellValue } from './read';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(message: string): Read<T> => ({ ok: false, message });

const isErrorValue = (v: CellValue): v is { error: string } => typeof v === 'object' && v !== null && !(v instanceof Date);

/** A cell's text, trimmed ('' when empty); an Excel error value reads as its code (#N/A). */
export function textOf(v: CellValue): string {
  return cellText(v).trim();
}

/** 'YYYY-MM-DD' from a date cell, a serial, 20261123 or text such as 2026/11/23 and 2026年11月23日. */
export function readDate(v: CellValue, label = '日期'): Read<string> {
  if (v === null || (typeof v === 'string' && stripAllSpaces(v) === '')) return bad(`请填写${label}`);
  if (isErrorValue(v)) return bad(`${label}单元格是错误值 ${v.error}`);
  if (v instanceof Date) {
    const date = wallClockDate(v);
    return isValidDate(date) ? ok(date) : bad(`${label}${date}超出可用范围`);
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 21991231) {
      const date = normalizeDateText(String(v));
      return isValidDate(date) ? ok(date) : bad(`${label}“${v}”不是有效的日期`);
    }
    const date = serialToDate(v);
    return date !== null && isValidDate(date) ? ok(date) : bad(`${label}“${v}”不是有效的日期，请写作 2026-11-23`);
  }
  if (typeof v === 'boolean') return bad(`${label}“${cellText(v)}”不是日期`);
  const date = normalizeDateText(v);
  if (isValidDate(date)) return ok(date);
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return bad(`${label}${date}不存在`);
  return bad(`${label}“${v.trim()}”无法识别，请写作 2026-11-23`);
}

/**
 * An amount in hundredths (2 → 200, 0.5 → 50) from a number or text (full-width digits, a trailing unit such as 件 or
 * 条, a percent sign). Null when the cell is empty. At most two decimals.
 */
export function readHundredths(v: CellValue, label: string): Read<number | null> {
  if (v === null) return ok(null);
  if (isErrorValue(v)) return bad(`${label}单元格是错误值 ${v.error}`);
  if (typeof v === 'number') {
    const h = Math.round(v * 100);
    if (!Number.isFinite(v) || Math.abs(v * 100 - h) > 1e-6) return bad(`${label}“${v}”最多两位小数`);
    return ok(h);
  }
  if (typeof v !== 'string') return bad(`${label}“${cellText(v)}”不是数字`);
  const text = stripAllSpaces(toHalfWidth(v)).replace(/,/g, '');
  if (text === '') return ok(null);
  const h = parseHundredths(text.replace(/(%|次|件|条|天|个|人次|户|分)$/, ''));
  return h === null ? bad(`${label}“${v.trim()}”不是数字（最多两位小数）`) : ok(h);
}
