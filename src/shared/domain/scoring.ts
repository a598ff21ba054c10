/**
 * How a month's numbers are made (DOMAIN.md): each evaluator's sheet gives that evaluator's total, with deductions,
 * bonuses, floors and caps applied within the sheet; the totals are combined (mean, trimmed mean, or group weights:
 * the mean within each group, then the weights). A veto from any evaluator stands. A missing evaluator is left out.
 * All amounts are integers in hundredths (95.5 → 9550); only the final total is rounded (half up).
 */

export const CRITERION_KINDS = {
  score: '评分项',
  deduction: '扣分项',
  bonus: '加分项',
  veto: '一票否决',
} as const;
export type CriterionKind = keyof typeof CRITERION_KINDS;
export const CRITERION_KIND_KEYS = Object.keys(CRITERION_KINDS) as [CriterionKind, ...CriterionKind[]];

/** Where a deduction stops: at 0 for the criterion itself, or at 0 for its whole category (扣完为止). */
export type DeductionFloor = 'criterion' | 'category';

export const AGGREGATIONS = {
  mean: '平均分',
  trimmed_mean: '去掉最高分和最低分后平均（民主评议）',
  group_weights: '按考核组加权（组内平均）',
} as const;
export type Aggregation = keyof typeof AGGREGATIONS;

export interface Criterion {
  id: number;
  category: string;
  name: string;
  kind: CriterionKind;
  /** score: the maximum; deduction: the points it starts from; bonus, veto: 0. */
  max: number;
  /** deduction and bonus: points per occurrence. */
  perUnit: number;
  /** bonus: the most it can add. */
  cap: number;
  floor: DeductionFloor;
  guide: string;
}

/** What an evaluator entered per criterion id: a 评分项's score in hundredths, or the other kinds' plain count. */
export type SheetValues = ReadonlyMap<number, number>;

export interface SheetLine {
  criterionId: number;
  value: number | null;
  /** What the line adds to the sheet, in hundredths (negative for a deduction past the criterion's points). */
  points: number;
}

export interface Sheet {
  total: number;
  veto: boolean;
  /** Every 评分项 has a value. */
  complete: boolean;
  lines: SheetLine[];
  categories: { category: string; points: number; clamped: boolean }[];
}

/** The sum of maxima that must equal the full score: 评分项 and 扣分项 points (bonuses and vetoes add none). */
export function sumOfMaxima(criteria: readonly Pick<Criterion, 'kind' | 'max'>[]): number {
  return criteria.reduce((s, c) => (c.kind === 'score' || c.kind === 'deduction' ? s + c.max : s), 0);
}

export function sheetOf(criteria: readonly Criterion[], values: SheetValues): Sheet {
  let complete = true;
  let veto = false;
  let bonus = 0;
  const categoryPoints = new Map<string, number>();
  const lines: SheetLine[] = criteria.map((c) => {
    const value = values.get(c.id) ?? null;
    let points = 0;
    switch (c.kind) {
      case 'score':
        if (value === null) complete = false;
        points = value ?? 0;
        break;
      case 'deduction': {
        const lost = (value ?? 0) * c.perUnit;
        points = c.floor === 'criterion' ? Math.max(0, c.max - lost) : c.max - lost;
        break;
      }
      case 'bonus':
        points = Math.min(c.cap, (value ?? 0) * c.perUnit);
        bonus += points;
        break;
      case 'veto':
        if ((value ?? 0) > 0) veto = true;
        break;
    }
    if (c.kind !== 'bonus') categoryPoints.set(c.category, (categoryPoints.get(c.category) ?? 0) + points);
    return { criterionId: c.id, value, points };
  });
  const categories = [...categoryPoints].map(([category, points]) => ({
    category,
    points: Math.max(0, points),
    clamped: points < 0,
  }));
  const total = categories.reduce((s, c) => s + c.points, 0) + bonus;
  return { total, veto, complete, lines, categories };
}

/**
 * Why a value cannot stand in a criterion's cell, or null. 评分项: hundredths, 0..max in steps of 0.5; the other
 * kinds: a plain count of occurrences 0, 1, 2 …
 */
