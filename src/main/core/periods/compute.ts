/**
 * A period's inputs gathered from the records, and its results: each member's months of the monthly scheme (the sealed
 * totals of finalised months; exempt months apart), months in post (in post on the 1st), year-end ballots, points in
 * the period; then the rules of shared/domain/periods.ts, with the decisions taken on ties at the 优秀 line.
 */
import type { Database } from 'better-sqlite3';
import type { PeriodRow, PeriodSummary } from '../../../shared/contract/periods';
import { computePeriod, type Ballot, type PeriodMonth, type PeriodRules, type PeriodWorker } from '../../../shared/domain/periods';
import type { Role } from '../../../shared/domain/people';
import type { Grade } from '../../../shared/domain/scoring';
import { starPeriodDates, starPeriodLabel, starPeriodMonths } from '../../../shared/domain/stars';
import { AppError } from '../../../shared/errors';
import { unitIndex } from '../org/queries';

interface PeriodRecord {
  id: number;
  scheme_id: number;
  scheme_name: string;
  version_id: number;
  version: number;
  period: string;
  status: 'open' | 'finalised';
  finalised_at: string | null;
  month_scheme_id: number | null;
  rules: string;
}

export function periodRecord(db: Database, periodId: number): PeriodRecord {
  const p = db
    .prepare(
      `SELECT a.id, a.period_scheme_id AS scheme_id, s.name AS scheme_name, a.version_id, v.version, a.period, a.status, a.finalised_at,
              v.month_scheme_id, v.rules
         FROM period_assessments a JOIN period_schemes s ON s.id = a.period_scheme_id JOIN period_scheme_versions v ON v.id = a.version_id
        WHERE a.id = ?`,
    )
    .get(periodId) as PeriodRecord | undefined;
  if (!p) throw new AppError('NOT_FOUND', '该期间考核不存在');
  return p;
}

export function summaryOf(db: Database, p: PeriodRecord): PeriodSummary {
  return {
    id: p.id,
    schemeId: p.scheme_id,
    schemeName: p.scheme_name,
    version: p.version,
    period: p.period,
    periodLabel: starPeriodLabel(p.period),
    status: p.status,
    members: db.prepare('SELECT count(*) FROM period_members WHERE period_id = ?').pluck().get(p.id) as number,
    finalisedAt: p.finalised_at,
  };
}

/**
 * What the period still waits for: its months whose monthly assessment is not finalised (or was never opened), and
 * the year-end appraisal sheet's month when the appraisal is a scored sheet ('2025-12 年终测评表').
 */
export function monthsMissing(db: Database, p: Pick<PeriodRecord, 'period' | 'month_scheme_id' | 'rules'>): string[] {
  const finalised = db.prepare("SELECT period FROM assessment_months WHERE scheme_id = ? AND status = 'finalised'").pluck();
  const months = starPeriodMonths(p.period);
  const missing: string[] = [];
  if (p.month_scheme_id !== null) {
    const done = new Set(finalised.all(p.month_scheme_id) as string[]);
    missing.push(...months.filter((m) => !done.has(m)));
  }
  const sheet = appraisalSheet(db, p);
  if (sheet && !(finalised.all(sheet.schemeId) as string[]).includes(sheet.month)) missing.push(`${sheet.month} ${sheet.name}`);
  return missing;
}

/** The scored sheet a period's appraisal reads (its scheme, name and month), or null when ballots are cast. */
function appraisalSheet(db: Database, p: Pick<PeriodRecord, 'period' | 'rules'>): { schemeId: number; name: string; month: string } | null {
  const schemeId = (JSON.parse(p.rules) as PeriodRules).appraisalSchemeId ?? null;
  if (schemeId === null) return null;
  const name = (db.prepare('SELECT name FROM schemes WHERE id = ?').pluck().get(schemeId) as string | undefined) ?? '年终测评表';
  return { schemeId, name, month: starPeriodMonths(p.period).at(-1)! };
}

/** The sealed months of the monthly scheme in the period (finalised months only), per person, in period order. */
export function sealedMonths(db: Database, p: Pick<PeriodRecord, 'period' | 'month_scheme_id'>): Map<number, PeriodMonth[]> {
  const months = starPeriodMonths(p.period);
  const monthly = new Map<number, PeriodMonth[]>();
  if (p.month_scheme_id === null) return monthly;
  for (const [personId, period, total, grade, veto, exempt] of db
    .prepare(
      `SELECT mm.person_id, m.period, r.total, r.grade, r.veto, mm.exempt_reason <> '' FROM month_members mm
         JOIN assessment_months m ON m.id = mm.month_id LEFT JOIN month_results r ON r.month_id = mm.month_id AND r.person_id = mm.person_id
        WHERE m.scheme_id = ? AND m.status = 'finalised' AND m.period BETWEEN ? AND ? ORDER BY m.period`,
    )
    .raw()
    .iterate(p.month_scheme_id, months[0], months.at(-1)) as Iterable<[number, string, number | null, Grade | null, number | null, number]>) {
    const month: PeriodMonth = { period, total: exempt ? null : total, grade: exempt ? null : grade, veto: veto === 1, exempt: exempt === 1 };
    const list = monthly.get(personId);
    if (list) list.push(month);
    else monthly.set(personId, [month]);
  }
  return monthly;
}

