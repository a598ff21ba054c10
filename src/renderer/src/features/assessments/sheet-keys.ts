/**
 * The scoring sheet's Excel habits, kept free of the grid so they can be tested alone: where Tab and Enter go, the
 * block Shift+arrows mark and Ctrl+C copies, and the history Ctrl+Z and Ctrl+Y walk.
 */
import type { ScoreCell } from '../../../../shared/contract/assessments';

export interface CellAt {
  row: number;
  /** The column's index among the displayed columns. */
  col: number;
}

/**
 * Where Tab (or Shift+Tab) goes from a cell: the next editable column of the row, else the first editable column of
 * the next row (the last of the previous row backwards); null past the sheet's last (first) editable cell.
 */
export function tabTarget(from: CellAt, editable: readonly boolean[], rowCount: number, backwards: boolean): CellAt | null {
  const step = backwards ? -1 : 1;
  for (let col = from.col + step; col >= 0 && col < editable.length; col += step) if (editable[col]) return { row: from.row, col };
  const row = from.row + step;
  if (row < 0 || row >= rowCount) return null;
  const cols = editable.flatMap((e, i) => (e ? [i] : []));
  const col = backwards ? cols.at(-1) : cols[0];
  return col === undefined ? null : { row, col };
}

/** A block of cells between two corners, either way round. */
export interface CellRange {
  anchor: CellAt;
  end: CellAt;
}

export function rangeBounds(r: CellRange): { top: number; bottom: number; left: number; right: number } {
  return {
    top: Math.min(r.anchor.row, r.end.row),
    bottom: Math.max(r.anchor.row, r.end.row),
    left: Math.min(r.anchor.col, r.end.col),
    right: Math.max(r.anchor.col, r.end.col),
  };
}

export function inRange(r: CellRange | null, row: number, col: number): boolean {
  if (!r) return false;
  const b = rangeBounds(r);
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

/** The block as Excel copies it: a line per row, tab between cells; text(row, col) gives a cell as it would be typed. */
export function rangeText(r: CellRange, text: (row: number, col: number) => string): string {
  const b = rangeBounds(r);
  const lines: string[] = [];
  for (let row = b.top; row <= b.bottom; row++) {
    const cells: string[] = [];
    for (let col = b.left; col <= b.right; col++) cells.push(text(row, col).replace(/[\t\n\r]/g, ' '));
    lines.push(cells.join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/** One saved change of the sheet (a typed cell, a paste, an undo's own save): every cell before and after. */
export interface SheetChange {
  before: ScoreCell[];
  after: ScoreCell[];
}

/**
 * What Ctrl+Z and Ctrl+Y walk: changes this page saved, newest last. Undoing a change saves its `before` (a saved,
 * audited change like any other) and makes it redoable; a new change forgets what was undone.
 */
export class SheetHistory {
  private readonly done: SheetChange[] = [];
  private readonly undone: SheetChange[] = [];

  constructor(private readonly limit = 200) {}

  record(change: SheetChange): void {
    this.done.push(change);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** A change whose save was refused after all: it never happened. */
  forget(change: SheetChange): void {
    const at = this.done.lastIndexOf(change);
    if (at >= 0) this.done.splice(at, 1);
  }

  /** The change to take back: save its `before`, then call undid() once it is saved. */
  peekUndo(): SheetChange | undefined {
    return this.done.at(-1);
  }

  undid(): void {
    const change = this.done.pop();
    if (change) this.undone.push(change);
  }

  peekRedo(): SheetChange | undefined {
    return this.undone.at(-1);
  }

  redid(): void {
    const change = this.undone.pop();
    if (change) this.done.push(change);
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
  }
}
