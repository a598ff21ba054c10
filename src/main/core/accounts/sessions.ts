/**
 * Sessions and who is calling. Transports stay thin: they pass the session id they were given (a header on the web
 * host, the window's own id in Electron) to callWithSession and keep the id it returns.
 */
import { randomBytes } from 'node:crypto';
import type { RpcResult } from '../../../shared/contract/define';
import type { Actor, CoreEnv, SessionControl } from '../context';
import { dispatch } from '../rpc';
import { accountActor, loginRequired } from './queries';

/** A session ends after this long without a call. */
export const SESSION_IDLE_MS = 8 * 3600_000;

interface Session {
  accountId: number;
  lastSeen: number;
}

/** Session ids (random, 256 bits) → account, in memory; one idle longer than idleMs is gone. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => Date,
    private readonly idleMs = SESSION_IDLE_MS,
  ) {}

  create(accountId: number): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { accountId, lastSeen: this.now().getTime() });
    return id;
  }

  /** The session's account, and the session kept alive; null when unknown or expired. */
  touch(id: string): number | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    const t = this.now().getTime();
    if (t - s.lastSeen > this.idleMs) {
      this.sessions.delete(id);
      return null;
    }
    s.lastSeen = t;
    return s.accountId;
  }

  remove(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of an account (disabled, or its password reset), except `keep`. */
  removeAccount(accountId: number, keep?: string): void {
    for (const [id, s] of this.sessions) if (s.accountId === accountId && id !== keep) this.sessions.delete(id);
  }

  /** Ends every session: after a restore the accounts may no longer be the ones the sessions were opened for. */
  clear(): void {
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const t = this.now().getTime();
    for (const [id, s] of this.sessions) if (t - s.lastSeen > this.idleMs) this.sessions.delete(id);
  }
}

/**
 * Who a call comes from: the built-in actor while no account exists (login off, as before accounts); once login is
 * on, the account of a live session, or null (not logged in).
 */
export function resolveActor(env: Pick<CoreEnv, 'db' | 'sessions'>, sessionId: string | null, builtIn: Actor): Actor | null {
  if (!loginRequired(env)) return builtIn;
  if (!sessionId) return null;
  const accountId = env.sessions.touch(sessionId);
  if (accountId === null) return null;
  const actor = accountActor(env, accountId);
  if (!actor) {
    env.sessions.remove(sessionId);
    return null;
  }
  return { ...actor, sessionId };
}

/** One call with its session: who calls is resolved from the session id; the session id to keep is returned. */
export async function callWithSession(
  env: CoreEnv,
  builtIn: Actor,
  sessionId: string | null,
  name: string,
  input: unknown,
): Promise<{ result: RpcResult<unknown>; sessionId: string | null }> {
  const actor = resolveActor(env, sessionId, builtIn);
  let change: { start: number } | 'end' | null = null;
  const control: SessionControl = {
    start: (accountId) => {
      change = { start: accountId };
    },
    end: () => {
      change = 'end';
    },
  };
  const result = await dispatch(env, actor, name, input, control);
  let next = actor?.sessionId ?? null;
  const applied = change as { start: number } | 'end' | null;
  if (result.ok && applied !== null) {
    if (next) env.sessions.remove(next);
    next = applied === 'end' ? null : env.sessions.create(applied.start);
  }
  return { result, sessionId: next };
}
