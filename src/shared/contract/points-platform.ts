/**
 * Platform statistics rules (平台统计规则): which column of the grid platform's monthly export becomes what. Joined into
 * the points contract; the import itself is points.previewPlatform / points.importPlatform.
 */
import { z } from 'zod';
import {
  PLATFORM_MODE_KEYS,
  PLATFORM_TARGET_KEYS,
  THRESHOLD_OP_KEYS,
  type PlatformMode,
  type PlatformTarget,
  type ThresholdOp,
} from '../domain/platform-stats';
import { call, emptyInput, idField, returns } from './define';

export interface PlatformRule {
  id: number;
  /** The column's header in the platform's export, e.g. 上报事件. */
  column: string;
  target: PlatformTarget;
  /** target 'points'. */
  pointRuleId: number | null;
  pointRuleName: string;
  /** target 'criterion': the scheme, and the criterion by name (a name holds across the scheme's versions). */
  schemeId: number | null;
  schemeName: string;
  criterionName: string;
  mode: PlatformMode;
  /** Hundredths. */
  per: number | null;
  op: ThresholdOp | null;
  /** Hundredths. */
  threshold: number | null;
  active: boolean;
  note: string;
}

const hundredths = (label: string) =>
  z.number({ error: `请填写${label}` }).int(`${label}最多两位小数`).min(-100_000_000, `${label}过小`).max(100_000_000, `${label}过大`);

export const platformRuleInput = z
  .object({
    column: z.string({ error: '请填写平台统计表中的列名' }).trim().min(1, '请填写平台统计表中的列名').max(40, '列名不能超过40字'),
    target: z.enum(PLATFORM_TARGET_KEYS, { error: '请选择记入积分规则还是考核指标' }),
    pointRuleId: idField.nullable().default(null),
    schemeId: idField.nullable().default(null),
    criterionName: z.string().trim().max(60).default(''),
    mode: z.enum(PLATFORM_MODE_KEYS, { error: '请选择计算方式' }),
    per: hundredths('每满多少').nullable().default(null),
    op: z.enum(THRESHOLD_OP_KEYS).nullable().default(null),
    threshold: hundredths('条件数值').nullable().default(null),
    active: z.boolean().default(true),
    note: z.string().trim().max(200, '说明不能超过200字').default(''),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.target === 'points' && r.pointRuleId === null) issue('pointRuleId', '请选择积分规则');
    if (r.target === 'criterion') {
      if (r.schemeId === null) issue('schemeId', '请选择考核方案');
      if (r.criterionName === '') issue('criterionName', '请选择考核指标');
    }
    if (r.mode === 'per' && (r.per === null || r.per <= 0)) issue('per', '请填写大于0的数，如 每满10条计1');
    if (r.mode === 'threshold') {
      if (r.op === null) issue('op', '请选择比较方式');
      if (r.threshold === null) issue('threshold', '请填写条件数值，如 95');
    }
  });
export type PlatformRuleInput = z.input<typeof platformRuleInput>;

/** What a platform import needs besides the file: the month the figures are for, and who enters criterion counts. */
export const platformImportParams = z.object({
  period: z.string({ error: '请选择统计月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '统计月份应写作 YYYY-MM，例如 2026-10'),
  evaluatorId: idField.nullable().default(null),
});

export const platformRulesContract = {
  'points.platformRules': call({ input: emptyInput, output: returns<PlatformRule[]>(), tx: 'read' }),
  'points.savePlatformRule': call({
    input: z.object({ id: idField.nullable().default(null), rule: platformRuleInput }),
    output: returns<PlatformRule>(),
    tx: 'write',
    roles: ['admin'],
  }),
  'points.deletePlatformRule': call({ input: z.object({ id: idField }), output: returns<{ id: number }>(), tx: 'write', roles: ['admin'] }),
};
