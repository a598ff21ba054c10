/**
 * What an analyst reads from the records (DOMAIN.md, "What an analyst reads from it"), as pure rules on numbers in
 * hundredths, so that every figure 首页 and 分析 show can be checked by hand: distributions, evaluator leniency, flat
 * scoring and ceiling, slipping and alarms.
 */
import { roundHalfUp } from './scoring';

/** A distribution as a box plot draws it: min, quartiles (Excel's QUARTILE.INC), median, max, and how many. */
export interface Distribution {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
}

/** The p-quantile of sorted values by linear interpolation between closest ranks (QUARTILE.INC), rounded half up. */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const exact = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
  return Math.round(exact); // hundredths: half of a hundredth rounds up, as roundHalfUp does for positive values
}

export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted.at(-1)!,
    mean: roundHalfUp(sorted.reduce((s, v) => s + v, 0), sorted.length),
  };
}

/** The population standard deviation, in hundredths, rounded half up; 0 for fewer than two values. */
export function spread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.round(Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length));
}

// ---- evaluators ----

/** When an evaluator is flagged (configurable; DOMAIN.md's defaults). */
export interface EvaluatorRules {
  /** Leniency: |mean difference| at least this many hundredths … */
  leniencyPoints: number;
  /** … over at least this many shared workers. */
  leniencyMinWorkers: number;
  /** Flat scoring: the spread of the evaluator's totals under this many hundredths … */
  flatSpread: number;
  /** … over at least this many workers. */
  flatMinWorkers: number;
}

export const DEFAULT_EVALUATOR_RULES: EvaluatorRules = { leniencyPoints: 300, leniencyMinWorkers: 10, flatSpread: 100, flatMinWorkers: 10 };

/** One evaluator's complete sheet total for one worker (incomplete sheets and recusals are not sheets). */
export interface SheetTotal {
  evaluatorId: number;
  personId: number;
  total: number;
}

/** A pair behind a leniency figure: the evaluator's total and the mean of the others' for the same worker. */
export interface Pair {
  personId: number;
  total: number;
  others: number;
  /** total − others, hundredths (others' mean rounded half up). */
  difference: number;
}

export interface EvaluatorFigures {
  evaluatorId: number;
  /** Workers this evaluator scored (complete sheets). */
  workers: number;
  mean: number | null;
  /** Spread of the evaluator's own totals. */
  spread: number;
  /** Share of the evaluator's sheets at full marks, in hundredths of a percent (1250 = 12.50%). */
  ceilingShare: number;
  /** Workers scored by this evaluator and at least one other. */
  shared: number;
  /** Mean of (own total − the others' mean) over shared workers, hundredths; null when none are shared. */
  leniency: number | null;
  /** Spread of those differences. */
  leniencySpread: number;
  lenient: boolean;
  harsh: boolean;
  flat: boolean;
}

/** The pairs behind one evaluator's leniency: each shared worker, the evaluator's total against the others' mean. */
export function pairsOf(evaluatorId: number, sheets: readonly SheetTotal[]): Pair[] {
  const byPerson = new Map<number, SheetTotal[]>();
  for (const s of sheets) {
    const list = byPerson.get(s.personId) ?? [];
    list.push(s);
    byPerson.set(s.personId, list);
  }
  const pairs: Pair[] = [];
  for (const [personId, list] of byPerson) {
    const mine = list.find((s) => s.evaluatorId === evaluatorId);
    const others = list.filter((s) => s.evaluatorId !== evaluatorId);
    if (!mine || others.length === 0) continue;
    const othersMean = roundHalfUp(others.reduce((s, o) => s + o.total, 0), others.length);
    pairs.push({ personId, total: mine.total, others: othersMean, difference: mine.total - othersMean });
  }
  return pairs.sort((a, b) => b.difference - a.difference || a.personId - b.personId);
}