export function valueError(c: Pick<Criterion, 'kind' | 'max' | 'name'>, value: number): string | null {
  if (!Number.isInteger(value)) return `“${c.name}”的值无效`;
  if (c.kind === 'score') {
    if (value < 0) return `“${c.name}”不能小于0`;
    if (value > c.max) return `“${c.name}”最高${formatHundredths(c.max)}分，不能填${formatHundredths(value)}`;
    if (value % 50 !== 0) return `“${c.name}”按0.5分计分，不能填${formatHundredths(value)}`;
    return null;
  }
  if (value < 0) return `“${c.name}”的次数不能小于0`;
  if (value > 999) return `“${c.name}”的次数过大`;
  return null;
}

// ---- combining evaluators ----

export interface EvaluatorSheet {
  evaluatorId: number;
  evaluatorName: string;
  group: string;
  total: number;
  veto: boolean;
}

export interface GroupWeight {
  name: string;
  /** Percent, e.g. 60 for 街道中心 60%. */
  weight: number;
}

export interface Combined {
  /** Hundredths, rounded half up once; null when no evaluator has a complete sheet. */
  total: number | null;
  veto: boolean;
  method: Aggregation;
  /** The evaluators whose totals were dropped by the trimmed mean. */
  dropped: number[];
  groups: { name: string; weight: number; mean: number | null; count: number }[];
  /** The exact value before rounding, as numerator / denominator in hundredths. */
  exact: { numerator: number; denominator: number } | null;
}

/** n / d rounded half up, for n ≥ 0 and d > 0. */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The mean of values in hundredths, rounded half up as every figure the app shows; null for none. */
export function meanOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : roundHalfUp(values.reduce((s, v) => s + v, 0), values.length);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Group weights as exact integer factors: the weighted result is Σ factors[i]·value[i] / denominator, i.e.
 * Σ w·(S/n) / Σ w over the groups that scored (a group that did not score, or weighs 0, is left out and the other
 * weights renormalised). Kept exact over a common denominator; null when no weighted group scored. The same plan
 * serves the total and each category's part.
 */
export function groupWeightPlan(
  groupOfSheet: readonly string[],
  weights: readonly GroupWeight[],
): { factors: number[]; denominator: number } | null {
  const count = weights.map((g) => groupOfSheet.filter((name) => name === g.name).length);
  const present = weights.flatMap((g, i) => (count[i]! > 0 && g.weight > 0 ? [i] : []));
  if (present.length === 0) return null;
  const lcm = present.reduce((l, i) => (l * count[i]!) / gcd(l, count[i]!), 1);
  const denominator = lcm * present.reduce((s, i) => s + weights[i]!.weight, 0);
  const factors = groupOfSheet.map((name) => {
    const i = weights.findIndex((g) => g.name === name);
    return i >= 0 && present.includes(i) ? (weights[i]!.weight * lcm) / count[i]! : 0;
  });
  return { factors, denominator };
}

export function combine(sheets: readonly EvaluatorSheet[], method: Aggregation, weights: readonly GroupWeight[]): Combined {
  const veto = sheets.some((s) => s.veto);
  const base = { veto, method, dropped: [] as number[], groups: [] as Combined['groups'] };
  if (sheets.length === 0) return { ...base, total: null, exact: null };

  if (method === 'group_weights') {
    const groups = weights.map((g) => {
      const mine = sheets.filter((s) => s.group === g.name);
      const sum = mine.reduce((s, x) => s + x.total, 0);
      return { name: g.name, weight: g.weight, sum, count: mine.length };
    });
    // each group's mean as shown in the derivation (rounded); the total is computed from the exact sums below
    const summary = groups.map((g) => ({ name: g.name, weight: g.weight, mean: g.count ? roundHalfUp(g.sum, g.count) : null, count: g.count }));
    const plan = groupWeightPlan(
      sheets.map((s) => s.group),
      weights,
    );
    if (plan === null) return { ...base, groups: summary, total: null, exact: null };
    const numerator = sheets.reduce((s, x, i) => s + plan.factors[i]! * x.total, 0);
    return { ...base, groups: summary, total: roundHalfUp(numerator, plan.denominator), exact: { numerator, denominator: plan.denominator } };
  }

  let kept = [...sheets];
  const dropped: number[] = [];
  if (method === 'trimmed_mean' && sheets.length >= 3) {
    const sorted = [...sheets].sort((a, b) => a.total - b.total || a.evaluatorId - b.evaluatorId);
    dropped.push(sorted[0]!.evaluatorId, sorted[sorted.length - 1]!.evaluatorId);
    kept = sorted.slice(1, -1);
  }
  const numerator = kept.reduce((s, x) => s + x.total, 0);
  return { ...base, dropped, total: roundHalfUp(numerator, kept.length), exact: { numerator, denominator: kept.length } };
}

