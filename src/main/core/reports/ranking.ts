/**
 * 排名表: a month's workers ranked by total, each with the rank in the community (社区排名) and in the role across the
 * month (岗位排名), grouped by community (in the tree's order) or by role. Ties share a rank (1, 1, 3) and print in
 * 姓氏笔画 order; a vetoed month ranks after every other; 免考 and 未评分 close each group.
 */
import type { ResultRow } from '../../../shared/contract/assessments';
import type { RankingGroupBy, RankingReport, RankingRow } from '../../../shared/contract/reports';
import { ROLES } from '../../../shared/domain/people';
import { formatDocumentPeriod, strokeComparator } from '../../../shared/domain/stroke-order';
import type { HandlerContext } from '../context';
import { monthResults } from '../assessments/queries';
import { byCommunity, gradeLabel, reportHeader, resultNote, scopeName, unitBelow } from './month-summary';

export function buildRanking(ctx: HandlerContext, input: { monthId: number; unitId: number | null; groupBy: RankingGroupBy }): RankingReport {
  const header = reportHeader(ctx);
  const results = monthResults(ctx.db, input.monthId, input.unitId);
  const { month } = results;

  const groups: [string, ResultRow[]][] =
    input.groupBy === 'community'
      ? byCommunity(ctx, results.rows)
      : ROLES.map((role): [string, ResultRow[]] => [role, results.rows.filter((r) => r.role === role)]).filter(([, rows]) => rows.length > 0);
  const rankOf = (r: ResultRow) => (input.groupBy === 'community' ? r.rankInUnit : r.rankInRole) ?? Infinity;
  const byName = strokeComparator<ResultRow>((r) => r.name, header);
  let seq = 0;
  return {
    header,
    title: `${formatDocumentPeriod(month.period)}${month.schemeName}排名表`,
    period: month.period,
    schemeName: month.schemeName,
    version: month.version,
    unitName: scopeName(ctx, input.unitId),
    finalised: month.status === 'finalised',
    groupBy: input.groupBy,
    groups: groups.map(([label, rows]) => ({
      label,
      rows: [...rows]
        .sort((a, b) => rankOf(a) - rankOf(b) || byName(a, b))
        .map(
          (r): RankingRow => ({
            seq: ++seq,
            personId: r.personId,
            name: r.name,
            community: r.community,
            unit: unitBelow(r),
            role: r.role,
            total: r.total,
            grade: gradeLabel(r),
            veto: r.veto,
            rankInGrid: r.rankInGrid,
            rankInCommunity: r.rankInUnit,
            rankInRole: r.rankInRole,
            note: resultNote(r),
          }),
        ),
    })),
    count: results.rows.length,
    ranked: results.rows.filter((r) => r.total !== null).length,
  };
}
