/** Password hashes: scrypt with a random salt per account, compared in constant time. The hash names its parameters. */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** OWASP's minimum for scrypt (2^17, r 8, p 1): about 0.2 s a login here; stored hashes name their own parameters. */
const N = 131072;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** 'scrypt$N$r$p$salt$hash', salt and hash in base64. */
export function hashPassword(password: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { N, r: R, p: P, maxmem: 256 * N * R });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = scryptSync(password.normalize('NFC'), salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + (1 << 20) });
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: checked against when the login name is unknown, so both take as long. */
export const DUMMY_HASH = hashPassword(randomBytes(18).toString('base64'));
