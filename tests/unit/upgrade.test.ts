/**
 * Upgrades keep data: data files written by old versions of the app through their own calls (tests/fixtures/upgrade,
 * made by scripts/upgrade-fixture/make.mjs from the commit named in each .json) open in this version, are migrated
 * after a pre-migration backup, and keep every row they had; what the old version read back is read back the same.
 * A file from a newer version is refused with a message naming the version needed.
 */
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME, openCore } from '../../src/main/core/app';
import { listBackups } from '../../src/main/core/db/backup';
import { latestVersion, WRITTEN_BY_KEY } from '../../src/main/core/db/migrate';
import { openStore } from '../../src/main/core/db/open';
import { FIXED_NOW, makeId, onCleanup, openTestCore, tempDir } from './helpers';

const FIXTURES = join(__dirname, '../fixtures/upgrade');

interface Expected {
  commit: string;
  schemaVersion: number;
  areas: string[];
  tables: Record<string, number>;
  reads: {
    people: { id: number; name: string; gender: string; idNumber: string; mobile: string; status: string; unitId: number; roles: string[]; partyMember: boolean }[];
    unitNames: Record<string, string>;
    months?: { id: number; period: string; status: string }[];
    results?: Record<string, { personId: number; total: number | null; grade: string | null; veto: boolean; rankInUnit: number | null }[]>;
    pointsYear2025?: { personId: number; points: number }[];
    starRuns?: { period: string; status: string }[];
    stars?: { personId: number; stars: number }[];
    awards?: { name: string; level: string; stage: string; candidates: { personId: number; status: string }[] }[];
  };
}

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.db'))
  .sort()
  .map((f) => ({ file: join(FIXTURES, f), expected: JSON.parse(readFileSync(join(FIXTURES, f.replace(/\.db$/, '.json')), 'utf8')) as Expected }));

type Row = Record<string, unknown>;

function readOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  onCleanup(() => db.close());
  return db;
}

const tablesOf = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
const columnsOf = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`).pluck().all(table) as string[]);
const rowsOf = (db: Database.Database, table: string, columns: string[]) =>
  db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${columns.map((_c, i) => i + 1).join(', ')}`).all() as Row[];

/** Columns a later migration replaced on purpose, with where their data went (checked below). */
const REPLACED: Record<string, string[]> = { people: ['party_member'] };

describe('the upgrade fixtures', () => {
  it('include the oldest schema there is, and one written by a version with every area the fixture needs', () => {
    expect(fixtures.map((f) => f.expected.schemaVersion)).toEqual([10, 50]);
    expect(fixtures[0]!.expected.commit).toMatch(/^ee724bb/); // the first commit: migration 0010 alone
    expect(fixtures[1]!.expected.areas).toEqual(['org', 'people', 'schemes', 'assessments', 'points', 'stars', 'awards']);
    for (const f of fixtures) {
      const db = readOnly(f.file);
      expect(db.pragma('user_version', { simple: true })).toBe(f.expected.schemaVersion);
      expect(f.expected.schemaVersion).toBeLessThan(latestVersion());
    }
  });
});

