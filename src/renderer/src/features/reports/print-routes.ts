/**
 * Print routes: '#/print/<report>?<params>', one per report, outside the app's navigation so the page holds the
 * sheet alone. A route's params are the input of the call that reads its report (PrintView checks them with that
 * call's schema); links are built here so every caller spells them the same way.
 */
import type { z } from 'zod';
import type { CallOutput } from '../../../../shared/contract';
import type { reportsContract, ReportRequest } from '../../../../shared/contract/reports';

export const PRINT_PREFIX = '#/print/';

/** Each report's route and the call that reads it; the route is also its name in `reports.excel`. */
export const PRINT_CALLS = {
  'month-summary': 'reports.monthSummary',
  'score-card': 'reports.scoreCard',
  commendation: 'reports.commendation',
  certificate: 'reports.certificates',
  'points-ranking': 'reports.pointsRanking',
  ranking: 'reports.ranking',
  'star-roster': 'reports.starRoster',
  'period-summary': 'reports.periodSummary',
  'period-list': 'reports.periodList',
  'period-register': 'reports.periodRegister',
} as const satisfies Record<ReportRequest['report'], keyof typeof reportsContract>;

export type PrintReport = keyof typeof PRINT_CALLS;
export type CallOf<R extends PrintReport> = (typeof PRINT_CALLS)[R];
/** A route's params as its call's schema gives them (defaults filled in). */
export type PrintInput<R extends PrintReport> = z.output<(typeof reportsContract)[CallOf<R>]['input']>;
export type PrintData<R extends PrintReport> = CallOutput<CallOf<R>>;

export interface PrintRoute {
  report: string;
  params: URLSearchParams;
}

export function printRouteOf(hash: string): PrintRoute | null {
  if (!hash.startsWith(PRINT_PREFIX)) return null;
  const rest = hash.slice(PRINT_PREFIX.length);
  const q = rest.indexOf('?');
  return { report: q < 0 ? rest : rest.slice(0, q), params: new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)) };
}

export function isPrintReport(report: string): report is PrintReport {
  return Object.prototype.hasOwnProperty.call(PRINT_CALLS, report);
}

export function printHref<R extends PrintReport>(report: R, params: { [K in keyof PrintInput<R>]?: string | number | null }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) q.set(k, String(v));
  return `${PRINT_PREFIX}${report}?${q.toString()}`;
}

/**
 * The reports of a period (季度/半年/年度考核), for a link from wherever a period is shown:
 * - 'period-summary' (考核结果汇总表): { periodId, unitId? }
 * - 'period-list' (优秀名单 / 不定等次名单 / 解聘预警名单): { periodId, unitId?, list: 'excellent' | 'undetermined' | 'warning' }
 * - 'period-register' (考核登记表, a page a person): { periodId, personId } for one person, { periodId, unitId } for a unit
 * e.g. periodReportHref('period-register', { periodId: 3, personId: 42 }).
 */
export const PERIOD_PRINT_ROUTES = ['period-summary', 'period-list', 'period-register'] as const;
export type PeriodPrintRoute = (typeof PERIOD_PRINT_ROUTES)[number];
export function periodReportHref<R extends PeriodPrintRoute>(report: R, params: { [K in keyof PrintInput<R>]?: string | number | null }): string {
  return printHref(report, params);
}
