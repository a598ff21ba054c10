/**
 * Two people editing the same cell (issue 18): a cell save carries the value (and the note) its sender last saw. When
 * the stored value or note has changed since, someone else saved it in between: the save is not applied, and the sender is told who
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
  /** The note the sender last saw (a count's 说明), when it said. */
  seenNote?: string;
  /** Who saved the stored value, and when (ISO); null when not known (a value from before the LAN). */
  by: string | null;
  at: string | null;
}

/** A cell as seen, stored or asked for: its value (null: empty) and its note. */
export interface CellState {
  value: number | null;
  note: string;
}

/**
 * Whether a save meets a conflict: it said what it saw (`seen`; undefined for saves that do not, as the 考核表 import),
 * the stored value — or the stored note, where the sender said which note it saw — differs from it, and the save would
 * change the cell (a save that asks for what is already stored is harmless and passes).
 */
export function isScoreConflict(seen: { value: number | null; note?: string | undefined } | undefined, stored: CellState, mine: CellState): boolean {
  if (seen === undefined) return false;
  const changedSince = stored.value !== seen.value || (seen.note !== undefined && stored.note !== seen.note);
  return changedSince && (stored.value !== mine.value || stored.note !== mine.note);
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
  const to =
    c.theirs === c.seen && c.seenNote !== undefined && c.theirNote !== c.seenNote
      ? `改了说明（现为“${c.theirNote || '空'}”）`
      : c.theirs === null
        ? '清空了'
        : `改为 ${cellValueText(c.criterionKind, c.theirs)}`;
  return `${c.personName}·${c.criterionName}：${who} ${when}${to}（您看到的是 ${cellValueText(c.criterionKind, c.seen)}，您要填 ${cellValueText(c.criterionKind, c.mine)}）`;
}
