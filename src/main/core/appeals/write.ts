/**
 * What changes an appeal: filing it and reviewing it. A correction reopens the month (assessments' reopenMonth) or the
 * period (periods' reopenPeriod) with a reason naming the appeal; the result is then changed where it always is and
 * finalised again, and that finalise names the appeal (appealsCorrectedSinceFinalise). Each records its audit entry.
 */
import type { AppealRow, AppealTarget } from '../../../shared/contract/appeals';
import { APPEAL_STATUS_LABELS } from '../../../shared/contract/appeals';
import { AppError } from '../../../shared/errors';
import { assertInScope } from '../accounts/scope';
import { reopenMonth } from '../assessments/month';
import type { HandlerContext } from '../context';
import { reopenPeriod } from '../periods/write';
import { readAppealSettings } from '../settings/queries';
import { appealRow, daysAfter, memberUnit, targetInfo } from './queries';

export function fileAppeal(ctx: HandlerContext, input: { personId: number; monthId: number | null; periodId: number | null; reason: string }): AppealRow {
  const { db } = ctx;
  const target: AppealTarget = input.monthId !== null ? 'month' : 'period';
  const targetId = (input.monthId ?? input.periodId)!;
  const field = target === 'month' ? 'monthId' : 'periodId';
  const name = db.prepare('SELECT name FROM people WHERE id = ?').pluck().get(input.personId) as string | undefined;
  if (name === undefined) throw AppError.field('personId', '请选择申诉人');
  const t = targetInfo(db, target, targetId);
  const unitId = memberUnit(db, target, targetId, input.personId);
  if (unitId === undefined) throw AppError.field(field, `${name}不是${t.subject}的考核对象，不能对其结果申诉`);
  assertInScope(db, ctx.actor, [{ name, unitId }], '为其登记申诉');
  if (t.status !== 'finalised' || t.finalisedOn === null) throw AppError.field(field, `${t.subject}尚未归档，结果还没有确定，不能申诉`);
  const days = readAppealSettings(db).appealDays;
  const lastDay = daysAfter(t.finalisedOn, days);
  if (ctx.today > lastDay) {
    throw AppError.field(field, `已超过申诉期限：${t.subject}于${t.finalisedOn}归档，应在${days}天内（${lastDay}前）提出申诉`);
  }
  const twin = db.prepare("SELECT id FROM appeals WHERE target = ? AND target_id = ? AND person_id = ? AND status = 'open'").pluck().get(target, targetId, input.personId) as number | undefined;
  if (twin !== undefined) throw AppError.field(field, `${name}对${t.subject}已有待复核的申诉（申诉#${twin}），请先复核该申诉`);
  const id = Number(
    db
      .prepare("INSERT INTO appeals (target, target_id, person_id, filed_on, filed_by, reason, status) VALUES (?, ?, ?, ?, ?, ?, 'open')")
      .run(target, targetId, input.personId, ctx.today, ctx.actor.name, input.reason).lastInsertRowid,
  );
  const row = appealRow(db, id);
  ctx.audit({
    action: 'appeal',
    entity: 'appeal',
    entityId: id,
    newValue: { personId: input.personId, targetKind: target, targetId, subject: t.subject, total: row.total, grade: row.grade, filedOn: ctx.today, status: APPEAL_STATUS_LABELS.open },
    reason: input.reason,
  });
  return row;
}

export function reviewAppeal(ctx: HandlerContext, input: { appealId: number; decision: 'uphold' | 'correct'; reason: string }): AppealRow {
  const { db } = ctx;
  const before = appealRow(db, input.appealId);
  if (before.status !== 'open') {
    throw AppError.field('appealId', `申诉#${before.id}已于${before.reviewedAt?.slice(0, 10) ?? ''}复核（${APPEAL_STATUS_LABELS[before.status]}），不能再次复核`);
  }
  const status = input.decision === 'uphold' ? 'upheld' : 'corrected';
  db.prepare('UPDATE appeals SET status = ?, reviewer = ?, review_reason = ?, reviewed_at = ? WHERE id = ?').run(status, ctx.actor.name, input.reason, ctx.now().toISOString(), input.appealId);
  ctx.audit({
    action: input.decision,
    entity: 'appeal',
    entityId: input.appealId,
    oldValue: { personId: before.personId, status: APPEAL_STATUS_LABELS.open },
    newValue: { personId: before.personId, targetKind: before.target, targetId: before.targetId, subject: before.subject, status: APPEAL_STATUS_LABELS[status], reviewer: ctx.actor.name },
    reason: input.reason,
  });
  // 更正: the result is reopened to be changed (unless another correction has reopened it already)
  if (status === 'corrected' && before.targetStatus === 'finalised') {
    const reason = `申诉#${before.id} 更正：${input.reason}`.slice(0, 200);
    if (before.target === 'month') reopenMonth(ctx, { monthId: before.targetId, reason });
    else reopenPeriod(ctx, { periodId: before.targetId, reason });
  }
  return appealRow(db, input.appealId);
}
