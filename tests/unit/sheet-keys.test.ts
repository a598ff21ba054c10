import { describe, expect, it } from 'vitest';
import { inRange, rangeText, SheetHistory, tabTarget } from '../../src/renderer/src/features/assessments/sheet-keys';

// name, unit, role, three criteria, the read-only totals
const EDITABLE = [false, false, false, true, true, true, false, false];

describe('tabTarget', () => {
  it('moves to the next criterion, and from the last one wraps to the next row’s first, skipping read-only columns', () => {
    expect(tabTarget({ row: 0, col: 3 }, EDITABLE, 5, false)).toEqual({ row: 0, col: 4 });
    expect(tabTarget({ row: 0, col: 5 }, EDITABLE, 5, false)).toEqual({ row: 1, col: 3 });
    expect(tabTarget({ row: 1, col: 0 }, EDITABLE, 5, false)).toEqual({ row: 1, col: 3 });
  });

  it('Shift+Tab goes back to the previous row’s last criterion; nothing past either end', () => {
    expect(tabTarget({ row: 2, col: 3 }, EDITABLE, 5, true)).toEqual({ row: 1, col: 5 });
    expect(tabTarget({ row: 4, col: 5 }, EDITABLE, 5, false)).toBeNull();
    expect(tabTarget({ row: 0, col: 3 }, EDITABLE, 5, true)).toBeNull();
  });
});

describe('ranges', () => {
  const range = { anchor: { row: 3, col: 5 }, end: { row: 2, col: 4 } };
  it('holds the cells between two corners either way round', () => {
    expect(inRange(range, 2, 4)).toBe(true);
    expect(inRange(range, 3, 5)).toBe(true);
    expect(inRange(range, 1, 4)).toBe(false);
    expect(inRange(null, 2, 4)).toBe(false);
  });

  it('copies as Excel does: tab between cells, a line per row, tabs and line breaks inside a cell made spaces', () => {
    expect(rangeText(range, (r, c) => (r === 3 && c === 5 ? 'a\tb' : `${r}${c}`))).toBe('24\t25\n34\ta b\n');
  });
});

describe('SheetHistory', () => {
  const change = (n: number) => ({ before: [{ personId: 1, criterionId: 1, value: n - 1 }], after: [{ personId: 1, criterionId: 1, value: n }] });

  it('undoes newest first, redoes what was undone, and a new change forgets the redo', () => {
    const h = new SheetHistory();
    const [a, b, c] = [change(1), change(2), change(3)];
    h.record(a);
    h.record(b);
    expect(h.peekUndo()).toBe(b);
    h.undid();
    expect(h.peekUndo()).toBe(a);
    expect(h.peekRedo()).toBe(b);
    h.redid();
    expect(h.peekUndo()).toBe(b);
    h.undid();
    h.record(c);
    expect(h.peekRedo()).toBeUndefined();
    expect(h.peekUndo()).toBe(c);
  });

  it('forgets a change whose save was refused, and keeps only the newest changes', () => {
    const h = new SheetHistory(2);
    const [a, b, c] = [change(1), change(2), change(3)];
    h.record(a);
    h.record(b);
    h.record(c);
    h.forget(c);
    expect(h.peekUndo()).toBe(b);
    h.undid();
    expect(h.peekUndo()).toBeUndefined(); // a fell off the end
  });
});
