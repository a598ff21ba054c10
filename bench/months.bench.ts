/**
 * months-10y: the months list (assessments.months, behind 月度考核 打分) on ten years of a street (ten-years.ts: 120
 * months of 1,000 workers, 2.4M scores; 119 finalised, the last open), through the dispatcher, vs the raw SQL it
 * needs: the months with their scheme and version, and the open month's members and sheets counted. Goal: ≤ 2×.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';
import { buildStreetYears, TEN_YEARS } from './ten-years';

const actor = { name: '基准', role: 'admin' } as const;
let dir: string;
let core: Core;
let schemeId = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-months-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  ({ schemeId } = buildStreetYears(core.db));
}, 600_000);

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('months-10y: the months list of ten years (120 months, 2.4M scores), vs the raw reads of the months and the open month’s counts', async () => {
  const db = core.db;
  const months = db.prepare(
    `SELECT m.id, m.scheme_id, m.version_id, m.period, m.status, m.finalised_at, s.name, v.version, m.counts
     FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id JOIN scheme_versions v ON v.id = m.version_id
     WHERE m.scheme_id = ? ORDER BY m.period DESC, m.id`,
  );
  const openMonth = db.prepare("SELECT id, version_id FROM assessment_months WHERE scheme_id = ? AND status = 'open'");
  const counts = db.prepare(
    `SELECT count(*) AS members, sum(exempt_reason != '') AS exempt,
            sum(exempt_reason = '' AND person_id IN (
              SELECT person_id FROM (
                SELECT s.person_id, count(*) AS n FROM scores s JOIN criteria c ON c.id = s.criterion_id AND c.kind = 'score'
                WHERE s.month_id = @id GROUP BY s.person_id, s.evaluator_id)
              WHERE n = (SELECT count(*) FROM criteria WHERE version_id = @version AND kind = 'score'))) AS scored
     FROM month_members WHERE month_id = @id`,
  );
  const scorers = db.prepare('SELECT DISTINCT evaluator_id FROM scores WHERE month_id = ? ORDER BY evaluator_id');
  let listed = 0;
  const figure = await measure({
    id: 'months-10y',
    what: 'assessments.months of one scheme over ten years (120 months of 1,000 workers, 2.4M scores; one month open), vs the raw SELECT of the months and the open month’s counting query',
    subject: async () => {
      const r = await dispatch(core, actor, 'assessments.months', { schemeId });
      if (!r.ok) throw new Error(r.error.message);
      listed = (r.data as unknown[]).length;
    },
    baseline: () => {
      months.all(schemeId);
      for (const m of openMonth.all(schemeId) as { id: number; version_id: number }[]) {
        counts.get({ id: m.id, version: m.version_id });
        scorers.all(m.id);
      }
    },
    runs: 11,
  });
  expect(listed).toBe(TEN_YEARS.months);
  expect(figure.ratio).toBeGreaterThan(0);
});
