/**
 * Nothing acknowledged is lost, nothing damaged is used: retention, refused files, restore while others save,
 * tamper evidence in the audit log and finalised months, recovery of a refused file, the second backup folder, a full
 * disk.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME, openCore } from '../../src/main/core/app';
import { assertSpace, backupDatabase, listBackups } from '../../src/main/core/db/backup';
import { backupsToRemove } from '../../src/main/core/db/retention';
import { CoreRuntime } from '../../src/main/core/runtime';
import type { BackupInfo } from '../../src/shared/contract/system';
import { AppError } from '../../src/shared/errors';
import { addPerson, buildSmallTree, FIXED_NOW, onCleanup, openTestCore, publishScheme, tempDir, type TestCore } from './helpers';

function backup(createdAt: string, reason = 'daily'): BackupInfo {
  return { file: `/x/${createdAt}-${reason}`, fileName: `${createdAt}-${reason}`, createdAt, sizeBytes: 1, reason, integrity: 'ok', checkedAt: null };
}

describe('retention', () => {
  it('keeps today, the newest of each of 12 days, 10 weeks and 9 months before, and the newest 10 of every other kind', () => {
    const now = new Date('2026-12-03T04:00:00.000Z'); // 2026-12-03 12:00 in Shanghai
    const backups: BackupInfo[] = [];
    // two daily backups a day (02:00 and 14:00 Shanghai) for 400 days, 12 manual and 3 import backups
    for (let d = 0; d < 400; d++) {
      const day = new Date(Date.UTC(2026, 11, 3 - d));
      for (const hour of [18, 6]) backups.push(backup(new Date(day.getTime() + (hour - 24) * 3600_000 + 24 * 3600_000).toISOString()));
    }
    for (let i = 0; i < 12; i++) backups.push(backup(new Date(Date.UTC(2026, 10, 1 + i)).toISOString(), 'manual'));
    for (let i = 0; i < 3; i++) backups.push(backup(new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), 'import'));
    backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const removed = new Set(backupsToRemove(backups, now));
    const kept = backups.filter((b) => !removed.has(b));
    const day = (b: BackupInfo) => new Date(Date.parse(b.createdAt) + 8 * 3600_000).toISOString().slice(0, 10);
    const daily = kept.filter((b) => b.reason === 'daily');
    // today: both of today's (the one due after now is not there yet: 02:00 today only... both hours counted if before now)
    expect(daily.filter((b) => day(b) === '2026-12-03').length).toBe(backups.filter((b) => b.reason === 'daily' && day(b) === '2026-12-03').length);
    // the 12 days before today: one each, the newest of the day
    for (let d = 1; d <= 12; d++) {
      const date = new Date(Date.UTC(2026, 11, 3 - d)).toISOString().slice(0, 10);
      const ofDay = daily.filter((b) => day(b) === date);
      expect(ofDay).toHaveLength(1);
      expect(ofDay[0]).toBe(backups.find((b) => b.reason === 'daily' && day(b) === date));
    }
    // nothing kept older than 9 months back, and no more than today + 12 + 10 + 9 in all
    expect(daily.every((b) => day(b) >= '2026-04-01')).toBe(true);
    expect(daily.length - daily.filter((b) => day(b) === '2026-12-03').length).toBeLessThanOrEqual(12 + 10 + 9);
    const months = new Set(daily.map((b) => day(b).slice(0, 7)));
    expect(months.size).toBe(9); // the newest of each of the 9 months, this one included
    expect(kept.filter((b) => b.reason === 'manual').map((b) => b.createdAt)).toEqual(
      backups.filter((b) => b.reason === 'manual').slice(0, 10).map((b) => b.createdAt),
    );
    expect(kept.filter((b) => b.reason === 'import')).toHaveLength(3);
  });

  it('prunes every kind as backups are taken, and removes what an interrupted backup left at the next start', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW });
    for (let i = 0; i < 13; i++) await backupDatabase(core.db, core.backupDir, 'manual', new Date(FIXED_NOW.getTime() + i * 1000));
    expect(listBackups(core.backupDir)).toHaveLength(10);
    writeFileSync(join(core.backupDir, 'grid-appraisal-20261123-030000-000-daily.db.partial'), 'half a copy');
    writeFileSync(join(core.backupDir, 'grid-appraisal-20261123-030000-000-daily.db.partial-wal'), 'x');
    core.close();
    const again = await openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW });
    onCleanup(() => again.close());
    expect(readdirSync(again.backupDir).filter((n) => n.includes('.partial'))).toEqual([]);
  });
});

describe('files that are not a store are refused, never turned into an empty one', () => {
  it.each([
    ['a 0-byte file', Buffer.alloc(0), /文件是空的（0 字节）/],
    ['a file without the SQLite header', Buffer.from('这不是数据文件'.repeat(300)), /不是 SQLite 数据文件的标识/],
  ])('%s', async (_what, bytes, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, DATA_FILE_NAME), bytes);
    const e = (await openCore({ dataDir: dir, appVersion: 'test' }).catch((x: unknown) => x)) as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('DB_DAMAGED');
    expect(e.message).toMatch(message);
    expect(readFileSync(join(dir, DATA_FILE_NAME))).toEqual(bytes);
  });

  it('a truncated store is refused', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, appVersion: 'test' });
    core.db.exec('CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT hex(randomblob(2000)) FROM n');
    core.close();
    const file = join(dir, DATA_FILE_NAME);
    writeFileSync(file, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)));
    await expect(openCore({ dataDir: dir, appVersion: 'test' })).rejects.toMatchObject({ code: 'DB_DAMAGED' });
  });
});

describe('space', () => {
  it('work that needs more room than the disk has is refused first, saying how much is needed', () => {
    const e = (() => {
      try {
        assertSpace(tempDir(), 2 ** 50, '备份文件夹');
      } catch (x) {
        return x as AppError;
      }
      return null;
    })();
    expect(e?.code).toBe('DISK_FULL');
    expect(e?.message).toMatch(/^磁盘空间不足，需要约 \d+ MB，备份文件夹所在磁盘只剩 \d+ MB/);
  });

  it('a store that cannot grow (disk full) refuses the write with DISK_FULL and keeps what it had', async () => {
    const t = await openTestCore();
    const street = await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    const pages = t.core.db.pragma('page_count', { simple: true }) as number;
    t.core.db.pragma(`max_page_count = ${pages}`);
    let refused: Awaited<ReturnType<TestCore['raw']>> | undefined;
    for (let i = 0; i < 1000 && !refused; i++) {
      const r = await t.raw('org.create', { parentId: street.id, kind: 'community', name: `第${i}号社区居民委员会`, code: `COMMUNITY-${i}` });
      if (!r.ok) refused = r;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/^磁盘空间不足/) } });
    t.core.db.pragma('max_page_count = 4294967294');
    expect(t.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // every unit written has its audit row: nothing half-written
    const units = t.core.db.prepare("SELECT count(*) FROM org_units WHERE kind = 'community'").pluck().get() as number;
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'org_unit' AND action = 'create'").pluck().get()).toBe(units + 1);
  });
});

/** A street, one worker per grid, a published scheme of one 20-point criterion, and an open month. */
async function monthSetup(t: TestCore) {
  const tree = await buildSmallTree(t);
  const people = [
    await addPerson(t, tree.a.id, '张三', ['网格员']),
    await addPerson(t, tree.b.id, '李四', ['网格员']),
    await addPerson(t, tree.c.id, '王五', ['网格员']),
  ];
  const scheme = await publishScheme(t, '测试方案', {
    roles: ['网格员'],
    fullScore: 2000,
    bands: [
      { grade: '优秀', min: 1800, max: null },
      { grade: '良好', min: 1600, max: 1800 },
      { grade: '合格', min: 1400, max: 1600 },
      { grade: '基本合格', min: 1200, max: 1400 },
      { grade: '不合格', min: 0, max: 1200 },
    ],
    criteria: [{ category: '业务', name: '任务', kind: 'score', max: 2000 }],
  });
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const criterionId = scheme.criteria[0]!.id;
  const save = (personId: number, value: number) =>
    t.raw('assessments.saveScores', { monthId: month.id, evaluatorId: evaluator, cells: [{ personId, criterionId, value }] });
  return { people, monthId: month.id, criterionId, evaluator, save };
}

