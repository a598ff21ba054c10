import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src/main/core/app';
import { createHostServer, TOKEN_HEADER } from '../../../src/main/host/server';

const TOKEN = 'test-token-0123456789';
let dir: string;
let core: Core;
let server: ReturnType<typeof createHostServer>;
let port: number;

function fetchRaw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpc = (name: string, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: TOKEN }) =>
  fetchRaw(`/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>网格考评</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  core = await openCore({ dataDir: join(dir, 'data'), appVersion: 'test' });
  server = createHostServer({ core, token: TOKEN, rendererDir, actor: { name: '测试', role: 'admin' } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

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
