/** Reading accounts: whether login is on, an account's actor, and the rows the 账号管理 card lists. */
import type { Database } from 'better-sqlite3';
import type { AccountRow } from '../../../shared/contract/accounts';
import type { Actor, CoreEnv } from '../context';
import { AppError } from '../../../shared/errors';

export function loginRequired(env: Pick<CoreEnv, 'db'>): boolean {
  return env.db.prepare('SELECT EXISTS (SELECT 1 FROM accounts)').pluck().get() === 1;
}

interface AccountActorRow {
  id: number;
  displayName: string;
  role: Actor['role'];
  active: number;
  evaluatorId: number | null;
}

/** The actor of an account, read afresh (a role, scope or disabling takes effect on the next call); null if disabled. */
export function accountActor(env: Pick<CoreEnv, 'db'>, accountId: number): Actor | null {
  const row = env.db
    .prepare('SELECT id, display_name AS displayName, role, active, evaluator_id AS evaluatorId FROM accounts WHERE id = ?')
    .get(accountId) as AccountActorRow | undefined;
  if (!row || row.active !== 1) return null;
  const actor: Actor = { name: row.displayName, role: row.role, accountId: row.id };
  if (row.role === 'evaluator') {
    actor.unitIds = env.db.prepare('SELECT unit_id FROM account_units WHERE account_id = ? ORDER BY unit_id').pluck().all(row.id) as number[];
    actor.evaluatorId = row.evaluatorId;
  }
  return actor;
}

interface AccountDbRow {
  id: number;
  loginName: string;
  displayName: string;
  role: AccountRow['role'];
  active: number;
  evaluatorId: number | null;
  evaluatorName: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

const SELECT_ACCOUNTS = `SELECT a.id, a.login_name AS loginName, a.display_name AS displayName, a.role, a.active,
  a.evaluator_id AS evaluatorId, e.name AS evaluatorName, a.last_login_at AS lastLoginAt,
  a.created_at AS createdAt
  FROM accounts a LEFT JOIN evaluators e ON e.id = a.evaluator_id`;

/** Until when a client is locked out of an account (the login guard, in memory); ISO or null. */
export type LockedUntil = (accountId: number) => string | null;
const NOT_LOCKED: LockedUntil = () => null;

function toRow(db: Database, r: AccountDbRow, lockedUntil: LockedUntil): AccountRow {
  const units = db
    .prepare('SELECT u.id, u.name FROM account_units au JOIN org_units u ON u.id = au.unit_id WHERE au.account_id = ? ORDER BY u.sort_order, u.id')
    .all(r.id) as { id: number; name: string }[];
  return {
    id: r.id,
    loginName: r.loginName,
    displayName: r.displayName,
    role: r.role,
    active: r.active === 1,
    unitIds: units.map((u) => u.id),
    unitNames: units.map((u) => u.name),
    evaluatorId: r.evaluatorId,
    evaluatorName: r.evaluatorName,
    lockedUntil: lockedUntil(r.id),
    lastLoginAt: r.lastLoginAt,
    createdAt: r.createdAt,
  };
}

/**
 * The accounts for 账号管理. `lockedUntil` says whether a client is locked out of one (lockout.ts keeps that in memory;
 * the table's failed_logins and locked_until columns are no longer used).
 */
export function listAccounts(db: Database, lockedUntil: LockedUntil = NOT_LOCKED): AccountRow[] {
  return (db.prepare(`${SELECT_ACCOUNTS} ORDER BY a.active DESC, a.id`).all() as AccountDbRow[]).map((r) => toRow(db, r, lockedUntil));
}

export function getAccount(db: Database, id: number, lockedUntil: LockedUntil = NOT_LOCKED): AccountRow {
  const r = db.prepare(`${SELECT_ACCOUNTS} WHERE a.id = ?`).get(id) as AccountDbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', '账号不存在');
  return toRow(db, r, lockedUntil);
}
