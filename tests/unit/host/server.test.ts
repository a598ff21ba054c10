import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../../src/main/host/server';
import { startTestHost, type TestHost } from './test-host';

const TOKEN = 'test-token-0123456789';
let host: TestHost;

const fetchRaw: TestHost['fetchRaw'] = (path, options) => host.fetchRaw(path, options);

const rpc = (name: string, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: TOKEN }) =>
  fetchRaw(`/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  host = await startTestHost(TOKEN, '测试');
  writeFileSync(join(host.dir, 'secret.txt'), 'outside the renderer');
});

afterAll(() => host.close());

describe('local web host', () => {
  it('answers a call that carries the token', async () => {
    const r = await rpc('system.info', {});
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; data: { appVersion: string } };
    expect(body.ok).toBe(true);
    expect(body.data.appVersion).toBe('test');
  });

  it('refuses a call without the token or with a wrong one', async () => {
    const cases: Record<string, string>[] = [{}, { [TOKEN_HEADER]: 'wrong' }, { [TOKEN_HEADER]: `${TOKEN}x` }];
    for (const headers of cases) {
      const r = await rpc('system.info', {}, headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('turns away requests addressed to another host name (DNS rebinding)', async () => {
    const r = await fetchRaw('/', { headers: { host: 'evil.example:80' } });
    expect(r.status).toBe(403);
    const call = await rpc('system.info', {}, { [TOKEN_HEADER]: TOKEN, host: 'evil.example' });
    expect(call.status).toBe(403);
  });

  it('serves the renderer with a strict content security policy', async () => {
    const r = await fetchRaw('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('网格考评');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves 使用说明 under /guide/, its images as PNG, and nothing beside it', async () => {
    for (const path of ['/guide/', '/guide/index.html']) {
      const r = await fetchRaw(path);
      expect(r.status, path).toBe(200);
      expect(r.body).toContain('网格考评使用说明');
      expect(String(r.headers['content-type'])).toBe('text/html; charset=utf-8');
      expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    }
    const png = await fetchRaw('/guide/img/shot.png');
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    for (const path of ['/guide/../secret.txt', '/guide/%2e%2e/secret.txt', '/guide/..%2fsecret.txt', '/guide/%2e%2e/renderer/index.html']) {
      const r = await fetchRaw(path);
      expect(r.body, path).not.toContain('outside the renderer');
      expect(r.body, path).not.toContain('<title>网格考评</title>');
      expect([403, 404], path).toContain(r.status);
    }
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await fetchRaw(path);
      expect(r.body).not.toContain('outside the renderer');
      expect([403, 404]).toContain(r.status);
    }
  });

  it('maps an unknown call and a broken body to Chinese errors', async () => {
    const unknown = await rpc('nothing.here', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const broken = await fetchRaw('/rpc/system.info', { method: 'POST', headers: { [TOKEN_HEADER]: TOKEN }, body: '{oops' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toBe('提交的数据格式有误');
  });
});
