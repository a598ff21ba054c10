/** The organisation tree: click or arrow keys to choose a unit; → and ← open and close a branch. */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import { unitKindLabel } from '../../../../shared/domain/org';

export interface OrgTreeProps {
  units: UnitNode[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  showRetired: boolean;
}

export function OrgTree({ units, selectedId, onSelect, showRetired }: OrgTreeProps) {
  const visibleUnits = useMemo(() => units.filter((u) => showRetired || !u.retiredOn), [units, showRetired]);
  const children = useMemo(() => {
    const map = new Map<number | null, UnitNode[]>();
    for (const u of visibleUnits) map.set(u.parentId, [...(map.get(u.parentId) ?? []), u]);
    return map;
  }, [visibleUnits]);
  const totals = useMemo(() => {
    const sum = new Map<number, number>();
    const total = (u: UnitNode): number =>
      sum.get(u.id) ?? sum.set(u.id, u.peopleInPost + (children.get(u.id) ?? []).reduce((s, c) => s + total(c), 0)).get(u.id)!;
    visibleUnits.forEach(total);
    return sum;
  }, [visibleUnits, children]);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set(units.filter((u) => u.parentId === null).map((u) => u.id)));
  // The chosen unit's branch opens when it is chosen (from outside too), and may be closed by hand after.
  const parentOf = useMemo(() => new Map(units.map((u) => [u.id, u.parentId])), [units]);
  useEffect(() => {
    if (selectedId === null) return;
    setExpanded((s) => {
      const next = new Set(s);
      for (let p = parentOf.get(selectedId) ?? null; p !== null; p = parentOf.get(p) ?? null) next.add(p);
      return next.size === s.size ? s : next;
    });
  }, [selectedId, parentOf]);
  const flat: UnitNode[] = [];
  const walk = (parent: number | null) => {
    for (const u of children.get(parent) ?? []) {
      flat.push(u);
      if (expanded.has(u.id)) walk(u.id);
    }
  };
  walk(null);

  const toggle = (id: number, to?: boolean) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (to ?? !s.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent) => {
    const i = flat.findIndex((u) => u.id === selectedId);
    const cur = flat[i];
    const move = (j: number) => {
      const target = flat[Math.max(0, Math.min(flat.length - 1, j))];
      if (target) {
        onSelect(target.id);
        document.getElementById(`unit-${target.id}`)?.focus();
      }
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'ArrowRight' && cur && children.has(cur.id)) toggle(cur.id, true);
    else if (e.key === 'ArrowLeft' && cur) {
      if (expanded.has(cur.id) && children.has(cur.id)) toggle(cur.id, false);
      else if (cur.parentId !== null) move(flat.findIndex((u) => u.id === cur.parentId));
    } else return;
    e.preventDefault();
  };

  const render = (parent: number | null, depth: number) => (
    <ul role={parent === null ? 'tree' : 'group'} aria-label={parent === null ? '组织架构' : undefined} className={parent === null ? 'tree' : undefined} onKeyDown={parent === null ? onKeyDown : undefined}>
      {(children.get(parent) ?? []).map((u) => {
        const hasChildren = children.has(u.id);
        const isOpen = expanded.has(u.id);
        return (
          <li
            key={u.id}
            id={`unit-${u.id}`}
            role="treeitem"
            aria-selected={u.id === selectedId}
            aria-expanded={hasChildren ? isOpen : undefined}
            aria-label={u.name}
            tabIndex={u.id === selectedId || (selectedId === null && depth === 0) ? 0 : -1}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(u.id);
            }}
          >
            <div className="tree-row" style={{ paddingLeft: 8 + depth * 16 }}>
              <span
                className="tree-toggle"
                onClick={(e) => {
                  e.stopPropagation();
                  if (hasChildren) toggle(u.id);
                }}
              >
                {hasChildren ? (isOpen ? '▾' : '▸') : ''}
              </span>
              <span className={u.retiredOn ? 'tree-retired' : undefined}>{u.name}</span>
              {u.kind === 'grid_basic' ? null : <span className="tree-kind">{unitKindLabel(u.kind)}</span>}
              <span className="tree-count" title="在岗人数（含下级）">
                {totals.get(u.id) ?? 0}
              </span>
            </div>
            {hasChildren && isOpen ? render(u.id, depth + 1) : null}
          </li>
        );
      })}
    </ul>
  );
  return render(null, 0);
}
