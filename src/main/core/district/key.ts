/**
 * The street's identity: an Ed25519 key pair made at first start and kept in the street's own file (settings), so a
 * backup or a restore keeps it. Its fingerprint (SHA-256 of the raw public key, grouped hex) is what the district
 * registers; the public key travels as PEM.
 */
import type { Database } from 'better-sqlite3';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { groupFingerprint } from '../../../shared/district/format';

const PRIVATE_KEY = 'district.signingKey';
const PUBLIC_KEY = 'district.publicKey';

export interface StreetKey {
  publicKeyPem: string;
  fingerprint: string;
}

/** Makes the key pair when the file has none (at open, and after a restore of a file from before keys). */
export function ensureStreetKey(db: Database): void {
  if (db.prepare('SELECT 1 FROM settings WHERE key = ?').get(PRIVATE_KEY)) return;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const insert = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    insert.run(PRIVATE_KEY, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    insert.run(PUBLIC_KEY, publicKey.export({ format: 'pem', type: 'spki' }) as string);
  })();
}

/** The raw 32 bytes of an Ed25519 public key. */
function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
}

/** The public key read from PEM, refused unless it is an Ed25519 key. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Error('不是有效的公钥（应为 PEM 格式的 Ed25519 公钥）');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('公钥应为 Ed25519 公钥');
  return key;
}

export function fingerprintOf(publicKeyPem: string): string {
  return groupFingerprint(createHash('sha256').update(rawPublicKey(parsePublicKey(publicKeyPem))).digest('hex'));
}

export function readStreetKey(db: Database): StreetKey {
  const pem = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PUBLIC_KEY) as string | undefined;
  if (!pem) throw new Error('the street key is made at open; none found');
  return { publicKeyPem: pem, fingerprint: fingerprintOf(pem) };
}

export function signBytes(db: Database, bytes: Uint8Array): string {
  const pem = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PRIVATE_KEY) as string;
  return sign(null, bytes, createPrivateKey(pem)).toString('base64');
}

/** Whether `signature` (base64) is the holder of `publicKeyPem`'s over `bytes`. */
export function verifyBytes(publicKeyPem: string, bytes: Uint8Array, signature: string): boolean {
  try {
    return verify(null, bytes, parsePublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
