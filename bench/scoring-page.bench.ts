/**
 * scoring-page: the scoring sheet of the demo street's open month, every unit (about a thousand workers), ready in
 * Chromium — from navigation until the sheet's rows are drawn — from the built renderer (run `npx electron-vite build`
 * first), vs a bare AG Grid page built by Vite in this run that makes the same call and draws the same rows and
 * columns. Both are served by the same host code on the same data, each page load in a warm browser context (the
 * files cached, as on an office PC after the first start). Goal: ≤ 1.3×.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../src/main/core/app';
import type { SheetView } from '../src/shared/contract/assessments';
import { dispatch } from '../src/main/core/rpc';
import { CoreRuntime } from '../src/main/core/runtime';
import { createHostServer } from '../src/main/host/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/host-process';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const APP_DIR = join(__dirname, '..', 'out', 'renderer');
const TOKEN = 'scoring-page-bench-token';

let dir: string;
let runtime: CoreRuntime;
let core: Core;
let browser: Browser;
let context: BrowserContext;
const servers: Server[] = [];

async function serve(rendererDir: string): Promise<string> {
  const server = createHostServer({ runtime, token: TOKEN, rendererDir, actor });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A page load until the last worker's row of the sheet's first screen is drawn with its name. */
async function load(url: string, firstName: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page
      .getByRole('region', { name: '打分表' })
      .locator('[role="row"][row-index="0"] [role="gridcell"][col-id="name"]', { hasText: firstName })
      .waitFor({ timeout: 30_000 });
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  if (!existsSync(join(APP_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-scoring-page-'));
  runtime = await CoreRuntime.start({ dataDir: join(dir, 'data'), appVersion: 'bench' });
  core = runtime.core!;
  const loaded = await dispatch(core, actor, 'system.loadDemo', {});
  expect(loaded.ok).toBe(true);
  await build({
    root: join(__dirname, 'scoring-page'),
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: join(dir, 'bare'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
  runtime?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('scoring-page: the open month’s scoring sheet, every unit, vs a bare AG Grid page with the same call, rows and columns', async () => {
  const month = core.db
    .prepare("SELECT m.id, count(mm.person_id) AS members FROM assessment_months m JOIN month_members mm ON mm.month_id = m.id WHERE m.status = 'open' GROUP BY m.id ORDER BY members DESC LIMIT 1")
    .get() as { id: number; members: number };
  const evaluatorId = core.db.prepare('SELECT evaluator_id FROM scores WHERE month_id = ? LIMIT 1').pluck().get(month.id) as number;
  const reply = await dispatch(core, actor, 'assessments.sheet', { monthId: month.id, unitId: null, evaluatorId });
  if (!reply.ok) throw new Error(reply.error.message);
  const sheet = reply.data as SheetView;
  const firstName = sheet.rows[0]!.name;
  const query = `token=${TOKEN}`;
  const app = `${await serve(APP_DIR)}/?${query}#/assessments?month=${month.id}&unit=all&evaluator=${evaluatorId}`;
  const bare = `${await serve(join(dir, 'bare'))}/?${query}&month=${month.id}&evaluator=${evaluatorId}`;
  const figure = await measure({
    id: 'scoring-page',
    what: `打分表 of the open month, all units (${month.members} workers × ${sheet.criteria.length} criteria), warm page load until drawn, vs a bare AG Grid page with the same call, rows and columns`,
    runs: 9,
    warmup: 2,
    subject: () => load(app, firstName),
    baseline: () => load(bare, firstName),
  });
  expect(figure.ratio).toBeGreaterThan(0);
});
