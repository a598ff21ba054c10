/**
 * The way into the core for every transport (the web host, Electron's IPC): who calls is resolved from the session id
 * the transport was given (a header on the web host, the window's own id in Electron), the call goes through the
 * dispatcher, and the session id to keep is returned. Transports stay thin.
 */
import type { RpcResult } from '../../shared/contract/define';
import { accountActor, loginRequired } from './accounts/queries';
import type { Actor, CoreEnv, SessionControl } from './context';
import { dispatch } from './rpc';

/**
 * Who a call comes from: the built-in actor while no account exists (login off, as before accounts); once login is
 * on, the account of a live session, or null (not logged in). A transport with no built-in actor (the LAN: null) is
 * never let in without an account, even if the accounts went away under it (a restore of an older file).
 */
export function resolveActor(env: Pick<CoreEnv, 'db' | 'sessions'>, sessionId: string | null, builtIn: Actor | null): Actor | null {
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
  builtIn: Actor | null,
  sessionId: string | null,
  name: string,
  input: unknown,
  clientId?: string,
  client?: string,
): Promise<{ result: RpcResult<unknown>; sessionId: string | null }> {
  const actor = resolveActor(env, sessionId, builtIn);
  let change: { start: number } | 'end' | null = null;
  const control: SessionControl = {
    clientId,
    client,
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
