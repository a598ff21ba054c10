import { z } from 'zod';
import type { Role } from '../domain/people';
import type { Aggregation, Band, Combined, Criterion, Grade, GroupWeight, Sheet } from '../domain/scoring';
import type { ScoreConflict } from '../domain/score-conflict';
import { call, emptyInput, idField, returns } from './define';
import { importCommitInput, importFileInput, type ExportedFile, type ImportPreview, type ImportResult } from './io';

export interface Evaluator {
  id: number;
  name: string;
  group: string;
}

export interface MonthSummary {
  id: number;
  schemeId: number;
  schemeName: string;
  versionId: number;
  version: number;
  period: string;
  status: 'open' | 'finalised';
  members: number;
  /** Members with at least one evaluator's complete sheet. */
  scored: number;
  exempt: number;
  finalisedAt: string | null;
  /** Evaluators who have scored anyone this month. */
  evaluatorIds: number[];
}

export interface SheetRow {
  personId: number;
  name: string;
  unitPath: string;
  role: Role;
  exemptReason: string;
  /** criterion id → value (score in hundredths, or a count). */
  values: Record<number, number>;
  notes: Record<number, string>;
  /** This evaluator's sheet total, in hundredths. */
  total: number;
  complete: boolean;
  veto: boolean;
  /** 极端分说明: the complete sheet's total is at or above the scheme's high line or under its low line. */
  reasonNeeded: boolean;
  /** The reason recorded for this sheet ('' for none). */
  reason: string;
}

/** A sheet whose total asks for a reason (极端分说明), and the reason it has. */
export interface ExtremeSheet {
  personId: number;
  name: string;
  unitPath: string;
  evaluatorId: number;
  evaluatorName: string;
  total: number;
  /** Why it asks, in Chinese: 合计100分，达到100分需填写说明. */
  asked: string;
  /** '' while none is recorded. */
  reason: string;
}

export interface EvaluatorProgress {
  evaluatorId: number;
  name: string;
  group: string;
  /** Members of the chosen unit this evaluator has a complete sheet for. */
  scored: number;
  toScore: number;
}

export interface SheetView {
  month: MonthSummary;
  criteria: Criterion[];
  /** 极端分说明: the lines in force for the month's version (a total at or above high, or under low, asks for a reason). */
  reasonLimits: { high: number; low: number };
  rows: SheetRow[];
  progress: EvaluatorProgress[];
}

export interface ResultRow {
  personId: number;
  name: string;
  unitId: number;
  unitPath: string;
  /** The community or village the worker's unit lies in: the unit ranks are taken within. */
  community: string;
  role: Role;
  exemptReason: string;
  evaluators: number;
  total: number | null;
  grade: Grade | null;
  veto: boolean;
  rankInUnit: number | null;
  /** Within the grid (网格排名): a grid leader compares a few workers, not a community of ninety. */
  rankInGrid: number | null;
  rankInRole: number | null;
  categories: Record<string, number>;
  /** Three falls (or rises) in a row over the last four months of this scheme: 庸者下, and who is ready to rise. */
  trend: 'falling' | 'rising' | null;
  /**
   * Why the total may still change while the month is open (an evaluator's sheet half filled, an evaluator or a
   * weighted group who scored the community but not this worker yet); '' once it stands.
   */
  provisional: string;
}

export interface MonthResults {
  month: MonthSummary;
  bands: Band[];
  categories: string[];
  rows: ResultRow[];
  gradeCounts: Record<Grade, number>;
}

export interface Derivation {
  personId: number;
  name: string;
  period: string;
  schemeName: string;
  version: number;
  aggregation: Aggregation;
  groups: GroupWeight[];
  criteria: Criterion[];
  sheets: (Sheet & { evaluatorId: number; evaluatorName: string; group: string; notes: Record<number, string>; reasonNeeded: boolean; reason: string })[];
  combined: Combined;
  grade: Grade | null;
  /** Evaluators who stepped aside (回避) for this worker, left out of the combination. */
  recusals: { evaluatorId: number; evaluatorName: string; reason: string }[];
}

export interface PersonMonth {
  monthId: number;
  period: string;
  schemeName: string;
  status: 'open' | 'finalised';
  total: number | null;
  grade: Grade | null;
  veto: boolean;
  rankInUnit: number | null;
  exemptReason: string;
}

