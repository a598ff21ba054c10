/**
 * Recovery of a refused data file: the backups that can be used, and putting one in the data file's place. The refused
 * file is never deleted: it is renamed beside the data file (grid-appraisal-refused-<time>.db) for support to look at.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../../../shared/contract/system';
import type { RecoveryStatus } from '../../../shared/contract/recovery';
import { AppError, type AppErrorPayload } from '../../../shared/errors';
import { listBackups, verifyBackup } from '../db/backup';

export interface RecoveryPlace {
  dataDir: string;
  dataFile: string;
  backupDir: string;
}

export function recoveryStatus(place: RecoveryPlace, problem: AppErrorPayload | null): RecoveryStatus {
  const { dataDir, dataFile, backupDir } = place; // only these: a handler's whole context may be passed as the place
  return { problem, dataDir, dataFile, backupDir, backups: listBackups(backupDir).filter((b) => b.integrity !== 'failed') };
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Checks the backup in full, sets the refused file aside and copies the backup into its place. */
export async function restoreRefusedStore(place: RecoveryPlace, fileName: string, now: Date): Promise<{ restored: BackupInfo; setAside: string }> {
  const backup = listBackups(place.backupDir).find((b) => b.fileName === fileName);
  if (!backup) throw new AppError('NOT_FOUND', `找不到备份“${fileName}”`);
  if (!(await verifyBackup(backup.file, now))) throw new AppError('DB_DAMAGED', `备份“${fileName}”未通过完整性校验，请选择另一个备份`);
  const setAside = join(place.dataDir, `grid-appraisal-refused-${stamp(now)}.db`);
  const incoming = `${place.dataFile}.restoring`;
  copyFileSync(backup.file, incoming);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(place.dataFile + suffix)) renameSync(place.dataFile + suffix, setAside + suffix);
  }
  renameSync(incoming, place.dataFile);
  rmSync(`${place.dataFile}-journal`, { force: true });
  return { restored: listBackups(place.backupDir).find((b) => b.fileName === fileName)!, setAside };
}