describe.each(fixtures)('a data file of schema version $expected.schemaVersion', ({ file, expected }) => {
  async function upgraded() {
    const dataDir = tempDir();
    copyFileSync(file, join(dataDir, DATA_FILE_NAME));
    const t = await openTestCore({ dataDir });
    return { t, dataDir };
  }

  it('is backed up before migrating, and the backup is the old file, whole', async () => {
    const { t } = await upgraded();
    expect(t.core.schemaVersion).toBe(latestVersion());
    const backups = listBackups(t.core.backupDir);
    expect(backups.map((b) => b.reason)).toEqual(['premigrate']);
    const backup = readOnly(backups[0]!.file);
    expect(backup.pragma('quick_check', { simple: true })).toBe('ok');
    expect(backup.pragma('user_version', { simple: true })).toBe(expected.schemaVersion);
    for (const [table, n] of Object.entries(expected.tables)) {
      expect(backup.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), table).toBe(n);
    }
    // the migrated store records the app that migrated it; opening it again takes no second backup
    expect(t.core.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(WRITTEN_BY_KEY)).toBe('test');
    t.core.close();
    const again = await openCore({ dataDir: t.dataDir, appVersion: 'test', now: () => FIXED_NOW });
    onCleanup(() => again.close());
    expect(listBackups(again.backupDir)).toHaveLength(1);
  });

  it('keeps every row the old version wrote, column for column', async () => {
    const { t } = await upgraded();
    const old = readOnly(file);
    const now = t.core.db;
    const oldTables = tablesOf(old);
    expect(Object.keys(expected.tables).sort()).toEqual(oldTables);
    for (const table of oldTables) {
      expect(tablesOf(now), `${table} is still there`).toContain(table);
      const columns = columnsOf(old, table).filter((c) => !REPLACED[table]?.includes(c));
      const before = rowsOf(old, table, columns);
      expect(before, table).toHaveLength(expected.tables[table]!);
      let after = rowsOf(now, table, columns);
      if (table === 'settings') {
        // the one row the upgrade adds: which app migrated the store
        expect(after.filter((r) => r.key === WRITTEN_BY_KEY)).toEqual([{ key: WRITTEN_BY_KEY, value: 'test' }]);
        after = after.filter((r) => r.key !== WRITTEN_BY_KEY);
        // and the street's key pair for 上报包, made at the first open (core/district/key.ts)
        expect(after.filter((r) => String(r.key).startsWith('district.')).map((r) => r.key)).toEqual(['district.publicKey', 'district.signingKey']);
        after = after.filter((r) => !String(r.key).startsWith('district.'));
      }
      if (table === 'audit_log') {
        // append-only: the old entries unchanged, a migration's own note may follow them
        expect(after.slice(0, before.length), table).toEqual(before);
      } else {
        expect(after, table).toEqual(before);
      }
    }
    // 党员 是/否 became 政治面貌 (migration 0140): 是 → 中共党员, 否 → 未填
    const party = old.prepare('SELECT id, party_member FROM people ORDER BY id').all() as { id: number; party_member: number }[];
    const status = now.prepare('SELECT id, political_status FROM people ORDER BY id').all() as { id: number; political_status: string }[];
    expect(status).toEqual(party.map((p) => ({ id: p.id, political_status: p.party_member === 1 ? '中共党员' : '' })));
    expect(party.some((p) => p.party_member === 1)).toBe(true);
  });

  it('reads back what the old version read: roster, months, results, points, stars and awards', async () => {
    const { t } = await upgraded();
    const { reads } = expected;
    const people = await t.call('people.list', { status: '全部' });
    expect(
      people.map((p) => ({ id: p.id, name: p.name, gender: p.gender, idNumber: p.idNumber, mobile: p.mobile, status: p.status, unitId: p.unitId, roles: p.roles })),
    ).toEqual(reads.people.map(({ partyMember: _p, ...p }) => p));
    expect(people.filter((p) => p.politicalStatus === '中共党员').map((p) => p.name).sort()).toEqual(
      reads.people.filter((p) => p.partyMember).map((p) => p.name).sort(),
    );
    const units = await t.call('org.tree', {});
    const names = JSON.stringify(units);
    for (const name of Object.values(reads.unitNames)) expect(names).toContain(`"${name}"`);

    if (expected.areas.includes('assessments')) {
      const months = await t.call('assessments.months', {});
      expect(months.map((m) => ({ id: m.id, period: m.period, status: m.status }))).toEqual(reads.months);
      for (const m of months) {
        const r = await t.call('assessments.results', { monthId: m.id });
        expect(
          r.rows.map((x) => ({ personId: x.personId, total: x.total, grade: x.grade, veto: x.veto, rankInUnit: x.rankInUnit })),
          m.period,
        ).toEqual(reads.results![m.period]);
      }
      // a finalised month is still read-only, and its scores still pass the integrity check
      const check = await t.call('audit.verify', {});
      expect(check).toMatchObject({ ok: true, problems: [] });
      expect(check.months).toBe(reads.months!.filter((m) => m.status === 'finalised').length);
    }
    if (expected.areas.includes('points')) {
      const b = await t.call('points.balances', { kind: 'year', period: '2025' });
      expect(b.rows.map((r) => ({ personId: r.personId, points: r.points }))).toEqual(reads.pointsYear2025);
    }
    if (expected.areas.includes('stars')) {
      const runs = await t.call('stars.runs', {});
      expect(runs.map((r) => ({ period: r.period, status: r.status }))).toEqual(reads.starRuns);
      const roster = await t.call('stars.roster', { asOf: '2025-06-30' });
      expect(roster.rows.map((r) => ({ personId: r.personId, stars: r.stars }))).toEqual(reads.stars);
    }
    if (expected.areas.includes('awards')) {
      const batches = await t.call('awards.batches', {});
      const seen = [];
      for (const b of batches) {
        const view = await t.call('awards.batch', { id: b.id });
        seen.push({ name: b.name, level: b.level, stage: b.stage, candidates: view.candidates.map((c) => ({ personId: c.personId, status: c.status })) });
      }
      expect(seen).toEqual(reads.awards);
    }
  });

  it('takes new work after the upgrade: a person added to the old roster', async () => {
    const { t } = await upgraded();
    const unitId = expected.reads.people[0]!.unitId;
    const row = await t.call('people.create', { name: '新同事', gender: '女', idNumber: makeId('1990-05-15', 2), hireDate: '2026-01-05', roles: ['网格员'], unitId });
    expect((await t.call('people.list', { status: '全部' })).map((p) => p.id)).toContain(row.id);
  });
});

