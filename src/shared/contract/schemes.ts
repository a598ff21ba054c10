import { z } from 'zod';
import { ROLES, type Role } from '../domain/people';
import {
  AGGREGATIONS,
  CRITERION_KIND_KEYS,
  GRADES,
  type Aggregation,
  type Band,
  type Criterion,
  type GroupWeight,
} from '../domain/scoring';
import { call, emptyInput, idField, returns } from './define';

export interface SchemeSummary {
  id: number;
  name: string;
  roles: Role[];
  /** The newest published version, or null before the first publication. */
  publishedVersion: number | null;
  hasDraft: boolean;
  /** Months scored with any version of the scheme. */
  months: number;
}

export interface SchemeDetail {
  schemeId: number;
  name: string;
  description: string;
  versionId: number;
  version: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  roles: Role[];
  fullScore: number;
  aggregation: Aggregation;
  groups: GroupWeight[];
  bands: Band[];
  /** 极端分说明: a sheet total at or above this asks for a reason; null: the full score. */
  reasonHigh: number | null;
  /** A sheet total under this asks for a reason; null: 60 points. */
  reasonLow: number | null;
  criteria: Criterion[];
  /** Every version of the scheme, newest first, and how many months each was used for. */
  versions: { versionId: number; version: number; status: 'draft' | 'published'; publishedAt: string | null; months: number }[];
}

export interface KnownGroup {
  name: string;
  /** Evaluators in the group, and schemes whose versions weight it. */
  evaluators: number;
  schemes: number;
}

export interface SchemeTemplate {
  key: string;
  name: string;
  description: string;
}

const hundredths = (label: string) =>
  z.number({ error: `${label}应为数字` }).int(`${label}最多两位小数`).min(0, `${label}不能小于0`).max(10_000_00, `${label}过大`);

export const criterionInput = z.object({
  category: z.string().trim().min(1, '请填写指标分类').max(20, '分类不能超过20字'),
  name: z.string().trim().min(1, '请填写指标名称').max(40, '指标名称不能超过40字'),
  kind: z.enum(CRITERION_KIND_KEYS, { error: '请选择指标类型' }),
  max: hundredths('分值'),
  perUnit: hundredths('每次分值').default(0),
  cap: hundredths('上限').default(0),
  floor: z.enum(['criterion', 'category']).default('criterion'),
  guide: z.string().trim().max(500, '评分标准不能超过500字').default(''),
});
export type CriterionInput = z.input<typeof criterionInput>;

export const schemeDraftInput = z.object({
  schemeId: idField,
  name: z.string().trim().min(1, '请填写方案名称').max(60, '方案名称不能超过60字'),
  description: z.string().trim().max(500, '说明不能超过500字').default(''),
  roles: z.array(z.enum(ROLES)).min(1, '请至少选择一个适用岗位'),
  fullScore: hundredths('满分').refine((v) => v > 0, '满分应大于0'),
  aggregation: z.enum(Object.keys(AGGREGATIONS) as [Aggregation, ...Aggregation[]]),
  groups: z
    .array(z.object({ name: z.string().trim().min(1, '请填写考核组名称').max(20), weight: z.number().int().min(0).max(100) }))
    .default([]),
  bands: z
    .array(z.object({ grade: z.enum(GRADES), min: hundredths('下限'), max: hundredths('上限').nullable() }))
    .min(1, '请设置等次'),
  /** 极端分说明的高分线、低分线 (null: the full score, 60 points). */
  reasonHigh: hundredths('需说明的高分线').nullable().default(null),
  reasonLow: hundredths('需说明的低分线').nullable().default(null),
  criteria: z.array(criterionInput).max(60, '一个方案最多60项指标'),
});
export type SchemeDraftInput = z.input<typeof schemeDraftInput>;

export const schemesContract = {
  'schemes.list': call({ input: emptyInput, output: returns<SchemeSummary[]>(), tx: 'read' }),
  'schemes.get': call({
    input: z.object({ schemeId: idField, version: z.number().int().positive().optional() }),
    output: returns<SchemeDetail>(),
    tx: 'read',
  }),
  'schemes.templates': call({ input: emptyInput, output: returns<SchemeTemplate[]>(), tx: 'read' }),
  'schemes.create': call({
    input: z.object({
      name: z.string().trim().min(1, '请填写方案名称').max(60, '方案名称不能超过60字'),
      template: z.string().default(''),
    }),
    output: returns<SchemeDetail>(),
    tx: 'write',
    roles: ['admin'],
  }),
  /** 复制方案: a new scheme, a draft copy of everything in another scheme's version (its current one unless named). */
  'schemes.copy': call({
    input: z.object({
      schemeId: idField,
      version: z.number().int().positive().optional(),
      name: z.string({ error: '请填写新方案的名称' }).trim().min(1, '请填写新方案的名称').max(60, '方案名称不能超过60字'),
    }),
    output: returns<SchemeDetail>(),
    tx: 'write',
    roles: ['admin'],
  }),
  /** 复制为新版本: the next version's draft of the same scheme, a copy of everything in a published version (the newest unless named). */
  'schemes.newVersion': call({
    input: z.object({ schemeId: idField, version: z.number().int().positive().optional() }),
    output: returns<SchemeDetail>(),
    tx: 'write',
    roles: ['admin'],
  }),
  /** 考核组 already in use: named by evaluators or by a scheme's group weights, for choosing from a list. */
  'schemes.groups': call({ input: emptyInput, output: returns<KnownGroup[]>(), tx: 'read' }),
  'schemes.saveDraft': call({ input: schemeDraftInput, output: returns<SchemeDetail>(), tx: 'write', roles: ['admin'] }),
  'schemes.publish': call({ input: z.object({ schemeId: idField }), output: returns<SchemeDetail>(), tx: 'write', roles: ['admin'] }),
  'schemes.discardDraft': call({ input: z.object({ schemeId: idField }), output: returns<SchemeDetail>(), tx: 'write', roles: ['admin'] }),
};
