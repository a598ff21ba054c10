/**
 * The entries of the results view's 报表 menu: what can be printed or exported for a period. 导出Excel (the table as
 * shown) is built in; the printable reports are the 报表 area's period print routes, for the period and unit shown.
 */
import type { PeriodSummary } from '../../../../shared/contract/periods';
import { periodReportHref } from '../reports/print-routes';

export interface PeriodReport {
  key: string;
  label: string;
  /** The print route for the period (and the unit chosen, null for all). */
  href: (period: PeriodSummary, unitId: number | null) => string;
  /** Only for a finalised period (reports of sealed results). */
  finalisedOnly?: boolean;
  /** Only with a unit chosen (the 登记表 prints a page a person: a unit at a time). */
  needsUnit?: boolean;
}

const list = (key: 'excellent' | 'undetermined' | 'warning', label: string): PeriodReport => ({
  key,
  label,
  href: (p, unitId) => periodReportHref('period-list', { periodId: p.id, unitId, list: key }),
});

export const PERIOD_REPORTS: PeriodReport[] = [
  { key: 'summary', label: '考核结果汇总表', href: (p, unitId) => periodReportHref('period-summary', { periodId: p.id, unitId }) },
  list('excellent', '优秀名单'),
  list('undetermined', '不定等次名单'),
  list('warning', '解聘预警名单'),
  { key: 'register', label: '考核登记表（本单位每人一页）', needsUnit: true, href: (p, unitId) => periodReportHref('period-register', { periodId: p.id, unitId }) },
];
