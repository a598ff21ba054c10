/**
 * Logins from LAN clients, limited per client address: MAX failures within WINDOW_MS and that address may not try
 * again until the oldest of them is WINDOW_MS old. Beside the core's own lockout (per account and browser tab), this one
 * cannot be dodged by a new tab or a new account name; nor by logging in to one's own account between guesses at
 * another's: a success clears nothing, failures only age out. In memory, like the sessions.
 */
export const LAN_LOGIN_MAX_FAILURES = 5;
export const LAN_LOGIN_WINDOW_MS = 5 * 60_000;
/** Addresses kept at most, whatever a caller makes up (the oldest are forgotten first). */
const MAX_ADDRESSES = 10_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = LAN_LOGIN_MAX_FAILURES,
    private readonly windowMs = LAN_LOGIN_WINDOW_MS,
  ) {}

  /** How long (ms) this address must still wait before it may try; 0 when it may now. */
  waitMs(address: string): number {
    const list = this.recent(address);
    if (list.length < this.max) return 0;
    return Math.max(0, list[list.length - this.max]! + this.windowMs - this.now());
  }

  failed(address: string): void {
    const list = this.recent(address);
    list.push(this.now());
    this.failures.delete(address);
    this.failures.set(address, list.slice(-this.max));
    if (this.failures.size > MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
  }

  /** Forgets an address's failures, as if the window had passed (an administrator's reset; tests). */
  forget(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string): number[] {
    const from = this.now() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((t) => t > from);
  }
}

/** The wait in Chinese: '4分30秒', '45秒'. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}分${s > 0 ? `${s}秒` : '钟'}` : `${s}秒`;
}

/** The refusal a limited address is given. */
export function limitedMessage(ms: number): string {
  return `这台电脑登录失败次数过多（${LAN_LOGIN_WINDOW_MS / 60_000}分钟内${LAN_LOGIN_MAX_FAILURES}次），请${waitText(ms)}后再试`;
}
