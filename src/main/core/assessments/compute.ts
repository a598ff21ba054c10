/** A month's results, computed from its scores with the scheme version it was opened with. */
import type { Database } from 'better-sqlite3';
import type { MonthSummary, ResultRow } from '../../../shared/contract/assessments';
import type { Role } from '../../../shared/domain/people';
import {
  combine,
  groupWeightPlan,
  gradeOf,
  ranks,
  roundHalfUp,
  sheetOf,
  type Combined,
  type Criterion,
  type Sheet,
} from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import { prepared } from '../db/statements';
import { unitIndex } from '../org/queries';
import { getVersion, loadCriteria, type SchemeVersion } from '../schemes/queries';
import { cachedMonth } from './results-cache';

export interface MonthRow {
  id: number;
  scheme_id: number;
  scheme_name: string;
  version_id: number;
  version: number;
  period: string;
  status: 'open' | 'finalised';
  finalised_at: string | null;
}

function monthRow(db: Database, monthId: number): MonthRow {
  const m = prepared(
    db,
    `SELECT m.id, m.scheme_id, m.version_id, m.period, m.status, m.finalised_at, s.name AS scheme_name, v.version
     FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id JOIN scheme_versions v ON v.id = m.version_id WHERE m.id = ?`,
  ).get(monthId) as MonthRow | undefined;
  if (!m) throw new AppError('NOT_FOUND', '该月考核不存在');
  return m;
}

export type MonthCounts = Pick<MonthSummary, 'members' | 'scored' | 'exempt' | 'evaluatorIds'>;

export function toSummary(m: MonthRow, counts: MonthCounts): MonthSummary {
  return {
    id: m.id,
    schemeId: m.scheme_id,
    schemeName: m.scheme_name,
    versionId: m.version_id,
    version: m.version,
    period: m.period,
    status: m.status,
    ...counts,
    finalisedAt: m.finalised_at,
  };
}

/** A month without its counts (members, scored, exempt 0, no evaluators): cheap, for checking its status and version. */
export function monthHeader(db: Database, monthId: number): MonthSummary {
  return toSummary(monthRow(db, monthId), { members: 0, scored: 0, exempt: 0, evaluatorIds: [] });
}

export function monthSummary(db: Database, monthId: number): MonthSummary {
  const m = monthRow(db, monthId);
  const counts = db
    .prepare(
      `SELECT count(*) AS members, sum(exempt_reason != '') AS exempt,
              sum(exempt_reason = '' AND person_id IN (
                SELECT person_id FROM (
                  SELECT s.person_id, count(*) AS n FROM scores s JOIN criteria c ON c.id = s.criterion_id AND c.kind = 'score'
                  WHERE s.month_id = @id GROUP BY s.person_id, s.evaluator_id)
                WHERE n = (SELECT count(*) FROM criteria WHERE version_id = @version AND kind = 'score'))) AS scored
       FROM month_members WHERE month_id = @id`,
    )
    .get({ id: monthId, version: m.version_id }) as { members: number; exempt: number | null; scored: number | null };
  return toSummary(m, {
    members: counts.members,
    scored: counts.scored ?? 0,
    exempt: counts.exempt ?? 0,
    evaluatorIds: db.prepare('SELECT DISTINCT evaluator_id FROM scores WHERE month_id = ? ORDER BY evaluator_id').pluck().all(monthId) as number[],
  });
}

/**
 * The counts of several months at once, as monthSummary counts one (members, scored — not exempt, with at least one
 * evaluator's 评分项 all filled —, exempt, the evaluators who scored): two queries, whatever the number of months.
 */
