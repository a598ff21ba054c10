/**
 * file-10y: the data file of ten years of a district, as the generator writes it through the app's own paths (months
 * with transfers and reopenings, points, stars, awards, and the audit log of all of it), vs the same rows in a minimal
 * schema: the tables and the keys their constraints need, no secondary index. Goal ≤ 1.3×. Both are compacted
 * (VACUUM INTO) so that only the layout is compared; the live file's size and the audit log's share are printed
 * beside. BENCH_DISTRICT_PEOPLE sets the size (default 1,000 workers, about five minutes; 5,000 is the whole district,
 * about twenty).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataPaths, openCore, type Core } from '../src/main/core/app';
import { loadDistrict } from '../src/main/core/demo/district';
import { record } from './harness';

const PEOPLE = Number(process.env.BENCH_DISTRICT_PEOPLE ?? 1000);
let dir: string;
let core: Core;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-file-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-12-01T02:00:00Z') });
  loadDistrict(core, { years: 10, people: PEOPLE });
});

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const mb = (bytes: number) => bytes / 1048576;

it(`file-10y: ten years of a district of ${PEOPLE} workers vs the same rows without secondary indexes`, () => {
  const { dataFile } = dataPaths(dir);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const live = statSync(dataFile).size;
  const compact = join(dir, 'compact.db');
  const minimal = join(dir, 'minimal.db');
  core.db.prepare('VACUUM INTO ?').run(compact);
  core.db.prepare('VACUUM INTO ?').run(minimal);
  const bare = new Database(minimal);
  const secondary = bare.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().all() as string[];
  for (const name of secondary) bare.exec(`DROP INDEX "${name}"`);
  bare.exec('VACUUM');
  bare.close();
  const audit = core.db
    .prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'audit_log' OR name LIKE 'audit_log_%' OR name = 'audit_days'")
    .pluck()
    .get() as number;
  const rows = core.db.prepare('SELECT (SELECT count(*) FROM scores), (SELECT count(*) FROM point_entries), (SELECT count(*) FROM audit_log)').raw().get() as number[];
  const figure = record({
    id: 'file-10y',
    what: `the ten-year file (${PEOPLE} workers; ${rows[0]} scores, ${rows[1]} point entries, ${rows[2]} audit rows), compacted, vs the same rows without secondary indexes (MB)`,
    ms: mb(statSync(compact).size),
    baselineMs: mb(statSync(minimal).size),
    ratio: statSync(compact).size / statSync(minimal).size,
    unit: 'MB',
  });
  console.log(`file-10y: live file ${mb(live).toFixed(0)} MB, compacted ${figure.ms} MB, minimal ${figure.baselineMs} MB (${figure.ratio}×); audit log and its indexes ${mb(audit).toFixed(0)} MB (${Math.round((audit / live) * 100)}% of the live file)`);
  expect(figure.ratio).toBeGreaterThan(1);
});
