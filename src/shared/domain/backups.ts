/** The kinds of backup, by the key in their file name, with the label users read (zod-free: the first screen uses it). */
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

