/**
 * 局域网访问's calls through the dispatcher (issue 18), with a stand-in for the web host's listener: refused while no
 * 管理员 exists or any 管理员's password is weak or unknown, nothing saved when refused, saved and audited when not,
 * back on at start only while the rules hold.
 */
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/main/core/app';
import { callWithSession } from '../../src/main/core/call';
import type { Actor } from '../../src/main/core/context';
import type { LanControl, LanStartRequest } from '../../src/main/core/lan/control';
import { readLanSettings, resumeLan } from '../../src/main/core/lan/settings';
import { dispatch } from '../../src/main/core/rpc';
import type { LanSettingsInput } from '../../src/shared/contract/lan';
import { AppError } from '../../src/shared/errors';
import { FIXED_NOW, onCleanup, tempDir } from './helpers';

const BUILT_IN: Actor = { name: '管理员', role: 'admin' };

class FakeLan implements LanControl {
  started: LanStartRequest[] = [];
  running = false;
  failWith: AppError | null = null;
  interfaces() {
    return [
      { name: 'lo', address: '127.0.0.1', family: 4 as const, subnet: '127.0.0.0/8' },
      { name: 'eth1', address: '192.168.5.20', family: 4 as const, subnet: '192.168.5.0/24' },
    ];
  }
  state() {
    return { running: this.running, urls: this.running ? ['https://192.168.5.20:5443/'] : [], fingerprint: this.running ? 'AB:CD' : null, sessions: 0, allowedRanges: [], error: null };
  }
  async start(r: LanStartRequest) {
    if (this.failWith) throw this.failWith;
    this.started.push(r);
    this.running = true;
  }
  async stop() {
    this.running = false;
  }
}

async function setUp() {
  const lan = new FakeLan();
  const dataDir = tempDir();
  const core = await openCore({ dataDir, appVersion: 'test', now: () => FIXED_NOW, lan });
  onCleanup(() => core.close());
  const local = (name: string, input: unknown) => dispatch(core, BUILT_IN, name, input);
  const on: LanSettingsInput = { enabled: true, address: '192.168.5.20', port: 5443, allowed: '', cert: 'generated', certPath: '', keyPath: '' };
  return { core, lan, local, on, dataDir };
}

describe('lan.configure', () => {
  it('is refused while no 管理员 account exists, and nothing is saved', async () => {
    const { core, lan, local, on } = await setUp();
    const r = await local('lan.configure', on);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '不能开启局域网访问：尚未建立管理员账号：局域网访问需要登录，请先在“系统 → 账号管理”中建立管理员账号' } });
    expect(lan.started).toEqual([]);
    expect(readLanSettings(core.db).enabled).toBe(false);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'lan'").pluck().get()).toBe(0);
  });

  it('is refused while a 管理员’s password is weak or unknown; a strong one set or typed lifts it', async () => {
    const { core, lan, local, on } = await setUp();
    expect((await local('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: 'Wangge2026x' })).ok).toBe(true);
    // a second 管理员 with a password good enough for an account, not for the LAN (no digits)
    const weak = await local('accounts.create', { loginName: 'li', displayName: '李科长', role: 'admin', password: 'Zhongjie-Ke' });
    expect(weak.ok).toBe(true);
    const refused = await local('lan.configure', on);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!refused.ok && refused.error.message).toContain('管理员“李科长”（li）的密码不够强或尚未确认：开启局域网访问时，管理员密码须至少10位，且同时含有字母和数字');
    expect(lan.started).toEqual([]);

    // an account from before 0220 (flag unknown) that logs in with a strong password is known strong from then on
    core.db.prepare("UPDATE accounts SET password_lan_ok = 0 WHERE login_name = 'admin'").run();
    const id = (weak.ok && (weak.data as { id: number }).id) as number;
    expect((await local('accounts.resetPassword', { id, password: 'Lizhang2026k' })).ok).toBe(true);
    expect((await local('lan.configure', on)).ok).toBe(false); // admin's is unknown now
    const login = await callWithSession(core, BUILT_IN, null, 'accounts.login', { loginName: 'admin', password: 'Wangge2026x' });
    expect(login.result.ok).toBe(true);
    expect(core.db.prepare("SELECT password_lan_ok FROM accounts WHERE login_name = 'admin'").pluck().get()).toBe(1);

    const ok = await local('lan.configure', on);
    expect(ok).toMatchObject({ ok: true, data: { running: true, refusals: [], settings: { enabled: true, address: '192.168.5.20' } } });
    // the allowed range defaults to the chosen address's subnet
    expect(lan.started.map((s) => s.ranges.map((c) => c.text))).toEqual([['192.168.5.0/24']]);
    const audit = core.db.prepare("SELECT action, new_value FROM audit_log WHERE entity = 'lan'").all() as { action: string; new_value: string }[];
    expect(audit.map((a) => a.action)).toEqual(['enable']);
    expect(JSON.parse(audit[0]!.new_value)).toMatchObject({ enabled: true, address: '192.168.5.20', port: 5443 });
    const log = await local('audit.list', { kind: 'system' });
    expect(log.ok && (log.data as { rows: { summary: string; kindLabel: string }[] }).rows[0]).toMatchObject({
      kindLabel: '系统',
      summary: '开启局域网访问：192.168.5.20:5443（生成的证书）',
    });
  });

  it('refuses bad settings naming the field, and a listener that cannot start leaves the settings as they were', async () => {
    const { core, lan, local, on } = await setUp();
    await local('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: 'Wangge2026x' });
    expect(await local('lan.configure', { ...on, address: '192.0.2.2' })).toMatchObject({ ok: false, error: { issues: [{ field: 'address' }] } });
    expect(await local('lan.configure', { ...on, port: 70000 })).toMatchObject({ ok: false, error: { issues: [{ field: 'port', message: '端口应为 1 到 65535 的整数' }] } });
    expect(await local('lan.configure', { ...on, allowed: '192.168.5.0/40' })).toMatchObject({ ok: false, error: { issues: [{ field: 'allowed' }] } });
    expect(await local('lan.configure', { ...on, cert: 'supplied' })).toMatchObject({ ok: false, error: { issues: [{ field: 'certPath' }, { field: 'keyPath' }] } });
    lan.failWith = AppError.field('port', '端口 5443 已被其他程序占用，请换一个端口');
    expect(await local('lan.configure', on)).toMatchObject({ ok: false, error: { message: '端口 5443 已被其他程序占用，请换一个端口' } });
    expect(readLanSettings(core.db).enabled).toBe(false);
    // a 考核员 or 文书 may not even look
    expect(await dispatch(core, { name: '文书', role: 'secretary' }, 'lan.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('comes back on at start when it was on and the rules still hold, not otherwise', async () => {
    const { core, lan, local, on } = await setUp();
    await local('accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: 'Wangge2026x' });
    expect((await local('lan.configure', on)).ok).toBe(true);
    const fresh = new FakeLan();
    expect(await resumeLan(core.db, fresh)).toEqual({ started: true, problem: null });
    expect(fresh.started).toHaveLength(1);
    core.db.prepare('UPDATE accounts SET password_lan_ok = 0').run();
    const again = new FakeLan();
    const r = await resumeLan(core.db, again);
    expect(r.started).toBe(false);
    expect(r.problem).toMatch(/^局域网访问未开启：管理员“王主任”（admin）的密码不够强/);
    expect(again.started).toEqual([]);
    expect(lan.started).toHaveLength(1);
  });
});
