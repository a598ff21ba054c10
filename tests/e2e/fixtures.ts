/**
 * Each test gets its own local web host on a free port with a fresh data folder, started from the built app
 * exactly as `npm run serve` starts it, and a page opened at the URL (with its token) the host prints.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract';
import { DATA_FILE_NAME, startHostProcess } from '../support/host-process';

export interface Host {
  url: string;
  dataDir: string;
  /** The page opened at the host's URL, on the given area. */
  open: (area: string) => Promise<Page>;
}

async function startHost(demo: boolean): Promise<{ url: string; dataDir: string; proc: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grid-e2e-'));
  // The demo street made once by global-setup; a run of a single spec without it generates its own.
  const template = process.env.GRID_E2E_DEMO_DIR;
  if (demo && template) copyFileSync(join(template, DATA_FILE_NAME), join(dataDir, DATA_FILE_NAME));
  const { url, proc } = await startHostProcess(dataDir, demo && !template ? ['--demo'] : []);
  return { url, dataDir, proc };
}

function hostFixture(demo: boolean) {
  return async ({ page }: { page: Page }, use: (h: Host) => Promise<void>) => {
    const { url, dataDir, proc } = await startHost(demo);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // AG Grid names a module it needs but that is not registered (or an option it does not know) in the console
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && m.text().includes('AG Grid')) errors.push(m.text());
    });
    await use({
      url,
      dataDir,
      open: async (area) => {
        await page.goto(`${url}#/${area}`);
        await expect(page.getByLabel('状态栏')).toContainText('数据文件');
        return page;
      },
    });
    proc.kill();
    rmSync(dataDir, { recursive: true, force: true });
    expect(errors, 'no uncaught errors in the page, no AG Grid errors or warnings').toEqual([]);
  };
}

export const test = base.extend<{ host: Host; demoHost: Host }>({
  host: hostFixture(false),
  demoHost: hostFixture(true),
});

export { expect };

/**
 * A call to the host as the page makes it (POST /rpc/:name with the token of the host's URL), through the same
 * dispatcher: for reading what a report should show, and for setting up data a test needs exactly.
 */
export async function rpc<N extends CallName>(page: Page, host: Host, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const u = new URL(host.url);
  const r = await page.request.post(`${u.origin}/rpc/${name}`, { data: input, headers: { 'x-grid-token': u.searchParams.get('token')! } });
  const body = (await r.json()) as { ok: boolean; data: CallOutput<N>; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return body.data;
}

/**
 * Holds back the page's answers to one call by `ms` (a slow office PC, a large street) until the returned function
 * is called; what the page shows meanwhile can then be checked.
 */
export async function slowCall(page: Page, name: CallName, ms = 1_500): Promise<() => Promise<void>> {
  const pattern = `**/rpc/${name}`;
  await page.route(pattern, async (route) => {
    await new Promise((done) => setTimeout(done, ms));
    await route.continue();
  });
  return () => page.unroute(pattern);
}
