/**
 * Logged-in sessions, in memory: they end when the program does. call.ts resolves a call's session to its actor.
 * The failed logins of the lockout (lockout.ts) are kept beside them, in memory too, on the same clock.
 */
import { randomBytes } from 'node:crypto';
import { LoginGuard } from './lockout';

/** A session ends after this long without a call. */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** …and this long after its login, however busy: a stolen session id is not good for ever. */
export const SESSION_MAX_AGE_MS = 24 * 3600_000;

interface Session {
  accountId: number;
  createdAt: number;
  lastSeen: number;
}

/**
 * Session ids (random, 256 bits) → account, in memory; one idle longer than idleMs, or older than maxAgeMs since its
 * login whatever its use, is gone.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Failed logins per account and client: the lockout and the throttle (lockout.ts). */
  readonly logins: LoginGuard;

  constructor(
    private readonly now: () => Date,
    private readonly idleMs = SESSION_IDLE_MS,
    private readonly maxAgeMs = SESSION_MAX_AGE_MS,
  ) {
    this.logins = new LoginGuard(now);
  }

  create(accountId: number): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const t = this.now().getTime();
    this.sessions.set(id, { accountId, createdAt: t, lastSeen: t });
    return id;
  }

  /** The session's account, and the session kept alive; null when unknown, idle too long or past its lifetime. */
  touch(id: string): number | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    const t = this.now().getTime();
    if (this.expired(s, t)) {
      this.sessions.delete(id);
      return null;
    }
    s.lastSeen = t;
    return s.accountId;
  }

  /** Whether the session is live, without keeping it alive (the LAN card counts its sessions). */
  alive(id: string): boolean {
    const s = this.sessions.get(id);
    return s !== undefined && !this.expired(s, this.now().getTime());
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
    this.logins.clear();
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(s: Session, t: number): boolean {
    return t - s.lastSeen > this.idleMs || t - s.createdAt >= this.maxAgeMs;
  }

  private sweep(): void {
    const t = this.now().getTime();
    for (const [id, s] of this.sessions) if (this.expired(s, t)) this.sessions.delete(id);
  }
}
