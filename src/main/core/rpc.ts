/**
 * The dispatcher: every call from every transport comes through here. Validation, permission, transaction, audit
 * and error mapping live in this one place, never in handlers.
 */
import { SqliteError } from 'better-sqlite3';
import type { z } from 'zod';
import { contract, isCallName } from '../../shared/contract';
import type { RpcResult } from '../../shared/contract/define';
import { AppError, type FieldIssue } from '../../shared/errors';
import { todayInShanghai } from '../../shared/domain/dates';
import type { Actor, AuditEntry, CoreEnv, HandlerContext, SessionControl } from './context';
import { handlers } from './handlers';

function validationError(issues: z.core.$ZodIssue[]): AppError {
  const fieldIssues: FieldIssue[] = issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const first = fieldIssues[0]!;
  const message = fieldIssues.length === 1 ? first.message : `${first.message}（共${fieldIssues.length}处输入有误）`;
  return new AppError('VALIDATION', message, fieldIssues);
}

function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof SqliteError && e.code === 'SQLITE_BUSY') {
    return new AppError('CONFLICT', '数据文件正被其他程序占用，请稍后再试');
  }
  console.error('[rpc] unexpected error', e);
  return new AppError('INTERNAL');
}

function writeAudit(env: CoreEnv, actor: Actor, at: string, entries: AuditEntry[]): void {
  if (entries.length === 0) return;
  const insert = env.db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  for (const e of entries) {
    insert.run(at, actor.name, e.action, e.entity, e.entityId, json(e.oldValue), json(e.newValue), e.reason ?? '');
  }
}

/** Who a call runs as before anyone logs in: only calls marked `anonymous` get this far, and it may do nothing else. */
const NOT_LOGGED_IN: Actor = { name: '（未登录）', role: 'secretary' };

/** Session changes asked for by a call made without a session (tests, the demo loader): ignored. */
const NO_SESSION: SessionControl = { start: () => undefined, end: () => undefined };

/**
 * Runs one call as `actor`; null means nobody is logged in while login is on (accounts/sessions.ts resolves it), and
 * only calls marked `anonymous` (logging in, asking who is logged in) may then run.
 */
export async function dispatch(
  env: CoreEnv,
  actorOrNull: Actor | null,
  name: string,
  rawInput: unknown,
  session: SessionControl = NO_SESSION,
): Promise<RpcResult<unknown>> {
  try {
    if (!isCallName(name)) throw new AppError('UNKNOWN_CALL', `程序内部错误：未知的调用 ${name}`);
    const def = contract[name];
    if (actorOrNull === null && !def.anonymous) throw new AppError('LOGIN_REQUIRED');
    const actor = actorOrNull ?? NOT_LOGGED_IN;
    if (actorOrNull !== null && !def.roles.includes(actor.role)) throw new AppError('FORBIDDEN');
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error.issues);

    const now = env.now();
    const pending: AuditEntry[] = [];
    const ctx: HandlerContext = {
      ...env,
      actor,
      today: todayInShanghai(now),
      audit: (e) => pending.push(e),
      session,
      transact: (work) => {
        if (def.tx !== 'none') throw new Error(`${name}: already runs in a transaction`);
        return env.db
          .transaction(() => {
            const out = work();
            writeAudit(env, actor, env.now().toISOString(), pending.splice(0));
            return out;
          })
          .immediate();
      },
    };
    const handler = handlers[name] as (c: HandlerContext, input: unknown) => unknown;

    let data: unknown;
    if (def.tx === 'none') {
      data = await handler(ctx, parsed.data);
      if (pending.length > 0) throw new Error(`${name}: audit entries recorded outside ctx.transact`);
    } else {
      const run = env.db.transaction(() => {
        const out = handler(ctx, parsed.data);
        if (out instanceof Promise) throw new Error(`${name}: a transactional handler must be synchronous`);
        writeAudit(env, actor, now.toISOString(), pending);
        return out;
      });
      data = def.tx === 'write' ? run.immediate() : run.deferred();
    }
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: toAppError(e).toPayload() };
  }
}
