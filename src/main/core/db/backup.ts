/**
 * Backups: SQLite's online backup into a `.partial` file, made self-contained and renamed into place; then a full
 * integrity_check in a worker (off the request path) whose verdict, with the audit chain's head at the time of the
 * backup, is kept in a sidecar `<backup>.json`. Space is checked first; old backups are pruned by retention.ts.
 */
import Database, { type Database as Db } from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { chainHead, type ChainHead } from '../audit/chain';
import { checkIntegrity, type IntegrityChecker } from './integrity';
import { recordedAppVersion, tooNewMessage } from './migrate';
import { backupsToRemove } from './retention';

const NAME_RE = /^grid-appraisal-(\d{8})-(\d{6})-(\d{3})-([a-z]+)\.db$/;
const PARTIAL_SUFFIX = '.partial';
const MANIFEST_SUFFIX = '.json';

/** What is known of a backup beyond its file: kept beside it as `<backup>.json`. */
export interface BackupManifest {
  integrity: 'ok' | 'failed' | 'pending';
  checkedAt: string | null;
  problems: string[];
  /** The file's size and time when checked: a file changed since is checked again before it is used. */
  sizeBytes: number;
  mtimeMs: number;
  /** The audit chain's newest row when the backup was taken: a later rewrite of the log cannot match it. */
  auditHead: ChainHead | null;
}

function stamp(now: Date): string {
  const iso = now.toISOString(); // UTC in the name; shown in Asia/Shanghai
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
}

