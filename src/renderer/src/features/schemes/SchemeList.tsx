/**
 * The pieces the two scheme editors share — 考核方案 (monthly) and 周期考核方案 (periods): the list of schemes on the
 * left (arrow keys walk it, Enter or Space opens one), and the way an editor runs one action at a time.
 */
import { useCallback, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FieldIssue } from '../../../../shared/errors';
import { ApiError, errorMessage } from '../../api/client';

export interface SchemeListItem {
  id: number;
  name: string;
  /** Badges and counts under the name. */
  meta: ReactNode;
  /** A third line (the roles), optional. */
  note?: string;
}

export function SchemeList({
  title,
  label,
  items,
  selectedId,
  onSelect,
  actions,
  empty,
}: {
  title: string;
  /** The list's accessible name. */
  label: string;
  items: readonly SchemeListItem[] | undefined;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Buttons in the head (新建方案 …). */
  actions?: ReactNode;
  /** Shown when there is no scheme yet. */
  empty: ReactNode;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  // Arrow keys walk the list, as in the roster tree.
  const onListKey = (e: KeyboardEvent) => {
    if (!items || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const at = items.findIndex((s) => s.id === selectedId);
    const next = items[Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      onSelect(next.id);
      listRef.current?.querySelector<HTMLElement>(`[data-id="${next.id}"]`)?.focus();
    }
  };
  return (
    <section className="panel" aria-label={`${label}列表`}>
      <div className="panel-head">
        <h2>{title}</h2>
        {actions}
      </div>
      <div className="panel-body">
        {items === undefined ? null : items.length === 0 ? (
          <div style={{ padding: 16 }}>{empty}</div>
        ) : (
          <ul className="scheme-list" role="listbox" aria-label={label} ref={listRef} onKeyDown={onListKey}>
            {items.map((s) => (
              <li
                key={s.id}
                role="option"
                data-id={s.id}
                aria-selected={s.id === selectedId}
                tabIndex={s.id === selectedId || (selectedId === null && s === items[0]) ? 0 : -1}
                onClick={() => onSelect(s.id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(s.id))}
              >
                <div className="scheme-name" title={s.name}>
                  {s.name}
                </div>
                <div className="scheme-meta">{s.meta}</div>
                {s.note !== undefined ? (
                  <div className="scheme-roles muted" title={s.note}>
                    {s.note}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/**
 * One action at a time: `busy` while it runs (the buttons wait), `onStart` first (the editors clear the problems the
 * last action listed).
 */
export function useBusyRun(onStart: () => void): { busy: boolean; run: (action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      onStart();
      try {
        await action();
      } finally {
        setBusy(false);
      }
    },
    [onStart],
  );
  return { busy, run };
}

/** The name itself when no scheme has it, else the first of "name（副本）", "name（副本2）" … that none has. */
export function freeCopyName(name: string, taken: readonly string[]): string {
  const base = `${name}（副本）`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${name}（副本${n}）`)) return `${name}（副本${n}）`;
}

/** What a failed save says, as issues to show at their fields (one without a field when the call named none). */
export function issuesOf(e: unknown): FieldIssue[] {
  if (e instanceof ApiError && e.issues.length > 0) return e.issues;
  return [{ field: '', message: errorMessage(e) }];
}
