/**
 * Choosing one of a short list of named things (communities, evaluators) as one types: the whole list on a click or
 * ↓, narrowed by a name, its pinyin initials, full pinyin or a code. The keys are the pickers' (pick-parts): ↑/↓ move, Enter
 * or Tab chooses, Esc puts the box back. Nothing changes until a row is chosen.
 */
import { useEffect, useMemo, type ReactElement } from 'react';
import type { Marks } from '../../../shared/domain/pick-marks';
import { comboboxAttrs, Marked, pickerKeyDown, usePickerBox, usePickMatching } from './pick-parts';

export interface PickChoice<V> {
  value: V;
  /** What is matched and shown in the box. */
  label: string;
  /** Shown beside the label in the list only (a group, a code). */
  meta?: string;
  /** Also matched: codes, digits. */
  codes?: readonly string[];
}

export interface ChoicePickerProps<V> {
  choices: readonly PickChoice<V>[];
  value: V | null;
  onChange: (value: V | null) => void;
  /** A first row meaning none (全部); without it one of the choices must be taken. */
  none?: string | null;
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  className?: string;
  /** From a Field (its label points here) or given directly. */
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

interface Row<V> {
  choice: PickChoice<V> | null;
  marks: Marks;
}

export function ChoicePicker<V extends string | number>({
  choices,
  value,
  onChange,
  none = null,
  placeholder = '输入名称或拼音首字母',
  autoFocus,
  disabled,
  className,
  id,
  ...aria
}: ChoicePickerProps<V>) {
  const chosenLabel = value === null ? (none ?? '') : (choices.find((c) => c.value === value)?.label ?? '');
  const { listId, setText, editing, open, setOpen, active, setActive, close, place, query, boxProps } = usePickerBox(chosenLabel, 240);

  // none (全部) is a row like the others: typing 全部 or qb finds it
  const all = useMemo(() => [...(none !== null ? [null] : []), ...choices], [none, choices]);
  const pick = usePickMatching(open);
  const keys = useMemo(() => pick && new Map(all.map((c) => [c?.value ?? null, pick.pickKeys(c?.label ?? none ?? '', c?.codes)])), [pick, all, none]);
  const rows = useMemo((): Row<V>[] => {
    // until the matching has loaded (a moment after the list opens), everything is shown
    if (query === '' || !pick || !keys) return all.map((c) => ({ choice: c, marks: [] }));
    return pick.pickFilter(all, (c) => keys.get(c?.value ?? null)!, query).rows.map((r) => ({ choice: r.item, marks: r.match.marks }));
  }, [query, all, pick, keys]);

  useEffect(() => {
    if (!open) return;
    const at = query === '' ? rows.findIndex((r) => (r.choice?.value ?? null) === value) : 0;
    setActive(Math.max(0, at));
    // only when the list opens or the typing changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, query]);

  const choose = (row: Row<V> | undefined) => {
    if (!row) return false;
    const to = row.choice?.value ?? null;
    setText(row.choice?.label ?? none ?? '');
    close();
    if (to !== value) onChange(to);
    return true;
  };

  const activeRow = open ? rows[active] : undefined;
  return (
    <div className={`picker choice-picker${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        {...comboboxAttrs(listId, open, activeRow ? `${listId}-${active}` : undefined)}
        {...aria}
        {...boxProps(setOpen)}
        autoFocus={autoFocus}
        disabled={disabled}
        placeholder={placeholder}
        onKeyDown={(e) => {
          pickerKeyDown(e, {
            open,
            count: rows.length,
            setOpen,
            move: (by) => setActive((i) => (by === 'first' ? 0 : by === 'last' ? rows.length - 1 : Math.max(0, Math.min(rows.length - 1, i + by)))),
            choose: () => choose(rows[active]),
            cancel: () => {
              close();
              setText(chosenLabel);
            },
          });
          if (e.key === 'Tab' && open && editing && rows[active]) choose(rows[active]);
        }}
      />
      {open && place ? (
        <ul id={listId} role="listbox" className="pick-list choice-list" style={place} onMouseDown={(e) => e.preventDefault()}>
          {rows.length === 0 ? (
            <li className="muted empty">没有匹配的选项</li>
          ) : (
            rows.map((r, i) => (
              <li
                key={r.choice === null ? '' : String(r.choice.value)}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                aria-label={r.choice?.label ?? none ?? ''}
                onMouseEnter={() => setActive(i)}
                onClick={(e) => {
                  e.preventDefault(); // not a click on a surrounding <label>
                  choose(r);
                }}
              >
                <span className="name">
                  <Marked text={r.choice?.label ?? none ?? ''} marks={r.marks} />
                </span>
                {r.choice?.meta ? <span className="meta">{r.choice.meta}</span> : null}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}

/** A picker as a filter in a toolbar: its label, then the box (named by `aria-label` on the picker itself). */
export function PickerFilter({ label, children }: { label: string; children: ReactElement }) {
  return (
    <span className="picker-filter">
      <span aria-hidden>{label}</span>
      {children}
    </span>
  );
}
