/** Dates are 'YYYY-MM-DD' text, periods 'YYYY-MM', timestamps ISO-8601 UTC shown in Asia/Shanghai. */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // China has no daylight saving time

export function isValidDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Days in month 1–12 of a year (Gregorian leap years). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Today's date on a wall clock in China. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** '2026-11-23T02:05:00.000Z' → '2026-11-23 10:05' (Asia/Shanghai). */
export function formatTimestamp(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The last day of a period 'YYYY-MM': the date a month's report reads the roster at. */
export function periodEndDate(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** Whole years between a birth date and a date, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * What people type for a date, made 'YYYY-MM-DD': 2024-3-5, 2024/03/05, 2024.3.5, 20240305, 2024年3月5日.
 * Text that is no date comes back trimmed, for the validator to name.
 */
export function normalizeDateText(text: string): string {
  const t = text.trim().replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return t;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(date) ? date : t;
}

/** The day before a date: the last day of a term that ends (exclusively) on `date`. */
export function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
}

/** The period n months before 'YYYY-MM'. */
export function periodMonthsBefore(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
