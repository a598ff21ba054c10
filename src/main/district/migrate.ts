/**
 * The district store's schema, by numbered migrations (migrations/index.ts): a version table records each one
 * applied; pending ones run in order, each in one transaction with its row; a store from a newer program is refused.
 */
import type { Pool, PoolClient } from 'pg';
import { PG_MIGRATIONS, type PgMigration } from './migrations';

export const LATEST_PG_VERSION = PG_MIGRATIONS.at(-1)!.version;

async function current(client: PoolClient): Promise<number> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_versions');
  return r.rows[0]?.v ?? 0;
}

/** Migrates to `target` (the latest unless given: tests stop at N−1); returns the version reached. */
export async function migrateDistrict(pool: Pool, target: number = LATEST_PG_VERSION, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    // one migrator at a time, whatever else connects
    await client.query('SELECT pg_advisory_lock(20261203)');
    try {
      const at = await current(client);
      const newest = migrations.at(-1)!.version;
      if (at > newest) throw new Error(`区级数据库的版本（${at}）比本程序支持的（${newest}）更新，请使用更新版本的程序`);
      for (const m of migrations) {
        if (m.version <= at || m.version > target) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_versions (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
      }
      return current(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock(20261203)');
    }
  } finally {
    client.release();
  }
}
