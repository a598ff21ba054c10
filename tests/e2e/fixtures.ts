/**
 * Each test gets its own local web host on a free port with a fresh data folder, started from the built app
 * exactly as `npm run serve` starts it, and a page opened at the URL (with its token) the host prints.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess } from '../support/host-process';

export interface Host {
  url: string;
  dataDir: string;
  /** The page opened at the host's URL, on the given area. */
  open: (area: string) => Promise<Page>;
}

async function startHost(demo: boolean): Promise<{ url: string; dataDir: string; proc: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grid-e2e-'));
  const { url, proc } = await startHostProcess(dataDir, demo ? ['--demo'] : []);
  return { url, dataDir, proc };
}

function hostFixture(demo: boolean) {
  return async ({ page }: { page: Page }, use: (h: Host) => Promise<void>) => {
    const { url, dataDir, proc } = await startHost(demo);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
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
    expect(errors, 'no uncaught errors in the page').toEqual([]);
  };
}

export const test = base.extend<{ host: Host; demoHost: Host }>({
  host: hostFixture(false),
  demoHost: hostFixture(true),
});

export { expect };
