/**
 * first-screen: 首页 ready in Chromium from a cold load (a new browser context: no cache, no session storage) on the
 * demo street, from the built renderer (run `npx electron-vite build` first), vs a bare React page built by Vite in
 * this run that makes the same call and shows the same figures. Both are served by the same host code on the same
 * data. Goal: ≤ 1.5×.
 */
import { chromium, type Browser } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { CoreRuntime } from '../src/main/core/runtime';
import { createHostServer } from '../src/main/host/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/host-process';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const APP_DIR = join(__dirname, '..', 'out', 'renderer');
const TOKEN = 'first-screen-bench-token';

let dir: string;
let runtime: CoreRuntime;
let core: Core;
let browser: Browser;
const servers: Server[] = [];

async function serve(rendererDir: string): Promise<string> {
  const server = createHostServer({ runtime, token: TOKEN, rendererDir, actor });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/?token=${TOKEN}`;
}

/** Milliseconds from navigation to 首页 showing the number of workers in post, in a fresh context. */
async function coldLoad(url: string, expected: string): Promise<void> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto(`${url}#/home`, { waitUntil: 'commit' });
    await page.getByTestId('people-in-post').filter({ hasText: expected }).waitFor({ timeout: 30_000 });
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  if (!existsSync(join(APP_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-first-screen-'));
  runtime = await CoreRuntime.start({ dataDir: join(dir, 'data'), appVersion: 'bench' });
  core = runtime.core!;
  const loaded = await dispatch(core, actor, 'system.loadDemo', {});
  expect(loaded.ok).toBe(true);
  await build({
    root: join(__dirname, 'first-screen'),
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: join(dir, 'bare'), emptyOutDir: true },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
  runtime?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('first-screen: 首页 from a cold load vs a bare React page with the same call and figures', async () => {
  const inPost = String(core.db.prepare("SELECT count(*) FROM person_terms WHERE valid_to IS NULL AND status = '在岗'").pluck().get());
  const app = await serve(APP_DIR);
  const bare = await serve(join(dir, 'bare'));
  const figure = await measure({
    id: 'first-screen',
    what: '首页 on the demo street, cold (new context), until the workers in post are shown, vs a bare Vite + React page making the same call',
    runs: 9,
    warmup: 2,
    subject: () => coldLoad(app, inPost),
    baseline: () => coldLoad(bare, inPost),
  });
  expect(figure.ratio).toBeGreaterThan(0);
});
