/** A unit chooser: every active unit under the street, by path, type-ahead with the keyboard. */
import { useMemo, type SelectHTMLAttributes } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import { unitPathsOf } from '../../../../shared/domain/org';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  units: UnitNode[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** Which units may be chosen; by default every active unit below the street. */
  allow?: (u: UnitNode) => boolean;
};

export function UnitSelect({ units, value, onChange, allow, ...rest }: Props) {
  const options = useMemo(() => {
    const paths = unitPathsOf(units);
    const ok = allow ?? ((u: UnitNode) => !u.retiredOn && u.kind !== 'street');
    // Tree order: parents before their children.
    const children = new Map<number | null, UnitNode[]>();
    for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
    const ordered: UnitNode[] = [];
    const walk = (p: number | null) => (children.get(p) ?? []).forEach((u) => (ordered.push(u), walk(u.id)));
    walk(null);
    return ordered.filter(ok).map((u) => ({ id: u.id, label: paths.get(u.id)! }));
  }, [units, allow]);
  return (
    <select {...rest} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
      <option value="">请选择单位</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
