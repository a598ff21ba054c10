/**
 * 星级名册 of a published star period: everyone in post at the period's end with their latest published stars (as
 * `stars.roster` reads them), by community in the tree's order, 5★ first and 姓氏笔画 within a star, with the counts
 * per star for each community and at the foot.
 */
import type { StarRosterRow } from '../../../shared/contract/stars';
import type { StarRosterGroup, StarRosterReport } from '../../../shared/contract/reports';
import { strokeComparator } from '../../../shared/domain/stroke-order';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import { unitIndex } from '../org/queries';
import { runSummary, starRoster } from '../stars/queries';
import { byCommunity, reportHeader, scopeName, unitBelow } from './month-summary';

function countStars(rows: readonly { stars: number }[]): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const r of rows) counts[r.stars - 1]!++;
  return counts;
}

export function buildStarRoster(ctx: HandlerContext, input: { runId: number; unitId: number | null }): StarRosterReport {
  const header = reportHeader(ctx);
  const run = runSummary(ctx.db, input.runId);
  if (run.status !== 'published') throw new AppError('CONFLICT', `${run.periodLabel}的星级评定尚未发布，发布后才能打印星级名册`);
  const roster = starRoster(ctx, { asOf: run.end, unitId: input.unitId });
  const units = unitIndex(ctx.db);
  const rows = roster.rows.map((r) => ({ ...r, community: r.unitId === null ? '' : (units.communityOf(r.unitId)?.name ?? '') }));
  const byName = strokeComparator<StarRosterRow>((r) => r.name, header);
  let seq = 0;
  const groups: StarRosterGroup[] = byCommunity(ctx, rows).map(([community, list]) => ({
    community,
    counts: countStars(list),
    rows: [...list]
      .sort((a, b) => b.stars - a.stars || byName(a, b))
      .map((r) => ({
        seq: ++seq,
        personId: r.personId,
        name: r.name,
        unit: unitBelow(r),
        stars: r.stars,
        periodLabel: r.periodLabel,
        overridden: r.overridden,
        reason: r.reason,
      })),
  }));
  return {
    header,
    title: `${run.periodLabel}星级名册`,
    runId: run.id,
    period: run.period,
    periodLabel: run.periodLabel,
    asOf: run.end,
    unitName: scopeName(ctx, input.unitId),
    groups,
    count: rows.length,
    counts: countStars(rows),
    mixedPeriods: rows.some((r) => r.period !== run.period),
  };
}
