/**
 * Period and annual assessment (季度/半年/年度考核, DOMAIN.md): a worker's components (the mean of the published
 * monthly totals, a year-end appraisal, points converted to 0–100) weighted and renormalised where one is missing, the
 * rules applied in order — time in post → veto cap → two consecutive 不合格 → the 优秀 quota — then ranks. Exact
 * fractions throughout; only the final total is rounded (2 decimals, half up). Numbers are hundredths.
 */
import { formatHundredths, GRADES, gradeOf, ranks, type Band, type Grade } from './scoring';

export const BALLOTS = ['优秀', '称职', '基本称职', '不称职'] as const;
export type Ballot = (typeof BALLOTS)[number];
export const DEFAULT_BALLOT_VALUES: Record<Ballot, number> = { 优秀: 10000, 称职: 8500, 基本称职: 7000, 不称职: 5000 };

export type ComponentKind = 'months' | 'appraisal' | 'points';
export const COMPONENT_LABELS: Record<ComponentKind, string> = { months: '月度考核', appraisal: '年终测评', points: '积分' };

export interface PeriodRules {
  /** Weights in percent, summing to 100; a weight of 0 leaves the component out. */
  weights: Record<ComponentKind, number>;
  ballotValues: Record<Ballot, number>;
  /**
   * The year-end appraisal as a scored sheet instead of ballots: this scheme's assessment in the period's last month
   * (its published totals, 0–100). Absent or null: the raters' ballots.
   */
  appraisalSchemeId?: number | null;
  /** The points (hundredths) worth 100 (积分 ÷ this × 100, capped at 100). */
  pointsFor100: number;
  /** Fewer months in post → 不定等次 (listed apart, not graded). */
  minMonthsInPost: number;
  /** A veto in any month caps the grade at this; null: no cap. */
  vetoCap: Grade | null;
  /** Two consecutive monthly 不合格 → 不合格 and 解聘预警. */
  consecutiveFail: boolean;
  /** The share of those graded who may keep 优秀, in percent (rounded down), per street or per community; null: none. */
  quota: { percent: number; scope: 'street' | 'community' } | null;
  bands: Band[];
}

export const DEFAULT_PERIOD_RULES: Omit<PeriodRules, 'bands'> = {
  weights: { months: 60, appraisal: 30, points: 10 },
  ballotValues: DEFAULT_BALLOT_VALUES,
  pointsFor100: 5000,
  minMonthsInPost: 6,
  vetoCap: '不合格',
  consecutiveFail: true,
  quota: { percent: 20, scope: 'street' },
};

/** One month of the period for a worker: the published total (null when not scored), or exempt. */
export interface PeriodMonth {
  period: string;
  total: number | null;
  grade: Grade | null;
  veto: boolean;
  exempt: boolean;
}

export interface PeriodWorker {
  personId: number;
  gridId: number | null;
  communityId: number | null;
  role: string;
  /** Months of the period the worker was in post on the 1st (exempt months count). */
  monthsInPost: number;
  months: PeriodMonth[];
  /** The appraisal: raters' ballots, or a scored sheet's total (hundredths) and what the sheet was; neither → missing. */
  ballots: Ballot[];
  appraisalTotal: number | null;
  appraisalSheet?: string;
  /** Points in the period, hundredths. */
  points: number;
}

export type QuotaMark = 'kept' | 'dropped' | 'tie';

export interface PeriodResult {
  personId: number;
  components: Record<ComponentKind, number | null>;
  total: number | null;
  /** The grade after every rule; null for 不定等次 or when there is nothing to grade. */
  grade: Grade | null;
  status: 'graded' | 'undetermined';
  capped: boolean;
  /** 解聘预警: two consecutive monthly 不合格. */
  warning: boolean;
  quota: QuotaMark | null;
  /** For one of a tie at the 优秀 line (decided or not): who shares it (its group) and how many of them may keep 优秀. */
  quotaTie?: { group: number; placesLeft: number };
  ranks: { grid: number | null; community: number | null; role: number | null; street: number | null };
  /** How every number came about, in Chinese, line by line. */
  derivation: string[];
}

