/**
 * home and analysis: every query behind 首页, and each 分析 view, on the demo street (about 1,000 workers, two years of
 * months) and on ten years of a district (ten-years.ts: 5,000 workers, 120 months, 12M scores), through the dispatcher, vs the raw SQL
 * reads each needs (the same rows fetched, nothing computed). Goal: ≤ 2× each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';
import { buildStreetYears, DISTRICT_TEN_YEARS, HOME_READS_10Y, monthResults, monthScores, readAll as readRows, type RawReads } from './ten-years';

const actor = { name: '基准', role: 'admin' } as const;
let dir: string;
let core: Core;
let tenDir: string;
let tenCore: Core;
let tenScheme = 0;
let tenMonth = 0;
let schemeId = 0;
let monthId = 0;
let from = '';
let to = '';

async function call(name: string, input: unknown, on: Core = core): Promise<unknown> {
  const r = await dispatch(on, actor, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.data;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-analysis-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench' });
  await call('system.loadDemo', {});
  schemeId = core.db.prepare("SELECT id FROM schemes WHERE name = '网格员月度考核'").pluck().get() as number;
  const months = core.db.prepare("SELECT id, period FROM assessment_months WHERE scheme_id = ? AND status = 'finalised' ORDER BY period").all(schemeId) as { id: number; period: string }[];
  monthId = months.at(-1)!.id;
  to = months.at(-1)!.period;
  from = months.at(-12)!.period;
  tenDir = mkdtempSync(join(tmpdir(), 'grid-bench-ten-years-'));
  tenCore = await openCore({ dataDir: tenDir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  ({ schemeId: tenScheme, lastFinalisedMonthId: tenMonth } = buildStreetYears(tenCore.db, DISTRICT_TEN_YEARS));
}, 1_200_000);

afterAll(() => {
  core.close();
  tenCore.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(tenDir, { recursive: true, force: true });
});

/** Reads every row of these statements (the raw cost of the data a view needs). */
const readAll = (statements: RawReads, on: Core = core): number => readRows(on.db, statements);

const CASES: { id: string; what: string; name: string; input: () => unknown; raw: () => [string, ...unknown[]][] }[] = [
  {
    id: 'home',
    what: 'analysis.home on the demo street (this month’s progress, 待办, 需要关注, 24-month trend, stars, points top 10) vs reading the rows it needs',
    name: 'analysis.home',
    input: () => ({}),
    raw: () => [
      [monthScores("m.period = (SELECT max(period) FROM assessment_months)")],
      [monthResults("m.status = 'finalised' AND m.period >= ?"), '2024-12'],
      ['SELECT person_id, date, points FROM point_entries WHERE date >= ?', '2026-01-01'],
      ["SELECT stars, unit_id FROM star_ratings WHERE run_id = (SELECT id FROM star_runs WHERE status = 'published' ORDER BY period_end DESC LIMIT 1)"],
    ],
  },
  {
    id: 'analysis-compare',
    what: 'analysis.compare, 12 months of a scheme (distributions and ranks per community) vs reading its month results',
    name: 'analysis.compare',
    input: () => ({ schemeId, from, to }),
    raw: () => [[monthResults('m.scheme_id = ? AND m.period BETWEEN ? AND ?'), schemeId, from, to]],
  },
  {
    id: 'analysis-criteria',
    what: 'analysis.criteria, 12 months (criterion × community heat map from every sheet) vs reading the scores',
    name: 'analysis.criteria',
    input: () => ({ schemeId, from, to }),
    raw: () => [[monthScores('m.scheme_id = ? AND m.period BETWEEN ? AND ?'), schemeId, from, to]],
  },
  {
    id: 'analysis-evaluators',
    what: 'analysis.evaluators, 12 months (leniency, flat scoring, ceiling) vs reading the scores',
    name: 'analysis.evaluators',
    input: () => ({ schemeId, from, to }),
    raw: () => [[monthScores('m.scheme_id = ? AND m.period BETWEEN ? AND ?'), schemeId, from, to]],
  },
  {
    id: 'analysis-whatif',
    what: 'analysis.whatIf of a finalised month under trimmed mean vs reading its scores and results',
    name: 'analysis.whatIf',
    input: () => ({ monthId, aggregation: 'trimmed_mean' }),
    raw: () => [
      [monthScores('m.id = ?'), monthId],
      [monthResults('m.id = ?'), monthId],
    ],
  },
];

for (const c of CASES) {
  it(`${c.id}: ${c.what}`, async () => {
    const figure = await measure({ id: c.id, what: c.what, subject: () => call(c.name, c.input()), baseline: () => readAll(c.raw()), runs: 9, warmup: 2 });
    expect(figure.ratio).toBeGreaterThan(0);
  });
}

/** The same views on ten years of a district (5,000 workers): what grows with the years and the streets must not grow the views. */
const TEN: typeof CASES = [
  { ...CASES[0]!, id: 'home-10y', what: 'analysis.home on ten years of a district (5,000 workers, 120 months, 12M scores) vs reading the rows it needs', raw: () => HOME_READS_10Y },
  { ...CASES[1]!, id: 'analysis-compare-10y', what: 'analysis.compare on the district, the last 12 of 120 months (the last one open), vs reading their month results and the open month’s scores', input: () => ({ schemeId: tenScheme, from: '2025-12', to: DISTRICT_TEN_YEARS.lastPeriod }), raw: () => [
    [monthResults('m.scheme_id = ? AND m.period BETWEEN ? AND ?'), tenScheme, '2025-12', DISTRICT_TEN_YEARS.lastPeriod],
    // the open month is computed from its scores
    [monthScores("m.scheme_id = ? AND m.period BETWEEN ? AND ? AND m.status = 'open'"), tenScheme, '2025-12', DISTRICT_TEN_YEARS.lastPeriod],
  ] },
  { ...CASES[2]!, id: 'analysis-criteria-10y', what: 'analysis.criteria on the district, the last 12 of 120 months, vs reading their scores', input: () => ({ schemeId: tenScheme, from: '2025-12', to: DISTRICT_TEN_YEARS.lastPeriod }), raw: () => [[monthScores('m.scheme_id = ? AND m.period BETWEEN ? AND ?'), tenScheme, '2025-12', DISTRICT_TEN_YEARS.lastPeriod]] },
  { ...CASES[3]!, id: 'analysis-evaluators-10y', what: 'analysis.evaluators on the district, the last 12 of 120 months, vs reading their scores', input: () => ({ schemeId: tenScheme, from: '2025-12', to: DISTRICT_TEN_YEARS.lastPeriod }), raw: () => [[monthScores('m.scheme_id = ? AND m.period BETWEEN ? AND ?'), tenScheme, '2025-12', DISTRICT_TEN_YEARS.lastPeriod]] },
  { ...CASES[4]!, id: 'analysis-whatif-10y', what: 'analysis.whatIf on the district, the last finalised of 120 months, vs reading its scores and results', input: () => ({ monthId: tenMonth, aggregation: 'trimmed_mean' }), raw: () => [[monthScores('m.id = ?'), tenMonth], [monthResults('m.id = ?'), tenMonth]] },
];

for (const c of TEN) {
  it(`${c.id}: ${c.what}`, async () => {
    const figure = await measure({ id: c.id, what: c.what, subject: () => call(c.name, c.input(), tenCore), baseline: () => readAll(c.raw(), tenCore), runs: 7, warmup: 1 });
    expect(figure.ratio).toBeGreaterThan(0);
  });
}
