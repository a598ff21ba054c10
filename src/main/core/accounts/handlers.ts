/**
 * 账号管理 and logging in. The first account must be a 管理员, and creating it turns login on (its creator is logged
 * in as it); the last active 管理员 can be neither disabled nor demoted. Passwords are never returned.
 */
import type { Database } from 'better-sqlite3';
import {
  ACCOUNT_ROLE_LABELS,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  passwordProblem,
  type AccountRow,
  type Me,
  type SessionState,
  type accountsContract,
} from '../../../shared/contract/accounts';
import type { AccountRole } from '../../../shared/contract/define';
import { lanPasswordProblem } from '../../../shared/domain/lan';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import type { Handlers } from '../handler-types';
import type { LoginRefusal } from './lockout';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { accountActor, getAccount, listAccounts, loginRequired } from './queries';

interface LoginRow {
  id: number;
  passwordHash: string;
  active: number;
}

function meOf(db: Database, accountId: number): Me | null {
  const actor = accountActor({ db }, accountId);
  if (!actor) return null;
  const loginName = db.prepare('SELECT login_name FROM accounts WHERE id = ?').pluck().get(accountId) as string;
  return { accountId, loginName, displayName: actor.name, role: actor.role, unitIds: [...(actor.unitIds ?? [])], evaluatorId: actor.evaluatorId ?? null };
}

function sessionState(ctx: HandlerContext): SessionState {
  if (!loginRequired(ctx)) {
    return { loginRequired: false, me: { accountId: null, loginName: '', displayName: ctx.actor.name, role: ctx.actor.role, unitIds: [], evaluatorId: null } };
  }
  return { loginRequired: true, me: ctx.actor.accountId === undefined ? null : meOf(ctx.db, ctx.actor.accountId) };
}

function activeAdmins(db: Database): number {
  return db.prepare("SELECT count(*) FROM accounts WHERE role = 'admin' AND active = 1").pluck().get() as number;
}

/** A 考核员's scope: at least one unit, every unit existing; the evaluator record, if given, existing. Others have none. */
function checkScope(db: Database, role: AccountRole, unitIds: number[], evaluatorId: number | null): { unitIds: number[]; evaluatorId: number | null } {
  if (role !== 'evaluator') return { unitIds: [], evaluatorId: null };
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) throw AppError.field('unitIds', '请选择考核员负责的单位');
  const exists = db.prepare('SELECT 1 FROM org_units WHERE id = ?');
  if (ids.some((id) => !exists.get(id))) throw AppError.field('unitIds', '所选单位不存在，请刷新后重选');
  if (evaluatorId !== null && !db.prepare('SELECT 1 FROM evaluators WHERE id = ?').get(evaluatorId)) {
    throw AppError.field('evaluatorId', '所选考核人不存在，请刷新后重选');
  }
  return { unitIds: ids, evaluatorId };
}

function writeUnits(db: Database, accountId: number, unitIds: number[]): void {
  db.prepare('DELETE FROM account_units WHERE account_id = ?').run(accountId);
  const insert = db.prepare('INSERT INTO account_units (account_id, unit_id) VALUES (?, ?)');
  for (const id of unitIds) insert.run(accountId, id);
}

/** Why a client may not try now: its own lock (minutes), or the account's throttle (seconds). */
function refusalError(refusal: LoginRefusal, now: Date): AppError {
  if (refusal.kind === 'locked') {
    const minutes = Math.max(1, Math.ceil((refusal.until.getTime() - now.getTime()) / 60_000));
    return new AppError('FORBIDDEN', `密码连续输错${MAX_FAILED_LOGINS}次，本窗口已锁定，请${minutes}分钟后再试（其他窗口不受影响）`);
  }
  const seconds = Math.max(1, Math.ceil(refusal.waitMs / 1000));
  return new AppError('FORBIDDEN', `该账号近期密码输错次数过多，请${seconds}秒后再试`);
}

/** An account as 账号管理 lists it: whether a client is locked out of it comes from the login guard, in memory. */
function accountRow(ctx: HandlerContext, id: number): AccountRow {
  return getAccount(ctx.db, id, (a) => ctx.sessions.logins.lockedUntil(a));
}

/** Whether a password meets the LAN's rule (domain/lan.ts), as the accounts table keeps it (migration 0220). */
function lanOk(password: string, loginName: string): 0 | 1 {
  return lanPasswordProblem(password, loginName) === null ? 1 : 0;
}

/** The password may be neither the login name nor contain it, nor break the rest of the policy. */
function checkPassword(password: string, loginName: string): void {
  const problem = passwordProblem(password, loginName);
  if (problem) throw AppError.field('password', problem);
}

