/**
 * Awards (表彰), pure rules: levels and stages, who may be nominated (eligibility), how a period's ranking becomes a
 * nomination list under quotas per community and overall — ties at the quota line are shown, never cut silently —
 * and which stage moves are allowed. Amounts (average scores, points) are integers in hundredths.
 */

export const AWARD_LEVELS = ['市级', '区级', '街道', '社区'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

/** The label of a level in a sentence: 街道 → 街道级. */
export function awardLevelLabel(level: AwardLevel): string {
  return level === '市级' || level === '区级' ? level : `${level}级`;
}

/** The points rule an award of a level posts (rules derived 'award:<level>' in the catalogue); 社区 posts none. */
export function awardDerivedKind(level: AwardLevel): string | null {
  return level === '社区' ? null : `award:${level}`;
}

export const AWARD_STAGES = { initial: '初选', review: '审核', notice: '公示', published: '表彰' } as const;
export type AwardStage = keyof typeof AWARD_STAGES;
export const AWARD_STAGE_KEYS = Object.keys(AWARD_STAGES) as [AwardStage, ...AwardStage[]];

export const AWARD_BASES = { average: '年度平均分', points: '积分', stars: '星级' } as const;
export type AwardBasis = keyof typeof AWARD_BASES;
export const AWARD_BASIS_KEYS = Object.keys(AWARD_BASES) as [AwardBasis, ...AwardBasis[]];

export const CANDIDATE_STATUSES = { nominated: '入选', tied: '并列待定', removed: '已移除' } as const;
export type CandidateStatus = keyof typeof CANDIDATE_STATUSES;

// ---- stage transitions ----

/**
 * Why a move from one stage to another is refused, or null when it is allowed: forward one step at a time; back one
 * step before 表彰, with a reason; nothing after 表彰.
 */
export function stageMoveError(from: AwardStage, to: AwardStage, reason: string): string | null {
  const i = AWARD_STAGE_KEYS.indexOf(from);
  const j = AWARD_STAGE_KEYS.indexOf(to);
  if (from === 'published') return '已表彰的批次不能再变更阶段';
  if (j === i) return `已处于“${AWARD_STAGES[to]}”阶段`;
  if (j === i + 1) return null;
  if (j === i - 1) return reason.trim() === '' ? `退回“${AWARD_STAGES[to]}”阶段需要填写原因` : null;
  return j > i ? `只能逐步推进到“${AWARD_STAGES[AWARD_STAGE_KEYS[i + 1]!]}”阶段` : '只能退回上一个阶段';
}

// ---- eligibility ----

export interface EligibilityOptions {
  /** No 一票否决 in the period's months. */
  noVeto: boolean;
  /** At least this many stars in the latest published star rating; 0 for no condition. */
  minStars: number;
  /** 在岗 on the batch date. */
  inPost: boolean;
  /** No 通报批评 dated in the period. */
  noCriticism: boolean;
  /** Graded 优秀 in the period assessment the nomination reads (only with one). */
  periodExcellent: boolean;
}

export const DEFAULT_ELIGIBILITY: EligibilityOptions = { noVeto: true, minStars: 0, inPost: true, noCriticism: true, periodExcellent: false };

export interface NomineeFacts {
  /**
   * Months with a finalised total in the period, and their mean (null without any); when the nomination reads a
   * finalised period assessment, `average` is its total instead and periodGrade its grade (null: not graded).
   */
  months: number;
  average: number | null;
  vetoes: number;
  points: number;
  stars: number | null;
  inPost: boolean;
  criticisms: number;
  periodGrade?: string | null;
}

/** The reasons a person may not be nominated; empty when they may. */
export function eligibilityReasons(f: NomineeFacts, o: EligibilityOptions, basis: AwardBasis): string[] {
  const reasons: string[] = [];
  if (o.inPost && !f.inPost) reasons.push('表彰日期时不在岗');
  if (o.noVeto && f.vetoes > 0) reasons.push(`期间内有${f.vetoes}次一票否决`);
  if (o.minStars > 0 && (f.stars ?? 0) < o.minStars) reasons.push(f.stars === null ? `无星级评定（需${o.minStars}星以上）` : `星级${f.stars}星，不足${o.minStars}星`);
  if (o.noCriticism && f.criticisms > 0) reasons.push(`期间内受通报批评${f.criticisms}次`);
  if (o.periodExcellent && f.periodGrade !== '优秀') reasons.push(f.periodGrade ? `周期考核为${f.periodGrade}，不是优秀` : '周期考核未定等次');
  // one reason for one fact: no grade in the period already says there is no total to rank on
  if (basis === 'average' && f.average === null && !(o.periodExcellent && f.periodGrade === null)) {
    reasons.push(f.periodGrade === undefined ? '期间内无已归档的考核结果' : '周期考核没有总分');
  }
  if (basis === 'stars' && f.stars === null) reasons.push('无星级评定');
  return reasons;
}

// ---- ranking and quotas ----

export interface RankInput<K> {
  key: K;
  /** The community (or other unit) the per-unit quota counts in. */
  unit: number;
  facts: NomineeFacts;
}

export interface RankOptions {
  basis: AwardBasis;
  /** Per community; null for none. */
  quotaPerUnit: number | null;
  /** Overall; null for none. */
  quotaTotal: number | null;
}

export interface Ranked<K> {
  key: K;
  unit: number;
  /** The value ranked on (hundredths for an average or points, a count of stars). */
  value: number;
  /** Rank within the unit among the eligible, equal values sharing a rank (1, 1, 3). */
  rank: number;
  /** Selected within the unit's quota and the overall quota, or tied at one of the lines (the secretary decides). */
  status: 'nominated' | 'tied' | 'out';
  /** For a tie: what it is, e.g. “并列第2，名额线上”. */
  mark: string;
}

/** The order of the bases ranked on: the chosen one, then the others break its ties. */
export function basisOrder(basis: AwardBasis): AwardBasis[] {
  return [basis, ...AWARD_BASIS_KEYS.filter((b) => b !== basis)];
}

function valueOf(f: NomineeFacts, b: AwardBasis): number {
  if (b === 'average') return f.average ?? -Infinity;
  if (b === 'points') return f.points;
  return f.stars ?? -Infinity;
}

/** Compares for a ranking: higher first on the basis, then the next bases; 0 means truly tied. */
export function compareFacts(a: NomineeFacts, b: NomineeFacts, basis: AwardBasis): number {
  for (const k of basisOrder(basis)) {
    const d = valueOf(b, k) - valueOf(a, k);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}

/** Competition ranks (1, 1, 3) of a list sorted best first. */
function competitionRanks<T>(sorted: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  sorted.forEach((x, i) => ranks.push(i > 0 && same(sorted[i - 1]!, x) ? ranks[i - 1]! : i + 1));
  return ranks;
}

/**
 * Applies a quota line to a sorted group: those ranked within it are in; a group of equals that straddles the line
 * is tied (all of them are shown, none is cut); the rest are out.
 */
function applyLine(ranks: readonly number[], quota: number | null): ('in' | 'tied' | 'out')[] {
  if (quota === null) return ranks.map(() => 'in');
  const n = ranks.length;
  return ranks.map((r, i) => {
    if (r > quota) return 'out';
    // the last index of this rank's group
    let last = i;
    while (last + 1 < n && ranks[last + 1] === r) last++;
    return last + 1 > quota ? 'tied' : 'in';
  });
}

/**
 * Ranks the eligible within each unit and applies the quota per unit, then ranks those selected across all units and
 * applies the overall quota. A tie at either line marks the tied people instead of cutting any of them.
 */
export function rankNominees<K>(inputs: readonly RankInput<K>[], o: RankOptions): Ranked<K>[] {
  const cmp = (a: RankInput<K>, b: RankInput<K>) => compareFacts(a.facts, b.facts, o.basis);
  const byUnit = new Map<number, RankInput<K>[]>();
  for (const x of inputs) {
    const list = byUnit.get(x.unit);
    if (list) list.push(x);
    else byUnit.set(x.unit, [x]);
  }
  const out: Ranked<K>[] = [];
  for (const list of byUnit.values()) {
    list.sort(cmp);
    const ranks = competitionRanks(list, (a, b) => cmp(a, b) === 0);
    const line = applyLine(ranks, o.quotaPerUnit);
    list.forEach((x, i) => {
      const rank = ranks[i]!;
      const status = line[i] === 'in' ? 'nominated' : line[i] === 'tied' ? 'tied' : 'out';
      out.push({ key: x.key, unit: x.unit, value: valueOf(x.facts, o.basis), rank, status, mark: status === 'tied' ? `并列第${rank}，名额线上` : '' });
    });
  }
  const facts = new Map(inputs.map((x) => [x.key, x.facts]));
  if (o.quotaTotal !== null) {
    const selected = out.filter((r) => r.status !== 'out').sort((a, b) => compareFacts(facts.get(a.key)!, facts.get(b.key)!, o.basis));
    const ranks = competitionRanks(selected, (a, b) => compareFacts(facts.get(a.key)!, facts.get(b.key)!, o.basis) === 0);
    const line = applyLine(ranks, o.quotaTotal);
    selected.forEach((r, i) => {
      if (line[i] === 'out') {
        r.status = 'out';
        r.mark = '';
      } else if (line[i] === 'tied') {
        r.status = 'tied';
        r.mark = `总名额线上并列第${ranks[i]}`;
      }
    });
  }
  const sorted = out.map((r) => ({ ...r, value: Number.isFinite(r.value) ? r.value : 0 }));
  sorted.sort((a, b) => a.unit - b.unit || a.rank - b.rank);
  return sorted;
}

// ---- templates ----

export interface AwardTemplate {
  name: string;
  level: AwardLevel;
  issuer: string;
  /** Only people in this role are nominated; null for any. */
  role: string | null;
  basis: AwardBasis;
  quotaTotal: number | null;
  quotaPerUnit: number | null;
  note: string;
}

/** Built-in examples (seeds 002 and 004): 十佳/百优/优秀楼栋长, 抗疫先进个人, 抗疫先锋, 年度优秀网格员. */
export const AWARD_TEMPLATES: AwardTemplate[] = [
  { name: '年度优秀网格员', level: '街道', issuer: '街道党工委、办事处', role: null, basis: 'average', quotaTotal: null, quotaPerUnit: 2, note: '按年度月度考核平均分排名，每个社区名额2名' },
  { name: '十佳楼栋长', level: '街道', issuer: '街道党工委、办事处', role: '楼栋长', basis: 'points', quotaTotal: 10, quotaPerUnit: null, note: '按年度积分排名，全街道10名' },
  { name: '百优楼栋长', level: '街道', issuer: '街道党工委、办事处', role: '楼栋长', basis: 'points', quotaTotal: 100, quotaPerUnit: null, note: '按年度积分排名，全街道100名' },
  { name: '优秀楼栋长', level: '社区', issuer: '社区党委、居委会', role: '楼栋长', basis: 'points', quotaTotal: null, quotaPerUnit: 5, note: '每个社区5名' },
  { name: '抗疫先进个人', level: '市级', issuer: '市委、市政府', role: null, basis: 'average', quotaTotal: 5, quotaPerUnit: 1, note: '疫情防控中表现突出，经逐级推荐' },
  { name: '抗疫先锋', level: '区级', issuer: '区委、区政府', role: null, basis: 'average', quotaTotal: 10, quotaPerUnit: 1, note: '疫情防控一线表现突出' },
];

// ---- 批量添加: a pasted list ----

/** One name or ID number of a pasted list, with its 1-based line. */
export interface PastedNominee {
  line: number;
  text: string;
}

const SEPARATORS = /[\t,，、;；|]+/;
const ID_NUMBER = /^\d{17}[\dXx]$/;

/**
 * Splits a pasted list into names or ID numbers: one a line, or several on a line separated by tabs, commas (, ，),
 * 、 or semicolons; spaces between names of two characters or more separate them too (张三 李四), while a space inside a
 * padded name is dropped (张\u3000三 → 张三). Empty cells and lines are skipped; a header cell 姓名 / 身份证号 is skipped.
 */
export function splitPastedNominees(text: string): PastedNominee[] {
  const out: PastedNominee[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    for (const cell of raw.split(SEPARATORS)) {
      const parts = cell.trim().split(/[\s\u3000]+/).filter(Boolean);
      if (parts.length === 0) continue;
      const separate = parts.length > 1 && parts.every((p) => Array.from(p).length >= 2);
      for (const part of separate ? parts : [parts.join('')]) {
        if (part === '姓名' || part === '身份证号' || part === '身份证号码') continue;
        out.push({ line: i + 1, text: part });
      }
    }
  });
  return out;
}

/** An 18-character ID number as pasted (the check character is not verified here: the roster answers). */
export function looksLikeIdNumber(text: string): boolean {
  return ID_NUMBER.test(text);
}