describe('a data file from a newer version', () => {
  it('is refused, naming the app version that wrote it, and left untouched', async () => {
    const dir = tempDir();
    // a store this version made, then "migrated" by a future app 2.3.0 beyond what this one knows
    const made = await openCore({ dataDir: dir, appVersion: '2.3.0', now: () => FIXED_NOW });
    made.close();
    const file = join(dir, DATA_FILE_NAME);
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestVersion() + 30}`);
    raw.close();
    const before = readFileSync(file);
    const opened = openStore(file, { backupDir: join(dir, 'backups'), appVersion: '0.1.0' });
    await expect(opened).rejects.toMatchObject({
      code: 'DB_TOO_NEW',
      message: `数据文件来自更新版本的网格考评，为防止损坏数据，本程序不会打开它。请使用网格考评 2.3.0 或更新的版本（数据文件版本 ${latestVersion() + 30}，本程序支持至 ${latestVersion()}）。`,
    });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(join(dir, 'backups'))).toEqual([]);
  });

  it('without a recorded app version, says which data file version it is and which this app supports', async () => {
    const dir = tempDir();
    const file = join(dir, DATA_FILE_NAME);
    const raw = new Database(file);
    raw.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    raw.pragma('user_version = 9990');
    raw.close();
    await expect(openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW })).rejects.toMatchObject({
      code: 'DB_TOO_NEW',
      message: `数据文件来自更新版本的网格考评，为防止损坏数据，本程序不会打开它。请使用更新版本的网格考评（数据文件版本 9990，本程序支持至 ${latestVersion()}）。`,
    });
  });

  it('as a backup, is refused for restoring with the same words', async () => {
    const t = await openTestCore();
    await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    const newer = await t.call('system.backupNow', {});
    const raw = new Database(newer.file);
    raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(WRITTEN_BY_KEY, '3.0.1');
    raw.pragma(`user_version = ${latestVersion() + 10}`);
    raw.close();
    const e = await t.callError('system.restoreBackup', { fileName: newer.fileName });
    expect(e.code).toBe('DB_TOO_NEW');
    expect(e.message).toBe(
      `备份“${newer.fileName}”来自更新版本的网格考评，为防止损坏数据，本程序不会打开它。请使用网格考评 3.0.1 或更新的版本（数据文件版本 ${latestVersion() + 10}，本程序支持至 ${latestVersion()}）。当前数据未作改动。`,
    );
  });
});
