/** A plain table (no grid): its heads, a row per item, and one line saying so when there are none. */
import type { CSSProperties, ReactNode } from 'react';

export interface SimpleColumn {
  head: string;
  className?: string;
  style?: CSSProperties;
}

export function SimpleTable<T>({
  label,
  heads,
  rows,
  empty,
  className,
  style,
  children,
}: {
  label?: string;
  heads: (string | SimpleColumn)[];
  rows: readonly T[];
  /** Shown across the table when there are no rows; without it the body stays empty. */
  empty?: string;
  /** More classes after "simple". */
  className?: string;
  style?: CSSProperties;
  /** One <tr> per row. */
  children: (row: T, index: number) => ReactNode;
}) {
  return (
    <table className={className ? `simple ${className}` : 'simple'} aria-label={label} style={style}>
      <thead>
        <tr>
          {heads.map((h, i) =>
            typeof h === 'string' ? (
              <th key={i}>{h || null}</th>
            ) : (
              <th key={i} className={h.className} style={h.style}>
                {h.head || null}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty ? (
          <tr>
            <td colSpan={heads.length} className="muted">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map(children)
        )}
      </tbody>
    </table>
  );
}
