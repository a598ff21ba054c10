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
