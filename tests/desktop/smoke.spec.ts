/**
 * The desktop smoke test: the real Electron app (the packaged one after `npm run dist`, as the release workflow runs
 * it; else `npm start`'s window over out/) started by Playwright's Electron launcher on a fresh data folder. The window
 * is titled 网格考评; a score is saved and read back through the preload's bridge (IPC); a report is printed to PDF
 * through the print-to-pdf channel and its pages counted. Where no Electron binary can run it is skipped, saying why
 * in one line (tests/desktop/desktop-app.ts decides).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { isBuildFresh } from '../../scripts/build-state.mjs';
import { asAppEnv } from '../../scripts/electron-binary.mjs';
import type { GridAppraisalBridge } from '../../src/preload/api';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { findDesktopApp, packagedExecutable, ROOT, type DesktopApp } from './desktop-app';

const cleanups: (() => void)[] = [];
test.afterAll(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  return dir;
}

/**
 * Playwright's Electron launcher talks to the main process through --inspect, which the shipped app refuses (its
 * EnableNodeCliInspectArguments fuse is off). So the packaged app is checked to carry its fuses, then started from a
 * copy with that one fuse on: the same app.asar, native modules and other fuses.
 */
async function launchable(app: Exclude<DesktopApp, { kind: 'none' }>): Promise<{ executablePath?: string; args: string[] }> {
  if (app.kind === 'development') {
    if (!isBuildFresh(ROOT, fs)) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
    }
    return { args: ['.'] };
  }
  const shipped = await getCurrentFuseWire(app.executable);
  expect(shipped[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  expect(shipped[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
  expect(shipped[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
  expect(shipped[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  expect(shipped[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
  const copy = tempFolder('grid-desktop-app-');
  cpSync(app.appDir, copy, { recursive: true });
  const executable = packagedExecutable(copy);
  await flipFuses(executable, { version: FuseVersion.V1, [FuseV1Options.EnableNodeCliInspectArguments]: true });
  return { executablePath: executable, args: [] };
}

type Bridge = GridAppraisalBridge;
declare const window: { gridAppraisal?: Bridge; location: { hash: string } };

/** One call through the preload's bridge, as the page makes it; fails the test on an application error. */
async function call<T>(page: Page, name: string, input: unknown = {}): Promise<T> {
  const result = await page.evaluate(([n, i]) => window.gridAppraisal!.call(n as string, i), [name, input] as const);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.data as T;
}

/** Last month (YYYY-MM): a month that may be opened, whatever the day. */
function lastMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Pages of a PDF as Chromium writes it: its page tree's count, checked against the page objects. */
function pdfPages(bytes: Buffer): number {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  const pageObjects = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  expect(counts.length).toBeGreaterThan(0);
  expect(Math.max(...counts)).toBe(pageObjects);
  return pageObjects;
}

test('桌面程序：全新数据文件夹启动，窗口标题为网格考评，经 IPC 保存并读回分数，打印报表为 PDF', async () => {
  test.setTimeout(300_000);
  const app = await findDesktopApp();
  if (app.kind === 'none') {
    console.log(`跳过桌面冒烟测试：${app.reason}`);
    test.skip(true, app.reason);
    return;
  }

  const dataDir = tempFolder('grid-desktop-data-');
  const { executablePath, args } = await launchable(app);
  const electronApp: ElectronApplication = await electron.launch({
    executablePath,
    args: [...args, `--data-dir=${dataDir}`],
    cwd: ROOT,
    env: asAppEnv(process.env) as Record<string, string>,
    timeout: 120_000,
  });
  cleanups.push(() => void electronApp.close().catch(() => undefined));
  const page = await electronApp.firstWindow();

  // the window, on the fresh data folder
  // the page names the area it shows first (首页 - 网格考评); the window carries the page's title
  await expect(page).toHaveTitle(/^(\S+ - )?网格考评$/);
  const windowTitle = () => electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle());
  await expect.poll(windowTitle).toBe(await page.title());
  expect(await electronApp.evaluate(({ app: a }) => a.getName())).toBe('网格考评');
  expect(await electronApp.evaluate(({ app: a }) => a.getPath('userData'))).toBe(dataDir);
  await expect.poll(() => readdirSync(dataDir)).toContain('grid-appraisal.db');
  expect(await page.evaluate(() => window.gridAppraisal?.isElectron)).toBe(true);
  // 系统 → 帮助 → 使用说明: the page has the call, and the file the shell opens (src/main/shell/guide.ts) is there
  expect(await page.evaluate(() => typeof window.gridAppraisal?.openGuide)).toBe('function');
  const guideFile = await electronApp.evaluate(({ app: a }) =>
    a.isPackaged ? `${process.resourcesPath}/guide/index.html` : `${a.getAppPath()}/resources/guide/index.html`,
  );
  expect(readFileSync(guideFile, 'utf8')).toContain('<title>网格考评使用说明</title>');

  // a score saved and read back through the bridge
  const street = await call<{ id: number }>(page, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const community = await call<{ id: number }>(page, 'org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
  const grid = await call<{ id: number }>(page, 'org.create', { parentId: community.id, kind: 'grid_basic', name: '第01网格', code: 'C1G1' });
  const first17 = '44030619900515001';
  const person = await call<{ id: number }>(page, 'people.create', {
    name: '张三',
    gender: '男',
    idNumber: first17 + idCheckChar(first17),
    hireDate: '2024-01-01',
    roles: ['网格员'],
    unitId: grid.id,
  });
  const evaluator = await call<{ id: number }>(page, 'assessments.createEvaluator', { name: '考核人甲', group: '' });
  const blank = await call<{ schemeId: number; name: string; description: string; fullScore: number; groups: unknown; bands: unknown }>(page, 'schemes.create', { name: '冒烟测试方案', template: '' });
  await call(page, 'schemes.saveDraft', {
    schemeId: blank.schemeId,
    name: blank.name,
    description: blank.description,
    roles: ['网格员'],
    fullScore: 10000,
    aggregation: 'mean',
    groups: blank.groups,
    bands: blank.bands,
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 4000 },
    ],
  });
  const scheme = await call<{ schemeId: number; criteria: { id: number }[] }>(page, 'schemes.publish', { schemeId: blank.schemeId });
  const month = await call<{ id: number }>(page, 'assessments.open', { schemeId: scheme.schemeId, period: lastMonth() });
  const [first, second] = scheme.criteria.map((c) => c.id) as [number, number];
  const saved = await call<{ saved: number }>(page, 'assessments.saveScores', {
    monthId: month.id,
    evaluatorId: evaluator.id,
    cells: [
      { personId: person.id, criterionId: first, value: 5550 },
      { personId: person.id, criterionId: second, value: 3800 },
    ],
  });
  expect(saved.saved).toBe(2);
  const sheet = await call<{ rows: { personId: number; values: Record<number, number>; total: number; complete: boolean }[] }>(page, 'assessments.sheet', {
    monthId: month.id,
    unitId: null,
    evaluatorId: evaluator.id,
  });
  const row = sheet.rows.find((r) => r.personId === person.id)!;
  expect(row.values[first]).toBe(5550);
  expect(row.values[second]).toBe(3800);
  expect(row.total).toBe(9350);
  expect(row.complete).toBe(true);

  // a report printed to PDF through the print-to-pdf channel; the save dialog answered in the main process
  const pdfPath = join(dataDir, '月度考核汇总表.pdf');
  await electronApp.evaluate(({ dialog }, target) => {
    dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath: target })) as typeof dialog.showSaveDialog;
  }, pdfPath);
  await page.evaluate((id) => (window.location.hash = `#/print/month-summary?monthId=${id}`), month.id);
  await expect(page.locator('.print-sheet[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.print-sheet')).toContainText('张　三'); // two-character names are spaced out
  await expect(page.locator('.print-sheet')).toContainText('93.5'); // the total saved above
  const printed = await page.evaluate(() => window.gridAppraisal!.printToPdf({ fileName: '月度考核汇总表.pdf' }));
  expect(printed).toEqual({ saved: true, path: pdfPath });
  expect(existsSync(pdfPath)).toBe(true);
  expect(pdfPages(readFileSync(pdfPath))).toBeGreaterThanOrEqual(1);

  await electronApp.close();
});
