/** 积分排行榜: point balances of a period ranked (street-wide, or within one community), ties in 姓氏笔画 order. */
import type { BalanceRow } from '../../../shared/contract/points';
import type { PointsRankingReport } from '../../../shared/contract/reports';
import { AppError } from '../../../shared/errors';
import { PERIOD_KEY_RE, type BalanceKind } from '../../../shared/domain/points';
import { strokeComparator } from '../../../shared/domain/stroke-order';
import type { HandlerContext } from '../context';
import { getUnit } from '../org/queries';
import { balances as pointBalances } from '../points/queries';
import { reportHeader } from './month-summary';

function unitBelow(r: BalanceRow): string {
  const parts = r.unitPath.split(' / ');
  const i = parts.indexOf(r.community);
  return i >= 0 && i < parts.length - 1 ? parts.slice(i + 1).join(' / ') : r.unitPath;
}

export function buildPointsRanking(ctx: HandlerContext, input: { kind: BalanceKind; period: string; unitId: number | null }): PointsRankingReport {
  if (!PERIOD_KEY_RE[input.kind].test(input.period)) throw new AppError('VALIDATION', '请选择统计期间');
  const header = reportHeader(ctx);
  const balances = pointBalances(ctx.db, { ...input, role: '' }, ctx.today);
  const rankOf = (r: BalanceRow) => (input.unitId === null ? r.rank : r.rankInCommunity);
  const byName = strokeComparator<BalanceRow>((r) => r.name, header);
  const rows = [...balances.rows].sort((a, b) => rankOf(a) - rankOf(b) || byName(a, b));
  const unitName = input.unitId === null ? header.officeName || '全街道' : getUnit(ctx.db, input.unitId).name;
  return {
    header,
    title: `${balances.label}积分排行榜`,
    label: balances.label,
    unitName,
    rows: rows.map((r) => ({
      rank: rankOf(r),
      personId: r.personId,
      name: r.name,
      community: r.community,
      unit: unitBelow(r),
      role: r.role,
      plus: r.plus,
      minus: r.minus,
      points: r.points,
      entries: r.entries,
    })),
  };
}
