import { z } from 'zod';
import {
  DISCIPLINE_KINDS,
  RULE_STARS,
  STAR_METHOD_KEYS,
  STAR_PERIOD_KIND_KEYS,
  starPeriodKindOf,
  type DisciplineKind,
  type StarPeriodKind,
  type Stars,
  type StarRules,
} from '../domain/stars';
import { call, dateField, emptyInput, idField, returns } from './define';

export interface StarRuleSet extends StarRules {
  id: number;
  name: string;
  /** The scheme whose months are read; null for every scheme's. */
  schemeId: number | null;
  schemeName: string | null;
  /** A period scheme whose finalised result for the run's period is rated on (its total for the average); null: the months. */
  periodSchemeId: number | null;
  periodSchemeName: string | null;
  /** Runs made with this rule set (a rule set with runs cannot be deleted). */
  runs: number;
}

export interface StarRunSummary {
  id: number;
  ruleSetId: number;
  ruleSetName: string;
  periodKind: StarPeriodKind;
  period: string;
  periodLabel: string;
  start: string;
  end: string;
  status: 'draft' | 'published';
  computedAt: string;
  publishedAt: string | null;
  rated: number;
  overridden: number;
  /** People per star, index 0 for 1★ … 4 for 5★. */
  counts: number[];
}

export interface StarRatingRow {
  personId: number;
  name: string;
  unitId: number | null;
  unitPath: string;
  average: number;
  months: number;
  points: number;
  vetoes: number;
  criticisms: number;
  previousStars: Stars | null;
  computedStars: Stars;
  stars: Stars;
  reason: string;
  overrideReason: string;
  overriddenBy: string | null;
  /** At a quota line with others of the same average: open until decided, then kept (the higher star) or dropped. */
  tie: 'open' | 'kept' | 'dropped' | null;
}

/** A tie at a quota line (shared/domain/stars quotaTies): the line, the quota, and each tied person's decision. */
export interface StarTieView {
  /** '5★名额 20%（8 人中 2 名）'. */
  line: string;
  /** The quota, the line and the people in one sentence. */
  text: string;
  higher: Stars;
  lower: Stars;
  average: number;
  /** Places at the higher star and above, and those already taken by people above the tie. */
  places: number;
  above: number;
  people: { personId: number; name: string; unitPath: string; decision: 'open' | 'kept' | 'dropped'; reason: string; decidedBy: string | null }[];
}

export interface StarRunView {
  run: StarRunSummary;
  rules: StarRules;
  /** Months of the period with finalised results, and those without (a run with a month missing cannot be published). */
  monthsIncluded: string[];
  monthsMissing: string[];
  /** False until issue 6 brings the awards: the award condition then reads nothing. */
  awardsAvailable: boolean;
  rows: StarRatingRow[];
  /** Ties at the quota lines (rating by quota only); a run with an open one cannot be published. */
  ties: StarTieView[];
}

export interface StarRosterRow {
  personId: number;
  name: string;
  unitId: number | null;
  unitPath: string;
  stars: Stars;
  period: string;
  periodLabel: string;
  runId: number;
  overridden: boolean;
  reason: string;
}

export interface StarRoster {
  asOf: string;
  rows: StarRosterRow[];
  counts: number[];
}

export interface StarHistoryItem {
  runId: number;
  period: string;
  periodLabel: string;
  end: string;
  ruleSetName: string;
  average: number;
  stars: Stars;
  computedStars: Stars;
  previousStars: Stars | null;
  reason: string;
  overrideReason: string;
}

export interface StarGridRow {
  unitId: number;
  name: string;
  unitPath: string;
  community: string;
  workers: number;
  /** Mean of the workers' stars, hundredths of a star. */
  mean: number;
  stars: Stars;
}

export interface DisciplineRecord {
  id: number;
  personId: number;
  name: string;
  unitPath: string;
  date: string;
  kind: DisciplineKind;
  reason: string;
  createdBy: string;
  createdAt: string;
}

const hundredths = (label: string) => z.number({ error: `请填写${label}` }).int(`${label}最多两位小数`);
const minPoints = hundredths('最低积分').nullable().default(null);
const ruleStars = z.literal(RULE_STARS, { error: '星级应为2到5星' });

export const starConditions = z.object({
  vetoCap: z.boolean().default(true),
  criticismBlocksUpgrade: z.boolean().default(true),
  dynamic: z.boolean().default(true),
  awardUpgrade: z.boolean().default(false),
});

