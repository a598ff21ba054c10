/**
 * Opening the store: a damaged file is noticed and never used (quick_check here for a small file or one about to be
 * migrated; for a large one it runs in a worker right after the first screen, and a failure takes the store out of
 * use — see maintenance.ts — as the full integrity_check does); an empty or header-less file is refused, never turned
 * into an empty store; a file from a newer app is refused; before migrating an existing store, space is checked and a
 * backup taken.
 */
import Database, { type Database as Db } from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackupInfo } from '../../../shared/contract/system';
import { assertSpace, backupDatabase } from './backup';
import { latestVersion, migrate, MIGRATIONS, pendingMigrations, recordedAppVersion, schemaVersion, tooNewMessage, WRITTEN_BY_KEY, type Migration } from './migrate';

export interface OpenedStore {
  db: Db;
  file: string;
  schemaVersion: number;
  migratedFrom: number;
  preMigrationBackup: BackupInfo | null;
  /** The quick check was left to run after the first screen (a large file): maintenance runs it first. */
  quickCheckDeferred: boolean;
}

/**
 * Up to this size (a street's first two years) the quick check runs before the store is used, in a tenth of a second;
 * above it, it would hold the first screen for as long as it reads the file (0.75 s at 125 MB, 12 s at 3.6 GB), so it
 * runs in the background instead, first thing after the first screen.
 */
export const INLINE_QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024;

export interface OpenOptions {
  backupDir: string;
  migrations?: Migration[];
  /** The file was checked in full just now (a restored backup): skip the quick check. */
  checked?: boolean;
  /** Files larger than this have their quick check deferred (default INLINE_QUICK_CHECK_MAX_BYTES). */
  inlineCheckMaxBytes?: number;
  /** The app's version, recorded in the store when this app migrates it (see WRITTEN_BY_KEY). */
  appVersion?: string;
}

/** SQLite's own words for what is wrong, said in Chinese where we know them; the original kept for support. */
function whyInChinese(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  const message = (e as Error).message;
  if (code === 'SQLITE_NOTADB') return `不是有效的数据文件：${message}`;
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) return `文件内容已损坏：${message}`;
  if (code === 'SQLITE_CANTOPEN') return `无法打开文件：${message}`;
  return `打开时出错：${message}`;
}

function damaged(file: string, why: string): AppError {
  return new AppError(
    'DB_DAMAGED',
    `数据文件已损坏，程序没有使用它：${file}（${why}）。请从备份文件夹中的备份恢复，或联系技术支持。`,
  );
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Why an existing file cannot be a store at all (empty, or not SQLite), before SQLite is asked to open it. */
function notAStore(file: string): string | null {
  const size = statSync(file).size;
  if (size === 0) return '文件是空的（0 字节），可能在写入时被中断';
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') === SQLITE_HEADER ? null : '文件开头不是 SQLite 数据文件的标识，不是网格考评的数据文件或已被覆盖';
}

export async function openStore(file: string, options: OpenOptions): Promise<OpenedStore> {
  const migrations = options.migrations ?? MIGRATIONS;
  const existed = existsSync(file);
  if (existed) {
    const why = notAStore(file);
    if (why) throw damaged(file, why);
  }
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw damaged(file, whyInChinese(e));
  }
  try {
    let quickCheckDeferred = false;
    if (existed && !options.checked) {
      // a file about to be migrated is checked first, whatever its size: a migration never runs on a damaged file
      const large = statSync(file).size > (options.inlineCheckMaxBytes ?? INLINE_QUICK_CHECK_MAX_BYTES);
      if (large && pendingMigrations(db, migrations).length === 0) quickCheckDeferred = true;
      else {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw damaged(file, `快速完整性检查未通过：${String(check)}`);
      }
    }
    const version = schemaVersion(db);
    const latest = latestVersion(migrations);
    if (version > latest) {
      throw new AppError('DB_TOO_NEW', tooNewMessage('数据文件', version, latest, recordedAppVersion(db)));
    }
    applyPragmas(db);
    let preMigrationBackup: BackupInfo | null = null;
    if (existed && version > 0 && pendingMigrations(db, migrations).length > 0) {
      // the migration may rewrite much of the file: room for that beside the backup
      assertSpace(dirname(file), statSync(file).size, '数据文件');
      preMigrationBackup = await backupDatabase(db, options.backupDir, 'premigrate');
    }
    let result: { from: number; to: number };
    try {
      result = migrate(db, migrations);
    } catch (e) {
      // Each step runs in its own transaction: the file is intact at the last step that succeeded, not damaged.
      throw new AppError(
        'INTERNAL',
        `升级数据文件失败（数据版本 ${version} → ${latest}：${(e as Error).message}），数据文件未损坏，已保持在升级前的状态${
          preMigrationBackup ? `；升级前备份：${preMigrationBackup.file}` : ''
        }。请联系技术支持。`,
      );
    }
    const { from, to } = result;
    // one statement after the last step: at worst a crash leaves the version unrecorded, and the message generic
    if (to > from && options.appVersion) {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(WRITTEN_BY_KEY, options.appVersion);
    }
    return { db, file, schemaVersion: to, migratedFrom: from, preMigrationBackup, quickCheckDeferred };
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    throw damaged(file, whyInChinese(e));
  }
}
