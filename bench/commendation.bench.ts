/**
 * commendation-pdf: the 表彰名单 print route with 500 names printed by Chromium's page.pdf, from the built host (run
 * `npx electron-vite build` first), vs page.pdf of a bare HTML table of the same 500 names in the same browser, under
 * a bold title, in the fonts GB/T 9704 asks of a 公文 (a 小标宋 title, 仿宋 text: Noto Serif CJK where those are not
 * installed). The fonts are most of page.pdf's work — subsetting a bold and a regular serif CJK face takes about as
 * long again as the default sans alone — so `commendation-pdf-sans` also reports the ratio to the bare table in
 * Chromium's default font, as the figure was first filed.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../src/main/core/app';
import { unitIndex } from '../src/main/core/org/queries';
import { dispatch } from '../src/main/core/rpc';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HOST_SCRIPT, startHostProcess } from '../tests/support/host-process';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const COUNT = 500;

let dir: string;
let host: ChildProcess | undefined;
let browser: Browser | undefined;
let url = '';
let batchId = 0;
let names: string[] = [];

/** Demo data, then a batch of 500 recipients written straight into award_candidates. */
async function seed(): Promise<void> {
  const core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  try {
    const loaded = await dispatch(core, actor, 'system.loadDemo', {});
    expect(loaded.ok).toBe(true);
    const saved = await dispatch(core, actor, 'awards.saveBatch', { name: '基准表彰五百人', level: '街道', issuer: '西乡街道党工委、办事处', date: '2026-11-20' });
    if (!saved.ok) throw new Error(saved.error.message);
    batchId = (saved.data as { id: number }).id;
    const units = unitIndex(core.db);
    const people = core.db
      .prepare("SELECT p.id, p.name, t.unit_id FROM people p JOIN person_terms t ON t.person_id = p.id AND t.valid_to IS NULL ORDER BY p.id LIMIT ?")
      .all(COUNT) as { id: number; name: string; unit_id: number }[];
    expect(people).toHaveLength(COUNT);
    const insert = core.db.prepare(
      "INSERT INTO award_candidates (batch_id, person_id, unit_id, community_id, status, added_manually, add_reason, sort_order) VALUES (?, ?, ?, ?, 'nominated', 1, '基准', ?)",
    );
    core.db.transaction(() => people.forEach((p, i) => insert.run(batchId, p.id, p.unit_id, units.communityOf(p.unit_id)?.id ?? null, i + 1)))();
    names = people.map((p) => p.name);
  } finally {
    core.close();
  }
}

const pdf = (page: Page) => page.pdf({ format: 'A4', preferCSSPageSize: true, displayHeaderFooter: false, printBackground: true });

beforeAll(async () => {
  if (!existsSync(HOST_SCRIPT)) throw new Error('out/main/host.js is missing: run `npx electron-vite build` first');
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-commendation-'));
  await seed();
  const started = await startHostProcess(dir);
  url = started.url;
  host = started.proc;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  host?.kill();
  rmSync(dir, { recursive: true, force: true });
});

it('commendation-pdf: the 表彰名单 route with 500 names to PDF vs a bare HTML table of the same names', async () => {
  const route = await browser!.newPage();
  await route.emulateMedia({ media: 'print' });
  await route.goto(`${url}#/print/commendation?batchId=${batchId}`);
  const ready = async () => {
    await route.locator('.print-sheet[data-ready="true"]').waitFor({ timeout: 30_000 });
    await route.evaluate(() => document.fonts.ready);
  };
  // as a secretary prints it: 报表 is open (untimed, after each run); 预览打印 → 打印 (the app's start is first-screen's figure)
  const backToReports = async () => {
    await route.evaluate(() => (window.location.hash = '#/reports'));
    await route.locator('.print-sheet').waitFor({ state: 'detached' });
    await route.getByText('预览打印').first().waitFor({ state: 'attached' });
  };
  await ready();
  expect(await route.locator('.commendation-names span').count()).toBe(COUNT);
  await backToReports();

  const bare = await browser!.newPage();
  const rows = `<table>${names.map((n, i) => `<tr><td>${i + 1}</td><td>${n}</td></tr>`).join('')}</table>`;
  const table = `<!doctype html><meta charset="utf-8">${rows}`;
  const official = `<!doctype html><meta charset="utf-8"><style>
    body { font-family: '仿宋_GB2312', 'FangSong', '仿宋', 'Noto Serif CJK SC', serif; }
    h1 { font-family: '方正小标宋简体', 'Noto Serif CJK SC', serif; font-weight: 700; }
  </style><h1>关于表彰优秀网格员的决定</h1>${rows}`;

  const printFromReports = async () => {
    await route.evaluate((id) => (window.location.hash = `#/print/commendation?batchId=${id}`), batchId);
    await ready();
    await pdf(route);
  };
  const bareToPdf = (html: string) => async () => {
    await bare.setContent(html);
    await pdf(bare);
  };
  const what = '表彰名单 opened from 报表 (open) in the running app (data call, names sorted by strokes, laid out) with 500 names, page.pdf, vs setContent + page.pdf of a bare 500-row table';
  const runs = { runs: 11, warmup: 1, subject: printFromReports, settle: backToReports };
  const figure = await measure({ id: 'commendation-pdf', what: `${what} with a bold title, in a 公文's fonts`, ...runs, baseline: bareToPdf(official) });
  const sans = await measure({ id: 'commendation-pdf-sans', what: `${what} in Chromium's default font`, ...runs, baseline: bareToPdf(table) });
  expect(figure.ratio).toBeGreaterThan(0);
  expect(sans.ratio).toBeGreaterThan(0);
});
