/**
 * The district's store of street packages in PostgreSQL: registering a street (name and public key), importing a
 * package (verified against its street's registered key; a tampered, unknown-street, duplicate or older one refused
 * with a Chinese message and nothing written; a newer one for the same street and period replacing the current one in
 * one transaction, both kept in the history), and the streets and their packages.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { canonicalBytes, packageBody, packageFile, PACKAGE_FORMAT, PACKAGE_VERSION, type PackageBody } from '../../shared/district/format';
import { AppError } from '../../shared/errors';
import { fingerprintOf, parsePublicKey, verifyBytes } from '../core/district/key';
import { copyRows } from './copy';

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

async function audit(client: PoolClient, actor: string, action: string, detail: unknown): Promise<void> {
  await client.query('INSERT INTO audit_log (at, actor, action, detail) VALUES (now(), $1, $2, $3)', [actor, action, JSON.stringify(detail)]);
}

export interface StreetRow {
  id: number;
  name: string;
  fingerprint: string;
  registeredAt: string;
  packages: { id: number; period: string; periodLabel: string; exportedAt: string; importedAt: string; isCurrent: boolean; people: number; months: number }[];
}

export async function registerStreet(pool: Pool, actor: string, input: { name: string; publicKeyPem: string }): Promise<{ id: number; name: string; fingerprint: string }> {
  const name = input.name.trim();
  if (!name) throw AppError.field('name', '请填写街道名称');
  if (name.length > 60) throw AppError.field('name', '街道名称不能超过60字');
  let fingerprint: string;
  try {
    parsePublicKey(input.publicKeyPem);
    fingerprint = fingerprintOf(input.publicKeyPem);
  } catch (e) {
    throw AppError.field('publicKeyPem', `公钥无效：${(e as Error).message}`);
  }
  return inTransaction(pool, async (client) => {
    const taken = await client.query<{ name: string; fingerprint: string }>('SELECT name, fingerprint FROM streets WHERE name = $1 OR fingerprint = $2', [name, fingerprint]);
    for (const t of taken.rows) {
      if (t.fingerprint === fingerprint) throw AppError.field('publicKeyPem', `该公钥已登记为“${t.name}”`);
      throw AppError.field('name', `街道“${name}”已登记`);
    }
    const r = await client.query<{ id: number }>(
      'INSERT INTO streets (name, public_key, fingerprint, registered_at, registered_by) VALUES ($1, $2, $3, now(), $4) RETURNING id',
      [name, input.publicKeyPem.trim() + '\n', fingerprint, actor],
    );
    await audit(client, actor, 'register-street', { name, fingerprint });
    return { id: r.rows[0]!.id, name, fingerprint };
  });
}

export async function listStreets(pool: Pool): Promise<StreetRow[]> {
  const streets = await pool.query<{ id: number; name: string; fingerprint: string; registered_at: Date }>('SELECT id, name, fingerprint, registered_at FROM streets ORDER BY name');
  const packages = await pool.query<{ id: string; street_id: number; period: string; period_label: string; exported_at: Date; imported_at: Date; is_current: boolean; people: number; months: number }>(
    'SELECT id, street_id, period, period_label, exported_at, imported_at, is_current, people, months FROM packages ORDER BY period DESC, exported_at DESC',
  );
  return streets.rows.map((s) => ({
    id: s.id,
    name: s.name,
    fingerprint: s.fingerprint,
    registeredAt: s.registered_at.toISOString(),
    packages: packages.rows
      .filter((p) => p.street_id === s.id)
      .map((p) => ({ id: Number(p.id), period: p.period, periodLabel: p.period_label, exportedAt: p.exported_at.toISOString(), importedAt: p.imported_at.toISOString(), isCurrent: p.is_current, people: p.people, months: p.months })),
  }));
}

/** The package's file read and its body checked against the format; a Chinese refusal for anything else. */
export function readPackageFile(text: string): { body: PackageBody; signature: string; bytes: Uint8Array } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw AppError.field('file', '文件不是上报包（无法读取为 JSON）');
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head?.format !== PACKAGE_FORMAT) throw AppError.field('file', '文件不是上报包');
  if (head.version !== PACKAGE_VERSION) throw AppError.field('file', `上报包的格式版本（${String(head.version)}）不受支持，本程序读取第 ${PACKAGE_VERSION} 版`);
  const file = packageFile.safeParse(json);
  const body = file.success ? packageBody.safeParse(file.data.body) : null;
  if (!file.success || !body?.success) {
    const issue = (file.success ? body!.error! : file.error).issues[0]!;
    throw AppError.field('file', `上报包内容不完整或有误：${issue.path.join('.')}：${issue.message}`);
  }
  return { body: body.data, signature: file.data.signature, bytes: canonicalBytes(body.data) };
}

export interface ImportOutcome {
  packageId: number;
  street: string;
  period: string;
  periodLabel: string;
  replaced: number | null;
  people: number;
  months: number;
}

