/**
 * 首页 (工作台) and 分析: the answers an analyst of a street office asks for, each computed by one query in the core
 * (core/analysis/) from the records; the pages draw them and compute nothing. A 考核员 sees only their units; a
 * 文书 sees everything, read-only. Numbers are hundredths (scores, points) unless said otherwise.
 */
import { z } from 'zod';
import type { Aggregation, Band, Grade } from '../domain/scoring';
import type { Distribution, EvaluatorFigures, Pair } from '../domain/analysis';
import type { Role } from '../domain/people';
import { call, emptyInput, idField, returns } from './define';

// ---- 首页 ----

export interface Progress {
  toScore: number;
  scored: number;
}

/** One scheme's month of the current period, as far as it is scored. */
export interface MonthProgress extends Progress {
  monthId: number;
  period: string;
  schemeName: string;
  status: 'open' | 'finalised';
  /** Days until the period's last day (0 on it; negative after). */
  daysLeft: number;
  communities: (Progress & { unitId: number; name: string })[];
  /** Every evaluator of the scheme: those with nothing scored yet have `scored` 0. */
  evaluators: (Progress & { evaluatorId: number; name: string; group: string })[];
}

export interface AttentionPerson {
  personId: number;
  name: string;
  unitPath: string;
  community: string;
  /** Why this person is listed, in Chinese (连降三个月 92.00 → 85.50; 连续两个月不合格 …). */
  reason: string;
}

export interface HomeView {
  /** The period 首页 speaks of: the current month, or the latest with an assessment. Null when none exists yet. */
  period: string | null;
  months: MonthProgress[];
  todo: {
    /** Months of past periods still open. */
    openMonths: (Progress & { monthId: number; period: string; schemeName: string })[];
    draftStars: { runId: number; periodLabel: string; ruleSetName: string }[];
    /** Award batches in 公示, with the day the notice period ends (7 days from its start). */
    awardsInNotice: { batchId: number; name: string; since: string; ends: string }[];
    /** Appeals (申诉) waiting for review, and the day the oldest was filed. */
    appeals: { count: number; oldest: string | null };
  };
  attention: {
    slipping: (AttentionPerson & { totals: { period: string; total: number }[] })[];
    alarms: AttentionPerson[];
    vetoes: (AttentionPerson & { period: string })[];
    /** Reversals (冲销) of at least 5 points in the last 30 days. */
    reversals: (AttentionPerson & { entryId: number; date: string; points: number })[];
  };
  glance: {
    /** Grade counts of the period and the one before (finalised or as scored so far). */
    grades: { period: string; complete: boolean; counts: Record<Grade, number> }[];
    /** The last 24 periods: the street's mean and each community's (finalised months; the current one as scored so far). */
    trend: { periods: string[]; complete: boolean[]; street: (number | null)[]; communities: { name: string; means: (number | null)[] }[] };
    stars: { periodLabel: string; counts: number[] } | null;
    /** Points of the current year, top 10. */
    pointsTop: { personId: number; name: string; community: string; points: number }[];
  };
}

// ---- 分析 ----

const period = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应写作 YYYY-MM，例如 2026-11');

const filterFields = z.object({
  schemeId: idField,
  from: period,
  to: period,
  unitId: idField.nullable().default(null),
  role: z.string().max(10).nullable().default(null),
});
const fromBeforeTo = (f: { from: string; to: string }) => f.from <= f.to;
const TO_BEFORE_FROM = { message: '结束月份不能早于开始月份', path: ['to'] };

/** What every 分析 view is filtered by: months from–to, one scheme, and optionally a community (or unit) and a role. */
export const analysisFilter = filterFields.refine(fromBeforeTo, TO_BEFORE_FROM);
export type AnalysisFilter = z.input<typeof analysisFilter>;

/** The months a view covers: finalised ones count; an open one is shown but marked 未完成. */
export interface CoveredMonth {
  monthId: number;
  period: string;
  complete: boolean;
}

export interface CommunityComparison {
  months: CoveredMonth[];
  communities: {
    unitId: number;
    name: string;
    /** One per month (null when the community has no scored worker that month). */
    distributions: (Distribution | null)[];
    /** Rank of the community by median, per month (1 best; ties share). */
    ranks: (number | null)[];
  }[];
}

