/**
 * The one typed client: `call('people.list', input)`. In Electron it goes through the preload bridge (the main
 * process keeps the window's session); in a browser it posts to the local web host with the token from the URL the
 * host printed and the session id the host last answered with.
 */
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { RpcResult } from '../../../shared/contract/define';
import { ERROR_MESSAGES, type AppErrorPayload, type FieldIssue } from '../../../shared/errors';

export class ApiError extends Error {
  readonly code: AppErrorPayload['code'];
  readonly issues: FieldIssue[];

  constructor(payload: AppErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.issues = payload.issues ?? [];
  }

  /** A form's own check that failed, shown at its field as the core's would be. */
  static forField(field: string, message: string): ApiError {
    return new ApiError({ code: 'VALIDATION', message, issues: [{ field, message }] });
  }

  /** The message for one form field, if the call named it. */
  fieldMessage(field: string): string | undefined {
    return this.issues.find((i) => i.field === field)?.message;
  }
}

const TOKEN_KEY = 'grid-appraisal-token';

/** Takes the token from the address bar once, keeps it for the tab, and removes it from what is shown. */
function hostToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = window.gridAppraisal ? '' : hostToken();

const SESSION_KEY = 'grid-appraisal-session';
/** The browser tab's session (Electron keeps it in the main process); '' when not logged in or login is off. */
let session = window.gridAppraisal ? '' : (sessionStorage.getItem(SESSION_KEY) ?? '');

/** Keeps the session the host answered with, when it changed since the call was sent (a login, a logout, an expiry). */
function adoptSession(sent: string, answered: string | null): void {
  if (answered === null || answered === sent || answered === session) return;
  session = answered;
  if (answered) sessionStorage.setItem(SESSION_KEY, answered);
  else sessionStorage.removeItem(SESSION_KEY);
}

/** Fired when a call is refused for want of a login (the session ended): the app then shows the login page. */
export const LOGIN_REQUIRED_EVENT = 'grid-appraisal-login-required';

/** Fired when the data file is not in use (refused at start, or failed a check since): the app shows 数据恢复. */
export const RECOVERY_EVENT = 'grid-appraisal-recovery';

const CLIENT_KEY = 'grid-appraisal-client';
/** This tab, as the host's login guard knows it: wrong passwords typed here lock out this tab only. */
const clientId = window.gridAppraisal
  ? ''
  : (sessionStorage.getItem(CLIENT_KEY) ??
    (() => {
      const id = crypto.randomUUID();
      sessionStorage.setItem(CLIENT_KEY, id);
      return id;
    })());

async function send(name: string, input: unknown): Promise<RpcResult<unknown>> {
  if (window.gridAppraisal) return window.gridAppraisal.call(name, input);
  let response: Response;
  const sent = session;
  try {
    response = await fetch(`/rpc/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Grid-Token': token, 'X-Grid-Session': sent, 'X-Grid-Client': clientId },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接本地服务，请确认网格考评仍在运行' } };
  }
  adoptSession(sent, response.headers.get('x-grid-session'));
  try {
    return (await response.json()) as RpcResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
  }
}

export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await send(name, input);
  if (!result.ok) {
    if (result.error.code === 'LOGIN_REQUIRED') window.dispatchEvent(new Event(LOGIN_REQUIRED_EVENT));
    if (result.error.code === 'RECOVERY') window.dispatchEvent(new Event(RECOVERY_EVENT));
    throw new ApiError(result.error);
  }
  return result.data as CallOutput<N>;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
