/**
 * period-results: a year's result for 1,000 workers (12 finalised months of 20 criteria × 3 evaluators, year-end
 * ballots from 3 raters, points), computed through the dispatcher (periods.view of an open year: every rule, ranks
 * in grid, community, role and street, the derivation of each number), vs the raw SQL reads of the same rows (the
 * members, their sealed months, terms, ballots, points, decisions; nothing computed). Goal: ≤ 2×. The same for a
 * district's 5,000 workers (period-results-district).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { DEFAULT_PERIOD_RULES } from '../src/shared/domain/periods';
import { DEFAULT_BANDS } from '../src/shared/domain/scoring';
import { measure } from './harness';
import { buildStreetYears, type StreetShape } from './ten-years';

const YEAR: StreetShape = { workers: 1000, communities: 12, gridsPer: 10, criteria: 20, evaluators: 3, months: 13, lastPeriod: '2026-01' };
/** The same year for a whole district's workers (5,000 in 60 communities: 3.9M score rows). */
const DISTRICT_YEAR: StreetShape = { ...YEAR, workers: 5000, communities: 60 };
const actor = { name: '基准', role: 'admin' } as const;

interface YearUnderTest {
  dir: string;
  core: Core;
  periodId: number;
  schemeId: number;
}
const years: YearUnderTest[] = [];

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const r = await dispatch(core, actor, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.data as T;
}

/** The months sealed by direct SQL, then the year scheme, its period and three raters' ballots through the app. */
async function setUp(shape: StreetShape): Promise<YearUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'grid-bench-periods-'));
  const core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-01-20T02:00:00Z') });
  const { schemeId } = buildStreetYears(core.db, shape);
  const scheme = await call<{ schemeId: number }>(core, 'periods.createScheme', { name: '年度考核', kind: 'year' });
  await call(core, 'periods.saveDraft', { schemeId: scheme.schemeId, name: '年度考核', roles: ['网格员'], monthSchemeId: schemeId, rules: { ...DEFAULT_PERIOD_RULES, bands: DEFAULT_BANDS } });
  await call(core, 'periods.publish', { schemeId: scheme.schemeId });
  const periodId = (await call<{ id: number }>(core, 'periods.open', { schemeId: scheme.schemeId, period: '2025' })).id;
  const people = core.db.prepare('SELECT person_id FROM period_members WHERE period_id = ?').pluck().all(periodId) as number[];
  const ballots = ['优秀', '称职', '称职', '基本称职'] as const;
  for (let e = 0; e < 3; e++) {
    const evaluatorId = (await call<{ id: number }>(core, 'assessments.createEvaluator', { name: `年终测评人${e + 1}`, group: '' })).id;
    await call(core, 'periods.saveBallots', { periodId, evaluatorId, cells: people.map((personId, i) => ({ personId, ballot: ballots[(i * 7 + e) % 4] })) });
  }
  const year = { dir, core, periodId, schemeId };
  years.push(year);
  return year;
}

afterAll(() => {
  for (const { core, dir } of years) {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const CASES = [
  { id: 'period-results', shape: YEAR, who: '1,000 workers' },
  { id: 'period-results-district', shape: DISTRICT_YEAR, who: 'a district’s 5,000 workers' },
];

for (const c of CASES) {
  it(`${c.id}: a year for ${c.who} through the dispatcher vs the raw reads of its rows`, async () => {
    const { core, periodId, schemeId } = await setUp(c.shape);
    const statements: [string, ...unknown[]][] = [
      ['SELECT pm.person_id, pm.unit_id, pm.role, pe.name FROM period_members pm JOIN people pe ON pe.id = pm.person_id WHERE pm.period_id = ?', periodId],
      [
        `SELECT mm.person_id, m.period, r.total, r.grade, r.veto, mm.exempt_reason FROM month_members mm JOIN assessment_months m ON m.id = mm.month_id
           LEFT JOIN month_results r ON r.month_id = mm.month_id AND r.person_id = mm.person_id
          WHERE m.scheme_id = ? AND m.status = 'finalised' AND m.period BETWEEN '2025-01' AND '2025-12'`,
        schemeId,
      ],
      ["SELECT person_id, valid_from, valid_to FROM person_terms WHERE status = '在岗' AND valid_from <= '2025-12-31' AND (valid_to IS NULL OR valid_to > '2025-01-01')"],
      ['SELECT person_id, ballot FROM appraisal_ballots WHERE period_id = ?', periodId],
      ["SELECT person_id, sum(points) FROM point_entries WHERE date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY person_id"],
      ['SELECT person_id, keep FROM period_tie_decisions WHERE period_id = ?', periodId],
      ['SELECT id, parent_id, kind, name FROM org_units'],
    ];
    const prepared = statements.map(([sql, ...args]) => [core.db.prepare(sql).raw(), args] as const);
    let rows = 0;
    let graded = 0;
    const figure = await measure({
      id: c.id,
      what: `periods.view of a year, ${c.who} (12 months × 20 criteria × 3 evaluators sealed, 3 raters’ ballots, points; rules, ranks, derivations), vs the raw reads of its rows`,
      subject: async () => {
        const view = await call<{ rows: { total: number | null }[] }>(core, 'periods.view', { periodId });
        rows = view.rows.length;
        graded = view.rows.filter((r) => r.total !== null).length;
      },
      baseline: () => {
        let n = 0;
        for (const [statement, args] of prepared) for (const _row of statement.iterate(...args)) n++;
        return n;
      },
      runs: 11,
    });
    expect(rows).toBe(c.shape.workers);
    expect(graded).toBe(c.shape.workers);
    expect(figure.ratio).toBeGreaterThan(0);
  });
}
