/** The recovery calls while the store is in use: nothing to recover (the runtime answers them itself when it is not). */
import type { recoveryContract } from '../../../shared/contract/recovery';
import { AppError } from '../../../shared/errors';
import type { Handlers } from '../handler-types';
import { recoveryStatus } from './recover';

export const recoveryHandlers: Handlers<typeof recoveryContract> = {
  // anyone may ask before logging in: while the store is in use, say only that there is nothing to recover
  'recovery.status': (ctx) => ({ ...recoveryStatus(ctx, null), backups: [] }),
  'recovery.restore': () => {
    throw new AppError('CONFLICT', '数据文件正常，无需恢复；要回到以前的备份，请在“系统”中恢复');
  },
};
