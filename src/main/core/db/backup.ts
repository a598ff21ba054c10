/** Verified backups: SQLite's online backup, then integrity_check on the copy before it counts. */
import Database, { type Database as Db } from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';


const NAME_RE = /^grid-appraisal-(\d{8})-(\d{6})-(\d{3})-([a-z]+)\.db$/;
const DAILY_KEEP = 30;

function stamp(now: Date): string {
  const iso = now.toISOString(); // UTC in the name; shown in Asia/Shanghai
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
}

function infoOf(dir: string, fileName: string): BackupInfo | null {
  const m = NAME_RE.exec(fileName);
  if (!m) return null;
  const [d, t, ms, reason] = [m[1]!, m[2]!, m[3]!, m[4]!];
  const createdAt = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}.${ms}Z`;
  const file = join(dir, fileName);
  return { file, fileName, createdAt, sizeBytes: statSync(file).size, reason };
}

/** Newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => infoOf(dir, n))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Whether a database file passes integrity_check. */
export function verifyDatabaseFile(file: string): boolean {
  let copy: Db | undefined;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
    return copy.pragma('integrity_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    copy?.close();
  }
}

/**
 * A copy of a WAL store is itself in WAL mode, and opening it (even read-only) leaves `-wal` and `-shm` files
 * beside it. A backup is one self-contained file: switch the copy to a rollback journal before it is verified.
 */
function makeSelfContained(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    try {
      rmSync(file + suffix, { force: true });
    } catch {
      // nothing there to remove (e.g. the folder could not be made)
    }
  }
}

export async function backupDatabase(db: Db, dir: string, reason: BackupReason, now = new Date()): Promise<BackupInfo> {
  const fileName = `grid-appraisal-${stamp(now)}-${reason}.db`;
  const partial = join(dir, `${fileName}.partial`);
  try {
    mkdirSync(dir, { recursive: true });
    await db.backup(partial);
    makeSelfContained(partial);
    if (!verifyDatabaseFile(partial)) throw new Error('副本完整性校验未通过');
    renameSync(partial, join(dir, fileName));
  } catch (e) {
    removeWithSidecars(partial);
    throw new AppError('BACKUP_FAILED', `备份失败（${(e as Error).message}），数据未作改动`);
  }
  if (reason === 'daily') pruneDailyBackups(dir);
  return infoOf(dir, fileName)!;
}

function pruneDailyBackups(dir: string): void {
  listBackups(dir)
    .filter((b) => b.reason === 'daily')
    .slice(DAILY_KEEP)
    .forEach((b) => rmSync(b.file, { force: true }));
}

/**
 * Puts a verified backup's content into the live store, in place: SQLite's backup API copies the backup's pages into
 * the live file through its own connection, and the open connection sees them on its next read (it stays in WAL
 * mode). First the backup is verified and the current state is itself backed up ('prerestore'), so a restore can be
 * undone; a backup from a newer app is refused; an older one is migrated after. Returns the safety backup.
 */
export async function restoreDatabase(
  db: Db,
  liveFile: string,
  dir: string,
  fileName: string,
  options: { latestVersion: number; migrate: (db: Db) => void; now: Date },
): Promise<BackupInfo> {
  const backup = listBackups(dir).find((b) => b.fileName === fileName);
  if (!backup) throw new AppError('NOT_FOUND', `找不到备份“${fileName}”`);
  if (!verifyDatabaseFile(backup.file)) throw new AppError('DB_DAMAGED', `备份“${fileName}”未通过完整性校验，不能用于恢复；当前数据未作改动`);
  const source = new Database(backup.file, { readonly: true, fileMustExist: true });
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version > options.latestVersion) throw new AppError('DB_TOO_NEW', `备份“${fileName}”来自更新版本的网格考评，请先升级程序再恢复`);
    const safety = await backupDatabase(db, dir, 'prerestore', options.now);
    await source.backup(liveFile);
    options.migrate(db);
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw new AppError('DB_DAMAGED', '恢复后的数据未通过校验，请从“恢复前备份”恢复');
    return safety;
  } finally {
    source.close();
  }
}

/** Takes the day's automatic backup unless one was taken in the last 24 hours. */
export async function ensureDailyBackup(db: Db, dir: string, now = new Date()): Promise<BackupInfo | null> {
  const last = listBackups(dir)[0];
  if (last && now.getTime() - Date.parse(last.createdAt) < 24 * 3600 * 1000) return null;
  return backupDatabase(db, dir, 'daily', now);
}