/** Imports one package file; refused with nothing written unless it is a newer, genuine package of a registered street. */
export async function importPackage(pool: Pool, actor: string, text: string): Promise<ImportOutcome> {
  const { body, signature, bytes } = readPackageFile(text);
  const digest = createHash('sha256').update(bytes).digest('hex');
  return inTransaction(pool, async (client) => {
    const street = await client.query<{ id: number; name: string; public_key: string }>('SELECT id, name, public_key FROM streets WHERE fingerprint = $1 FOR UPDATE', [
      body.street.fingerprint,
    ]);
    const s = street.rows[0];
    if (!s) throw AppError.field('file', `上报包来自未登记的街道“${body.street.name}”（公钥指纹 ${body.street.fingerprint}），请先登记该街道`);
    if (!verifyBytes(s.public_key, bytes, signature)) throw AppError.field('file', `上报包签名校验失败：文件在导出后被改动过，或不是“${s.name}”导出的，未导入`);
    const same = await client.query('SELECT 1 FROM packages WHERE digest = $1', [digest]);
    if (same.rowCount) throw AppError.field('file', `该上报包（${s.name}，${body.period.label}）已导入过，未重复导入`);
    const current = await client.query<{ id: string; exported_at: Date }>('SELECT id, exported_at FROM packages WHERE street_id = $1 AND period = $2 AND is_current', [s.id, body.period.key]);
    const old = current.rows[0];
    if (old && old.exported_at.getTime() >= Date.parse(body.exportedAt)) {
      throw AppError.field('file', `该上报包（${s.name}，${body.period.label}，导出于 ${body.exportedAt}）不晚于已导入的（导出于 ${old.exported_at.toISOString()}），未导入`);
    }
    if (old) await client.query('UPDATE packages SET is_current = false WHERE id = $1', [old.id]);
    const months = new Set(body.months.map((m) => m.period)).size;
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO packages (street_id, period, period_label, exported_at, imported_at, imported_by, digest, signature, format_version, is_current, people, months)
       VALUES ($1, $2, $3, $4, now(), $5, $6, $7, $8, true, $9, $10) RETURNING id`,
      [s.id, body.period.key, body.period.label, body.exportedAt, actor, digest, signature, body.version, body.people.length, months],
    );
    const id = Number(inserted.rows[0]!.id);
    if (old) await client.query('UPDATE packages SET replaced_by = $1 WHERE id = $2', [id, old.id]);
    await writeRows(client, id, body);
    await audit(client, actor, 'import-package', { packageId: id, street: s.name, period: body.period.key, exportedAt: body.exportedAt, replaced: old ? Number(old.id) : null, digest });
    return { packageId: id, street: s.name, period: body.period.key, periodLabel: body.period.label, replaced: old ? Number(old.id) : null, people: body.people.length, months };
  });
}

/** The package's rows, each table in one COPY. */
export async function writeRows(client: PoolClient, id: number, body: PackageBody): Promise<void> {
  await copyRows(client, 'package_people', ['package_id', 'ref', 'name', 'id_masked', 'community'], body.people.map((p) => [id, p.ref, p.name, p.idNumber, p.community]));
  await copyRows(
    client,
    'package_months',
    ['package_id', 'month', 'person_ref', 'community', 'role', 'exempt', 'total', 'grade', 'veto', 'rank_in_unit'],
    body.months.flatMap((m) => m.rows.map((r) => [id, m.period, r.person, r.community, r.role, r.exempt, r.total, r.grade, r.veto, r.rankInUnit])),
  );
  await copyRows(
    client,
    'package_results',
    ['package_id', 'person_ref', 'community', 'total', 'grade', 'status', 'rank_in_street', 'rank_in_community'],
    body.results.map((r) => [id, r.person, r.community, r.total, r.grade, r.status, r.rankInStreet, r.rankInCommunity]),
  );
  await copyRows(client, 'package_criteria', ['package_id', 'category', 'criterion', 'community', 'share', 'sheets'], body.criteria.map((c) => [id, c.category, c.criterion, c.community, c.share, c.sheets]));
  await copyRows(
    client,
    'package_evaluators',
    ['package_id', 'name', 'grp', 'workers', 'mean', 'shared', 'leniency', 'lenient', 'harsh', 'flat'],
    body.evaluators.map((e) => [id, e.name, e.group, e.workers, e.mean, e.shared, e.leniency, e.lenient, e.harsh, e.flat]),
  );
  await copyRows(client, 'package_stars', ['package_id', 'period', 'person_ref', 'stars'], body.stars.map((s) => [id, s.period, s.person, s.stars]));
  await copyRows(client, 'package_awards', ['package_id', 'batch', 'level', 'date', 'person_ref'], body.awards.flatMap((a) => a.people.map((p) => [id, a.batch, a.level, a.date, p])));
}