// ---- grades and ranks ----

export const GRADES = ['优秀', '良好', '合格', '基本合格', '不合格'] as const;
export type Grade = (typeof GRADES)[number];

/** A grade band: min ≤ total < max (max null: no upper bound). */
export interface Band {
  grade: Grade;
  min: number;
  max: number | null;
}

export const DEFAULT_BANDS: Band[] = [
  { grade: '优秀', min: 9000, max: null },
  { grade: '良好', min: 8000, max: 9000 },
  { grade: '合格', min: 7000, max: 8000 },
  { grade: '基本合格', min: 6000, max: 7000 },
  { grade: '不合格', min: 0, max: 6000 },
];

/** Bands must cover 0 to no upper bound with no gap and no overlap; returns the problem in Chinese, or null. */
export function bandsError(bands: readonly Band[]): string | null {
  if (bands.length === 0) return '请至少设置一个等次';
  const names = new Set(bands.map((b) => b.grade));
  if (names.size !== bands.length) return '等次名称重复';
  for (const b of bands) {
    if (b.min < 0) return `“${b.grade}”的下限不能小于0`;
    if (b.max !== null && b.max <= b.min) return `“${b.grade}”的上限应大于下限`;
  }
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  if (sorted[0]!.min !== 0) return `最低等次“${sorted[0]!.grade}”应从0分起`;
  for (let i = 0; i < sorted.length - 1; i++) {
    const low = sorted[i]!;
    const high = sorted[i + 1]!;
    if (low.max === null) return `“${low.grade}”没有上限，与“${high.grade}”重叠`;
    if (low.max < high.min) {
      return `等次之间有空档：“${low.grade}”到${formatHundredths(low.max)}分，“${high.grade}”从${formatHundredths(high.min)}分起`;
    }
    if (low.max > high.min) {
      return `等次重叠：“${low.grade}”到${formatHundredths(low.max)}分，“${high.grade}”从${formatHundredths(high.min)}分起`;
    }
  }
  if (sorted[sorted.length - 1]!.max !== null) return `最高等次“${sorted[sorted.length - 1]!.grade}”不应设上限`;
  return null;
}

/** A veto makes the month 不合格 whatever the score. */
export function gradeOf(total: number, veto: boolean, bands: readonly Band[]): Grade {
  if (veto) return '不合格';
  const band = bands.find((b) => total >= b.min && (b.max === null || total < b.max));
  return band?.grade ?? '不合格';
}

/** Competition ranks (1, 1, 3): higher totals first, a vetoed month after every other. */
export function ranks<K>(items: readonly { key: K; total: number; veto: boolean }[]): Map<K, number> {
  const sorted = [...items].sort((a, b) => Number(a.veto) - Number(b.veto) || b.total - a.total);
  const out = new Map<K, number>();
  sorted.forEach((item, i) => {
    const prev = sorted[i - 1];
    const same = prev !== undefined && prev.total === item.total && prev.veto === item.veto;
    out.set(item.key, same ? out.get(prev.key)! : i + 1);
  });
  return out;
}

// ---- hundredths as text ----

/** 9550 → '95.5', 9000 → '90', 9525 → '95.25'. */
export function formatHundredths(v: number): string {
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const whole = Math.floor(a / 100);
  const frac = a % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Totals and averages, always with two decimals (8970 → '89.70', -350 → '-3.50'): a column of them lines up. */
export function fixed2(v: number): string {
  const a = Math.abs(v);
  return `${v < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** '95.5' → 9550; null for text that is not a number with at most two decimals. Full-width digits accepted. */
export function parseHundredths(text: string): number | null {
  const t = text.trim().replace(/[\uFF10-\uFF19\uFF0E\uFF0D]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const m = /^(-?)(\d{1,6})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}
