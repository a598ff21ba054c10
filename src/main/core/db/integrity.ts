/**
 * SQLite's full integrity_check, run in a worker thread on its own read-only connection: on ten years of a district it
 * takes over half a minute, and the store must keep answering meanwhile. quick_check misses damage integrity_check
 * finds (an index that no longer matches its row), so backups and the weekly check use the full one; the quick one
 * (mode 'quick') is what opening a large store runs after the first screen (db/open.ts, maintenance.ts).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface IntegrityResult {
  ok: boolean;
  /** SQLite's findings (at most 20), or why the file could not be read. */
  problems: string[];
}

// Plain JavaScript: the worker runs it as it is, in the built app, under vitest and under plain Node alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma(workerData.pragma).map((r) => String(Object.values(r)[0]));
  parentPort.postMessage({ ok: rows.length === 1 && rows[0] === 'ok', problems: rows[0] === 'ok' ? [] : rows.slice(0, 20) });
} catch (e) {
  parentPort.postMessage({ ok: false, problems: [String(e && e.message)] });
} finally {
  if (db) db.close();
}`;

function sqliteModule(): string {
  // CommonJS (the built app, vitest) has require; plain Node's ES modules resolve from the working folder
  return typeof require === 'function' ? require.resolve('better-sqlite3') : createRequire(`${process.cwd()}/`).resolve('better-sqlite3');
}

export type IntegrityMode = 'full' | 'quick';

/** How a check is run: the worker below, or a stand-in (tests hold it to see that nothing waits for it). */
export type IntegrityChecker = (file: string, mode?: IntegrityMode) => Promise<IntegrityResult>;

export function checkIntegrity(file: string, mode: IntegrityMode = 'full'): Promise<IntegrityResult> {
  return new Promise((resolve) => {
    const pragma = mode === 'quick' ? 'quick_check' : 'integrity_check';
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlite: sqliteModule(), pragma } });
    let result: IntegrityResult = { ok: false, problems: ['完整性检查意外中止'] };
    worker.once('message', (r: IntegrityResult) => (result = r));
    worker.once('error', (e) => (result = { ok: false, problems: [e.message] }));
    // answered once the worker has ended, its connection closed: a restore may then replace the file
    worker.once('exit', () => resolve(result));
  });
}
