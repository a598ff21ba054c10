/**
 * district-import: one street's year package (1,000 workers: 12 finalised months, the year's results, the criteria
 * and evaluator counts) imported into the district's PostgreSQL — read, checked against the format, its signature
 * verified against the registered key, refused-or-replaced checks, and its rows written by COPY in one transaction —
 * vs a bare COPY of the same rows into the same tables (under a package row written as is; nothing read or checked).
 * Runs on a private cluster (scripts/postgres.mjs). Goal: ≤ 3×.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster } from '../scripts/postgres.mjs';
import { openCore, type Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { copyRows, type CopyValue } from '../src/main/district/copy';
import { migrateDistrict } from '../src/main/district/migrate';
import { importPackage, inTransaction, readPackageFile, registerStreet } from '../src/main/district/store';
import { DEFAULT_PERIOD_RULES } from '../src/shared/domain/periods';
import { DEFAULT_BANDS } from '../src/shared/domain/scoring';
import { measure } from './harness';
import { buildStreetYears, type StreetShape } from './ten-years';

const YEAR: StreetShape = { workers: 1000, communities: 12, gridsPer: 10, criteria: 20, evaluators: 3, months: 13, lastPeriod: '2026-01' };
const actor = { name: '基准', role: 'admin' } as const;
/** The bare COPY's package id, apart from the imports'. */
const BARE = 1_000_000;
const TABLES = ['package_people', 'package_months', 'package_results', 'package_criteria', 'package_evaluators', 'package_stars', 'package_awards'];
let dir: string;
let core: Core;
let cluster: Awaited<ReturnType<typeof startCluster>>;
let pool: Pool;
let text = '';

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch(core, actor, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.data as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-district-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-01-20T02:00:00Z') });
  const { schemeId } = buildStreetYears(core.db, YEAR);
  const scheme = await call<{ schemeId: number }>('periods.createScheme', { name: '年度考核', kind: 'year' });
  await call('periods.saveDraft', { schemeId: scheme.schemeId, name: '年度考核', roles: ['网格员'], monthSchemeId: schemeId, rules: { ...DEFAULT_PERIOD_RULES, appraisalSchemeId: null, weights: { months: 100, appraisal: 0, points: 0 }, bands: DEFAULT_BANDS } });
  await call('periods.publish', { schemeId: scheme.schemeId });
  const periodId = (await call<{ id: number }>('periods.open', { schemeId: scheme.schemeId, period: '2025' })).id;
  const view = await call<{ ties: number[] }>('periods.view', { periodId, unitId: null });
  for (const personId of view.ties) await call('periods.decideTie', { periodId, personId, keep: false, reason: '基准' });
  await call('periods.finalise', { periodId });
  const file = await call<{ base64: string }>('district.exportPackage', { periodId });
  text = Buffer.from(file.base64, 'base64').toString('utf8');
  cluster = await startCluster();
  pool = new Pool({ connectionString: cluster.url, max: 2 });
  await migrateDistrict(pool);
  const identity = await call<{ publicKeyPem: string }>('district.identity', {});
  await registerStreet(pool, '基准', { name: '基准街道', publicKeyPem: identity.publicKeyPem });
}, 600_000);

afterAll(async () => {
  await pool?.end();
  cluster?.stop();
  core?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('district-import: a street year package imported vs a bare COPY of its rows', async () => {
  const { body } = readPackageFile(text);
  const rows: Record<string, CopyValue[][]> = {
    package_people: body.people.map((p) => [BARE, p.ref, p.name, p.idNumber, p.community]),
    package_months: body.months.flatMap((m) => m.rows.map((r) => [BARE, m.period, r.person, r.community, r.role, r.exempt, r.total, r.grade, r.veto, r.rankInUnit])),
    package_results: body.results.map((r) => [BARE, r.person, r.community, r.total, r.grade, r.status, r.rankInStreet, r.rankInCommunity]),
    package_criteria: body.criteria.map((c) => [BARE, c.category, c.criterion, c.community, c.share, c.sheets]),
    package_evaluators: body.evaluators.map((e) => [BARE, e.name, e.group, e.workers, e.mean, e.shared, e.leniency, e.lenient, e.harsh, e.flat]),
    package_stars: body.stars.map((s) => [BARE, s.period, s.person, s.stars]),
    package_awards: body.awards.flatMap((a) => a.people.map((p) => [BARE, a.batch, a.level, a.date, p])),
  };
  const columns: Record<string, string[]> = {
    package_people: ['package_id', 'ref', 'name', 'id_masked', 'community'],
    package_months: ['package_id', 'month', 'person_ref', 'community', 'role', 'exempt', 'total', 'grade', 'veto', 'rank_in_unit'],
    package_results: ['package_id', 'person_ref', 'community', 'total', 'grade', 'status', 'rank_in_street', 'rank_in_community'],
    package_criteria: ['package_id', 'category', 'criterion', 'community', 'share', 'sheets'],
    package_evaluators: ['package_id', 'name', 'grp', 'workers', 'mean', 'shared', 'leniency', 'lenient', 'harsh', 'flat'],
    package_stars: ['package_id', 'period', 'person_ref', 'stars'],
    package_awards: ['package_id', 'batch', 'level', 'date', 'person_ref'],
  };
  let imported = 0;
  const figure = await measure({
    id: 'district-import',
    what: `上报包 of a street's year (${body.people.length} people, ${body.months.length} months, ${rows.package_months!.length} worker-months) imported: parsed, checked, signature verified, COPY in one transaction; vs a bare COPY of the same rows`,
    subject: async () => {
      imported = (await importPackage(pool, '基准', text)).people;
    },
    baseline: () =>
      inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO packages (id, street_id, period, period_label, exported_at, imported_at, imported_by, digest, signature, format_version, is_current, people, months)
           OVERRIDING SYSTEM VALUE SELECT $1, id, '2025', '', now(), now(), '', 'bare', '', 1, false, 0, 0 FROM streets`,
          [BARE],
        );
        for (const t of TABLES) await copyRows(client, t, columns[t]!, rows[t]!);
      }),
    // untimed: the district forgets the packages (the imported and the bare) so the next run imports afresh
    settle: async () => {
      await inTransaction(pool, async (client) => {
        for (const t of TABLES) await client.query(`DELETE FROM ${t}`);
        await client.query('DELETE FROM packages');
      });
    },
    runs: 9,
    warmup: 2,
  });
  expect(imported).toBe(YEAR.workers);
  expect(rows.package_months!.length).toBeGreaterThanOrEqual(12 * YEAR.workers);
  expect(figure.ratio).toBeGreaterThan(0);
});
