/** 操作日志: the audit log, read-only for every role, newest first, a page at a time. */
import { z } from 'zod';
import { AUDIT_KIND_KEYS, type AuditKind } from '../domain/audit';
import { call, dateField, emptyInput, idField, returns } from './define';

export interface AuditRow {
  id: number;
  /** ISO UTC; shown in Asia/Shanghai. */
  at: string;
  actor: string;
  /** Which client the change came from (客户端): a LAN browser's address, or 本机; null for entries before the LAN. */
  client: string | null;
  action: string;
  actionLabel: string;
  entity: string;
  entityId: number | null;
  kind: AuditKind | null;
  kindLabel: string;
  /** One line in Chinese: “张三 · 任务完成情况：18 → 20”. */
  summary: string;
  reason: string;
  /** The raw values as recorded, for the detail view. */
  oldValue: unknown;
  newValue: unknown;
  /** What the ids in the values stand for: { personId: '张三', criterionId: '任务完成情况' }. */
  names: Record<string, string>;
  /** Fields shown as people read them (18, not 1800 hundredths), for the detail view. */
  display: { old: Record<string, string>; new: Record<string, string> };
}

export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `before` for the next page; null when this page is the last. */
  next: number | null;
}

/** Something in the records that is not as the app wrote it. */
export interface RecordProblem {
  kind: 'audit' | 'month' | 'period';
  /** The audit row or the month. */
  id: number;
  message: string;
  /** For an audit row: what the row there says now (time, who, what, why). */
  claimed: string;
}

/** The last check of the records: the audit chain and every finalised month's digest. */
export interface RecordsCheck {
  checkedAt: string;
  ok: boolean;
  auditRows: number;
  months: number;
  problems: RecordProblem[];
}

const optionalDate = (label: string) => dateField(label).nullable().default(null);

export const auditListInput = z
  .object({
    /** Days in Asia/Shanghai, both inclusive. */
    from: optionalDate('起始日期'),
    to: optionalDate('截止日期'),
    kind: z.enum(AUDIT_KIND_KEYS).nullable().default(null),
    action: z.string().trim().max(40).nullable().default(null),
    actor: z.string().trim().max(40).nullable().default(null),
    personId: idField.nullable().default(null),
    /** The entries of one appeal's chain: filed, reviewed, and for a correction the reopening, the changes, the re-finalise. */
    appealId: idField.nullable().default(null),
    /** Part of the reason (原因). */
    text: z.string().trim().max(100, { error: '查找的原因最多100个字' }).default(''),
    /** Keyset: only entries older than this id. */
    before: idField.nullable().default(null),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
  });

export const auditContract = {
  'audit.list': call({ input: auditListInput, output: returns<AuditPage>(), tx: 'read' }),
  /** Everyone who has made an entry, for the 操作人 filter. */
  'audit.actors': call({ input: emptyInput, output: returns<string[]>(), tx: 'read' }),
  /** Checks the whole audit chain and every finalised month now (操作日志 → 校验), and keeps the result for 首页 and 系统. */
  'audit.verify': call({ input: emptyInput, output: returns<RecordsCheck>(), tx: 'none', roles: ['admin', 'secretary'] }),
};
