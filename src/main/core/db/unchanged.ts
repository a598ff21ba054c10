/**
 * Values worked out from the data file and kept per connection while nothing is written to it, so reading the same
 * thing again (the unit paths behind every roster search, the names on a page of 操作日志) costs a lookup. Any write
 * drops them all: total_changes() counts this connection's writes (rolled-back ones too), data_version moves when
 * another connection commits. Only a value of committed data is kept: one worked out after the running call (or
 * transaction) has written is returned but not kept, since that write may yet be rolled back.
 */
import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

const kept = new WeakMap<Database, { stamp: string; values: Map<string, unknown> }>();
/** total_changes() as the dispatcher's current call began. */
const callStarts = new WeakMap<Database, number>();

/** This connection's writes so far (rolled-back ones too): read without touching the file. */
export const totalChanges = (db: Database) => prepared(db, 'SELECT total_changes()', 'pluck').get() as number;
/** Moves when another connection (another program on the same file) commits; not for this connection's commits. */
export const dataVersion = (db: Database) => prepared(db, 'PRAGMA data_version', 'pluck').get() as number;

function stampOf(db: Database): [changes: number, stamp: string] {
  // two plain statements: reading both through the pragma_data_version table function takes several times as long
  const changes = totalChanges(db);
  return [changes, `${changes}:${dataVersion(db)}`];
}

/**
 * Said by the dispatcher as each call begins: until it writes, what it reads is committed data. Only this
 * connection's count: unlike data_version, it is read without touching the file (no lock taken).
 */
export function callBeginning(db: Database): void {
  callStarts.set(db, totalChanges(db));
}

/** The value kept under `key` if nothing was written since it was worked out, else `compute()`'s. */
export function keptWhileUnchanged<T>(db: Database, key: string, compute: () => T): T {
  const [changes, stamp] = stampOf(db);
  let entry = kept.get(db);
  if (entry?.stamp === stamp && entry.values.has(key)) return entry.values.get(key) as T;
  const value = compute();
  if (!db.inTransaction || callStarts.get(db) === changes) {
    if (entry?.stamp !== stamp) kept.set(db, (entry = { stamp, values: new Map() }));
    entry.values.set(key, value);
  }
  return value;
}
