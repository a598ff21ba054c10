/**
 * What every analysis reads: the months of a scheme in a period, each worker's month (the finalised snapshot, or the
 * open month computed as it stands), each evaluator's complete sheet totals, and who the reader may see.
 */
import type { Database } from 'better-sqlite3';
import type { CoveredMonth } from '../../../shared/contract/analysis';
import type { Role } from '../../../shared/domain/people';
import { sheetOf, type Grade } from '../../../shared/domain/scoring';
import type { SheetTotal } from '../../../shared/domain/analysis';
import type { Actor } from '../context';
import { scoringScope } from '../accounts/scope';
import { computeMonth, loadValues } from '../assessments/compute';
import { subtreeIds, treeOrder, unitIndex, type UnitIndex } from '../org/queries';
import { loadCriteria } from '../schemes/queries';

export interface MonthRef {
  id: number;
  schemeId: number;
  versionId: number;
  period: string;
  status: 'open' | 'finalised';
}

/** A worker's month as the analyses read it. */
export interface MonthRecord {
  personId: number;
  unitId: number;
  role: Role;
  exempt: boolean;
  total: number | null;
  grade: Grade | null;
  veto: boolean;
  rankInUnit: number | null;
}

export function monthRef(db: Database, monthId: number): MonthRef | undefined {
  return db
    .prepare('SELECT id, scheme_id AS schemeId, version_id AS versionId, period, status FROM assessment_months WHERE id = ?')
    .get(monthId) as MonthRef | undefined;
}

/** The scheme's months from–to, in period order. */
export function schemeMonths(db: Database, schemeId: number, from: string, to: string): MonthRef[] {
  return db
    .prepare(
      `SELECT id, scheme_id AS schemeId, version_id AS versionId, period, status FROM assessment_months
        WHERE scheme_id = ? AND period BETWEEN ? AND ? ORDER BY period, id`,
    )
    .all(schemeId, from, to) as MonthRef[];
}

export function covered(months: readonly MonthRef[]): CoveredMonth[] {
  return months.map((m) => ({ monthId: m.id, period: m.period, complete: m.status === 'finalised' }));
}

/** Every worker's month: the snapshot a finalised month was sealed with, or an open month as scored so far. */
export function monthRecords(db: Database, month: Pick<MonthRef, 'id' | 'status'>): MonthRecord[] {
  if (month.status === 'open') {
    return computeMonth(db, month.id).rows.map((r) => ({
      personId: r.personId,
      unitId: r.unitId,
      role: r.role,
      exempt: r.exemptReason !== '',
      total: r.total,
      grade: r.grade,
      veto: r.veto,
      rankInUnit: r.rankInUnit,
    }));
  }
  return (
    db
      .prepare(
        `SELECT mm.person_id, mm.unit_id, mm.role, mm.exempt_reason, r.total, r.grade, r.veto, r.rank_in_unit
           FROM month_members mm LEFT JOIN month_results r ON r.month_id = mm.month_id AND r.person_id = mm.person_id
          WHERE mm.month_id = ?`,
      )
      .raw()
      .all(month.id) as [number, number, Role, string, number | null, Grade | null, number | null, number | null][]
  ).map(([personId, unitId, role, exempt, total, grade, veto, rankInUnit]) => ({
    personId,
    unitId,
    role,
    exempt: exempt !== '',
    total: exempt !== '' ? null : total,
    grade: exempt !== '' ? null : grade,
    veto: veto === 1,
    rankInUnit,
  }));
}

/** Each evaluator's complete sheet total for each worker of a month (incomplete sheets and absent evaluators are none). */
export function sheetTotals(db: Database, month: Pick<MonthRef, 'id' | 'versionId'>, keep: (personId: number) => boolean = () => true): SheetTotal[] {
  const criteria = loadCriteria(db, month.versionId);
  const out: SheetTotal[] = [];
  for (const [personId, byEvaluator] of loadValues(db, month.id)) {
    if (!keep(personId)) continue;
    for (const [evaluatorId, values] of byEvaluator) {
      const sheet = sheetOf(criteria, values);
      if (sheet.complete) out.push({ evaluatorId, personId, total: sheet.total });
    }
  }
  return out;
}

/** Which units' workers a reader may see: a 考核员 their own units; the filter's unit (with its subtree) if any. */
export function visibleUnits(db: Database, actor: Actor, unitId: number | null): (unit: number) => boolean {
  const scope = scoringScope(db, actor);
  const within = unitId === null ? null : new Set(subtreeIds(db, unitId));
  return (unit) => (scope === null || scope.has(unit)) && (within === null || within.has(unit));
}

/** The community (社区/村) a unit lies in, by id and name; the units themselves when they lie in none. */
export function communities(db: Database): UnitIndex & { community: (unitId: number) => { id: number; name: string } } {
  const units = unitIndex(db);
  return {
    ...units,
    community: (unitId) => {
      const c = units.communityOf(unitId);
      return c ? { id: c.id, name: c.name } : { id: unitId, name: units.byId.get(unitId)?.name ?? '' };
    },
  };
}

/** Communities in the org tree's order (as every report lists them). */
export function treeSorted<T extends { unitId: number }>(db: Database, list: T[]): T[] {
  const order = treeOrder(db);
  return list.sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0));
}