const period = z
  .string({ error: '请选择考核月份' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '考核月份应写作 YYYY-MM，例如 2026-11');

export const scoreCell = z.object({
  personId: idField,
  criterionId: idField,
  /** null clears the cell. */
  value: z.number().int().nullable(),
  note: z.string().trim().max(200, '说明不能超过200字').default(''),
  /** The value the sender last saw (null: empty): a cell changed since by someone else is not saved (a conflict). */
  seen: z.number().int().nullable().optional(),
  /** The note the sender last saw (with `seen`): a note changed since by someone else is a conflict too. */
  seenNote: z.string().max(200, '说明不能超过200字').optional(),
});
export type ScoreCell = z.input<typeof scoreCell>;

// ---- 考核表 (evaluator workbook): one open month × unit × evaluator, exported and imported back ----
/** Which month, unit (null: 全部单位) and evaluator a workbook is for. */
export const evaluatorWorkbookTarget = z.object({ monthId: idField, unitId: idField.nullable().default(null), evaluatorId: idField });
export type EvaluatorWorkbookTarget = z.input<typeof evaluatorWorkbookTarget>;

export const assessmentsContract = {
  'assessments.evaluators': call({ input: emptyInput, output: returns<Evaluator[]>(), tx: 'read' }),
  'assessments.createEvaluator': call({
    input: z.object({
      name: z.string().trim().min(1, '请填写考核人姓名或考核组名称').max(40, '名称不能超过40字'),
      group: z.string().trim().max(20, '考核组名称不能超过20字').default(''),
    }),
    output: returns<Evaluator>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'assessments.months': call({ input: z.object({ schemeId: idField.optional() }), output: returns<MonthSummary[]>(), tx: 'read' }),
  'assessments.open': call({
    input: z.object({ schemeId: idField, period }),
    output: returns<MonthSummary>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'assessments.sheet': call({
    input: z.object({ monthId: idField, unitId: idField.nullable().default(null), evaluatorId: idField }),
    output: returns<SheetView>(),
    tx: 'read',
  }),
  'assessments.saveScores': call({
    input: z.object({ monthId: idField, evaluatorId: idField, cells: z.array(scoreCell).min(1).max(20_000) }),
    output: returns<{ saved: number; rows: Pick<SheetRow, 'personId' | 'total' | 'complete' | 'veto' | 'reasonNeeded' | 'reason'>[]; conflicts: ScoreConflict[] }>(),
    tx: 'write',
    roles: ['admin', 'evaluator'],
  }),
  'assessments.results': call({
    input: z.object({ monthId: idField, unitId: idField.nullable().default(null) }),
    output: returns<MonthResults>(),
    tx: 'read',
  }),
  'assessments.derivation': call({
    input: z.object({ monthId: idField, personId: idField }),
    output: returns<Derivation>(),
    tx: 'read',
  }),
  'assessments.setExempt': call({
    input: z.object({ monthId: idField, personId: idField, reason: z.string().trim().max(100, '免考原因不能超过100字') }),
    output: returns<{ personId: number; exemptReason: string }>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'assessments.finalise': call({ input: z.object({ monthId: idField }), output: returns<MonthSummary>(), tx: 'write', roles: ['admin'] }),
  /** Whether 归档 would be refused, and why: asked before the confirmation, so that nobody confirms a refusal. */
  'assessments.finaliseCheck': call({ input: z.object({ monthId: idField }), output: returns<{ refusal: string | null }>(), tx: 'read' }),
  'assessments.reopen': call({
    input: z.object({ monthId: idField, reason: z.string().trim().min(1, '请填写重新开启的原因').max(200, '原因不能超过200字') }),
    output: returns<MonthSummary>(),
    tx: 'write',
    roles: ['admin'],
  }),
  /** 回避: the evaluator is left out for this worker only (with a reason); '' withdraws it. */
  'assessments.recuse': call({
    input: z.object({ monthId: idField, personId: idField, evaluatorId: idField, reason: z.string().trim().max(200, '回避原因不能超过200字') }),
    output: returns<{ recused: boolean }>(),
    tx: 'write',
    roles: ['admin', 'evaluator'],
  }),
  /** 极端分说明: the reason for one evaluator's sheet of one worker whose total asks for one; '' clears it. */
  'assessments.setReason': call({
    input: z.object({ monthId: idField, personId: idField, evaluatorId: idField, reason: z.string().trim().max(200, '说明不能超过200字') }),
    output: returns<{ reasonNeeded: boolean; reason: string }>(),
    tx: 'write',
    roles: ['admin', 'evaluator'],
  }),
  /** The month's sheets (of a unit) whose totals ask for a reason, with the reasons they have. */
  'assessments.extremeSheets': call({
    input: z.object({ monthId: idField, unitId: idField.nullable().default(null) }),
    output: returns<ExtremeSheet[]>(),
    tx: 'read',
  }),
  'assessments.personHistory': call({ input: z.object({ personId: idField }), output: returns<PersonMonth[]>(), tx: 'read' }),
  // 考核表 (evaluator workbook)
  'assessments.exportWorkbook': call({ input: evaluatorWorkbookTarget, output: returns<ExportedFile>(), tx: 'none' }),
  'assessments.previewWorkbook': call({ input: importFileInput.extend(evaluatorWorkbookTarget.shape), output: returns<ImportPreview>(), tx: 'none', roles: ['admin', 'evaluator'] }),
  'assessments.importWorkbook': call({ input: importCommitInput.extend(evaluatorWorkbookTarget.shape), output: returns<ImportResult>(), tx: 'none', roles: ['admin', 'evaluator'] }),
};
