/** 登录: user name and password; Enter submits. Shown when login is on and nobody is logged in. */
import { useCallback, useEffect, useState } from 'react';
import type { SessionState } from '../../../../shared/contract/accounts';
import { call } from '../../api/client';
import { useFormSubmit } from '../../components/useFormSubmit';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (state: SessionState) => void }) {
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    const before = document.title;
    document.title = '登录 - 网格考评';
    return () => {
      document.title = before;
    };
  }, []);
  const login = useCallback(async () => {
    const state = await call('accounts.login', { loginName, password });
    onLoggedIn(state);
  }, [loginName, password, onLoggedIn]);
  const { busy, error, submit } = useFormSubmit(login);
  return (
    <div className="login-page">
      <form
        className="login-card"
        aria-label="登录"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit().then(() => setPassword(''));
        }}
      >
        <div className="login-title">网格考评</div>
        <div className="login-subtitle">请使用您的账号登录</div>
        {error ? (
          <div className="form-error" role="alert">
            {error}
          </div>
        ) : null}
        <label className="login-field">
          用户名
          <input type="text" value={loginName} onChange={(e) => setLoginName(e.target.value)} autoFocus autoComplete="username" maxLength={32} />
        </label>
        <label className="login-field">
          密码
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" maxLength={128} />
        </label>
        <button type="submit" className="btn primary login-button" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <div className="login-hint">忘记密码请联系管理员在“系统 → 账号管理”中重设。</div>
      </form>
    </div>
  );
}
