/**
 * 批量添加: who may be nominated in a batch (the pool), a pasted list of names or ID numbers answered line by line,
 * and many people added at once with one reason, in the one transaction of the call, audited as one entry.
 */
import type { Database } from 'better-sqlite3';
import type { AddCandidatesResult, NomineeLine, NomineePoolRow } from '../../../shared/contract/awards';
import { looksLikeIdNumber, splitPastedNominees } from '../../../shared/domain/awards';
import { AppError } from '../../../shared/errors';
import { assertInScope } from '../accounts/scope';
import type { HandlerContext } from '../context';
import type { CallInputOf } from '../handler-types';
import { unitIndex } from '../org/queries';
import { batchSummary, batchView, candidateRows, editableBatch, peopleOn, type PersonAtDate } from './queries';

interface Pool {
  /** In post on the batch's date, of its role. */
  eligible: Map<number, PersonAtDate>;
  /** Everyone on the roster by then, for saying why one is not eligible. */
  all: Map<number, PersonAtDate>;
  role: string | null;
  date: string;
}

function poolOf(db: Database, batchId: number): Pool {
  const b = batchSummary(db, batchId);
  const all = new Map(peopleOn(db, b.date).map((p) => [p.personId, p]));
  const eligible = new Map([...all].filter(([, p]) => p.inPost && (b.role === null || p.roles.includes(b.role))));
  return { eligible, all, role: b.role, date: b.date };
}

/** Why a person on the roster is not in the pool, or '' when they are. */
function whyNot(pool: Pool, p: PersonAtDate): string {
  if (!p.inPost) return `${p.name}在表彰日期（${pool.date}）时不在岗`;
  if (pool.role !== null && !p.roles.includes(pool.role)) return `${p.name}不是${pool.role}，本批次只表彰${pool.role}`;
  return '';
}

export function nomineePool(db: Database, batchId: number): NomineePoolRow[] {
  const pool = poolOf(db, batchId);
  const units = unitIndex(db);
  const status = new Map(candidateRows(db, batchId).map((c) => [c.personId, c.status]));
  return [...pool.eligible.values()].map((p) => {
    const community = units.communityOf(p.unitId);
    return {
      personId: p.personId,
      name: p.name,
      communityId: community?.id ?? null,
      community: community?.name ?? '',
      unitPath: units.paths.get(p.unitId) ?? '',
      roles: p.roles,
      status: status.get(p.personId) ?? null,
    };
  });
}

export function resolveNominees(db: Database, { batchId, text }: { batchId: number; text: string }): NomineeLine[] {
  const pool = poolOf(db, batchId);
  const units = unitIndex(db);
  const status = new Map(candidateRows(db, batchId).map((c) => [c.personId, c.status]));
  const byName = new Map<string, PersonAtDate[]>();
  for (const p of pool.all.values()) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const byIdNumber = db.prepare('SELECT id FROM people WHERE id_number = ?').pluck();
  const seen = new Map<number, number>();
  const community = (p: PersonAtDate) => units.communityOf(p.unitId)?.name ?? '';

  return splitPastedNominees(text).map(({ line, text: t }): NomineeLine => {
    const base: NomineeLine = { line, text: t, status: 'ok', message: '', personId: null, name: '', community: '', options: [] };
    const at = `第${line}行“${t}”`;
    let person: PersonAtDate | undefined;
    if (looksLikeIdNumber(t)) {
      const id = byIdNumber.get(t.toUpperCase()) as number | undefined;
      person = id === undefined ? undefined : pool.all.get(id);
      if (!person) return { ...base, status: 'unknown', message: `第${line}行：身份证号${t}不在花名册中` };
    } else {
      const named = byName.get(t) ?? [];
      const inPool = named.filter((p) => pool.eligible.has(p.personId));
      if (named.length === 0) return { ...base, status: 'unknown', message: `${at}：花名册中没有此人` };
      if (inPool.length > 1) {
        return {
          ...base,
          status: 'ambiguous',
          message: `${at}：有${inPool.length}人同名，请选择是哪一位`,
          options: inPool.map((p) => ({ personId: p.personId, name: p.name, unitPath: units.paths.get(p.unitId) ?? '' })),
        };
      }
      person = inPool[0] ?? named[0]!;
    }
    const found = { ...base, personId: person.personId, name: person.name, community: community(person) };
    const why = whyNot(pool, person);
    if (why) return { ...found, status: 'ineligible', message: `第${line}行：${why}` };
    const earlier = seen.get(person.personId);
    if (earlier !== undefined) return { ...found, status: 'duplicate', message: `第${line}行：${person.name}与第${earlier}行重复` };
    seen.set(person.personId, line);
    const now = status.get(person.personId);
    if (now === 'nominated' || now === 'tied') return { ...found, status: 'already', message: `第${line}行：${person.name}已在候选名单中` };
    return found;
  });
}

export function addCandidates(ctx: HandlerContext, { batchId, personIds, reason, deeds }: CallInputOf<'awards.addCandidates'>): AddCandidatesResult {
  const { db } = ctx;
  const b = editableBatch(db, batchId);
  if (new Set(personIds).size !== personIds.length) throw AppError.field('personIds', '名单中有重复的人员');
  const pool = poolOf(db, batchId);
  const people = personIds.map((id) => {
    const p = pool.all.get(id);
    if (!p) {
      const name = db.prepare('SELECT name FROM people WHERE id = ?').pluck().get(id) as string | undefined;
      throw AppError.field('personIds', name === undefined ? `编号为${id}的人员不存在` : `${name}在表彰日期（${b.date}）时不在花名册中`);
    }
    const why = whyNot(pool, p);
    if (why) throw AppError.field('personIds', why);
    return p;
  });
  assertInScope(db, ctx.actor, people, '提名');
  const units = unitIndex(db);
  const existing = new Map(candidateRows(db, batchId).map((c) => [c.personId, c]));
  let order = db.prepare('SELECT coalesce(max(sort_order), 0) FROM award_candidates WHERE batch_id = ?').pluck().get(batchId) as number;
  const insert = db.prepare(
    `INSERT INTO award_candidates (batch_id, person_id, unit_id, community_id, status, added_manually, add_reason, deeds, sort_order)
     VALUES (?, ?, ?, ?, 'nominated', 1, ?, ?, ?)`,
  );
  const renominate = db.prepare(
    "UPDATE award_candidates SET status = 'nominated', added_manually = 1, add_reason = ?, remove_reason = '', deeds = CASE WHEN ? = '' THEN deeds ELSE ? END WHERE batch_id = ? AND person_id = ?",
  );
  const added: { personId: number; name: string }[] = [];
  const skipped: string[] = [];
  for (const p of people) {
    const was = existing.get(p.personId);
    if (was && was.status !== 'removed') {
      skipped.push(p.name);
      continue;
    }
    if (was) renominate.run(reason, deeds, deeds, batchId, p.personId);
    else insert.run(batchId, p.personId, p.unitId, units.communityOf(p.unitId)?.id ?? p.unitId, reason, deeds, (order += 10));
    added.push({ personId: p.personId, name: p.name });
  }
  if (added.length > 0) {
    ctx.audit({ action: 'add-candidates', entity: 'award_candidates', entityId: batchId, newValue: { batch: b.name, count: added.length, people: added }, reason });
  }
  return { view: batchView(db, batchId), added: added.map((a) => a.name), skipped };
}
