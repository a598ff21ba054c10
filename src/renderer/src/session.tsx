/**
 * Who is logged in. While no account exists the app runs as the built-in 管理员 with no login; once login is on and
 * nobody is logged in (or the session ended) the login page shows instead of the app.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Me } from '../../shared/contract/accounts';
import { call, LOGIN_REQUIRED_EVENT } from './api/client';
import { useCall } from './api/useCall';
import { LoginPage } from './features/accounts/LoginPage';

interface SessionValue {
  me: Me;
  loginRequired: boolean;
  /** Reads the session again (after the first account turned login on). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionGate({ children }: { children: ReactNode }) {
  const { data: state, error, refresh, setData: setState } = useCall('accounts.me', {});
  useEffect(() => {
    // a call refused for want of a login: ask again who is logged in (a late answer to a call sent before logging
    // in again must not log the new session out)
    const onLoginRequired = () => void refresh();
    window.addEventListener(LOGIN_REQUIRED_EVENT, onLoginRequired);
    return () => window.removeEventListener(LOGIN_REQUIRED_EVENT, onLoginRequired);
  }, [refresh]);
  const logout = useCallback(async () => {
    setState(await call('accounts.logout', {}));
  }, [setState]);
  const value = useMemo(
    () => (state?.me ? { me: state.me, loginRequired: state.loginRequired, refresh, logout } : null),
    [state, refresh, logout],
  );
  if (error && !state) return <div className="login-page"><div className="login-card" role="alert">{error}</div></div>;
  if (!state) return null;
  if (!value) return <LoginPage onLoggedIn={setState} />;
  // a login starts the pages afresh: they were unmounted while the login page showed
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionGate');
  return value;
}
