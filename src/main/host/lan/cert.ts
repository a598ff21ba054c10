/**
 * The LAN listener's certificate: one made at first use (self-signed, kept in the data folder's lan/, made again when
 * the chosen address is not among its names), or the office's own (PEM certificate and key). Keys come from
 * node:crypto; node-forge only writes and signs the X.509 structure (node:crypto cannot). Each client checks the
 * SHA-256 fingerprint shown on 系统 and printed on the console.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { parseIp } from '../../../shared/domain/lan';
import { AppError } from '../../../shared/errors';

export interface LanCertificate {
  cert: string;
  key: string;
  /** SHA-256, as 'AB:CD:…' (what browsers show). */
  fingerprint: string;
}

const VALID_DAYS = 3650;

/** The names a certificate is for ('IP Address:192.168.1.5, DNS:localhost'), as node:crypto reads them. */
function namesOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '').split(',').map((s) => s.trim().replace(/^(IP Address|DNS):/, ''));
}

/** A new self-signed certificate for these addresses (and localhost), valid ten years. */
export function makeSelfSigned(addresses: readonly string[], now = new Date()): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const c = forge.pki.createCertificate();
  c.publicKey = forge.pki.publicKeyFromPem(publicKey);
  c.serialNumber = `01${randomBytes(15).toString('hex')}`; // positive, random
  c.validity.notBefore = new Date(now.getTime() - 60_000);
  c.validity.notAfter = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  const name = [
    { shortName: 'CN', value: 'Grid Appraisal LAN' },
    { shortName: 'O', value: 'grid-appraisal' },
  ];
  c.setSubject(name);
  c.setIssuer(name);
  const ips = [...new Set(addresses)].filter((a) => parseIp(a) !== null);
  c.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...ips.map((ip) => ({ type: 7, ip })), { type: 2, value: 'localhost' }] },
  ]);
  c.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(c), key: privateKey };
}

/** The certificate made at first use, kept in `dir`; made again when it does not name `address` or has expired. */
export function generatedCertificate(dir: string, address: string, otherAddresses: readonly string[], now = new Date()): LanCertificate {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    try {
      const cert = readFileSync(certFile, 'utf8');
      const key = readFileSync(keyFile, 'utf8');
      const x = new X509Certificate(cert);
      if (namesOf(x).includes(address) && Date.parse(x.validTo) > now.getTime() && x.checkPrivateKey(createPrivateKey(key))) {
        return { cert, key, fingerprint: x.fingerprint256 };
      }
    } catch {
      // unreadable: made again below
    }
  }
  mkdirSync(dir, { recursive: true });
  const made = makeSelfSigned([address, ...otherAddresses], now);
  writeFileSync(keyFile, made.key, { mode: 0o600 });
  writeFileSync(certFile, made.cert);
  return { ...made, fingerprint: new X509Certificate(made.cert).fingerprint256 };
}

/** The office's certificate and key (PEM), checked: readable, matching, in date. Chinese refusals name the field. */
export function suppliedCertificate(certPath: string, keyPath: string, now = new Date()): LanCertificate {
  const read = (path: string, field: string, what: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw AppError.field(field, `无法读取${what}：${path}`);
    }
  };
  const cert = read(certPath, 'certPath', '证书文件');
  const key = read(keyPath, 'keyPath', '私钥文件');
  let x: X509Certificate;
  try {
    x = new X509Certificate(cert);
  } catch {
    throw AppError.field('certPath', '证书文件不是有效的 PEM 格式证书');
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw AppError.field('keyPath', '私钥文件不是有效的 PEM 格式私钥（不支持设有密码的私钥）');
  }
  if (!x.checkPrivateKey(privateKey)) throw AppError.field('keyPath', '私钥与证书不匹配');
  if (Date.parse(x.validTo) <= now.getTime()) throw AppError.field('certPath', `证书已过期（有效期至 ${x.validTo}）`);
  return { cert, key, fingerprint: x.fingerprint256 };
}
