/**
 * 上报包: the format's canonical bytes, the street's key (made at first start, kept in its file), signing and
 * verification, and the export of a finalised period: names and masked ID numbers only, audited.
 */
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson, groupFingerprint, packageBody, packageFile } from '../../src/shared/district/format';
import { fingerprintOf, verifyBytes } from '../../src/main/core/district/key';
import { loadDistrict } from '../../src/main/core/demo/district';
import { openTestCore } from './helpers';

function readPackage(base64: string) {
  const file = packageFile.parse(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')));
  return { file, body: packageBody.parse(file.body) };
}

describe('canonical JSON', () => {
  it('sorts keys at every depth, has no spaces, keeps array order and writes each value one way', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: '中' }], e: true })).toBe('{"a":[3,{"c":"中","d":null}],"b":1,"e":true}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: undefined, b: 0 })).toBe('{"b":0}');
  });

  it('refuses what has two spellings or none: fractions, NaN, big numbers, functions', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(/integers only/);
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(2 ** 60)).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });

  it('groups a fingerprint in fours', () => {
    expect(groupFingerprint('ABCDEF0123456789')).toBe('abcd ef01 2345 6789');
  });
});

describe('the street key and 导出上报包', () => {
  it('a key made at first start, kept across reopening; a finalised year exported, signed, masked and audited', async () => {
    const t = await openTestCore();
    const first = await t.call('district.identity', {});
    expect(first.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(first.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(fingerprintOf(first.publicKeyPem)).toBe(first.fingerprint);
    const again = await openTestCore({ dataDir: t.dataDir });
    expect((await again.call('district.identity', {})).fingerprint).toBe(first.fingerprint);
    again.core.close();

    loadDistrict(t.core, { years: 2, people: 60, streets: 1, seed: 7 });
    const periods = await t.call('periods.list', {});
    const year = periods.find((p) => p.status === 'finalised' && /^\d{4}$/.test(p.period))!;
    const open = periods.find((p) => p.status === 'open');
    const exported = await t.call('district.exportPackage', { periodId: year.id });
    expect(exported.fileName).toMatch(new RegExp(`^上报包-.+-${year.period}-\\d{8}-\\d{6}\\.json$`));
    const { file, body } = readPackage(exported.base64);
    expect(body.street.fingerprint).toBe(first.fingerprint);
    expect(verifyBytes(first.publicKeyPem, canonicalBytes(body), file.signature)).toBe(true);
    // one changed number breaks the signature
    const tampered = structuredClone(body);
    tampered.results[0]!.total = (tampered.results[0]!.total ?? 0) + 100;
    expect(verifyBytes(first.publicKeyPem, canonicalBytes(tampered), file.signature)).toBe(false);

    // the year's twelve finalised months, every member's sealed total as the street has it
    expect(body.months.map((m) => m.period)).toEqual(Array.from({ length: 12 }, (_, i) => `${year.period}-${String(i + 1).padStart(2, '0')}`));
    const db = t.core.db;
    const sealed = db
      .prepare("SELECT sum(r.total) FROM month_results r JOIN assessment_months m ON m.id = r.month_id JOIN month_members mm ON mm.month_id = r.month_id AND mm.person_id = r.person_id WHERE m.period LIKE ? AND m.scheme_id = (SELECT month_scheme_id FROM period_scheme_versions v JOIN period_assessments a ON a.version_id = v.id WHERE a.id = ?) AND mm.exempt_reason = ''")
      .pluck()
      .get(`${year.period}-%`, year.id) as number;
    expect(body.months.flatMap((m) => m.rows).reduce((s, r) => s + (r.total ?? 0), 0)).toBe(sealed);
    const view = await t.call('periods.view', { periodId: year.id, unitId: null });
    expect(body.results).toHaveLength(view.rows.length);
    expect(body.results.filter((r) => r.grade === '优秀')).toHaveLength(view.counts.优秀);
    expect(body.criteria.length).toBeGreaterThan(0);
    expect(body.evaluators.length).toBeGreaterThan(0);

    // names and masked ID numbers only: no whole ID number, no mobile, no birth date anywhere in the file
    const text = Buffer.from(exported.base64, 'base64').toString('utf8');
    for (const p of db.prepare('SELECT id_number, mobile FROM people').all() as { id_number: string; mobile: string }[]) {
      expect(text).not.toContain(p.id_number);
      if (p.mobile) expect(text).not.toContain(p.mobile);
    }
    expect(body.people.every((p) => /^\d{6}\*{8}[\dX]{4}$/.test(p.idNumber))).toBe(true);
    expect(Object.keys(body.people[0]!).sort()).toEqual(['community', 'idNumber', 'name', 'ref']);

    const entry = db.prepare("SELECT action, entity, entity_id, new_value FROM audit_log WHERE action = 'export-package'").get() as { entity: string; entity_id: number; new_value: string };
    expect(entry).toMatchObject({ entity: 'period_assessment', entity_id: year.id });
    expect(JSON.parse(entry.new_value)).toMatchObject({ fileName: exported.fileName, fingerprint: first.fingerprint });

    // an open period is refused in Chinese, naming the field
    if (open) expect(await t.callError('district.exportPackage', { periodId: open.id })).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'periodId', message: expect.stringMatching(/尚未归档/) }] });
  });

  it('a 考核员 may neither read the key nor export', async () => {
    const t = await openTestCore();
    const evaluator = { name: '考核员', role: 'evaluator' as const };
    expect(await t.callError('district.identity', {}, evaluator)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
