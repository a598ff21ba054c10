/**
 * 季度/半年/年度考核: period schemes (versioned like monthly schemes), the assessment of a period under one version,
 * year-end ballots, decisions on ties at the 优秀 line, finalising and reopening. The rules are shared/domain/periods.ts.
 */
import { z } from 'zod';
import { BALLOTS, type Ballot, type PeriodResult, type PeriodRules } from '../domain/periods';
import { GRADES, type Grade } from '../domain/scoring';
import { ROLES, type Role } from '../domain/people';
import { STAR_PERIOD_KIND_KEYS, type StarPeriodKind } from '../domain/stars';
import { call, emptyInput, idField, returns } from './define';
import { importCommitInput, importFileInput, type ExportedFile, type ImportPreview, type ImportResult } from './io';

export interface PeriodSchemeSummary {
  id: number;
  name: string;
  kind: StarPeriodKind;
  publishedVersion: number | null;
  hasDraft: boolean;
  periods: number;
}

export interface PeriodSchemeDetail {
  schemeId: number;
  name: string;
  kind: StarPeriodKind;
  versionId: number;
  version: number;
  status: 'draft' | 'published';
  roles: Role[];
  /** The monthly scheme whose published totals make the 月度考核 component. */
  monthSchemeId: number | null;
  rules: PeriodRules;
  versions: { versionId: number; version: number; status: 'draft' | 'published' }[];
}

const percent = (label: string) => z.number({ error: `请填写${label}` }).int(`${label}应为整数`).min(0, `${label}不能小于0`).max(100, `${label}不能超过100`);
const hundredths = z.number().int().min(0);

export const periodRulesInput = z.object({
  weights: z.object({ months: percent('月度考核权重'), appraisal: percent('年终测评权重'), points: percent('积分权重') }),
  ballotValues: z.object({ 优秀: hundredths, 称职: hundredths, 基本称职: hundredths, 不称职: hundredths }),
  appraisalSchemeId: idField.nullable().default(null),
  pointsFor100: z.number().int().positive('折合100分的积分应大于0'),
  minMonthsInPost: z.number().int().min(0).max(12, '最短在岗月数不能超过12'),
  vetoCap: z.enum(GRADES).nullable(),
  consecutiveFail: z.boolean(),
  quota: z.object({ percent: percent('优秀名额比例'), scope: z.enum(['street', 'community']) }).nullable(),
  bands: z.array(z.object({ grade: z.enum(GRADES), min: hundredths, max: hundredths.nullable() })).min(1).max(5),
});

export const periodDraftInput = z.object({
  schemeId: idField,
  name: z.string().trim().min(1, '请填写方案名称').max(60, '方案名称不能超过60字'),
  roles: z.array(z.enum(ROLES)).min(1, '请至少选择一个岗位'),
  monthSchemeId: idField.nullable(),
  rules: periodRulesInput,
});
export type PeriodDraftInput = z.input<typeof periodDraftInput>;

export interface PeriodSummary {
  id: number;
  schemeId: number;
  schemeName: string;
  version: number;
  period: string;
  periodLabel: string;
  status: 'open' | 'finalised';
  members: number;
  finalisedAt: string | null;
}

/** One worker's line of a period: who, the result, and what the period still lacks for them. */
export interface PeriodRow extends PeriodResult {
  name: string;
  unitPath: string;
  community: string;
  role: Role;
  monthsInPost: number;
  ballots: number;
}

export interface PeriodView {
  period: PeriodSummary;
  rules: PeriodRules;
  /** Months of the period that are not finalised (or not opened): a period is finalised only when there are none. */
  monthsMissing: string[];
  rows: PeriodRow[];
  counts: Record<Grade, number> & { 不定等次: number };
  /** People tied at the 优秀 line, waiting for a decision. */
  ties: number[];
  warnings: number[];
}

export interface BallotSheet {
  period: PeriodSummary;
  evaluatorId: number;
  rows: { personId: number; name: string; unitPath: string; ballot: Ballot | null }[];
  progress: { evaluatorId: number; name: string; cast: number }[];
}

/** Which period, rater and unit (null: every member the reader may see) a 年终测评表 is for. */
export const ballotSheetTarget = z.object({ periodId: idField, evaluatorId: idField, unitId: idField.nullable().default(null) });

const periodKey = z.string({ error: '请选择考核期间' }).regex(/^\d{4}(-H[12]|-Q[1-4])?$/, '期间应写作 2026、2026-H1 或 2026-Q3');

