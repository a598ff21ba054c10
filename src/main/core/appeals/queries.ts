/**
 * What the appeals area lets others read: the appeals (by status, within a 考核员's units), what a person may still
 * appeal against, the appeals corrected since a target was last finalised (its re-finalise names them), and the
 * audit entries of one appeal's chain (申诉 → 复核更正 → 重新开启 → changes → 归档) for 操作日志.
 */
import type { Database } from 'better-sqlite3';
import type { AppealableTarget, AppealRow, AppealStatus, AppealTarget } from '../../../shared/contract/appeals';
import { todayInShanghai } from '../../../shared/domain/dates';
import type { Grade } from '../../../shared/domain/scoring';
import { starPeriodLabel } from '../../../shared/domain/stars';
import { AppError } from '../../../shared/errors';
import { scoringScope } from '../accounts/scope';
import { communities } from '../analysis/records';
import type { Actor } from '../context';
import { unitPaths } from '../org/queries';
import { readAppealSettings } from '../settings/queries';

/** A day `days` after `date` (YYYY-MM-DD). */
export function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A month or period as an appeal sees it: what it is called, its state, the day it was finalised. */
export interface TargetInfo {
  target: AppealTarget;
  targetId: number;
  subject: string;
  status: 'open' | 'finalised';
  finalisedOn: string | null;
}

export function targetInfo(db: Database, target: AppealTarget, targetId: number): TargetInfo {
  const row = (
    target === 'month'
      ? db.prepare('SELECT m.period, m.status, m.finalised_at, s.name FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id WHERE m.id = ?').get(targetId)
      : db.prepare('SELECT a.period, a.status, a.finalised_at, s.name FROM period_assessments a JOIN period_schemes s ON s.id = a.period_scheme_id WHERE a.id = ?').get(targetId)
  ) as { period: string; status: 'open' | 'finalised'; finalised_at: string | null; name: string } | undefined;
  if (!row) throw AppError.field(target === 'month' ? 'monthId' : 'periodId', target === 'month' ? '该考核月份不存在' : '该考核期间不存在');
  return {
    target,
    targetId,
    subject: `${target === 'month' ? row.period : starPeriodLabel(row.period)} ${row.name}`,
    status: row.status,
    finalisedOn: row.finalised_at ? todayInShanghai(new Date(row.finalised_at)) : null,
  };
}

/** The person's unit in the target (where a 考核员's scope is judged), or undefined when they were not assessed in it. */
export function memberUnit(db: Database, target: AppealTarget, targetId: number, personId: number): number | undefined {
  const sql =
    target === 'month'
      ? 'SELECT unit_id FROM month_members WHERE month_id = ? AND person_id = ?'
      : 'SELECT unit_id FROM period_members WHERE period_id = ? AND person_id = ?';
  return db.prepare(sql).pluck().get(targetId, personId) as number | undefined;
}

function sealedResult(db: Database, target: AppealTarget, targetId: number, personId: number): { total: number | null; grade: Grade | null } {
  const sql =
    target === 'month'
      ? 'SELECT total, grade FROM month_results WHERE month_id = ? AND person_id = ?'
      : 'SELECT total, grade FROM period_results WHERE period_id = ? AND person_id = ?';
  return (db.prepare(sql).get(targetId, personId) as { total: number | null; grade: Grade | null } | undefined) ?? { total: null, grade: null };
}

interface AppealRecord {
  id: number;
  target: AppealTarget;
  target_id: number;
  person_id: number;
  filed_on: string;
  filed_by: string;
  reason: string;
  status: AppealStatus;
  reviewer: string | null;
  review_reason: string | null;
  reviewed_at: string | null;
}

function toRows(db: Database, records: AppealRecord[], scope: Set<number> | null): AppealRow[] {
  const paths = unitPaths(db);
  const units = communities(db);
  const name = db.prepare('SELECT name FROM people WHERE id = ?').pluck();
  const targets = new Map<string, TargetInfo>();
  const rows: AppealRow[] = [];
  for (const r of records) {
    const key = `${r.target}:${r.target_id}`;
    if (!targets.has(key)) targets.set(key, targetInfo(db, r.target, r.target_id));
    const t = targets.get(key)!;
    const unitId = memberUnit(db, r.target, r.target_id, r.person_id);
    if (scope !== null && (unitId === undefined || !scope.has(unitId))) continue;
    rows.push({
      id: r.id,
      target: r.target,
      targetId: r.target_id,
      subject: t.subject,
      targetStatus: t.status,
      personId: r.person_id,
      name: name.get(r.person_id) as string,
      unitPath: unitId === undefined ? '' : (paths.get(unitId) ?? ''),
      communityId: unitId === undefined ? null : units.community(unitId).id,
      ...sealedResult(db, r.target, r.target_id, r.person_id),
      filedOn: r.filed_on,
      filedBy: r.filed_by,
      reason: r.reason,
      status: r.status,
      reviewer: r.reviewer,
      reviewReason: r.review_reason,
      reviewedAt: r.reviewed_at,
    });
  }
  return rows;
}

/** Appeals, newest first: the open ones or all; a 考核员 sees those of the people in their units. */
export function listAppeals(db: Database, actor: Actor, status: 'open' | 'all'): AppealRow[] {
  const records = db
    .prepare(`SELECT * FROM appeals ${status === 'open' ? "WHERE status = 'open'" : ''} ORDER BY id DESC`)
    .all() as AppealRecord[];
  return toRows(db, records, scoringScope(db, actor));
}

