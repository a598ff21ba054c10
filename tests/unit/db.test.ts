import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME, openCore } from '../../src/main/core/app';
import { backupDatabase, ensureDailyBackup, listBackups } from '../../src/main/core/db/backup';
import { checkIntegrity } from '../../src/main/core/db/integrity';
import { latestVersion, MIGRATIONS, type Migration } from '../../src/main/core/db/migrate';
import { openStore } from '../../src/main/core/db/open';
import { AppError } from '../../src/shared/errors';
import { FIXED_NOW, onCleanup, openTestCore, tempDir } from './helpers';
import { rawDb, UP_TO_10, V20 } from './migrations/support';

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

/** A store at the real latest version with some rows, closed. */
async function makeStore(dir: string, rows = 10): Promise<string> {
  const file = join(dir, 'store.db');
  const { db } = await openStore(file, { backupDir: join(dir, 'backups') });
  const insert = db.prepare(
    "INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (NULL, 'street', ?, ?, '2026-01-01T00:00:00Z')",
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`单位${i}`.padEnd(30, '名'), `CODE${i}`);
  })();
  db.close();
  return file;
}

describe('openStore', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout', async () => {
    const dir = tempDir();
    const { db } = await openStore(join(dir, 'a.db'), { backupDir: join(dir, 'b') });
    onCleanup(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() =>
      db.prepare("INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (999, 'community', 'x', 'x', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('a new store is migrated to the latest version without a pre-migration backup', async () => {
    const dir = tempDir();
    const store = await openStore(join(dir, 'a.db'), { backupDir: join(dir, 'b') });
    onCleanup(() => store.db.close());
    expect(store).toMatchObject({ schemaVersion: latestVersion(), migratedFrom: 0, preMigrationBackup: null });
    expect(listBackups(join(dir, 'b'))).toEqual([]);
  });

  it('refuses a file from a newer app with DB_TOO_NEW and leaves it untouched', async () => {
    const dir = tempDir();
    const file = await makeStore(dir);
    const db = new Database(file);
    db.pragma('user_version = 9999');
    db.close();
    const before = sha(file);
    const e = await expectAppError(openStore(file, { backupDir: join(dir, 'b') }), 'DB_TOO_NEW');
    expect(e.message).toContain('9999');
    expect(e.message).toContain(String(latestVersion()));
    expect(sha(file)).toBe(before);
    expect(existsSync(join(dir, 'b'))).toBe(false);
    // still readable, still 9999: nothing was migrated down or over
    expect(rawDb(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(9999);
  });

  it('openCore refuses a newer file too', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, DATA_FILE_NAME));
    db.pragma('user_version = 9999');
    db.close();
    await expectAppError(openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW }), 'DB_TOO_NEW');
  });

  it('detects garbage written into the middle of a real store, and never uses it', async () => {
    const dir = tempDir();
    const file = await makeStore(dir, 2000);
    const bytes = readFileSync(file);
    const pageSize = 4096;
    expect(bytes.length).toBeGreaterThan(pageSize * 10);
    // a page in the middle of the org_units b-tree, header and cells alike
    const page = Math.floor(bytes.length / pageSize / 2);
    for (let i = page * pageSize; i < (page + 1) * pageSize; i++) bytes[i] = (i * 131) & 0xff;
    writeFileSync(file, bytes);
    const before = sha(file);
    const e = await expectAppError(openStore(file, { backupDir: join(dir, 'b') }), 'DB_DAMAGED');
    expect(e.message).toContain('数据文件已损坏');
    expect(e.message).toContain(file);
    expect(sha(file)).toBe(before);
    expect(listBackups(join(dir, 'b'))).toEqual([]);
  });

  it('detects a file that is not SQLite at all', async () => {
    const dir = tempDir();
    const file = join(dir, DATA_FILE_NAME);
    writeFileSync(file, '这不是数据库文件。'.repeat(2000));
    const before = sha(file);
    await expectAppError(openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW }), 'DB_DAMAGED');
    expect(sha(file)).toBe(before);
    expect(listBackups(join(dir, 'backups'))).toEqual([]);
  });

  it('takes a verified backup before migrating an existing older store', async () => {
    const dir = tempDir();
    const file = join(dir, 'store.db');
    const backupDir = join(dir, 'b');
    const first = await openStore(file, { backupDir, migrations: MIGRATIONS.filter((m) => m.version <= 10) });
    expect(first.schemaVersion).toBe(10);
    first.db.prepare("INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (NULL, 'street', '西乡街道', 'S', 'x')").run();
    first.db.close();

    const second = await openStore(file, { backupDir, migrations: [...UP_TO_10, V20] });
    onCleanup(() => second.db.close());
    expect(second).toMatchObject({ schemaVersion: 20, migratedFrom: 10 });
    const backup = second.preMigrationBackup!;
    expect(backup).not.toBeNull();
    expect(backup.reason).toBe('premigrate');
    expect(backup.fileName).toMatch(/^grid-appraisal-\d{8}-\d{6}-\d{3}-premigrate\.db$/);
    expect(existsSync(backup.file)).toBe(true);
    expect(listBackups(backupDir).map((b) => b.fileName)).toEqual([backup.fileName]);
    expect((await checkIntegrity(backup.file)).ok).toBe(true);
    const copy = rawDb(backup.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('user_version', { simple: true })).toBe(10);
    expect(copy.prepare('SELECT name FROM org_units').pluck().all()).toEqual(['西乡街道']);
    expect(copy.prepare("SELECT 1 FROM pragma_table_info('org_units') WHERE name = 'note'").get()).toBeUndefined();
    // the live store has the rows and the new column
    expect(second.db.prepare('SELECT name, note FROM org_units').all()).toEqual([{ name: '西乡街道', note: '（无）' }]);
  });

  it('a migration that fails on open is not reported as a damaged file, and the store stays at its version', async () => {
    const dir = tempDir();
    const file = await makeStore(dir, 1);
    const broken: Migration = { version: latestVersion() + 10, name: 'broken', up: () => { throw new Error('boom'); } };
    const e = await expectAppError(openStore(file, { backupDir: join(dir, 'b'), migrations: [...MIGRATIONS, broken] }), 'INTERNAL');
    expect(e.message).not.toContain('已损坏');
    expect(e.message).toContain('boom');
    expect(e.message).toContain('备份');
    expect(rawDb(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(listBackups(join(dir, 'b'))).toHaveLength(1);
  });
});

