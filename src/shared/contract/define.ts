/**
 * How a call is declared. The zod schema is the contract: the dispatcher checks every input with it at run time,
 * and the handler's and the client's types are inferred from it.
 */
import { z } from 'zod';
import { isValidDate } from '../domain/dates';
import type { AppErrorPayload } from '../errors';
import { fieldLabel } from './field-labels';

/** Where a wrong value sits, in words: '数量', '第3项的数量', '负责的单位第2项'; '输入' for the whole input. */
function whereOf(path: readonly PropertyKey[]): string {
  let label = '';
  let item = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      item = `第${segment + 1}项`;
    } else if (typeof segment === 'string') {
      const name = fieldLabel(segment);
      if (name === '') continue; // an unnamed level (a record's key …) keeps the name around it
      label = item ? `${item}的${name}` : name;
      item = '';
    }
  }
  if (item) return label ? `${label}${item}` : item;
  return label || '输入';
}

const isNumberType = (t: unknown) => t === 'number' || t === 'int' || t === 'bigint';

/** Why the value is of the wrong kind, for what the schema expected. */
function wrongType(where: string, expected: unknown, input: unknown): string {
  if (input === undefined) return where === '输入' ? '缺少输入内容' : `请填写${where}`;
  if (input === null) return `${where}不能为空`;
  if (isNumberType(expected)) {
    if (typeof input === 'number') {
      if (Number.isNaN(input)) return `${where}不是有效的数字`;
      if (!Number.isFinite(input)) return `${where}应为有限的数字，数值超出范围`;
      if (expected === 'int') return `${where}应为整数`;
    }
    return `${where}应为数字`;
  }
  if (expected === 'string') return `${where}应为文字`;
  if (expected === 'boolean') return `${where}应为“是”或“否”`;
  if (expected === 'array') return `${where}应为一组值`;
  if (expected === 'object' || expected === 'record' || expected === 'map') return `${where}的格式不正确`;
  return `${where}的类型不正确`;
}

/**
 * The message of every zod issue a schema gives no words of its own: clear Chinese naming the field and what is wrong
 * ('数量应为有限的数字', '条数数值超出范围'), in place of zod's zh-CN locale ('期望 数字，实际接收 数字'). Schemas
 * still give better words where users type.
 */
export function chineseIssueMessage(issue: z.core.$ZodRawIssue): string {
  const where = whereOf(issue.path ?? []);
  const i = issue as z.core.$ZodRawIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(where, i.expected, issue.input);
    case 'too_big': {
      const max = i.maximum as number | bigint;
      if (i.origin === 'string') return `${where}不能超过${String(max)}个字`;
      if (i.origin === 'array' || i.origin === 'set') return `${where}最多${String(max)}项`;
      if (i.origin === 'file') return `${where}过大`;
      if (typeof max === 'number' && Math.abs(max) >= Number.MAX_SAFE_INTEGER) return `${where}数值超出范围`;
      return `${where}数值超出范围（${i.inclusive ? '不能大于' : '应小于'}${String(max)}）`;
    }
    case 'too_small': {
      const min = i.minimum as number | bigint;
      if (i.origin === 'string') return Number(min) <= 1 ? `请填写${where}` : `${where}至少${String(min)}个字`;
      if (i.origin === 'array' || i.origin === 'set') return `${where}至少要有${String(min)}项`;
      if (i.origin === 'file') return `${where}是空的`;
      if (typeof min === 'number' && Math.abs(min) >= Number.MAX_SAFE_INTEGER) return `${where}数值超出范围`;
      return `${where}${i.inclusive ? `不能小于${String(min)}` : `应大于${String(min)}`}`;
    }
    case 'invalid_value':
      return `${where}不是可选的值`;
    case 'invalid_format':
      return `${where}的格式不正确`;
    case 'not_multiple_of':
      return `${where}应为${String(i.divisor)}的倍数`;
    case 'unrecognized_keys': {
      const keys = (i.keys as string[] | undefined) ?? [];
      return `${where === '输入' ? '' : where}有不认识的输入项：${keys.slice(0, 5).join('、')}${keys.length > 5 ? ' 等' : ''}`;
    }
    case 'invalid_key':
      return `${where}中有不正确的名称`;
    case 'invalid_element':
      return `${where}中有不正确的值`;
    case 'invalid_union':
      return `${where}的格式不正确`;
    case 'custom':
      return `${where}不正确`;
    default:
      return `${where}有误`;
  }
}

// Fallback messages in Chinese: ours for every issue a schema gives no words of its own, zh-CN only behind them.
z.config({ ...z.locales.zhCN(), customError: chineseIssueMessage });

export const ACCOUNT_ROLES = ['admin', 'evaluator', 'secretary'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/**
 * How the dispatcher runs a handler: `write` in an immediate transaction (all or nothing), `read` in a deferred
 * one (a consistent snapshot), `none` for async work (backups, files) whose database reads all happen in one
 * synchronous stretch before its first await, `exclusive` like none but alone: calls already running finish first and
 * calls arriving meanwhile wait (a restore replaces the whole store).
 */
export type TransactionMode = 'write' | 'read' | 'none' | 'exclusive';

export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
  roles: readonly AccountRole[];
  tx: TransactionMode;
  /** Callable before logging in (once login is on): only logging in and asking who is logged in. */
  anonymous: boolean;
}

/** A phantom value that carries an output type into a CallDef. */
export function returns<T>(): T {
  return undefined as unknown as T;
}

export function call<I extends z.ZodType, O>(def: {
  input: I;
  output: O;
  tx: TransactionMode;
  roles?: readonly AccountRole[];
  anonymous?: boolean;
}): CallDef<I, O> {
  return { roles: ACCOUNT_ROLES, anonymous: false, ...def };
}

export type Contract = Record<string, CallDef>;
export type InputOf<D> = D extends CallDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<D> = D extends CallDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<D> = D extends CallDef<z.ZodType, infer O> ? O : never;

/** What a transport returns for every call. */
export type RpcResult<O> = { ok: true; data: O } | { ok: false; error: AppErrorPayload };

// ---- shared field schemas with the messages users see ----

export const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .superRefine((text, ctx) => {
      // One message per wrong date: the shape first, then whether the day exists.
      if (text === '') ctx.addIssue({ code: 'custom', message: `请填写${label}` });
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) ctx.addIssue({ code: 'custom', message: `${label}应写作 YYYY-MM-DD，例如 2026-11-23` });
      else if (!isValidDate(text)) ctx.addIssue({ code: 'custom', message: `${label}不是有效的日期` });
    });

/** A record's id: '缺少记录编号' when absent; a wrong one gets the field's own words ('人员编号应为整数', '… 应大于0'). */
export const idField = z
  .number({ error: (issue) => (issue.input === undefined ? '缺少记录编号' : undefined) })
  .int()
  .positive();
export const emptyInput = z.object({}).strict();
