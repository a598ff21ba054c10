/**
 * Points (积分制), pure rules: what an entry is worth under its rule's cap, what a reversal is, and the periods
 * balances are read over. All amounts are integers in hundredths (0.5 → 50), quantities too (0.5天 → 50).
 */
import { daysInMonth } from './dates';
import { formatHundredths } from './scoring';

export const POINT_UNITS = ['次', '件', '天'] as const;
export type PointUnit = (typeof POINT_UNITS)[number];

export const CAP_PERIODS = { month: '每月', year: '每年' } as const;
export type CapPeriod = keyof typeof CAP_PERIODS;

export const POINT_SOURCES = { manual: '手工', import: '导入', month: '月度考核', award: '表彰' } as const;
export type PointSource = keyof typeof POINT_SOURCES;
export const POINT_SOURCE_KEYS = Object.keys(POINT_SOURCES) as [PointSource, ...PointSource[]];

/** What may post a rule automatically: a month's grade, or an award of a level. */
export const DERIVED_KINDS = {
  'grade:优秀': '月度考核等次：优秀',
  'grade:良好': '月度考核等次：良好',
  'grade:合格': '月度考核等次：合格',
  'grade:基本合格': '月度考核等次：基本合格',
  'grade:不合格': '月度考核等次：不合格',
  'award:街道': '获街道级表彰',
  'award:区级': '获区级表彰',
  'award:市级': '获市级表彰',
} as const;
export type DerivedKind = keyof typeof DERIVED_KINDS;
export const DERIVED_KIND_KEYS = Object.keys(DERIVED_KINDS) as [DerivedKind, ...DerivedKind[]];

/** Rules derived from a month's grade are posted only by finalising the month, never by hand. */
export function isGradeRule(derived: string | null): boolean {
  return derived !== null && derived.startsWith('grade:');
}

export interface CapRule {
  pointsPerUnit: number;
  cap: number | null;
  capPeriod: CapPeriod | null;
}

export interface CappedPoints {
  /** quantity × points per unit, before the cap. */
  uncapped: number;
  /** What the entry gets: all of it, only what is left under the cap (possibly 0). */
  points: number;
  capped: boolean;
  /** What was left under the cap before this entry (null without a cap), as a magnitude. */
  room: number | null;
}

/** quantity (hundredths) × points per unit (hundredths) in hundredths, rounded half away from zero. */
export function entryPoints(pointsPerUnit: number, quantity: number): number {
  const product = pointsPerUnit * quantity;
  const magnitude = Math.floor((Math.abs(product) + 50) / 100);
  return product < 0 ? -magnitude : magnitude;
}

/**
 * Applies a rule's cap, given what the person already has under this rule in the cap's period (`already`, the sum of
 * their points there, reversals included). A cap bounds the magnitude: a giving rule gives at most `cap` a period,
 * a deducting rule takes at most `cap`. An entry that would pass the cap gets only what is left, possibly 0.
 */
export function applyCap(rule: CapRule, quantity: number, already: number): CappedPoints {
  const uncapped = entryPoints(rule.pointsPerUnit, quantity);
  if (rule.cap === null) return { uncapped, points: uncapped, capped: false, room: null };
  const sign = rule.pointsPerUnit < 0 ? -1 : 1;
  const used = Math.max(0, sign * already);
  const room = Math.max(0, rule.cap - used);
  const wanted = Math.abs(uncapped);
  if (wanted <= room) return { uncapped, points: uncapped, capped: false, room };
  return { uncapped, points: room === 0 ? 0 : sign * room, capped: true, room };
}

/** What a user reads about a capped entry. */
export function capMessage(rule: CapRule & { name: string }, result: CappedPoints): string | null {
  if (!result.capped || rule.cap === null || rule.capPeriod === null) return null;
  const period = CAP_PERIODS[rule.capPeriod];
  const limit = `“${rule.name}”${period}上限${formatHundredths(rule.cap)}分`;
  if (result.points === 0) return `${limit}，本期已满，此条计0分`;
  return `${limit}，此条应计${formatSigned(result.uncapped)}分，只计剩余的${formatSigned(result.points)}分`;
}

/** The dates (inclusive) of the cap period a date falls in. */
export function capPeriodRange(capPeriod: CapPeriod, date: string): { from: string; to: string } {
  return capPeriod === 'month' ? periodRange('month', date.slice(0, 7)) : periodRange('year', date.slice(0, 4));
}

/** The reversing entry's amounts: the original negated, so the two sum to nothing. */
export function reversalOf(original: { quantity: number; points: number; uncapped: number }): { quantity: number; points: number; uncapped: number } {
  return { quantity: -original.quantity, points: -original.points, uncapped: -original.uncapped };
}

