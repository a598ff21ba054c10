/**
 * Star ratings (星级评定, DOMAIN.md): a rule set turns a period's results — the average monthly score, points,
 * vetoes, awards and discipline — into 1–5 stars, by thresholds or by quota (top N%), then applies its conditions in
 * a fixed order, each step explained in the reason a user reads:
 *   1. the base star, by thresholds (average and optional minimum points) or by quota (people with equal averages
 *      that a line would split are a tie, decided one by one with a reason: nobody is cut, or let past the quota,
 *      silently);
 *   2. an award in the period adds one star (when the rule set says so; issue 6 feeds the awards);
 *   3. dynamic management (星级动态管理): at most one star up or down from the previous rating;
 *   4. a 通报批评 in the period blocks an upgrade: no more stars than the previous rating;
 *   5. a veto (一票否决) in the period caps at 1★, whatever came before.
 * Amounts are integers in hundredths (95.5 → 9550); a grid's mean star is in hundredths of a star (3.5★ → 350).
 */
import { fixed2, roundHalfUp } from './scoring';

export const STAR_PERIOD_KINDS = { quarter: '季度', half: '半年', year: '年度' } as const;
export type StarPeriodKind = keyof typeof STAR_PERIOD_KINDS;
export const STAR_PERIOD_KIND_KEYS = Object.keys(STAR_PERIOD_KINDS) as [StarPeriodKind, ...StarPeriodKind[]];

export const STAR_METHODS = { thresholds: '按分数线', quota: '按名额比例' } as const;
export type StarMethod = keyof typeof STAR_METHODS;
export const STAR_METHOD_KEYS = Object.keys(STAR_METHODS) as [StarMethod, ...StarMethod[]];

export const DISCIPLINE_KINDS = ['通报批评', '诫勉谈话', '警告'] as const;
export type DisciplineKind = (typeof DISCIPLINE_KINDS)[number];

export type Stars = 1 | 2 | 3 | 4 | 5;
/** The stars a rule names, highest first; 1★ is what is left. */
export const RULE_STARS = [5, 4, 3, 2] as const;
export type RuleStars = (typeof RULE_STARS)[number];

/** A threshold line: an average of at least minAverage (and, when set, at least minPoints points) earns `stars`. */
export interface StarThreshold {
  stars: RuleStars;
  minAverage: number;
  minPoints: number | null;
}

/** A quota tier: the next `percent` of the people, by average, earn `stars` (and must have minPoints when set). */
export interface StarQuota {
  stars: RuleStars;
  percent: number;
  minPoints: number | null;
}

/** A grid line: a mean of its workers' stars of at least `minMean` (hundredths of a star) earns `stars`. */
export interface GridThreshold {
  stars: RuleStars;
  minMean: number;
}

export interface StarConditions {
  /** 一票否决 in the period caps at 1★. */
  vetoCap: boolean;
  /** A 通报批评 in the period: no more stars than the previous rating. */
  criticismBlocksUpgrade: boolean;
  /** 星级动态管理: at most one star up or down from the previous rating. */
  dynamic: boolean;
  /** An award (表彰) in the period adds one star. */
  awardUpgrade: boolean;
}

export interface StarRules {
  periodKind: StarPeriodKind;
  method: StarMethod;
  thresholds: StarThreshold[];
  quota: StarQuota[];
  gridThresholds: GridThreshold[];
  conditions: StarConditions;
}

export const DEFAULT_THRESHOLDS: StarThreshold[] = [
  { stars: 5, minAverage: 9600, minPoints: null },
  { stars: 4, minAverage: 9000, minPoints: null },
  { stars: 3, minAverage: 8000, minPoints: null },
  { stars: 2, minAverage: 7000, minPoints: null },
];
export const DEFAULT_QUOTA: StarQuota[] = [
  { stars: 5, percent: 10, minPoints: null },
  { stars: 4, percent: 20, minPoints: null },
  { stars: 3, percent: 40, minPoints: null },
  { stars: 2, percent: 20, minPoints: null },
];
export const DEFAULT_GRID_THRESHOLDS: GridThreshold[] = [
  { stars: 5, minMean: 450 },
  { stars: 4, minMean: 350 },
  { stars: 3, minMean: 250 },
  { stars: 2, minMean: 150 },
];
export const DEFAULT_CONDITIONS: StarConditions = { vetoCap: true, criticismBlocksUpgrade: true, dynamic: true, awardUpgrade: false };

