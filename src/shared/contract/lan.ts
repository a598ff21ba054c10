/**
 * 局域网访问 (issue 18): the office PC opens the app to the evaluators' browsers on the office network, over HTTPS,
 * with a login each. The settings are kept in the store; the listener itself belongs to the web host.
 */
import { z } from 'zod';
import { LAN_MIN_PASSWORD_LENGTH, lanAddressProblem, lanPortProblem, parseCidrList } from '../domain/lan';
import { call, emptyInput, returns } from './define';

export const LAN_CERT_KINDS = ['generated', 'supplied'] as const;
export type LanCertKind = (typeof LAN_CERT_KINDS)[number];
export const LAN_CERT_LABELS: Record<LanCertKind, string> = { generated: '生成的证书', supplied: '使用单位提供的证书' };

export const DEFAULT_LAN_PORT = 5443;

export interface LanSettings {
  enabled: boolean;
  /** The one address listened on: one of the machine's own private addresses. */
  address: string;
  port: number;
  /** The clients let in, as CIDR ranges ('' means the subnet of the chosen address). */
  allowed: string;
  cert: LanCertKind;
  /** The office's PEM certificate and key, for cert 'supplied'. */
  certPath: string;
  keyPath: string;
}

export const DEFAULT_LAN_SETTINGS: LanSettings = { enabled: false, address: '', port: DEFAULT_LAN_PORT, allowed: '', cert: 'generated', certPath: '', keyPath: '' };

/** One of the machine's network addresses the LAN may listen on (public ones are never offered). */
export interface LanInterface {
  name: string;
  address: string;
  family: 4 | 6;
  /** Its network, the default allowed range. */
  subnet: string;
}

export interface LanStatus {
  /** Whether this program can open the LAN (the web host can; the desktop window points to `npm run serve -- --lan`). */
  available: boolean;
  settings: LanSettings;
  running: boolean;
  /** The addresses to open on the clients. */
  urls: string[];
  /** The certificate's SHA-256 fingerprint, to check on each client. */
  fingerprint: string | null;
  /** Logged-in LAN sessions now. */
  sessions: number;
  interfaces: LanInterface[];
  /** The ranges in force (the allowed list, or the chosen address's subnet). */
  allowedRanges: string[];
  /** Why it cannot be on now (accounts), and why the last start failed: each a Chinese sentence. */
  refusals: string[];
}

export const lanSettingsInput = z
  .object({
    enabled: z.boolean(),
    address: z.string().trim().max(64, '地址过长'),
    port: z.number({ error: '请填写端口' }).int('端口应为整数'),
    allowed: z.string().trim().max(2000, '允许访问的地址范围过长'),
    cert: z.enum(LAN_CERT_KINDS, { error: '请选择证书' }),
    certPath: z.string().trim().max(1000, '路径过长'),
    keyPath: z.string().trim().max(1000, '路径过长'),
  })
  .superRefine((s, ctx) => {
    const portProblem = lanPortProblem(s.port);
    if (portProblem) ctx.addIssue({ code: 'custom', path: ['port'], message: portProblem });
    if (!s.enabled) return;
    if (s.address === '') ctx.addIssue({ code: 'custom', path: ['address'], message: '请选择监听的地址' });
    else {
      const problem = lanAddressProblem(s.address);
      if (problem) ctx.addIssue({ code: 'custom', path: ['address'], message: problem });
    }
    if (s.allowed !== '') {
      const ranges = parseCidrList(s.allowed);
      if (typeof ranges === 'string') ctx.addIssue({ code: 'custom', path: ['allowed'], message: ranges });
    }
    if (s.cert === 'supplied') {
      if (s.certPath === '') ctx.addIssue({ code: 'custom', path: ['certPath'], message: '请填写证书文件（PEM）的路径' });
      if (s.keyPath === '') ctx.addIssue({ code: 'custom', path: ['keyPath'], message: '请填写私钥文件（PEM）的路径' });
    }
  });
export type LanSettingsInput = z.input<typeof lanSettingsInput>;

export { LAN_MIN_PASSWORD_LENGTH };

export const lanContract = {
  'lan.status': call({ input: emptyInput, output: returns<LanStatus>(), tx: 'read', roles: ['admin'] }),
  /** Saves the settings and turns the listener on or off; refused (and nothing saved) when it cannot be turned on. */
  'lan.configure': call({ input: lanSettingsInput, output: returns<LanStatus>(), tx: 'none', roles: ['admin'] }),
};