/** Why an entry cannot be reversed, or null. */
export function reversalError(original: { reversesId: number | null; reversedBy: number | null }): string | null {
  if (original.reversesId !== null) return '这是一条冲销记录，不能再冲销';
  if (original.reversedBy !== null) return '这条记录已经冲销过，不能重复冲销';
  return null;
}

/** '+3', '-0.5', '0'. */
/** A rule's dates, as they bound when it may be used. */
export interface InForce {
  validFrom: string;
  validTo: string | null;
}

/** Whether a rule is in force on a date (its dates only; whether it is switched on is checked apart). */
export function inForceOn(rule: InForce, date: string): boolean {
  return rule.validFrom <= date && (rule.validTo === null || rule.validTo >= date);
}

/** Why a rule cannot be used on a date ('“巡查” 自2025-01-01起施行，2024-12-31不能使用此规则'), or null when it can. */
export function notInForceMessage(rule: InForce & { name: string }, date: string): string | null {
  if (inForceOn(rule, date)) return null;
  const force = rule.validTo === null ? `自${rule.validFrom}起施行` : `施行期为${rule.validFrom}至${rule.validTo}`;
  return `“${rule.name}”${force}，${date}不能使用此规则`;
}

export function formatSigned(points: number): string {
  return points > 0 ? `+${formatHundredths(points)}` : formatHundredths(points);
}

// ---- the periods balances are read over ----

export const BALANCE_KINDS = { month: '月', quarter: '季', year: '年', all: '累计' } as const;
export type BalanceKind = keyof typeof BALANCE_KINDS;
export const BALANCE_KIND_KEYS = Object.keys(BALANCE_KINDS) as [BalanceKind, ...BalanceKind[]];

/** The pattern of each kind's period key: '2026-11', '2026-Q4', '2026', and '' for all time. */
export const PERIOD_KEY_RE: Record<BalanceKind, RegExp> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
  all: /^$/,
};

/** '2026-11' → '2026-Q4'. */
export function quarterOf(periodOrDate: string): string {
  const month = Number(periodOrDate.slice(5, 7));
  return `${periodOrDate.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The key of the period of a kind that a date falls in. */
export function periodKeyOf(kind: BalanceKind, date: string): string {
  switch (kind) {
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return quarterOf(date);
    case 'year':
      return date.slice(0, 4);
    case 'all':
      return '';
  }
}

/** The dates (inclusive) a period covers; all time is open at both ends. */
export function periodRange(kind: BalanceKind, key: string): { from: string; to: string } {
  switch (kind) {
    case 'month': {
      const [y, m] = key.split('-').map(Number) as [number, number];
      return { from: `${key}-01`, to: `${key}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
    }
    case 'quarter': {
      const year = key.slice(0, 4);
      const q = Number(key.slice(6));
      const first = (q - 1) * 3 + 1;
      const last = first + 2;
      return {
        from: `${year}-${String(first).padStart(2, '0')}-01`,
        to: `${year}-${String(last).padStart(2, '0')}-${String(daysInMonth(Number(year), last)).padStart(2, '0')}`,
      };
    }
    case 'year':
      return { from: `${key}-01-01`, to: `${key}-12-31` };
    case 'all':
      return { from: '0000-01-01', to: '9999-12-31' };
  }
}

/** '2026-11' → '2026年11月', '2026-Q4' → '2026年第四季度', '2026' → '2026年', '' → '累计'. */
export function periodLabel(kind: BalanceKind, key: string): string {
  switch (kind) {
    case 'month':
      return `${key.slice(0, 4)}年${Number(key.slice(5))}月`;
    case 'quarter':
      return `${key.slice(0, 4)}年第${['一', '二', '三', '四'][Number(key.slice(6)) - 1]}季度`;
    case 'year':
      return `${key}年`;
    case 'all':
      return '累计';
  }
}

/** The periods of a kind from the newest (the one holding `today`) back `count` periods. */
export function recentPeriods(kind: BalanceKind, today: string, count: number): string[] {
  if (kind === 'all') return [''];
  const out: string[] = [];
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  for (let i = 0; i < count; i++) {
    if (kind === 'year') out.push(String(year - i));
    else if (kind === 'quarter') {
      const index = year * 4 + Math.ceil(month / 3) - 1 - i;
      out.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
    } else {
      const index = year * 12 + month - 1 - i;
      out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
    }
  }
  return out;
}

/** Competition ranks (1, 1, 3) by points, highest first. */
export function rankByPoints<K>(items: readonly { key: K; points: number }[]): Map<K, number> {
  const sorted = [...items].sort((a, b) => b.points - a.points);
  const out = new Map<K, number>();
  sorted.forEach((item, i) => {
    const prev = sorted[i - 1];
    out.set(item.key, prev !== undefined && prev.points === item.points ? out.get(prev.key)! : i + 1);
  });
  return out;
}

/** Running balances of entries in ledger order. */
export function runningBalances(points: readonly number[]): number[] {
  let balance = 0;
  return points.map((p) => (balance += p));
}
