/**
 * What star ratings read and write: rule sets, the inputs of a period (month results, points, discipline, awards),
 * runs with their ratings, and grid ratings.
 */
import type { Database } from 'better-sqlite3';
import type {
  StarTieView,
  StarRatingRow,
  StarRuleSet,
  StarRunSummary,
  StarRunView,
  DisciplineRecord,
  StarHistoryItem,
  StarRosterRow,
} from '../../../shared/contract/stars';
import {
  gridStars,
  quotaLineText,
  quotaTies,
  quotaTieText,
  starPeriodKindOf,
  starPeriodLabel,
  starPeriodMonths,
  type StarPeriodKind,
  type StarRules,
  type Stars,
} from '../../../shared/domain/stars';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import { unitIndex } from '../org/queries';
import { subtreeIds } from '../org/queries';
import type { CallInputOf } from '../handler-types';

// ---- rule sets ----

interface RuleSetRow {
  id: number;
  name: string;
  period_kind: StarPeriodKind;
  method: StarRules['method'];
  thresholds: string;
  quota: string;
  grid_thresholds: string;
  veto_cap: number;
  criticism_blocks_upgrade: number;
  dynamic: number;
  award_upgrade: number;
  scheme_id: number | null;
  scheme_name: string | null;
  period_scheme_id: number | null;
  period_scheme_name: string | null;
  runs: number;
}

const SELECT_RULE_SETS = `
  SELECT r.*, s.name AS scheme_name, ps.name AS period_scheme_name, (SELECT count(*) FROM star_runs x WHERE x.rule_set_id = r.id) AS runs
  FROM star_rule_sets r LEFT JOIN schemes s ON s.id = r.scheme_id LEFT JOIN period_schemes ps ON ps.id = r.period_scheme_id`;

function toRuleSet(r: RuleSetRow): StarRuleSet {
  return {
    id: r.id,
    name: r.name,
    periodKind: r.period_kind,
    method: r.method,
    thresholds: JSON.parse(r.thresholds) as StarRules['thresholds'],
    quota: JSON.parse(r.quota) as StarRules['quota'],
    gridThresholds: JSON.parse(r.grid_thresholds) as StarRules['gridThresholds'],
    conditions: {
      vetoCap: r.veto_cap === 1,
      criticismBlocksUpgrade: r.criticism_blocks_upgrade === 1,
      dynamic: r.dynamic === 1,
      awardUpgrade: r.award_upgrade === 1,
    },
    schemeId: r.scheme_id,
    schemeName: r.scheme_name,
    periodSchemeId: r.period_scheme_id,
    periodSchemeName: r.period_scheme_name,
    runs: r.runs,
  };
}

export function listRuleSets(db: Database): StarRuleSet[] {
  return (db.prepare(`${SELECT_RULE_SETS} ORDER BY r.id`).all() as RuleSetRow[]).map(toRuleSet);
}

export function getRuleSet(db: Database, id: number): StarRuleSet {
  const row = db.prepare(`${SELECT_RULE_SETS} WHERE r.id = ?`).get(id) as RuleSetRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该星级规则不存在，可能已被删除');
  return toRuleSet(row);
}

/** The rules alone, as a run keeps them. */
export function rulesOf(rs: StarRules): StarRules {
  return {
    periodKind: rs.periodKind,
    method: rs.method,
    thresholds: rs.thresholds,
    quota: rs.quota,
    gridThresholds: rs.gridThresholds,
    conditions: rs.conditions,
  };
}

// ---- the inputs of a period ----

export interface PeriodResult {
  personId: number;
  /** The unit of the person's latest month in the period. */
  unitId: number;
  sum: number;
  months: number;
  vetoes: number;
}

/** Each person's finalised monthly totals in the period (of one scheme, or all), and the months that have any. */
export function periodResults(db: Database, period: string, schemeId: number | null): { results: PeriodResult[]; monthsIncluded: string[] } {
  const months = starPeriodMonths(period);
  const rows = db
    .prepare(
      `SELECT r.person_id, r.total, r.veto, m.period, mm.unit_id
       FROM month_results r
       JOIN assessment_months m ON m.id = r.month_id
       JOIN month_members mm ON mm.month_id = r.month_id AND mm.person_id = r.person_id
       WHERE m.status = 'finalised' AND m.period BETWEEN ? AND ? ${schemeId === null ? '' : 'AND m.scheme_id = ?'}
       ORDER BY m.period`,
    )
    .all(months[0], months.at(-1), ...(schemeId === null ? [] : [schemeId])) as {
    person_id: number;
    total: number | null;
    veto: number;
    period: string;
    unit_id: number;
  }[];
  const byPerson = new Map<number, PeriodResult>();
  const included = new Set<string>();
  for (const r of rows) {
    included.add(r.period);
    let p = byPerson.get(r.person_id);
    if (!p) byPerson.set(r.person_id, (p = { personId: r.person_id, unitId: r.unit_id, sum: 0, months: 0, vetoes: 0 }));
    p.unitId = r.unit_id;
    if (r.veto === 1) p.vetoes++;
    if (r.total !== null) {
      p.sum += r.total;
      p.months++;
    }
  }
  return { results: [...byPerson.values()].filter((p) => p.months > 0), monthsIncluded: [...included].sort() };
}

