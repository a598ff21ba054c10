/** The web host with accounts: the session header it answers a login with, and calls refused without one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_HEADER, TOKEN_HEADER } from '../../../src/main/host/server';
import { startTestHost, type TestHost } from './test-host';

const TOKEN = 'test-token-sessions-0123';
let host: TestHost;

async function rpc(name: string, body: unknown, session?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN };
  if (session !== undefined) headers[SESSION_HEADER] = session;
  const r = await host.fetchRaw(`/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: r.status, session: r.headers[SESSION_HEADER], body: JSON.parse(r.body) as { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
}

beforeAll(async () => {
  host = await startTestHost(TOKEN, '管理员');
});

afterAll(() => host.close());

describe('local web host with accounts', () => {
  it('login off: calls work without a session; the first 管理员 turns login on and the creator gets a session', async () => {
    const before = await rpc('system.info', {});
    expect(before.body.ok).toBe(true);
    expect(before.session).toBe('');

    const created = await rpc('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: 'mima-1234' });
    expect(created.body.ok).toBe(true);
    const creatorSession = created.session as string;
    expect(creatorSession).toMatch(/^[\w-]{43}$/);
    expect((await rpc('system.info', {}, creatorSession)).body.ok).toBe(true);

    // without a session (or with a made-up one) a call is refused once login is on; the token alone is not enough
    const refused = await rpc('system.info', {});
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({ ok: false, error: { code: 'LOGIN_REQUIRED', message: '请先登录' } });
    expect((await rpc('people.list', {}, 'made-up-session')).body.error?.code).toBe('LOGIN_REQUIRED');

    // logging in answers with a session in the header (never in the body), and with it calls work
    const login = await rpc('accounts.login', { loginName: 'admin', password: 'mima-1234' });
    expect(login.body.ok).toBe(true);
    const session = login.session as string;
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(login.body)).not.toContain(session);
    const info = await rpc('system.info', {}, session);
    expect(info.body.ok).toBe(true);
    expect(info.session).toBe(session);

    const out = await rpc('accounts.logout', {}, session);
    expect(out.session).toBe('');
    expect((await rpc('system.info', {}, session)).body.error?.code).toBe('LOGIN_REQUIRED');
  });

  it('still refuses a call with a session but without the token', async () => {
    const login = await rpc('accounts.login', { loginName: 'admin', password: 'mima-1234' });
    const r = await host.fetchRaw('/rpc/system.info', { method: 'POST', headers: { [SESSION_HEADER]: login.session as string }, body: '{}' });
    expect(r.status).toBe(401);
  });
});
