/** State every page shares: the system info (data file, last backup, counts) and the toasts. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SystemInfo } from '../../shared/contract/system';
import { call, errorMessage } from './api/client';

interface Toast {
  id: number;
  text: string;
  kind: 'ok' | 'error';
}

interface AppState {
  info: SystemInfo | null;
  refreshInfo: () => Promise<void>;
  notify: (text: string, kind?: 'ok' | 'error') => void;
}

const AppStateContext = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notify = useCallback((text: string, kind: 'ok' | 'error' = 'ok') => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list, { id, text, kind }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 3000);
  }, []);
  const refreshInfo = useCallback(async () => {
    try {
      setInfo(await call('system.info', {}));
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  }, [notify]);
  useEffect(() => {
    void refreshInfo();
  }, [refreshInfo]);
  const value = useMemo(() => ({ info, refreshInfo, notify }), [info, refreshInfo, notify]);
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
