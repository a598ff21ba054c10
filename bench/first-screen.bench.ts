/**
 * first-screen: 首页 ready in Chromium from a cold load (a new browser context: no cache, no session storage) on the
 * demo street, vs a bare React page built by Vite in this run that makes the same call and shows the same figures.
 * Both are served the same way: by the built host (run `npx electron-vite build` first), each in a process of its own
 * as `npm run serve` runs it, on copies of the same data file — so neither page's files and calls wait on the event
 * loop that drives Chromium. Goal: ≤ 1.5×.
 */
import { chromium, type Browser } from '@playwright/test';
import react from '@vitejs/plugin-react';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import type { SystemInfo } from '../src/shared/contract/system';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DATA_FILE_NAME, HOST_SCRIPT, startHostProcess } from '../tests/support/host-process';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const REPO = join(__dirname, '..');

let dir: string;
let browser: Browser;
const hosts: ChildProcess[] = [];
let inPost = '';

/**
 * The bare page's host: the built host's own files beside the bare page, as out/main sits beside out/renderer (the
 * host serves `../renderer` from its script), with the repository's packages linked in.
 */
async function bareHostScript(): Promise<string> {
  const root = join(dir, 'bare-host');
  await build({
    root: join(__dirname, 'first-screen'),
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: join(root, 'renderer'), emptyOutDir: true },
  });
  cpSync(join(REPO, 'out', 'main'), join(root, 'main'), { recursive: true });
  // a junction on Windows (no administrator rights needed); the type is ignored elsewhere
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'junction');
  return join(root, 'main', 'host.js');
}

/** The host's checks after its start (the daily backup and its verification) done: the runs are not timed against them. */
async function quiet(url: string): Promise<void> {
  const { origin, searchParams } = new URL(url);
  for (;;) {
    const res = await fetch(`${origin}/rpc/system.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Grid-Token': searchParams.get('token')! }, body: '{}' });
    const info = ((await res.json()) as { data: SystemInfo }).data;
    if (info.health.running.length === 0 && info.lastBackup?.integrity !== 'pending') return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startHost(script: string, dataDir: string): Promise<string> {
  const started = await startHostProcess(dataDir, [], script);
  hosts.push(started.proc);
  await quiet(started.url);
  return started.url;
}

/** From navigation to 首页 showing the number of workers in post, in a fresh context. */
async function coldLoad(url: string): Promise<void> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto(`${url}#/home`, { waitUntil: 'commit' });
    await page.getByTestId('people-in-post').filter({ hasText: inPost }).waitFor({ timeout: 30_000 });
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  if (!existsSync(HOST_SCRIPT)) throw new Error('out/main/host.js is missing: run `npx electron-vite build` first');
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-first-screen-'));
  const core = await openCore({ dataDir: join(dir, 'app'), appVersion: 'bench' });
  try {
    const loaded = await dispatch(core, actor, 'system.loadDemo', {});
    expect(loaded.ok).toBe(true);
    inPost = String(core.db.prepare("SELECT count(*) FROM person_terms WHERE valid_to IS NULL AND status = '在岗'").pluck().get());
  } finally {
    core.close();
  }
  mkdirSync(join(dir, 'bare'));
  copyFileSync(join(dir, 'app', DATA_FILE_NAME), join(dir, 'bare', DATA_FILE_NAME));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  for (const h of hosts) h.kill();
  rmSync(dir, { recursive: true, force: true });
});

it('first-screen: 首页 from a cold load vs a bare React page with the same call and figures', async () => {
  const app = await startHost(HOST_SCRIPT, join(dir, 'app'));
  const bare = await startHost(await bareHostScript(), join(dir, 'bare'));
  const figure = await measure({
    id: 'first-screen',
    what: '首页 on the demo street, cold (new context), until the workers in post are shown, vs a bare Vite + React page making the same call; each served by the built host in its own process',
    // a cold load's navigation alone swings 30–400 ms here (Chromium starting a new context's processes): more runs
    runs: 15,
    warmup: 2,
    subject: () => coldLoad(app),
    baseline: () => coldLoad(bare),
  });
  expect(figure.ratio).toBeGreaterThan(0);
});
