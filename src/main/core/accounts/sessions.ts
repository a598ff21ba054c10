/** Logged-in sessions, in memory: they end when the program does. call.ts resolves a call's session to its actor. */
import { randomBytes } from 'node:crypto';

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
