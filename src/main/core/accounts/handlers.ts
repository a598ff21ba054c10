/**
 * 账号管理 and logging in. The first account must be a 管理员, and creating it turns login on (its creator is logged
 * in as it); the last active 管理员 can be neither disabled nor demoted. Passwords are never returned.
 */
import type { Database } from 'better-sqlite3';
import {
  ACCOUNT_ROLE_LABELS,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  type Me,
  type SessionState,
  type accountsContract,
} from '../../../shared/contract/accounts';
import type { AccountRole } from '../../../shared/contract/define';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import type { Handlers } from '../handler-types';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { accountActor, getAccount, listAccounts, loginRequired } from './queries';

interface LoginRow {
  id: number;
  passwordHash: string;
  active: number;
  failedLogins: number;
  lockedUntil: string | null;
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

/** The minutes left until `until`, at least 1. */
function minutesLeft(until: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
}

export const accountsHandlers: Handlers<typeof accountsContract> = {
  'accounts.me': (ctx) => sessionState(ctx),

  'accounts.login': (ctx, input) => {
    const { db } = ctx;
    if (!loginRequired(ctx)) throw new AppError('CONFLICT', '尚未建立账号，无需登录');
    const row = db
      .prepare(
        `SELECT id, password_hash AS passwordHash, active, failed_logins AS failedLogins, locked_until AS lockedUntil
         FROM accounts WHERE login_name = ?`,
      )
      .get(input.loginName) as LoginRow | undefined;
    const now = ctx.now();
    if (row?.lockedUntil && row.lockedUntil > now.toISOString()) {
      throw new AppError('FORBIDDEN', `密码连续输错${MAX_FAILED_LOGINS}次，账号已锁定，请${minutesLeft(row.lockedUntil, now)}分钟后再试`);
    }
    const ok = verifyPassword(input.password, row?.passwordHash ?? DUMMY_HASH) && row !== undefined;
    if (!row || !ok) {
      if (row) {
        const failed = row.failedLogins + 1;
        const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
        ctx.transact(() =>
          db.prepare('UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE id = ?').run(lock ? 0 : failed, lock, row.id),
        );
        if (lock) throw new AppError('FORBIDDEN', `密码连续输错${MAX_FAILED_LOGINS}次，账号已锁定${LOCK_MINUTES}分钟，请稍后再试`);
      }
      // One message whether or not the name exists, so names cannot be found out by trying.
      throw new AppError('VALIDATION', `用户名或密码不正确（连续输错${MAX_FAILED_LOGINS}次账号将锁定${LOCK_MINUTES}分钟）`);
    }
    if (row.active !== 1) throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员');
    ctx.transact(() =>
      db.prepare('UPDATE accounts SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(now.toISOString(), row.id),
    );
    ctx.session.start(row.id);
    return { loginRequired: true, me: meOf(db, row.id) };
  },

  'accounts.logout': (ctx) => {
    ctx.session.end();
    return { loginRequired: loginRequired(ctx), me: null };
  },

  'accounts.list': (ctx) => listAccounts(ctx.db, ctx.now()),

  'accounts.create': (ctx, input) => {
    const { db } = ctx;
    const first = !loginRequired(ctx);
    if (first && input.role !== 'admin') {
      throw AppError.field('role', '第一个账号必须是管理员：建立后即启用登录，需要有人能管理账号');
    }
    if (db.prepare('SELECT 1 FROM accounts WHERE login_name = ?').get(input.loginName)) {
      throw AppError.field('loginName', `用户名“${input.loginName}”已被使用`);
    }
    const scope = checkScope(db, input.role, input.unitIds, input.evaluatorId);
    const at = ctx.now().toISOString();
    const id = Number(
      db
        .prepare(
          `INSERT INTO accounts (login_name, display_name, role, password_hash, evaluator_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.loginName, input.displayName, input.role, hashPassword(input.password), scope.evaluatorId, at, at).lastInsertRowid,
    );
    writeUnits(db, id, scope.unitIds);
    const row = getAccount(db, id, ctx.now());
    ctx.audit({ action: 'create', entity: 'account', entityId: id, newValue: summary(row) });
    // The first account turns login on: whoever made it carries on as it rather than being shut out.
    if (first) ctx.session.start(id);
    return row;
  },

  'accounts.update': (ctx, input) => {
    const { db } = ctx;
    const before = getAccount(db, input.id, ctx.now());
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
    const after = getAccount(db, input.id, ctx.now());
    ctx.audit({ action: 'update', entity: 'account', entityId: input.id, oldValue: summary(before), newValue: summary(after) });
    return after;
  },

  'accounts.resetPassword': (ctx, input) => {
    const { db } = ctx;
    getAccount(db, input.id, ctx.now());
    db.prepare('UPDATE accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(
      hashPassword(input.password),
      ctx.now().toISOString(),
      input.id,
    );
    ctx.sessions.removeAccount(input.id, ctx.actor.sessionId);
    ctx.audit({ action: 'resetPassword', entity: 'account', entityId: input.id });
    return getAccount(db, input.id, ctx.now());
  },

  'accounts.setActive': (ctx, input) => {
    const { db } = ctx;
    const before = getAccount(db, input.id, ctx.now());
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
    ctx.audit({ action: input.active ? 'enable' : 'disable', entity: 'account', entityId: input.id, oldValue: { active: before.active }, newValue: { active: input.active } });
    return getAccount(db, input.id, ctx.now());
  },
};

/** What the audit log keeps of an account: never its password. */
function summary(a: ReturnType<typeof getAccount>) {
  return { loginName: a.loginName, displayName: a.displayName, role: ACCOUNT_ROLE_LABELS[a.role], units: a.unitNames, evaluator: a.evaluatorName, active: a.active };
}