function tableExists(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Points in the period per person (the ledger's sum: reversals are negative rows), in hundredths. */
export function pointsInPeriod(db: Database, start: string, end: string): Map<number, number> {
  if (!tableExists(db, 'point_entries')) return new Map();
  const rows = db
    .prepare('SELECT person_id, sum(points) AS points FROM point_entries WHERE date BETWEEN ? AND ? GROUP BY person_id')
    .all(start, end) as { person_id: number; points: number }[];
  return new Map(rows.map((r) => [r.person_id, r.points]));
}

/** 通报批评 records dated in the period, per person. */
export function criticismsInPeriod(db: Database, start: string, end: string): Map<number, number> {
  const rows = db
    .prepare(
      "SELECT person_id, count(*) AS n FROM discipline_records WHERE kind = '通报批评' AND date BETWEEN ? AND ? GROUP BY person_id",
    )
    .all(start, end) as { person_id: number; n: number }[];
  return new Map(rows.map((r) => [r.person_id, r.n]));
}

/**
 * Awards (表彰) in the period, by person: the names of the published (表彰) batches dated in it whose recipients they
 * are (candidates still nominated when the batch was published).
 */
export function awardsInPeriod(db: Database, start: string, end: string): Map<number, string[]> {
  if (!tableExists(db, 'award_batches')) return new Map();
  const rows = db
    .prepare(
      `SELECT c.person_id, b.name FROM award_candidates c JOIN award_batches b ON b.id = c.batch_id
       WHERE b.stage = 'published' AND c.status = 'nominated' AND b.date BETWEEN ? AND ? ORDER BY b.date, b.id`,
    )
    .all(start, end) as { person_id: number; name: string }[];
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const list = out.get(r.person_id);
    if (list) list.push(r.name);
    else out.set(r.person_id, [r.name]);
  }
  return out;
}

/** Whether awards can be read (see awardsInPeriod). */
export const AWARDS_AVAILABLE = true;

/**
 * Each person's stars in their latest published rating of a period that ended before `before` (or on/before `onOrBefore`):
 * later period ends win, and for equal ends the later publication.
 */
export function latestPublished(db: Database, bound: { before: string } | { onOrBefore: string }): Map<number, { stars: Stars; runId: number }> {
  const [op, date] = 'before' in bound ? ['<', bound.before] : ['<=', bound.onOrBefore];
  const rows = db
    .prepare(
      `SELECT r.person_id, r.stars, r.run_id FROM star_ratings r JOIN star_runs s ON s.id = r.run_id
       WHERE s.status = 'published' AND s.period_end ${op} ? ORDER BY s.period_end, s.published_at, s.id`,
    )
    .all(date) as { person_id: number; stars: Stars; run_id: number }[];
  const out = new Map<number, { stars: Stars; runId: number }>();
  for (const r of rows) out.set(r.person_id, { stars: r.stars, runId: r.run_id });
  return out;
}

// ---- runs ----

interface RunRow {
  id: number;
  rule_set_id: number;
  rule_set_name: string;
  period: string;
  period_start: string;
  period_end: string;
  rules: string;
  status: 'draft' | 'published';
  computed_at: string;
  published_at: string | null;
  rated: number;
  overridden: number;
}

const SELECT_RUNS = `
  SELECT s.id, s.rule_set_id, rs.name AS rule_set_name, s.period, s.period_start, s.period_end, s.rules, s.status,
         s.computed_at, s.published_at,
         (SELECT count(*) FROM star_ratings r WHERE r.run_id = s.id) AS rated,
         (SELECT count(*) FROM star_ratings r WHERE r.run_id = s.id AND r.stars <> r.computed_stars) AS overridden
  FROM star_runs s JOIN star_rule_sets rs ON rs.id = s.rule_set_id`;

function starCounts(db: Database, runId: number): number[] {
  const counts = [0, 0, 0, 0, 0];
  const rows = db.prepare('SELECT stars, count(*) AS n FROM star_ratings WHERE run_id = ? GROUP BY stars').all(runId) as {
    stars: number;
    n: number;
  }[];
  for (const r of rows) counts[r.stars - 1] = r.n;
  return counts;
}

function toRunSummary(db: Database, r: RunRow): StarRunSummary {
  return {
    id: r.id,
    ruleSetId: r.rule_set_id,
    ruleSetName: r.rule_set_name,
    periodKind: starPeriodKindOf(r.period)!,
    period: r.period,
    periodLabel: starPeriodLabel(r.period),
    start: r.period_start,
    end: r.period_end,
    status: r.status,
    computedAt: r.computed_at,
    publishedAt: r.published_at,
    rated: r.rated,
    overridden: r.overridden,
    counts: starCounts(db, r.id),
  };
}

function runRow(db: Database, runId: number): RunRow {
  const row = db.prepare(`${SELECT_RUNS} WHERE s.id = ?`).get(runId) as RunRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该星级评定不存在，可能已被放弃');
  return row;
}

export function listRuns(db: Database): StarRunSummary[] {
  return (db.prepare(`${SELECT_RUNS} ORDER BY s.period_end DESC, s.id DESC`).all() as RunRow[]).map((r) => toRunSummary(db, r));
}

export function runSummary(db: Database, runId: number): StarRunSummary {
  return toRunSummary(db, runRow(db, runId));
}

export function runRules(db: Database, runId: number): StarRules {
  return JSON.parse(runRow(db, runId).rules) as StarRules;
}

/** The run if it is a draft; a published run is read-only. */
export function draftRun(db: Database, runId: number): StarRunSummary {
  const run = runSummary(db, runId);
  if (run.status !== 'draft') throw new AppError('CONFLICT', `${run.periodLabel}“${run.ruleSetName}”已发布，只能查看`);
  return run;
}

interface RatingRowDb {
  person_id: number;
  name: string;
  unit_id: number | null;
  average: number;
  months: number;
  points: number;
  vetoes: number;
  criticisms: number;
  previous_stars: Stars | null;
  computed_stars: Stars;
  stars: Stars;
  reason: string;
  override_reason: string;
  overridden_by: string | null;
}

/** The decisions taken on ties at the run's quota lines, by person. */
export function tieDecisions(db: Database, runId: number): Map<number, { keep: boolean; reason: string; by: string }> {
  const rows = db.prepare('SELECT person_id, keep, reason, decided_by FROM star_tie_decisions WHERE run_id = ?').all(runId) as {
    person_id: number;
    keep: number;
    reason: string;
    decided_by: string;
  }[];
  return new Map(rows.map((r) => [r.person_id, { keep: r.keep === 1, reason: r.reason, by: r.decided_by }]));
}

/**
 * The ties at a run's quota lines, from its ratings as stored (each person's average and vetoes are what the quota
 * orders by), with each tied person's decision.
 */
export function runTies(db: Database, runId: number): StarTieView[] {
  const stored = db.prepare('SELECT rules FROM star_runs WHERE id = ?').pluck().get(runId) as string | undefined;
  const rules = stored === undefined ? null : (JSON.parse(stored) as StarRules);
  if (rules?.method !== 'quota') return [];
  const rows = db
    .prepare('SELECT r.person_id, r.average, r.vetoes, r.unit_id, p.name FROM star_ratings r JOIN people p ON p.id = r.person_id WHERE r.run_id = ?')
    .all(runId) as { person_id: number; average: number; vetoes: number; unit_id: number | null; name: string }[];
  const byId = new Map(rows.map((r) => [r.person_id, r]));
  const ties = quotaTies(
    rows.map((r) => ({ key: r.person_id, average: r.average, vetoes: r.vetoes, months: 0, points: 0, criticisms: 0, awards: [], previous: null })),
    rules.quota,
  );
  if (ties.length === 0) return [];
  const decisions = tieDecisions(db, runId);
  const paths = unitIndex(db).paths;
  return ties.map((tie) => {
    const names = tie.keys.map((k) => byId.get(k)!.name);
    return {
      line: quotaLineText(tie),
      text: quotaTieText(tie, names),
      higher: tie.higher,
      lower: tie.lower,
      average: tie.average,
      places: tie.places,
      above: tie.above,
      people: tie.keys.map((k) => {
        const r = byId.get(k)!;
        const d = decisions.get(k);
        return {
          personId: k,
          name: r.name,
          unitPath: r.unit_id === null ? '' : (paths.get(r.unit_id) ?? ''),
          decision: d === undefined ? ('open' as const) : d.keep ? ('kept' as const) : ('dropped' as const),
          reason: d?.reason ?? '',
          decidedBy: d?.by ?? null,
        };
      }),
    };
  });
}

export function ratingRows(db: Database, runId: number, personId?: number): StarRatingRow[] {
  const tieOf = new Map(runTies(db, runId).flatMap((t) => t.people.map((p) => [p.personId, p.decision] as const)));
  const paths = unitIndex(db).paths;
  const rows = db
    .prepare(
      `SELECT r.*, p.name FROM star_ratings r JOIN people p ON p.id = r.person_id
       WHERE r.run_id = ? ${personId === undefined ? '' : 'AND r.person_id = ?'} ORDER BY r.computed_stars DESC, r.average DESC, p.name_pinyin`,
    )
    .all(runId, ...(personId === undefined ? [] : [personId])) as RatingRowDb[];
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    unitId: r.unit_id,
    unitPath: r.unit_id === null ? '' : (paths.get(r.unit_id) ?? ''),
    average: r.average,
    months: r.months,
    points: r.points,
    vetoes: r.vetoes,
    criticisms: r.criticisms,
    previousStars: r.previous_stars,
    computedStars: r.computed_stars,
    stars: r.stars,
    reason: r.reason,
    overrideReason: r.override_reason,
    overriddenBy: r.overridden_by,
    tie: tieOf.get(r.person_id) ?? null,
  }));
}

