/**
 * What the assessments area lets others read: months, sheets, results with trends, a person's derivation and history.
 * Its handlers, the reports and the demo call these; nothing outside the area calls its handlers.
 */
import type { Database } from 'better-sqlite3';
import type {
  Derivation,
  Evaluator,
  MonthResults,
  MonthSummary,
  PersonMonth,
  ResultRow,
  SheetRow,
  SheetView,
} from '../../../shared/contract/assessments';
import { periodMonthsBefore } from '../../../shared/domain/dates';
import { GRADES, gradeOf, sheetOf, type Grade } from '../../../shared/domain/scoring';
import { reasonLimits, reasonNeeded } from '../../../shared/domain/sheet-reasons';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import { scoringScope } from '../accounts/scope';
import { subtreeIds, unitIndex, unitPaths } from '../org/queries';
import { getVersion, loadCriteria } from '../schemes/queries';
import { computeMonth, countMonths, loadEvaluators, loadMembers, loadScores, monthHeader, monthSummary, personResult, rankRows, toSummary, type MonthCounts, type MonthRow } from './compute';
import { loadReasons, monthReasonLimits } from './reason-rows';
import { evaluatorExists } from './save';

/**
 * A finalised month shows the totals, grades and ranks it was finalised with, even if units have moved since; only
 * names and paths are read afresh. Takes every row of the month: ranks are taken over all of them.
 */
function keepFinalisedResults(db: Database, monthId: number, rows: ResultRow[]): void {
  const kept = db
    .prepare('SELECT person_id, total, grade, veto, rank_in_unit, rank_in_role FROM month_results WHERE month_id = ?')
    .all(monthId) as { person_id: number; total: number | null; grade: Grade | null; veto: number; rank_in_unit: number | null; rank_in_role: number | null }[];
  const byPerson = new Map(kept.map((k) => [k.person_id, k]));
  for (const r of rows) {
    const k = byPerson.get(r.personId);
    if (!k) continue;
    Object.assign(r, { total: k.total, grade: k.grade, veto: k.veto === 1, rankInUnit: k.rank_in_unit, rankInGrid: null, rankInRole: k.rank_in_role, provisional: '' });
  }
  // the grid rank is not stored: it follows from the sealed totals and the month's units
  const units = unitIndex(db);
  rankRows(rows, 'rankInGrid', (r) => units.gridOf(r.unitId)?.id ?? null);
}

/** Members of a unit and everything below it (all members when unitId is null). */
function inUnit(db: Database, unitId: number | null): (unit: number) => boolean {
  if (unitId === null) return () => true;
  const ids = new Set(subtreeIds(db, unitId));
  return (u) => ids.has(u);
}

function emptyGradeCounts(): Record<Grade, number> {
  return Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
}

/** How far three falls in a row must go, in all, to count as slipping (and three rises as rising): 5 points. */
export const TREND_MIN_CHANGE = 500;

/**
 * Marks who fell (or rose) three months in a row: this month and the three finalised ones before it, of the same
 * scheme, each lower (higher) than the last, by at least TREND_MIN_CHANGE in all. Small monthly noise is not a trend.
 */
function markTrends(db: Database, month: MonthSummary, rows: ResultRow[]): void {
  const earlier = db
    .prepare(
      `SELECT r.person_id, r.total FROM month_results r JOIN assessment_months m ON m.id = r.month_id
       WHERE m.scheme_id = ? AND m.period < ? AND m.status = 'finalised' AND m.period >= ?
       ORDER BY m.period`,
    )
    .all(month.schemeId, month.period, periodMonthsBefore(month.period, 3)) as { person_id: number; total: number | null }[];
  const series = new Map<number, (number | null)[]>();
  for (const e of earlier) series.set(e.person_id, [...(series.get(e.person_id) ?? []), e.total]);
  for (const r of rows) {
    const s = [...(series.get(r.personId) ?? []), r.total];
    if (s.length < 4 || s.some((t) => t === null)) continue;
    const steps = s.slice(1).map((t, i) => t! - s[i]!);
    const change = s[3]! - s[0]!;
    if (steps.every((d) => d < 0) && change <= -TREND_MIN_CHANGE) r.trend = 'falling';
    else if (steps.every((d) => d > 0) && change >= TREND_MIN_CHANGE) r.trend = 'rising';
  }
}

