/**
 * Numbered migrations: `migrations/NNNN_name.ts` exporting `up(db)`, listed in migrations/index.ts. Versions rise in
 * steps of 10 so a fix fits between; each runs in one transaction that also sets user_version.
 */
import type { Database } from 'better-sqlite3';
import { MIGRATION_MODULES } from './migrations';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

type MigrationModule = { up: (db: Database) => void };

const NAME_RE = /^(\d{4})_([a-z0-9_]+)$/;

/** Migrations from their modules keyed by file name without '.ts' ('0010_init'), in rising order. */
export function parseMigrations(modules: Record<string, MigrationModule>): Migration[] {
  const list = Object.entries(modules).map(([file, mod]) => {
    const m = NAME_RE.exec(file);
    if (!m) throw new Error(`migration file name must be NNNN_name.ts: ${file}`);
    if (typeof mod.up !== 'function') throw new Error(`migration ${file} exports no up()`);
    return { version: Number(m[1]), name: m[2]!, up: mod.up };
  });
  list.sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version <= 0) throw new Error(`migration version must be positive: ${m.name}`);
    if (i > 0 && list[i - 1]!.version === m.version) throw new Error(`two migrations share version ${m.version}`);
  });
  return list;
}

export const MIGRATIONS: Migration[] = parseMigrations(MIGRATION_MODULES);

export function latestVersion(migrations: Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function pendingMigrations(db: Database, migrations: Migration[] = MIGRATIONS): Migration[] {
  const current = schemaVersion(db);
  return migrations.filter((m) => m.version > current);
}

/** Runs every pending migration, each in its own transaction; returns the versions before and after. */
export function migrate(db: Database, migrations: Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = schemaVersion(db);
  for (const m of pendingMigrations(db, migrations)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: schemaVersion(db) };
}

/**
 * The settings key holding the version of the app that last migrated the store, i.e. the first app that knows its
 * schema. The settings table is as old as the store (0010), so any older app can read it and name the version needed.
 */
export const WRITTEN_BY_KEY = 'store.app_version';

/** The app version recorded in a store, or null (none recorded, or no settings table in a file that is no store). */
export function recordedAppVersion(db: Database): string | null {
  try {
    const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(WRITTEN_BY_KEY);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Why a file from a newer app is refused, naming what is needed: the app version that wrote it when recorded, and
 * always the file's schema version beside the one this app supports. `what` is '数据文件' or '备份“…”'.
 */
export function tooNewMessage(what: string, fileVersion: number, latest: number, writtenBy: string | null): string {
  const versions = `数据文件版本 ${fileVersion}，本程序支持至 ${latest}`;
  const use = writtenBy ? `请使用网格考评 ${writtenBy} 或更新的版本（${versions}）` : `请使用更新版本的网格考评（${versions}）`;
  return `${what}来自更新版本的网格考评，为防止损坏数据，本程序不会打开它。${use}。`;
}
