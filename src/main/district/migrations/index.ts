/** The district store's migrations, in order; each runs once, in its own transaction, its version then recorded. */
import * as m0010 from './0010_init';
import * as m0020 from './0020_package_counts';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [m0010, m0020];
