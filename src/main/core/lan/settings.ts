/** 局域网访问's settings, one key each in the `settings` table (absent keys take their defaults), and its refusals. */
import type { Database } from 'better-sqlite3';
import { DEFAULT_LAN_SETTINGS, LAN_CERT_KINDS, type LanCertKind, type LanSettings } from '../../../shared/contract/lan';
import { LAN_PASSWORD_HINT, parseCidrList } from '../../../shared/domain/lan';
import { AppError } from '../../../shared/errors';
import type { LanControl, LanStartRequest } from './control';

const KEYS: Record<keyof LanSettings, string> = {
  enabled: 'lan.enabled',
  address: 'lan.address',
  port: 'lan.port',
  allowed: 'lan.allowed',
  cert: 'lan.cert',
  certPath: 'lan.cert_path',
  keyPath: 'lan.key_path',
};

export function readLanSettings(db: Database): LanSettings {
  const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'lan.%'").all() as { key: string; value: string }[];
  const get = (k: keyof LanSettings) => rows.find((r) => r.key === KEYS[k])?.value;
  const port = Number(get('port'));
  const cert = get('cert');
  return {
    enabled: get('enabled') === '1',
    address: get('address') ?? DEFAULT_LAN_SETTINGS.address,
    port: Number.isInteger(port) && port >= 1 && port <= 65535 ? port : DEFAULT_LAN_SETTINGS.port,
    allowed: get('allowed') ?? DEFAULT_LAN_SETTINGS.allowed,
    cert: LAN_CERT_KINDS.includes(cert as LanCertKind) ? (cert as LanCertKind) : DEFAULT_LAN_SETTINGS.cert,
    certPath: get('certPath') ?? '',
    keyPath: get('keyPath') ?? '',
  };
}

export function writeLanSettings(db: Database, s: LanSettings): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const k of Object.keys(KEYS) as (keyof LanSettings)[]) {
    const v = s[k];
    upsert.run(KEYS[k], typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
}

/**
 * Why the LAN may not be opened as the accounts stand (Chinese sentences; none when it may): a 管理员 must exist, and
 * every active 管理员's password must meet the LAN rule (known when it was last set or typed: migration 0220).
 */
export function accountRefusals(db: Database): string[] {
  const admins = db
    .prepare("SELECT login_name AS loginName, display_name AS displayName, password_lan_ok AS ok FROM accounts WHERE role = 'admin' AND active = 1 ORDER BY id")
    .all() as { loginName: string; displayName: string; ok: number }[];
  if (admins.length === 0) return ['尚未建立管理员账号：局域网访问需要登录，请先在“系统 → 账号管理”中建立管理员账号'];
  return admins
    .filter((a) => a.ok !== 1)
    .map((a) => `管理员“${a.displayName}”（${a.loginName}）的密码不够强或尚未确认：${LAN_PASSWORD_HINT}。请重设该账号的密码，或用该账号重新登录一次`);
}

/** What the listener is started with: the ranges (the list, else the subnet of the chosen address) checked again. */
export function lanStartRequest(control: LanControl, s: LanSettings): LanStartRequest {
  const iface = control.interfaces().find((i) => i.address === s.address);
  if (!iface) throw AppError.field('address', `本机没有地址“${s.address}”，请从列表中选择本机的局域网地址`);
  const ranges = parseCidrList(s.allowed === '' ? iface.subnet : s.allowed);
  if (typeof ranges === 'string') throw AppError.field('allowed', ranges);
  return { address: s.address, port: s.port, ranges, cert: s.cert, certPath: s.certPath, keyPath: s.keyPath };
}

/**
 * At start: the listener comes back on if it was on, and the rules still hold; otherwise it stays off and the reason
 * is returned (for the console).
 */
export async function resumeLan(db: Database, control: LanControl): Promise<{ started: boolean; problem: string | null }> {
  const s = readLanSettings(db);
  if (!s.enabled) return { started: false, problem: null };
  const refusals = accountRefusals(db);
  if (refusals.length > 0) return { started: false, problem: `局域网访问未开启：${refusals.join('；')}` };
  try {
    await control.start(lanStartRequest(control, s));
    return { started: true, problem: null };
  } catch (e) {
    return { started: false, problem: `局域网访问未开启：${(e as Error).message}` };
  }
}
