/**
 * The office LAN's rules (issue 18), pure: which addresses the LAN listener may bind to (never a public one), which
 * clients an allowed range (a CIDR list) lets in, and the password an administrator needs before the LAN is opened.
 * The host applies them; 系统's 局域网访问 card shows them in the same words.
 */
import { passwordProblem } from './password';

/** What the audit log names as the client of the office PC's own calls (the loopback host, the Electron window). */
export const LOCAL_CLIENT = '本机';

export type AddressKind = 'loopback' | 'private' | 'link-local' | 'ula' | 'public';

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export interface IpBytes {
  family: 4 | 6;
  bytes: number[];
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : null;
}

function parseIpv6(text: string): number[] | null {
  let t = text;
  const lastColon = t.lastIndexOf(':');
  if (t.slice(lastColon + 1).includes('.')) {
    // a dotted IPv4 tail (::ffff:192.168.1.5) stands for the last two groups
    const v4 = parseIpv4(t.slice(lastColon + 1));
    if (!v4) return null;
    t = `${t.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return bytes;
}

/** An IPv4 or IPv6 address (without a zone or brackets), or null when it is not one. */
export function parseIp(text: string): IpBytes | null {
  const t = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (t.includes(':')) {
    const b = parseIpv6(t);
    return b && b.length === 16 ? { family: 6, bytes: b } : null;
  }
  const b = parseIpv4(t);
  return b ? { family: 4, bytes: b } : null;
}

/** An IPv4 address written as IPv6 (::ffff:a.b.c.d, as Node names IPv4 clients of a dual-stack socket) as IPv4. */
export function unmapped(ip: IpBytes): IpBytes {
  if (ip.family === 6 && ip.bytes.slice(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff) {
    return { family: 4, bytes: ip.bytes.slice(12) };
  }
  return ip;
}

/** The address's text as a client is shown (IPv4-mapped IPv6 as IPv4), or the text itself when it is not an address. */
export function clientAddressText(text: string): string {
  const ip = parseIp(text);
  if (!ip) return text;
  const u = unmapped(ip);
  return u.family === 4 ? u.bytes.join('.') : text.replace(/%.*$/, '');
}

/** Which kind of address: loopback, private (RFC 1918), link-local, IPv6 ULA (fc00::/7), or public (all the rest). */
export function addressKind(ip: IpBytes): AddressKind {
  const u = unmapped(ip);
  const b = u.bytes;
  if (u.family === 4) {
    if (b[0] === 127) return 'loopback';
    if (b[0] === 10 || (b[0] === 172 && b[1]! >= 16 && b[1]! <= 31) || (b[0] === 192 && b[1] === 168)) return 'private';
    if (b[0] === 169 && b[1] === 254) return 'link-local';
    return 'public';
  }
  if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return 'loopback';
  if ((b[0]! & 0xfe) === 0xfc) return 'ula';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local';
  return 'public';
}

/** Why the LAN may not listen on this address (Chinese), or null when it may: only this office's own network. */
export function lanAddressProblem(text: string): string | null {
  const ip = parseIp(text);
  if (!ip) return `“${text}”不是有效的 IP 地址`;
  if (ip.bytes.every((b) => b === 0)) return '不能监听所有地址（0.0.0.0 或 ::），请选择本机的一个局域网地址';
  if (addressKind(ip) === 'public') {
    return `“${text}”不是局域网地址，不能在其上开放访问（只允许本机回环、10.x、172.16–31.x、192.168.x、169.254.x 和 IPv6 的 fc00::/7、fe80::/10 地址）`;
  }
  return null;
}

export interface Cidr {
  text: string;
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

/** One range 'address/prefix' (a bare address is its own /32 or /128), or the Chinese reason it is not one. */
export function parseCidr(text: string): Cidr | string {
  const t = text.trim();
  const [addr, prefixText, ...rest] = t.split('/');
  const ip = parseIp(addr ?? '');
  if (!ip || rest.length > 0) return `“${t}”不是有效的地址范围（应写作 192.168.1.0/24 这样的形式）`;
  const u = unmapped(ip);
  const max = u.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return `“${t}”的前缀长度应为 0 到 ${max}`;
  return { text: `${clientAddressText(addr!)}/${prefix}`, family: u.family, bytes: u.bytes, prefix };
}

/** A list of ranges, separated by commas, spaces or new lines: the ranges, or the reason naming the first wrong one. */
export function parseCidrList(text: string): Cidr[] | string {
  const items = text.split(/[\s,，;；]+/).filter((s) => s !== '');
  if (items.length === 0) return '请至少填写一个允许访问的地址范围';
  const out: Cidr[] = [];
  for (const item of items) {
    const c = parseCidr(item);
    if (typeof c === 'string') return c;
    out.push(c);
  }
  return out;
}

/** Whether the range holds the address (IPv4-mapped IPv6 counts as IPv4). */
export function cidrContains(cidr: Cidr, address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  const u = unmapped(ip);
  if (u.family !== cidr.family) return false;
  let bits = cidr.prefix;
  for (let i = 0; i < u.bytes.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((u.bytes[i]! & mask) !== (cidr.bytes[i]! & mask)) return false;
  }
  return true;
}

/** Whether any range of the list holds the address. */
export function allowedClient(ranges: readonly Cidr[], address: string): boolean {
  return ranges.some((c) => cidrContains(c, address));
}

/** The network an interface is on, as a range ('192.168.1.0/24' for 192.168.1.23 with a /24 mask). */
export function subnetOf(address: string, prefix: number): string {
  const ip = parseIp(address);
  if (!ip) return address;
  const u = unmapped(ip);
  let bits = prefix;
  const bytes = u.bytes.map((b) => {
    const mask = bits >= 8 ? 0xff : bits <= 0 ? 0 : (0xff << (8 - bits)) & 0xff;
    bits -= 8;
    return b & mask;
  });
  if (u.family === 4) return `${bytes.join('.')}/${prefix}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${prefix}`;
}

// ---- the administrators' passwords ----

export const LAN_MIN_PASSWORD_LENGTH = 10;

/** The LAN rule in one line, shown where passwords are set and on the 局域网访问 card. */
export const LAN_PASSWORD_HINT = `开启局域网访问时，管理员密码须至少${LAN_MIN_PASSWORD_LENGTH}位，且同时含有字母和数字`;

/** Why a password is too weak to have the LAN opened with it (Chinese), or null when it is strong enough. */
export function lanPasswordProblem(password: string, loginName = ''): string | null {
  const general = passwordProblem(password, loginName);
  if (general) return general;
  if (password.length < LAN_MIN_PASSWORD_LENGTH) return `密码至少${LAN_MIN_PASSWORD_LENGTH}位`;
  if (!/[a-z]/i.test(password) || !/\d/.test(password)) return '密码须同时含有字母和数字';
  return null;
}

/** A valid port for the LAN listener. */
export function lanPortProblem(port: number): string | null {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : '端口应为 1 到 65535 的整数';
}
