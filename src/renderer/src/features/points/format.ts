/** How points, quantities and rules read on the points pages. */
import type { PointEntry, PointRule } from '../../../../shared/contract/points';
import { CAP_PERIODS, formatSigned } from '../../../../shared/domain/points';
import { formatHundredths } from '../../../../shared/domain/scoring';

/** '+0.5分/件' */
export function ruleRate(rule: Pick<PointRule, 'pointsPerUnit' | 'unit'>): string {
  return `${formatSigned(rule.pointsPerUnit)}分/${rule.unit}`;
}

/** '每月上限10分', or '' without a cap. */
export function ruleCap(rule: Pick<PointRule, 'cap' | 'capPeriod'>): string {
  return rule.cap === null || rule.capPeriod === null ? '' : `${CAP_PERIODS[rule.capPeriod]}上限${formatHundredths(rule.cap)}分`;
}

/** '上报安全隐患（+0.5分/件，每月上限10分）' */
export function ruleLabel(rule: PointRule): string {
  const cap = ruleCap(rule);
  return `${rule.name}（${ruleRate(rule)}${cap ? `，${cap}` : ''}）`;
}

/** Where a rule stands today. */
export function ruleState(rule: PointRule, today: string): string {
  if (!rule.active) return '已停用';
  if (rule.validFrom > today) return '未生效';
  if (rule.validTo !== null && rule.validTo < today) return '已到期';
  return '施行中';
}

/** '3件', '0.5天'. */
export function quantityText(entry: Pick<PointEntry, 'quantity' | 'unit'>): string {
  return `${formatHundredths(entry.quantity)}${entry.unit}`;
}

/** 'grade:基本合格' → '考核等次：基本合格', 'award:市级' → '市级表彰': short enough for a grid column. */
export function derivedShort(derived: string | null): string {
  if (derived === null) return '';
  const [kind, value] = derived.split(':') as [string, string];
  return kind === 'grade' ? `考核等次：${value}` : `${value === '街道' ? '街道级' : value}表彰`;
}

/** What happened to an entry: reversed, or a reversal of another. */
export function entryState(entry: Pick<PointEntry, 'reversesId' | 'reversedBy'>): string {
  if (entry.reversesId !== null) return `冲销第${entry.reversesId}号`;
  if (entry.reversedBy !== null) return '已冲销';
  return '';
}

export { formatSigned };
