/** What every handler is given: the store, who is calling, the clock, and where changes are recorded for audit. */
import type { Database } from 'better-sqlite3';
import type { AccountRole } from '../../shared/contract/define';
import type { SessionStore } from './accounts/sessions';
import type { CallGate } from './gate';
import type { Maintenance } from './maintenance';
import type { AuditEntry } from './audit/chain';
import type { LanControl } from './lan/control';

export type { AuditEntry };

/** Who is calling: an account (its display name is what the audit log records), or the built-in 管理员 while no account exists. */
export interface Actor {
  name: string;
  role: AccountRole;
  /** The account behind the call; absent for the built-in 管理员. */
  accountId?: number;
  /** The session the call came with (to log it out). */
  sessionId?: string;
  /** For a 考核员: the units (each with its subtree) whose people they may score; absent means no limit. */
  unitIds?: readonly number[];
  /** For a 考核员: the only evaluator record they may score as; absent or null means any. */
  evaluatorId?: number | null;
}


export interface CoreEnv {
  db: Database;
  dataDir: string;
  dataFile: string;
  backupDir: string;
  appVersion: string;
  schemaVersion: number;
  now: () => Date;
  /** Logged-in sessions, in memory: they end when the program does. */
  sessions: SessionStore;
  /** Calls share the store; a restore has it alone. */
  gate: CallGate;
  /** Backups and checks off the request path, and what they found. */
  maintenance: Maintenance;
  /**
   * Closes the store, lets `work` change its files (a restore), and opens it again, migrating it if it is older; the
   * new connection replaces `db` for every call after (not the `db` of a context already made: use `transact`). Only
   * for calls that hold the store alone (tx 'exclusive').
   */
  reopenAfter: <T>(work: () => Promise<T>) => Promise<T>;
  /** The web host's LAN listener (局域网访问); absent in the desktop window and in tests without one. */
  lan?: LanControl;
}

/** What a handler may ask of the caller's session; applied by the transport only when the call succeeds. */
export interface SessionControl {
  /** Log the caller in as this account (a new session replaces theirs). */
  start: (accountId: number) => void;
  /** Log the caller out. */
  end: () => void;
  /** Which client (a browser tab, an Electron window) the call comes from, as its transport names it: failed logins
   *  lock out only that client (accounts/lockout.ts). Absent for calls from no client (tests, the demo loader). */
  readonly clientId?: string;
  /** The client the audit log names for this call's rows: a LAN browser's address, or 本机 for the office PC. */
  readonly client?: string;
}

export interface HandlerContext extends CoreEnv {
  actor: Actor;
  /** Today's date in Asia/Shanghai, fixed for the whole call. */
  today: string;
  audit: (entry: AuditEntry) => void;
  /**
   * For calls without a transaction (tx 'none': they await files or backups first): runs `work` in one IMMEDIATE
   * write transaction and writes the audit entries it recorded in the same transaction.
   */
  transact: <T>(work: () => T) => T;
  session: SessionControl;
}
