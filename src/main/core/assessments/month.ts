/** What changes a month: evaluators, opening, exemptions, finalising and reopening. Each records its audit entry. */
import type { Evaluator, MonthSummary } from '../../../shared/contract/assessments';
import { periodEndDate } from '../../../shared/domain/dates';
import type { Role } from '../../../shared/domain/people';
import { AppError, refusalOf } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import { postMonthPoints, reverseMonthPoints } from '../points/ledger';
import { getVersion } from '../schemes/queries';
import { computeMonth, monthSummary, type ComputedMonth } from './compute';
import { monthDigest } from './digest';
import { openMonth, openSheetOf } from './save';
import { appealsCorrectedSinceFinalise } from '../appeals/queries';

/** Saves a month's finalised results for history and reports. */
function snapshotResults(ctx: HandlerContext, monthId: number, computed: ComputedMonth): void {
  const insert = ctx.db.prepare(
    'INSERT INTO month_results (month_id, person_id, total, grade, veto, rank_in_unit, rank_in_role) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of computed.rows) insert.run(monthId, r.personId, r.total, r.grade, r.veto ? 1 : 0, r.rankInUnit, r.rankInRole);
}

export function createEvaluator(ctx: HandlerContext, input: { name: string; group: string }): Evaluator {
  if (ctx.db.prepare('SELECT 1 FROM evaluators WHERE name = ?').get(input.name)) {
    throw AppError.field('name', `已有名为“${input.name}”的考核人`);
  }
  const id = Number(
    ctx.db
      .prepare('INSERT INTO evaluators (name, group_name, created_at) VALUES (?, ?, ?)')
      .run(input.name, input.group, ctx.now().toISOString()).lastInsertRowid,
  );
  ctx.audit({ action: 'create', entity: 'evaluator', entityId: id, newValue: input });
  return { id, name: input.name, group: input.group };
}

/** Opens a scheme's month with the roster as it stood at the month's end (or today, for the current month). */
export function openNewMonth(ctx: HandlerContext, input: { schemeId: number; period: string }): MonthSummary {
  const { db } = ctx;
  if (input.period > ctx.today.slice(0, 7)) throw AppError.field('period', `${input.period}还没到，不能开启`);
  const versionId = db
    .prepare("SELECT id FROM scheme_versions WHERE scheme_id = ? AND status = 'published' ORDER BY version DESC LIMIT 1")
    .pluck()
    .get(input.schemeId) as number | undefined;
  if (versionId === undefined) throw AppError.field('schemeId', '该方案还没有发布，请先到“考核方案”中发布');
  if (db.prepare('SELECT 1 FROM assessment_months WHERE scheme_id = ? AND period = ?').get(input.schemeId, input.period)) {
    throw AppError.field('period', `${input.period}的这项考核已经开启`);
  }
  const version = getVersion(db, versionId);
  // The roster as it stood at the month's end (or today, for the current month).
  const end = periodEndDate(input.period);
  const asOf = end < ctx.today ? end : ctx.today;
  const candidates = db
    .prepare(
      `SELECT t.person_id, t.unit_id, t.roles FROM person_terms t
       WHERE t.valid_from <= @asOf AND (t.valid_to IS NULL OR t.valid_to > @asOf) AND t.status = '在岗'`,
    )
    .all({ asOf }) as { person_id: number; unit_id: number; roles: string }[];
  const members = candidates.flatMap((c) => {
    const held = JSON.parse(c.roles) as Role[];
    const role = version.roles.find((r) => held.includes(r));
    return role ? [{ ...c, role }] : [];
  });
  if (members.length === 0) throw AppError.field('period', `${input.period}没有担任“${version.roles.join('、')}”的在岗人员`);
  const monthId = Number(
    db
      .prepare("INSERT INTO assessment_months (scheme_id, version_id, period, status, opened_at) VALUES (?, ?, ?, 'open', ?)")
      .run(input.schemeId, versionId, input.period, ctx.now().toISOString()).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (?, ?, ?, ?)');
  for (const m of members) insert.run(monthId, m.person_id, m.unit_id, m.role);
  const summary = monthSummary(db, monthId);
  ctx.audit({ action: 'open', entity: 'assessment_month', entityId: monthId, newValue: summary });
  return summary;
}

export function setExempt(ctx: HandlerContext, input: { monthId: number; personId: number; reason: string }): { personId: number; exemptReason: string } {
  openMonth(ctx.db, input.monthId);
  const before = ctx.db
    .prepare('SELECT exempt_reason FROM month_members WHERE month_id = ? AND person_id = ?')
    .pluck()
    .get(input.monthId, input.personId) as string | undefined;
  if (before === undefined) throw new AppError('NOT_FOUND', '此人不是本月的考核对象');
  ctx.db.prepare('UPDATE month_members SET exempt_reason = ? WHERE month_id = ? AND person_id = ?').run(input.reason, input.monthId, input.personId);
  ctx.audit({ action: 'exempt', entity: 'month_member', entityId: input.monthId, oldValue: { personId: input.personId, reason: before }, newValue: { personId: input.personId, reason: input.reason } });
  return { personId: input.personId, exemptReason: input.reason };
}

/** Why a month cannot be finalised now (it is finalised, or someone is neither scored nor exempt), or null. */
function finaliseRefusal(db: HandlerContext['db'], monthId: number): { refusal: AppError | null; computed: ComputedMonth } {
  openMonth(db, monthId);
  const computed = computeMonth(db, monthId);
  const missing = computed.rows.filter((r) => !r.exemptReason && r.total === null);
  if (missing.length === 0) return { refusal: null, computed };
  const names = missing.slice(0, 5).map((r) => r.name).join('、');
  const message = `还有${missing.length}人未打分（${names}${missing.length > 5 ? '等' : ''}），请打分或标记免考后再归档`;
  return { refusal: new AppError('VALIDATION', message, [{ field: 'monthId', message: `未打分：${names}` }]), computed };
}

/** Asked before 归档 is offered: the reason it would be refused, or null when it can go ahead. */
export function finaliseMonthCheck(db: HandlerContext['db'], monthId: number): { refusal: string | null } {
  return refusalOf(() => finaliseRefusal(db, monthId).refusal);
}

/** Finalises a fully scored month: its results are kept as they are now and its grade points are posted. */
export function finaliseMonth(ctx: HandlerContext, monthId: number): MonthSummary {
  const { db } = ctx;
  const { refusal, computed } = finaliseRefusal(db, monthId);
  if (refusal) throw refusal;
  snapshotResults(ctx, monthId, computed);
  db.prepare("UPDATE assessment_months SET status = 'finalised', finalised_at = ? WHERE id = ?").run(ctx.now().toISOString(), monthId);
  // sealed: the digest is kept with the month and, through the audit chain, in the log
  const digest = monthDigest(db, monthId);
  db.prepare('UPDATE assessment_months SET digest = ? WHERE id = ?').run(digest, monthId);
  postMonthPoints(ctx, monthId);
  const summary = monthSummary(db, monthId);
  // finalised again after a correction on appeal: the entry names the appeals (操作日志 links the chain)
  const appeals = appealsCorrectedSinceFinalise(db, 'month', monthId);
  ctx.audit({
    action: 'finalise',
    entity: 'assessment_month',
    entityId: monthId,
    newValue: { ...summary, digest, ...(appeals.length > 0 ? { appeals } : {}) },
    ...(appeals.length > 0 ? { reason: `更正${appeals.map((id) => `申诉#${id}`).join('、')}后重新归档` } : {}),
  });
  return summary;
}

export function reopenMonth(ctx: HandlerContext, input: { monthId: number; reason: string }): MonthSummary {
  const { db } = ctx;
  const before = monthSummary(db, input.monthId);
  if (before.status !== 'finalised') throw AppError.field('monthId', '本月尚未归档，无需重新开启');
  db.prepare("UPDATE assessment_months SET status = 'open', finalised_at = NULL, digest = '' WHERE id = ?").run(input.monthId);
  reverseMonthPoints(ctx, input.monthId, input.reason);
  db.prepare('DELETE FROM month_results WHERE month_id = ?').run(input.monthId);
  const after = monthSummary(db, input.monthId);
  ctx.audit({ action: 'reopen', entity: 'assessment_month', entityId: input.monthId, oldValue: before, newValue: after, reason: input.reason });
  return after;
}

/**
 * 回避: an evaluator steps aside for one worker (with a reason) and is left out for that worker only; '' withdraws it.
 * Refused while the evaluator has scores for the worker: a recused evaluator never has a sheet, so nothing is hidden.
 */
export function setRecusal(ctx: HandlerContext, input: { monthId: number; personId: number; evaluatorId: number; reason: string }): { recused: boolean } {
  const { db } = ctx;
  const { member } = openSheetOf(ctx, input, '登记回避');
  const key = [input.monthId, input.personId, input.evaluatorId] as const;
  const before = db.prepare('SELECT reason FROM recusals WHERE month_id = ? AND person_id = ? AND evaluator_id = ?').pluck().get(...key) as string | undefined;
  const evaluator = db.prepare('SELECT name FROM evaluators WHERE id = ?').pluck().get(input.evaluatorId) as string;
  if (input.reason === '') {
    if (before === undefined) return { recused: false };
    db.prepare('DELETE FROM recusals WHERE month_id = ? AND person_id = ? AND evaluator_id = ?').run(...key);
  } else {
    const scored = db.prepare('SELECT count(*) FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ?').pluck().get(...key) as number;
    if (scored > 0) throw AppError.field('reason', `${evaluator}已为${member.name}录入了${scored}项分数，请先清空这些分数再登记回避`);
    db.prepare(
      `INSERT INTO recusals (month_id, person_id, evaluator_id, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (month_id, person_id, evaluator_id) DO UPDATE SET reason = excluded.reason`,
    ).run(...key, input.reason, ctx.actor.name, ctx.now().toISOString());
  }
  ctx.audit({
    action: input.reason === '' ? 'unrecuse' : 'recuse',
    entity: 'recusal',
    entityId: input.monthId,
    oldValue: before === undefined ? null : { personId: input.personId, evaluatorId: input.evaluatorId, reason: before },
    newValue: input.reason === '' ? null : { personId: input.personId, evaluatorId: input.evaluatorId, reason: input.reason },
    reason: input.reason,
  });
  return { recused: input.reason !== '' };
}
