/**
 * Choosing a unit from the tree (street → community → grid, indented, open and close a branch with ▸ or ←/→), found
 * as one types: a name, pinyin initials ('gssq' → 固戍社区), full pinyin or a code; each match shows under its
 * community. ↑/↓ move, Enter chooses (and does not submit the dialog), Esc closes the list (not the dialog); with the
 * list closed, Enter submits the form as usual.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { UnitNode } from '../../../shared/contract/org';
import { unitKindLabel, unitPathsOf } from '../../../shared/domain/org';
import { pickFilter, pickKeys, withAncestors, type Marks } from '../../../shared/domain/pick';
import { comboboxAttrs, Marked, pickerKeyDown, usePickerBox } from './pick-parts';

export interface UnitPickerProps {
  units: readonly UnitNode[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** Which units may be chosen; by default every active unit below the street. The others show, greyed, as context. */
  allow?: (u: UnitNode) => boolean;
  /** A first row meaning no unit (全部); without it a unit must be chosen. */
  none?: string | null;
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  /** From a Field (its label points here) or given directly. */
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

interface Row {
  unit: UnitNode | null;
  depth: number;
  marks: Marks;
  /** Shown only as the way to a match. */
  context: boolean;
  choosable: boolean;
  hasChildren: boolean;
}

const defaultAllow = (u: UnitNode) => !u.retiredOn && u.kind !== 'street';

