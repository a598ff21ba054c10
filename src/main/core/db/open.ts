/**
 * Opening the store: a damaged file is noticed (quick_check) and never used; a file from a newer app is refused;
 * before migrating an existing store a verified backup is taken.
 */
import Database, { type Database as Db } from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { BackupInfo } from '../../../shared/contract/system';
import { backupDatabase } from './backup';
import { latestVersion, migrate, MIGRATIONS, pendingMigrations, schemaVersion, type Migration } from './migrate';

export interface OpenedStore {
  db: Db;
  file: string;
  schemaVersion: number;
  migratedFrom: number;
  preMigrationBackup: BackupInfo | null;
}

export interface OpenOptions {
  backupDir: string;
  migrations?: Migration[];
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

export async function openStore(file: string, options: OpenOptions): Promise<OpenedStore> {
  const migrations = options.migrations ?? MIGRATIONS;
  const existed = existsSync(file) && statSync(file).size > 0;
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw damaged(file, whyInChinese(e));
  }
  try {
    if (existed) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw damaged(file, `快速完整性检查未通过：${String(check)}`);
    }
    const version = schemaVersion(db);
    const latest = latestVersion(migrations);
    if (version > latest) {
      throw new AppError(
        'DB_TOO_NEW',
        `数据文件来自更新版本的网格考评（数据版本 ${version}，本程序支持到 ${latest}），为防止损坏数据，本程序不会打开它。请升级程序。`,
      );
    }
    applyPragmas(db);
    let preMigrationBackup: BackupInfo | null = null;
    if (existed && version > 0 && pendingMigrations(db, migrations).length > 0) {
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
    return { db, file, schemaVersion: to, migratedFrom: from, preMigrationBackup };
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    throw damaged(file, whyInChinese(e));
  }
}
