/**
 * The dispatcher: every call from every transport comes through here. Validation, permission, transaction, audit
 * and error mapping live in this one place, never in handlers.
 */
import { SqliteError, type Database, type Transaction } from 'better-sqlite3';
import type { z } from 'zod';
import { contract, isCallName } from '../../shared/contract';
import type { RpcResult } from '../../shared/contract/define';
import { AppError, type FieldIssue } from '../../shared/errors';
import { todayInShanghai } from '../../shared/domain/dates';
import { trackWrites } from './assessments/results-cache';
import { appendAudit, auditContentOf } from './audit/chain';
import { callBeginning } from './db/unchanged';
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
  if (e instanceof SqliteError && e.code === 'SQLITE_FULL') return new AppError('DISK_FULL');
  if (e instanceof SqliteError && e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('CONFLICT', '该记录仍被考核、积分、星级或表彰等记录引用，不能删除或更改');
  }
  console.error('[rpc] unexpected error', e);
  return new AppError('INTERNAL');
}

function writeAudit(env: CoreEnv, actor: Actor, at: string, entries: AuditEntry[], client?: string): void {
  appendAudit(
    env.db,
    entries.map((e) => auditContentOf(actor.name, at, e, client)),
  );
}

/** Where a string of the input holds a NUL character (SQLite's text functions stop at it), or null. */
function nulPath(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 8 || typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nulPath(v, path ? `${path}.${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

const transactions = new WeakMap<Database, Transaction<(work: () => unknown) => unknown>>();

/** One transaction wrapper per connection, running the work it is given (made once: a cell save is a call too). */
function transactionOf(db: Database): Transaction<(work: () => unknown) => unknown> {
  let t = transactions.get(db);
  if (!t) transactions.set(db, (t = db.transaction((work: () => unknown) => work())));
  return t;
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
    const nul = nulPath(rawInput ?? {});
    if (nul !== null) throw AppError.field(nul, '输入中含有无法保存的控制字符（NUL），请删除后重试');
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error.issues);

    const handler = handlers[name] as (c: HandlerContext, input: unknown) => unknown;
    // The context is made once the gate lets the call in: a restore it waited for may have opened a new connection.
    const run = async () => {
      callBeginning(env.db);
      const now = env.now();
      const pending: AuditEntry[] = [];
      const ctx: HandlerContext = {
        ...env,
        actor,
        today: todayInShanghai(now),
        audit: (e) => pending.push(e),
        session,
        transact: (work) => {
          if (def.tx !== 'none' && def.tx !== 'exclusive') throw new Error(`${name}: already runs in a transaction`);
          return env.db
            .transaction(() => {
              const out = work();
              writeAudit(env, actor, env.now().toISOString(), pending.splice(0), session.client);
              return out;
            })
            .immediate();
        },
      };
      if (def.tx === 'none' || def.tx === 'exclusive') {
        const out = await handler(ctx, parsed.data);
        if (pending.length > 0) throw new Error(`${name}: audit entries recorded outside ctx.transact`);
        return out;
      }
      const work = () => {
        const out = handler(ctx, parsed.data);
        if (out instanceof Promise) throw new Error(`${name}: a transactional handler must be synchronous`);
        writeAudit(env, actor, now.toISOString(), pending, session.client);
        return out;
      };
      const inTransaction = transactionOf(env.db);
      // what the transaction wrote is settled with the kept month results before any other call runs
      return trackWrites(env.db, () => (def.tx === 'write' ? inTransaction.immediate(work) : inTransaction.deferred(work)));
    };
    const data = def.tx === 'exclusive' ? await env.gate.exclusively(run) : await env.gate.shared(run);
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: toAppError(e).toPayload() };
  }
}
