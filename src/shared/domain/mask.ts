/**
 * Masking a person's ID number (身份证号) and mobile (手机号) for the roles that need to find people but not to know
 * those numbers: a 考核员 and a 文书 see '440306********1064' and '138****5678'; a 管理员 (and the built-in actor while no
 * account exists) sees them whole. Pure: one rule for the core (every read that returns them) and the page.
 */
/** The numbers are shown whole only to a 管理员. */
export function seesFullIdentity(role: 'admin' | 'evaluator' | 'secretary'): boolean {
  return role === 'admin';
}

/** '440306199005151064' → '440306********1064': the region and the last four kept, the birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** '13812345678' → '138****5678': the carrier prefix and the last four kept. */
export function maskMobile(mobile: string): string {
  if (mobile === '') return '';
  if (mobile.length <= 7) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}

/** The fields masked wherever they appear (a person row, an audit entry's old and new values). */
const MASKERS: Record<string, (v: string) => string> = { idNumber: maskIdNumber, mobile: maskMobile };

/** A copy of `value` with every idNumber and mobile inside it (at any depth) masked; other values untouched. */
export function maskPersonalValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => maskPersonalValues(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const mask = MASKERS[key];
    out[key] = mask && typeof v === 'string' ? mask(v) : maskPersonalValues(v);
  }
  return out as T;
}

/** A person (or anything carrying their numbers) as `role` may see it. */
export function personAsSeenBy<T>(role: 'admin' | 'evaluator' | 'secretary', value: T): T {
  return seesFullIdentity(role) ? value : maskPersonalValues(value);
}

/** What a masked value still shows, to search by: '440306********1064' → { head: '440306', tail: '1064' }; null if not one. */
export function maskedParts(text: string): { head: string; tail: string } | null {
  const m = /^(\d{3,6})\*{4,8}(\d{3}[\dXx]|\d{4})$/.exec(text.trim());
  return m ? { head: m[1]!, tail: m[2]!.toUpperCase() } : null;
}
