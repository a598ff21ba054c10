/**
 * The LAN listener end to end over HTTPS (issue 18): refusals before it opens, clients outside the range, cookie
 * sessions, the login limit, a 考核员's scope, the client in each audit row, and two people saving one cell.
 */
import { X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { SESSION_COOKIE } from '../../../src/main/host/lan/cookies';
import { ADMIN_LOGIN, EVALUATOR_LOGIN, startLanHost, type LanHost } from './lan-host';

let host: LanHost;

beforeAll(async () => {
  host = await startLanHost();
}, 60_000);

afterAll(() => host.close());

describe('opening the LAN', () => {
  it('shows the certificate’s fingerprint, the address to open, and offers only private addresses', async () => {
    const status = await host.local('lan.status', {});
    expect(status.running).toBe(true);
    expect(status.urls).toEqual([`https://127.0.0.1:${host.port}/`]);
    const cert = new X509Certificate(readFileSync(join(host.dir, 'data', 'lan', 'cert.pem')));
    expect(status.fingerprint).toBe(cert.fingerprint256);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(status.interfaces.map((i) => i.address)).toEqual(['127.0.0.1']); // 192.0.2.2 (TEST-NET) is public: not offered
    expect(status.allowedRanges).toEqual(['127.0.0.0/8']);
    expect(status.refusals).toEqual([]);
  });

  it('refuses a public address, every address, and an address the machine does not have, in Chinese', async () => {
    const pub = await host.configure({ address: '192.0.2.2' });
    expect(pub.ok).toBe(false);
    expect(!pub.ok && pub.error.message).toMatch(/“192.0.2.2”不是局域网地址/);
    const any = await host.configure({ address: '0.0.0.0' });
    expect(!any.ok && any.error.message).toMatch(/不能监听所有地址/);
    const missing = await host.configure({ address: '10.9.8.7' });
    expect(!missing.ok && missing.error.message).toBe('本机没有地址“10.9.8.7”，请从列表中选择本机的局域网地址');
    const badRange = await host.configure({ allowed: '192.168.1.0/24, 楼下' });
    expect(!badRange.ok && badRange.error.issues?.[0]).toMatchObject({ field: 'allowed' });
    const noCert = await host.configure({ cert: 'supplied', certPath: join(host.dir, 'none.pem'), keyPath: join(host.dir, 'none.key') });
    expect(!noCert.ok && noCert.error).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'certPath' }] });
    // each refusal left the listener as it was
    expect((await host.local('lan.status', {})).running).toBe(true);
    expect((await host.client().raw('/')).status).toBe(200);
  });

  it('takes the office’s own certificate and key, and refuses a key that does not match', async () => {
    const certPath = join(host.dir, 'data', 'lan', 'cert.pem');
    const keyPath = join(host.dir, 'data', 'lan', 'key.pem');
    const ok = await host.configure({ cert: 'supplied', certPath, keyPath });
    expect(ok.ok).toBe(true);
    const wrong = await host.configure({ cert: 'supplied', certPath, keyPath: certPath });
    expect(!wrong.ok && wrong.error.message).toMatch(/私钥文件不是有效的 PEM 格式私钥/);
    expect((await host.configure({})).ok).toBe(true);
  });
});