export function runView(db: Database, runId: number): StarRunView {
  const row = runRow(db, runId);
  const run = toRunSummary(db, row);
  const rules = JSON.parse(row.rules) as StarRules;
  const schemeId = (db.prepare('SELECT scheme_id FROM star_rule_sets WHERE id = ?').pluck().get(row.rule_set_id) as number | null) ?? null;
  const { monthsIncluded } = monthsOf(db, row.period, schemeId);
  return {
    run,
    rules,
    monthsIncluded,
    monthsMissing: starPeriodMonths(row.period).filter((m) => !monthsIncluded.includes(m)),
    awardsAvailable: AWARDS_AVAILABLE,
    rows: ratingRows(db, runId),
    ties: runTies(db, runId),
  };
}

/** The months of a period that have a finalised month (of the scheme, or any). */
export function monthsOf(db: Database, period: string, schemeId: number | null): { monthsIncluded: string[] } {
  const months = starPeriodMonths(period);
  const list = db
    .prepare(
      `SELECT DISTINCT period FROM assessment_months WHERE status = 'finalised' AND period BETWEEN ? AND ?
       ${schemeId === null ? '' : 'AND scheme_id = ?'} ORDER BY period`,
    )
    .pluck()
    .all(months[0], months.at(-1), ...(schemeId === null ? [] : [schemeId])) as string[];
  return { monthsIncluded: list };
}