export interface CriteriaHeatmap {
  months: CoveredMonth[];
  criteria: { id: number; name: string; category: string; kind: string; max: number }[];
  communities: { unitId: number; name: string }[];
  /** [criterion][community]: mean share of the maximum kept, hundredths of a percent (8750 = 87.50%), and sheets. */
  cells: ({ share: number; sheets: number } | null)[][];
}

export interface EvaluatorReport {
  months: CoveredMonth[];
  fullScore: number;
  rules: { leniencyPoints: number; leniencyMinWorkers: number; flatSpread: number; flatMinWorkers: number };
  evaluators: (EvaluatorFigures & { name: string; group: string })[];
}

export interface PairsView {
  evaluator: { id: number; name: string };
  pairs: (Pair & { name: string; unitPath: string; period: string })[];
}

export interface PersonProfile {
  person: { id: number; name: string; unitPath: string; roles: Role[]; status: string; hireDate: string };
  months: { monthId: number; period: string; schemeName: string; total: number | null; grade: Grade | null; veto: boolean; rankInUnit: number | null; complete: boolean; exempt: boolean }[];
  points: { period: string; points: number; balance: number }[];
  stars: { periodLabel: string; stars: number; reason: string }[];
  /** Published awards. */
  awards: { batchId: number; name: string; level: string; issuer: string; date: string; deeds: string }[];
  discipline: { date: string; kind: string; reason: string }[];
  /** 连降三个月 and 预警, as on 首页. */
  flags: string[];
}

/** What a what-if changes: another (draft) version of the month's scheme, other bands, or another aggregation. */
export const whatIfInput = z
  .object({
    monthId: idField,
    versionId: idField.nullable().default(null),
    bands: z
      .array(z.object({ grade: z.enum(['优秀', '良好', '合格', '基本合格', '不合格']), min: z.number().int().min(0), max: z.number().int().min(0).nullable() }))
      .max(5)
      .nullable()
      .default(null),
    aggregation: z.enum(['mean', 'trimmed_mean', 'group_weights']).nullable().default(null),
    unitId: idField.nullable().default(null),
  })
  .refine((w) => w.versionId !== null || w.bands !== null || w.aggregation !== null, { message: '请至少改变一项：方案版本、等次区间或汇总方式', path: ['versionId'] });
export type WhatIfInput = z.input<typeof whatIfInput>;

export interface WhatIfChange {
  personId: number;
  name: string;
  unitPath: string;
  before: { total: number | null; grade: Grade | null; rank: number | null };
  after: { total: number | null; grade: Grade | null; rank: number | null };
}

export interface WhatIfView {
  month: { id: number; period: string; schemeName: string; version: number; complete: boolean };
  /** What was changed, in words (等次区间：优秀 ≥ 92; 汇总方式：去掉最高最低分平均 …). */
  changed: string[];
  bands: { before: Band[]; after: Band[] };
  aggregation: { before: Aggregation; after: Aggregation };
  counts: { before: Record<Grade, number>; after: Record<Grade, number> };
  /** Only the people whose total, grade or rank (in their community) would change. */
  changes: WhatIfChange[];
  people: number;
}

export const analysisContract = {
  'analysis.home': call({ input: emptyInput, output: returns<HomeView>(), tx: 'read' }),
  'analysis.compare': call({ input: analysisFilter, output: returns<CommunityComparison>(), tx: 'read' }),
  'analysis.criteria': call({ input: analysisFilter, output: returns<CriteriaHeatmap>(), tx: 'read' }),
  'analysis.evaluators': call({ input: analysisFilter, output: returns<EvaluatorReport>(), tx: 'read' }),
  'analysis.pairs': call({ input: filterFields.extend({ evaluatorId: idField }).refine(fromBeforeTo, TO_BEFORE_FROM), output: returns<PairsView>(), tx: 'read' }),
  'analysis.person': call({ input: z.object({ personId: idField }), output: returns<PersonProfile>(), tx: 'read' }),
  /** Recomputes a month under other rules; nothing is written. */
  'analysis.whatIf': call({ input: whatIfInput, output: returns<WhatIfView>(), tx: 'read' }),
};