export function appealRow(db: Database, id: number): AppealRow {
  const record = db.prepare('SELECT * FROM appeals WHERE id = ?').get(id) as AppealRecord | undefined;
  if (!record) throw AppError.field('appealId', `申诉#${id}不存在`);
  return toRows(db, [record], null)[0]!;
}

/** How many appeals wait for review, among the people `visible` (by their unit in the target) lets through. */
export function openAppealCount(db: Database, visible: (unitId: number) => boolean): { count: number; oldest: string | null } {
  const open = db.prepare("SELECT target, target_id, person_id, filed_on FROM appeals WHERE status = 'open' ORDER BY filed_on").all() as {
    target: AppealTarget;
    target_id: number;
    person_id: number;
    filed_on: string;
  }[];
  const mine = open.filter((a) => {
    const unit = memberUnit(db, a.target, a.target_id, a.person_id);
    return unit !== undefined && visible(unit);
  });
  return { count: mine.length, oldest: mine[0]?.filed_on ?? null };
}

/** The finalised months and periods the person was assessed in whose appeal window is still open today. */
export function appealableTargets(db: Database, personId: number, today: string): AppealableTarget[] {
  const days = readAppealSettings(db).appealDays;
  const months = db
    .prepare("SELECT m.id FROM month_members mm JOIN assessment_months m ON m.id = mm.month_id WHERE mm.person_id = ? AND m.status = 'finalised' ORDER BY m.period DESC, m.id")
    .pluck()
    .all(personId) as number[];
  const periods = db
    .prepare("SELECT a.id FROM period_members pm JOIN period_assessments a ON a.id = pm.period_id WHERE pm.person_id = ? AND a.status = 'finalised' ORDER BY a.period DESC, a.id")
    .pluck()
    .all(personId) as number[];
  const out: AppealableTarget[] = [];
  for (const [target, ids] of [['month', months], ['period', periods]] as const) {
    for (const id of ids) {
      const t = targetInfo(db, target, id);
      const lastDay = daysAfter(t.finalisedOn!, days);
      if (today > lastDay) continue;
      out.push({ target, targetId: id, subject: t.subject, finalisedOn: t.finalisedOn!, lastDay, ...sealedResult(db, target, id, personId) });
    }
  }
  return out;
}

const TARGET_ENTITY: Record<AppealTarget, string> = { month: 'assessment_month', period: 'period_assessment' };
/** The entries that change a target while it is reopened: shown in an appeal's chain between its correction and the re-finalise. */
const CHANGE_ENTITIES: Record<AppealTarget, string[]> = {
  month: ['assessment_month', 'score', 'month_member', 'recusal', 'sheet_reason'],
  period: ['period_assessment', 'appraisal_ballot', 'period_tie'],
};

/** The appeals of a target corrected since it was last finalised: its next finalise names them. */
export function appealsCorrectedSinceFinalise(db: Database, target: AppealTarget, targetId: number): number[] {
  return db
    .prepare(
      `SELECT DISTINCT l.entity_id FROM audit_log l JOIN appeals a ON a.id = l.entity_id
        WHERE l.entity = 'appeal' AND l.action = 'correct' AND a.target = @target AND a.target_id = @targetId AND a.status = 'corrected'
          AND l.id > coalesce((SELECT max(f.id) FROM audit_log f WHERE f.entity = @entity AND f.entity_id = @targetId AND f.action = 'finalise'), 0)
        ORDER BY l.entity_id`,
    )
    .pluck()
    .all({ target, targetId, entity: TARGET_ENTITY[target] }) as number[];
}

/**
 * The audit entries of one appeal's chain: its own (filed, reviewed), and for a correction the target's entries from
 * the correction to the finalise that names the appeal (or to now while it is reopened): 重新开启, the changes, 归档.
 */
export function appealChainIds(db: Database, appealId: number): number[] {
  const appeal = db.prepare('SELECT target, target_id FROM appeals WHERE id = ?').get(appealId) as { target: AppealTarget; target_id: number } | undefined;
  if (!appeal) return [];
  const own = db.prepare("SELECT id, action FROM audit_log WHERE entity = 'appeal' AND entity_id = ? ORDER BY id").all(appealId) as { id: number; action: string }[];
  const corrected = own.find((e) => e.action === 'correct');
  if (!corrected) return own.map((e) => e.id);
  const entity = TARGET_ENTITY[appeal.target];
  const finalise = db
    .prepare(
      `SELECT min(id) FROM audit_log WHERE entity = ? AND entity_id = ? AND action = 'finalise' AND id > ?
         AND EXISTS (SELECT 1 FROM json_each(json_extract(new_value, '$.appeals')) WHERE value = ?)`,
    )
    .pluck()
    .get(entity, appeal.target_id, corrected.id, appealId) as number | null;
  const entities = CHANGE_ENTITIES[appeal.target];
  const changes = db
    .prepare(
      `SELECT id FROM audit_log WHERE entity IN (${entities.map(() => '?').join(',')}) AND entity_id = ? AND id > ? ${finalise === null ? '' : 'AND id <= ?'} ORDER BY id`,
    )
    .pluck()
    .all(...entities, appeal.target_id, corrected.id, ...(finalise === null ? [] : [finalise])) as number[];
  return [...own.map((e) => e.id), ...changes];
}
