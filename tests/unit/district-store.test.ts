/**
 * The district server's store against a real PostgreSQL (a private cluster started here): three streets' packages
 * imported and the district's 分析 checked against numbers computed from the street files themselves; a tampered, an
 * unknown street's, a duplicate and an older package refused in Chinese with nothing written; a newer one replacing
 * the current in one transaction with both kept; the migrations from N−1 to N with data in place.
 */
import ExcelJS from 'exceljs';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../../scripts/postgres.mjs';
import { PG_MIGRATIONS } from '../../src/main/district/migrations';
import { LATEST_PG_VERSION, migrateDistrict } from '../../src/main/district/migrate';
import { districtWorkbook } from '../../src/main/district/excel';
import type { AddressInfo } from 'node:net';
import { DistrictHost } from '../../src/main/district/server';
import { districtTable } from '../../src/shared/district/tables';
import { parseDistrictArgs } from '../../src/main/district/start';
import { importPackage, listStreets, registerStreet, writeRows } from '../../src/main/district/store';
import { criteriaByStreet, districtEvaluators, districtPeriods, districtResults, streetComparison } from '../../src/main/district/views';
import { packageBody } from '../../src/shared/district/format';
import { roundHalfUp } from '../../src/shared/domain/scoring';
import { makeStreet, type TestStreet } from './district-streets';

let cluster: Awaited<ReturnType<typeof startCluster>>;
const pools: Pool[] = [];

beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  cluster?.stop();
});