export const accountsHandlers: Handlers<typeof accountsContract> = {
  'accounts.me': (ctx) => sessionState(ctx),

  'accounts.login': (ctx, input) => {
    const { db } = ctx;
    if (!loginRequired(ctx)) throw new AppError('CONFLICT', '尚未建立账号，无需登录');
    const row = db.prepare('SELECT id, password_hash AS passwordHash, active FROM accounts WHERE login_name = ?').get(input.loginName) as
      | LoginRow
      | undefined;
    const guard = ctx.sessions.logins;
    const client = ctx.session.clientId ?? '';
    const refusal = row ? guard.check(row.id, client) : null;
    if (refusal) throw refusalError(refusal, ctx.now());
    const ok = verifyPassword(input.password, row?.passwordHash ?? DUMMY_HASH) && row !== undefined;
    if (!row || !ok) {
      // Counted in memory (lockout.ts), per client: nothing is written for a refused login.
      if (row && guard.failed(row.id, client)) {
        throw new AppError('FORBIDDEN', `密码连续输错${MAX_FAILED_LOGINS}次，本窗口已锁定${LOCK_MINUTES}分钟，请稍后再试（其他窗口不受影响）`);
      }
      // One message whether or not the name exists, so names cannot be found out by trying.
      throw new AppError('VALIDATION', `用户名或密码不正确（在本窗口连续输错${MAX_FAILED_LOGINS}次将锁定${LOCK_MINUTES}分钟）`);
    }
    if (row.active !== 1) throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员');
    guard.succeeded(row.id, client);
    // whether the password meets the LAN's rule is known only while it is typed: kept for the 局域网访问 check
    const lanPasswordOk = lanOk(input.password, input.loginName);
    ctx.transact(() => db.prepare('UPDATE accounts SET last_login_at = ?, password_lan_ok = ? WHERE id = ?').run(ctx.now().toISOString(), lanPasswordOk, row.id));
    ctx.session.start(row.id);
    return { loginRequired: true, me: meOf(db, row.id) };
  },

  'accounts.logout': (ctx) => {
    ctx.session.end();
    return { loginRequired: loginRequired(ctx), me: null };
  },

  'accounts.list': (ctx) => listAccounts(ctx.db, (a) => ctx.sessions.logins.lockedUntil(a)),

  'accounts.create': (ctx, input) => {
    const { db } = ctx;
    const first = !loginRequired(ctx);
    if (first && input.role !== 'admin') {
      throw AppError.field('role', '第一个账号必须是管理员：建立后即启用登录，需要有人能管理账号');
    }
    if (db.prepare('SELECT 1 FROM accounts WHERE login_name = ?').get(input.loginName)) {
      throw AppError.field('loginName', `用户名“${input.loginName}”已被使用`);
    }
    checkPassword(input.password, input.loginName);
    const scope = checkScope(db, input.role, input.unitIds, input.evaluatorId);
    const at = ctx.now().toISOString();
    const id = Number(
      db
        .prepare(
          `INSERT INTO accounts (login_name, display_name, role, password_hash, evaluator_id, created_at, updated_at, password_lan_ok)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.loginName, input.displayName, input.role, hashPassword(input.password), scope.evaluatorId, at, at, lanOk(input.password, input.loginName))
        .lastInsertRowid,
    );
    writeUnits(db, id, scope.unitIds);
    const row = accountRow(ctx, id);
    ctx.audit({ action: 'create', entity: 'account', entityId: id, newValue: summary(row) });
    // The first account turns login on: whoever made it carries on as it rather than being shut out.
    if (first) ctx.session.start(id);
    return row;
  },

  'accounts.update': (ctx, input) => {
    const { db } = ctx;
    const before = accountRow(ctx, input.id);
    if (before.role === 'admin' && input.role !== 'admin' && before.active && activeAdmins(db) === 1) {
      throw AppError.field('role', '这是最后一个启用的管理员账号，不能改为其他角色');
    }
    const scope = checkScope(db, input.role, input.unitIds, input.evaluatorId);
    db.prepare('UPDATE accounts SET display_name = ?, role = ?, evaluator_id = ?, updated_at = ? WHERE id = ?').run(
      input.displayName,
      input.role,
      scope.evaluatorId,
      ctx.now().toISOString(),
      input.id,
    );
    writeUnits(db, input.id, scope.unitIds);
    const after = accountRow(ctx, input.id);
    ctx.audit({ action: 'update', entity: 'account', entityId: input.id, oldValue: summary(before), newValue: summary(after) });
    return after;
  },

  'accounts.resetPassword': (ctx, input) => {
    const { db } = ctx;
    const account = accountRow(ctx, input.id);
    checkPassword(input.password, account.loginName);
    db.prepare('UPDATE accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ?, password_lan_ok = ? WHERE id = ?').run(
      hashPassword(input.password),
      ctx.now().toISOString(),
      lanOk(input.password, account.loginName),
      input.id,
    );
    ctx.sessions.removeAccount(input.id, ctx.actor.sessionId);
    ctx.sessions.logins.clearAccount(input.id);
    ctx.audit({ action: 'resetPassword', entity: 'account', entityId: input.id });
    return accountRow(ctx, input.id);
  },

  'accounts.setActive': (ctx, input) => {
    const { db } = ctx;
    const before = accountRow(ctx, input.id);
    if (before.active === input.active) return before;
    if (!input.active && before.role === 'admin' && activeAdmins(db) === 1) {
      throw new AppError('CONFLICT', '这是最后一个启用的管理员账号，不能停用');
    }
    if (!input.active && input.id === ctx.actor.accountId) throw new AppError('CONFLICT', '不能停用自己正在使用的账号');
    db.prepare('UPDATE accounts SET active = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(
      input.active ? 1 : 0,
      ctx.now().toISOString(),
      input.id,
    );
    if (!input.active) ctx.sessions.removeAccount(input.id);
    ctx.sessions.logins.clearAccount(input.id);
    ctx.audit({ action: input.active ? 'enable' : 'disable', entity: 'account', entityId: input.id, oldValue: { active: before.active }, newValue: { active: input.active } });
    return accountRow(ctx, input.id);
  },
};

/** What the audit log keeps of an account: never its password. */
function summary(a: AccountRow) {
  return { loginName: a.loginName, displayName: a.displayName, role: ACCOUNT_ROLE_LABELS[a.role], units: a.unitNames, evaluator: a.evaluatorName, active: a.active };
}