describe('restore while others save', () => {
  it('saves wait for the restore, none is refused, and every acknowledged save is in the safety copy or the restored store', async () => {
    let tick = 0;
    const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
    const m = await monthSetup(t);
    const backup = await t.call('system.backupNow', {});
    const saves: Promise<{ value: number; ok: boolean }>[] = [];
    let restore: Promise<unknown> | null = null;
    for (let i = 0; i < 40; i++) {
      const value = 50 * (i + 1); // each save its own value, so each can be found afterwards
      saves.push(m.save(m.people[i % 3]!, value).then((r) => ({ value, ok: r.ok, error: r.ok ? null : r.error.message })));
      if (i === 20) restore = t.call('system.restoreBackup', { fileName: backup.fileName });
    }
    const results = await Promise.all(saves);
    const { safety } = (await restore) as { safety: BackupInfo };
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const safetyDb = new Database(safety.file, { readonly: true });
    onCleanup(() => safetyDb.close());
    const valuesIn = (db: Database.Database) =>
      new Set((db.prepare('SELECT new_value FROM audit_log WHERE entity = ? ORDER BY id').pluck().all('score') as string[]).map((v) => (JSON.parse(v) as { value: number }).value));
    const before = valuesIn(safetyDb);
    const after = valuesIn(t.core.db);
    for (const r of results) expect(before.has(r.value) || after.has(r.value)).toBe(true);
    // those acknowledged before the restore are in the safety copy, the rest after it in the restored store
    expect(before.size + after.size).toBe(40);
  });
});

