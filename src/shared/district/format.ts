/**
 * 上报包 (a street's report to its district), format version 1: what a street sends for one finalised period, with
 * names and masked ID numbers only. The file is JSON: { format, version, signature, body }, where `signature` is the
 * street's Ed25519 signature (base64) over `canonicalBytes(body)`: the body as JSON with its keys sorted, no spaces,
 * UTF-8. Every number in it is an integer (scores in hundredths), so the canonical form has one spelling.
 *
 * Pure: the street's core builds and signs it (core/district/), the district server verifies and stores it
 * (main/district/), and the tests read it.
 */
import { z } from 'zod';
import { GRADES } from '../domain/scoring';

export const PACKAGE_FORMAT = 'grid-appraisal.district-package';
export const PACKAGE_VERSION = 1;

const int = z.number().int();
const hundredths = int;
const grade = z.enum(GRADES).nullable();
const text = (max: number) => z.string().max(max);
// as maskIdNumber leaves it: the first six and the last four, the birth date starred (a short or absent number all stars)
const maskedId = z.string().max(18).regex(/^(?:\*{0,10}|[\dXx]{6}\*{5,8}[\dXx]{4})$/, '身份证号应已遮蔽');

/** One person of the street, by the package's own reference (the street's person id), name and masked ID number. */
const person = z.object({ ref: int.positive(), name: text(40), idNumber: maskedId, community: text(60) }).strict();

const monthRow = z
  .object({ person: int.positive(), community: text(60), role: text(20), exempt: z.boolean(), total: hundredths.nullable(), grade, veto: z.boolean(), rankInUnit: int.nullable() })
  .strict();

const month = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), scheme: text(60), fullScore: hundredths, rows: z.array(monthRow) }).strict();

const periodRow = z
  .object({
    person: int.positive(),
    community: text(60),
    total: hundredths.nullable(),
    grade,
    status: z.enum(['graded', 'undetermined']),
    rankInStreet: int.nullable(),
    rankInCommunity: int.nullable(),
  })
  .strict();

/** 分析's counts behind the district's views: per community and criterion, the mean share of the maximum a sheet keeps. */
const criterionCell = z.object({ category: text(60), criterion: text(60), community: text(60), share: int, sheets: int.nonnegative() }).strict();

const evaluator = z
  .object({ name: text(40), group: text(40), workers: int.nonnegative(), mean: hundredths.nullable(), shared: int.nonnegative(), leniency: hundredths.nullable(), lenient: z.boolean(), harsh: z.boolean(), flat: z.boolean() })
  .strict();

const star = z.object({ period: z.string().regex(/^\d{4}(-H[12]|-Q[1-4])?$/), person: int.positive(), stars: int.min(1).max(5) }).strict();

const award = z.object({ batch: text(60), level: text(10), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), people: z.array(int.positive()) }).strict();

export const packageBody = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    version: z.literal(PACKAGE_VERSION),
    street: z.object({ name: text(60).min(1), fingerprint: z.string().regex(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/) }).strict(),
    /** When the street made it: a later package for the same period replaces an earlier one. */
    exportedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
    period: z.object({ key: z.string().regex(/^\d{4}(-H[12]|-Q[1-4])?$/), label: text(60), scheme: text(60), finalisedAt: z.string().nullable() }).strict(),
    people: z.array(person),
    months: z.array(month),
    results: z.array(periodRow),
    criteria: z.array(criterionCell),
    evaluators: z.array(evaluator),
    stars: z.array(star),
    awards: z.array(award),
  })
  .strict();

export type PackageBody = z.infer<typeof packageBody>;

export const packageFile = z.object({ format: z.literal(PACKAGE_FORMAT), version: z.literal(PACKAGE_VERSION), signature: z.string().regex(/^[A-Za-z0-9+/]+=*$/), body: z.unknown() }).strict();
export type PackageFile = { format: typeof PACKAGE_FORMAT; version: typeof PACKAGE_VERSION; signature: string; body: PackageBody };

/** The one spelling of a JSON value: keys sorted by code unit, no whitespace; only integers, strings, booleans, null. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON holds integers only, not ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON cannot hold a ${typeof value}`);
}

/** The bytes the signature covers. */
export function canonicalBytes(body: PackageBody): Uint8Array {
  return new TextEncoder().encode(canonicalJson(body));
}

/** A SHA-256 in hex as people compare it: sixteen groups of four ('3f2a 9c01 …'). */
export function groupFingerprint(hex: string): string {
  return (hex.toLowerCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** The package's file name: 上报包-街道-期间-时间.json, the time as on the office's clock (Asia/Shanghai, UTC+8). */
export function packageFileName(body: Pick<PackageBody, 'street' | 'period' | 'exportedAt'>): string {
  const local = new Date(Date.parse(body.exportedAt) + 8 * 3600_000).toISOString();
  const stamp = local.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `上报包-${body.street.name}-${body.period.key}-${stamp}.json`;
}
