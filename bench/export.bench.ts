/**
 * export-200k: a grid view of 200,000 rows × 8 columns (the 积分台账 of a district's years) to Excel through the
 * dispatcher (io.exportGrid: the input checked, widths fitted, print set-up, streamed to a file, returned) vs exceljs's
 * streaming writer writing the same rows to a file bare. Beside the time: the memory each takes above what the
 * process held before (peak RSS, sampled), and the slowest answer to another call made while the export runs (the
 * export gives way every 500 rows).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const ROWS = 200_000;
let dir: string;
let core: Core;

const columns = [
  { header: '日期', width: 12, type: 'date' as const },
  { header: '姓名', width: 10, type: 'text' as const },
  { header: '身份证号', width: 24, type: 'text' as const },
  { header: '所属单位', width: 30, type: 'text' as const },
  { header: '规则', width: 20, type: 'text' as const },
  { header: '数量', width: 8, type: 'number' as const },
  { header: '积分', width: 8, type: 'number' as const },
  { header: '说明', width: 30, type: 'text' as const },
];
const rows = Array.from({ length: ROWS }, (_, i) => [
  `20${16 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`,
  `员工${i % 5000}`,
  `4403061990${String(i % 100000).padStart(7, '0')}X`,
  `第${(i % 12) + 1}社区 / 第0${(i % 9) + 1}网格`,
  ['巡查上报', '入户走访', '矛盾调解', '宣传发动'][i % 4]!,
  1 + (i % 3),
  (1 + (i % 3)) * 2,
  i % 7 === 0 ? '街道督查记录' : '',
]);

/** Runs `work` while sampling the process's memory; the most it rose above where it started, in MB. */
async function peakAbove(work: () => Promise<unknown>): Promise<number> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return Math.round((peak - start) / 1e6);
}

async function bareWrite(): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'bare.xlsx'), useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('导出');
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.addRow(columns.map((c) => c.header)).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

async function viaApp(): Promise<void> {
  const r = await dispatch(core, actor, 'io.exportGrid', { title: '积分台账（基准）', subtitle: '20万行', columns, rows, jobId: 'bench-export-200k' });
  if (!r.ok) throw new Error(r.error.message);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-export-'));
  core = await openCore({ dataDir: join(dir, 'data'), appVersion: 'bench' });
});

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('export-200k: 200,000 rows to Excel through the dispatcher vs exceljs streaming the same rows bare; its memory; other calls meanwhile', async () => {
  const figure = await measure({
    id: 'export-200k',
    what: 'io.exportGrid of 200,000 rows × 8 columns (checked, fitted, print set-up, streamed, returned) vs exceljs streaming the same rows to a file',
    subject: viaApp,
    baseline: bareWrite,
    runs: 3,
    warmup: 1,
  });
  expect(figure.ratio).toBeGreaterThan(0);

  // memory above the start, the bare writer's and the app's (each after a collection where the runtime allows)
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const bareMb = await peakAbove(bareWrite);
  gc?.();
  let slowest = 0;
  let answered = 0;
  const appMb = await peakAbove(async () => {
    const exporting = viaApp();
    let done = false;
    void exporting.finally(() => (done = true));
    while (!done) {
      const start = performance.now();
      const r = await dispatch(core, actor, 'io.exportProgress', { jobId: 'bench-export-200k' });
      if (r.ok) answered++;
      slowest = Math.max(slowest, performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await exporting;
  });
  console.log(`export-200k: peak memory above start ${appMb} MB (bare exceljs ${bareMb} MB); ${answered} other calls answered meanwhile, the slowest in ${Math.round(slowest)} ms`);
  expect(answered).toBeGreaterThan(3);
});
