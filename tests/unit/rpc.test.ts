import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../src/shared/contract';
import { latestVersion } from '../../src/main/core/db/migrate';
import { handlers } from '../../src/main/core/handlers';
import { buildSmallTree, makeId, onCleanup, openTestCore, TODAY } from './helpers';

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

describe('dispatch', () => {
  it('has one handler for each call of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('an unknown call is UNKNOWN_CALL', async () => {
    const t = await openTestCore();
    const e = await t.callError('people.drop', {});
    expect(e).toEqual({ code: 'UNKNOWN_CALL', message: '程序内部错误：未知的调用 people.drop' });
    expect((await t.callError('toString', {})).code).toBe('UNKNOWN_CALL');
    expect((await t.callError('__proto__', {})).code).toBe('UNKNOWN_CALL');
  });

  it('invalid input is VALIDATION with Chinese messages and field paths', async () => {
    const t = await openTestCore();
    const e = await t.callError('people.create', {});
    expect(e.code).toBe('VALIDATION');
    const byField = Object.fromEntries((e.issues ?? []).map((i) => [i.field, i.message]));
    expect(byField).toMatchObject({
      name: '请填写姓名',
      gender: '请选择性别',
      idNumber: '请填写身份证号',
      hireDate: '请填写入职日期',
      roles: '请选择岗位',
      unitId: '请选择所属单位',
    });
    expect(e.message).toMatch(/（共\d+处输入有误）$/);
    for (const i of e.issues ?? []) expect(i.message).toMatch(HAS_CHINESE);
  });

  it('a single wrong field gives its message as the call’s message', async () => {
    const t = await openTestCore();
    const e = await t.callError('people.list', { asOf: '2024/03/01' });
    expect(e).toEqual({
      code: 'VALIDATION',
      message: '查询日期应写作 YYYY-MM-DD，例如 2026-11-23',
      issues: [{ field: 'asOf', message: '查询日期应写作 YYYY-MM-DD，例如 2026-11-23' }],
    });
  });

  it('nested paths are joined with dots, and zod’s own messages are Chinese', async () => {
    const t = await openTestCore();
    const e = await t.callError('io.exportGrid', { title: '花名册', columns: [{ header: '姓名', width: 1 }], rows: [] });
    expect(e.issues?.[0]?.field).toBe('columns.0.width');
    expect(e.issues?.[0]?.message).toMatch(HAS_CHINESE);
    const extra = await t.callError('system.info', { extra: 1 });
    expect(extra.code).toBe('VALIDATION');
    expect(extra.message).toMatch(HAS_CHINESE);
    const notObject = await t.callError('org.create', 'street');
    expect(notObject.code).toBe('VALIDATION');
    expect(notObject.message).toMatch(HAS_CHINESE);
  });

  it('a missing input counts as {}', async () => {
    const t = await openTestCore();
    const r = await t.raw('system.info', undefined);
    expect(r.ok).toBe(true);
  });

  it('checks the role: an evaluator may read but not change the organisation', async () => {
    const t = await openTestCore();
    const evaluator = { name: '考核员甲', role: 'evaluator' as const };
    const e = await t.callError('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: '' }, evaluator);
    expect(e).toEqual({ code: 'FORBIDDEN', message: '当前账号无权执行此操作' });
    expect(t.core.db.prepare('SELECT count(*) FROM org_units').pluck().get()).toBe(0);
    expect((await t.raw('org.tree', {}, evaluator)).ok).toBe(true);
    expect((await t.raw('people.list', {}, evaluator)).ok).toBe(true);
    expect((await t.callError('system.backupNow', {}, { name: '文书', role: 'secretary' })).code).toBe('FORBIDDEN');
    expect((await t.callError('system.loadDemo', {}, evaluator)).code).toBe('FORBIDDEN');
  });

  it('an error raised after a write in the same call leaves nothing half-written', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const db = t.core.db;
    // the person row is inserted, then writing the first term fails
    db.exec(`CREATE TEMP TRIGGER fail_terms BEFORE INSERT ON person_terms BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    const audits = count('audit_log');
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = await t.callError('people.create', {
      name: '张三',
      gender: '男',
      idNumber: makeId('1990-05-15', 23),
      hireDate: '2023-01-01',
      roles: ['网格员'],
      unitId: tree.a.id,
    });
    spy.mockRestore();
    expect(e).toEqual({ code: 'INTERNAL', message: '程序内部错误，操作未完成，数据未作改动' });
    expect(count('people')).toBe(0);
    expect(count('person_terms')).toBe(0);
    expect(count('audit_log')).toBe(audits);
    expect(db.inTransaction).toBe(false);
  });

  it('a busy store is CONFLICT, not a crash', async () => {
    const t = await openTestCore();
    t.core.db.pragma('busy_timeout = 50');
    const other = new Database(t.core.dataFile);
    onCleanup(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    const e = await t.callError('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: '' });
    other.exec('ROLLBACK');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(HAS_CHINESE);
    await expect(t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: '' })).resolves.toBeDefined();
  });

  it('the audit log gets the actor, the time from the clock and the call’s entries', async () => {
    const t = await openTestCore({ now: () => new Date('2026-11-23T15:59:00.000Z') });
    await t.raw('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' }, { name: '李管理', role: 'admin' });
    const row = t.core.db.prepare('SELECT at, actor, action, entity FROM audit_log').get();
    expect(row).toEqual({ at: '2026-11-23T15:59:00.000Z', actor: '李管理', action: 'create', entity: 'org_unit' });
  });
});

describe('system calls', () => {
  it('system.info describes the store', async () => {
    const t = await openTestCore();
    expect(await t.call('system.info', {})).toMatchObject({
      appVersion: 'test',
      schemaVersion: latestVersion(),
      today: TODAY,
      isEmpty: true,
      counts: { units: 0, peopleInPost: 0, peopleTotal: 0 },
      lastBackup: null,
      health: { backupWarning: null, integrity: null, records: null },
    });
    // the day's backup comes after opening, from maintenance, and is then checked in full
    await t.core.maintenance.runDue();
    await t.core.maintenance.idle();
    expect(await t.call('system.info', {})).toMatchObject({
      lastBackup: { reason: 'daily', integrity: 'ok' },
      lastVerifiedBackup: { reason: 'daily' },
      freeBytes: expect.any(Number),
      health: { integrity: { ok: true }, records: { ok: true }, running: [] },
    });
    await buildSmallTree(t);
    expect((await t.call('system.info', {})).isEmpty).toBe(false);
  });

  it('system.backupNow takes a manual backup and listBackups shows it first', async () => {
    let now = new Date('2026-11-23T02:00:00.000Z');
    const t = await openTestCore({ now: () => now });
    await t.core.maintenance.runDue();
    now = new Date('2026-11-23T03:00:00.000Z');
    const info = await t.call('system.backupNow', {});
    expect(info).toMatchObject({ reason: 'manual', createdAt: '2026-11-23T03:00:00.000Z' });
    expect((await t.call('system.listBackups', {})).map((b) => b.reason)).toEqual(['manual', 'daily']);
  });
});
