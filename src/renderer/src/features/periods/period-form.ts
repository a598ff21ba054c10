/**
 * The editor's working copy of a period scheme version. Amounts stay text while typed (shown in points, e.g. 85.00)
 * and become hundredths only when sent; the rules the core checks (weights summing to 100, bands) are left to it, so
 * its Chinese message is the one shown at the field.
 */
import type { PeriodDraftInput, PeriodSchemeDetail } from '../../../../shared/contract/periods';
import { BALLOTS, type Ballot, type ComponentKind } from '../../../../shared/domain/periods';
import type { Role } from '../../../../shared/domain/people';
import { fixed2, type Grade, parseHundredths } from '../../../../shared/domain/scoring';
import type { FieldIssue } from '../../../../shared/errors';
import { parseBands, type BandRow } from '../schemes/form';

export const COMPONENT_KINDS: readonly ComponentKind[] = ['months', 'appraisal', 'points'];
export const QUOTA_SCOPES = { street: '全街道', community: '各社区' } as const;

export interface PeriodForm {
  name: string;
  roles: Role[];
  monthSchemeId: number | null;
  weights: Record<ComponentKind, string>;
  ballotValues: Record<Ballot, string>;
  /** The 年终测评表 scheme read instead of ballots; null: ballots. */
  appraisalSchemeId: number | null;
  pointsFor100: string;
  minMonthsInPost: string;
  /** '' for no cap. */
  vetoCap: Grade | '';
  consecutiveFail: boolean;
  quotaOn: boolean;
  quotaPercent: string;
  quotaScope: keyof typeof QUOTA_SCOPES;
  bands: BandRow[];
}

export function formOf(d: PeriodSchemeDetail): PeriodForm {
  const r = d.rules;
  return {
    name: d.name,
    roles: [...d.roles],
    monthSchemeId: d.monthSchemeId,
    weights: { months: String(r.weights.months), appraisal: String(r.weights.appraisal), points: String(r.weights.points) },
    ballotValues: Object.fromEntries(BALLOTS.map((b) => [b, fixed2(r.ballotValues[b])])) as Record<Ballot, string>,
    appraisalSchemeId: r.appraisalSchemeId ?? null,
    pointsFor100: fixed2(r.pointsFor100),
    minMonthsInPost: String(r.minMonthsInPost),
    vetoCap: r.vetoCap ?? '',
    consecutiveFail: r.consecutiveFail,
    quotaOn: r.quota !== null,
    quotaPercent: String(r.quota?.percent ?? 20),
    quotaScope: r.quota?.scope ?? 'street',
    bands: r.bands.map((b) => ({ grade: b.grade, min: fixed2(b.min), max: b.max === null ? '' : fixed2(b.max) })),
  };
}

/** Equal text means nothing to save. */
export const formSignature = (f: PeriodForm): string => JSON.stringify(f);

const integer = (text: string): number | null => (/^\s*-?\d+\s*$/.test(text) ? Number(text.trim()) : null);

/** The sum of the weights as typed, or null while one of them is not a whole number. */
export function weightSum(f: PeriodForm): number | null {
  let sum = 0;
  for (const k of COMPONENT_KINDS) {
    const w = integer(f.weights[k]);
    if (w === null) return null;
    sum += w;
  }
  return sum;
}

/**
 * The call's input, or the fields that cannot even be sent (text that is not a number), named as the core names them
 * (rules.weights.months, rules.ballotValues.优秀 …) so one lookup shows either at its field.
 */
export function draftInput(schemeId: number, f: PeriodForm): { input: PeriodDraftInput | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const weights = {} as Record<ComponentKind, number>;
  for (const k of COMPONENT_KINDS) {
    const w = integer(f.weights[k]);
    if (w === null) issues.push({ field: `rules.weights.${k}`, message: '权重应为0到100的整数' });
    else weights[k] = w;
  }
  const ballotValues = {} as Record<Ballot, number>;
  for (const b of BALLOTS) {
    const v = parseHundredths(f.ballotValues[b]);
    if (v === null || v < 0) issues.push({ field: `rules.ballotValues.${b}`, message: `“${b}”的分值应为不小于0的数字，最多两位小数` });
    else ballotValues[b] = v;
  }
  const pointsFor100 = parseHundredths(f.pointsFor100);
  if (pointsFor100 === null) issues.push({ field: 'rules.pointsFor100', message: '折合100分的积分应为数字，最多两位小数' });
  const minMonths = integer(f.minMonthsInPost);
  if (minMonths === null) issues.push({ field: 'rules.minMonthsInPost', message: '最短在岗月数应为整数' });
  const quotaPercent = integer(f.quotaPercent);
  if (f.quotaOn && quotaPercent === null) issues.push({ field: 'rules.quota.percent', message: '优秀名额比例应为0到100的整数' });
  const { bands, error } = parseBands(f.bands);
  if (error) issues.push({ field: 'rules.bands', message: error });
  if (issues.length > 0 || pointsFor100 === null || minMonths === null) return { input: null, issues };
  return {
    input: {
      schemeId,
      name: f.name,
      roles: f.roles,
      monthSchemeId: f.monthSchemeId,
      rules: {
        weights,
        ballotValues,
        appraisalSchemeId: f.appraisalSchemeId,
        pointsFor100,
        minMonthsInPost: minMonths,
        vetoCap: f.vetoCap === '' ? null : f.vetoCap,
        consecutiveFail: f.consecutiveFail,
        quota: f.quotaOn ? { percent: quotaPercent!, scope: f.quotaScope } : null,
        bands,
      },
    },
    issues,
  };
}
