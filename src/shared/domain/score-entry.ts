/**
 * What one score cell may hold, wherever it is entered: typed or pasted in the scoring grid, or read back from an
 * evaluator workbook (考核表). One reading of the text and one check, so the grid, the save and the import agree.
 */
import { CRITERION_KINDS, parseHundredths, valueError, type Criterion } from './scoring';

/**
 * The text as a Chinese keyboard leaves it, made plain: full-width digits, the IME's full stop (8。5) and full-width
 * spaces, which look right on screen and would otherwise be refused.
 */
function plainText(raw: unknown): string {
  return String(raw ?? '')
    .replace(/[\uFF10-\uFF19\uFF0E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[。｡]/g, '.')
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Text typed or pasted into a criterion's cell → its stored value; null for empty, undefined when it cannot be read. */
export function parseScoreText(c: Pick<Criterion, 'kind'>, raw: unknown): number | null | undefined {
  const text = plainText(raw).replace(/次$/, '').trim();
  if (text === '') return null;
  if (c.kind === 'score') return parseHundredths(text) ?? undefined;
  return /^\d{1,3}$/.test(text) ? Number(text) : undefined;
}

/** Why a cell's text could not be read as a value of its criterion. */
export function unreadableMessage(c: Pick<Criterion, 'kind' | 'name'>): string {
  return c.kind === 'score' ? `“${c.name}”请填数字，例如 8 或 8.5` : `“${c.name}”请填次数（整数）`;
}

/** Deductions, bonuses and vetoes are counted occurrences, each to be explained; a scored criterion has no note. */
export function takesNote(c: Pick<Criterion, 'kind'>): boolean {
  return c.kind !== 'score';
}

/** Whether this value of the criterion must come with a note (事由、日期、案卷号): an occurrence that happened. */
export function noteRequired(c: Pick<Criterion, 'kind'>, value: number): boolean {
  return takesNote(c) && value > 0;
}

/**
 * Why a value (with its note) cannot be saved in a criterion's cell, or null: the value's range and step, and a
 * note for every deduction, bonus or veto that happened (事由、日期、案卷号).
 */
export function scoreEntryError(c: Pick<Criterion, 'kind' | 'max' | 'name'>, value: number, note: string): string | null {
  const error = valueError(c, value);
  if (error) return error;
  if (noteRequired(c, value) && note.trim() === '') {
    return `“${c.name}”记了${value}次${CRITERION_KINDS[c.kind]}，请填写说明（事由、日期、案卷号）`;
  }
  return null;
}