export const starRuleSetInput = z.object({
  /** Absent for a new rule set. */
  id: idField.optional(),
  name: z.string({ error: '请填写规则名称' }).trim().min(1, '请填写规则名称').max(40, '规则名称不能超过40字'),
  periodKind: z.enum(STAR_PERIOD_KIND_KEYS, { error: '请选择评定周期' }),
  method: z.enum(STAR_METHOD_KEYS, { error: '请选择评定方法' }),
  thresholds: z
    .array(z.object({ stars: ruleStars, minAverage: hundredths('分数线').min(0, '分数线不能为负数'), minPoints }))
    .max(4),
  quota: z
    .array(z.object({ stars: ruleStars, percent: z.number({ error: '请填写比例' }).int('比例请填整数').min(0).max(100), minPoints }))
    .max(4),
  gridThresholds: z.array(z.object({ stars: ruleStars, minMean: z.number({ error: '请填写网格星级线' }).int() })).max(4),
  conditions: starConditions,
  schemeId: idField.nullable().default(null),
  periodSchemeId: idField.nullable().default(null),
});
export type StarRuleSetInput = z.input<typeof starRuleSetInput>;

const periodField = z
  .string({ error: '请选择评定期间' })
  .trim()
  .refine((p) => starPeriodKindOf(p) !== null, '评定期间应写作 2026-Q3（季度）、2026-H1（半年）或 2026（年度）');

const starsField = z
  .number({ error: '请选择星级' })
  .int()
  .min(1, '星级应为1到5星')
  .max(5, '星级应为1到5星')
  .transform((n) => n as Stars);

export const starsContract = {
  'stars.ruleSets': call({ input: emptyInput, output: returns<StarRuleSet[]>(), tx: 'read' }),
  'stars.saveRuleSet': call({ input: starRuleSetInput, output: returns<StarRuleSet>(), tx: 'write', roles: ['admin'] }),
  'stars.deleteRuleSet': call({ input: z.object({ id: idField }), output: returns<{ id: number }>(), tx: 'write', roles: ['admin'] }),
  'stars.runs': call({ input: emptyInput, output: returns<StarRunSummary[]>(), tx: 'read' }),
  /** Computes (or recomputes) the draft run of a rule set for a period; overrides already made are kept. */
  'stars.preview': call({
    input: z.object({ ruleSetId: idField, period: periodField }),
    output: returns<StarRunView>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'stars.run': call({ input: z.object({ runId: idField }), output: returns<StarRunView>(), tx: 'read' }),
  'stars.override': call({
    input: z.object({
      runId: idField,
      personId: idField,
      stars: starsField,
      reason: z.string({ error: '请填写调整原因' }).trim().min(1, '请填写调整原因').max(200, '调整原因不能超过200字'),
    }),
    output: returns<StarRatingRow>(),
    tx: 'write',
    roles: ['admin'],
  }),
  /** A tie at a quota line, decided for one person: keep the higher star or take the lower one, with a reason. */
  'stars.decideTie': call({
    input: z.object({
      runId: idField,
      personId: idField,
      keep: z.boolean({ error: '请选择保留或降星' }),
      reason: z.string({ error: '请填写决定的理由' }).trim().min(1, '请填写决定的理由').max(200, '理由不能超过200字'),
    }),
    output: returns<StarRunView>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'stars.publish': call({ input: z.object({ runId: idField }), output: returns<StarRunSummary>(), tx: 'write', roles: ['admin'] }),
  /** Whether 发布 would be refused, and why: asked before the confirmation. */
  'stars.publishCheck': call({ input: z.object({ runId: idField }), output: returns<{ refusal: string | null }>(), tx: 'read' }),
  'stars.discard': call({ input: z.object({ runId: idField }), output: returns<{ runId: number }>(), tx: 'write', roles: ['admin'] }),
  'stars.roster': call({
    input: z.object({ asOf: dateField('查询日期'), unitId: idField.nullable().default(null) }),
    output: returns<StarRoster>(),
    tx: 'read',
  }),
  'stars.personHistory': call({ input: z.object({ personId: idField }), output: returns<StarHistoryItem[]>(), tx: 'read' }),
  'stars.grids': call({ input: z.object({ runId: idField }), output: returns<StarGridRow[]>(), tx: 'read' }),
  'stars.discipline': call({
    input: z.object({ personId: idField.nullable().default(null) }),
    output: returns<DisciplineRecord[]>(),
    tx: 'read',
  }),
  'stars.createDiscipline': call({
    input: z.object({
      personId: z.number({ error: '请选择人员' }).int().positive('请选择人员'),
      date: dateField('日期'),
      kind: z.enum(DISCIPLINE_KINDS, { error: '请选择类别' }),
      reason: z.string({ error: '请填写事由' }).trim().min(1, '请填写事由').max(200, '事由不能超过200字'),
    }),
    output: returns<DisciplineRecord>(),
    tx: 'write',
    roles: ['admin'],
  }),
};
