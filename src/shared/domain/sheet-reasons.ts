/**
 * 极端分说明: an evaluator's complete sheet whose total is at the top (满分, 100) or under the low line (60) asks for a
 * reason. The lines are a scheme version's own (reason_high / reason_low), or these defaults when it leaves them blank:
 * the full score, and 60% of it (60 of 100; a scheme out of 20 asks under 12).
 */
import { formatHundredths, roundHalfUp } from './scoring';

/** Under 60% of the full score asks for a reason unless the version says otherwise. */
export const DEFAULT_REASON_LOW_PERCENT = 60;

export interface ReasonLimits {
  /** A total at or above this asks for a reason (hundredths). */
  high: number;
  /** A total under this asks for a reason (hundredths). */
  low: number;
}

/** The lines in force for a version: its own, else the full score (100) and 60% of it (60). */
export function reasonLimits(v: { fullScore: number; reasonHigh: number | null; reasonLow: number | null }): ReasonLimits {
  return { high: v.reasonHigh ?? v.fullScore, low: v.reasonLow ?? roundHalfUp(v.fullScore * DEFAULT_REASON_LOW_PERCENT, 100) };
}

/** Whether a sheet asks for a reason: only a complete one, with its total at or above the high line or under the low. */
export function reasonNeeded(sheet: { total: number; complete: boolean }, limits: ReasonLimits): boolean {
  return sheet.complete && (sheet.total >= limits.high || sheet.total < limits.low);
}

/** Why a sheet asks for a reason, in Chinese: “合计100分（满分或不低于100分需说明）”. */
export function reasonAsked(total: number, limits: ReasonLimits): string {
  return total >= limits.high
    ? `合计${formatHundredths(total)}分，达到${formatHundredths(limits.high)}分需填写说明`
    : `合计${formatHundredths(total)}分，低于${formatHundredths(limits.low)}分需填写说明`;
}

/** What is wrong with a version's lines, or null: the low line below the high line, neither above the full score. */
export function reasonLimitsError(v: { fullScore: number; reasonHigh: number | null; reasonLow: number | null }): { field: 'reasonHigh' | 'reasonLow'; message: string } | null {
  const { high, low } = reasonLimits(v);
  if (v.reasonHigh !== null && v.reasonHigh <= 0) return { field: 'reasonHigh', message: '需说明的高分线应大于0' };
  if (low >= high) {
    return { field: 'reasonLow', message: `需说明的低分线（${formatHundredths(low)}分）应低于高分线（${formatHundredths(high)}分）` };
  }
  return null;
}
