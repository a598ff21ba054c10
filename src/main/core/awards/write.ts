/** What changes an award batch: the batch, nomination, candidates, their order and its stages. Each records its audit entry. */
import type { NominationSummary } from '../../../shared/contract/awards';
import {
  AWARD_BASES,
  AWARD_STAGE_KEYS,
  AWARD_STAGES,
  awardDerivedKind,
  awardLevelLabel,
  eligibilityReasons,
  rankNominees,
  stageMoveError,
  type NomineeFacts,
  type RankInput,
} from '../../../shared/domain/awards';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import type { CallInputOf } from '../handler-types';
import { treeOrder, unitIndex } from '../org/queries';
import { finalisedPeriodTotals } from '../periods/queries';
import { insertEntry, type NewEntry } from '../points/ledger';
import { awardRef, batchSummary, batchView, candidateRows, editableBatch, peopleOn, periodFacts } from './queries';

function candidateOf(ctx: HandlerContext, batchId: number, personId: number) {
  const row = candidateRows(ctx.db, batchId, personId)[0];
  if (!row) throw new AppError('NOT_FOUND', '该人员不在本批次的候选名单中');
  return row;
}

/** Posts the points of a published batch's recipients, by its level, once (a batch whose postings exist is left alone). */
function postAwardPoints(ctx: HandlerContext, batchId: number): number {
  const { db } = ctx;
  const b = batchSummary(db, batchId);
  const derived = awardDerivedKind(b.level);
  if (derived === null) return 0;
  if (db.prepare('SELECT 1 FROM point_entries WHERE source_ref = ?').get(awardRef(batchId))) return 0;
  const rule = db
    .prepare(
      `SELECT id, points_per_unit AS pointsPerUnit, cap, cap_period AS capPeriod FROM point_rules
       WHERE derived = ? AND active = 1 AND valid_from <= @date AND (valid_to IS NULL OR valid_to >= @date) ORDER BY valid_from DESC`,
    )
    .get(derived, { date: b.date }) as NewEntry['rule'] | undefined;
  if (!rule) return 0;
  const recipients = db.prepare("SELECT person_id FROM award_candidates WHERE batch_id = ? AND status = 'nominated' ORDER BY sort_order, id").pluck().all(batchId) as number[];
  const at = ctx.now().toISOString();
  let points = 0;
  for (const personId of recipients) {
    points += insertEntry(ctx, { date: b.date, personId, rule, quantity: 100, source: 'award', sourceRef: awardRef(batchId), note: `获${awardLevelLabel(b.level)}表彰“${b.name}”` }, at).result.points;
  }
  if (recipients.length > 0) {
    ctx.audit({ action: 'post-derived', entity: 'point_entries', entityId: batchId, newValue: { source: awardRef(batchId), entries: recipients.length, points } });
  }
  return recipients.length;
}

export function saveBatch(ctx: HandlerContext, input: CallInputOf<'awards.saveBatch'>) {
  const { db } = ctx;
  const at = ctx.now().toISOString();
  const clash = db.prepare('SELECT id FROM award_batches WHERE name = ? AND id IS NOT ?').pluck().get(input.name, input.id ?? null);
  if (clash !== undefined) throw AppError.field('name', `已有名为“${input.name}”的表彰批次`);
  const values = [input.name, input.level, input.issuer, input.date, input.role, input.quotaTotal, input.quotaPerUnit, input.note];
  if (input.id === undefined) {
    const id = Number(
      db
        .prepare(
          `INSERT INTO award_batches (name, level, issuer, date, role, quota_total, quota_per_unit, note, stage, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'initial', ?, ?)`,
        )
        .run(...values, at, at).lastInsertRowid,
    );
    db.prepare("INSERT INTO award_stage_log (batch_id, from_stage, to_stage, actor, at, note) VALUES (?, NULL, 'initial', ?, ?, '新建批次')").run(id, ctx.actor.name, at);
    const created = batchSummary(db, id);
    ctx.audit({ action: 'create', entity: 'award_batches', entityId: id, newValue: input });
    return created;
  }
  const old = editableBatch(db, input.id);
  db.prepare(
    'UPDATE award_batches SET name = ?, level = ?, issuer = ?, date = ?, role = ?, quota_total = ?, quota_per_unit = ?, note = ?, updated_at = ? WHERE id = ?',
  ).run(...values, at, input.id);
  ctx.audit({ action: 'update', entity: 'award_batches', entityId: input.id, oldValue: old, newValue: input });
  return batchSummary(db, input.id);

}