/** Recomputes a draft run's grid ratings from its people's stars. */
export function regrid(db: Database, runId: number, rules: StarRules): void {
  const units = unitIndex(db);
  db.prepare('DELETE FROM star_grid_ratings WHERE run_id = ?').run(runId);
  const rows = db.prepare('SELECT unit_id, stars FROM star_ratings WHERE run_id = ? AND unit_id IS NOT NULL').all(runId) as {
    unit_id: number;
    stars: number;
  }[];
  const byGrid = new Map<number, number[]>();
  for (const r of rows) {
    const grid = units.gridOf(r.unit_id);
    if (grid) byGrid.set(grid.id, [...(byGrid.get(grid.id) ?? []), r.stars]);
  }
  const insert = db.prepare('INSERT INTO star_grid_ratings (run_id, unit_id, workers, mean, stars) VALUES (?, ?, ?, ?, ?)');
  for (const [unitId, stars] of byGrid) {
    const g = gridStars(stars, rules.gridThresholds);
    insert.run(runId, unitId, stars.length, g.mean, g.stars);
  }
}

/** The person's unit and status on a date, from the dated roster. */
function termsOn(db: Database, date: string): Map<number, { unitId: number; status: string }> {
  const rows = db
    .prepare('SELECT person_id, unit_id, status FROM person_terms WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)')
    .all(date, date) as { person_id: number; unit_id: number; status: string }[];
  return new Map(rows.map((r) => [r.person_id, { unitId: r.unit_id, status: r.status }]));
}

