/**
 * Choosing a person as one types: a name or part of it, pinyin initials ('zs' → 张三), full pinyin, or digits of an
 * ID number or mobile (only the digits the reader may see). The roster (or the list given) is read once and its keys
 * computed once, so a thousand people filter at each keystroke with no waiting. ↑/↓ move, Enter (or Tab) chooses —
 * the choosing Enter never submits the dialog; with the list closed Enter submits it, or moves on (`onPicked`) —
 * Esc closes the list (not the dialog). The parent clears the box by remounting it (a new key).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type Ref } from 'react';
import type { PersonRow } from '../../../shared/contract/people';
import { pickFilter, pickKeys } from '../../../shared/domain/pick';
import { NONE, useCall } from '../api/useCall';
import { comboboxAttrs, keepRowInView, Marked, pickerKeyDown, usePopupPlace } from './pick-parts';

const MAX_SHOWN = 50;

/** What the picker needs of a person; a page's own rows (a month's members …) will do. */
export interface PickablePerson {
  id: number;
  name: string;
  unitPath: string;
  idNumber?: string;
  mobile?: string;
  roles?: readonly string[];
}

export interface PersonPickerProps<P extends PickablePerson = PersonRow> {
  /** The people to choose from; without it, the roster as of `asOf` (in post, or everyone with `includeDeparted`). */
  people?: readonly P[];
  /** The roster as of this date: who was in post then. */
  asOf?: string;
  /** Also people who have left (for looking things up, not for entering points). */
  includeDeparted?: boolean;
  /** Who is picked (only the name is shown: a page may know no more of a person it was linked to). */
  picked: Pick<PickablePerson, 'name'> | null;
  onPick: (person: NoInfer<P> | null) => void;
  /** With the list closed, Enter calls this (the quick entry's jump to the quantity) instead of submitting the form. */
  onPicked?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  label?: string;
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  /** From a Field (its label points here). */
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function PersonPicker<P extends PickablePerson = PersonRow>({
  people,
  asOf = '',
  includeDeparted = false,
  picked,
  onPick,
  onPicked,
  inputRef,
  label = '人员',
  placeholder = '姓名、拼音首字母或身份证号',
  autoFocus,
  disabled,
  id,
  ...aria
}: PersonPickerProps<P>) {
  const listId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(picked?.name ?? '');
  const [open, setOpenState] = useState(false);
  const [active, setActive] = useState(0);
  // ↓ on a box with nothing typed (or with the picked name) opens the whole list, to look through
  const [browse, setBrowse] = useState(false);

  const roster = useCall(
    'people.list',
    people ? null : { unitId: null, status: includeDeparted ? '全部' : '在岗', asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined },
  );
  const list = (people ?? (roster.data as unknown as P[] | undefined) ?? NONE) as readonly P[];
  const keys = useMemo(() => new Map(list.map((p) => [p.id, pickKeys(p.name, [p.idNumber ?? '', p.mobile ?? ''])])), [list]);

  const query = browse ? '' : text.trim();
  // nothing to look for: an empty box, or the name of the person just picked
  const idle = !browse && (query === '' || (picked !== null && picked.name === text));
  const found = useMemo(() => (idle ? { rows: [], total: 0 } : pickFilter(list, (p) => keys.get(p.id)!, query, MAX_SHOWN)), [idle, list, keys, query]);
  const showList = open && !idle;
  // a person chosen from outside (the page's default) shows in the box
  const pickedName = picked?.name;
  useEffect(() => {
    if (pickedName !== undefined) setText(pickedName);
  }, [pickedName]);

  useEffect(() => setActive(0), [query]);
  const close = useCallback(() => {
    setOpenState(false);
    setBrowse(false);
  }, []);
  const place = usePopupPlace(wrapRef, showList, close, 440);
  useEffect(() => {
    if (place) keepRowInView(`${listId}-${active}`);
  }, [place, active, listId]);

  const take = (p: P | undefined) => {
    if (!p) return false;
    onPick(p);
    setText(p.name);
    close();
    return true;
  };

  return (
    <div className="picker person-picker" ref={wrapRef}>
      <input
        ref={inputRef}
        id={id}
        {...comboboxAttrs(listId, showList, showList && found.rows[active] ? `${listId}-${active}` : undefined)}
        aria-label={label}
        {...aria}
        placeholder={placeholder}
        autoFocus={autoFocus}
        disabled={disabled}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setBrowse(false);
          setOpenState(true);
          if (picked) onPick(null);
        }}
        onKeyDown={(e) => {
          const handled = pickerKeyDown(e, {
            open: showList,
            count: found.rows.length,
            setOpen: (to) => {
              setBrowse(to && idle);
              setOpenState(to);
            },
            move: (by) =>
              setActive((i) => (by === 'first' ? 0 : by === 'last' ? found.rows.length - 1 : Math.max(0, Math.min(found.rows.length - 1, i + by)))),
            choose: () => {
              const ok = take(found.rows[active]?.item);
              if (ok) onPicked?.();
              return ok;
            },
            cancel: close,
          });
          if (handled) return;
          if (e.key === 'Enter' && onPicked && picked) {
            // the quick entry: Enter on a picked person goes on to the quantity
            e.preventDefault();
            onPicked();
          } else if (e.key === 'Tab' && !e.shiftKey && showList && found.rows[active] && !picked) {
            // Tab takes the highlighted person, as an autocomplete does; the focus then moves on by itself
            take(found.rows[active].item);
          }
        }}
        onBlur={close}
        onFocus={() => !idle && found.rows.length > 0 && setOpenState(true)}
      />
      {showList && place ? (
        <ul id={listId} role="listbox" className="pick-list person-suggestions" aria-label="匹配的人员" style={place} onMouseDown={(e) => e.preventDefault()}>
          {found.rows.length === 0 ? (
            <li className="muted empty">{!people && roster.loading ? '正在读取人员…' : includeDeparted || people ? '没有匹配的人员' : '没有匹配的在岗人员'}</li>
          ) : (
            found.rows.map(({ item: p, match }, i) => (
              <li
                key={p.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onClick={(e) => {
                  // inside a <label>, the click would otherwise focus the box again after the pick
                  e.preventDefault();
                  if (take(p)) onPicked?.();
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="name">
                  <Marked text={p.name} marks={match.marks} />
                </span>
                <span className="path">{p.unitPath}</span>
                <span className="id">
                  {p.roles?.[0] ?? ''}
                  {p.idNumber ? `${p.roles?.[0] ? ' · ' : ''}${p.idNumber.slice(0, 6)}…${p.idNumber.slice(-4)}` : ''}
                </span>
              </li>
            ))
          )}
          {found.total > found.rows.length ? <li className="muted empty">还有 {found.total - found.rows.length} 人，请继续输入以缩小范围</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
