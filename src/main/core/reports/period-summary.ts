/**
 * 年度考核结果汇总表 (and the 季度/半年 ones): every member of a period in the reader's units, by community in the
 * tree's order and ranked within it, with the components, total, grade, the four ranks, the 优秀 quota mark and
 * 解聘预警; the 不定等次 listed apart at the end; the counts per grade at the foot. The rows are the period's own
 * (periodView: computed while open, as sealed once finalised), never recomputed here.
 */
import type { PeriodRow, PeriodView } from '../../../shared/contract/periods';
import type { PeriodReportHead, PeriodSummaryGroup, PeriodSummaryReport, PeriodSummaryRow } from '../../../shared/contract/reports';
import { strokeComparator } from '../../../shared/domain/stroke-order';
import type { HandlerContext } from '../context';
import { memberUnits, periodView } from '../periods/queries';
import { byCommunity, reportHeader, scopeName, unitBelow } from './month-summary';

/** A period's view for the reader's units, and the unit each member is assessed in. */
export function readPeriod(ctx: HandlerContext, periodId: number, unitId: number | null): { view: PeriodView; unitOf: Map<number, number> } {
  const view = periodView(ctx.db, ctx.actor, periodId, unitId);
  return { view, unitOf: memberUnits(ctx.db, periodId) };
}

export function periodHead(ctx: HandlerContext, view: PeriodView, unitId: number | null, report: string): PeriodReportHead {
  const { period } = view;
  const unitName = scopeName(ctx, unitId);
  const finalised = period.status === 'finalised';
  return {
    header: reportHeader(ctx),
    title: `${period.periodLabel}考核${report}`,
    subtitle: `单位：${unitName}\u3000方案：${period.schemeName}（第${period.version}版）${finalised ? '' : '\u3000未归档（草稿）'}`,
    periodId: period.id,
    period: period.period,
    periodLabel: period.periodLabel,
    schemeName: period.schemeName,
    version: period.version,
    unitName,
    finalised,
    weights: view.rules.weights,
  };
}

/** The grade as printed: the grade, 不定等次, or 未定等 when there was nothing to grade. */
export function periodGrade(r: PeriodRow): string {
  if (r.status === 'undetermined') return '不定等次';
  return r.grade ?? '未定等';
}

/** The 优秀 quota as printed; a decision on a tie is named as such (the derivation says it was decided). */
export function quotaLabel(r: PeriodRow): string {
  const decided = r.derivation.some((l) => l.includes('经决定'));
  switch (r.quota) {
    case 'kept':
      return decided ? '并列保留' : '名额内';
    case 'dropped':
      return decided ? '并列降等' : '名额外';
    case 'tie':
      return '并列待定';
    default:
      return '';
  }
}

export function buildPeriodSummary(ctx: HandlerContext, input: { periodId: number; unitId: number | null }): PeriodSummaryReport {
  const { view, unitOf } = readPeriod(ctx, input.periodId, input.unitId);
  const head = periodHead(ctx, view, input.unitId, '结果汇总表');
  const byName = strokeComparator<PeriodRow>((r) => r.name, head.header);
  const rows = view.rows.map((r) => ({ ...r, unitId: unitOf.get(r.personId) ?? null }));
  let seq = 0;
  const line = (r: PeriodRow): PeriodSummaryRow => ({
    seq: ++seq,
    personId: r.personId,
    name: r.name,
    unit: unitBelow(r),
    role: r.role,
    components: r.components,
    total: r.total,
    grade: periodGrade(r),
    ranks: r.ranks,
    quota: quotaLabel(r),
    warning: r.warning,
  });
  const graded = rows.filter((r) => r.status === 'graded');
  const groups: PeriodSummaryGroup[] = byCommunity(ctx, graded).map(([community, list]) => ({
    label: community,
    undetermined: false,
    rows: [...list].sort((a, b) => (a.ranks.community ?? Infinity) - (b.ranks.community ?? Infinity) || byName(a, b)).map(line),
  }));
  const apart = byCommunity(ctx, rows.filter((r) => r.status === 'undetermined')).flatMap(([, list]) => [...list].sort(byName));
  if (apart.length > 0) {
    groups.push({ label: `不定等次（在岗不满${view.rules.minMonthsInPost}个月）`, undetermined: true, rows: apart.map(line) });
  }
  const q = view.rules.quota;
  const places = Math.floor((graded.filter((r) => r.total !== null).length * (q?.percent ?? 0)) / 100);
  return {
    ...head,
    quotaText: q
      ? `优秀名额：${q.scope === 'street' ? '全街道' : '各社区'}定等人数的${q.percent}%${q.scope === 'street' ? `（${places}名）` : ''}`
      : '优秀不设名额',
    groups,
    count: view.rows.length,
    counts: view.counts,
    warnings: view.warnings.length,
  };
}
