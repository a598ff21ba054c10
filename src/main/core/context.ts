/** What every handler is given: the store, who is calling, the clock, and where changes are recorded for audit. */
import type { Database } from 'better-sqlite3';
import type { AccountRole } from '../../shared/contract/define';

export interface Actor {
  name: string;
  role: AccountRole;
}

/** A change a handler made, written to the audit log by the dispatcher in the same transaction. */
export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | null;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string;
}

export interface CoreEnv {
  db: Database;
  dataDir: string;
  dataFile: string;
  backupDir: string;
  appVersion: string;
  schemaVersion: number;
  now: () => Date;
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
}