export const periodsContract = {
  'periods.schemes': call({ input: emptyInput, output: returns<PeriodSchemeSummary[]>(), tx: 'read' }),
  'periods.getScheme': call({ input: z.object({ schemeId: idField, version: z.number().int().positive().optional() }), output: returns<PeriodSchemeDetail>(), tx: 'read' }),
  'periods.createScheme': call({
    input: z.object({ name: z.string().trim().min(1, '请填写方案名称').max(60, '方案名称不能超过60字'), kind: z.enum(STAR_PERIOD_KIND_KEYS) }),
    output: returns<PeriodSchemeDetail>(),
    tx: 'write',
    roles: ['admin'],
  }),
  /** 复制方案: a new period scheme, a draft copy of everything in another one's version (its current one unless named). */
  'periods.copyScheme': call({
    input: z.object({
      schemeId: idField,
      version: z.number().int().positive().optional(),
      name: z.string({ error: '请填写新方案的名称' }).trim().min(1, '请填写新方案的名称').max(60, '方案名称不能超过60字'),
    }),
    output: returns<PeriodSchemeDetail>(),
    tx: 'write',
    roles: ['admin'],
  }),
  /** 复制为新版本: the next version's draft, a copy of everything in a published version (the newest unless named). */
  'periods.newVersion': call({ input: z.object({ schemeId: idField, version: z.number().int().positive().optional() }), output: returns<PeriodSchemeDetail>(), tx: 'write', roles: ['admin'] }),
  'periods.saveDraft': call({ input: periodDraftInput, output: returns<PeriodSchemeDetail>(), tx: 'write', roles: ['admin'] }),
  'periods.publish': call({ input: z.object({ schemeId: idField }), output: returns<PeriodSchemeDetail>(), tx: 'write', roles: ['admin'] }),
  'periods.list': call({ input: emptyInput, output: returns<PeriodSummary[]>(), tx: 'read' }),
  'periods.open': call({ input: z.object({ schemeId: idField, period: periodKey }), output: returns<PeriodSummary>(), tx: 'write', roles: ['admin'] }),
  'periods.view': call({ input: z.object({ periodId: idField, unitId: idField.nullable().default(null) }), output: returns<PeriodView>(), tx: 'read' }),
  'periods.ballots': call({ input: ballotSheetTarget, output: returns<BallotSheet>(), tx: 'read' }),
  // 年终测评表: the ballots of one rater as an .xlsx, and read back (preview, then import)
  'periods.exportBallots': call({ input: ballotSheetTarget, output: returns<ExportedFile>(), tx: 'none' }),
  'periods.previewBallots': call({ input: importFileInput.extend(ballotSheetTarget.shape), output: returns<ImportPreview>(), tx: 'none', roles: ['admin', 'evaluator'] }),
  'periods.importBallots': call({ input: importCommitInput.extend(ballotSheetTarget.shape), output: returns<ImportResult>(), tx: 'none', roles: ['admin', 'evaluator'] }),
  'periods.saveBallots': call({
    input: z.object({
      periodId: idField,
      evaluatorId: idField,
      cells: z.array(z.object({ personId: idField, ballot: z.enum(BALLOTS, { error: '测评结果只能是优秀、称职、基本称职或不称职' }).nullable() })).min(1).max(10_000),
    }),
    output: returns<{ saved: number }>(),
    tx: 'write',
    roles: ['admin', 'evaluator'],
  }),
  'periods.decideTie': call({
    input: z.object({ periodId: idField, personId: idField, keep: z.boolean(), reason: z.string().trim().min(1, '请填写决定的理由').max(200, '理由不能超过200字') }),
    output: returns<PeriodView>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'periods.finalise': call({ input: z.object({ periodId: idField }), output: returns<PeriodSummary>(), tx: 'write', roles: ['admin'] }),
  /** Whether 归档 would be refused, and why: asked before the confirmation. */
  'periods.finaliseCheck': call({ input: z.object({ periodId: idField }), output: returns<{ refusal: string | null }>(), tx: 'read' }),
  'periods.reopen': call({
    input: z.object({ periodId: idField, reason: z.string().trim().min(1, '请填写重新开启的原因').max(200, '原因不能超过200字') }),
    output: returns<PeriodSummary>(),
    tx: 'write',
    roles: ['admin'],
  }),
};

export type { Ballot, Grade, StarPeriodKind };
