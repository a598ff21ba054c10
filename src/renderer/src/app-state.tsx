/** State every page shares: the system info (data file, last backup, counts) and the toasts. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { SystemInfo } from '../../shared/contract/system';
import { useCall } from './api/useCall';

interface Toast {
  id: number;
  text: string;
  kind: 'ok' | 'error';
}

interface AppState {
  info: SystemInfo | null;
  refreshInfo: () => Promise<void>;
  notify: (text: string, kind?: 'ok' | 'error') => void;
  /** A failed read's message as an error toast (the usual `onError` of useCall). */
  notifyError: (text: string) => void;
}

const AppStateContext = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notify = useCallback((text: string, kind: 'ok' | 'error' = 'ok') => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list, { id, text, kind }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 3000);
  }, []);
  const notifyError = useCallback((text: string) => notify(text, 'error'), [notify]);
  const { data, refresh: refreshInfo } = useCall('system.info', {}, [], { onError: notifyError });
  const info: SystemInfo | null = data ?? null;
  const value = useMemo(() => ({ info, refreshInfo, notify, notifyError }), [info, refreshInfo, notify, notifyError]);
  return (
    <AppStateContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            {t.text}
          </div>
        ))}
      </div>
    </AppStateContext.Provider>
  );
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}
