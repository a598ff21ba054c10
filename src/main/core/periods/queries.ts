/** What the periods area lets others read: period schemes, periods, a period's results and a rater's ballots. */
import type { Database } from 'better-sqlite3';
import type { BallotSheet, PeriodSchemeDetail, PeriodSchemeSummary, PeriodSummary, PeriodView } from '../../../shared/contract/periods';
import type { Ballot, PeriodMonth, PeriodRules } from '../../../shared/domain/periods';
import type { Role } from '../../../shared/domain/people';
import { GRADES, type Grade } from '../../../shared/domain/scoring';
import { starPeriodLabel, starPeriodMonths, type StarPeriodKind } from '../../../shared/domain/stars';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import { visibleUnits } from '../analysis/records';
import { loadEvaluators } from '../assessments/compute';
import { unitPaths } from '../org/queries';
import { computeRows, monthsMissing, periodRecord, sealedMonths, sealedRows, summaryOf } from './compute';

export function listPeriodSchemes(db: Database): PeriodSchemeSummary[] {
  return (
    db
      .prepare(
        `SELECT s.id, s.name, s.kind,
                (SELECT max(version) FROM period_scheme_versions v WHERE v.period_scheme_id = s.id AND v.status = 'published') AS published,
                EXISTS (SELECT 1 FROM period_scheme_versions v WHERE v.period_scheme_id = s.id AND v.status = 'draft') AS draft,
                (SELECT count(*) FROM period_assessments a WHERE a.period_scheme_id = s.id) AS periods
           FROM period_schemes s ORDER BY s.id`,
      )
      .all() as { id: number; name: string; kind: StarPeriodKind; published: number | null; draft: number; periods: number }[]
  ).map((r) => ({ id: r.id, name: r.name, kind: r.kind, publishedVersion: r.published, hasDraft: r.draft === 1, periods: r.periods }));
}

/** A scheme at one version: the draft if there is one (and no version is asked for), else the latest published. */
export function periodScheme(db: Database, schemeId: number, version?: number): PeriodSchemeDetail {
  const scheme = db.prepare('SELECT id, name, kind FROM period_schemes WHERE id = ?').get(schemeId) as { id: number; name: string; kind: StarPeriodKind } | undefined;
  if (!scheme) throw new AppError('NOT_FOUND', '该周期考核方案不存在');
  const versions = db
    .prepare('SELECT id, version, status, roles, month_scheme_id, rules FROM period_scheme_versions WHERE period_scheme_id = ? ORDER BY version')
    .all(schemeId) as { id: number; version: number; status: 'draft' | 'published'; roles: string; month_scheme_id: number | null; rules: string }[];
  const v = version === undefined ? (versions.find((x) => x.status === 'draft') ?? versions.at(-1)) : versions.find((x) => x.version === version);
  if (!v) throw new AppError('NOT_FOUND', '该方案版本不存在');
  return {
    schemeId,
    name: scheme.name,
    kind: scheme.kind,
    versionId: v.id,
    version: v.version,
    status: v.status,
    roles: JSON.parse(v.roles) as Role[],
    monthSchemeId: v.month_scheme_id,
    rules: JSON.parse(v.rules) as PeriodRules,
    versions: versions.map((x) => ({ versionId: x.id, version: x.version, status: x.status })),
  };
}

export function listPeriods(db: Database): PeriodSummary[] {
  const ids = db.prepare('SELECT id FROM period_assessments ORDER BY period DESC, id').pluck().all() as number[];
  return ids.map((id) => summaryOf(db, periodRecord(db, id)));
}

/** A period's results for the reader's units: computed now while open, as sealed once finalised. */
export function periodView(db: Database, actor: Actor, periodId: number, unitId: number | null): PeriodView {
  const p = periodRecord(db, periodId);
  const visible = visibleUnits(db, actor, unitId);
  const units = memberUnits(db, periodId);
  const rows = (p.status === 'finalised' ? sealedRows(db, p) : computeRows(db, p)).filter((r) => visible(units.get(r.personId)!));
  const counts = { ...(Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>), 不定等次: 0 };
  for (const r of rows) {
    if (r.status === 'undetermined') counts.不定等次++;
    else if (r.grade) counts[r.grade]++;
  }
  return {
    period: summaryOf(db, p),
    rules: JSON.parse(p.rules) as PeriodRules,
    monthsMissing: monthsMissing(db, p),
    rows,
    counts,
    ties: rows.filter((r) => r.quota === 'tie').map((r) => r.personId),
    warnings: rows.filter((r) => r.warning).map((r) => r.personId),
  };
}

