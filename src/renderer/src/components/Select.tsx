/** A choice among a few values (ids or keys), with an optional first option meaning none (全部, 请选择 …). */
import type { SelectHTMLAttributes } from 'react';

export interface Choice<V> {
  value: V;
  label: string;
}

type SelectProps<V> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  choices: readonly Choice<V>[];
  value: V | null;
  onChange: (value: V | null) => void;
  /** The first option, meaning no choice (null); without it there is none. */
  none?: string | null;
};

/** A plain <select> (inside a Field, which gives it its label). */
export function Select<V extends string | number>({ choices, value, onChange, none = null, ...rest }: SelectProps<V>) {
  return (
    <select {...rest} value={value ?? ''} onChange={(e) => onChange(choices.find((c) => String(c.value) === e.target.value)?.value ?? null)}>
      {none !== null ? <option value="">{none}</option> : null}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** A filter over a list or ranking: its label, then the choice, 全部 first unless `none` says otherwise. */
export function FilterSelect<V extends string | number>({ label, none = '全部', ...rest }: SelectProps<V> & { label: string }) {
  return (
    <label>
      {label}
      <Select aria-label={label} none={none} {...rest} />
    </label>
  );
}
