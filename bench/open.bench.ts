/**
 * open-10y: starting on ten years of a street (ten-years.ts: 120 months, 2.4M scores, a file of several hundred MB)
 * until the first screen's figures are answered — the store opened (no migration due; a file this size has its
 * quick check run after the first screen, in the background), analysis.home through the dispatcher — vs opening the
 * file bare and reading the rows 首页 needs (the same reads as home-10y in analysis.bench.ts).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATA_FILE_NAME, openCore } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { CoreRuntime } from '../src/main/core/runtime';
import { measure } from './harness';
import { buildStreetYears, HOME_READS_10Y, readAll } from './ten-years';

const actor = { name: '基准', role: 'admin' } as const;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-open-'));
  const core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  buildStreetYears(core.db);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  file = join(dir, DATA_FILE_NAME);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('open-10y: the app started on ten years of a street until 首页 is answered, vs opening the file bare and reading its rows', async () => {
  const megabytes = Math.round(statSync(file).size / 1e6);
  const figure = await measure({
    id: 'open-10y',
    what: `start on ten years of a street (${megabytes} MB: open, migrations none, quick check after the first screen) until analysis.home answers, vs a bare open and the rows 首页 reads`,
    subject: async () => {
      const runtime = await CoreRuntime.start({ dataDir: dir, appVersion: 'bench' });
      try {
        const r = await dispatch(runtime.core!, actor, 'analysis.home', {});
        if (!r.ok) throw new Error(r.error.message);
      } finally {
        runtime.close();
      }
    },
    baseline: () => {
      const db = new Database(file, { readonly: true });
      try {
        readAll(db, HOME_READS_10Y);
      } finally {
        db.close();
      }
    },
    runs: 5,
    warmup: 1,
  });
  expect(figure.ratio).toBeGreaterThan(0);

  // the host's memory on this file: what the process holds once started and 首页 answered, above what it held before
  const before = process.memoryUsage().rss;
  const runtime = await CoreRuntime.start({ dataDir: dir, appVersion: 'bench' });
  try {
    expect((await dispatch(runtime.core!, actor, 'analysis.home', {})).ok).toBe(true);
    const { rss, heapUsed } = process.memoryUsage();
    console.log(`open-10y: the host holds ${Math.round((rss - before) / 1e6)} MB more once started and 首页 answered (resident ${Math.round(rss / 1e6)} MB, JS heap ${Math.round(heapUsed / 1e6)} MB)`);
  } finally {
    runtime.close();
  }
});
