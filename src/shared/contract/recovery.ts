/**
 * 数据恢复: when the data file is refused (damaged, from a newer app, empty), the app starts anyway and offers this
 * screen instead of the others: why, the verified backups, and restoring one. Callable without logging in (the
 * accounts are in the refused file); the transports' own checks (the host's token, the app's window) still apply.
 */
import { z } from 'zod';
import type { AppErrorPayload } from '../errors';
import { call, emptyInput, returns } from './define';
import type { BackupInfo } from './system';

export interface RecoveryStatus {
  /** Why the data file is not in use; null when it is (nothing to recover). */
  problem: AppErrorPayload | null;
  dataDir: string;
  dataFile: string;
  backupDir: string;
  /** Newest first; those that failed their check are left out. */
  backups: BackupInfo[];
}

export const recoveryContract = {
  'recovery.status': call({ input: emptyInput, output: returns<RecoveryStatus>(), tx: 'none', anonymous: true }),
  'recovery.restore': call({
    input: z.object({ fileName: z.string().regex(/^grid-appraisal-[\w-]+\.db$/, '备份文件名不正确') }),
    output: returns<{ restored: BackupInfo; setAside: string }>(),
    tx: 'exclusive',
    // while the store is in use only a 管理员 may ask (and is told to restore in 系统); in recovery nobody can log in
    roles: ['admin'],
    anonymous: true,
  }),
};
