/**
 * Statements prepared once per connection and kept: compiling a statement costs more than running a small one, so
 * the paths called again and again (a cell save, a page of the log) look theirs up here instead of preparing it on
 * every call. A statement's mode (rows, a single column, raw arrays) is part of its key and set once, so two callers
 * of one SQL text never change each other's mode. The connection being closed drops its statements with it.
 */
import type { Database, Statement } from 'better-sqlite3';

export type StatementMode = 'rows' | 'pluck' | 'raw';

const kept = new WeakMap<Database, Record<StatementMode, Map<string, Statement>>>();

export function prepared(db: Database, sql: string, mode: StatementMode = 'rows'): Statement {
  let modes = kept.get(db);
  if (!modes) kept.set(db, (modes = { rows: new Map(), pluck: new Map(), raw: new Map() }));
  // keyed by the SQL text itself: a literal's hash is worked out once, where a key built from it would be hashed anew
  const statements = modes[mode];
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (mode === 'pluck') statement.pluck();
    else if (mode === 'raw') statement.raw();
    statements.set(sql, statement);
  }
  return statement;
}
