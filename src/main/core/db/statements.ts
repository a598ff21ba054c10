/**
 * Statements prepared once per connection and kept: compiling a statement costs more than running a small one, so
 * the paths called again and again (a cell save, a page of the log) look theirs up here instead of preparing it on
 * every call. A statement's mode (rows, a single column, raw arrays) is part of its key and set once, so two callers
 * of one SQL text never change each other's mode. The connection being closed drops its statements with it.
 */
import type { Database, Statement } from 'better-sqlite3';

export type StatementMode = 'rows' | 'pluck' | 'raw';

const kept = new WeakMap<Database, Map<string, Statement>>();

export function prepared(db: Database, sql: string, mode: StatementMode = 'rows'): Statement {
  let statements = kept.get(db);
  if (!statements) kept.set(db, (statements = new Map()));
  const key = `${mode}\u0000${sql}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (mode === 'pluck') statement.pluck();
    else if (mode === 'raw') statement.raw();
    statements.set(key, statement);
  }
  return statement;
}
