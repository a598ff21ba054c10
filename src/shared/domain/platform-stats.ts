/**
 * Platform statistics (平台统计), pure rules. The grid platform exports monthly counts per worker (采集信息 120条,
 * 上报事件 12件, 办结率 96.5%); a platform rule turns one column into a count: the value itself, one for every N,
 * or one when a threshold is met. The count is posted to a points rule (× its points per unit) or entered as
 * occurrences of a criterion of the month's scheme (扣分项, 加分项, 一票否决). Values and counts are in hundredths.
 */
import { formatHundredths } from './scoring';

export const PLATFORM_TARGETS = { points: '积分规则', criterion: '月度考核指标' } as const;
export type PlatformTarget = keyof typeof PLATFORM_TARGETS;
export const PLATFORM_TARGET_KEYS = Object.keys(PLATFORM_TARGETS) as [PlatformTarget, ...PlatformTarget[]];

export const PLATFORM_MODES = { value: '按数值计', per: '每满N计1', threshold: '达到条件计1' } as const;
export type PlatformMode = keyof typeof PLATFORM_MODES;
export const PLATFORM_MODE_KEYS = Object.keys(PLATFORM_MODES) as [PlatformMode, ...PlatformMode[]];

export const THRESHOLD_OPS = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' } as const;
export type ThresholdOp = keyof typeof THRESHOLD_OPS;
export const THRESHOLD_OP_KEYS = Object.keys(THRESHOLD_OPS) as [ThresholdOp, ...ThresholdOp[]];

/** How a rule derives its count from a value. */
export interface CountRule {
  mode: PlatformMode;
  /** mode 'per': every `per` (hundredths) of the value counts one. */
  per: number | null;
  op: ThresholdOp | null;
  /** mode 'threshold': the value compared with this (hundredths). */
  threshold: number | null;
}

/** The count (hundredths: 1 → 100) a value (hundredths) gives under a rule. */
export function countOf(rule: CountRule, value: number): number {
  switch (rule.mode) {
    case 'value':
      return value;
    case 'per':
      return value <= 0 ? 0 : Math.floor(value / rule.per!) * 100;
    case 'threshold': {
      const t = rule.threshold!;
      const met = rule.op === '>=' ? value >= t : rule.op === '>' ? value > t : rule.op === '<=' ? value <= t : value < t;
      return met ? 100 : 0;
    }
  }
}

/** '按数值', '每满10计1', '≥95计1'. */
export function countRuleText(rule: CountRule): string {
  switch (rule.mode) {
    case 'value':
      return '按数值计';
    case 'per':
      return `每满${formatHundredths(rule.per!)}计1`;
    case 'threshold':
      return `${THRESHOLD_OPS[rule.op!]}${formatHundredths(rule.threshold!)}计1`;
  }
}

/** Criterion kinds a platform count may go to: occurrences, never a 评分项's score. */
export const COUNTABLE_CRITERION_KINDS = ['deduction', 'bonus', 'veto'] as const;