export function deleteBatch(ctx: HandlerContext, { id }: CallInputOf<'awards.deleteBatch'>) {
  const old = editableBatch(ctx.db, id);
  if (old.stage !== 'initial') throw new AppError('CONFLICT', `“${old.name}”已进入${AWARD_STAGES[old.stage]}阶段，不能删除；请先退回初选`);
  ctx.db.prepare('DELETE FROM award_candidates WHERE batch_id = ?').run(id);
  ctx.db.prepare('DELETE FROM award_stage_log WHERE batch_id = ?').run(id);
  ctx.db.prepare('DELETE FROM award_batches WHERE id = ?').run(id);
  ctx.audit({ action: 'delete', entity: 'award_batches', entityId: id, oldValue: old });
  return { id };

}

export function nominate(ctx: HandlerContext, input: CallInputOf<'awards.nominate'>) {
  const { db } = ctx;
  const b = editableBatch(db, input.batchId);
  if (b.stage !== 'initial') throw new AppError('CONFLICT', `只有初选阶段可以从排名提名；“${b.name}”处于${AWARD_STAGES[b.stage]}阶段`);
  const units = unitIndex(db);
  // a finalised period assessment, when chosen, sets the months and gives each graded person's total for the average
  const source = input.periodId === null ? null : finalisedPeriodTotals(db, { periodId: input.periodId });
  if (input.periodId !== null && !source) throw AppError.field('periodId', '所选周期考核还没有归档，不能作为提名依据');
  const [from, to] = source ? [source.months[0]!, source.months.at(-1)!] : [input.from, input.to];
  const { facts } = periodFacts(db, from, to);
  const graded = new Map(source?.rows.map((r) => [r.personId, r]));
  const manual = new Set(db.prepare('SELECT person_id FROM award_candidates WHERE batch_id = ? AND added_manually = 1').pluck().all(b.id) as number[]);
  const communityOf = (unitId: number) => units.communityOf(unitId)?.id ?? unitId;
  const pool = peopleOn(db, b.date).filter((p) => b.role === null || p.roles.includes(b.role));
  const summary: NominationSummary = { ranked: 0, selected: 0, tied: 0, ineligible: 0, reasons: {}, excluded: [] };
  const eligible: RankInput<number>[] = [];
  const people = new Map(pool.map((p) => [p.personId, p]));
  for (const p of pool) {
    if (manual.has(p.personId)) continue;
    const f: NomineeFacts = { ...(facts.get(p.personId) ?? { months: 0, average: null, vetoes: 0, points: 0, stars: null, criticisms: 0 }), inPost: p.inPost };
    if (source) Object.assign(f, { average: graded.get(p.personId)?.total ?? null, periodGrade: graded.get(p.personId)?.grade ?? null });
    // Those gone before the period began and never assessed in it are not part of this ranking at all.
    if (!p.inPost && f.months === 0 && f.points === 0) continue;
    const reasons = eligibilityReasons(f, input.eligibility, input.basis);
    if (reasons.length > 0) {
      summary.ineligible++;
      for (const r of reasons) summary.reasons[r] = (summary.reasons[r] ?? 0) + 1;
      if (summary.excluded.length < 200) {
        summary.excluded.push({ personId: p.personId, name: p.name, community: units.byId.get(communityOf(p.unitId))?.name ?? '', reasons });
      }
      continue;
    }
    eligible.push({ key: p.personId, unit: communityOf(p.unitId), facts: f });
  }
  summary.ranked = eligible.length;
  const ranked = rankNominees(eligible, { basis: input.basis, quotaPerUnit: input.quotaPerUnit, quotaTotal: input.quotaTotal });
  db.prepare('DELETE FROM award_candidates WHERE batch_id = ? AND added_manually = 0').run(b.id);
  const insert = db.prepare(
    `INSERT INTO award_candidates (batch_id, person_id, unit_id, community_id, basis, basis_value, rank, status, tie_mark, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // sorted by community (in the organisation tree's order), then rank
  const order = treeOrder(db);
  const place = (id: number) => order.get(id) ?? Infinity;
  const chosen = ranked.filter((r) => r.status !== 'out').sort((x, y) => place(x.unit) - place(y.unit) || x.rank - y.rank);
  chosen.forEach((r, i) => {
    const p = people.get(r.key)!;
    insert.run(b.id, r.key, p.unitId, r.unit, input.basis, r.value, r.rank, r.status, r.mark, (i + 1) * 10);
    if (r.status === 'tied') summary.tied++;
    else summary.selected++;
  });
  const eligibility = JSON.stringify(input.eligibility);
  db.prepare(
    'UPDATE award_batches SET period_from = ?, period_to = ?, period_id = ?, basis = ?, eligibility = ?, nomination = ?, quota_total = ?, quota_per_unit = ?, updated_at = ? WHERE id = ?',
  ).run(from, to, input.periodId, input.basis, eligibility, JSON.stringify(summary), input.quotaTotal, input.quotaPerUnit, ctx.now().toISOString(), b.id);
  ctx.audit({
    action: 'nominate',
    entity: 'award_batches',
    entityId: b.id,
    newValue: { from, to, period: source?.label ?? null, basis: AWARD_BASES[input.basis], quotaPerUnit: input.quotaPerUnit, quotaTotal: input.quotaTotal, selected: summary.selected, tied: summary.tied },
  });
  return batchView(db, b.id);

}

export function addCandidate(ctx: HandlerContext, { batchId, personId, reason, deeds }: CallInputOf<'awards.addCandidate'>) {
  const { db } = ctx;
  const b = editableBatch(db, batchId);
  const existing = candidateRows(db, batchId, personId)[0];
  if (existing && existing.status !== 'removed') throw AppError.field('personId', `${existing.name}已在候选名单中`);
  const person = peopleOn(db, b.date).find((p) => p.personId === personId);
  if (!person) throw AppError.field('personId', '该人员在表彰日期时不在花名册中');
  const units = unitIndex(db);
  const community = units.communityOf(person.unitId)?.id ?? person.unitId;
  const order = (db.prepare('SELECT coalesce(max(sort_order), 0) FROM award_candidates WHERE batch_id = ?').pluck().get(batchId) as number) + 10;
  if (existing) {
    db.prepare("UPDATE award_candidates SET status = 'nominated', added_manually = 1, add_reason = ?, remove_reason = '', deeds = CASE WHEN ? = '' THEN deeds ELSE ? END WHERE batch_id = ? AND person_id = ?").run(
      reason,
      deeds,
      deeds,
      batchId,
      personId,
    );
  } else {
    db.prepare(
      `INSERT INTO award_candidates (batch_id, person_id, unit_id, community_id, status, added_manually, add_reason, deeds, sort_order)
       VALUES (?, ?, ?, ?, 'nominated', 1, ?, ?, ?)`,
    ).run(batchId, personId, person.unitId, community, reason, deeds, order);
  }
  ctx.audit({ action: 'add-candidate', entity: 'award_candidates', entityId: batchId, oldValue: existing ?? null, newValue: { personId, name: person.name }, reason });
  return batchView(db, batchId);

}

export function removeCandidate(ctx: HandlerContext, { batchId, personId, reason }: CallInputOf<'awards.removeCandidate'>) {
  editableBatch(ctx.db, batchId);
  const c = candidateOf(ctx, batchId, personId);
  if (c.status === 'removed') throw new AppError('CONFLICT', `${c.name}已被移除`);
  ctx.db.prepare("UPDATE award_candidates SET status = 'removed', remove_reason = ? WHERE batch_id = ? AND person_id = ?").run(reason, batchId, personId);
  ctx.audit({ action: 'remove-candidate', entity: 'award_candidates', entityId: batchId, oldValue: { personId, name: c.name, status: c.status }, reason });
  return batchView(ctx.db, batchId);

}

export function keepCandidate(ctx: HandlerContext, { batchId, personId, reason }: CallInputOf<'awards.keepCandidate'>) {
  editableBatch(ctx.db, batchId);
  const c = candidateOf(ctx, batchId, personId);
  if (c.status === 'nominated') throw new AppError('CONFLICT', `${c.name}已在入选名单中`);
  ctx.db
    .prepare("UPDATE award_candidates SET status = 'nominated', remove_reason = '', tie_mark = CASE WHEN tie_mark = '' THEN '' ELSE tie_mark || '（保留）' END WHERE batch_id = ? AND person_id = ?")
    .run(batchId, personId);
  ctx.audit({ action: 'keep-candidate', entity: 'award_candidates', entityId: batchId, oldValue: { personId, name: c.name, status: c.status }, reason });
  return batchView(ctx.db, batchId);

}

export function saveDeeds(ctx: HandlerContext, { batchId, personId, deeds }: CallInputOf<'awards.saveDeeds'>) {
  editableBatch(ctx.db, batchId);
  const c = candidateOf(ctx, batchId, personId);
  ctx.db.prepare('UPDATE award_candidates SET deeds = ? WHERE batch_id = ? AND person_id = ?').run(deeds, batchId, personId);
  ctx.audit({ action: 'update-deeds', entity: 'award_candidates', entityId: batchId, oldValue: { personId, deeds: c.deeds }, newValue: { personId, deeds } });
  return candidateOf(ctx, batchId, personId);

}

export function reorderCandidates(ctx: HandlerContext, { batchId, personIds }: CallInputOf<'awards.reorderCandidates'>) {
  const { db } = ctx;
  const b = batchSummary(db, batchId);
  if (b.stage === 'published') throw new AppError('CONFLICT', `“${b.name}”已表彰发布，名单只读，不能再调整顺序`);
  const all = candidateRows(db, batchId);
  const byPerson = new Map(all.map((c) => [c.personId, c]));
  if (new Set(personIds).size !== personIds.length) throw AppError.field('personIds', '名单中有重复的人员');
  const listed = personIds.map((id) => byPerson.get(id));
  if (listed.some((c) => c === undefined || c.status !== 'nominated')) throw AppError.field('personIds', '名单中有人不在本批次的入选名单中，请刷新后重试');
  const community = listed[0]!.communityId;
  if (listed.some((c) => c!.communityId !== community)) throw AppError.field('personIds', '一次只能调整一个社区的名单顺序');
  const group = all.filter((c) => c.status === 'nominated' && c.communityId === community);
  const missing = group.filter((c) => !personIds.includes(c.personId));
  if (missing.length > 0) throw AppError.field('personIds', `名单缺少${missing.map((c) => c.name).join('、')}：请给出${listed[0]!.community || '该社区'}全部入选人员的顺序`);
  // The group keeps its places in the batch's order; only who stands in them changes. Then the whole batch is
  // numbered afresh in tens, so later insertions (添加) still fall after everyone.
  const queue = [...personIds];
  const next = all.map((c) => (c.status === 'nominated' && c.communityId === community ? byPerson.get(queue.shift()!)! : c));
  if (next.every((c, i) => c === all[i])) return batchView(db, batchId);
  const update = db.prepare('UPDATE award_candidates SET sort_order = ? WHERE batch_id = ? AND person_id = ?');
  next.forEach((c, i) => {
    if (c.sortOrder !== (i + 1) * 10) update.run((i + 1) * 10, batchId, c.personId);
  });
  ctx.audit({
    action: 'reorder-candidates',
    entity: 'award_candidates',
    entityId: batchId,
    oldValue: { community: listed[0]!.community, order: group.map((c) => ({ personId: c.personId, name: c.name })) },
    newValue: { community: listed[0]!.community, order: listed.map((c) => ({ personId: c!.personId, name: c!.name })) },
  });
  return batchView(db, batchId);

}

export function moveStage(ctx: HandlerContext, { batchId, to, note }: CallInputOf<'awards.moveStage'>) {
  const { db } = ctx;
  const b = batchSummary(db, batchId);
  const problem = stageMoveError(b.stage, to, note);
  if (problem) throw AppError.field(AWARD_STAGE_KEYS.indexOf(to) < AWARD_STAGE_KEYS.indexOf(b.stage) ? 'note' : 'to', problem);
  if (to === 'published') {
    if (b.tied > 0) throw new AppError('CONFLICT', `还有${b.tied}人在名额线上并列待定，请逐一保留或移除后再表彰`);
    if (b.nominated === 0) throw new AppError('CONFLICT', '入选名单为空，不能表彰');
  }
  const at = ctx.now().toISOString();
  db.prepare('INSERT INTO award_stage_log (batch_id, from_stage, to_stage, actor, at, note) VALUES (?, ?, ?, ?, ?, ?)').run(batchId, b.stage, to, ctx.actor.name, at, note);
  db.prepare(
    `UPDATE award_batches SET stage = ?, updated_at = ?, published_at = CASE WHEN ? = 'published' THEN ? ELSE NULL END,
       published_by = CASE WHEN ? = 'published' THEN ? ELSE NULL END WHERE id = ?`,
  ).run(to, at, to, at, to, ctx.actor.name, batchId);
  ctx.audit({ action: to === 'published' ? 'publish' : 'move-stage', entity: 'award_batches', entityId: batchId, oldValue: { stage: b.stage }, newValue: { stage: to }, reason: note });
  if (to === 'published') postAwardPoints(ctx, batchId);
  return batchView(db, batchId);

}
