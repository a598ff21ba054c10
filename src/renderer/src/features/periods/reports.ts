/**
 * The entries of the results view's 报表 menu: what can be printed or exported for a period. 导出Excel (the table as
 * shown) is built in; a printable report joins by adding its entry here (its href is the print route's hash).
 */
import type { PeriodSummary } from '../../../../shared/contract/periods';

export interface PeriodReport {
  key: string;
  label: string;
  /** The print route for the period (and the unit chosen, null for all). */
  href: (period: PeriodSummary, unitId: number | null) => string;
  /** Only for a finalised period (reports of sealed results). */
  finalisedOnly?: boolean;
}

export const PERIOD_REPORTS: PeriodReport[] = [];