export function UnitPicker({ units, value, onChange, allow, none = null, placeholder = '输入名称、拼音首字母或编码', autoFocus, disabled, id, ...aria }: UnitPickerProps) {
  const ok = allow ?? defaultAllow;
  const paths = useMemo(() => unitPathsOf(units), [units]);
  const chosenLabel = value === null ? (none ?? '') : (paths.get(value) ?? '');
  const { listId, setText, editing, open, setOpen: setOpenState, active, setActive, close, place, query, boxProps } = usePickerBox(chosenLabel, 360);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set());

  // Retired units are left out unless chosen (a unit's old place); the rest keep the tree's order.
  const shownUnits = useMemo(() => units.filter((u) => !u.retiredOn || u.id === value || ok(u)), [units, value, ok]);
  const keys = useMemo(() => new Map(shownUnits.map((u) => [u.id, pickKeys(u.name, [u.code])])), [shownUnits]);
  const children = useMemo(() => {
    const map = new Map<number | null, UnitNode[]>();
    for (const u of shownUnits) map.set(u.parentId, [...(map.get(u.parentId) ?? []), u]);
    return map;
  }, [shownUnits]);
  const parentOf = useMemo(() => new Map(units.map((u) => [u.id, u.parentId])), [units]);

  const rows = useMemo((): Row[] => {
    const out: Row[] = [];
    if (none !== null && query === '') out.push({ unit: null, depth: 0, marks: [], context: false, choosable: true, hasChildren: false });
    if (query === '') {
      // the tree as opened by hand; the street (the root) always open
      const walk = (parent: number | null, depth: number) => {
        for (const u of children.get(parent) ?? []) {
          const hasChildren = children.has(u.id);
          out.push({ unit: u, depth, marks: [], context: false, choosable: ok(u), hasChildren });
          if (hasChildren && (u.parentId === null || expanded.has(u.id))) walk(u.id, depth + 1);
        }
      };
      walk(null, 0);
      return out;
    }
    const found = pickFilter(shownUnits, (u) => keys.get(u.id)!, query);
    const marks = new Map(found.rows.map((r) => [r.item.id, r.match.marks]));
    const shown = withAncestors(shownUnits, marks.keys());
    const walk = (parent: number | null, depth: number) => {
      for (const u of children.get(parent) ?? []) {
        if (!shown.has(u.id)) continue;
        const m = marks.get(u.id);
        out.push({ unit: u, depth, marks: m ?? [], context: m === undefined, choosable: ok(u), hasChildren: children.has(u.id) });
        walk(u.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [query, none, children, expanded, ok, shownUnits, keys]);

  const firstChoosable = (from: number, step: 1 | -1) => {
    for (let i = from; i >= 0 && i < rows.length; i += step) if (rows[i]!.choosable && !rows[i]!.context) return i;
    for (let i = from; i >= 0 && i < rows.length; i += step) if (rows[i]!.choosable) return i;
    return -1;
  };

  // Opening shows the chosen unit (its branch open); typing highlights the first match.
  const setOpen = useCallback(
    (to: boolean) => {
      setOpenState(to);
      if (to && value !== null) {
        setExpanded((s) => {
          const next = new Set(s);
          for (let p = parentOf.get(value) ?? null; p !== null; p = parentOf.get(p) ?? null) next.add(p);
          return next;
        });
      }
    },
    [value, parentOf, setOpenState],
  );
  useEffect(() => {
    if (!open) return;
    if (query === '') {
      const at = rows.findIndex((r) => (r.unit?.id ?? null) === value);
      setActive(at >= 0 ? at : Math.max(0, firstChoosable(0, 1)));
    } else setActive(Math.max(0, firstChoosable(0, 1)));
    // only when the list opens or the typing changes, not when a branch is opened
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, query]);

  const choose = (row: Row | undefined) => {
    if (!row || !row.choosable) return false;
    onChange(row.unit?.id ?? null);
    close();
    setText(row.unit ? (paths.get(row.unit.id) ?? row.unit.name) : (none ?? ''));
    return true;
  };
  const toggle = (unitId: number, to?: boolean) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (to ?? !s.has(unitId)) next.add(unitId);
      else next.delete(unitId);
      return next;
    });

  const move = (by: number | 'first' | 'last') => {
    if (rows.length === 0) return;
    const target = by === 'first' ? 0 : by === 'last' ? rows.length - 1 : Math.max(0, Math.min(rows.length - 1, active + by));
    const step = by === 'first' || (typeof by === 'number' && by > 0) ? 1 : -1;
    const at = firstChoosable(target, step);
    setActive(at >= 0 ? at : firstChoosable(target, step === 1 ? -1 : 1));
  };

  const activeRow = open ? rows[active] : undefined;
  return (
    <div className="picker unit-picker">
      <input
        id={id}
        {...comboboxAttrs(listId, open, activeRow ? `${listId}-${active}` : undefined)}
        {...aria}
        {...boxProps(setOpen)}
        autoFocus={autoFocus}
        disabled={disabled}
        placeholder={placeholder}
        onKeyDown={(e) => {
          if (open && query === '' && activeRow?.unit && activeRow.hasChildren && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
            // → and ← open and close the highlighted branch while the tree is shown unfiltered
            e.preventDefault();
            toggle(activeRow.unit.id, e.key === 'ArrowRight');
            return;
          }
          pickerKeyDown(e, {
            open,
            count: rows.length,
            setOpen,
            move,
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
        <ul id={listId} role="listbox" aria-label="可选单位" className="pick-list unit-list" style={place} onMouseDown={(e) => e.preventDefault()}>
          {rows.length === 0 ? (
            <li className="muted empty">没有匹配的单位</li>
          ) : (
            rows.map((r, i) => {
              const u = r.unit;
              return (
                <li
                  key={u?.id ?? 'none'}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  aria-disabled={!r.choosable || undefined}
                  aria-level={r.depth + 1}
                  aria-label={u ? (paths.get(u.id) ?? u.name) : (none ?? '')}
                  className={`${r.context ? 'context' : ''}${u?.retiredOn ? ' retired' : ''}`}
                  style={{ paddingLeft: 8 + r.depth * 18 }}
                  onMouseEnter={() => r.choosable && setActive(i)}
                  onClick={(e) => {
                    e.preventDefault(); // not a click on a surrounding <label>
                    choose(r);
                  }}
                >
                  {u && r.hasChildren && query === '' && u.parentId !== null ? (
                    <span
                      className="pick-toggle"
                      aria-hidden
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(u.id);
                      }}
                    >
                      {expanded.has(u.id) ? '▾' : '▸'}
                    </span>
                  ) : (
                    <span className="pick-toggle" aria-hidden />
                  )}
                  <span className="name">{u ? <Marked text={u.name} marks={r.marks} /> : none}</span>
                  {u ? (
                    <span className="meta">
                      {unitKindLabel(u.kind)}
                      {u.code ? ` · ${u.code}` : ''}
                      {u.retiredOn ? ' · 已撤销' : ''}
                    </span>
                  ) : null}
                </li>
              );
            })
          )}
        </ul>
      ) : null}
    </div>
  );
}
