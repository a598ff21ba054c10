/**
 * Two people editing the same cell (issue 18): a cell save carries the value its sender last saw. When the stored
 * value has changed since, someone else saved it in between: the save is not applied, and the sender is told who
 * changed it, when and to what, and chooses (保留对方的值, or 用我的值覆盖: sent again, now having seen it).
 */
import { formatTimestamp } from './dates';
import { formatHundredths, type Criterion } from './scoring';

/** A cell whose save was not applied because it changed since its sender saw it. */
export interface ScoreConflict {
  personId: number;
  criterionId: number;
  personName: string;
  criterionName: string;
  criterionKind: Criterion['kind'];
  /** What the sender last saw, what they meant to save, and what is stored now (null: empty). */
  seen: number | null;
  mine: number | null;
  theirs: number | null;
  theirNote: string;
  /** Who saved the stored value, and when (ISO); null when not known (a value from before the LAN). */
  by: string | null;
  at: string | null;
}

/**
 * Whether a save meets a conflict: it said what it saw (`seen`; undefined for saves that do not, as the 考核表 import),
 * the stored value differs from it, and the save would change it (a save that asks for what is already stored is
 * harmless and passes).
 */
export function isScoreConflict(seen: number | null | undefined, stored: number | null, mine: number | null): boolean {
  if (seen === undefined) return false;
  return stored !== seen && stored !== mine;
}

/** A cell's value as the sheet shows it: a score in points, a count in 次, empty as 空. */
export function cellValueText(kind: Criterion['kind'], value: number | null): string {
  if (value === null) return '空';
  return kind === 'score' ? formatHundredths(value) : `${value}次`;
}

/** The conflict in one sentence (Chinese): who changed the cell, when, to what, and what the sender saw. */
export function conflictMessage(c: ScoreConflict): string {
  const who = c.by ?? '其他人';
  const when = c.at ? `于 ${formatTimestamp(c.at)} ` : '';
  const to = c.theirs === null ? '清空了' : `改为 ${cellValueText(c.criterionKind, c.theirs)}`;
  return `${c.personName}·${c.criterionName}：${who} ${when}${to}（您看到的是 ${cellValueText(c.criterionKind, c.seen)}，您要填 ${cellValueText(c.criterionKind, c.mine)}）`;
}