export function listEvaluators(db: Database): Evaluator[] {
  return db.prepare('SELECT id, name, group_name AS "group" FROM evaluators ORDER BY group_name, id').all() as Evaluator[];
}

/**
 * Every month, newest first (of one scheme when schemeId is given), with its counts as monthSummary gives them, in
 * three queries however many months there are: a finalised month's counts are kept with it (migration 0200), the
 * others' are counted together.
 */
export function listMonths(db: Database, schemeId?: number): MonthSummary[] {
  const months = db
    .prepare(
      `SELECT m.id, m.scheme_id, m.version_id, m.period, m.status, m.finalised_at, s.name AS scheme_name, v.version, m.counts
       FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id JOIN scheme_versions v ON v.id = m.version_id
       ${schemeId ? 'WHERE m.scheme_id = ?' : ''} ORDER BY m.period DESC, m.id`,
    )
    .all(...(schemeId ? [schemeId] : [])) as (MonthRow & { counts: string | null })[];
  const counted = countMonths(db, months.filter((m) => m.counts === null).map((m) => m.id));
  return months.map(({ counts, ...m }) => {
    if (counts === null) return toSummary(m, counted.get(m.id)!);
    const kept = JSON.parse(counts) as MonthCounts;
    return toSummary(m, { members: kept.members, scored: kept.scored, exempt: kept.exempt, evaluatorIds: [...kept.evaluatorIds].sort((x, y) => x - y) });
  });
}

/** One evaluator's sheet of a month for a unit: the rows a 考核员 may score, and every evaluator's progress. */
export function scoringSheet(db: Database, actor: Actor, input: { monthId: number; unitId: number | null; evaluatorId: number }): SheetView {
    const month = monthSummary(db, input.monthId);
  evaluatorExists(db, input.evaluatorId);
  const criteria = loadCriteria(db, month.versionId);
  const paths = unitPaths(db);
  const within = inUnit(db, input.unitId);
  const scope = scoringScope(db, actor); // a 考核员 sees only the people they may score
  const members = loadMembers(db, input.monthId).filter((m) => within(m.unitId) && (scope === null || scope.has(m.unitId)));
  const { values, notes } = loadScores(db, input.monthId);
  const limits = monthReasonLimits(db, month.versionId);
  const reasons = loadReasons(db, input.monthId);
  const rows: SheetRow[] = members.map((m) => {
    const mine = values.get(m.personId)?.get(input.evaluatorId) ?? new Map<number, number>();
    const sheet = sheetOf(criteria, mine);
    const rowNotes: Record<number, string> = {};
    for (const c of criteria) {
      const note = notes.get(`${m.personId}:${input.evaluatorId}:${c.id}`);
      if (note) rowNotes[c.id] = note;
    }
    return {
      personId: m.personId,
      name: m.name,
      unitPath: paths.get(m.unitId) ?? '',
      role: m.role,
      exemptReason: m.exemptReason,
      values: Object.fromEntries(mine),
      notes: rowNotes,
      total: sheet.total,
      complete: sheet.complete,
      veto: sheet.veto,
      reasonNeeded: reasonNeeded(sheet, limits),
      reason: reasons.get(`${m.personId}:${input.evaluatorId}`) ?? '',
    };
  });
  const evaluators = loadEvaluators(db);
  const toScore = members.filter((m) => !m.exemptReason);
  const progressIds = new Set<number>([input.evaluatorId]);
  for (const byEvaluator of values.values()) for (const id of byEvaluator.keys()) progressIds.add(id);
  const progress = [...progressIds].map((id) => ({
    evaluatorId: id,
    name: evaluators.get(id)?.name ?? '',
    group: evaluators.get(id)?.group ?? '',
    scored: toScore.filter((m) => {
      const sheet = values.get(m.personId)?.get(id);
      return sheet !== undefined && sheetOf(criteria, sheet).complete;
    }).length,
    toScore: toScore.length,
  }));
  return { month, criteria, reasonLimits: limits, rows, progress };
}