export function disciplineRows(db: Database, where: string, ...args: unknown[]): DisciplineRecord[] {
  const paths = unitIndex(db).paths;
  const rows = db
    .prepare(
      `SELECT d.id, d.person_id, p.name, d.date, d.kind, d.reason, d.created_by, d.created_at, t.unit_id
       FROM discipline_records d JOIN people p ON p.id = d.person_id
       LEFT JOIN person_terms t ON t.person_id = d.person_id AND t.valid_to IS NULL
       ${where} ORDER BY d.date DESC, d.id DESC`,
    )
    .all(...args) as {
    id: number;
    person_id: number;
    name: string;
    date: string;
    kind: DisciplineRecord['kind'];
    reason: string;
    created_by: string;
    created_at: string;
    unit_id: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    unitPath: r.unit_id === null ? '' : (paths.get(r.unit_id) ?? ''),
    date: r.date,
    kind: r.kind,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export function starRoster(ctx: HandlerContext, input: CallInputOf<'stars.roster'>) {
  const { db } = ctx;
  const latest = latestPublished(db, { onOrBefore: input.asOf });
  const terms = termsOn(db, input.asOf);
  const within = input.unitId === null ? null : new Set(subtreeIds(db, input.unitId));
  const units = unitIndex(db);
  const runs = new Map<number, { period: string }>();
  const runOf = db.prepare('SELECT period FROM star_runs WHERE id = ?');
  const ratingOf = db.prepare('SELECT r.stars, r.reason, r.override_reason, p.name FROM star_ratings r JOIN people p ON p.id = r.person_id WHERE r.run_id = ? AND r.person_id = ?');
  const rows: StarRosterRow[] = [];
  const counts = [0, 0, 0, 0, 0];
  for (const [personId, { runId }] of latest) {
    const term = terms.get(personId);
    if (!term || term.status !== '在岗') continue;
    if (within && !within.has(term.unitId)) continue;
    if (!runs.has(runId)) runs.set(runId, runOf.get(runId) as { period: string });
    const r = ratingOf.get(runId, personId) as { stars: Stars; reason: string; override_reason: string; name: string };
    const period = runs.get(runId)!.period;
    counts[r.stars - 1]!++;
    rows.push({
      personId,
      name: r.name,
      unitId: term.unitId,
      unitPath: units.paths.get(term.unitId) ?? '',
      stars: r.stars,
      period,
      periodLabel: starPeriodLabel(period),
      runId,
      overridden: r.override_reason !== '',
      reason: r.override_reason ? `人工调整：${r.override_reason}` : r.reason,
    });
  }
  rows.sort((a, b) => b.stars - a.stars || a.unitPath.localeCompare(b.unitPath, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return { asOf: input.asOf, rows, counts };

}

export function personStars(ctx: HandlerContext, input: CallInputOf<'stars.personHistory'>) {
  const rows = ctx.db
    .prepare(
      `SELECT s.id AS runId, s.period, s.period_end AS "end", rs.name AS ruleSetName, r.average, r.stars, r.computed_stars AS computedStars,
              r.previous_stars AS previousStars, r.reason, r.override_reason AS overrideReason
       FROM star_ratings r JOIN star_runs s ON s.id = r.run_id JOIN star_rule_sets rs ON rs.id = s.rule_set_id
       WHERE r.person_id = ? AND s.status = 'published' ORDER BY s.period_end, s.published_at`,
    )
    .all(input.personId) as Omit<StarHistoryItem, 'periodLabel'>[];
  return rows.map((r) => ({ ...r, periodLabel: starPeriodLabel(r.period) }));

}

export function gridRatings(ctx: HandlerContext, input: CallInputOf<'stars.grids'>) {
  const { db } = ctx;
  runSummary(db, input.runId);
  const units = unitIndex(db);
  const rows = db.prepare('SELECT unit_id, workers, mean, stars FROM star_grid_ratings WHERE run_id = ?').all(input.runId) as {
    unit_id: number;
    workers: number;
    mean: number;
    stars: Stars;
  }[];
  return rows
    .map((r) => ({
      unitId: r.unit_id,
      name: units.byId.get(r.unit_id)?.name ?? '',
      unitPath: units.paths.get(r.unit_id) ?? '',
      community: units.communityOf(r.unit_id)?.name ?? '',
      workers: r.workers,
      mean: r.mean,
      stars: r.stars,
    }))
    .sort((a, b) => b.stars - a.stars || b.mean - a.mean || a.unitPath.localeCompare(b.unitPath, 'zh-CN'));

}

export function disciplineRecords(ctx: HandlerContext, input: CallInputOf<'stars.discipline'>) {
  return input.personId === null ? disciplineRows(ctx.db, '') : disciplineRows(ctx.db, 'WHERE d.person_id = ?', input.personId);
}