/** Leniency, flat scoring and ceiling for every evaluator with a sheet, by DOMAIN.md's definitions. */
export function evaluatorFigures(sheets: readonly SheetTotal[], fullScore: number, rules: EvaluatorRules = DEFAULT_EVALUATOR_RULES): EvaluatorFigures[] {
  const evaluators = [...new Set(sheets.map((s) => s.evaluatorId))].sort((a, b) => a - b);
  return evaluators.map((evaluatorId) => {
    const own = sheets.filter((s) => s.evaluatorId === evaluatorId).map((s) => s.total);
    const differences = pairsOf(evaluatorId, sheets).map((p) => p.difference);
    const leniency = differences.length ? roundHalfUp(differences.reduce((s, d) => s + d, 0), differences.length) : null;
    const enough = differences.length >= rules.leniencyMinWorkers;
    const ownSpread = spread(own);
    return {
      evaluatorId,
      workers: own.length,
      mean: own.length ? roundHalfUp(own.reduce((s, v) => s + v, 0), own.length) : null,
      spread: ownSpread,
      ceilingShare: own.length ? roundHalfUp(own.filter((t) => t >= fullScore).length * 10000, own.length) : 0,
      shared: differences.length,
      leniency,
      leniencySpread: spread(differences),
      lenient: enough && leniency !== null && leniency >= rules.leniencyPoints,
      harsh: enough && leniency !== null && leniency <= -rules.leniencyPoints,
      flat: own.length >= rules.flatMinWorkers && ownSpread < rules.flatSpread,
    };
  });
}

// ---- people over months ----

/** One finalised month of a person, in period order. */
export interface MonthPoint {
  period: string;
  total: number | null;
  grade: string | null;
  veto: boolean;
}

/** How far three falls in a row must go, in all, to count as slipping (DOMAIN.md): 5 points. */
export const SLIPPING_MIN_DROP = 500;

/**
 * 连降三个月: the last four scored months each lower than the one before, by at least SLIPPING_MIN_DROP in all; the drop
 * (positive hundredths) or null. Months must follow one another: a gap (a month not scored) breaks the run.
 */
export function slipping(months: readonly MonthPoint[]): { from: string; to: string; drop: number } | null {
  const last = months.slice(-4);
  if (last.length < 4 || last.some((m) => m.total === null)) return null;
  for (let i = 1; i < 4; i++) {
    if (!consecutive(last[i - 1]!.period, last[i]!.period) || last[i]!.total! >= last[i - 1]!.total!) return null;
  }
  const drop = last[0]!.total! - last[3]!.total!;
  return drop >= SLIPPING_MIN_DROP ? { from: last[0]!.period, to: last[3]!.period, drop } : null;
}

/** Whether period b is the month after period a ('YYYY-MM'). */
export function consecutive(a: string, b: string): boolean {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return yb * 12 + mb === ya * 12 + ma + 1;
}

/** 预警: two consecutive 不合格, or three 不合格 in one calendar year (DOMAIN.md); the reason in Chinese, or null. */
export function alarm(months: readonly MonthPoint[]): { reason: string; periods: string[] } | null {
  const failed = months.filter((m) => m.grade === '不合格');
  for (let i = 1; i < failed.length; i++) {
    if (consecutive(failed[i - 1]!.period, failed[i]!.period)) {
      return { reason: `连续两个月不合格（${failed[i - 1]!.period}、${failed[i]!.period}）`, periods: [failed[i - 1]!.period, failed[i]!.period] };
    }
  }
  const byYear = new Map<string, string[]>();
  for (const m of failed) {
    const year = byYear.get(m.period.slice(0, 4)) ?? [];
    year.push(m.period);
    byYear.set(m.period.slice(0, 4), year);
  }
  for (const [year, periods] of byYear) {
    if (periods.length >= 3) return { reason: `${year}年已有${periods.length}个月不合格（${periods.join('、')}）`, periods };
  }
  return null;
}