describe('backups', () => {
  async function liveStore() {
    const dir = tempDir();
    const store = await openStore(join(dir, 'a.db'), { backupDir: join(dir, 'b') });
    onCleanup(() => store.db.close());
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    return { db: store.db, dir: join(dir, 'b') };
  }

  it('backupDatabase writes a copy with the data, its manifest, and leaves no partial file', async () => {
    const { db, dir } = await liveStore();
    const info = await backupDatabase(db, dir, 'manual', FIXED_NOW);
    expect(info).toMatchObject({
      fileName: 'grid-appraisal-20261123-020000-000-manual.db',
      createdAt: FIXED_NOW.toISOString(),
      reason: 'manual',
    });
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(info.integrity).toBe('pending'); // checked in full after, off the request path
    expect((await checkIntegrity(info.file)).ok).toBe(true);
    expect(rawDb(info.file, { readonly: true }).prepare('SELECT value FROM settings').pluck().get()).toBe('v');
    // one self-contained file and its manifest: no .partial, no -wal or -shm left beside it
    expect(readdirSync(dir).sort()).toEqual([info.fileName, `${info.fileName}.json`]);
    expect(rawDb(info.file, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('delete');
  });

  it('a backup that cannot be written fails with BACKUP_FAILED', async () => {
    const { db, dir } = await liveStore();
    const notADir = join(dir, '..', 'a-file');
    writeFileSync(notADir, 'x');
    await expectAppError(backupDatabase(db, notADir, 'manual', FIXED_NOW), 'BACKUP_FAILED');
  });

  it('checkIntegrity says no to a damaged or missing file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.db'), 'garbage'.repeat(1000));
    expect((await checkIntegrity(join(dir, 'x.db'))).ok).toBe(false);
    expect(await checkIntegrity(join(dir, 'missing.db'))).toMatchObject({ ok: false, problems: [expect.any(String)] });
  });

  it('listBackups is newest first and ignores other files', async () => {
    const { db, dir } = await liveStore();
    const at = (iso: string) => new Date(iso);
    await backupDatabase(db, dir, 'daily', at('2026-11-20T01:00:00.000Z'));
    await backupDatabase(db, dir, 'manual', at('2026-11-22T01:00:00.000Z'));
    await backupDatabase(db, dir, 'daily', at('2026-11-21T01:00:00.000Z'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(join(dir, 'grid-appraisal-20261123-010000-000-daily.db.partial'), 'x');
    expect(listBackups(dir).map((b) => [b.createdAt, b.reason])).toEqual([
      ['2026-11-22T01:00:00.000Z', 'manual'],
      ['2026-11-21T01:00:00.000Z', 'daily'],
      ['2026-11-20T01:00:00.000Z', 'daily'],
    ]);
    expect(listBackups(join(dir, 'missing'))).toEqual([]);
  });

  it('ensureDailyBackup skips within 24 hours and takes one after', async () => {
    const { db, dir } = await liveStore();
    const t0 = Date.parse('2026-11-23T02:00:00.000Z');
    const first = await ensureDailyBackup(db, dir, new Date(t0));
    expect(first?.reason).toBe('daily');
    expect(await ensureDailyBackup(db, dir, new Date(t0 + 23 * 3600_000))).toBeNull();
    expect(await ensureDailyBackup(db, dir, new Date(t0 + 24 * 3600_000 - 1))).toBeNull();
    const next = await ensureDailyBackup(db, dir, new Date(t0 + 24 * 3600_000));
    expect(next?.createdAt).toBe('2026-11-24T02:00:00.000Z');
    expect(listBackups(dir)).toHaveLength(2);
  });
});

describe('openCore', () => {
  it('a backup folder that cannot be written does not keep the store from opening', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'backups'), 'not a folder');
    const core = await openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW });
    onCleanup(() => core.close());
    expect(core.schemaVersion).toBe(latestVersion());
    await core.maintenance.runDue();
    expect(core.maintenance.health.backupWarning).toMatch(/^今天的自动备份没有完成：备份失败/);
  });

  it('opens a data folder at the latest version; the day’s backup comes after, from maintenance, checked in full', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: join(dir, 'nested', 'data'), appVersion: 'test', now: () => FIXED_NOW });
    expect(core.schemaVersion).toBe(latestVersion());
    expect(existsSync(core.dataFile)).toBe(true);
    expect(listBackups(core.backupDir)).toEqual([]);
    await core.maintenance.runDue();
    await core.maintenance.idle();
    expect(listBackups(core.backupDir).map((b) => [b.reason, b.integrity])).toEqual([['daily', 'ok']]);
    expect(core.maintenance.health).toMatchObject({ backupWarning: null, integrity: { ok: true }, records: { ok: true } });
    core.close();
    // reopened the same day: no second daily backup, no pre-migration backup
    const again = await openCore({ dataDir: join(dir, 'nested', 'data'), appVersion: 'test', now: () => FIXED_NOW });
    onCleanup(() => again.close());
    await again.maintenance.runDue();
    expect(listBackups(again.backupDir)).toHaveLength(1);
  });
});

