import { z } from 'zod';
import { call, emptyInput, returns } from './define';

/** Why a backup was taken: the key is in the file name, the label is what users read. */
export const BACKUP_REASONS = {
  daily: '每日自动备份',
  manual: '手动备份',
  premigrate: '升级前备份',
  import: '导入前备份',
  prerestore: '恢复前备份',
} as const;
export type BackupReason = keyof typeof BACKUP_REASONS;

export function backupReasonLabel(reason: string): string {
  return (BACKUP_REASONS as Record<string, string>)[reason] ?? reason;
}

export interface BackupInfo {
  file: string;
  fileName: string;
  createdAt: string;
  sizeBytes: number;
  reason: string;
}

export interface SystemInfo {
  appVersion: string;
  dataFile: string;
  schemaVersion: number;
  lastBackup: BackupInfo | null;
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
