/**
 * A person box for keyboard entry: type a name, pinyin initials ('zs' → 张三) or part of an ID number; the matches
 * show below; ↑/↓ move, Enter or Tab picks, Esc closes the list. The parent clears it by remounting it (a new key).
 */
import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import type { PersonRow } from '../../../../shared/contract/people';
import { NONE, useCall } from '../../api/useCall';
import { useDebounced } from '../../components/useDebounced';

const MAX_SUGGESTIONS = 8;

export interface PersonPickerProps {
  /** The roster as of this date: who was in post then. */
  asOf: string;
  /** Who is picked (only the name is shown: a page may know no more of a person it was linked to). */
  picked: Pick<PersonRow, 'name'> | null;
  onPick: (person: PersonRow | null) => void;
  /** After a pick: where the focus goes next (the quantity). */
  onPicked?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  label?: string;
  /** Also people who have left (for looking things up, not for entering points). */
  includeDeparted?: boolean;
}

export function PersonPicker({ asOf, picked, onPick, onPicked, inputRef, label = '人员', includeDeparted = false }: PersonPickerProps) {
  const [text, setText] = useState(picked?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();

  const query = text.trim();
  // nothing to look up: an empty box, or the name of the person just picked
  const idle = query === '' || (picked !== null && picked.name === text);
  const asked = useDebounced(idle ? '' : query, 120);
  const { data, loading } = useCall(
    'people.list',
    asked === '' ? null : { unitId: null, status: includeDeparted ? '全部' : '在岗', search: asked, asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined },
    [],
    {
      onData: () => {
        setActive(0);
        setOpen(true);
      },
    },
  );
  const matches = idle ? NONE : (data ?? NONE).slice(0, MAX_SUGGESTIONS);
  const searching = !idle && (asked !== query || loading);

  const choose = (p: PersonRow) => {
    onPick(p);
    setText(p.name);
    setOpen(false);
    onPicked?.();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && matches.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(matches.length - 1, i + 1));
    } else if (e.key === 'ArrowUp' && matches.length > 0) {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && matches[active]) choose(matches[active]);
      else if (picked) onPicked?.();
    } else if (e.key === 'Tab' && !e.shiftKey && open && matches[active] && !picked) {
      // Tab takes the highlighted person, as an autocomplete does; the focus then moves on by itself.
      onPick(matches[active]);
      setText(matches[active].name);
      setOpen(false);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const showList = open && text.trim() !== '' && !(picked && picked.name === text);
  return (
    <div className="person-picker">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && matches[active] ? `${listId}-${matches[active].id}` : undefined}
        placeholder="姓名、拼音首字母或身份证号"
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (picked) onPick(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => matches.length > 0 && setOpen(true)}
      />
      {showList ? (
        <ul id={listId} role="listbox" className="person-suggestions" aria-label="匹配的人员">
          {matches.length === 0 ? (
            <li className="muted empty">{searching ? '正在查找…' : includeDeparted ? '没有匹配的人员' : '没有匹配的在岗人员'}</li>
          ) : (
            matches.map((p, i) => (
              <li
                key={p.id}
                id={`${listId}-${p.id}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(p);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="name">{p.name}</span>
                <span className="path">{p.unitPath}</span>
                <span className="id">{p.roles[0]} · {p.idNumber.slice(0, 6)}…{p.idNumber.slice(-4)}</span>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
