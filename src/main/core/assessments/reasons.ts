/**
 * 极端分说明: an evaluator's complete sheet totalling at or above its version's high line (满分) or under its low line
 * (60) asks for a reason. The scoring sheet tells which rows ask and what they hold; saving one is checked as saving
 * scores is (an open month, the evaluator the caller scores as, a worker in their units) and audited. A reason that is
 * no longer asked for (the sheet back in range, or emptied) is removed with the save that made it so, audited too.
 * Asking never blocks finalising: the month view lists the sheets still lacking one.
 */
import type { Database } from 'better-sqlite3';
import type { ExtremeSheet } from '../../../shared/contract/assessments';
import { reasonAsked, reasonNeeded } from '../../../shared/domain/sheet-reasons';
import { formatHundredths, sheetOf } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import { scoringScope } from '../accounts/scope';
import type { Actor, HandlerContext } from '../context';
import { subtreeIds, unitPaths } from '../org/queries';
import { loadCriteria } from '../schemes/queries';
import { loadEvaluators, loadMembers, loadScores, monthHeader } from './compute';
import { KEY_SQL, loadReasons, monthReasonLimits } from './reason-rows';
import { openSheetOf } from './save';

/** Records (or with '' clears) the reason for one evaluator's sheet of one worker. */
export function setSheetReason(ctx: HandlerContext, input: { monthId: number; personId: number; evaluatorId: number; reason: string }): { reasonNeeded: boolean; reason: string } {
  const { db } = ctx;
  const { month, member } = openSheetOf(ctx, input, '填写评分说明');
  const key = [input.monthId, input.personId, input.evaluatorId] as const;
  const before = db.prepare(`SELECT reason FROM sheet_reasons WHERE ${KEY_SQL}`).pluck().get(...key) as string | undefined;
  const criteria = loadCriteria(db, month.versionId);
  const values = loadScores(db, input.monthId, input.personId).values.get(input.personId)?.get(input.evaluatorId) ?? new Map<number, number>();
  const sheet = sheetOf(criteria, values);
  const limits = monthReasonLimits(db, month.versionId);
  const needed = reasonNeeded(sheet, limits);
  const value = { personId: input.personId, evaluatorId: input.evaluatorId };
  if (input.reason === '') {
    if (before === undefined) return { reasonNeeded: needed, reason: '' };
    db.prepare(`DELETE FROM sheet_reasons WHERE ${KEY_SQL}`).run(...key);
    ctx.audit({ action: 'clear-reason', entity: 'sheet_reason', entityId: input.monthId, oldValue: { ...value, reason: before }, newValue: null });
    return { reasonNeeded: needed, reason: '' };
  }
  if (!needed) {
    const evaluator = loadEvaluators(db).get(input.evaluatorId)?.name ?? '';
    throw AppError.field(
      'reason',
      sheet.complete
        ? `${evaluator}给${member.name}的评分合计${formatHundredths(sheet.total)}分，在正常范围内，不需要填写说明`
        : `${evaluator}给${member.name}的评分项尚未填完，填完后合计达到${formatHundredths(limits.high)}分或低于${formatHundredths(limits.low)}分才需要说明`,
    );
  }
  if (before === input.reason) return { reasonNeeded: true, reason: before };
  db.prepare(
    `INSERT INTO sheet_reasons (month_id, person_id, evaluator_id, reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (month_id, person_id, evaluator_id) DO UPDATE SET reason = excluded.reason`,
  ).run(...key, input.reason);
  ctx.audit({
    action: 'reason',
    entity: 'sheet_reason',
    entityId: input.monthId,
    oldValue: before === undefined ? null : { ...value, reason: before },
    newValue: { ...value, reason: input.reason, total: sheet.total },
    reason: input.reason,
  });
  return { reasonNeeded: true, reason: input.reason };
}

/** Every sheet of a month (in a unit, within a 考核员's units) that asks for a reason, with the reason it has ('' for none). */
export function extremeSheets(db: Database, actor: Actor, monthId: number, unitId: number | null): ExtremeSheet[] {
  const month = monthHeader(db, monthId);
  const criteria = loadCriteria(db, month.versionId);
  const limits = monthReasonLimits(db, month.versionId);
  const within = unitId === null ? null : new Set(subtreeIds(db, unitId));
  const scope = scoringScope(db, actor);
  const members = loadMembers(db, monthId).filter((m) => !m.exemptReason && (within === null || within.has(m.unitId)) && (scope === null || scope.has(m.unitId)));
  const { values } = loadScores(db, monthId);
  const reasons = loadReasons(db, monthId);
  const evaluators = loadEvaluators(db);
  const paths = unitPaths(db);
  const out: ExtremeSheet[] = [];
  for (const m of members) {
    for (const [evaluatorId, sheetValues] of values.get(m.personId) ?? []) {
      const sheet = sheetOf(criteria, sheetValues);
      if (!reasonNeeded(sheet, limits)) continue;
      out.push({
        personId: m.personId,
        name: m.name,
        unitPath: paths.get(m.unitId) ?? '',
        evaluatorId,
        evaluatorName: evaluators.get(evaluatorId)?.name ?? '',
        total: sheet.total,
        asked: reasonAsked(sheet.total, limits),
        reason: reasons.get(`${m.personId}:${evaluatorId}`) ?? '',
      });
    }
  }
  return out;
}
