/**
 * SQLite's full integrity_check, run in a worker thread on its own read-only connection: on ten years of a district it
 * takes over half a minute, and the store must keep answering meanwhile. quick_check misses damage integrity_check
 * finds (an index that no longer matches its row), so backups and the weekly check use this one.
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
  const rows = db.pragma('integrity_check').map((r) => String(r.integrity_check));
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

export function checkIntegrity(file: string): Promise<IntegrityResult> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlite: sqliteModule() } });
    let result: IntegrityResult = { ok: false, problems: ['完整性检查意外中止'] };
    worker.once('message', (r: IntegrityResult) => (result = r));
    worker.once('error', (e) => (result = { ok: false, problems: [e.message] }));
    // answered once the worker has ended, its connection closed: a restore may then replace the file
    worker.once('exit', () => resolve(result));
  });
}
