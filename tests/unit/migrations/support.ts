/**
 * Shared by the migration tests: a raw SQLite file (no openStore, so no pragmas or backups of its own) and the real
 * migrations run up to a version, so each test can stop at N−1, write rows, and go on to N.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate, MIGRATIONS, type Migration } from '../../../src/main/core/db/migrate';
import { onCleanup, tempDir } from '../helpers';

/** A raw connection closed after the test. */
export function rawDb(file: string, options?: Database.Options): Database.Database {
  const db = new Database(file, options);
  onCleanup(() => db.close());
  return db;
}

/** A raw connection to a new, empty file in a temp folder removed after the test. */
export function tempDb(): Database.Database {
  return rawDb(join(tempDir(), 'a.db'));
}

/** Runs the real migrations below `version` (to N−1, whatever number that has). */
export function migrateBelow(db: Database.Database, version: number): { from: number; to: number } {
  return migrate(db, MIGRATIONS.filter((m) => m.version < version));
}

/** Runs the real migrations up to and including `version`. */
export function migrateTo(db: Database.Database, version: number): { from: number; to: number } {
  return migrate(db, MIGRATIONS.filter((m) => m.version <= version));
}

/** The real migrations up to version 10, the base the shape tests build on with the test migration V20. */
export const UP_TO_10: Migration[] = MIGRATIONS.filter((m) => m.version <= 10);

/** A test migration (not a real one) that adds a column with a default, for the generic shape tests. */
export const V20: Migration = {
  version: 20,
  name: 'test_add_column',
  up: (db) => db.exec("ALTER TABLE org_units ADD COLUMN note TEXT NOT NULL DEFAULT '（无）'"),
};