/** A decision on a tie at the quota line: keep 优秀, or drop one grade, with its reason. */
export type TieDecisions = ReadonlyMap<number, { keep: boolean; reason: string }>;

// ---- exact fractions (BigInt): the components are means, and only the final total is rounded ----

interface Fraction {
  n: bigint;
  d: bigint;
}
const frac = (n: number | bigint, d: number | bigint = 1): Fraction => ({ n: BigInt(n), d: BigInt(d) });

/** n/d in hundredths rounded half up (away from zero for halves of positive values). */
function roundFraction(f: Fraction): number {
  const n = f.n * 2n + f.d;
  const d = f.d * 2n;
  const q = n / d;
  return Number(n % d < 0n ? q - 1n : q);
}

function show(f: Fraction): string {
  return formatHundredths(roundFraction(f));
}

/** The three components of a worker as exact fractions, with the derivation's lines for each; null when missing. */
function componentsOf(w: PeriodWorker, rules: PeriodRules): { values: Record<ComponentKind, Fraction | null>; lines: string[] } {
  const lines: string[] = [];
  const counted = w.months.filter((m) => !m.exempt && m.total !== null);
  const left = w.months.filter((m) => m.exempt || m.total === null).map((m) => `${m.period}${m.exempt ? '免考' : '未评分'}`);
  let months: Fraction | null = null;
  if (rules.weights.months > 0) {
    if (counted.length > 0) {
      months = frac(counted.reduce((s, m) => s + m.total!, 0), counted.length);
      lines.push(`月度考核：${counted.length}个月平均 ${show(months)}（${counted.map((m) => `${m.period} ${formatHundredths(m.total!)}`).join('，')}）${left.length ? `；不计：${left.join('，')}` : ''}`);
    } else lines.push(`月度考核：期间内没有评分的月份${left.length ? `（${left.join('，')}）` : ''}，此项缺失`);
  }
  let appraisal: Fraction | null = null;
  if (rules.weights.appraisal > 0) {
    if (w.ballots.length > 0) {
      appraisal = frac(w.ballots.reduce((s, b) => s + rules.ballotValues[b], 0), w.ballots.length);
      const tally = BALLOTS.filter((b) => w.ballots.includes(b)).map((b) => `${b}${w.ballots.filter((x) => x === b).length}票`).join('、');
      lines.push(`年终测评：${w.ballots.length}票（${tally}），按 ${BALLOTS.map((b) => `${b}${formatHundredths(rules.ballotValues[b])}`).join('/')} 平均 ${show(appraisal)}`);
    } else if (w.appraisalTotal !== null) {
      appraisal = frac(w.appraisalTotal);
      lines.push(`年终测评：${w.appraisalSheet ?? '测评表'}得分 ${formatHundredths(w.appraisalTotal)}`);
    } else lines.push('年终测评：没有测评结果，此项缺失');
  }
  let points: Fraction | null = null;
  if (rules.weights.points > 0) {
    const raw = frac(BigInt(w.points) * 10000n, rules.pointsFor100);
    const capped = raw.n > 10000n * raw.d;
    points = capped ? frac(10000) : raw.n < 0n ? frac(0) : raw;
    lines.push(`积分：本期 ${formatHundredths(w.points)} 分，${formatHundredths(rules.pointsFor100)} 分折 100 分，折算 ${show(points)}${capped ? '（封顶 100）' : ''}`);
  }
  return { values: { months, appraisal, points }, lines };
}

/** The worse of two grades. */
function worse(a: Grade, b: Grade): Grade {
  return GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b;
}

/** 'YYYY-MM' as a count of months, so that consecutive months differ by one. */
const monthIndex = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7));