describe('tamper evidence', () => {
  async function finalisedMonth() {
    let tick = 0;
    const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
    const m = await monthSetup(t);
    for (const [i, p] of m.people.entries()) expect((await m.save(p, [1850, 1700, 1500][i]!)).ok).toBe(true);
    await t.call('assessments.finalise', { monthId: m.monthId });
    return { t, m };
  }

  /** What a forger with the file and sqlite3 does: lift the triggers, change things, put the triggers back. */
  function forge(db: Database.Database, sql: string): void {
    const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
    for (const n of names) db.exec(`DROP TRIGGER ${n}`);
    db.exec(sql);
    for (const s of triggers) db.exec(s);
  }

  it('an untouched store verifies: every row of the log chained, every finalised month as sealed', async () => {
    const { t } = await finalisedMonth();
    const check = await t.call('audit.verify', {});
    expect(check).toMatchObject({ ok: true, months: 1, problems: [] });
    expect(check.auditRows).toBe(t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get());
  });

  it('a changed actor or reason is found at its row, with what the row now claims', async () => {
    const { t } = await finalisedMonth();
    const id = t.core.db.prepare("SELECT id FROM audit_log WHERE entity = 'score' ORDER BY id LIMIT 1 OFFSET 1").pluck().get() as number;
    forge(t.core.db, `UPDATE audit_log SET actor = '王主任', reason = '按领导要求' WHERE id = ${id}`);
    const check = await t.call('audit.verify', {});
    expect(check.ok).toBe(false);
    expect(check.problems[0]).toMatchObject({ kind: 'audit', id, message: `操作日志第 ${id} 条内容与校验值不符（被改动过）` });
    expect(check.problems[0]!.claimed).toMatch(/王主任.*原因：按领导要求/);
  });

  it('a deleted row is found', async () => {
    const { t } = await finalisedMonth();
    forge(t.core.db, 'DELETE FROM audit_log WHERE id = 5');
    const check = await t.call('audit.verify', {});
    expect(check.problems[0]).toMatchObject({ kind: 'audit', id: 6, message: '操作日志第 6 条之前的记录被删除' });
  });

  it('a finalised score changed behind the app (1850 → 2000) is found, even with the month digest recomputed', async () => {
    const { t, m } = await finalisedMonth();
    forge(t.core.db, `UPDATE scores SET value = 2000 WHERE value = 1850; UPDATE month_results SET total = 2000 WHERE total = 1850`);
    const check = await t.call('audit.verify', {});
    expect(check.problems).toEqual([{ kind: 'month', id: m.monthId, message: '2026-10 测试方案（已归档）的分数或结果与归档时不符', claimed: '' }]);
    // the forger recomputes the digest too: it no longer matches the one sealed in the log at finalising
    const { monthDigest } = await import('../../src/main/core/assessments/digest');
    forge(t.core.db, `UPDATE assessment_months SET digest = '${monthDigest(t.core.db, m.monthId)}' WHERE id = ${m.monthId}`);
    expect((await t.call('audit.verify', {})).problems).toEqual([
      { kind: 'month', id: m.monthId, message: '2026-10 测试方案（已归档）的校验值与操作日志中归档时记录的不符', claimed: '' },
    ]);
  });

  it('a log rewritten from a forged row onwards, hashes and all, is caught by the head recorded with a backup', async () => {
    const { t } = await finalisedMonth();
    await t.call('system.backupNow', {});
    const { auditRowHash } = await import('../../src/main/core/audit/chain');
    // the hash as hex, as the program reads it (the log keeps its 32 bytes, migration 0170)
    const rows = t.core.db.prepare('SELECT *, lower(hex(hash)) AS hash FROM audit_log ORDER BY id').all() as (Record<string, unknown> & { id: number; hash: string })[];
    const target = rows.findIndex((r) => r.entity === 'score');
    rows[target]!.actor = '王主任';
    let previous = target === 0 ? '' : rows[target - 1]!.hash;
    const updates = rows.slice(target).map((r) => {
      previous = auditRowHash(previous, r as never);
      return `UPDATE audit_log SET actor = '${String(r.actor)}', hash = X'${previous}' WHERE id = ${r.id};`;
    });
    forge(t.core.db, updates.join('\n'));
    const check = await t.call('audit.verify', {});
    expect(check.ok).toBe(false);
    expect(check.problems[0]).toMatchObject({ kind: 'audit', message: expect.stringMatching(/与备份时记录的校验值不符（日志被整体改写）/) });
  });
});