export function readManifest(file: string): BackupManifest | null {
  try {
    return JSON.parse(readFileSync(file + MANIFEST_SUFFIX, 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

function writeManifest(file: string, manifest: BackupManifest): void {
  writeFileSync(file + MANIFEST_SUFFIX, JSON.stringify(manifest, null, 2));
}

function infoOf(dir: string, fileName: string): BackupInfo | null {
  const m = NAME_RE.exec(fileName);
  if (!m) return null;
  const [d, t, ms, reason] = [m[1]!, m[2]!, m[3]!, m[4]!];
  const createdAt = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}.${ms}Z`;
  const file = join(dir, fileName);
  const { size: sizeBytes, mtimeMs } = statSync(file);
  const manifest = readManifest(file);
  const known = manifest !== null && manifest.sizeBytes === sizeBytes && manifest.mtimeMs === mtimeMs;
  return {
    file,
    fileName,
    createdAt,
    sizeBytes,
    reason,
    integrity: known ? manifest.integrity : 'unknown',
    checkedAt: known ? manifest.checkedAt : null,
  };
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

/** The chain heads recorded with the backups in these folders, to hold the live audit log against. */
export function recordedHeads(dirs: readonly string[]): ChainHead[] {
  return dirs.flatMap((dir) => listBackups(dir).flatMap((b) => readManifest(b.file)?.auditHead ?? []));
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal', MANIFEST_SUFFIX]) rmSync(file + suffix, { force: true });
}

/** What a backup interrupted by a crash or a kill left behind: removed at start. */
export function removeLeftovers(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const partials = names.filter((n) => n.endsWith(PARTIAL_SUFFIX));
  for (const n of partials) removeWithSidecars(join(dir, n));
  return partials;
}

/** Free bytes on the disk holding `dir` (or its nearest existing parent); null when the system cannot say. */
export function freeBytes(dir: string): number | null {
  try {
    let probe = dir;
    while (!existsSync(probe)) probe = join(probe, '..');
    const s = statfsSync(probe);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

const MB = 1024 * 1024;

/** Refuses work that needs `bytes` on the disk of `dir` when that much is not free, saying how much is needed. */
export function assertSpace(dir: string, bytes: number, what: string): void {
  const free = freeBytes(dir);
  const needed = Math.ceil(bytes * 1.1) + 16 * MB; // room for the copy, its journal and the log growing meanwhile
  if (free !== null && free < needed) {
    throw new AppError(
      'DISK_FULL',
      `磁盘空间不足，需要约 ${Math.ceil(needed / MB)} MB，${what}所在磁盘只剩 ${Math.floor(free / MB)} MB。请清理磁盘或删除不需要的文件后重试`,
    );
  }
}

/** The store's size in bytes as SQLite counts it (pages in use). */
export function storeBytes(db: Db): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}

/**
 * A copy of a WAL store is itself in WAL mode, and opening it (even read-only) leaves `-wal` and `-shm` files
 * beside it. A backup is one self-contained file: switch the copy to a rollback journal.
 */
function makeSelfContained(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

export function headOf(db: Db): ChainHead | null {
  try {
    return chainHead(db);
  } catch {
    return null; // a store from before the audit chain (a backup taken before migrating it)
  }
}

/** Copies the store into a new backup; its integrity is checked afterwards by verifyBackup. */
export async function backupDatabase(db: Db, dir: string, reason: BackupReason, now = new Date()): Promise<BackupInfo> {
  const fileName = `grid-appraisal-${stamp(now)}-${reason}.db`;
  const file = join(dir, fileName);
  const partial = file + PARTIAL_SUFFIX;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new AppError('BACKUP_FAILED', `备份失败（无法建立备份文件夹：${(e as Error).message}），数据未作改动`);
  }
  assertSpace(dir, storeBytes(db), '备份文件夹');
  const auditHead = headOf(db);
  try {
    await db.backup(partial);
    makeSelfContained(partial);
    renameSync(partial, file);
  } catch (e) {
    removeWithSidecars(partial);
    const full = /SQLITE_FULL|ENOSPC|disk is full/i.test(`${(e as { code?: string }).code ?? ''} ${(e as Error).message}`);
    throw new AppError(full ? 'DISK_FULL' : 'BACKUP_FAILED', full ? '磁盘空间不足，备份没有完成，数据未作改动' : `备份失败（${(e as Error).message}），数据未作改动`);
  }
  const { size, mtimeMs } = statSync(file);
  writeManifest(file, { integrity: 'pending', checkedAt: null, problems: [], sizeBytes: size, mtimeMs, auditHead });
  pruneBackups(dir, now);
  return infoOf(dir, fileName)!;
}

/** Runs the full integrity check of a backup (in a worker) and records the verdict beside it. */
export async function verifyBackup(file: string, now = new Date(), check: IntegrityChecker = checkIntegrity): Promise<boolean> {
  const result = await check(file);
  const before = readManifest(file);
  const { size, mtimeMs } = statSync(file);
  writeManifest(file, {
    integrity: result.ok ? 'ok' : 'failed',
    checkedAt: now.toISOString(),
    problems: result.problems,
    sizeBytes: size,
    mtimeMs,
    auditHead: before?.auditHead ?? null,
  });
  return result.ok;
}

/** Copies a backup and what is known of it into a second folder (a USB disk, a network share), pruned alike. */
export function copyBackup(backup: BackupInfo, secondDir: string, now = new Date()): void {
  mkdirSync(secondDir, { recursive: true });
  assertSpace(secondDir, backup.sizeBytes, '第二备份文件夹');
  const target = join(secondDir, backup.fileName);
  copyFileSync(backup.file, target + PARTIAL_SUFFIX);
  renameSync(target + PARTIAL_SUFFIX, target);
  const manifest = readManifest(backup.file);
  if (manifest) writeManifest(target, { ...manifest, mtimeMs: statSync(target).mtimeMs });
  pruneBackups(secondDir, now);
}

export function pruneBackups(dir: string, now: Date): void {
  for (const b of backupsToRemove(listBackups(dir), now)) removeWithSidecars(b.file);
}

/** Checkpoints a closed WAL store into its main file and removes its -wal and -shm (they would not match a new file). */
function foldWal(file: string): void {
  if (existsSync(`${file}-wal`)) {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) throw new Error('数据文件仍被其他程序打开');
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}

/**
 * Restores a backup as files, while the store is closed (the caller holds it alone and reopens it after): the backup is
 * checked (its recorded verdict, or a full check now) and must not come from a newer app; the current data file is
 * copied aside first ('prerestore', so a restore can be undone), then a copy of the backup replaces it by one rename,
 * so a crash leaves either the old file or the new one, never a mix. Returns the backup and the safety copy.
 */
export async function restoreFiles(
  liveFile: string,
  dir: string,
  fileName: string,
  options: { latestVersion: number; now: Date; liveHead: ChainHead | null },
): Promise<{ restored: BackupInfo; safety: BackupInfo }> {
  const backup = listBackups(dir).find((b) => b.fileName === fileName);
  if (!backup) throw new AppError('NOT_FOUND', `找不到备份“${fileName}”`);
  if (backup.integrity !== 'ok' && !(await verifyBackup(backup.file, options.now))) {
    throw new AppError('DB_DAMAGED', `备份“${fileName}”未通过完整性校验，不能用于恢复；当前数据未作改动`);
  }
  const source = new Database(backup.file, { readonly: true, fileMustExist: true });
  const version = source.pragma('user_version', { simple: true }) as number;
  const writtenBy = recordedAppVersion(source);
  source.close();
  if (version > options.latestVersion) {
    throw new AppError('DB_TOO_NEW', `${tooNewMessage(`备份“${fileName}”`, version, options.latestVersion, writtenBy)}当前数据未作改动。`);
  }
  const liveBytes = statSync(liveFile).size;
  assertSpace(dir, liveBytes + backup.sizeBytes, '备份文件夹');

  // everything the closed store wrote is in the file itself before it is copied: no WAL left to miss or to leak
  foldWal(liveFile);
  const safetyName = `grid-appraisal-${stamp(options.now)}-prerestore.db`;
  const safetyFile = join(dir, safetyName);
  const incoming = `${liveFile}.restoring`;
  try {
    copyFileSync(liveFile, safetyFile + PARTIAL_SUFFIX);
    makeSelfContained(safetyFile + PARTIAL_SUFFIX);
    renameSync(safetyFile + PARTIAL_SUFFIX, safetyFile);
    const { size, mtimeMs } = statSync(safetyFile);
    writeManifest(safetyFile, { integrity: 'pending', checkedAt: null, problems: [], sizeBytes: size, mtimeMs, auditHead: options.liveHead });
    copyFileSync(backup.file, incoming);
    renameSync(incoming, liveFile);
  } catch (e) {
    removeWithSidecars(safetyFile + PARTIAL_SUFFIX);
    rmSync(incoming, { force: true });
    throw new AppError('BACKUP_FAILED', `恢复没有完成（${(e as Error).message}），当前数据未作改动`);
  }
  pruneBackups(dir, options.now);
  return { restored: backup, safety: infoOf(dir, safetyName)! };
}

/** Takes the day's automatic backup unless one was taken in the last 24 hours. */
export async function ensureDailyBackup(db: Db, dir: string, now = new Date()): Promise<BackupInfo | null> {
  const last = listBackups(dir)[0];
  if (last && now.getTime() - Date.parse(last.createdAt) < 24 * 3600 * 1000) return null;
  return backupDatabase(db, dir, 'daily', now);
}
