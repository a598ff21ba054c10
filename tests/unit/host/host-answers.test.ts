/**
 * The web host's answers to what a browser should never send: a broken %-escape in the address gets 400 in Chinese
 * with nothing logged, a method it does not take 405 in Chinese; and the caller's own client id (x-grid-client) keeps a
 * lockout to the tab it came from.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_HEADER, SESSION_HEADER, TOKEN_HEADER } from '../../../src/main/host/server';
import { startTestHost, type TestHost } from './test-host';

const TOKEN = 'test-token-answers-0123';
const HAS_CHINESE = /[\u4e00-\u9fa5]/;
let host: TestHost;

beforeAll(async () => {
  host = await startTestHost(TOKEN, '管理员');
});

afterAll(() => host.close());

describe('local web host: malformed requests', () => {
  it('a broken %-escape in the address is 400 in Chinese, with no stack trace logged', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const path of ['/%E0%A4%A', '/assets/%', '/%zz.js', '/a%E0%A4%A/b']) {
        const r = await host.fetchRaw(path);
        expect(r.status).toBe(400);
        expect(r.body).toBe('请求的地址有误：含有无效的百分号编码');
        expect(String(r.headers['content-type'])).toContain('charset=utf-8');
      }
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('a method the host does not take is 405 in Chinese, saying which it takes', async () => {
    const put = await host.fetchRaw('/rpc/system.info', { method: 'PUT', headers: { [TOKEN_HEADER]: TOKEN }, body: '{}' });
    expect(put.status).toBe(405);
    expect(put.body).toBe('不支持此请求方式（PUT），此地址只接受 POST');
    expect(put.headers.allow).toBe('POST');
    const del = await host.fetchRaw('/', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.body).toBe('不支持此请求方式（DELETE），此地址只接受 GET, HEAD');
    expect(del.headers.allow).toBe('GET, HEAD');
    for (const method of ['PATCH', 'OPTIONS']) {
      const r = await host.fetchRaw('/index.html', { method });
      expect(r.status).toBe(405);
      expect(r.body).toMatch(HAS_CHINESE);
    }
  });
});

describe('local web host: the lockout keeps to the tab (x-grid-client)', () => {
  it('five wrong passwords from one tab lock out that tab only; another tab logs in', async () => {
    const rpc = async (name: string, body: unknown, headers: Record<string, string>) => {
      const r = await host.fetchRaw(`/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN, ...headers }, body: JSON.stringify(body) });
      return { session: r.headers[SESSION_HEADER], body: JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string } } };
    };
    const created = await rpc('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: 'mima-1234' }, {});
    expect(created.body.ok).toBe(true);
    for (let i = 0; i < 5; i++) await rpc('accounts.login', { loginName: 'admin', password: `wrong-${i}` }, { [CLIENT_HEADER]: 'tab-a' });
    const locked = await rpc('accounts.login', { loginName: 'admin', password: 'mima-1234' }, { [CLIENT_HEADER]: 'tab-a' });
    expect(locked.body.error?.message).toMatch(/本窗口已锁定/);
    const other = await rpc('accounts.login', { loginName: 'admin', password: 'mima-1234' }, { [CLIENT_HEADER]: 'tab-b' });
    expect(other.body.ok).toBe(true);
  });
});