export function countMonths(db: Database, monthIds: readonly number[]): Map<number, MonthCounts> {
  const out = new Map<number, MonthCounts>(monthIds.map((id) => [id, { members: 0, scored: 0, exempt: 0, evaluatorIds: [] }]));
  if (monthIds.length === 0) return out;
  const ids = JSON.stringify(monthIds);
  const rows = db
    .prepare(
      `WITH wanted AS (SELECT m.id, m.version_id FROM assessment_months m WHERE m.id IN (SELECT value FROM json_each(@ids))),
       complete AS (
         SELECT DISTINCT sheet.month_id, sheet.person_id
         FROM (SELECT s.month_id, s.person_id, count(*) AS n FROM scores s JOIN criteria c ON c.id = s.criterion_id AND c.kind = 'score'
               WHERE s.month_id IN (SELECT id FROM wanted) GROUP BY s.month_id, s.person_id, s.evaluator_id) sheet
         JOIN wanted w ON w.id = sheet.month_id
         WHERE sheet.n = (SELECT count(*) FROM criteria WHERE version_id = w.version_id AND kind = 'score'))
       SELECT mm.month_id, count(*) AS members, sum(mm.exempt_reason != '') AS exempt,
              sum(mm.exempt_reason = '' AND c.person_id IS NOT NULL) AS scored
       FROM month_members mm LEFT JOIN complete c ON c.month_id = mm.month_id AND c.person_id = mm.person_id
       WHERE mm.month_id IN (SELECT id FROM wanted) GROUP BY mm.month_id`,
    )
    .all({ ids }) as { month_id: number; members: number; exempt: number; scored: number }[];
  for (const r of rows) Object.assign(out.get(r.month_id)!, { members: r.members, exempt: r.exempt, scored: r.scored });
  const scorers = db
    .prepare('SELECT DISTINCT month_id, evaluator_id FROM scores WHERE month_id IN (SELECT value FROM json_each(?)) ORDER BY month_id, evaluator_id')
    .raw()
    .all(ids) as [number, number][];
  for (const [monthId, evaluatorId] of scorers) out.get(monthId)!.evaluatorIds.push(evaluatorId);
  return out;
}

export interface Member {
  personId: number;
  name: string;
  unitId: number;
  role: Role;
  exemptReason: string;
}

export function loadMembers(db: Database, monthId: number): Member[] {
  return db
    .prepare(
      `SELECT mm.person_id AS personId, p.name, mm.unit_id AS unitId, mm.role, mm.exempt_reason AS exemptReason
       FROM month_members mm JOIN people p ON p.id = mm.person_id WHERE mm.month_id = ? ORDER BY p.name_pinyin, p.id`,
    )
    .all(monthId) as Member[];
}

/** Scores of a month: person → evaluator → criterion → value, and the notes beside them. */
export function loadScores(db: Database, monthId: number, personId?: number) {
  const rows = prepared(
    db,
    `SELECT person_id, evaluator_id, criterion_id, value, note FROM scores WHERE month_id = ?
     ${personId === undefined ? '' : 'AND person_id = ?'}`,
  ).all(...(personId === undefined ? [monthId] : [monthId, personId])) as {
    person_id: number;
    evaluator_id: number;
    criterion_id: number;
    value: number;
    note: string;
  }[];
  const values = new Map<number, Map<number, Map<number, number>>>();
  const notes = new Map<string, string>();
  for (const r of rows) {
    let byEvaluator = values.get(r.person_id);
    if (!byEvaluator) values.set(r.person_id, (byEvaluator = new Map()));
    let sheet = byEvaluator.get(r.evaluator_id);
    if (!sheet) byEvaluator.set(r.evaluator_id, (sheet = new Map()));
    sheet.set(r.criterion_id, r.value);
    if (r.note) notes.set(`${r.person_id}:${r.evaluator_id}:${r.criterion_id}`, r.note);
  }
  return { values, notes };
}

/**
 * The values of a month's scores (or of some of its workers), person → evaluator → criterion → value, without the
 * notes: the fast path for computing a whole month. SQLite gathers each sheet into two JSON arrays (both aggregates
 * step over the same rows in the same order, so they line up), several times quicker than one JS row per score.
 */
export function loadValues(db: Database, monthId: number, personIds?: readonly number[]): Map<number, Map<number, Map<number, number>>> {
  const rows = db
    .prepare(
      `SELECT person_id, evaluator_id, json_group_array(criterion_id), json_group_array(value)
       FROM scores WHERE month_id = ? ${personIds ? 'AND person_id IN (SELECT value FROM json_each(?))' : ''} GROUP BY person_id, evaluator_id`,
    )
    .raw()
    .all(...(personIds ? [monthId, JSON.stringify(personIds)] : [monthId])) as [number, number, string, string][];
  const values = new Map<number, Map<number, Map<number, number>>>();
  for (const [personId, evaluatorId, criterionIds, sheetValues] of rows) {
    const ids = JSON.parse(criterionIds) as number[];
    const vs = JSON.parse(sheetValues) as number[];
    const sheet = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) sheet.set(ids[i]!, vs[i]!);
    let byEvaluator = values.get(personId);
    if (!byEvaluator) values.set(personId, (byEvaluator = new Map()));
    byEvaluator.set(evaluatorId, sheet);
  }
  return values;
}