function consecutiveFails(months: readonly PeriodMonth[]): [string, string] | null {
  const failed = months.filter((m) => m.grade === '不合格').map((m) => m.period).sort();
  for (let i = 1; i < failed.length; i++) {
    if (monthIndex(failed[i]!) === monthIndex(failed[i - 1]!) + 1) return [failed[i - 1]!, failed[i]!];
  }
  return null;
}

/** Every worker's period result under the rules; ties at the 优秀 line stay 'tie' until a decision says keep or drop. */
export function computePeriod(workers: readonly PeriodWorker[], rules: PeriodRules, decisions: TieDecisions = new Map()): PeriodResult[] {
  // the quota counts within a group: the street (0), or each community
  const groupOf = new Map<PeriodResult, number>();
  const results = workers.map((w): PeriodResult => {
    const { values, lines } = componentsOf(w, rules);
    const present = (Object.keys(values) as ComponentKind[]).filter((k) => rules.weights[k] > 0 && values[k] !== null);
    const weightSum = present.reduce((s, k) => s + rules.weights[k], 0);
    const derivation = [...lines];
    let total: number | null = null;
    if (present.length > 0) {
      // Σ w·(n/d) / W, exact over a common denominator
      let acc = frac(0);
      for (const k of present) {
        const v = values[k]!;
        acc = { n: acc.n * v.d + BigInt(rules.weights[k]) * v.n * acc.d, d: acc.d * v.d };
      }
      total = roundFraction({ n: acc.n, d: acc.d * BigInt(weightSum) });
      const missing = (Object.keys(values) as ComponentKind[]).filter((k) => rules.weights[k] > 0 && values[k] === null);
      derivation.push(
        `总分 = ${present.map((k) => `${COMPONENT_LABELS[k]} ${show(values[k]!)} × ${rules.weights[k]}%`).join(' + ')}${
          missing.length ? `，${missing.map((k) => COMPONENT_LABELS[k]).join('、')}缺失，按其余权重合计 ${weightSum}% 折算` : ''
        } = ${formatHundredths(total)}`,
      );
    } else derivation.push('各项都缺失，没有总分');

    // one object of one shape, filled in as the rules go (a thousand spreads cost more than the rules)
    const result: PeriodResult = {
      personId: w.personId,
      components: { months: values.months && roundFraction(values.months), appraisal: values.appraisal && roundFraction(values.appraisal), points: values.points && roundFraction(values.points) },
      total,
      grade: null,
      status: 'graded',
      capped: false,
      warning: false,
      quota: null,
      ranks: { grid: null, community: null, role: null, street: null },
      derivation,
    };
    groupOf.set(result, rules.quota?.scope === 'community' ? (w.communityId ?? 0) : 0);
    // 1. time in post
    if (w.monthsInPost < rules.minMonthsInPost) {
      derivation.push(`在岗 ${w.monthsInPost} 个月，不满 ${rules.minMonthsInPost} 个月：不定等次`);
      result.status = 'undetermined';
      return result;
    }
    if (total === null) return result;
    let grade = gradeOf(total, false, rules.bands);
    derivation.push(`按等次区间：${grade}`);
    // 2. veto cap
    const vetoed = w.months.filter((m) => m.veto).map((m) => m.period);
    if (rules.vetoCap && vetoed.length > 0 && worse(grade, rules.vetoCap) !== grade) {
      grade = rules.vetoCap;
      result.capped = true;
      derivation.push(`${vetoed.join('、')}有一票否决：等次最高为${rules.vetoCap}，定为${grade}`);
    }
    // 3. two consecutive 不合格
    const fails = rules.consecutiveFail ? consecutiveFails(w.months) : null;
    if (fails) {
      result.warning = true;
      if (grade !== '不合格') derivation.push(`${fails[0]}、${fails[1]}连续两个月不合格：定为不合格，列入解聘预警`);
      else derivation.push(`${fails[0]}、${fails[1]}连续两个月不合格：列入解聘预警`);
      grade = '不合格';
      result.capped = true;
    }
    result.grade = grade;
    return result;
  });

  // 4. the 优秀 quota, per group (the street, or each community), over everyone graded
  if (rules.quota) {
    const where = rules.quota.scope === 'community' ? '本社区' : '全街道';
    for (const key of new Set(groupOf.values())) {
      const group = results.filter((r) => groupOf.get(r) === key && r.status === 'graded' && r.total !== null);
      const allowed = Math.floor((group.length * rules.quota.percent) / 100);
      const best = group.filter((r) => r.grade === '优秀').sort((a, b) => b.total! - a.total!);
      const line = best.length > allowed && allowed > 0 ? best[allowed - 1]!.total! : null;
      const above = line === null ? 0 : best.filter((r) => r.total! > line).length;
      const atLine = line === null ? 0 : best.filter((r) => r.total === line).length;
      const head = `优秀名额：${where}定等 ${group.length} 人 × ${rules.quota.percent}% = ${allowed} 名`;
      for (const r of best) {
        const decision = decisions.get(r.personId);
        if (best.length <= allowed || (line !== null && (r.total! > line || (r.total === line && above + atLine <= allowed)))) {
          r.quota = 'kept';
          r.derivation.push(`${head}，在名额内`);
        } else if (line !== null && r.total === line) {
          r.quota = decision === undefined ? 'tie' : decision.keep ? 'kept' : 'dropped';
          r.quotaTie = { group: key, placesLeft: allowed - above };
          r.derivation.push(
            decision === undefined
              ? `${head}，总分 ${formatHundredths(line)} 有 ${atLine} 人并列在名额线上，待决定`
              : `${head}，并列在名额线上，经决定${decision.keep ? '保留优秀' : '降为良好'}${decision.reason ? `（${decision.reason}）` : ''}`,
          );
        } else {
          r.quota = 'dropped';
          r.derivation.push(`${head}，在名额外：降为良好`);
        }
        if (r.quota === 'dropped') r.grade = '良好';
      }
    }
  }

  // 5. ranks over the graded totals: grid, community, role, street (1, 1, 3)
  const graded = results.filter((r) => r.status === 'graded' && r.total !== null);
  const byWorker = new Map(workers.map((w) => [w.personId, w]));
  const rankWithin = (field: keyof PeriodResult['ranks'], keyOf: (w: PeriodWorker) => string | number | null) => {
    const groups = new Map<string | number, PeriodResult[]>();
    for (const r of graded) {
      const k = keyOf(byWorker.get(r.personId)!);
      if (k === null) continue;
      const group = groups.get(k);
      if (group) group.push(r);
      else groups.set(k, [r]);
    }
    for (const g of groups.values()) {
      const map = ranks(g.map((r) => ({ key: r, total: r.total!, veto: false })));
      for (const r of g) r.ranks[field] = map.get(r)!;
    }
  };
  rankWithin('grid', (w) => w.gridId);
  rankWithin('community', (w) => w.communityId);
  rankWithin('role', (w) => w.role);
  rankWithin('street', () => 0);
  return results;
}

/** Why a set of rules cannot be used, in Chinese (field first), or null. */
export function periodRulesError(rules: PeriodRules): { field: string; message: string } | null {
  const sum = rules.weights.months + rules.weights.appraisal + rules.weights.points;
  if (sum !== 100) return { field: 'weights', message: `各项权重合计应为 100%，现为 ${sum}%` };
  if (rules.quota && (rules.quota.percent < 0 || rules.quota.percent > 100)) return { field: 'quota', message: '优秀名额比例应在 0% 到 100% 之间' };
  if (rules.pointsFor100 <= 0) return { field: 'pointsFor100', message: '折合 100 分的积分应大于 0' };
  if (rules.minMonthsInPost < 0 || rules.minMonthsInPost > 12) return { field: 'minMonthsInPost', message: '最短在岗月数应在 0 到 12 之间' };
  return null;
}