// ---- periods ----

const PERIOD_RE = { quarter: /^(\d{4})-Q([1-4])$/, half: /^(\d{4})-H([12])$/, year: /^(\d{4})$/ } as const;

export function isStarPeriod(kind: StarPeriodKind, period: string): boolean {
  return PERIOD_RE[kind].test(period);
}

/** The kind a period is written in: '2026-Q3' quarter, '2026-H1' half, '2026' year; null for anything else. */
export function starPeriodKindOf(period: string): StarPeriodKind | null {
  return STAR_PERIOD_KIND_KEYS.find((k) => PERIOD_RE[k].test(period)) ?? null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The months of a period, 'YYYY-MM', in order. */
export function starPeriodMonths(period: string): string[] {
  const kind = starPeriodKindOf(period);
  if (!kind) throw new Error(`not a star period: ${period}`);
  const year = Number(period.slice(0, 4));
  const [first, count] =
    kind === 'quarter' ? [(Number(period.slice(6)) - 1) * 3 + 1, 3] : kind === 'half' ? [period.endsWith('H1') ? 1 : 7, 6] : [1, 12];
  return Array.from({ length: count }, (_, i) => `${year}-${pad2(first + i)}`);
}

/** The first and last day of a period. */
export function starPeriodDates(period: string): { start: string; end: string } {
  const months = starPeriodMonths(period);
  const last = months.at(-1)!;
  const [y, m] = last.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${months[0]}-01`, end: `${last}-${pad2(days)}` };
}

const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** '2026-Q3' → '2026年第三季度', '2026-H1' → '2026年上半年', '2026' → '2026年度'. */
export function starPeriodLabel(period: string): string {
  const kind = starPeriodKindOf(period);
  const year = period.slice(0, 4);
  if (kind === 'quarter') return `${year}年${QUARTER_NAMES[Number(period.slice(6))]}`;
  if (kind === 'half') return `${year}年${period.endsWith('H1') ? '上半年' : '下半年'}`;
  if (kind === 'year') return `${year}年度`;
  return period;
}

/** The period of a kind that holds a month 'YYYY-MM'. */
export function starPeriodOf(kind: StarPeriodKind, month: string): string {
  const year = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  if (kind === 'quarter') return `${year}-Q${Math.ceil(m / 3)}`;
  if (kind === 'half') return `${year}-H${m <= 6 ? 1 : 2}`;
  return year;
}

/** The period just before. */
export function previousStarPeriod(period: string): string {
  const kind = starPeriodKindOf(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'quarter') {
    const q = Number(period.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  if (kind === 'half') return period.endsWith('H2') ? `${year}-H1` : `${year - 1}-H2`;
  return String(year - 1);
}

/** The `count` periods of a kind that ended on or before `lastMonth`'s period, newest first (it included). */
export function recentStarPeriods(kind: StarPeriodKind, lastMonth: string, count: number): string[] {
  const out = [starPeriodOf(kind, lastMonth)];
  while (out.length < count) out.push(previousStarPeriod(out.at(-1)!));
  return out;
}

// ---- display ----

/** 3 → '★★★☆☆'. */
export function starText(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return '★'.repeat(n) + '☆'.repeat(5 - n);
}

/** People per star (index 0 for 1★) as reports write them, most stars first: ★★★★★ 12 人，★★★★ 30 人，…. */
export function starCountsText(counts: readonly number[]): string {
  return [5, 4, 3, 2, 1].map((s) => `${'★'.repeat(s)}\u00a0${counts[s - 1] ?? 0}\u00a0人`).join('，');
}

// ---- rules checked ----

/** The rule set's problems in Chinese (empty when it is sound). */
export function starRulesErrors(rules: StarRules): string[] {
  const errors: string[] = [];
  const checkStars = (list: readonly { stars: number }[], what: string) => {
    const seen = list.map((t) => t.stars);
    if (new Set(seen).size !== seen.length) errors.push(`${what}中有重复的星级`);
  };
  if (rules.method === 'thresholds') {
    checkStars(rules.thresholds, '分数线');
    if (rules.thresholds.length === 0) errors.push('请至少设置一条分数线');
    const sorted = [...rules.thresholds].sort((a, b) => b.stars - a.stars);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.minAverage >= sorted[i - 1]!.minAverage) {
        errors.push(`${sorted[i]!.stars}★的分数线应低于${sorted[i - 1]!.stars}★的分数线`);
      }
    }
    for (const t of rules.thresholds) if (t.minAverage < 0 || t.minAverage > 100_000) errors.push(`${t.stars}★的分数线应在0到1000分之间`);
  } else {
    checkStars(rules.quota, '名额比例');
    if (rules.quota.length === 0) errors.push('请至少设置一档名额比例');
    const total = rules.quota.reduce((s, q) => s + q.percent, 0);
    if (rules.quota.some((q) => q.percent < 0)) errors.push('名额比例不能为负数');
    if (total > 100) errors.push(`名额比例合计 ${total}%，不能超过100%`);
  }
  checkStars(rules.gridThresholds, '网格星级线');
  const grids = [...rules.gridThresholds].sort((a, b) => b.stars - a.stars);
  for (let i = 1; i < grids.length; i++) {
    if (grids[i]!.minMean >= grids[i - 1]!.minMean) errors.push(`网格${grids[i]!.stars}★的平均星级线应低于${grids[i - 1]!.stars}★`);
  }
  for (const g of grids) if (g.minMean < 100 || g.minMean > 500) errors.push(`网格${g.stars}★的平均星级线应在1到5之间`);
  return errors;
}

// ---- rating ----

/** One person's inputs for a period. */
export interface StarInput<K = number> {
  key: K;
  /** The average monthly score in hundredths. */
  average: number;
  /** Months that average is taken over. */
  months: number;
  /** Points in the period, in hundredths (0 where no points ledger exists). */
  points: number;
  vetoes: number;
  /** 通报批评 records dated in the period. */
  criticisms: number;
  /** Awards (表彰) in the period, by name. */
  awards: string[];
  /** The latest published rating before this period, or null. */
  previous: Stars | null;
}

export interface StarResult<K = number> {
  key: K;
  stars: Stars;
  reason: string;
  /** At a quota line with others of the same average (see quotaTies): open until decided, then kept or dropped. */
  tie: 'open' | 'kept' | 'dropped' | null;
}

const clampStars = (n: number): Stars => Math.max(1, Math.min(5, n)) as Stars;

function pointsNote(points: number, need: number, stars: number): string {
  return `积分 ${fixed2(points)} 分未达 ${stars}★ 所需 ${fixed2(need)} 分`;
}

/** The base star by thresholds, with the words that explain it. */
function byThresholds(input: StarInput<unknown>, thresholds: readonly StarThreshold[], scoreLabel: string): { stars: Stars; text: string } {
  const lines = [...thresholds].sort((a, b) => b.stars - a.stars);
  const head = `${scoreLabel} ${fixed2(input.average)} 分`;
  const byScore = lines.find((t) => input.average >= t.minAverage);
  if (!byScore) return { stars: 1, text: `${head} → 1★` };
  const earned = lines.find((t) => t.stars <= byScore.stars && input.average >= t.minAverage && (t.minPoints === null || input.points >= t.minPoints));
  if (earned === byScore) return { stars: byScore.stars, text: `${head} → ${byScore.stars}★` };
  const stars: Stars = earned?.stars ?? 1;
  return { stars, text: `${head} 够 ${byScore.stars}★，但${pointsNote(input.points, byScore.minPoints!, byScore.stars)} → ${stars}★` };
}

/** A decision on a tie at a quota line: keep the higher star, or take the lower one, with its reason. */
export type StarTieDecisions<K = number> = ReadonlyMap<K, { keep: boolean; reason: string }>;

/**
 * A tie at a quota line: people with the same average (and the same veto standing) on both sides of the line between
 * two stars, so giving them all the higher star would exceed the quota. Each is decided one by one.
 */
export interface StarQuotaTie<K = number> {
  /** The star above the line, and the star the last of the tied people's places gives. */
  higher: Stars;
  lower: Stars;
  /** The average they share, in hundredths. */
  average: number;
  /** The quota of the higher star and above: its percent (cumulative), the people rated, the places it makes. */
  percent: number;
  rated: number;
  places: number;
  /** People above the tie who already hold places at the higher star or above. */
  above: number;
  /** The tied people, in order of place. */
  keys: K[];
}

/** '5★名额 20%（8 人中 2 名）', '4★及以上名额 30%（10 人中 3 名）': the line a tie is at, named for the user. */
export function quotaLineText(tie: Pick<StarQuotaTie<unknown>, 'higher' | 'percent' | 'rated' | 'places'>): string {
  return `${tie.higher}★${tie.higher === 5 ? '' : '及以上'}名额 ${tie.percent}%（${tie.rated} 人中 ${tie.places} 名）`;
}

/** What a tie asks of the user, in one sentence naming the quota, the line and the people. */
export function quotaTieText(tie: StarQuotaTie<unknown>, names: readonly string[]): string {
  const left = tie.places - tie.above;
  return `${quotaLineText(tie)}的线上有 ${tie.keys.length} 人同为 ${fixed2(tie.average)} 分并列（${names.join('、')}），只余 ${left} 个名额`;
}

/** The quota order: by average, a vetoed person after every other. */
function quotaOrder<K>(inputs: readonly StarInput<K>[]): StarInput<K>[] {
  return [...inputs].sort((a, b) => Number(a.vetoes > 0) - Number(b.vetoes > 0) || b.average - a.average);
}

/** The star each place in the quota order earns: each tier's cumulative share rounded half up to whole people. */
function placeStars(n: number, quota: readonly StarQuota[]): { stars: Stars[]; percentUpTo: Map<number, number> } {
  const tiers = [...quota].sort((a, b) => b.stars - a.stars);
  let cumulative = 0;
  const percentUpTo = new Map<number, number>();
  const cutoffs = tiers.map((t) => {
    cumulative += t.percent;
    percentUpTo.set(t.stars, cumulative);
    return { tier: t, upTo: Math.floor((n * cumulative * 100 + 5000) / 10000) };
  });
  const stars = Array.from({ length: n }, (_, i) => (cutoffs.find((c) => i < c.upTo)?.tier.stars ?? 1) as Stars);
  return { stars, percentUpTo };
}

/** The ties at the quota lines of a rating by quota: people with equal averages that a line would split. */
export function quotaTies<K>(inputs: readonly StarInput<K>[], quota: readonly StarQuota[]): StarQuotaTie<K>[] {
  const sorted = quotaOrder(inputs);
  const n = sorted.length;
  const { stars, percentUpTo } = placeStars(n, quota);
  const ties: StarQuotaTie<K>[] = [];
  for (let start = 0; start < n; ) {
    const head = sorted[start]!;
    let end = start + 1;
    while (end < n && sorted[end]!.average === head.average && sorted[end]!.vetoes > 0 === head.vetoes > 0) end++;
    const higher = stars[start]!;
    const lower = stars[end - 1]!;
    if (higher !== lower) {
      const places = stars.filter((s) => s >= higher).length;
      ties.push({ higher, lower, average: head.average, percent: percentUpTo.get(higher) ?? 0, rated: n, places, above: start, keys: sorted.slice(start, end).map((x) => x.key) });
    }
    start = end;
  }
  return ties;
}

/**
 * The base stars by quota: people in order of average (a vetoed person after every other), each tier's cumulative
 * share rounded half up to whole people. People with equal averages that a line would split are a tie: each keeps the
 * higher star or takes the lower one as decided; undecided, they hold the higher star for now and the tie stays open
 * (a run with an open tie is not published): nobody is cut, or let past the quota, silently.
 */
function byQuota<K>(
  inputs: readonly StarInput<K>[],
  quota: readonly StarQuota[],
  scoreLabel: string,
  decisions: StarTieDecisions<K>,
): Map<K, { stars: Stars; text: string; tie: StarResult<K>['tie'] }> {
  const sorted = quotaOrder(inputs);
  const n = sorted.length;
  const { stars: byPlace } = placeStars(n, quota);
  const tiers = [...quota].sort((a, b) => b.stars - a.stars);
  const tieOf = new Map<K, StarQuotaTie<K>>();
  for (const tie of quotaTies(inputs, quota)) for (const key of tie.keys) tieOf.set(key, tie);
  const out = new Map<K, { stars: Stars; text: string; tie: StarResult<K>['tie'] }>();
  sorted.forEach((input, i) => {
    let stars = byPlace[i]!;
    let tieNote = '';
    let state: StarResult<K>['tie'] = null;
    const tie = tieOf.get(input.key);
    if (tie) {
      const decision = decisions.get(input.key);
      const line = `与另 ${tie.keys.length - 1} 人同分，并列在${quotaLineText(tie)}的线上（余 ${tie.places - tie.above} 个名额）`;
      if (!decision) {
        stars = tie.higher;
        state = 'open';
        tieNote = `，${line}，待决定`;
      } else {
        stars = decision.keep ? tie.higher : tie.lower;
        state = decision.keep ? 'kept' : 'dropped';
        tieNote = `，${line}，经决定${decision.keep ? '保留' : '降为'} ${stars}★${decision.reason ? `（${decision.reason}）` : ''}`;
      }
    }
    const place = `${scoreLabel} ${fixed2(input.average)} 分，排第 ${i + 1}/${n} 名`;
    let text = `${place}${tieNote} → ${stars}★`;
    // a tier's minimum points: the person drops to the highest lower tier whose minimum they meet
    const tier = tiers.find((t) => t.stars === stars);
    if (tier && tier.minPoints !== null && input.points < tier.minPoints) {
      const lower = tiers.find((t) => t.stars < stars && (t.minPoints === null || input.points >= t.minPoints));
      const dropped: Stars = (lower?.stars ?? 1) as Stars;
      text = `${place}${tieNote} 够 ${stars}★，但${pointsNote(input.points, tier.minPoints, stars)} → ${dropped}★`;
      stars = dropped;
    }
    out.set(input.key, { stars, text, tie: state });
  });
  return out;
}

/**
 * Rates everyone of a period. The order of the steps is the module comment's. The score rated on is the average of
 * the months (季度平均 …), or a period assessment's total when the rule set reads one (scoreLabel names it).
 */
export function rateStars<K>(
  inputs: readonly StarInput<K>[],
  rules: StarRules,
  scoreLabel = `${STAR_PERIOD_KINDS[rules.periodKind]}平均`,
  decisions: StarTieDecisions<K> = new Map(),
): StarResult<K>[] {
  const quota = rules.method === 'quota' ? byQuota(inputs, rules.quota, scoreLabel, decisions) : null;
  return inputs.map((input) => {
    const base = quota ? quota.get(input.key)! : { ...byThresholds(input, rules.thresholds, scoreLabel), tie: null };
    let stars = base.stars;
    const steps = [base.text];
    const { conditions } = rules;
    const prev = input.previous;
    if (conditions.awardUpgrade && input.awards.length > 0 && stars < 5) {
      stars = clampStars(stars + 1);
      steps.push(`获表彰“${input.awards.join('、')}” 升一星 → ${stars}★`);
    }
    if (conditions.dynamic && prev !== null) {
      if (stars > prev + 1) {
        stars = clampStars(prev + 1);
        steps.push(`较上期 ${prev}★ 最多升一星 → ${stars}★`);
      } else if (stars < prev - 1) {
        stars = clampStars(prev - 1);
        steps.push(`较上期 ${prev}★ 最多降一星 → ${stars}★`);
      }
    }
    if (conditions.criticismBlocksUpgrade && input.criticisms > 0 && prev !== null && stars > prev) {
      stars = prev;
      steps.push(`本期受通报批评 ${input.criticisms} 次，不得高于上期 ${prev}★ → ${stars}★`);
    }
    if (conditions.vetoCap && input.vetoes > 0 && stars > 1) {
      stars = 1;
      steps.push(`本期有一票否决 ${input.vetoes} 次 → 1★`);
    }
    return { key: input.key, stars, reason: steps.join('；'), tie: base.tie };
  });
}

// ---- grids ----

/** A grid's stars from its workers' stars: the mean (hundredths of a star, half up) against the grid lines. */
export function gridStars(workerStars: readonly number[], lines: readonly GridThreshold[]): { mean: number; stars: Stars } {
  if (workerStars.length === 0) return { mean: 0, stars: 1 };
  const mean = roundHalfUp(workerStars.reduce((s, x) => s + x, 0) * 100, workerStars.length);
  const line = [...lines].sort((a, b) => b.stars - a.stars).find((l) => mean >= l.minMean);
  return { mean, stars: line?.stars ?? 1 };
}
