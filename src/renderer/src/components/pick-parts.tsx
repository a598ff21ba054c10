/** What the unit and person pickers share: the list's place under the box, the marked name, the keys of the box. */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ChangeEvent, type CSSProperties, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { markRuns, type Marks } from '../../../shared/domain/pick-marks';

/**
 * Where the list goes: fixed under the box (over the dialog's scrolling body, never clipped by it), or above it when
 * there is more room there. Measured while open; a scroll that moves the box, or a resize, closes the list (`onMoved`).
 * Undefined until measured: the list is drawn only once placed, so it never shows (or scrolls anything) in between.
 */
export function usePopupPlace(anchor: RefObject<HTMLElement | null>, open: boolean, onMoved: () => void, minWidth = 320): CSSProperties | undefined {
  const [place, setPlace] = useState<CSSProperties | undefined>(undefined);
  useLayoutEffect(() => {
    if (!open || !anchor.current) return;
    const r = anchor.current.getBoundingClientRect();
    const below = window.innerHeight - r.bottom - 8;
    const above = r.top - 8;
    const width = Math.max(minWidth, r.width);
    const left = Math.max(4, Math.min(r.left, window.innerWidth - width - 8));
    setPlace(
      below >= 200 || below >= above
        ? { position: 'fixed', left, top: r.bottom + 2, width, maxHeight: Math.min(340, below) }
        : { position: 'fixed', left, bottom: window.innerHeight - r.top + 2, width, maxHeight: Math.min(340, above) },
    );
    const box = anchor.current;
    const moved = (e: Event) => {
      // only a scroll that moves the box (the page's, the dialog body's) moves it; the list's own or a grid's do not,
      // nor one that leaves the box where it was (a page settling while the list opens)
      if (e.target instanceof Node && !e.target.contains(box)) return;
      const now = box.getBoundingClientRect();
      if (e.type === 'scroll' && Math.abs(now.top - r.top) < 1 && Math.abs(now.left - r.left) < 1) return;
      onMoved();
    };
    window.addEventListener('scroll', moved, true);
    window.addEventListener('resize', moved);
    return () => {
      window.removeEventListener('scroll', moved, true);
      window.removeEventListener('resize', moved);
    };
  }, [open, anchor, onMoved, minWidth]);
  return open ? place : undefined;
}

/**
 * Scrolls a picker's list (only the list) so its row `id` shows: scrollIntoView would also scroll the page under the
 * box, and a page that moves closes the list (usePopupPlace).
 */
export function keepRowInView(id: string): void {
  const row = document.getElementById(id);
  const list = row?.parentElement;
  if (!row || !list) return;
  if (row.offsetTop < list.scrollTop) list.scrollTop = row.offsetTop;
  else if (row.offsetTop + row.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = row.offsetTop + row.offsetHeight - list.clientHeight;
}

/** The attributes every picker's box has: a combobox owning its list, the highlighted row named, no browser autofill. */
export function comboboxAttrs(listId: string, open: boolean, activeRowId: string | undefined) {
  return {
    type: 'text',
    role: 'combobox',
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    'aria-activedescendant': activeRowId,
    autoComplete: 'off',
    spellCheck: false,
  } as const;
}

/** A name with the characters the typing matched in <mark>. */
export function Marked({ text, marks }: { text: string; marks: Marks }) {
  return (
    <>
      {markRuns(text, marks).map((r, i) => (r.marked ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}
    </>
  );
}

export interface ListKeys {
  open: boolean;
  count: number;
  setOpen: (open: boolean) => void;
  move: (by: number | 'first' | 'last') => void;
  /** Enter on an open list: take the highlighted row (true when one was taken). */
  choose: () => boolean;
  /** Esc on an open list: close it, putting the box back as it was. */
  cancel: () => void;
}

/**
 * The keys of a picker's box: ↑/↓ (and PageUp/PageDown, Home/End with Ctrl) move through an open list (↓ opens a
 * closed one); Enter on an open list chooses and goes no further, so the dialog is not submitted by the choosing
 * Enter; Enter on a closed list does nothing here (the form submits as usual); Esc closes an open list and stops
 * there, so the dialog stays open. Returns true when the key was the picker's.
 */
export function pickerKeyDown(e: KeyboardEvent<HTMLInputElement>, k: ListKeys): boolean {
  const stop = () => {
    e.preventDefault();
    e.stopPropagation();
    return true;
  };
  switch (e.key) {
    case 'ArrowDown':
      if (e.altKey || !k.open) {
        k.setOpen(true);
        return stop();
      }
      k.move(1);
      return stop();
    case 'ArrowUp':
      if (!k.open) return false;
      if (e.altKey) k.setOpen(false);
      else k.move(-1);
      return stop();
    case 'PageDown':
      if (!k.open) return false;
      k.move(8);
      return stop();
    case 'PageUp':
      if (!k.open) return false;
      k.move(-8);
      return stop();
    case 'Enter':
      if (!k.open || e.nativeEvent.isComposing) return e.nativeEvent.isComposing;
      k.choose();
      // an open list takes the Enter even with nothing to choose: it never submits the form by surprise
      return stop();
    case 'Escape':
      if (!k.open) return false;
      k.cancel();
      return stop();
    default:
      return false;
  }
}

/**
 * The box of a picker that shows its choice as text (the unit and choice pickers): what is typed, whether it is being
 * typed (else the box shows `chosenLabel`), the list open or not, the highlighted row kept in view. `boxProps` are the
 * box's own handlers: typing opens the list (through `openList`, which a picker may widen), a click toggles it,
 * focusing selects the text, leaving closes the list.
 */
export function usePickerBox(chosenLabel: string, minWidth: number) {
  const listId = useId();
  const boxRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(chosenLabel);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // the box shows the chosen row whenever one is not being typed
  useEffect(() => {
    if (!editing) setText(chosenLabel);
  }, [chosenLabel, editing]);
  const close = useCallback(() => {
    setOpen(false);
    setEditing(false);
  }, []);
  const place = usePopupPlace(boxRef, open, close, minWidth);
  useEffect(() => {
    if (place) keepRowInView(`${listId}-${active}`);
  }, [place, active, listId]);
  const boxProps = (openList: (to: boolean) => void) => ({
    ref: boxRef,
    value: text,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      setText(e.target.value);
      setEditing(true);
      openList(true);
    },
    onFocus: (e: FocusEvent<HTMLInputElement>) => e.target.select(),
    onClick: () => openList(!open),
    onBlur: close,
  });
  return { listId, text, setText, editing, setEditing, open, setOpen, active, setActive, close, place, query: editing ? text.trim() : '', boxProps };
}

type PickMatching = typeof import('../../../shared/domain/pick');
let matching: PickMatching | null = null;

/**
 * The matching (pick.ts, with its pinyin tables), loaded when a picker is first opened: a page whose pickers only
 * show a choice (the scoring page's 单位 and 考核人) draws without waiting for it.
 */
export function usePickMatching(wanted: boolean): PickMatching | null {
  const [loaded, setLoaded] = useState(matching);
  useEffect(() => {
    if (!wanted || loaded) return;
    void import('../../../shared/domain/pick').then((m) => {
      matching = m;
      setLoaded(m);
    });
  }, [wanted, loaded]);
  return loaded;
}
