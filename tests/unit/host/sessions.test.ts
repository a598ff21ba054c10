/** The web host with accounts: the session header it answers a login with, and calls refused without one. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src/main/core/app';
import { createHostServer, SESSION_HEADER, TOKEN_HEADER } from '../../../src/main/host/server';

const TOKEN = 'test-token-sessions-0123';
let dir: string;
let core: Core;
let server: ReturnType<typeof createHostServer>;
let port: number;

function rpc(name: string, body: unknown, session?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN };
  if (session !== undefined) headers[SESSION_HEADER] = session;
  return new Promise<{ status: number; session: unknown; body: { ok: boolean; data?: unknown; error?: { code: string; message: string } } }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/rpc/${name}`, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, session: res.headers[SESSION_HEADER], body: JSON.parse(text) as never }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-host-sessions-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>网格考评</title>');
  core = await openCore({ dataDir: join(dir, 'data'), appVersion: 'test' });
  server = createHostServer({ core, token: TOKEN, rendererDir, actor: { name: '管理员', role: 'admin' } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

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
    const r = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/rpc/system.info', method: 'POST', headers: { [SESSION_HEADER]: login.session as string } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(r).toBe(401);
  });
});
