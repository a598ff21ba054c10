import { createServer as createHttpServer, request } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnFreePort, portTakenNotice } from '../../../src/main/host/listen';
import { startHost, type StartedHost } from '../../../src/main/host/start';
import { tempDir } from '../helpers';

/** Another program holding a port on 127.0.0.1, as something already on 5180 would. */
function occupy(port = 0): Promise<NetServer> {
  const blocker = createNetServer();
  return new Promise((resolve, reject) => {
    blocker.once('error', reject);
    blocker.listen(port, '127.0.0.1', () => resolve(blocker));
  });
}
const portOf = (s: { address(): unknown }) => (s.address() as AddressInfo).port;

const toClose: { close(): void }[] = [];
afterEach(() => {
  for (const c of toClose.splice(0)) c.close();
});

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('listening on the next free port', () => {
  it('takes the asked port when it is free', async () => {
    const probe = await occupy();
    const free = portOf(probe);
    await new Promise<void>((r) => probe.close(() => r()));
    const server = createHttpServer();
    toClose.push(server);
    expect(await listenOnFreePort(server, free, '127.0.0.1')).toBe(free);
  });

  it('takes a later port when the asked one is taken, and says so in Chinese', async () => {
    const blocker = await occupy();
    toClose.push(blocker);
    const taken = portOf(blocker);
    const server = createHttpServer();
    toClose.push(server);
    const got = await listenOnFreePort(server, taken, '127.0.0.1');
    expect(got).not.toBe(taken);
    expect(portOf(server)).toBe(got);
    expect(portTakenNotice(taken, got)).toBe(`端口 ${taken} 已被占用，已改用端口 ${got}。`);
    expect(portTakenNotice(taken, taken)).toBeNull();
    expect(portTakenNotice(0, got)).toBeNull();
  });

  it('asks the system for any free port when every tried port is taken', async () => {
    const blocker = await occupy();
    toClose.push(blocker);
    const server = createHttpServer();
    toClose.push(server);
    const got = await listenOnFreePort(server, portOf(blocker), '127.0.0.1', 1);
    expect(got).not.toBe(portOf(blocker));
    expect(got).toBeGreaterThan(0);
  });

  it('passes on an error other than a taken port', async () => {
    const server = createHttpServer();
    await expect(listenOnFreePort(server, 1, '203.0.113.7')).rejects.toMatchObject({ code: expect.stringMatching(/EADDRNOTAVAIL|EACCES/) });
  });
});

describe('the web host started on a taken port (npm start, npm run serve)', () => {
  it('prints the URL of the port it took instead, and answers there', async () => {
    const blocker = await occupy();
    toClose.push(blocker);
    const taken = portOf(blocker);
    const dir = tempDir();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>网格考评</title>');
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    const host: StartedHost = await startHost(['--port', String(taken), '--data-dir', join(dir, 'data')], { rendererDir, out });
    if (host.url === null) throw new Error('the host did not listen');
    toClose.push(host);

    expect(lines).toContain(`端口 ${taken} 已被占用，已改用端口 ${host.port}。`);
    const printed = lines.find((l) => l.startsWith('网格考评已启动，请在浏览器中打开：'));
    const url = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=[\w-]+/.exec(printed ?? '');
    expect(url, lines.join('\n')).not.toBeNull();
    expect(Number(url![1])).not.toBe(taken);
    expect(Number(url![1])).toBe(host.port);
    const page = await get(url![0]);
    expect(page.status).toBe(200);
    expect(page.body).toContain('网格考评');
  });
});