describe('restoring a backup', () => {
  it('puts the backup back in place, after a verified safety backup of the current state, and logs it', async () => {
    let tick = 0;
    const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
    const street = await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    const backup = await t.call('system.backupNow', {});
    await t.call('org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
    const names = () => t.core.db.prepare('SELECT name FROM org_units ORDER BY id').pluck().all();
    expect(names()).toEqual(['西乡街道', '固戍社区']);

    const { restored, safety } = await t.call('system.restoreBackup', { fileName: backup.fileName });
    expect(restored.fileName).toBe(backup.fileName);
    expect(names()).toEqual(['西乡街道']);
    expect(t.core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(safety.reason).toBe('prerestore');
    expect((await checkIntegrity(safety.file)).ok).toBe(true);
    const saved = rawDb(safety.file, { readonly: true });
    expect(saved.prepare('SELECT count(*) FROM org_units').pluck().get()).toBe(2);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'restore'").pluck().get()).toBe(1);

    // The store goes on working, and the restore can itself be undone from the safety backup.
    await t.call('org.create', { parentId: street.id, kind: 'community', name: '河西社区', code: 'C2' });
    await t.call('system.restoreBackup', { fileName: safety.fileName });
    expect(names()).toEqual(['西乡街道', '固戍社区']);
  });

  it('refuses an unknown name, a path, a damaged backup and one from a newer app, leaving the data as it was', async () => {
    let tick = 0;
    const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
    await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    expect((await t.callError('system.restoreBackup', { fileName: '../grid-appraisal.db' })).code).toBe('VALIDATION');
    expect((await t.callError('system.restoreBackup', { fileName: 'grid-appraisal-20200101-000000-000-manual.db' })).code).toBe('NOT_FOUND');

    const damaged = await t.call('system.backupNow', {});
    const bytes = readFileSync(damaged.file);
    bytes.fill(0x41, 4096, 8192);
    writeFileSync(damaged.file, bytes);
    const e = await t.callError('system.restoreBackup', { fileName: damaged.fileName });
    expect(e.code).toBe('DB_DAMAGED');
    expect(e.message).toMatch(/未通过完整性校验.*当前数据未作改动/);

    const newer = await t.call('system.backupNow', {});
    const db = rawDb(newer.file);
    db.pragma(`user_version = ${latestVersion() + 10}`);
    db.close();
    expect((await t.callError('system.restoreBackup', { fileName: newer.fileName })).code).toBe('DB_TOO_NEW');
    expect(t.core.db.prepare('SELECT name FROM org_units').pluck().all()).toEqual(['西乡街道']);
    expect(readdirSync(t.core.backupDir).filter((f) => f.includes('prerestore'))).toEqual([]);
  });
});
