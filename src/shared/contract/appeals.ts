/**
 * 申诉复核: a worker's appeal against a finalised month's or period's result, filed (by the 管理员, for the worker)
 * within the set number of days of finalising, and its review: 维持 (upheld) or 更正 (corrected: the month or period
 * is reopened, naming the appeal, to be changed and finalised again).
 */
import { z } from 'zod';
import type { Grade } from '../domain/scoring';
import { call, idField, returns } from './define';

export type AppealTarget = 'month' | 'period';
export type AppealStatus = 'open' | 'upheld' | 'corrected';

export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { open: '待复核', upheld: '已维持', corrected: '已更正' };
export const APPEAL_TARGET_LABELS: Record<AppealTarget, string> = { month: '月度考核', period: '周期考核' };

export interface AppealRow {
  id: number;
  target: AppealTarget;
  targetId: number;
  /** What is appealed, in Chinese: '2026-10 网格员月度考核' or '2026年度 年度考核'. */
  subject: string;
  /** The target's state now: reopened for a correction ('open') or sealed. */
  targetStatus: 'open' | 'finalised';
  personId: number;
  name: string;
  unitPath: string;
  /** The community (or village) the person was assessed in: where 月度考核 opens for a correction. */
  communityId: number | null;
  /** The result appealed against as it stands sealed now (null while reopened). */
  total: number | null;
  grade: Grade | null;
  filedOn: string;
  filedBy: string;
  reason: string;
  status: AppealStatus;
  reviewer: string | null;
  reviewReason: string | null;
  reviewedAt: string | null;
}

/** A finalised month or period a person may still appeal against, and the last day to. */
export interface AppealableTarget {
  target: AppealTarget;
  targetId: number;
  subject: string;
  finalisedOn: string;
  lastDay: string;
  total: number | null;
  grade: Grade | null;
}

const reasonField = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}字`);

export const fileAppealInput = z
  .object({
    personId: idField,
    /** One of monthId and periodId: what the appeal is against. */
    monthId: idField.nullable().default(null),
    periodId: idField.nullable().default(null),
    reason: reasonField('申诉理由', 500),
  })
  .superRefine((v, ctx) => {
    if ((v.monthId === null) === (v.periodId === null)) ctx.addIssue({ code: 'custom', path: ['monthId'], message: '请选择申诉的考核月份或考核期间（只选一项）' });
  });
export type FileAppealInput = z.input<typeof fileAppealInput>;

export const appealsContract = {
  /** Open appeals (or all), newest first; a 考核员 sees those of the people in their units. */
  'appeals.list': call({
    input: z.object({ status: z.enum(['open', 'all']).default('open') }),
    output: returns<AppealRow[]>(),
    tx: 'read',
  }),
  /** What a person may appeal against today: finalised months and periods they were assessed in, within the window. */
  'appeals.targets': call({ input: z.object({ personId: idField }), output: returns<AppealableTarget[]>(), tx: 'read' }),
  'appeals.file': call({ input: fileAppealInput, output: returns<AppealRow>(), tx: 'write', roles: ['admin'] }),
  /** 复核: 维持 keeps the result; 更正 reopens the month or period (the reason naming the appeal) to be changed and finalised again. */
  'appeals.review': call({
    input: z.object({
      appealId: idField,
      decision: z.enum(['uphold', 'correct'], { error: '请选择复核结论（维持或更正）' }),
      reason: reasonField('复核意见', 200),
    }),
    output: returns<AppealRow>(),
    tx: 'write',
    roles: ['admin'],
  }),
};
