/**
 * Logging in safely: the password policy (domain/password.ts) at every place a password is set, the absolute
 * lifetime of a session, the lockout per client (a second browser tab or window still logs in) and the throttle per
 * account against a guess spread over many clients (accounts/lockout.ts).
 */
import { describe, expect, it } from 'vitest';
import type { SessionControl } from '../../src/main/core/context';
import { ADDRESS_CLIENT_PREFIX, LoginGuard, THROTTLE_AFTER, THROTTLE_MAX_MS, webClientId, windowClientId } from '../../src/main/core/accounts/lockout';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS, SessionStore } from '../../src/main/core/accounts/sessions';
import { callWithSession } from '../../src/main/core/call';
import type { Actor } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/rpc';
import { accountInput } from '../../src/shared/contract/accounts';
import { COMMON_PASSWORD_COUNT, passwordProblem } from '../../src/shared/domain/password';
import type { AppErrorPayload } from '../../src/shared/errors';
import { FIXED_NOW, openTestCore } from './helpers';

const BUILT_IN: Actor = { name: '管理员', role: 'admin' };
const PASSWORD = 'mima-1234';

describe('password policy (shared/domain/password.ts)', () => {
  it.each([
    ['1234567', '密码至少8位'],
    ['12345678', '密码过于简单：是连续的数字或字母'],
    ['87654321', '密码过于简单：是连续的数字或字母'],
    ['abcdefgh', '密码过于简单：是连续的数字或字母'],
    ['9876543210', '密码过于简单：是连续的数字或字母'],
    ['abcd1234', '密码过于简单：是连续的数字或字母'],
    ['a1234567', '密码过于简单：是连续的数字或字母'],
    ['123456789', '密码过于简单：是连续的数字或字母'],
    ['abc12345', '密码过于简单：是连续的数字或字母'],
    ['aaaaaaaa', '密码过于简单：是重复的字符'],
    ['88888888', '密码过于简单：是重复的字符'],
    ['11111111', '密码过于简单：是重复的字符'],
    ['12121212', '密码过于简单：是重复的字符'],
    ['abcabcab', '密码过于简单：是重复的字符'],
    ['11112222', '密码过于简单：是重复或连续的数字或字母'],
    ['qq123456', '密码过于简单：是重复或连续的数字或字母'],
    ['qwertyui', '密码过于简单：是键盘上相邻的按键'],
    ['asdfghjk', '密码过于简单：是键盘上相邻的按键'],
    ['zxcvbnm123', '密码过于简单：是键盘上相邻的按键'],
    ['woaini1314', '密码过于简单：是最常见的密码之一，很容易被猜中'],
    ['WoAiNi1314', '密码过于简单：是最常见的密码之一，很容易被猜中'],
    ['password', '密码过于简单：是最常见的密码之一，很容易被猜中'],
    ['admin123', '密码过于简单：是最常见的密码之一，很容易被猜中'],
    ['iloveyou', '密码过于简单：是最常见的密码之一，很容易被猜中'],
    ['1qaz2wsx', '密码过于简单：是最常见的密码之一，很容易被猜中'],
    ['P@ssw0rd', '密码过于简单：是最常见的密码之一，很容易被猜中'],
  ])('refuses %s: %s', (password, message) => {
    expect(passwordProblem(password)).toBe(message);
  });

  it('refuses the login name and a password containing it; accepts passwords that are none of these', () => {
    expect(passwordProblem('zhaokaohe', 'ZhaoKaohe')).toBe('密码不能与用户名相同');
    expect(passwordProblem('ehoakoahz', 'zhaokaohe')).toBe('密码不能与用户名相同');
    expect(passwordProblem('admin-pass-1', 'admin')).toBe('密码不能包含用户名');
    expect(passwordProblem('x-mima-2024', 'x')).toBeNull(); // a one-letter name is in most passwords
    for (const ok of ['mima-1234', 'kaohe-pass-1', 'correct horse', 'Tr0ub4dor&3', '网格考评2026年', 'zhangsan2024']) {
      expect(passwordProblem(ok, 'admin')).toBeNull();
    }
    expect(passwordProblem('x'.repeat(129))).toBe('密码不能超过128位');
  });

  it('the built-in list holds a few hundred common passwords, Chinese favourites among them', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(300);
    for (const p of ['woaini520', 'qq5201314', 'aa123456', 'a123456789', 'zhang123', 'iloveyou1314', '5201314520']) {
      expect(passwordProblem(p)).toMatch(/^密码过于简单/);
    }
  });

  it('the contract says it at the password field, in one message, and the login name too', () => {
    const issues = (input: unknown) => {
      const r = accountInput.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    };
    const base = { displayName: '赵考核', role: 'secretary' };
    expect(issues({ ...base, loginName: 'zhao', password: '12345678' })).toEqual([{ field: 'password', message: '密码过于简单：是连续的数字或字母' }]);
    expect(issues({ ...base, loginName: 'zhao', password: '1234567' })).toEqual([{ field: 'password', message: '密码至少8位' }]);
    expect(issues({ ...base, loginName: 'zhaokh', password: 'zhaokh-2026' })).toEqual([{ field: 'password', message: '密码不能包含用户名' }]);
    expect(issues({ ...base, loginName: 'zhao', password: PASSWORD })).toEqual([]);
  });

  it('accounts.create and accounts.resetPassword refuse a weak password through the dispatcher, naming the field', async () => {
    const t = await openTestCore();
    const refuse = async (name: string, input: unknown) => (await t.callError(name, input)) as AppErrorPayload;
    const first = await refuse('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: 'admin-pass-1' });
    expect(first).toEqual({ code: 'VALIDATION', message: '密码不能包含用户名', issues: [{ field: 'password', message: '密码不能包含用户名' }] });
    expect(t.core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
    const admin = await t.call('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: PASSWORD });
    for (const [password, message] of [
      ['12345678', '密码过于简单：是连续的数字或字母'],
      ['woaini1314', '密码过于简单：是最常见的密码之一，很容易被猜中'],
      ['admin2026!', '密码不能包含用户名'],
    ] as const) {
      expect(await refuse('accounts.resetPassword', { id: admin.id, password })).toMatchObject({ code: 'VALIDATION', message, issues: [{ field: 'password', message }] });
    }
    const hash = t.core.db.prepare('SELECT password_hash FROM accounts').pluck().get();
    await t.call('accounts.resetPassword', { id: admin.id, password: 'wang-zhuren-7' });
    expect(t.core.db.prepare('SELECT password_hash FROM accounts').pluck().get()).not.toBe(hash);
  });
});

describe('a session’s absolute lifetime', () => {
  it('the store ends a session 24 hours after its login however busy, and an idle one after 8 hours', () => {
    let now = FIXED_NOW.getTime();
    const store = new SessionStore(() => new Date(now));
    expect(SESSION_MAX_AGE_MS).toBe(24 * 3600_000);
    const busy = store.create(7);
    for (let h = 7; h < 24; h += 7) {
      now = FIXED_NOW.getTime() + h * 3600_000;
      expect(store.touch(busy)).toBe(7); // touched every 7 hours: never idle
    }
    now = FIXED_NOW.getTime() + SESSION_MAX_AGE_MS - 1;
    expect(store.touch(busy)).toBe(7);
    now = FIXED_NOW.getTime() + SESSION_MAX_AGE_MS;
    expect(store.touch(busy)).toBeNull();
    expect(store.touch(busy)).toBeNull();
    // a new login starts a new lifetime
    const fresh = store.create(7);
    now += SESSION_IDLE_MS;
    expect(store.touch(fresh)).toBe(7);
    const short = new SessionStore(() => new Date(now), SESSION_IDLE_MS, 1000);
    const s = short.create(1);
    now += 1000;
    expect(short.touch(s)).toBeNull();
  });

  it('through the dispatcher: the next call after 24 hours gets LOGIN_REQUIRED, and a new login works', async () => {
    let now = FIXED_NOW;
    const t = await openTestCore({ now: () => now });
    const send = (sessionId: string | null, name: string, input: unknown) => callWithSession(t.core, BUILT_IN, sessionId, name, input);
    const created = await send(null, 'accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: PASSWORD });
    let session = created.sessionId!;
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 7 * 3600_000);
      const r = await send(session, 'system.info', {});
      expect(r.result.ok).toBe(true);
      expect(r.sessionId).toBe(session);
    }
    now = new Date(FIXED_NOW.getTime() + SESSION_MAX_AGE_MS);
    const late = await send(session, 'system.info', {});
    expect(late.result).toEqual({ ok: false, error: { code: 'LOGIN_REQUIRED', message: '请先登录' } });
    expect(late.sessionId).toBeNull();
    const again = await send(null, 'accounts.login', { loginName: 'admin', password: PASSWORD });
    session = again.sessionId!;
    expect((await send(session, 'system.info', {})).result.ok).toBe(true);
  });
});

/** A core with one 管理员 and a clock the test moves; logins made as the transports make them, from a named client. */
async function lockoutCore() {
  let now = FIXED_NOW;
  const t = await openTestCore({ now: () => now });
  const admin = await t.call('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: PASSWORD });
  const wen = await t.call('accounts.create', { loginName: 'wen', displayName: '钱文书', role: 'secretary', password: PASSWORD });
  const login = async (clientId: string, password: string, loginName = 'admin') => {
    let started: number | null = null;
    const control: SessionControl = { start: (id) => (started = id), end: () => undefined, clientId };
    const result = await dispatch(t.core, null, 'accounts.login', { loginName, password }, control);
    return { result, started: started as number | null };
  };
  const fails = async (clientId: string, password: string, loginName = 'admin'): Promise<AppErrorPayload> => {
    const { result } = await login(clientId, password, loginName);
    if (result.ok) throw new Error('expected the login to be refused');
    return result.error;
  };
  return { t, admin, wen, login, fails, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('lockout per client', () => {
  it('five wrong passwords lock out only the client they came from: another tab or window still logs in', async () => {
    const s = await lockoutCore();
    const fingerprint = () => s.t.core.db.prepare('SELECT total_changes()').pluck().get();
    const before = fingerprint();
    for (let i = 0; i < 4; i++) expect((await s.fails('web:tab-a', `wrong-${i}`)).code).toBe('VALIDATION');
    expect(await s.fails('web:tab-a', 'wrong-4')).toEqual({ code: 'FORBIDDEN', message: '密码连续输错5次，本窗口已锁定5分钟，请稍后再试（其他窗口不受影响）' });
    expect(fingerprint()).toBe(before); // a refused login writes nothing
    // the locked client is refused even the right password …
    expect(await s.fails('web:tab-a', PASSWORD)).toEqual({ code: 'FORBIDDEN', message: '密码连续输错5次，本窗口已锁定，请5分钟后再试（其他窗口不受影响）' });
    // … while another tab and an Electron window log in at once
    expect((await s.login('web:tab-b', PASSWORD)).started).toBe(s.admin.id);
    expect((await s.login(windowClientId(3), PASSWORD)).started).toBe(s.admin.id);
    // 账号管理 shows the lock; the client is let in after five minutes
    const listed = await s.t.call('accounts.list', {});
    expect(listed.find((a) => a.id === s.admin.id)!.lockedUntil).toBe('2026-11-23T02:05:00.000Z');
    expect(listed.find((a) => a.id === s.wen.id)!.lockedUntil).toBeNull();
    s.advance(5 * 60_000);
    expect((await s.login('web:tab-a', PASSWORD)).started).toBe(s.admin.id);
    expect((await s.t.call('accounts.list', {})).find((a) => a.id === s.admin.id)!.lockedUntil).toBeNull();
  });

  it('a lock is per account: the same client still logs in to another account; a reset password lifts it', async () => {
    const s = await lockoutCore();
    for (let i = 0; i < 5; i++) await s.fails('web:tab-a', `nope-${i}`, 'wen');
    expect((await s.fails('web:tab-a', PASSWORD, 'wen')).message).toMatch(/本窗口已锁定/);
    expect((await s.login('web:tab-a', PASSWORD, 'admin')).started).toBe(s.admin.id);
    await s.t.call('accounts.resetPassword', { id: s.wen.id, password: 'qian-shuji-9' });
    expect((await s.login('web:tab-a', 'qian-shuji-9', 'wen')).started).toBe(s.wen.id);
  });

  it('the client id of a web caller is its tab’s own id, else its address; of a window its webContents id', () => {
    expect(webClientId('3f9c-tab', '127.0.0.1')).toBe('web:3f9c-tab');
    expect(webClientId(undefined, '127.0.0.1')).toBe(`${ADDRESS_CLIENT_PREFIX}127.0.0.1`);
    expect(webClientId('', '::1')).toBe(`${ADDRESS_CLIENT_PREFIX}::1`);
    expect(webClientId('x'.repeat(200), '127.0.0.1')).toBe(`${ADDRESS_CLIENT_PREFIX}127.0.0.1`);
    expect(webClientId('含中文', '127.0.0.1')).toBe(`${ADDRESS_CLIENT_PREFIX}127.0.0.1`);
    expect(windowClientId(12)).toBe('window:12');
  });
});

describe('throttle per account', () => {
  it(`after ${THROTTLE_AFTER} failures across clients a further try waits; a correct login is let in within seconds`, async () => {
    const s = await lockoutCore();
    // a guess spread over many clients, one try each: no client is ever locked (all but the last recorded straight
    // into the guard, each real try costing a scrypt)
    for (let i = 0; i < THROTTLE_AFTER - 2; i++) s.t.core.sessions.logins.failed(s.admin.id, `web:guess-${i}`);
    for (let i = THROTTLE_AFTER - 2; i < THROTTLE_AFTER; i++) expect((await s.fails(`web:guess-${i}`, `guess-${i}`)).code).toBe('VALIDATION');
    // now even the right password from a new client waits a second (unchecked, so it does not move the wait)
    expect(await s.fails('web:new-tab', PASSWORD)).toEqual({ code: 'FORBIDDEN', message: '该账号近期密码输错次数过多，请1秒后再试' });
    expect(await s.fails('web:guess-x', 'guess-x')).toEqual({ code: 'FORBIDDEN', message: '该账号近期密码输错次数过多，请1秒后再试' });
    s.advance(1000);
    expect((await s.login('web:new-tab', PASSWORD)).started).toBe(s.admin.id);
    // other accounts are not throttled
    expect((await s.login('web:guess-0', PASSWORD, 'wen')).started).toBe(s.wen.id);
  });

  it(`the wait grows from 1 s and never passes ${THROTTLE_MAX_MS / 1000} s; a known client skips it; the failures age out`, () => {
    let now = FIXED_NOW.getTime();
    const guard = new LoginGuard(() => new Date(now));
    guard.succeeded(1, 'web:own-tab');
    for (let i = 0; i < THROTTLE_AFTER; i++) expect(guard.failed(1, `web:guess-${i}`)).toBeNull();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refusal = guard.check(1, 'web:new-tab');
      waits.push(refusal?.kind === 'throttled' ? refusal.waitMs : 0);
      // a throttled try changes nothing: the wait runs from the last checked failure
      expect(guard.check(1, 'web:new-tab')).toEqual(refusal);
      now += waits.at(-1)!;
      expect(guard.check(1, 'web:new-tab')).toBeNull();
      guard.failed(1, `web:more-${i}`);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000, 5000, 5000, 5000]);
    expect(guard.check(1, 'web:own-tab')).toBeNull();
    now += 15 * 60_000;
    expect(guard.check(1, 'web:new-tab')).toBeNull();
  });

  it('a caller known only by its address is never trusted to skip the throttle', () => {
    let now = FIXED_NOW.getTime();
    const guard = new LoginGuard(() => new Date(now));
    guard.succeeded(1, `${ADDRESS_CLIENT_PREFIX}127.0.0.1`);
    guard.succeeded(1, 'web:own-tab');
    for (let i = 0; i < THROTTLE_AFTER; i++) guard.failed(1, `web:guess-${i}`);
    expect(guard.check(1, `${ADDRESS_CLIENT_PREFIX}127.0.0.1`)).toEqual({ kind: 'throttled', waitMs: 1000 });
    expect(guard.check(1, 'web:own-tab')).toBeNull();
    now += 1000;
    expect(guard.check(1, `${ADDRESS_CLIENT_PREFIX}127.0.0.1`)).toBeNull();
  });

  it('keeps bounded state whatever ids a caller makes up', () => {
    let now = FIXED_NOW.getTime();
    const guard = new LoginGuard(() => new Date(now));
    for (let i = 0; i < 5000; i++) {
      guard.failed(1, `web:${i}`);
      now += 1;
    }
    const state = (guard as unknown as { accounts: Map<number, { clients: Map<string, unknown>; failures: number[] }> }).accounts.get(1)!;
    expect(state.clients.size).toBeLessThanOrEqual(1000);
    expect(state.failures.length).toBeLessThanOrEqual(THROTTLE_AFTER + 32);
  });
});
