/** A web host on a free port over a fresh data folder and a stand-in renderer, for the host's tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../../src/main/core/app';
import { CoreRuntime } from '../../../src/main/core/runtime';
import { createHostServer } from '../../../src/main/host/server';

export interface RawResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

export interface TestHost {
  dir: string;
  core: Core;
  fetchRaw: (path: string, options?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<RawResponse>;
  close: () => void;
}

export async function startTestHost(token: string, actorName: string): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'grid-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>网格考评</title>');
  const guideDir = join(dir, 'guide');
  mkdirSync(join(guideDir, 'img'), { recursive: true });
  writeFileSync(join(guideDir, 'index.html'), '<!doctype html><title>网格考评使用说明</title>');
  writeFileSync(join(guideDir, 'img', 'shot.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  const runtime = await CoreRuntime.start({ dataDir: join(dir, 'data'), appVersion: 'test' });
  const core = runtime.core!;
  const server = createHostServer({ runtime, token, rendererDir, guideDir, actor: { name: actorName, role: 'admin' } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    dir,
    core,
    fetchRaw: (path, options = {}) =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end(options.body);
      }),
    close: () => {
      server.close();
      runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