export interface EvaluatorInfo {
  id: number;
  name: string;
  group: string;
}

export function loadEvaluators(db: Database): Map<number, EvaluatorInfo> {
  const rows = prepared(db, 'SELECT id, name, group_name AS "group" FROM evaluators').all() as EvaluatorInfo[];
  return new Map(rows.map((e) => [e.id, e]));
}

export interface PersonResult {
  sheets: (Sheet & { evaluatorId: number })[];
  combined: Combined;
}

/** One worker's month: every evaluator's sheet, the complete ones combined, a veto from any sheet standing. */
export function personResult(
  version: SchemeVersion,
  criteria: Criterion[],
  evaluators: Map<number, EvaluatorInfo>,
  byEvaluator: Map<number, Map<number, number>> | undefined,
): PersonResult {
  const sheets = [...(byEvaluator ?? new Map<number, Map<number, number>>())].map(([evaluatorId, values]) => ({
    evaluatorId,
    ...sheetOf(criteria, values),
  }));
  const complete = sheets.filter((s) => s.complete);
  const combined = combine(
    complete.map((s) => ({
      evaluatorId: s.evaluatorId,
      evaluatorName: evaluators.get(s.evaluatorId)?.name ?? '',
      group: evaluators.get(s.evaluatorId)?.group ?? '',
      total: s.total,
      veto: s.veto,
    })),
    version.aggregation,
    version.groups,
  );
  return { sheets, combined: { ...combined, veto: sheets.some((s) => s.veto) } };
}

/** Scores keyed by the month's criteria, re-keyed to another version's criteria of the same category and name. */
function carried(values: Map<number, Map<number, Map<number, number>>>, from: Criterion[], to: Criterion[]): Map<number, Map<number, Map<number, number>>> {
  const target = new Map(to.map((c) => [`${c.category}\u0000${c.name}`, c.id]));
  const idOf = new Map(from.flatMap((c) => {
    const id = target.get(`${c.category}\u0000${c.name}`);
    return id === undefined ? [] : [[c.id, id] as const];
  }));
  const out = new Map<number, Map<number, Map<number, number>>>();
  for (const [personId, byEvaluator] of values) {
    const sheets = new Map<number, Map<number, number>>();
    for (const [evaluatorId, sheet] of byEvaluator) {
      const moved = new Map<number, number>();
      for (const [criterionId, value] of sheet) {
        const id = idOf.get(criterionId);
        if (id !== undefined) moved.set(id, value);
      }
      sheets.set(evaluatorId, moved);
    }
    out.set(personId, sheets);
  }
  return out;
}

export interface ComputedMonth {
  summary: MonthSummary;
  version: SchemeVersion;
  criteria: Criterion[];
  categories: string[];
  rows: ResultRow[];
}

/** Competition ranks (1, 1, 3) of the rows with a total, within the groups keyOf makes; a null key is not ranked. */
export function rankRows(rows: readonly ResultRow[], field: 'rankInUnit' | 'rankInGrid' | 'rankInRole', keyOf: (r: ResultRow) => number | string | null): void {
  const groups = new Map<number | string, ResultRow[]>();
  for (const r of rows) {
    const key = r.total === null ? null : keyOf(r);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const group of groups.values()) {
    const rankMap = ranks(group.map((r) => ({ key: r, total: r.total!, veto: r.veto })));
    for (const r of group) r[field] = rankMap.get(r)!;
  }
}

/**
 * Other rules to compute a month under (a what-if): another version of its scheme (a draft, other bands, another
 * aggregation) and its criteria; the month's scores are carried to them by category and name.
 */
export interface ComputeUnder {
  version: SchemeVersion;
  criteria: Criterion[];
}

/**
 * A month's results. Without other rules, served from the results cache (results-cache.ts): computed once, then only
 * the workers whose scores a save changed are worked out again; any other write computes it afresh.
 */
export function computeMonth(db: Database, monthId: number, under?: ComputeUnder): ComputedMonth {
  const kept = cachedMonth(db, monthId, () => readMonth(db, monthId), rework);
  return assemble(under ? monthUnder(kept, under) : kept);
}

/** A month computed from nothing, never from the cache: what the cache is held against. */
export function computeMonthAfresh(db: Database, monthId: number): ComputedMonth {
  return assemble(readMonth(db, monthId));
}

