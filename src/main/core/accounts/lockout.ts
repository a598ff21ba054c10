/**
 * Failed logins, in memory (like the sessions beside them): a lockout per client and a throttle per account.
 *
 * - Per client: MAX_FAILED_LOGINS wrong passwords in a row from one client (a browser tab, an Electron window) lock
 *   that client out of the account for LOCK_MINUTES. Other clients are not locked: whoever holds the local token can
 *   no longer keep the 管理员 out by typing wrong passwords.
 * - Per account: a guess spread over many clients (a new client id for each try) meets a throttle instead. Once
 *   THROTTLE_AFTER failures across clients fall within THROTTLE_WINDOW_MS, each further try for the account waits a
 *   growing few seconds (THROTTLE_BASE_MS doubling up to THROTTLE_MAX_MS) after the last checked one. A throttled try
 *   is refused without checking the password and does not move the wait, so a correct login is never held up by more
 *   than THROTTLE_MAX_MS; and a client that has logged in to the account before is not throttled at all.
 *
 * Nothing here is written to the database: a refused login writes nothing.
 */
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../../shared/contract/accounts';

export const LOCK_MS = LOCK_MINUTES * 60_000;
export const THROTTLE_AFTER = 20;
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_BASE_MS = 1_000;
export const THROTTLE_MAX_MS = 5_000;
/** Bounds on what one account keeps, whatever a caller makes up. */
const MAX_CLIENTS = 1_000;
const MAX_KNOWN_CLIENTS = 100;

/** Client ids that only name a machine address (a web caller without its own id): shared, so never trusted. */
export const ADDRESS_CLIENT_PREFIX = 'addr:';

/** The client id of a web caller: the random id its tab keeps (x-grid-client), else its address. */
export function webClientId(header: string | string[] | undefined, remoteAddress: string | undefined): string {
  const own = typeof header === 'string' ? header.trim() : '';
  if (own !== '' && own.length <= 128 && /^[\x21-\x7e]+$/.test(own)) return `web:${own}`;
  return `${ADDRESS_CLIENT_PREFIX}${remoteAddress ?? ''}`;
}

/** The client id of an Electron window (its webContents id). */
export function windowClientId(webContentsId: number): string {
  return `window:${webContentsId}`;
}

interface ClientState {
  /** Wrong passwords in a row. */
  failures: number;
  lastFailure: number;
  /** Until when (ms) this client may not try the account; 0 when not locked. */
  lockedUntil: number;
}

interface AccountState {
  /** When the recent failures across clients happened (ms), oldest first, within the window. */
  failures: number[];
  /** When the last checked try failed (ms): the throttle's wait runs from there. */
  lastFailure: number;
  clients: Map<string, ClientState>;
  /** Clients that have logged in to the account: never throttled. */
  known: Set<string>;
}

export type LoginRefusal = { kind: 'locked'; until: Date } | { kind: 'throttled'; waitMs: number };

export class LoginGuard {
  private readonly accounts = new Map<number, AccountState>();

  constructor(private readonly now: () => Date) {}

  /** Whether this client may try the account's password now; the refusal when not. */
  check(accountId: number, clientId: string): LoginRefusal | null {
    const a = this.accounts.get(accountId);
    if (!a) return null;
    const t = this.now().getTime();
    const c = a.clients.get(clientId);
    if (c && c.lockedUntil > t) return { kind: 'locked', until: new Date(c.lockedUntil) };
    if (a.known.has(clientId)) return null;
    const wait = this.throttleWait(a, t);
    return wait > 0 ? { kind: 'throttled', waitMs: wait } : null;
  }

  /** Records a wrong password; returns the lock when this failure locked the client out. */
  failed(accountId: number, clientId: string): { lockedUntil: Date } | null {
    const t = this.now().getTime();
    const a = this.account(accountId);
    a.failures.push(t);
    this.prune(a, t);
    a.lastFailure = t;
    let c = a.clients.get(clientId);
    if (!c || (c.lockedUntil !== 0 && c.lockedUntil <= t)) c = { failures: 0, lastFailure: t, lockedUntil: 0 };
    a.clients.delete(clientId); // re-inserted last: the map stays oldest first
    a.clients.set(clientId, c);
    c.failures++;
    c.lastFailure = t;
    if (a.clients.size > MAX_CLIENTS) a.clients.delete(a.clients.keys().next().value!);
    if (c.failures >= MAX_FAILED_LOGINS) {
      c.lockedUntil = t + LOCK_MS;
      c.failures = 0;
      return { lockedUntil: new Date(c.lockedUntil) };
    }
    return null;
  }

  /** A correct login: the client's count starts again, and the client is known to the account. */
  succeeded(accountId: number, clientId: string): void {
    const a = this.accounts.get(accountId);
    if (!a) {
      if (clientId !== '' && !clientId.startsWith(ADDRESS_CLIENT_PREFIX)) this.account(accountId).known.add(clientId);
      return;
    }
    a.clients.delete(clientId);
    if (clientId === '' || clientId.startsWith(ADDRESS_CLIENT_PREFIX)) return;
    a.known.delete(clientId);
    a.known.add(clientId);
    if (a.known.size > MAX_KNOWN_CLIENTS) a.known.delete(a.known.values().next().value!);
  }

  /** The latest time a client stays locked out of the account, if any is now (for 账号管理). */
  lockedUntil(accountId: number): string | null {
    const a = this.accounts.get(accountId);
    if (!a) return null;
    const t = this.now().getTime();
    let until = 0;
    for (const c of a.clients.values()) if (c.lockedUntil > t) until = Math.max(until, c.lockedUntil);
    return until > 0 ? new Date(until).toISOString() : null;
  }

  /** Forgets the account's failures and locks (its password was reset, it was disabled or enabled). */
  clearAccount(accountId: number): void {
    const a = this.accounts.get(accountId);
    if (!a) return;
    a.clients.clear();
    a.failures = [];
    a.lastFailure = 0;
  }

  clear(): void {
    this.accounts.clear();
  }

  private account(accountId: number): AccountState {
    let a = this.accounts.get(accountId);
    if (!a) this.accounts.set(accountId, (a = { failures: [], lastFailure: 0, clients: new Map(), known: new Set() }));
    return a;
  }

  /** How long the account's next try must still wait (ms); 0 when it need not. */
  private throttleWait(a: AccountState, t: number): number {
    this.prune(a, t);
    const excess = a.failures.length - THROTTLE_AFTER;
    if (excess < 0) return 0;
    const delay = Math.min(THROTTLE_MAX_MS, THROTTLE_BASE_MS * 2 ** Math.min(excess, 16));
    return Math.max(0, a.lastFailure + delay - t);
  }

  /** Drops failures older than the window (the count need never exceed what the throttle reads), and stale clients. */
  private prune(a: AccountState, t: number): void {
    const from = t - THROTTLE_WINDOW_MS;
    let old = 0;
    while (old < a.failures.length && a.failures[old]! <= from) old++;
    if (old > 0) a.failures.splice(0, old);
    const keep = THROTTLE_AFTER + 32;
    if (a.failures.length > keep) a.failures.splice(0, a.failures.length - keep);
    for (const [id, c] of a.clients) {
      if (c.lockedUntil <= t && c.lastFailure <= from) a.clients.delete(id);
    }
  }
}

