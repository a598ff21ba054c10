/** A page's tab strip: one button per tab, and whatever the page puts after them (a filter, an action). */
import type { ReactNode } from 'react';

export function Tabs<K extends string>({
  label,
  tabs,
  value,
  onChange,
  children,
}: {
  label: string;
  /** Key and title of each tab, in order. */
  tabs: readonly (readonly [K, string])[];
  value: K;
  onChange: (tab: K) => void;
  children?: ReactNode;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map(([key, title]) => (
        <button key={key} type="button" role="tab" aria-selected={value === key} onClick={() => onChange(key)}>
          {title}
        </button>
      ))}
      {children}
    </div>
  );
}