/** One worker's part of the month, before the community-wide marks and the ranks. */
interface PersonPart {
  row: Omit<ResultRow, 'provisional' | 'rankInUnit' | 'rankInGrid' | 'rankInRole' | 'trend'>;
  sheets: PersonResult['sheets'];
  combined: Combined;
  communityId: number;
}

/** What computing a month reads, and each worker's part worked out from it: kept by the cache between calls. */
interface MonthState {
  month: MonthRow;
  version: SchemeVersion;
  criteria: Criterion[];
  categories: string[];
  evaluators: Map<number, EvaluatorInfo>;
  units: ReturnType<typeof unitIndex>;
  members: Member[];
  values: Map<number, Map<number, Map<number, number>>>;
  parts: Map<number, PersonPart>;
}

const categoriesOf = (criteria: Criterion[]) => [...new Set(criteria.filter((c) => c.kind !== 'veto').map((c) => c.category))];

function readMonth(db: Database, monthId: number): MonthState {
  const month = monthRow(db, monthId);
  const criteria = loadCriteria(db, month.version_id);
  const state: MonthState = {
    month,
    version: getVersion(db, month.version_id),
    criteria,
    categories: categoriesOf(criteria),
    evaluators: loadEvaluators(db),
    units: unitIndex(db),
    members: loadMembers(db, monthId),
    values: loadValues(db, monthId),
    parts: new Map(),
  };
  for (const m of state.members) state.parts.set(m.personId, workOut(state, m));
  return state;
}

/**
 * The month worked out under other rules (a what-if) from what its kept state has read (the cache holds it equal to
 * the file): the scores carried to the other criteria, every worker worked out again; the kept state is not changed.
 */
function monthUnder(kept: MonthState, under: ComputeUnder): MonthState {
  const state: MonthState = {
    ...kept,
    version: under.version,
    criteria: under.criteria,
    categories: categoriesOf(under.criteria),
    values: carried(kept.values, kept.criteria, under.criteria),
    parts: new Map(),
  };
  for (const m of state.members) state.parts.set(m.personId, workOut(state, m));
  return state;
}

/** The state after some workers' scores changed (and nothing else): their values read again, their parts redone. */
function rework(db: Database, state: MonthState, personIds: ReadonlySet<number>): void {
  const fresh = loadValues(db, state.month.id, [...personIds]);
  for (const personId of personIds) {
    const byEvaluator = fresh.get(personId);
    if (byEvaluator) state.values.set(personId, byEvaluator);
    else state.values.delete(personId);
  }
  for (const m of state.members) if (personIds.has(m.personId)) state.parts.set(m.personId, workOut(state, m));
}

/** The community or village a unit lies in (the unit just below the street), or the street itself. */
function communityOf(units: MonthState['units'], unitId: number) {
  let u = units.byId.get(unitId);
  while (u && u.parentId !== null && units.byId.get(u.parentId)?.parentId !== null) u = units.byId.get(u.parentId);
  return u;
}

function workOut(state: MonthState, m: Member): PersonPart {
  const { version, criteria, evaluators, units } = state;
  const { sheets, combined } = personResult(version, criteria, evaluators, state.values.get(m.personId));
  const complete = sheets.filter((s) => s.complete);
  const community = communityOf(units, m.unitId);
  const total = m.exemptReason ? null : combined.total;
  return {
    row: {
      personId: m.personId,
      name: m.name,
      unitId: m.unitId,
      unitPath: units.paths.get(m.unitId) ?? '',
      community: community?.name ?? '',
      role: m.role,
      exemptReason: m.exemptReason,
      evaluators: complete.length,
      total,
      grade: total === null ? null : gradeOf(total, combined.veto, version.bands),
      veto: combined.veto,
      categories: categoryResults(version, state.categories, criteria, evaluators, complete, combined),
    },
    sheets,
    combined,
    // ranks within a community go by its id: two communities may share a name
    communityId: community?.id ?? 0,
  };
}