describe('clients', () => {
  it('refuses a client outside the allowed range before anything else (403, Chinese), for pages and calls alike', async () => {
    expect((await host.configure({ allowed: '10.0.0.0/8' })).ok).toBe(true);
    const c = host.client();
    const page = await c.raw('/');
    expect(page.status).toBe(403);
    expect(page.body).toContain('您的电脑（地址 127.0.0.1）不在允许访问的范围内');
    const call = await c.rpc('accounts.login', ADMIN_LOGIN);
    expect(call.status).toBe(403);
    expect(call.json.ok).toBe(false);
    expect(c.cookies.size).toBe(0);
    expect((await host.configure({ allowed: '10.0.0.0/8, 127.0.0.1' })).ok).toBe(true);
    expect((await c.raw('/')).status).toBe(200);
    // a single address lets in that PC only
    expect((await host.client(undefined, '127.0.0.9').raw('/')).status).toBe(403);
    expect((await host.configure({ allowed: '' })).ok).toBe(true);
  });

  it('speaks HTTPS only: a plain HTTP request gets no page and no call', async () => {
    const plain = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/', method: 'GET' }, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', (e) => resolve(`error ${e.message}`));
      req.end();
    });
    expect(plain).not.toBe('status 200');
    expect(plain).toMatch(/^(error|status 400)/);
  });

  it('turns away a Host name other than the address (DNS rebinding) and calls from another site', async () => {
    const c = host.client();
    expect((await c.raw('/', { host: `evil.example:${host.port}` })).status).toBe(403);
    const cross = await c.raw('/rpc/accounts.me', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
  });

  it('logs in with a cookie (HttpOnly, Secure, SameSite=Strict), never a token; calls need it; logout clears it', async () => {
    const c = host.client();
    expect((await c.rpc('people.list', {} as never)).json).toMatchObject({ ok: false, error: { code: 'LOGIN_REQUIRED' } });
    const login = await c.rpc('accounts.login', ADMIN_LOGIN);
    expect(login.json.ok).toBe(true);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; Secure; SameSite=Strict$`));
    expect(login.headers['x-grid-session']).toBeUndefined();
    expect(login.body).not.toContain(c.cookies.get(SESSION_COOKIE)!);
    expect((await c.call('accounts.me', {})).me?.displayName).toBe('王主任');
    expect((await host.local('lan.status', {})).sessions).toBeGreaterThanOrEqual(1);
    const out = await c.rpc('accounts.logout', {});
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await c.rpc('accounts.me', {})).json).toMatchObject({ ok: true, data: { me: null } });
  });

  it('limits logins per client address: after 5 failures in 5 minutes even the right password waits, told how long', async () => {
    const c = host.client();
    for (let i = 0; i < 5; i++) {
      const r = await c.rpc('accounts.login', { loginName: `nobody${i}`, password: 'wrong-password-1' });
      expect(r.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const limited = await c.rpc('accounts.login', ADMIN_LOGIN);
    expect(limited.json.ok).toBe(false);
    expect(!limited.json.ok && limited.json.error.message).toMatch(/^这台电脑登录失败次数过多（5分钟内5次），请4分\d+秒后再试$/);
    expect(c.cookies.size).toBe(0);
    // another PC (127.0.0.7: loopback too) is not held up
    expect((await host.client(undefined, '127.0.0.7').rpc('accounts.login', ADMIN_LOGIN)).json.ok).toBe(true);
    host.lan.limiter.forget('127.0.0.1'); // as 5 minutes later: the other tests log in from this address too
  });

  it('a login to one’s own account between guesses does not clear the address’s failures', async () => {
    const c = host.client();
    for (let i = 0; i < 4; i++) expect((await c.rpc('accounts.login', { loginName: 'admin', password: `guess-${i}-wrong` })).json.ok).toBe(false);
    expect((await c.rpc('accounts.login', ADMIN_LOGIN)).json.ok).toBe(true);
    expect((await c.rpc('accounts.login', { loginName: 'admin', password: 'guess-5-wrong' })).json.ok).toBe(false);
    const limited = await c.rpc('accounts.login', ADMIN_LOGIN);
    expect(!limited.json.ok && limited.json.error.message).toMatch(/^这台电脑登录失败次数过多/);
    host.lan.limiter.forget('127.0.0.1');
  });

  it('a 考核员 scores only their own units, and every audit row names the client; old rows still verify', async () => {
    const kh = host.client();
    await kh.call('accounts.login', EVALUATOR_LOGIN);
    const [p1] = host.people.own;
    const [c1] = host.criteria;
    const saved = await kh.call('assessments.saveScores', { monthId: host.monthId, evaluatorId: host.evaluatorId, cells: [{ personId: p1!, criterionId: c1!.id, value: 5000, seen: null }] });
    expect(saved).toMatchObject({ saved: 1, conflicts: [] });
    const outside = await kh.rpc('assessments.saveScores', { monthId: host.monthId, evaluatorId: host.evaluatorId, cells: [{ personId: host.people.other, criterionId: c1!.id, value: 5000 }] });
    expect(outside.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await kh.rpc('lan.status', {})).json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const rows = host.core.db.prepare("SELECT actor, client FROM audit_log WHERE entity = 'score' ORDER BY id").all();
    expect(rows).toEqual([{ actor: '李考核', client: '127.0.0.1' }]);
    // the office PC's own calls are 本机; rows made with no client (before 0220) have none
    const lanRows = host.core.db.prepare("SELECT client FROM audit_log WHERE entity = 'lan'").pluck().all();
    expect(lanRows.length).toBeGreaterThan(0);
    expect(lanRows.every((c) => c === null)).toBe(true);
    expect((await verifyAuditChain(host.core.db)).ok).toBe(true);

    // 操作日志 shows the client
    const admin = host.client();
    await admin.call('accounts.login', ADMIN_LOGIN);
    const log = await admin.call('audit.list', { entity: 'score' } as never);
    expect(JSON.stringify(log)).toContain('127.0.0.1');
  });

  it('two people on one cell: the save that did not see the other’s is not applied, and says who, when and what', async () => {
    const admin = host.client();
    await admin.call('accounts.login', ADMIN_LOGIN);
    const kh = host.client();
    await kh.call('accounts.login', EVALUATOR_LOGIN);
    const p = host.people.own[1]!;
    const crit = host.criteria[1]!;
    const cell = (value: number, seen: number | null) => ({ monthId: host.monthId, evaluatorId: host.evaluatorId, cells: [{ personId: p, criterionId: crit.id, value, seen }] });
    // both open the sheet with the cell empty; the 考核员 saves 30 first
    expect((await kh.call('assessments.saveScores', cell(3000, null))).saved).toBe(1);
    const late = await admin.call('assessments.saveScores', cell(3500, null));
    expect(late.saved).toBe(0);
    expect(late.conflicts).toEqual([
      expect.objectContaining({ personId: p, criterionId: crit.id, seen: null, mine: 3500, theirs: 3000, by: '李考核', criterionName: '安全排查' }),
    ]);
    expect(host.core.db.prepare('SELECT value FROM scores WHERE person_id = ? AND criterion_id = ?').pluck().get(p, crit.id)).toBe(3000);
    // 用我的值覆盖: sent again, now having seen 30
    expect((await admin.call('assessments.saveScores', cell(3500, 3000))).saved).toBe(1);
    expect(host.core.db.prepare('SELECT value, updated_by FROM scores WHERE person_id = ? AND criterion_id = ?').get(p, crit.id)).toEqual({ value: 3500, updated_by: '王主任' });
  });
});

describe('turning it off', () => {
  it('ends the LAN sessions and stops listening; settings persist', async () => {
    const c = host.client();
    await c.call('accounts.login', ADMIN_LOGIN);
    expect((await host.configure({ enabled: false })).ok).toBe(true);
    await expect(c.raw('/')).rejects.toThrow();
    const status = await host.local('lan.status', {});
    expect(status).toMatchObject({ running: false, sessions: 0, settings: { enabled: false, address: '127.0.0.1', port: host.port } });
    expect((await host.configure({})).ok).toBe(true);
    expect((await c.rpc('accounts.me', {})).json).toMatchObject({ ok: true, data: { me: null } });
  });
});
