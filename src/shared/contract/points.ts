import { z } from 'zod';
import type { Role } from '../domain/people';
import {
  BALANCE_KIND_KEYS,
  CAP_PERIODS,
  DERIVED_KIND_KEYS,
  PERIOD_KEY_RE,
  POINT_SOURCE_KEYS,
  POINT_UNITS,
  type BalanceKind,
  type CapPeriod,
  type DerivedKind,
  type PointSource,
  type PointUnit,
} from '../domain/points';
import { call, dateField, emptyInput, idField, returns } from './define';
import { importCommitInput, importFileInput, type ExportedFile, type ImportPreview, type ImportResult } from './io';
import { platformImportParams } from './points-platform';
import { platformRulesContract } from './points-platform';

export interface PointRule {
  id: number;
  name: string;
  category: string;
  /** Hundredths; negative for a deduction. */
  pointsPerUnit: number;
  unit: PointUnit;
  cap: number | null;
  capPeriod: CapPeriod | null;
  validFrom: string;
  /** Inclusive; null while in force. */
  validTo: string | null;
  derived: DerivedKind | null;
  active: boolean;
  note: string;
  /** Ledger entries that use the rule: a used rule keeps its points per unit. */
  entries: number;
  /** Active and in force today. */
  inForce: boolean;
}

export interface PointEntry {
  id: number;
  date: string;
  personId: number;
  name: string;
  unitPath: string;
  ruleId: number;
  ruleName: string;
  category: string;
  unit: PointUnit;
  /** Hundredths: 0.5天 → 50; negative on a reversal. */
  quantity: number;
  points: number;
  /** Before the cap. */
  uncapped: number;
  source: PointSource;
  sourceRef: string;
  note: string;
  /** On a reversal: the entry it reverses. */
  reversesId: number | null;
  /** On an original: the reversal that cancels it. */
  reversedBy: number | null;
  enteredBy: string;
  createdAt: string;
}

export interface PostResult {
  entries: PointEntry[];
  total: number;
  /** Lines the cap cut down, with what the user should read. */
  capped: { personId: number; name: string; message: string }[];
}

export interface LedgerView {
  rows: PointEntry[];
  /** Entries that matched, which may be more than the rows returned. */
  matched: number;
  points: number;
}

export interface PersonLedgerRow extends PointEntry {
  balance: number;
}

export interface PersonLedger {
  personId: number;
  name: string;
  unitPath: string;
  roles: Role[];
  rows: PersonLedgerRow[];
  total: number;
  plus: number;
  minus: number;
}

export interface BalanceRow {
  personId: number;
  name: string;
  unitId: number;
  unitPath: string;
  community: string;
  role: Role;
  status: '在岗' | '离岗';
  points: number;
  plus: number;
  minus: number;
  entries: number;
  /** Competition ranks (1, 1, 3) across the street, within the community and within the role. */
  rank: number;
  rankInCommunity: number;
  rankInRole: number;
}

export interface Balances {
  kind: BalanceKind;
  period: string;
  label: string;
  from: string;
  to: string;
  rows: BalanceRow[];
}

const ruleFields = z
  .object({
    name: z.string({ error: '请填写规则名称' }).trim().min(1, '请填写规则名称').max(40, '规则名称不能超过40字'),
    category: z.string().trim().max(20, '类别不能超过20字').default(''),
    pointsPerUnit: z
      .number({ error: '请填写每单位分值' })
      .int('分值最多两位小数')
      .refine((v) => v !== 0, '分值不能为0')
      .refine((v) => Math.abs(v) <= 100_000, '分值不能超过1000分'),
    unit: z.enum(POINT_UNITS, { error: '请选择计量单位' }),
    cap: z.number().int('上限最多两位小数').positive('上限应大于0').max(10_000_000, '上限过大').nullable().default(null),
    capPeriod: z.enum(Object.keys(CAP_PERIODS) as [CapPeriod, ...CapPeriod[]]).nullable().default(null),
    validFrom: dateField('生效日期'),
    validTo: dateField('停用日期').nullable().default(null),
    derived: z.enum(DERIVED_KIND_KEYS).nullable().default(null),
    active: z.boolean().default(true),
    note: z.string().trim().max(200, '说明不能超过200字').default(''),
  })
  .superRefine((r, ctx) => {
    if (r.cap !== null && r.capPeriod === null) ctx.addIssue({ code: 'custom', path: ['capPeriod'], message: '请选择上限按月还是按年计算' });
    if (r.cap === null && r.capPeriod !== null) ctx.addIssue({ code: 'custom', path: ['cap'], message: '请填写上限分值' });
    if (r.validTo !== null && r.validTo < r.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '停用日期不能早于生效日期' });
  });