/** A month's totals, grades, ranks and trends for a unit (the whole street when unitId is null). */
export function monthResults(db: Database, monthId: number, unitId: number | null = null): MonthResults {
  const computed = computeMonth(db, monthId);
  const within = inUnit(db, unitId);
  if (computed.summary.status === 'finalised') keepFinalisedResults(db, monthId, computed.rows);
  const rows = computed.rows.filter((r) => within(r.unitId));
  markTrends(db, computed.summary, rows);
  const gradeCounts = emptyGradeCounts();
  for (const r of rows) if (r.grade) gradeCounts[r.grade]++;
  return { month: computed.summary, bands: computed.version.bands, categories: computed.categories, rows, gradeCounts };
}

/** How one person's month total came about: every evaluator's sheet, the combination and the grade. */
export function personDerivation(db: Database, monthId: number, personId: number): Derivation {
    const month = monthHeader(db, monthId);
  const member = loadMembers(db, monthId).find((m) => m.personId === personId);
  if (!member) throw new AppError('NOT_FOUND', '此人不是本月的考核对象');
  const version = getVersion(db, month.versionId);
  const criteria = loadCriteria(db, month.versionId);
  const evaluators = loadEvaluators(db);
  const { values, notes } = loadScores(db, monthId, personId);
  const { sheets, combined } = personResult(version, criteria, evaluators, values.get(personId));
  const limits = reasonLimits(version);
  const reasons = loadReasons(db, monthId);
  return {
    personId: personId,
    name: member.name,
    period: month.period,
    schemeName: month.schemeName,
    version: month.version,
    aggregation: version.aggregation,
    groups: version.groups,
    criteria,
    sheets: sheets.map((s) => ({
      ...s,
      evaluatorName: evaluators.get(s.evaluatorId)?.name ?? '',
      group: evaluators.get(s.evaluatorId)?.group ?? '',
      reasonNeeded: reasonNeeded(s, limits),
      reason: reasons.get(`${personId}:${s.evaluatorId}`) ?? '',
      notes: Object.fromEntries(
        criteria.flatMap((c) => {
          const note = notes.get(`${personId}:${s.evaluatorId}:${c.id}`);
          return note ? [[c.id, note]] : [];
        }),
      ),
    })),
    combined,
    grade: combined.total === null || member.exemptReason ? null : gradeOf(combined.total, combined.veto, version.bands),
    recusals: db
      .prepare(
        `SELECT r.evaluator_id AS evaluatorId, e.name AS evaluatorName, r.reason FROM recusals r JOIN evaluators e ON e.id = r.evaluator_id
          WHERE r.month_id = ? AND r.person_id = ? ORDER BY e.name`,
      )
      .all(monthId, personId) as Derivation['recusals'],
  };
}

/** A person's months, open ones computed live. */
export function personMonths(db: Database, personId: number): PersonMonth[] {
    const months = db
    .prepare(
      `SELECT m.id, m.period, m.status, s.name AS scheme_name, mm.exempt_reason,
              r.total, r.grade, r.veto, r.rank_in_unit
       FROM month_members mm JOIN assessment_months m ON m.id = mm.month_id JOIN schemes s ON s.id = m.scheme_id
       LEFT JOIN month_results r ON r.month_id = m.id AND r.person_id = mm.person_id
       WHERE mm.person_id = ? ORDER BY m.period, m.id`,
    )
    .all(personId) as {
    id: number;
    period: string;
    status: 'open' | 'finalised';
    scheme_name: string;
    exempt_reason: string;
    total: number | null;
    grade: Grade | null;
    veto: number | null;
    rank_in_unit: number | null;
  }[];
  return months.map((m) => {
    // An open month has no snapshot yet: compute it.
    const live = m.status === 'open' ? computeMonth(db, m.id).rows.find((r) => r.personId === personId) : undefined;
    return {
      monthId: m.id,
      period: m.period,
      schemeName: m.scheme_name,
      status: m.status,
      total: live ? live.total : m.total,
      grade: live ? live.grade : m.grade,
      veto: live ? live.veto : m.veto === 1,
      rankInUnit: live ? live.rankInUnit : m.rank_in_unit,
      exemptReason: m.exempt_reason,
    };
  });
}
