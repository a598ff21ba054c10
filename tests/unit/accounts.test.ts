/**
 * Local accounts: password hashes, login and lockout, sessions (with an injected clock), the first administrator
 * turning login on, the last one kept, and roles and a 考核员's units enforced through the dispatcher.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/main/core/accounts/password';
import { SESSION_IDLE_MS, SessionStore } from '../../src/main/core/accounts/sessions';
import { callWithSession, resolveActor } from '../../src/main/core/call';
import type { Actor } from '../../src/main/core/context';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract';
import type { AppErrorPayload } from '../../src/shared/errors';
import { addPerson, buildSmallTree, FIXED_NOW, openTestCore, publishScheme } from './helpers';

const BUILT_IN: Actor = { name: '管理员', role: 'admin' };
const PASSWORD = 'mima-1234';

/** A test core with a clock the test moves, and calls made the way the transports make them: with a session id. */
async function sessionCore() {
  let now = FIXED_NOW;
  const t = await openTestCore({ now: () => now });
  const send = (sessionId: string | null, name: string, input: unknown) => callWithSession(t.core, BUILT_IN, sessionId, name, input);
  const as = async <N extends CallName>(sessionId: string | null, name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const { result } = await send(sessionId, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.data as CallOutput<N>;
  };
  const refused = async (sessionId: string | null, name: string, input: unknown): Promise<AppErrorPayload> => {
    const { result } = await send(sessionId, name, input);
    if (result.ok) throw new Error(`expected ${name} to be refused`);
    return result.error;
  };
  const login = async (loginName: string, password = PASSWORD): Promise<string> => {
    const { result, sessionId } = await send(null, 'accounts.login', { loginName, password });
    if (!result.ok || !sessionId) throw new Error(`login ${loginName} failed: ${result.ok ? '' : result.error.message}`);
    return sessionId;
  };
  /** The first 管理员, made as the built-in one: returns the session its creator carries on with. */
  const firstAdmin = async (): Promise<string> => {
    const { result, sessionId } = await send(null, 'accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: PASSWORD });
    expect(result.ok).toBe(true);
    expect(sessionId).toEqual(expect.any(String));
    return sessionId!;
  };
  return { t, send, as, refused, login, firstAdmin, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('password hashes', () => {
  it('scrypt with a salt per hash; verify accepts the password and nothing else', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    expect(verifyPassword('correct horse', a)).toBe(true);
    expect(verifyPassword('correct horse', b)).toBe(true);
    expect(verifyPassword('correct hors', a)).toBe(false);
    expect(verifyPassword('', a)).toBe(false);
    expect(verifyPassword('correct horse', 'plain')).toBe(false);
    expect(verifyPassword('correct horse', 'scrypt$x$8$1$AAAA$AAAA')).toBe(false);
  });

  it('no call returns a password or its hash', async () => {
    const s = await sessionCore();
    const admin = await s.firstAdmin();
    const created = await s.as(admin, 'accounts.create', { loginName: 'wen', displayName: '文书甲', role: 'secretary', password: PASSWORD });
    const reset = await s.as(admin, 'accounts.resetPassword', { id: created.id, password: 'another-pass' });
    const listed = await s.as(admin, 'accounts.list', {});
    const me = await s.as(admin, 'accounts.me', {});
    const hashes = s.t.core.db.prepare('SELECT password_hash FROM accounts').pluck().all() as string[];
    for (const out of [created, reset, listed, me]) {
      const text = JSON.stringify(out);
      expect(text).not.toMatch(/password|scrypt/i);
      for (const h of hashes) expect(text).not.toContain(h.split('$')[5]);
    }
    const audit = JSON.stringify(s.t.core.db.prepare("SELECT * FROM audit_log WHERE entity = 'account'").all());
    expect(audit).not.toMatch(/scrypt|mima-1234|another-pass/);
  });
});

describe('login on and off', () => {
  it('without accounts the app runs as the built-in 管理员, with no login', async () => {
    const s = await sessionCore();
    expect(await s.as(null, 'accounts.me', {})).toEqual({
      loginRequired: false,
      me: { accountId: null, loginName: '', displayName: '管理员', role: 'admin', unitIds: [], evaluatorId: null },
    });
    expect((await s.send(null, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' })).result.ok).toBe(true);
    expect((await s.refused(null, 'accounts.login', { loginName: 'admin', password: PASSWORD })).message).toBe('尚未建立账号，无需登录');
    // a transport with no built-in actor (the LAN) is not let in, accounts or not
    expect(resolveActor(s.t.core, null, null)).toBeNull();
  });

  it('the first account must be a 管理员; creating it turns login on and its creator carries on as it', async () => {
    const s = await sessionCore();
    const e = await s.refused(null, 'accounts.create', { loginName: 'kh', displayName: '考核员甲', role: 'evaluator', password: PASSWORD, unitIds: [] });
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'role', message: expect.stringContaining('第一个账号必须是管理员') }] });
    const session = await s.firstAdmin();
    expect(await s.as(session, 'accounts.me', {})).toMatchObject({ loginRequired: true, me: { loginName: 'admin', displayName: '王主任', role: 'admin' } });
    // without a session every call but logging in is refused now
    expect(await s.refused(null, 'system.info', {})).toEqual({ code: 'LOGIN_REQUIRED', message: '请先登录' });
    expect(await s.refused('made-up', 'people.list', {})).toMatchObject({ code: 'LOGIN_REQUIRED' });
    expect(await s.as(null, 'accounts.me', {})).toEqual({ loginRequired: true, me: null });
    expect((await s.send(session, 'system.info', {})).result.ok).toBe(true);
  });

  it('a short password, a taken name and a 考核员 without units are refused with Chinese messages', async () => {
    const s = await sessionCore();
    const admin = await s.firstAdmin();
    const short = await s.refused(admin, 'accounts.create', { loginName: 'x', displayName: '某', role: 'secretary', password: '1234567' });
    expect(short.message).toBe('密码至少8位');
    const taken = await s.refused(admin, 'accounts.create', { loginName: 'ADMIN', displayName: '某', role: 'secretary', password: PASSWORD });
    expect(taken.message).toBe('用户名“ADMIN”已被使用');
    const noUnits = await s.refused(admin, 'accounts.create', { loginName: 'kh', displayName: '某', role: 'evaluator', password: PASSWORD });
    expect(noUnits.message).toBe('请选择考核员负责的单位');
  });

  it('login and logout: the session comes and goes; a wrong password says so', async () => {
    const s = await sessionCore();
    await s.firstAdmin();
    const wrong = await s.refused(null, 'accounts.login', { loginName: 'admin', password: 'wrong-password' });
    // the same words for a wrong password and for a name that does not exist: names cannot be found out by trying
    expect(wrong).toMatchObject({ code: 'VALIDATION', message: '用户名或密码不正确（在本窗口连续输错5次将锁定5分钟）' });
    expect((await s.refused(null, 'accounts.login', { loginName: 'nobody', password: PASSWORD })).message).toBe(wrong.message);
    const session = await s.login('Admin'); // login names ignore case
    const { result, sessionId } = await s.send(session, 'accounts.logout', {});
    expect(result).toEqual({ ok: true, data: { loginRequired: true, me: null } });
    expect(sessionId).toBeNull();
    expect((await s.refused(session, 'system.info', {})).code).toBe('LOGIN_REQUIRED');
  });
});

describe('the last active 管理员', () => {
  it('can be neither disabled nor demoted; with a second one it can', async () => {
    const s = await sessionCore();
    const admin = await s.firstAdmin();
    const [me] = await s.as(admin, 'accounts.list', {});
    expect((await s.refused(admin, 'accounts.setActive', { id: me!.id, active: false })).message).toBe('这是最后一个启用的管理员账号，不能停用');
    expect((await s.refused(admin, 'accounts.update', { id: me!.id, displayName: '王主任', role: 'secretary' })).message).toBe(
      '这是最后一个启用的管理员账号，不能改为其他角色',
    );
    // the store refuses it too
    expect(() => s.t.core.db.prepare('UPDATE accounts SET active = 0 WHERE id = ?').run(me!.id)).toThrow(/last active admin/);
    expect(() => s.t.core.db.prepare('DELETE FROM accounts').run()).toThrow(/never deleted/);

    const second = await s.as(admin, 'accounts.create', { loginName: 'li', displayName: '李科长', role: 'admin', password: PASSWORD });
    expect((await s.refused(admin, 'accounts.setActive', { id: me!.id, active: false })).message).toBe('不能停用自己正在使用的账号');
    const liSession = await s.login('li');
    await s.as(liSession, 'accounts.setActive', { id: me!.id, active: false });
    // a disabled account's session ends, and it cannot log in
    expect((await s.refused(admin, 'system.info', {})).code).toBe('LOGIN_REQUIRED');
    expect((await s.refused(null, 'accounts.login', { loginName: 'admin', password: PASSWORD })).message).toBe('该账号已停用，请联系管理员');
    expect((await s.refused(liSession, 'accounts.update', { id: second.id, displayName: '李科长', role: 'evaluator', unitIds: [] })).message).toBe(
      '这是最后一个启用的管理员账号，不能改为其他角色',
    );
  });
});

describe('lockout after failed logins', () => {
  it('five wrong passwords in a row lock the client out for five minutes, even against the right one; then it opens', async () => {
    const s = await sessionCore();
    await s.firstAdmin();
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push((await s.refused(null, 'accounts.login', { loginName: 'admin', password: `wrong-${i}` })).message);
    const wrong = '用户名或密码不正确（在本窗口连续输错5次将锁定5分钟）';
    expect(messages).toEqual([wrong, wrong, wrong, wrong, '密码连续输错5次，本窗口已锁定5分钟，请稍后再试（其他窗口不受影响）']);
    expect(await s.refused(null, 'accounts.login', { loginName: 'admin', password: PASSWORD })).toEqual({
      code: 'FORBIDDEN',
      message: '密码连续输错5次，本窗口已锁定，请5分钟后再试（其他窗口不受影响）',
    });
    s.advance(4 * 60_000 + 1_000);
    expect((await s.refused(null, 'accounts.login', { loginName: 'admin', password: PASSWORD })).message).toBe(
      '密码连续输错5次，本窗口已锁定，请1分钟后再试（其他窗口不受影响）',
    );
    s.advance(60_000);
    await s.login('admin');
    // a success starts the count again
    expect((await s.refused(null, 'accounts.login', { loginName: 'admin', password: 'wrong' })).message).toBe(wrong);
  });

  it('resetting the password lifts the lock', async () => {
    const s = await sessionCore();
    const admin = await s.firstAdmin();
    const wen = await s.as(admin, 'accounts.create', { loginName: 'wen', displayName: '文书甲', role: 'secretary', password: PASSWORD });
    for (let i = 0; i < 5; i++) await s.refused(null, 'accounts.login', { loginName: 'wen', password: 'nope-nope' });
    expect((await s.as(admin, 'accounts.list', {})).find((a) => a.id === wen.id)!.lockedUntil).toBe('2026-11-23T02:05:00.000Z');
    await s.as(admin, 'accounts.resetPassword', { id: wen.id, password: 'new-password' });
    await s.login('wen', 'new-password');
  });
});

describe('sessions', () => {
  it('the store forgets a session idle longer than 8 hours; each call keeps it alive', () => {
    let now = FIXED_NOW.getTime();
    const store = new SessionStore(() => new Date(now));
    const id = store.create(7);
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(store.create(7)).not.toBe(id);
    now += SESSION_IDLE_MS - 1;
    expect(store.touch(id)).toBe(7);
    now += SESSION_IDLE_MS;
    expect(store.touch(id)).toBe(7);
    now += SESSION_IDLE_MS + 1;
    expect(store.touch(id)).toBeNull();
    expect(store.touch(id)).toBeNull();
    expect(store.touch('unknown')).toBeNull();
  });

  it('through the dispatcher: an expired session must log in again', async () => {
    const s = await sessionCore();
    const admin = await s.firstAdmin();
    s.advance(SESSION_IDLE_MS - 60_000);
    expect((await s.send(admin, 'system.info', {})).sessionId).toBe(admin);
    s.advance(SESSION_IDLE_MS + 1);
    const { result, sessionId } = await s.send(admin, 'system.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'LOGIN_REQUIRED' } });
    expect(sessionId).toBeNull();
  });

  it('resolves a session to its account’s actor, read afresh', async () => {
    const s = await sessionCore();
    const admin = await s.firstAdmin();
    expect(resolveActor(s.t.core, admin, BUILT_IN)).toMatchObject({ name: '王主任', role: 'admin', sessionId: admin });
    expect(resolveActor(s.t.core, null, BUILT_IN)).toBeNull();
  });
});

/** 固戍社区 (c1: grids a, b) and 河西社区 (c2: grid c); a month open with 张三 (a), 李四 (b), 王五 (c). */
async function scoringSetup() {
  const s = await sessionCore();
  const { t } = s;
  const tree = await buildSmallTree(t);
  const p = {
    zhang: await addPerson(t, tree.a.id, '张三', ['网格员']),
    li: await addPerson(t, tree.b.id, '李四', ['网格员']),
    wang: await addPerson(t, tree.c.id, '王五', ['网格员']),
  };
  const e = {
    a: (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id,
    b: (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id,
  };
  const scheme = await publishScheme(t, '测试方案', {
    roles: ['网格员'],
    aggregation: 'mean',
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 4000 },
    ],
  });
  const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const criterion = scheme.criteria[0]!.id;
  const admin = await s.firstAdmin();
  await s.as(admin, 'accounts.create', { loginName: 'kh', displayName: '赵考核', role: 'evaluator', password: PASSWORD, unitIds: [tree.c1.id], evaluatorId: e.a });
  await s.as(admin, 'accounts.create', { loginName: 'wen', displayName: '钱文书', role: 'secretary', password: PASSWORD });
  return { ...s, tree, p, e, monthId: month.id, criterion, admin, evaluator: await s.login('kh'), secretary: await s.login('wen') };
}

describe('roles through the dispatcher', () => {
  it('a 文书 reads, prints and exports, but every write is FORBIDDEN', async () => {
    const s = await scoringSetup();
    const forbidden = { code: 'FORBIDDEN', message: '当前账号无权执行此操作' };
    expect(await s.refused(s.secretary, 'org.create', { parentId: s.tree.street.id, kind: 'community', name: '新社区', code: 'N' })).toEqual(forbidden);
    expect(await s.refused(s.secretary, 'assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.a, cells: [{ personId: s.p.zhang, criterionId: s.criterion, value: 100 }] })).toEqual(forbidden);
    expect(await s.refused(s.secretary, 'awards.saveBatch', { name: '新批次', level: '街道', date: '2025-04-10' })).toEqual(forbidden);
    expect(await s.refused(s.secretary, 'accounts.list', {})).toEqual(forbidden);
    expect((await s.send(s.secretary, 'reports.monthSummary', { monthId: s.monthId })).result.ok).toBe(true);
    expect((await s.send(s.secretary, 'io.exportGrid', { title: '名册', columns: [{ header: '姓名' }], rows: [['张三']] })).result.ok).toBe(true);
  });

  it('no write call is open to a 文书; of the calls outside a read transaction only logging in, exports, the backup list and the checks are', async () => {
    const { contract } = await import('../../src/shared/contract');
    const open = (tx: string) => Object.entries(contract).filter(([, d]) => d.tx === tx && d.roles.includes('secretary')).map(([name]) => name);
    expect(open('write')).toEqual([]);
    expect(open('none').sort()).toEqual(['accounts.login', 'assessments.exportWorkbook', 'audit.verify', 'io.exportGrid', 'periods.exportBallots', 'points.importTemplate', 'recovery.status', 'reports.excel', 'system.listBackups']);
    expect(open('exclusive')).toEqual([]);
  });

  it('a 考核员 scores the people of their own units, and no one else; the audit log names the account', async () => {
    const s = await scoringSetup();
    const cell = (personId: number) => ({ monthId: s.monthId, evaluatorId: s.e.a, cells: [{ personId, criterionId: s.criterion, value: 5000 }] });
    expect((await s.as(s.evaluator, 'assessments.saveScores', cell(s.p.zhang))).saved).toBe(1);
    expect(await s.refused(s.evaluator, 'assessments.saveScores', cell(s.p.wang))).toEqual({
      code: 'FORBIDDEN',
      message: '王五（河西社区 / 第01网格）不在您负责的单位（固戍社区）内，不能为其打分',
    });
    const both = { ...cell(s.p.li), cells: [...cell(s.p.li).cells, ...cell(s.p.wang).cells] };
    expect((await s.refused(s.evaluator, 'assessments.saveScores', both)).code).toBe('FORBIDDEN');
    expect(s.t.core.db.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(1); // nothing half-written
    // as another evaluator record than their own
    expect(await s.refused(s.evaluator, 'assessments.saveScores', { ...cell(s.p.zhang), evaluatorId: s.e.b })).toEqual({
      code: 'FORBIDDEN',
      message: '您的账号只能以考核人“考核人甲”的身份打分',
    });
    // the 管理员 scores anyone
    expect((await s.as(s.admin, 'assessments.saveScores', { ...cell(s.p.wang), evaluatorId: s.e.b })).saved).toBe(1);
    const actors = s.t.core.db.prepare("SELECT actor FROM audit_log WHERE action = 'score' ORDER BY id").pluck().all();
    expect(actors).toEqual(['赵考核', '王主任']);
    // the scoring sheet shows them only their people
    const sheet = await s.as(s.evaluator, 'assessments.sheet', { monthId: s.monthId, unitId: null, evaluatorId: s.e.a });
    expect(sheet.rows.map((r) => r.name).sort()).toEqual(['张三', '李四'].sort());
  });

  it('a 考核员 importing an evaluator workbook of another unit is refused through the same path', async () => {
    const s = await scoringSetup();
    const target = { monthId: s.monthId, unitId: s.tree.c2.id, evaluatorId: s.e.a };
    const file = await s.as(s.admin, 'assessments.exportWorkbook', target);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核表')!;
    let row = 0;
    for (let r = 6; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === '王五') row = r;
    for (let c = 1; c <= ws.columnCount; c++) if (ws.getRow(4).getCell(c).value === '任务完成') ws.getRow(row).getCell(c).value = 50;
    const input = { ...target, fileName: '考核表.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    const preview = await s.as(s.evaluator, 'assessments.previewWorkbook', input);
    const e = await s.refused(s.evaluator, 'assessments.importWorkbook', { ...input, digest: preview.digest });
    expect(e.message).toBe('王五（河西社区 / 第01网格）不在您负责的单位（固戍社区）内，不能为其打分');
    expect(s.t.core.db.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(0);
  });
});

describe('what else a 考核员 is limited to', () => {
  it('points only for the people of their units, posted or reversed; the 管理员 for anyone', async () => {
    const s = await scoringSetup();
    const rule = (await s.as(s.admin, 'points.rules', {})).find((r) => r.name === '化解矛盾纠纷')!;
    const post = (personId: number) => ({ ruleId: rule.id, date: '2026-10-08', lines: [{ personId, quantity: 100 }] });
    const mine = await s.as(s.evaluator, 'points.post', post(s.p.zhang));
    expect(mine.entries).toHaveLength(1);
    expect(await s.refused(s.evaluator, 'points.post', post(s.p.wang))).toEqual({
      code: 'FORBIDDEN',
      message: '王五（河西社区 / 第01网格）不在您负责的单位（固戍社区）内，不能为其登记积分',
    });
    const theirs = await s.as(s.admin, 'points.post', post(s.p.wang));
    expect((await s.refused(s.evaluator, 'points.reverse', { entryId: theirs.entries[0]!.id, reason: '重复录入' })).code).toBe('FORBIDDEN');
    await s.as(s.evaluator, 'points.reverse', { entryId: mine.entries[0]!.id, reason: '重复录入' });
  });

  it('a unit a 考核员 is responsible for cannot be deleted from under them: a clear message, not an internal error', async () => {
    const s = await scoringSetup();
    const spare = await s.as(s.admin, 'org.create', { parentId: s.tree.c2.id, kind: 'grid_basic', name: '第09网格', code: 'C2G9' });
    await s.as(s.admin, 'accounts.create', { loginName: 'kh2', displayName: '孙考核', role: 'evaluator', password: PASSWORD, unitIds: [spare.id] });
    expect(await s.refused(s.admin, 'org.delete', { id: spare.id })).toMatchObject({
      code: 'VALIDATION',
      message: '“第09网格”是考核员 孙考核 负责的单位，请先在“系统 → 账号管理”中改掉，再删除',
    });
  });

  it('restoring a backup ends every session: the accounts are now the backup’s', async () => {
    const s = await scoringSetup();
    const backup = await s.as(s.admin, 'system.backupNow', {});
    s.advance(1000);
    await s.as(s.admin, 'system.restoreBackup', { fileName: backup.fileName });
    expect((await s.refused(s.admin, 'system.info', {})).code).toBe('LOGIN_REQUIRED');
    expect((await s.refused(s.evaluator, 'system.info', {})).code).toBe('LOGIN_REQUIRED');
    expect(await s.login('kh')).toEqual(expect.any(String));
  });
});