/**
 * One rater's ballots for the members in the units `visible` lets through (the reader's, or a unit's subtree), and
 * how far every rater has come.
 */
export function ballotSheet(db: Database, input: { periodId: number; evaluatorId: number }, visible: (unit: number) => boolean): BallotSheet {
  const p = periodRecord(db, input.periodId);
  const paths = unitPaths(db);
  const mine = new Map(
    db.prepare('SELECT person_id, ballot FROM appraisal_ballots WHERE period_id = ? AND evaluator_id = ?').raw().all(input.periodId, input.evaluatorId) as [number, Ballot][],
  );
  const rows = (
    db
      .prepare('SELECT pm.person_id, pe.name, pm.unit_id FROM period_members pm JOIN people pe ON pe.id = pm.person_id WHERE pm.period_id = ? ORDER BY pe.name_pinyin, pe.id')
      .raw()
      .all(input.periodId) as [number, string, number][]
  )
    .filter(([, , unit]) => visible(unit))
    .map(([personId, name, unit]) => ({ personId, name, unitPath: paths.get(unit) ?? '', ballot: mine.get(personId) ?? null }));
  const evaluators = loadEvaluators(db);
  const cast = db.prepare('SELECT evaluator_id, count(*) FROM appraisal_ballots WHERE period_id = ? GROUP BY evaluator_id').raw().all(input.periodId) as [number, number][];
  return {
    period: summaryOf(db, p),
    evaluatorId: input.evaluatorId,
    rows,
    progress: cast.map(([evaluatorId, n]) => ({ evaluatorId, name: evaluators.get(evaluatorId)?.name ?? '', cast: n })),
  };
}

/**
 * The finalised result of a period scheme for one period, as other areas take it for their input (star ratings,
 * award nominations): the graded members' sealed totals; null when that period is not opened or not finalised.
 */
export function finalisedPeriodTotals(
  db: Database,
  where: { periodSchemeId: number; period: string } | { periodId: number },
): { periodId: number; label: string; months: string[]; monthSchemeId: number | null; rows: { personId: number; unitId: number; total: number; grade: Grade }[] } | null {
  const p = db
    .prepare(
      `SELECT a.id, a.period, a.status, s.name, v.month_scheme_id FROM period_assessments a
         JOIN period_schemes s ON s.id = a.period_scheme_id JOIN period_scheme_versions v ON v.id = a.version_id
        WHERE ${'periodId' in where ? 'a.id = @periodId' : 'a.period_scheme_id = @periodSchemeId AND a.period = @period'}`,
    )
    .get(where) as { id: number; period: string; status: string; name: string; month_scheme_id: number | null } | undefined;
  if (!p || p.status !== 'finalised') return null;
  const rows = db
    .prepare(
      `SELECT r.person_id AS personId, m.unit_id AS unitId, r.total, r.grade FROM period_results r
         JOIN period_members m ON m.period_id = r.period_id AND m.person_id = r.person_id
        WHERE r.period_id = ? AND r.status = 'graded' AND r.total IS NOT NULL ORDER BY r.person_id`,
    )
    .all(p.id) as { personId: number; unitId: number; total: number; grade: Grade }[];
  return { periodId: p.id, label: `${starPeriodLabel(p.period)}${p.name}`, months: starPeriodMonths(p.period), monthSchemeId: p.month_scheme_id, rows };
}

/**
 * The months a period reads, for its reports: each month of the period with its state (finalised, open, or not opened)
 * and each member's sealed month (exempt apart) where the month is finalised; and the unit each member is assessed in.
 */
export function periodMonths(db: Database, periodId: number): {
  months: { period: string; status: 'finalised' | 'open' | 'missing' }[];
  byPerson: Map<number, PeriodMonth[]>;
  units: Map<number, number>;
} {
  const p = periodRecord(db, periodId);
  const status = new Map(
    p.month_scheme_id === null
      ? []
      : (db.prepare('SELECT period, status FROM assessment_months WHERE scheme_id = ?').raw().all(p.month_scheme_id) as [string, 'open' | 'finalised'][]),
  );
  return {
    months: starPeriodMonths(p.period).map((period) => ({ period, status: status.get(period) ?? 'missing' })),
    byPerson: sealedMonths(db, p),
    units: memberUnits(db, periodId),
  };
}

/** The unit each member of a period is assessed in. */
export function memberUnits(db: Database, periodId: number): Map<number, number> {
  return new Map(db.prepare('SELECT person_id, unit_id FROM period_members WHERE period_id = ?').raw().all(periodId) as [number, number][]);
}
