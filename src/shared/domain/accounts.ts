/** The roles' names as users read them (zod-free: the first screen uses them). */
import type { AccountRole } from '../contract/define';

export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = { admin: '管理员', evaluator: '考核员', secretary: '文书' };