export const pointRuleInput = ruleFields;
export type PointRuleInput = z.input<typeof pointRuleInput>;

export const pointLine = z.object({
  personId: idField,
  /** Hundredths: 1次 → 100, 0.5天 → 50. */
  quantity: z.number({ error: '请填写数量' }).int('数量最多两位小数').positive('数量应大于0').max(99_900, '数量不能超过999'),
  /** Overrides the batch's note for this line. */
  note: z.string().trim().max(200, '说明不能超过200字').optional(),
});
export type PointLine = z.input<typeof pointLine>;

const balanceInput = z
  .object({
    kind: z.enum(BALANCE_KIND_KEYS),
    period: z.string().default(''),
    unitId: idField.nullable().default(null),
    role: z.string().default(''),
  })
  .superRefine((b, ctx) => {
    if (!PERIOD_KEY_RE[b.kind].test(b.period)) ctx.addIssue({ code: 'custom', path: ['period'], message: '请选择统计期间' });
  });

export const pointsContract = {
  'points.rules': call({ input: emptyInput, output: returns<PointRule[]>(), tx: 'read' }),
  'points.createRule': call({ input: pointRuleInput, output: returns<PointRule>(), tx: 'write', roles: ['admin'] }),
  'points.updateRule': call({
    input: z.object({ id: idField, rule: pointRuleInput }),
    output: returns<PointRule>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'points.post': call({
    input: z.object({
      ruleId: z.number({ error: '请选择积分规则' }).int().positive('请选择积分规则'),
      date: dateField('日期'),
      note: z.string().trim().max(200, '说明不能超过200字').default(''),
      source: z.enum(['manual', 'import']).default('manual'),
      lines: z.array(pointLine, { error: '请添加人员' }).min(1, '请至少添加一名人员').max(5000, '一次最多录入5000条'),
    }),
    output: returns<PostResult>(),
    tx: 'write',
    roles: ['admin', 'evaluator'],
  }),
  'points.reverse': call({
    input: z.object({
      entryId: idField,
      reason: z.string({ error: '请填写冲销原因' }).trim().min(1, '请填写冲销原因').max(200, '冲销原因不能超过200字'),
    }),
    output: returns<PointEntry>(),
    tx: 'write',
    roles: ['admin', 'evaluator'],
  }),
  'points.ledger': call({
    input: z.object({
      personId: idField.nullable().default(null),
      ruleId: idField.nullable().default(null),
      unitId: idField.nullable().default(null),
      source: z.enum(POINT_SOURCE_KEYS).nullable().default(null),
      from: dateField('起始日期').nullable().default(null),
      to: dateField('截止日期').nullable().default(null),
      search: z.string().max(50).default(''),
      limit: z.number().int().positive().max(20_000).default(3000),
    }),
    output: returns<LedgerView>(),
    tx: 'read',
  }),
  'points.personLedger': call({ input: z.object({ personId: idField }), output: returns<PersonLedger>(), tx: 'read' }),
  'points.balances': call({ input: balanceInput, output: returns<Balances>(), tx: 'read' }),
  ...platformRulesContract,
  // 积分导入 and 平台统计 (the grid platform's monthly export)
  'points.importTemplate': call({ input: z.object({}).strict(), output: returns<ExportedFile>(), tx: 'none' }),
  'points.previewImport': call({ input: importFileInput, output: returns<ImportPreview>(), tx: 'none', roles: ['admin', 'evaluator'] }),
  'points.import': call({ input: importCommitInput, output: returns<ImportResult>(), tx: 'none', roles: ['admin', 'evaluator'] }),
  'points.previewPlatform': call({ input: importFileInput.extend(platformImportParams.shape), output: returns<ImportPreview>(), tx: 'none', roles: ['admin', 'evaluator'] }),
  'points.importPlatform': call({ input: importCommitInput.extend(platformImportParams.shape), output: returns<ImportResult>(), tx: 'none', roles: ['admin', 'evaluator'] }),
};