describe('recovery', () => {
  it('a damaged data file starts the app in recovery: the verified backups are offered, one restored, the bad file kept aside', async () => {
    const dir = tempDir();
    const first = await openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW });
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('marker', '备份里的数据')").run();
    const good = await backupDatabase(first.db, first.backupDir, 'manual', FIXED_NOW);
    first.close();
    writeFileSync(join(dir, DATA_FILE_NAME), Buffer.alloc(0));

    const runtime = await CoreRuntime.start({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW });
    onCleanup(() => runtime.close());
    expect(runtime.core).toBeNull();
    const actor = { name: '管理员', role: 'admin' } as const;
    const refused = await runtime.call(actor, null, 'people.list', {});
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'RECOVERY', message: expect.stringMatching(/文件是空的/) } });
    const status = await runtime.call(actor, null, 'recovery.status', {});
    expect(status.result).toMatchObject({ ok: true, data: { problem: { code: 'DB_DAMAGED' }, backups: [{ fileName: good.fileName }] } });

    const restored = await runtime.call(actor, null, 'recovery.restore', { fileName: good.fileName });
    expect(restored.result).toMatchObject({ ok: true, data: { restored: { fileName: good.fileName, integrity: 'ok' } } });
    expect(runtime.core).not.toBeNull();
    expect(runtime.core!.db.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe('备份里的数据');
    const setAside = readdirSync(dir).filter((n) => n.startsWith('grid-appraisal-refused-'));
    expect(setAside).toHaveLength(1);
    expect(statSync(join(dir, setAside[0]!)).size).toBe(0);
    expect((await runtime.call(actor, null, 'system.info', {})).result.ok).toBe(true);
  });

  it('a store that fails its full check while in use is taken out of use', async () => {
    const dir = tempDir();
    const runtime = await CoreRuntime.start({ dataDir: dir, appVersion: 'test' });
    onCleanup(() => runtime.close());
    const core = runtime.core!;
    core.db.exec("CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t(x); INSERT INTO t VALUES ('aaaaaaaa'), ('bbbbbbbb'), ('cccccccc');");
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    // one changed byte in an index entry, as a bad sector would leave it: the row and its index no longer agree
    const page = core.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 't_x'").pluck().get() as number;
    const size = core.db.pragma('page_size', { simple: true }) as number;
    const bytes = readFileSync(core.dataFile);
    const at = bytes.indexOf('bbbbbbbb', (page - 1) * size);
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'z'.charCodeAt(0);
    writeFileSync(core.dataFile, bytes);
    await core.maintenance.checkStore();
    expect(runtime.core).toBeNull();
    expect(runtime.problem).toMatchObject({ code: 'DB_DAMAGED', message: expect.stringMatching(/未通过完整性检查/) });
  });
});

describe('the second backup folder', () => {
  it('every checked backup is copied there with what is known of it; a folder that cannot be written is refused', async () => {
    const t = await openTestCore();
    const second = join(tempDir(), 'U盘', '网格考评备份');
    expect(await t.call('system.setSecondBackupDir', { dir: second })).toEqual({ dir: second });
    const taken = await t.call('system.backupNow', {});
    await t.core.maintenance.idle();
    expect(listBackups(second).map((b) => [b.fileName, b.integrity])).toEqual([[taken.fileName, 'ok']]);
    expect((await t.call('system.info', {})).secondBackupDir).toBe(second);

    const notAFolder = join(tempDir(), 'file');
    writeFileSync(notAFolder, 'x');
    const e = await t.callError('system.setSecondBackupDir', { dir: join(notAFolder, 'sub') });
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'dir' }] });
    expect((await t.callError('system.setSecondBackupDir', { dir: 'relative/path' })).message).toMatch(/完整的文件夹路径/);
    expect(existsSync(second)).toBe(true);
  });
});
