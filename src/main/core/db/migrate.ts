/**
 * Numbered migrations, found by file name (no hand-kept list): `NNNN_name.ts` exporting `up(db)`. Versions rise in
 * steps of 10 so a fix fits between; each runs in one transaction that also sets user_version.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

type MigrationModule = { up: (db: Database) => void };

const FILE_RE = /\/(\d{4})_([a-z0-9_]+)\.ts$/;

export function parseMigrations(modules: Record<string, MigrationModule>): Migration[] {
  const list = Object.entries(modules).map(([path, mod]) => {
    const m = FILE_RE.exec(path);
    if (!m) throw new Error(`migration file name must be NNNN_name.ts: ${path}`);
    if (typeof mod.up !== 'function') throw new Error(`migration ${path} exports no up()`);
    return { version: Number(m[1]), name: m[2]!, up: mod.up };
  });
  list.sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version <= 0) throw new Error(`migration version must be positive: ${m.name}`);
    if (i > 0 && list[i - 1]!.version === m.version) throw new Error(`two migrations share version ${m.version}`);
  });
  return list;
}

export const MIGRATIONS: Migration[] = parseMigrations(
  import.meta.glob<MigrationModule>('./migrations/*.ts', { eager: true }),
);

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