/** The month's rows from the workers' parts: provisional marks (which read the whole community), ranks, the counts. */
function assemble(state: MonthState): ComputedMonth {
  const { month, units } = state;
  const parts = state.members.map((m) => state.parts.get(m.personId)!);
  const scorersOf = month.status === 'open' ? communityScorers(parts, state.values) : null;
  const communityIdOf = new Map<ResultRow, number>();
  // new row objects every time: callers add trends and filter them, the cached parts stay as they were
  const rows: ResultRow[] = parts.map((p) => {
    const row: ResultRow = {
      ...p.row,
      categories: { ...p.row.categories },
      rankInUnit: null,
      rankInGrid: null,
      rankInRole: null,
      trend: null,
      provisional: p.row.total === null || !scorersOf ? '' : provisionalReason(p.sheets, p.combined, scorersOf.get(p.communityId)!),
    };
    communityIdOf.set(row, p.communityId);
    return row;
  });
  rankRows(rows, 'rankInUnit', (r) => communityIdOf.get(r)!);
  rankRows(rows, 'rankInGrid', (r) => units.gridOf(r.unitId)?.id ?? null);
  rankRows(rows, 'rankInRole', (r) => r.role);
  // the counts of monthSummary, read off the computed rows instead of a second pass over the scores
  const summary = toSummary(month, {
    members: rows.length,
    scored: rows.filter((r) => !r.exemptReason && r.evaluators > 0).length,
    exempt: rows.filter((r) => r.exemptReason).length,
    evaluatorIds: [...new Set([...state.values.values()].flatMap((byEvaluator) => [...byEvaluator.keys()]))].sort((a, b) => a - b),
  });
  return { summary, version: state.version, criteria: state.criteria, categories: state.categories, rows };
}

/** Who has scored anyone in each community this month: the evaluators a worker of it is still waiting for. */
function communityScorers(parts: readonly PersonPart[], values: MonthState['values']): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const p of parts) {
    const scorers = out.get(p.communityId) ?? new Set<number>();
    out.set(p.communityId, scorers);
    for (const evaluatorId of values.get(p.row.personId)?.keys() ?? []) scorers.add(evaluatorId);
  }
  return out;
}

/** Why an open month's total for a worker is not final yet, in words for the grid's tooltip; '' when it is. */
function provisionalReason(sheets: readonly (Sheet & { evaluatorId: number })[], combined: Combined, communityScorers: ReadonlySet<number>): string {
  const complete = sheets.filter((s) => s.complete).length;
  if (complete < sheets.length) return `未完成：${sheets.length - complete}位考核人的评分项未填完`;
  const waiting = [...communityScorers].filter((id) => !sheets.some((s) => s.evaluatorId === id)).length;
  if (waiting > 0) return `未完成：本社区已评分的${communityScorers.size}位考核人中，${waiting}位尚未给此人打分`;
  const missing = combined.method === 'group_weights' ? combined.groups.filter((g) => g.weight > 0 && g.count === 0).map((g) => g.name) : [];
  if (missing.length > 0) return `未完成：${missing.join('、')}尚未打分，暂按已评分的考核组折算`;
  return '';
}

/**
 * Each category's part of the result, combined the way the total is: the sheets the trimmed mean dropped stay
 * dropped, group weights apply. Each category is rounded on its own, so the parts may differ from the total by a
 * hundredth or two. Empty when no sheet is complete.
 */
function categoryResults(
  version: SchemeVersion,
  categories: string[],
  criteria: Criterion[],
  evaluators: Map<number, EvaluatorInfo>,
  complete: (Sheet & { evaluatorId: number })[],
  combined: Combined,
): Record<string, number> {
  const out: Record<string, number> = {};
  const kept = combined.dropped.length ? complete.filter((s) => !combined.dropped.includes(s.evaluatorId)) : complete;
  if (kept.length === 0) return out;
  const perSheet = kept.map((s) => categoryPoints(s, criteria));
  let factors: number[];
  let denominator: number;
  if (version.aggregation === 'group_weights') {
    const plan = groupWeightPlan(
      kept.map((s) => evaluators.get(s.evaluatorId)?.group ?? ''),
      version.groups,
    );
    if (plan === null) return out;
    ({ factors, denominator } = plan);
  } else {
    factors = kept.map(() => 1);
    denominator = kept.length;
  }
  for (const cat of categories) {
    let numerator = 0;
    for (let i = 0; i < kept.length; i++) numerator += factors[i]! * (perSheet[i]!.get(cat) ?? 0);
    out[cat] = roundHalfUp(numerator, denominator);
  }
  return out;
}

/** A sheet's points by category: the floored items, plus the bonus items, which stand outside the floor. */
function categoryPoints(sheet: Sheet, criteria: Criterion[]): Map<string, number> {
  const points = new Map(sheet.categories.map((c) => [c.category, c.points]));
  sheet.lines.forEach((l, i) => {
    const c = criteria[i]!;
    if (c.kind === 'bonus') points.set(c.category, (points.get(c.category) ?? 0) + l.points);
  });
  return points;
}
