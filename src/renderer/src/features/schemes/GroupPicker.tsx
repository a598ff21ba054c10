/**
 * A 考核组 chosen from the groups already in use (named by evaluators or weighted by a scheme: schemes.groups), so a
 * scheme's weights and its evaluators' groups are spelt alike; a new group is added explicitly (新增考核组…), never by
 * a typo.
 */
import { useState } from 'react';
import type { KnownGroup } from '../../../../shared/contract/schemes';

const NEW = '__new__';

export interface GroupPickerProps {
  value: string;
  known: readonly KnownGroup[];
  onChange: (name: string) => void;
  label: string;
  /** The first option, meaning no group (an evaluator outside every group); absent: a group must be chosen. */
  none?: string;
  readOnly?: boolean;
  autoFocus?: boolean;
}

function detail(g: KnownGroup): string {
  const parts = [g.evaluators > 0 ? `${g.evaluators}名考核人` : '', g.schemes > 0 ? `${g.schemes}个方案` : ''].filter(Boolean);
  return parts.length ? `${g.name}（${parts.join('，')}）` : g.name;
}

export function GroupPicker({ value, known, onChange, label, none, readOnly = false, autoFocus = false }: GroupPickerProps) {
  const [adding, setAdding] = useState(false);
  if (readOnly) return <input type="text" aria-label={label} value={value} readOnly />;
  if (adding) {
    return (
      <span className="group-new">
        <input type="text" aria-label={`${label}（新增）`} placeholder="新考核组名称" value={value} maxLength={20} autoFocus
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setAdding(false);
              onChange('');
            }
          }} />
        <button type="button" className="btn small" onClick={() => (setAdding(false), onChange(''))} title="不新增，回到列表选择">
          从列表选择
        </button>
      </span>
    );
  }
  const names = known.map((g) => g.name);
  return (
    <select aria-label={label} value={value} autoFocus={autoFocus}
      onChange={(e) => {
        if (e.target.value === NEW) {
          setAdding(true);
          onChange('');
        } else onChange(e.target.value);
      }}>
      {none !== undefined ? <option value="">{none}</option> : <option value="" disabled>请选择考核组</option>}
      {known.map((g) => (
        <option key={g.name} value={g.name}>
          {detail(g)}
        </option>
      ))}
      {value && !names.includes(value) ? <option value={value}>{value}</option> : null}
      <option value={NEW}>＋ 新增考核组…</option>
    </select>
  );
}
