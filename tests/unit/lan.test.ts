/** 局域网访问's pure rules (issue 18): addresses, ranges, the administrators' password, the login limit, the cookie, the conflict rule. */
import { describe, expect, it } from 'vitest';
import {
  addressKind,
  allowedClient,
  cidrContains,
  clientAddressText,
  lanAddressProblem,
  lanPasswordProblem,
  parseCidr,
  parseCidrList,
  parseIp,
  subnetOf,
  type Cidr,
} from '../../src/shared/domain/lan';
import { conflictMessage, isScoreConflict, type ScoreConflict } from '../../src/shared/domain/score-conflict';
import { clearedSessionCookie, readCookie, sessionCookie, SESSION_COOKIE } from '../../src/main/host/lan/cookies';
import { LoginRateLimiter, limitedMessage, waitText } from '../../src/main/host/lan/rate-limit';

const kind = (text: string) => addressKind(parseIp(text)!);

describe('address classification', () => {
  it('knows loopback, RFC 1918, link-local, ULA and public addresses, IPv4 and IPv6', () => {
    expect(kind('127.0.0.1')).toBe('loopback');
    expect(kind('127.8.9.10')).toBe('loopback');
    expect(kind('::1')).toBe('loopback');
    for (const a of ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.23']) expect(kind(a), a).toBe('private');
    for (const a of ['172.15.255.255', '172.32.0.1', '192.169.0.1', '11.0.0.1', '8.8.8.8', '192.0.2.2', '100.64.0.1']) expect(kind(a), a).toBe('public');
    expect(kind('169.254.10.20')).toBe('link-local');
    expect(kind('fe80::1')).toBe('link-local');
    expect(kind('fd12:3456:789a::1')).toBe('ula');
    expect(kind('fc00::5')).toBe('ula');
    expect(kind('2001:db8::1')).toBe('public');
    // an IPv4 client as a dual-stack socket names it
    expect(kind('::ffff:192.168.1.5')).toBe('private');
    expect(kind('::ffff:8.8.8.8')).toBe('public');
    expect(clientAddressText('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('parses addresses strictly', () => {
    expect(parseIp('192.168.1.256')).toBeNull();
    expect(parseIp('192.168.01.1')).toBeNull();
    expect(parseIp('1.2.3')).toBeNull();
    expect(parseIp('1::2::3')).toBeNull();
    expect(parseIp('fe80::1%eth0')!.bytes.slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(parseIp('2001:db8:0:0:0:0:0:1')!.bytes).toEqual(parseIp('2001:db8::1')!.bytes);
    expect(parseIp('::ffff:10.1.2.3')!.bytes.slice(12)).toEqual([10, 1, 2, 3]);
  });

  it('refuses to listen on a public address (this machine’s 192.0.2.2 among them) or on every address, in Chinese', () => {
    expect(lanAddressProblem('127.0.0.1')).toBeNull();
    expect(lanAddressProblem('192.168.1.5')).toBeNull();
    expect(lanAddressProblem('fd00::10')).toBeNull();
    expect(lanAddressProblem('192.0.2.2')).toMatch(/不是局域网地址/);
    expect(lanAddressProblem('8.8.8.8')).toMatch(/不是局域网地址/);
    expect(lanAddressProblem('0.0.0.0')).toMatch(/不能监听所有地址/);
    expect(lanAddressProblem('::')).toMatch(/不能监听所有地址/);
    expect(lanAddressProblem('网关')).toMatch(/不是有效的 IP 地址/);
  });
});

describe('CIDR ranges', () => {
  const c = (t: string) => parseCidr(t) as Cidr;
  it('matches addresses by prefix, IPv4 and IPv6, mapped IPv4 as IPv4', () => {
    expect(cidrContains(c('192.168.1.0/24'), '192.168.1.200')).toBe(true);
    expect(cidrContains(c('192.168.1.0/24'), '192.168.2.1')).toBe(false);
    expect(cidrContains(c('172.16.0.0/12'), '172.31.9.9')).toBe(true);
    expect(cidrContains(c('172.16.0.0/12'), '172.32.0.1')).toBe(false);
    expect(cidrContains(c('10.0.0.0/8'), '127.0.0.1')).toBe(false);
    expect(cidrContains(c('10.1.2.3'), '10.1.2.3')).toBe(true);
    expect(cidrContains(c('10.1.2.3'), '10.1.2.4')).toBe(false);
    expect(cidrContains(c('0.0.0.0/0'), '8.8.8.8')).toBe(true);
    expect(cidrContains(c('192.168.1.0/25'), '192.168.1.127')).toBe(true);
    expect(cidrContains(c('192.168.1.0/25'), '192.168.1.128')).toBe(false);
    expect(cidrContains(c('fd00::/8'), 'fd12::1')).toBe(true);
    expect(cidrContains(c('fd00::/8'), '192.168.1.1')).toBe(false);
    expect(cidrContains(c('127.0.0.0/8'), '::ffff:127.0.0.1')).toBe(true);
    expect(allowedClient([c('10.0.0.0/8'), c('192.168.0.0/16')], '192.168.3.4')).toBe(true);
    expect(allowedClient([c('10.0.0.0/8')], '127.0.0.1')).toBe(false);
  });

  it('reads a list, and names the first wrong item in Chinese', () => {
    const list = parseCidrList('192.168.1.0/24, 10.0.0.0/8\n172.16.0.0/12；fd00::/8') as Cidr[];
    expect(list.map((x) => x.text)).toEqual(['192.168.1.0/24', '10.0.0.0/8', '172.16.0.0/12', 'fd00::/8']);
    expect(parseCidrList('192.168.1.0/24, 192.168.1.0/33')).toBe('“192.168.1.0/33”的前缀长度应为 0 到 32');
    expect(parseCidrList('192.168.1.0/24 楼下')).toMatch(/^“楼下”不是有效的地址范围/);
    expect(parseCidrList('  ')).toBe('请至少填写一个允许访问的地址范围');
  });

  it('gives an interface’s subnet', () => {
    expect(subnetOf('192.168.1.23', 24)).toBe('192.168.1.0/24');
    expect(subnetOf('172.20.5.9', 12)).toBe('172.16.0.0/12');
    expect(subnetOf('127.0.0.1', 8)).toBe('127.0.0.0/8');
    expect(subnetOf('fd12:3456:789a:1::9', 64)).toBe('fd12:3456:789a:1::/64');
  });
});

describe('the administrators’ password for the LAN', () => {
  it('needs at least 10 characters with letters and digits, besides the general policy', () => {
    expect(lanPasswordProblem('Wangge2026x')).toBeNull();
    expect(lanPasswordProblem('mima-1234')).toBe('密码至少10位');
    expect(lanPasswordProblem('zhongjiezhan')).toBe('密码须同时含有字母和数字');
    expect(lanPasswordProblem('8302917465')).toBe('密码须同时含有字母和数字');
    expect(lanPasswordProblem('qwerty12345')).toMatch(/过于简单/);
    expect(lanPasswordProblem('wanggeadmin2026', 'wanggeadmin')).toBe('密码不能包含用户名');
  });
});

describe('the LAN login limit per client address', () => {
  it('refuses the sixth try within 5 minutes after 5 failures, with the wait in Chinese; other addresses unaffected', () => {
    let t = 1_000_000;
    const limiter = new LoginRateLimiter(() => t);
    for (let i = 0; i < 5; i++) {
      expect(limiter.waitMs('192.168.1.5')).toBe(0);
      limiter.failed('192.168.1.5');
      t += 10_000;
    }
    // the first failure was 50 s ago: 4 min 10 s to go
    expect(limiter.waitMs('192.168.1.5')).toBe(250_000);
    expect(limitedMessage(limiter.waitMs('192.168.1.5'))).toBe('这台电脑登录失败次数过多（5分钟内5次），请4分10秒后再试');
    expect(limiter.waitMs('192.168.1.6')).toBe(0);
    t += 250_000;
    expect(limiter.waitMs('192.168.1.5')).toBe(0);
    // a window slides: one more failure makes five within 5 minutes again, until the oldest of them (at 10 s) is 5 minutes old
    limiter.failed('192.168.1.5');
    expect(limiter.waitMs('192.168.1.5')).toBe(10_000);
    limiter.forget('192.168.1.5');
    for (let i = 0; i < 4; i++) limiter.failed('192.168.1.5');
    expect(limiter.waitMs('192.168.1.5')).toBe(0);
  });

  it('says the wait in minutes and seconds', () => {
    expect(waitText(45_000)).toBe('45秒');
    expect(waitText(300_000)).toBe('5分钟');
    expect(waitText(61_500)).toBe('1分2秒');
  });
});

describe('the LAN session cookie', () => {
  it('is HttpOnly, Secure, SameSite=Strict for the whole site, and is cleared the same way', () => {
    const set = sessionCookie('abc_DEF-123');
    expect(set.split('; ')).toEqual([`${SESSION_COOKIE}=abc_DEF-123`, 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']);
    expect(clearedSessionCookie().split('; ')).toEqual([`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict', 'Max-Age=0']);
  });

  it('is read from a Cookie header, and only a plain id is taken', () => {
    expect(readCookie(`a=1; ${SESSION_COOKIE}=xyz-9_Q; b=2`, SESSION_COOKIE)).toBe('xyz-9_Q');
    expect(readCookie('a=1', SESSION_COOKIE)).toBeNull();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeNull();
    expect(readCookie(`${SESSION_COOKIE}=<script>`, SESSION_COOKIE)).toBeNull();
  });
});

describe('two people on one cell', () => {
  it('a save that did not see the stored value is a conflict, unless it asks for what is stored', () => {
    const cell = (value: number | null, note = '') => ({ value, note });
    expect(isScoreConflict(undefined, cell(9000), cell(8000))).toBe(false); // says nothing of what it saw (the 考核表 import)
    expect(isScoreConflict({ value: 7000 }, cell(7000), cell(8000))).toBe(false); // saw what is stored
    expect(isScoreConflict({ value: null }, cell(null), cell(8000))).toBe(false); // saw it empty, still empty
    expect(isScoreConflict({ value: 7000 }, cell(9000), cell(8000))).toBe(true); // someone made it 90 meanwhile
    expect(isScoreConflict({ value: null }, cell(9000), cell(8000))).toBe(true); // someone filled it meanwhile
    expect(isScoreConflict({ value: 7000 }, cell(null), cell(8000))).toBe(true); // someone cleared it meanwhile
    expect(isScoreConflict({ value: 7000 }, cell(8000), cell(8000))).toBe(false); // someone already made it what I want
    // a count's note: changed by someone else since it was seen, it is a conflict even where the value is the same
    expect(isScoreConflict({ value: 2, note: '' }, cell(2, '迟到两次'), cell(3, ''))).toBe(true);
    expect(isScoreConflict({ value: 2, note: '' }, cell(2, '迟到两次'), cell(2, '旷工'))).toBe(true);
    expect(isScoreConflict({ value: 2, note: '迟到两次' }, cell(2, '迟到两次'), cell(3, '迟到三次'))).toBe(false);
    expect(isScoreConflict({ value: 2, note: '' }, cell(2, '旷工'), cell(2, '旷工'))).toBe(false); // already what I want
    expect(isScoreConflict({ value: 2 }, cell(2, '迟到两次'), cell(3, ''))).toBe(false); // did not say which note it saw
  });

  it('tells who changed it, when and to what, in Chinese', () => {
    const c: ScoreConflict = {
      personId: 1,
      criterionId: 2,
      personName: '张三',
      criterionName: '人口信息',
      criterionKind: 'score',
      seen: 7000,
      mine: 8000,
      theirs: 9050,
      theirNote: '',
      by: '李考核',
      at: '2026-11-23T02:05:00.000Z',
    };
    expect(conflictMessage(c)).toBe('张三·人口信息：李考核 于 2026-11-23 10:05 改为 90.5（您看到的是 70，您要填 80）');
    expect(conflictMessage({ ...c, criterionKind: 'deduction', seen: null, mine: 1, theirs: null, by: null, at: null })).toBe(
      '张三·人口信息：其他人 清空了（您看到的是 空，您要填 1次）',
    );
    expect(conflictMessage({ ...c, criterionKind: 'deduction', seen: 2, mine: 3, theirs: 2, seenNote: '', theirNote: '迟到两次' })).toBe(
      '张三·人口信息：李考核 于 2026-11-23 10:05 改了说明（现为“迟到两次”）（您看到的是 2次，您要填 3次）',
    );
  });
});
