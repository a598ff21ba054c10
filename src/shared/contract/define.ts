/**
 * How a call is declared. The zod schema is the contract: the dispatcher checks every input with it at run time,
 * and the handler's and the client's types are inferred from it.
 */
import { z } from 'zod';
import { isValidDate } from '../domain/dates';
import type { AppErrorPayload } from '../errors';

z.config(z.locales.zhCN()); // fallback messages in Chinese; our schemas give better ones where users type

export const ACCOUNT_ROLES = ['admin', 'evaluator', 'secretary'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/**
 * How the dispatcher runs a handler: `write` in an immediate transaction (all or nothing), `read` in a deferred
 * one (a consistent snapshot), `none` for async work (backups, files) whose database reads all happen in one
 * synchronous stretch before its first await.
 */
export type TransactionMode = 'write' | 'read' | 'none';

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
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) ctx.addIssue({ code: 'custom', message: `${label}应写作 YYYY-MM-DD，例如 2026-11-23` });
      else if (!isValidDate(text)) ctx.addIssue({ code: 'custom', message: `${label}不是有效的日期` });
    });

export const idField = z.number({ error: '缺少记录编号' }).int().positive();
export const emptyInput = z.object({}).strict();
