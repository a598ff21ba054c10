/** 极端分说明's rows: the lines in force, the reasons of a month, and removing those no longer asked for after a save. */
import type { Database } from 'better-sqlite3';
import { reasonLimits, reasonNeeded, type ReasonLimits } from '../../../shared/domain/sheet-reasons';
import type { HandlerContext } from '../context';
import { prepared } from '../db/statements';
import { getVersion } from '../schemes/queries';

export const KEY_SQL = 'month_id = ? AND person_id = ? AND evaluator_id = ?';

/** The lines a month's version asks reasons at. */
export function monthReasonLimits(db: Database, versionId: number): ReasonLimits {
  return reasonLimits(getVersion(db, versionId));
}

/** A month's reasons, by `${personId}:${evaluatorId}`. */
export function loadReasons(db: Database, monthId: number): Map<string, string> {
  const rows = db.prepare('SELECT person_id, evaluator_id, reason FROM sheet_reasons WHERE month_id = ?').raw().all(monthId) as [number, number, string][];
  return new Map(rows.map(([p, e, r]) => [`${p}:${e}`, r]));
}

/**
 * After a save: the reasons of these people's sheets (by this evaluator) no longer asked for are removed — a sheet
 * back in range once complete, or emptied. A reason on a sheet only partly filled is kept until it is complete again.
 */
export function tidyReasons(ctx: HandlerContext, monthId: number, evaluatorId: number, sheets: { personId: number; total: number; complete: boolean; empty: boolean }[], limits: ReasonLimits): void {
  const read = prepared(ctx.db, `SELECT reason FROM sheet_reasons WHERE ${KEY_SQL}`, 'pluck');
  const remove = prepared(ctx.db, `DELETE FROM sheet_reasons WHERE ${KEY_SQL}`);
  for (const s of sheets) {
    if (!s.empty && !(s.complete && !reasonNeeded(s, limits))) continue;
    const before = read.get(monthId, s.personId, evaluatorId) as string | undefined;
    if (before === undefined) continue;
    remove.run(monthId, s.personId, evaluatorId);
    ctx.audit({
      action: 'clear-reason',
      entity: 'sheet_reason',
      entityId: monthId,
      oldValue: { personId: s.personId, evaluatorId, reason: before },
      newValue: null,
      reason: s.empty ? '评分已清空，说明随之删除' : '评分已回到正常范围，说明随之删除',
    });
  }
}

