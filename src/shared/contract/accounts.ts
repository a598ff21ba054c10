import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../domain/password';
import { ACCOUNT_ROLES, call, emptyInput, idField, returns, type AccountRole } from './define';

export { MIN_PASSWORD_LENGTH, PASSWORD_HINT, passwordProblem } from '../domain/password';

export { ACCOUNT_ROLE_LABELS } from '../domain/accounts';

/**
 * Failed logins in a row from one client (a browser tab, an Electron window) before that client may no longer try the
 * account, and for how long; other clients are not locked out (see accounts/lockout.ts for the throttle across them).
 */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 5;

/** Who is calling, as the page needs to know it. */
export interface Me {
  /** null for the built-in 管理员 while no account exists. */
  accountId: number | null;
  loginName: string;
  displayName: string;
  role: AccountRole;
  /** For a 考核员: the units (with their subtrees) they may score; empty for other roles. */
  unitIds: number[];
  /** For a 考核员: the evaluator record their scores are saved as, if fixed. */
  evaluatorId: number | null;
}

export interface SessionState {
  /** On once the first account exists: every call then needs a logged-in account. */
  loginRequired: boolean;
  me: Me | null;
}

export interface AccountRow {
  id: number;
  loginName: string;
  displayName: string;
  role: AccountRole;
  active: boolean;
  unitIds: number[];
  /** The units' names, for the list. */
  unitNames: string[];
  evaluatorId: number | null;
  evaluatorName: string | null;
  /**
   * A client (a browser tab or a window) has been locked out of this account after failed logins until this time
   * (ISO), or null; other clients may still log in.
   */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

const loginName = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(1, '请填写用户名')
  .max(32, '用户名不能超过32个字符')
  .regex(/^\S+$/, '用户名不能含空格');
const displayName = z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(40, '姓名不能超过40字');
/** A password being set: the policy of domain/password.ts (the login name is checked where it is known). */
const password = z
  .string({ error: '请填写密码' })
  .min(MIN_PASSWORD_LENGTH, `密码至少${MIN_PASSWORD_LENGTH}位`)
  .max(MAX_PASSWORD_LENGTH, `密码不能超过${MAX_PASSWORD_LENGTH}位`)
  .superRefine((text, ctx) => {
    // the length is the checks' above to say
    if (text.length < MIN_PASSWORD_LENGTH || text.length > MAX_PASSWORD_LENGTH) return;
    const problem = passwordProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const role = z.enum(ACCOUNT_ROLES, { error: '请选择角色' });
const scope = {
  unitIds: z.array(idField).max(200).default([]),
  evaluatorId: idField.nullable().default(null),
};

export const accountInput = z.object({ loginName, displayName, role, password, ...scope }).superRefine((a, ctx) => {
  // what the password field could not know alone: whether it is, or contains, the login name
  if (typeof a.password !== 'string' || typeof a.loginName !== 'string' || passwordProblem(a.password) !== null) return;
  const problem = passwordProblem(a.password, a.loginName);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
});
export type AccountInput = z.input<typeof accountInput>;
export const accountUpdateInput = z.object({ id: idField, displayName, role, ...scope });
export type AccountUpdateInput = z.input<typeof accountUpdateInput>;

export const accountsContract = {
  'accounts.me': call({ input: emptyInput, output: returns<SessionState>(), tx: 'read', anonymous: true }),
  'accounts.login': call({
    input: z.object({ loginName: z.string().trim().min(1, '请填写用户名').max(64), password: z.string().min(1, '请填写密码').max(128) }),
    output: returns<SessionState>(),
    tx: 'none',
    anonymous: true,
  }),
  'accounts.logout': call({ input: emptyInput, output: returns<SessionState>(), tx: 'read' }),
  'accounts.list': call({ input: emptyInput, output: returns<AccountRow[]>(), tx: 'read', roles: ['admin'] }),
  'accounts.create': call({ input: accountInput, output: returns<AccountRow>(), tx: 'write', roles: ['admin'] }),
  'accounts.update': call({ input: accountUpdateInput, output: returns<AccountRow>(), tx: 'write', roles: ['admin'] }),
  'accounts.resetPassword': call({ input: z.object({ id: idField, password }), output: returns<AccountRow>(), tx: 'write', roles: ['admin'] }),
  'accounts.setActive': call({ input: z.object({ id: idField, active: z.boolean() }), output: returns<AccountRow>(), tx: 'write', roles: ['admin'] }),
};