/** A fresh database in the cluster, with its pool. */
async function freshDatabase(name: string): Promise<Pool> {
  const admin = new Pool({ connectionString: cluster.url, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = new Pool({ connectionString: cluster.url.replace(/\/postgres$/, `/${name}`), max: 4 });
  pools.push(pool);
  return pool;
}

const TABLES = ['streets', 'packages', 'package_people', 'package_months', 'package_results', 'package_criteria', 'package_evaluators', 'package_stars', 'package_awards', 'audit_log'];
async function counts(pool: Pool): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
  return out;
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

/** What the district should show for a street, computed from its own file with SQL, apart from the package. */
function fromStreetFile(s: TestStreet) {
  const db = s.t.core.db;
  const monthScheme = db.prepare('SELECT v.month_scheme_id FROM period_assessments a JOIN period_scheme_versions v ON v.id = a.version_id WHERE a.id = ?').pluck().get(s.yearId) as number;
  const m = db
    .prepare(
      `SELECT sum(r.total) AS sum, count(*) AS n FROM month_results r JOIN assessment_months am ON am.id = r.month_id
         JOIN month_members mm ON mm.month_id = r.month_id AND mm.person_id = r.person_id
        WHERE am.scheme_id = ? AND am.status = 'finalised' AND am.period LIKE ? AND mm.exempt_reason = '' AND r.total IS NOT NULL`,
    )
    .get(monthScheme, `${s.year}-%`) as { sum: number; n: number };
  const excellent = db
    .prepare("SELECT p.name FROM period_results r JOIN people p ON p.id = r.person_id WHERE r.period_id = ? AND r.grade = '优秀' ORDER BY p.name")
    .pluck()
    .all(s.yearId) as string[];
  const people = db.prepare('SELECT count(*) FROM period_members WHERE period_id = ?').pluck().get(s.yearId) as number;
  return { meanMonthly: roundHalfUp(m.sum, m.n), excellent, people };
}

describe('the district store on PostgreSQL', () => {
  it('three streets registered and imported; the district 分析 matches the street files; refusals write nothing; a newer package replaces the old', async () => {
    const pool = await freshDatabase('district_main');
    expect(await migrateDistrict(pool)).toBe(LATEST_PG_VERSION);
    const streets = [await makeStreet('西乡街道', { people: 70, seed: 11 }), await makeStreet('新安街道', { people: 50, seed: 22 }), await makeStreet('福永街道', { people: 60, seed: 33 })];
    for (const s of streets) {
      const reg = await registerStreet(pool, '区管理员', { name: s.name, publicKeyPem: s.publicKeyPem });
      expect(reg.fingerprint).toBe((await s.t.call('district.identity', {})).fingerprint);
    }
    const packages = await Promise.all(streets.map((s) => s.exportText()));
    for (const [i, text] of packages.entries()) {
      const out = await importPackage(pool, '区管理员', text);
      expect(out).toMatchObject({ street: streets[i]!.name, period: streets[i]!.year, replaced: null });
    }
    const year = streets[0]!.year;
    expect(await districtPeriods(pool)).toEqual([{ period: year, label: expect.stringContaining(year), streets: 3 }]);

    // 街道对比: each street's mean monthly total, people and 优秀 as computed from its own file
    const compare = await streetComparison(pool, year);
    expect(compare).toHaveLength(3);
    for (const s of streets) {
      const expected = fromStreetFile(s);
      const row = compare.find((r) => r.street === s.name)!;
      expect(row.meanMonthly).toBe(expected.meanMonthly);
      expect(row.people).toBe(expected.people);
      expect(row.grades.优秀).toBe(expected.excellent.length);
      expect(row.months).toBe(12);
    }
    const byMean = [...compare].sort((a, b) => b.meanMonthly! - a.meanMonthly!);
    expect(byMean[0]!.rank).toBe(1);

    // the year's 优秀 across the district: every street's list, names and masked numbers only
    const results = await districtResults(pool, year);
    for (const s of streets) {
      expect(results.filter((r) => r.street === s.name && r.grade === '优秀').map((r) => r.name).sort()).toEqual([...fromStreetFile(s).excellent].sort());
    }
    expect(results.every((r) => /^\d{6}\*{8}[\dX]{4}$/.test(r.idMasked))).toBe(true);
    const ranked = results.filter((r) => r.rankInDistrict !== null);
    expect(ranked[0]!.total).toBe(Math.max(...ranked.map((r) => r.total!)));

    // criteria by street: a criterion's weighted share over the street's communities, from the package's cells
    const criteria = await criteriaByStreet(pool, year);
    expect([...criteria.streets].sort()).toEqual(streets.map((s) => s.name).sort());
    const body0 = packageBody.parse(JSON.parse(packages[0]!).body);
    const first = criteria.rows[0]!;
    const cells = body0.criteria.filter((c) => c.category === first.category && c.criterion === first.criterion);
    const sheets = cells.reduce((a, c) => a + c.sheets, 0);
    expect(first.cells[criteria.streets.indexOf(streets[0]!.name)]).toEqual({ share: roundHalfUp(cells.reduce((a, c) => a + c.share * c.sheets, 0), sheets), sheets });
    const evaluators = await districtEvaluators(pool, year);
    expect(new Set(evaluators.map((e) => e.street))).toEqual(new Set(streets.map((s) => s.name)));
    expect(evaluators.length).toBe(streets.reduce((a, s) => a + (packageBody.parse(JSON.parse(packages[streets.indexOf(s)]!).body).evaluators.length), 0));

    const before = await counts(pool);
    // tampered: one total raised after signing
    const tampered = JSON.parse(packages[1]!) as { body: { results: { total: number | null }[] } };
    tampered.body.results[0]!.total = (tampered.body.results[0]!.total ?? 0) + 500;
    expect(await refusal(importPackage(pool, '区管理员', JSON.stringify(tampered)))).toMatch(/签名校验失败.*新安街道/);
    // a duplicate (the same file again)
    expect(await refusal(importPackage(pool, '区管理员', packages[0]!))).toMatch(/已导入过/);
    // an unknown street
    const stranger = await makeStreet('沙井街道', { people: 50, seed: 44, years: 2 });
    expect(await refusal(importPackage(pool, '区管理员', await stranger.exportText()))).toMatch(/未登记的街道“沙井街道”/);
    // not a package at all
    expect(await refusal(importPackage(pool, '区管理员', '{"a":1}'))).toMatch(/不是上报包/);
    expect(await counts(pool)).toEqual(before);

    // a newer package for 西乡 replaces the current one in one transaction; both kept
    const s0 = streets[0]!;
    s0.later(10);
    const older = await s0.exportText();
    s0.later(10);
    const newer = await s0.exportText();
    const replaced = await importPackage(pool, '区管理员', newer);
    expect(replaced.replaced).not.toBeNull();
    const history = (await listStreets(pool)).find((s) => s.name === s0.name)!.packages;
    expect(history).toHaveLength(2);
    expect(history.filter((p) => p.isCurrent)).toHaveLength(1);
    expect(history.find((p) => p.isCurrent)!.id).toBe(replaced.packageId);
    expect((await streetComparison(pool, year)).find((r) => r.street === s0.name)!.meanMonthly).toBe(fromStreetFile(s0).meanMonthly);
    // a replayed older package (exported before the current one) is refused, nothing written
    const afterReplace = await counts(pool);
    expect(await refusal(importPackage(pool, '区管理员', older))).toMatch(/不晚于已导入的/);
    expect(await refusal(importPackage(pool, '区管理员', packages[0]!))).toMatch(/已导入过/);
    expect(await counts(pool)).toEqual(afterReplace);
    // the history's rows are all there: the first package's rows kept beside the current one's
    expect(afterReplace.package_months).toBe(before.package_months! + body0.months.reduce((a, m) => a + m.rows.length, 0));

    // each view as a workbook: its title, its header row repeated on every printed page, A4
    for (const v of [
      { view: 'compare' as const, data: await streetComparison(pool, year) },
      { view: 'criteria' as const, data: await criteriaByStreet(pool, year) },
      { view: 'evaluators' as const, data: await districtEvaluators(pool, year) },
      { view: 'excellent' as const, data: await districtResults(pool, year) },
    ]) {
      const table = districtTable('2025年度 年度考核', v);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await districtWorkbook(table, new Date())) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(1).value).toBe(table.title);
      expect(ws.getRow(2).values).toEqual([undefined, ...table.headers]);
      expect(ws.rowCount).toBe(2 + table.rows.length + 1);
      expect(ws.pageSetup.printTitlesRow).toBe('2:2');
      expect(ws.pageSetup.paperSize).toBe(9);
    }
    const excellentTable = districtTable('x', { view: 'excellent', data: results });
    expect(excellentTable.rows).toHaveLength(results.filter((r) => r.grade === '优秀').length);

    // registering: the same key twice, or a broken key, refused in Chinese naming the field
    await expect(registerStreet(pool, '区管理员', { name: '另一个', publicKeyPem: s0.publicKeyPem })).rejects.toMatchObject({ message: expect.stringMatching(/已登记为“西乡街道”/) });
    await expect(registerStreet(pool, '区管理员', { name: '坏钥', publicKeyPem: 'not a key' })).rejects.toMatchObject({ message: expect.stringMatching(/公钥无效/) });
  }, 180_000);

  it('migrations N−1 → N: a store at the previous version with packages migrates, its rows intact and the new counts filled', async () => {
    const pool = await freshDatabase('district_upgrade');
    const previous = PG_MIGRATIONS.at(-2)!.version;
    expect(await migrateDistrict(pool, previous)).toBe(previous);
    const s = await makeStreet('西乡街道', { people: 50, seed: 5 });
    const body = packageBody.parse(JSON.parse(await s.exportText()).body);
    const street = await pool.query<{ id: number }>("INSERT INTO streets (name, public_key, fingerprint, registered_at, registered_by) VALUES ('西乡街道', $1, $2, now(), 'x') RETURNING id", [
      s.publicKeyPem,
      body.street.fingerprint,
    ]);
    const pkg = await pool.query<{ id: string }>(
      `INSERT INTO packages (street_id, period, period_label, exported_at, imported_at, imported_by, digest, signature, format_version, is_current)
       VALUES ($1, $2, $3, $4, now(), 'x', 'd', 's', 1, true) RETURNING id`,
      [street.rows[0]!.id, body.period.key, body.period.label, body.exportedAt],
    );
    const client = await pool.connect();
    await client.query('BEGIN');
    await writeRows(client, Number(pkg.rows[0]!.id), body);
    await client.query('COMMIT');
    client.release();
    const rowsBefore = (await pool.query('SELECT * FROM package_months ORDER BY month, person_ref')).rows;

    expect(await migrateDistrict(pool)).toBe(LATEST_PG_VERSION);
    const after = await pool.query<{ people: number; months: number }>('SELECT people, months FROM packages');
    expect(after.rows).toEqual([{ people: body.people.length, months: body.months.length }]);
    expect((await pool.query('SELECT * FROM package_months ORDER BY month, person_ref')).rows).toEqual(rowsBefore);
    expect((await pool.query<{ version: number }>('SELECT version FROM schema_versions ORDER BY version')).rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    // the district views read the migrated store
    expect((await streetComparison(pool, body.period.key))[0]!.people).toBe(body.results.length);

    // a store from a newer program is refused
    await pool.query("INSERT INTO schema_versions (version, name) VALUES (9990, 'future')");
    await expect(migrateDistrict(pool)).rejects.toThrow(/比本程序支持的.*更新/);
  }, 120_000);

  it('the district host: an administrator set up once with a strong password, every other call refused before login, a login back-off', async () => {
    const pool = await freshDatabase('district_host');
    await migrateDistrict(pool);
    const host = new DistrictHost({ pool, rendererDir: '/nonexistent' });
    expect((await host.call('district.state', {}, null)).result).toEqual({ ok: true, data: { needsSetup: true, login: null } });
    // a page of another site open on this PC can neither set up the first administrator nor call anything else
    const server = host.server().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const setupBy = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/district/district.setup`, { method: 'POST', headers, body: JSON.stringify({ login: 'evil', password: 'Evil-Admin-2026!' }) });
    expect((await setupBy({ 'Content-Type': 'text/plain' })).status).toBe(403);
    expect((await setupBy({ 'Content-Type': 'application/json', Origin: 'http://evil.example' })).status).toBe(403);
    await new Promise((resolve) => server.close(resolve));
    expect((await host.call('district.state', {}, null)).result).toEqual({ ok: true, data: { needsSetup: true, login: null } });
    expect((await host.call('district.streets', {}, null)).result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '请先登录区级汇总' } });
    expect((await host.call('district.setup', { login: 'quadmin', password: '12345678' }, null)).result).toMatchObject({ ok: false, error: { issues: [{ field: 'password' }] } });
    const setup = await host.call('district.setup', { login: 'quadmin', password: 'Qu-Huizong-2026!' }, null);
    expect(setup.result).toEqual({ ok: true, data: { login: 'quadmin' } });
    expect((await host.call('district.setup', { login: 'other', password: 'Second-Admin-2026!' }, null)).result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const session = setup.session!;
    expect((await host.call('district.streets', {}, session)).result).toEqual({ ok: true, data: [] });
    expect((await host.call('district.compare', { period: '2025年' }, session)).result).toMatchObject({ ok: false, error: { issues: [{ field: 'period', message: expect.stringMatching(/期间应写作/) }] } });
    expect((await host.call('district.nothing', {}, session)).result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (let i = 0; i < 5; i++) expect((await host.call('district.login', { login: 'quadmin', password: 'wrong-one' }, null)).result).toMatchObject({ ok: false, error: { message: '用户名或密码不正确' } });
    expect((await host.call('district.login', { login: 'quadmin', password: 'Qu-Huizong-2026!' }, null)).result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/失败次数过多/) } });
    await host.call('district.logout', {}, session);
    expect((await host.call('district.streets', {}, session)).result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // its command line
    expect(parseDistrictArgs(['--database', 'postgres://a@b/c', '--port', '0'], {})).toEqual({ database: 'postgres://a@b/c', port: 0 });
    expect(() => parseDistrictArgs([], {})).toThrow(/--database/);
    expect(() => parseDistrictArgs(['--database', 'postgres://a@b/c', '--port', 'x'], {})).toThrow(/端口/);
  }, 60_000);
});
