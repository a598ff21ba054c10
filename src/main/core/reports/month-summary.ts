/** 月度考核汇总表: a month's results for a unit, grouped by community, ranked, with the grade counts at the foot. */
import type { MonthSummaryReport, ReportHeader, SummaryGroup, SummaryRow } from '../../../shared/contract/reports';
import { formatDocumentPeriod, strokeComparator } from '../../../shared/domain/stroke-order';
import type { ResultRow } from '../../../shared/contract/assessments';
import { GRADES, type Grade } from '../../../shared/domain/scoring';
import { monthResults } from '../assessments/queries';
import type { HandlerContext } from '../context';
import { getUnit, treeOrder } from '../org/queries';
import { loadCriteria } from '../schemes/queries';
import { readReportSettings } from '../settings/queries';

export function reportHeader(ctx: HandlerContext): ReportHeader {
  const s = readReportSettings(ctx.db, ctx.today);
  return { officeName: s.officeName, date: s.effectiveDate, shortNameFirst: s.shortNameFirst };
}

export function gradeLabel(r: ResultRow): string {
  if (r.exemptReason) return '免考';
  return r.grade ?? '未评分';
}

/** What the 备注 column says of a month's row: the exemption, a veto, or that it is not scored. */
export function resultNote(r: ResultRow): string {
  return r.exemptReason ? r.exemptReason : r.veto ? '一票否决' : r.total === null ? '未评分' : '';
}

/** The unit below the community: 固戍社区 / 第一网格 → 第一网格; the community itself when the worker is on its staff. */
export function unitBelow(r: { unitPath: string; community: string }): string {
  const parts = r.unitPath.split(' / ');
  return parts.length > 1 && parts[0] === r.community ? parts.slice(1).join(' / ') : r.unitPath;
}

/** The name of a report's scope: the community chosen, or the street (the tree's root). */
export function scopeName(ctx: HandlerContext, unitId: number | null): string {
  return unitId === null ? ((ctx.db.prepare('SELECT name FROM org_units WHERE parent_id IS NULL ORDER BY id').pluck().get() as string | undefined) ?? '全部') : getUnit(ctx.db, unitId).name;
}

/**
 * Rows grouped by community, the communities in the organisation tree's order: a community's place is that of the
 * first of its units the rows name (a community's units follow it in the tree, before the next community's).
 */
export function byCommunity<T extends { community: string; unitId: number | null }>(ctx: HandlerContext, rows: readonly T[]): [string, T[]][] {
  const order = treeOrder(ctx.db);
  const groups = new Map<string, { rows: T[]; place: number }>();
  for (const r of rows) {
    const key = r.community || '其他';
    const place = r.unitId === null ? Infinity : (order.get(r.unitId) ?? Infinity);
    const g = groups.get(key);
    if (g) {
      g.rows.push(r);
      g.place = Math.min(g.place, place);
    } else groups.set(key, { rows: [r], place });
  }
  return [...groups].sort(([, a], [, b]) => a.place - b.place).map(([community, g]) => [community, g.rows]);
}

export function buildMonthSummary(ctx: HandlerContext, input: { monthId: number; unitId: number | null }): MonthSummaryReport {
  const header = reportHeader(ctx);
  const results = monthResults(ctx.db, input.monthId, input.unitId); // what the month page shows
  const { month } = results;
  const criteria = loadCriteria(ctx.db, month.versionId);
  const categories = results.categories.map((name) => ({
    name,
    max: criteria.filter((c) => c.category === name && (c.kind === 'score' || c.kind === 'deduction')).reduce((s, c) => s + c.max, 0),
  }));
  const fullMarks = categories.reduce((s, c) => s + c.max, 0);

  const byName = strokeComparator<ResultRow>((r) => r.name, header);
  let seq = 0;
  const out: SummaryGroup[] = byCommunity(ctx, results.rows).map(([community, rows]) => {
    rows.sort((a, b) => (a.rankInUnit ?? Infinity) - (b.rankInUnit ?? Infinity) || byName(a, b));
    return {
      community,
      rows: rows.map(
        (r): SummaryRow => ({
          seq: ++seq,
          personId: r.personId,
          name: r.name,
          unit: unitBelow(r),
          role: r.role,
          categories: results.categories.map((c) => (r.total === null || r.categories[c] === undefined ? null : r.categories[c]!)),
          total: r.total,
          grade: gradeLabel(r),
          rank: r.rankInUnit,
          note: resultNote(r),
        }),
      ),
    };
  });
  const unitName = scopeName(ctx, input.unitId);
  const gradeCounts = Object.fromEntries(GRADES.map((g) => [g, results.gradeCounts[g]])) as Record<Grade, number>;
  return {
    header,
    title: `${formatDocumentPeriod(month.period)}${month.schemeName}汇总表`,
    subtitle: `单位：${unitName}\u3000方案：${month.schemeName}（第${month.version}版）\u3000${month.status === 'finalised' ? '已归档' : '录入中，结果未归档'}`,
    period: month.period,
    schemeName: month.schemeName,
    version: month.version,
    unitName,
    finalised: month.status === 'finalised',
    categories,
    fullMarks,
    groups: out,
    count: results.rows.length,
    gradeCounts,
    exempt: results.rows.filter((r) => r.exemptReason).length,
    unscored: results.rows.filter((r) => !r.exemptReason && r.total === null).length,
  };
}
