import { z } from 'zod';
import type { RecordsCheck } from './audit';
import { call, emptyInput, returns } from './define';

export { BACKUP_REASONS, backupReasonLabel, type BackupReason } from '../domain/backups';

export interface BackupInfo {
  file: string;
  fileName: string;
  createdAt: string;
  sizeBytes: number;
  reason: string;
  /** The full integrity check of the copy: passed, failed, not yet run, or unknown (no record, or the file changed). */
  integrity: 'ok' | 'failed' | 'pending' | 'unknown';
  checkedAt: string | null;
}

/** What the background checks found (db/backup.ts, maintenance.ts): shown on 首页 and 系统. */
export interface StoreHealth {
  /** The last full integrity check of the data file (at least weekly). */
  integrity: { checkedAt: string; ok: boolean; problems: string[] } | null;
  /** The last check of the audit chain and the finalised months. */
  records: RecordsCheck | null;
  /** Why the last automatic backup did not happen or did not pass its check; null when it did. */
  backupWarning: string | null;
  secondBackupWarning: string | null;
  /** The checks running now. */
  running: string[];
}

export interface SystemInfo {
  appVersion: string;
  dataFile: string;
  schemaVersion: number;
  lastBackup: BackupInfo | null;
  /** The newest backup that passed its full integrity check. */
  lastVerifiedBackup: BackupInfo | null;
  /** Free space on the disk of the backup folder; null when the system cannot say. */
  freeBytes: number | null;
  secondBackupDir: string | null;
  health: StoreHealth;
  today: string;
  isEmpty: boolean;
  counts: { units: number; peopleInPost: number; peopleTotal: number };
}

export const systemContract = {
  'system.info': call({ input: emptyInput, output: returns<SystemInfo>(), tx: 'read' }),
  'system.listBackups': call({ input: emptyInput, output: returns<BackupInfo[]>(), tx: 'none' }),
  'system.backupNow': call({ input: emptyInput, output: returns<BackupInfo>(), tx: 'none', roles: ['admin'] }),
  'system.restoreBackup': call({
    input: z.object({ fileName: z.string().regex(/^grid-appraisal-[\w-]+\.db$/, '备份文件名不正确') }),
    output: returns<{ restored: BackupInfo; safety: BackupInfo }>(),
    tx: 'exclusive',
    roles: ['admin'],
  }),
  /** 第二备份文件夹 (a USB disk or a network share): every verified backup is copied there too; '' turns it off. */
  'system.setSecondBackupDir': call({
    input: z.object({ dir: z.string().trim().max(500, '文件夹路径过长') }),
    output: returns<{ dir: string | null }>(),
    tx: 'none',
    roles: ['admin'],
  }),
  'system.loadDemo': call({
    input: emptyInput,
    output: returns<{ units: number; people: number; months: number }>(),
    tx: 'write',
    roles: ['admin'],
  }),
};