/** Every member's result (and who they are), computed now from the records. */
export function computeRows(db: Database, p: PeriodRecord): PeriodRow[] {
  const rules = JSON.parse(p.rules) as PeriodRules;
  const months = starPeriodMonths(p.period);
  const { start, end } = starPeriodDates(p.period);
  const units = unitIndex(db);
  const members = db
    .prepare('SELECT pm.person_id, pm.unit_id, pm.role, pe.name FROM period_members pm JOIN people pe ON pe.id = pm.person_id WHERE pm.period_id = ? ORDER BY pe.name_pinyin, pe.id')
    .all(p.id) as { person_id: number; unit_id: number; role: Role; name: string }[];

  const monthly = sealedMonths(db, p);
  // in post on the 1st of each month of the period
  const terms = new Map<number, { from: string; to: string | null }[]>();
  for (const [personId, from, to] of db
    .prepare("SELECT person_id, valid_from, valid_to FROM person_terms WHERE status = '在岗' AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)")
    .raw()
    .iterate(end, start) as Iterable<[number, string, string | null]>) {
    terms.set(personId, [...(terms.get(personId) ?? []), { from, to }]);
  }
  const inPost = (personId: number) =>
    months.filter((m) => (terms.get(personId) ?? []).some((t) => t.from <= `${m}-01` && (t.to === null || t.to > `${m}-01`))).length;
  // the appraisal: the raters' ballots, or the totals of a scored sheet sealed in the period's last month
  const ballots = new Map<number, Ballot[]>();
  const sheetTotals = new Map<number, number>();
  const sheet = appraisalSheet(db, p);
  if (sheet) {
    for (const [personId, total] of db
      .prepare(
        `SELECT r.person_id, r.total FROM month_results r JOIN assessment_months m ON m.id = r.month_id
           JOIN month_members mm ON mm.month_id = r.month_id AND mm.person_id = r.person_id
          WHERE m.scheme_id = ? AND m.period = ? AND m.status = 'finalised' AND r.total IS NOT NULL AND mm.exempt_reason = ''`,
      )
      .raw()
      .iterate(sheet.schemeId, sheet.month) as Iterable<[number, number]>) {
      sheetTotals.set(personId, total);
    }
  } else {
    for (const [personId, ballot] of db.prepare('SELECT person_id, ballot FROM appraisal_ballots WHERE period_id = ?').raw().iterate(p.id) as Iterable<[number, Ballot]>) {
      const list = ballots.get(personId);
      if (list) list.push(ballot);
      else ballots.set(personId, [ballot]);
    }
  }
  const points = new Map(
    db.prepare('SELECT person_id, sum(points) FROM point_entries WHERE date BETWEEN ? AND ? GROUP BY person_id').raw().all(start, end) as [number, number][],
  );
  const decisions = new Map(
    (db.prepare('SELECT person_id, keep, reason FROM period_tie_decisions WHERE period_id = ?').raw().all(p.id) as [number, number, string][]).map(([id, keep, reason]) => [
      id,
      { keep: keep === 1, reason },
    ]),
  );

  const workers: PeriodWorker[] = members.map((m) => ({
    personId: m.person_id,
    gridId: units.gridOf(m.unit_id)?.id ?? null,
    communityId: units.communityOf(m.unit_id)?.id ?? null,
    role: m.role,
    monthsInPost: inPost(m.person_id),
    months: monthly.get(m.person_id) ?? [],
    ballots: ballots.get(m.person_id) ?? [],
    appraisalTotal: sheetTotals.get(m.person_id) ?? null,
    appraisalSheet: sheet ? `${sheet.month} ${sheet.name}` : undefined,
    points: points.get(m.person_id) ?? 0,
  }));
  const byId = new Map(members.map((m) => [m.person_id, m]));
  const inputs = new Map(workers.map((w) => [w.personId, w]));
  return computePeriod(workers, rules, decisions).map((r) => {
    const m = byId.get(r.personId)!;
    // added to the result in place: copying a thousand rows costs more than the rules
    return Object.assign(r, {
      name: m.name,
      unitPath: units.paths.get(m.unit_id) ?? '',
      community: units.communityOf(m.unit_id)?.name ?? '',
      role: m.role,
      monthsInPost: inputs.get(r.personId)!.monthsInPost,
      ballots: inputs.get(r.personId)!.ballots.length,
    });
  });
}

/** The rows a finalised period was sealed with (names and paths read afresh). */
export function sealedRows(db: Database, p: PeriodRecord): PeriodRow[] {
  const live = new Map(computeRows(db, p).map((r) => [r.personId, r]));
  const sealed = db
    .prepare(
      `SELECT person_id, months_score, appraisal_score, points_score, total, grade, status, warning, quota, rank_grid, rank_community, rank_role, rank_street, derivation
         FROM period_results WHERE period_id = ?`,
    )
    .all(p.id) as {
    person_id: number;
    months_score: number | null;
    appraisal_score: number | null;
    points_score: number | null;
    total: number | null;
    grade: Grade | null;
    status: 'graded' | 'undetermined';
    warning: number;
    quota: 'kept' | 'dropped' | null;
    rank_grid: number | null;
    rank_community: number | null;
    rank_role: number | null;
    rank_street: number | null;
    derivation: string;
  }[];
  return sealed.map((s) => ({
    ...live.get(s.person_id)!,
    components: { months: s.months_score, appraisal: s.appraisal_score, points: s.points_score },
    total: s.total,
    grade: s.grade,
    status: s.status,
    warning: s.warning === 1,
    quota: s.quota,
    ranks: { grid: s.rank_grid, community: s.rank_community, role: s.rank_role, street: s.rank_street },
    derivation: JSON.parse(s.derivation) as string[],
  }));
}
