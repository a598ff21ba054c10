/**
 * 社区对比 and 指标: each community's distribution of monthly totals per month with its rank by median, and where
 * points are lost — criterion × community, the mean share of each criterion's maximum a sheet keeps.
 */
import type { Database } from 'better-sqlite3';
import type { AnalysisFilter, CommunityComparison, CriteriaHeatmap } from '../../../shared/contract/analysis';
import { distribution } from '../../../shared/domain/analysis';
import { ranks, roundHalfUp, sheetOf, type Criterion } from '../../../shared/domain/scoring';
import type { Actor } from '../context';
import { loadMembers, loadValues } from '../assessments/compute';
import { loadCriteria } from '../schemes/queries';
import { communities, covered, monthRecords, schemeMonths, treeSorted, visibleUnits } from './records';

type Filter = Required<Pick<AnalysisFilter, 'schemeId' | 'from' | 'to'>> & { unitId: number | null; role: string | null };

export function compareCommunities(db: Database, actor: Actor, f: Filter): CommunityComparison {
  const months = schemeMonths(db, f.schemeId, f.from, f.to);
  const visible = visibleUnits(db, actor, f.unitId);
  const units = communities(db);
  const totals = new Map<number, { name: string; perMonth: number[][] }>();
  months.forEach((m, i) => {
    for (const r of monthRecords(db, m)) {
      if (r.total === null || !visible(r.unitId) || (f.role !== null && r.role !== f.role)) continue;
      const c = units.community(r.unitId);
      let entry = totals.get(c.id);
      if (!entry) totals.set(c.id, (entry = { name: c.name, perMonth: months.map(() => []) }));
      entry.perMonth[i]!.push(r.total);
    }
  });
  const list = treeSorted(
    db,
    [...totals].map(([unitId, e]) => ({ unitId, name: e.name, distributions: e.perMonth.map((v) => distribution(v)), ranks: [] as (number | null)[] })),
  );
  months.forEach((_, i) => {
    const byMedian = ranks(list.flatMap((c) => (c.distributions[i] ? [{ key: c.unitId, total: c.distributions[i]!.median, veto: false }] : [])));
    for (const c of list) c.ranks[i] = byMedian.get(c.unitId) ?? null;
  });
  return { months: covered(months), communities: list };
}

/** What a sheet keeps of a criterion's maximum, in hundredths of a percent; null for kinds with no maximum to lose. */
function keptShare(c: Criterion, points: number): number | null {
  if ((c.kind !== 'score' && c.kind !== 'deduction') || c.max <= 0) return null;
  return roundHalfUp(Math.max(0, points) * 10000, c.max); // a deduction past its points keeps nothing
}

export function criteriaHeatmap(db: Database, actor: Actor, f: Filter): CriteriaHeatmap {
  const months = schemeMonths(db, f.schemeId, f.from, f.to);
  const visible = visibleUnits(db, actor, f.unitId);
  const units = communities(db);
  // rows: the latest month's criteria that can lose points; other versions' criteria are matched by category and name
  const latest = months.at(-1);
  const rows = latest ? loadCriteria(db, latest.versionId).filter((c) => keptShare(c, 0) !== null) : [];
  const rowOf = new Map(rows.map((c, i) => [`${c.category}\u0000${c.name}`, i]));
  const sums = new Map<number, { name: string; share: number[]; sheets: number[] }>();
  for (const m of months) {
    const criteria = loadCriteria(db, m.versionId);
    const members = new Map(loadMembers(db, m.id).map((x) => [x.personId, x]));
    for (const [personId, byEvaluator] of loadValues(db, m.id)) {
      const member = members.get(personId);
      if (!member || member.exemptReason || !visible(member.unitId) || (f.role !== null && member.role !== f.role)) continue;
      const c = units.community(member.unitId);
      let cell = sums.get(c.id);
      if (!cell) sums.set(c.id, (cell = { name: c.name, share: rows.map(() => 0), sheets: rows.map(() => 0) }));
      for (const values of byEvaluator.values()) {
        const sheet = sheetOf(criteria, values);
        if (!sheet.complete) continue;
        criteria.forEach((criterion, k) => {
          const row = rowOf.get(`${criterion.category}\u0000${criterion.name}`);
          const share = keptShare(criterion, sheet.lines[k]!.points);
          if (row === undefined || share === null) return;
          cell!.share[row]! += share;
          cell!.sheets[row]!++;
        });
      }
    }
  }
  const cols = treeSorted(db, [...sums].map(([unitId, s]) => ({ unitId, name: s.name, s })));
  return {
    months: covered(months),
    criteria: rows.map((c) => ({ id: c.id, name: c.name, category: c.category, kind: c.kind, max: c.max })),
    communities: cols.map(({ unitId, name }) => ({ unitId, name })),
    cells: rows.map((_, r) => cols.map(({ s }) => (s.sheets[r]! > 0 ? { share: roundHalfUp(s.share[r]!, s.sheets[r]!), sheets: s.sheets[r]! } : null))),
  };
}
