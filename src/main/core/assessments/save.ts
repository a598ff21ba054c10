/**
 * The one way scores are written: the scoring grid's cell saves and pastes (assessments.saveScores) and the evaluator
 * workbook's import both come through saveScoreCells, so both are checked alike and audited per score alike.
 */
import type { Database } from 'better-sqlite3';
import type { MonthSummary, SheetRow } from '../../../shared/contract/assessments';
import { isScoreConflict, type ScoreConflict } from '../../../shared/domain/score-conflict';
import { scoreEntryError } from '../../../shared/domain/score-entry';
import { sheetOf, type Criterion } from '../../../shared/domain/scoring';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { assertInScope, assertScoresAs } from '../accounts/scope';
import type { HandlerContext } from '../context';
import { prepared } from '../db/statements';
import { getVersion, loadCriteria, type SchemeVersion } from '../schemes/queries';
import { reasonLimits, reasonNeeded } from '../../../shared/domain/sheet-reasons';
import { monthHeader, type Member } from './compute';
import { KEY_SQL, tidyReasons } from './reason-rows';

/** The month if it is open (its counts left at 0: only the status and version are wanted). */
export function openMonth(db: Database, monthId: number): MonthSummary {
  const m = monthHeader(db, monthId);
  if (m.status !== 'open') throw new AppError('CONFLICT', `${m.period}“${m.schemeName}”已归档，只能查看；如需修改请先重新开启`);
  return m;
}

export function evaluatorExists(db: Database, id: number): void {
  if (!prepared(db, 'SELECT 1 FROM evaluators WHERE id = ?').get(id)) throw AppError.field('evaluatorId', '请选择考核人');
}

/**
 * What one evaluator may do about one worker of an open month (回避, 评分说明): the month open, the evaluator real and
 * the caller's own, the worker a member within the caller's units. `doing` names it in the refusal (登记回避).
 */
export function openSheetOf(
  ctx: HandlerContext,
  input: { monthId: number; personId: number; evaluatorId: number },
  doing: string,
): { month: MonthSummary; member: { name: string; unitId: number } } {
  const { db } = ctx;
  const month = openMonth(db, input.monthId);
  evaluatorExists(db, input.evaluatorId);
  assertScoresAs(db, ctx.actor, input.evaluatorId);
  const member = db
    .prepare('SELECT p.name, mm.unit_id AS unitId FROM month_members mm JOIN people p ON p.id = mm.person_id WHERE mm.month_id = ? AND mm.person_id = ?')
    .get(input.monthId, input.personId) as { name: string; unitId: number } | undefined;
  if (!member) throw AppError.field('personId', '此人不是本月的考核对象');
  assertInScope(db, ctx.actor, [member], doing);
  return { month, member };
}

interface KeptVersion {
  publishedAt: string;
  version: SchemeVersion;
  criteria: Criterion[];
}

const keptVersions = new WeakMap<Database, Map<number, KeptVersion>>();

/**
 * A month's version and its criteria, as a save needs them on every keystroke. A published version is read-only
 * (migration 0020), so it is read once per connection and kept; it is used again only while the file still says it was
 * published at that moment (a publish rolled back and done again is read afresh). A draft is read each time.
 */
export function versionForSaving(db: Database, versionId: number): { version: SchemeVersion; criteria: Criterion[] } {
  const row = prepared(db, 'SELECT status, published_at AS publishedAt FROM scheme_versions WHERE id = ?').get(versionId) as
    | { status: string; publishedAt: string | null }
    | undefined;
  const published = row?.status === 'published' && row.publishedAt !== null ? row.publishedAt : null;
  let kept = keptVersions.get(db);
  const found = kept?.get(versionId);
  if (found && published !== null && found.publishedAt === published) return found;
  const fresh = { publishedAt: published ?? '', version: getVersion(db, versionId), criteria: loadCriteria(db, versionId) };
  if (published !== null) {
    if (!kept) keptVersions.set(db, (kept = new Map()));
    kept.set(versionId, fresh);
  }
  return fresh;
}

/** Under group weights, a sheet counts only in one of the scheme's groups: refuse it rather than lose it silently. */
export function assertEvaluatorCounts(db: Database, versionId: number, evaluatorId: number, given?: SchemeVersion): void {
  const version = given ?? getVersion(db, versionId);
  if (version.aggregation !== 'group_weights') return;
  const evaluator = prepared(db, 'SELECT name, group_name AS "group" FROM evaluators WHERE id = ?').get(evaluatorId) as { name: string; group: string };
  const groups = version.groups.map((g) => g.name);
  if (!groups.includes(evaluator.group)) {
    throw AppError.field(
      'evaluatorId',
      `考核人“${evaluator.name}”${evaluator.group ? `属于“${evaluator.group}”` : '没有填写考核组'}，本方案按考核组（${groups.join('、')}）加权，他的评分不会计入；请选择这些考核组的考核人`,
    );
  }
}

/**
 * Why a cell cannot be saved for this person, or null: a member of the month, a criterion of its version, not
 * exempt, and a value and note the criterion allows. An empty value (null) clears the cell and is always allowed.
 */
export function scoreCellIssue(person: Pick<Member, 'exemptReason'> | undefined, c: Criterion | undefined, value: number | null, note: string): string | null {
  if (!person) return '不是本月的考核对象';
  if (!c) return '指标不属于本月使用的方案版本';
  if (person.exemptReason) return `本月免考（${person.exemptReason}），不需打分`;
  if (value === null) return null;
  return scoreEntryError(c, value, note);
}

export interface CellToSave {
  personId: number;
  criterionId: number;
  /** null clears the cell. */
  value: number | null;
  note: string;
  /** The value the sender last saw in the cell (null: empty); absent when it does not say (the 考核表 import). */
  seen?: number | null;
  /** The note the sender last saw in the cell; absent when it does not say. */
  seenNote?: string;
}

/** Who saved a cell last and when: the score's own record, else the log (a cell cleared, or saved before 0220). */
function lastChange(
  ctx: HandlerContext,
  key: readonly [number, number, number, number],
  stored: { updatedBy: string | null; updatedAt: string } | undefined,
): { by: string | null; at: string | null } {
  if (stored?.updatedBy) return { by: stored.updatedBy, at: stored.updatedAt };
  const [monthId, personId, evaluatorId, criterionId] = key;
  const row = prepared(
    ctx.db,
    `SELECT actor, at FROM audit_log WHERE entity = 'score' AND entity_id = ? AND action = 'score' AND json_valid(new_value)
       AND json_extract(new_value, '$.personId') = ? AND json_extract(new_value, '$.evaluatorId') = ? AND json_extract(new_value, '$.criterionId') = ?
     ORDER BY id DESC LIMIT 1`,
  ).get(monthId, personId, evaluatorId, criterionId) as { actor: string; at: string } | undefined;
  return row ? { by: row.actor, at: row.at } : { by: null, at: stored?.updatedAt ?? null };
}

/**
 * The cells whose stored value changed since their sender saw it (domain/score-conflict.ts): when there is any, the
 * save is not applied at all, and these are returned for the sender to choose.
 */
function conflictsOf(ctx: HandlerContext, monthId: number, evaluatorId: number, cells: readonly CellToSave[], criteria: Map<number, Criterion>): ScoreConflict[] {
  const read = prepared(
    ctx.db,
    'SELECT value, note, updated_by AS updatedBy, updated_at AS updatedAt FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ? AND criterion_id = ?',
  );
  const nameOf = prepared(ctx.db, 'SELECT name FROM people WHERE id = ?', 'pluck');
  const out: ScoreConflict[] = [];
  for (const cell of cells) {
    if (cell.seen === undefined) continue;
    const key = [monthId, cell.personId, evaluatorId, cell.criterionId] as const;
    const stored = read.get(...key) as { value: number; note: string; updatedBy: string | null; updatedAt: string } | undefined;
    const seen = { value: cell.seen, note: cell.seenNote };
    if (!isScoreConflict(seen, { value: stored?.value ?? null, note: stored?.note ?? '' }, { value: cell.value, note: cell.note })) continue;
    const c = criteria.get(cell.criterionId)!;
    out.push({
      personId: cell.personId,
      criterionId: cell.criterionId,
      personName: (nameOf.get(cell.personId) as string | undefined) ?? '',
      criterionName: c.name,
      criterionKind: c.kind,
      seen: cell.seen,
      ...(cell.seenNote === undefined ? {} : { seenNote: cell.seenNote }),
      mine: cell.value,
      theirs: stored?.value ?? null,
      theirNote: stored?.note ?? '',
      ...lastChange(ctx, key, stored),
    });
  }
  return out;
}

/**
 * Saves an evaluator's cells in an open month: all or none (any wrong cell refuses the lot, as does a person outside a
 * 考核员's units), each changed score audited with its old and new value. Returns the new sheet totals of the people the cells name.
 */
export function saveScoreCells(
  ctx: HandlerContext,
  monthId: number,
  evaluatorId: number,
  cells: readonly CellToSave[],
  reason?: string,
): { saved: number; rows: Pick<SheetRow, 'personId' | 'total' | 'complete' | 'veto' | 'reasonNeeded' | 'reason'>[]; conflicts: ScoreConflict[] } {
  const { db } = ctx;
  const month = openMonth(db, monthId);
  evaluatorExists(db, evaluatorId);
  assertScoresAs(db, ctx.actor, evaluatorId);
  const { version, criteria: list } = versionForSaving(db, month.versionId);
  assertEvaluatorCounts(db, month.versionId, evaluatorId, version);
  const criteria = new Map(list.map((c) => [c.id, c]));
  // only the members the cells name: a one-cell save stays quick in a month of a thousand workers
  const memberOf = prepared(
    db,
    `SELECT mm.person_id AS personId, p.name, mm.unit_id AS unitId, mm.role, mm.exempt_reason AS exemptReason
     FROM month_members mm JOIN people p ON p.id = mm.person_id WHERE mm.month_id = ? AND mm.person_id = ?`,
  );
  const members = new Map<number, Member | undefined>();
  for (const cell of cells) {
    if (!members.has(cell.personId)) members.set(cell.personId, memberOf.get(monthId, cell.personId) as Member | undefined);
  }
  // a 考核员 scores only the people of their own units
  assertInScope(db, ctx.actor, [...members.values()].filter((m): m is Member => m !== undefined));
  const issues: FieldIssue[] = [];
  const nameOf = prepared(db, 'SELECT name FROM people WHERE id = ?', 'pluck');
  const recusal = prepared(db, 'SELECT reason FROM recusals WHERE month_id = ? AND person_id = ? AND evaluator_id = ?', 'pluck');
  cells.forEach((cell, i) => {
    const person = members.get(cell.personId);
    const c = criteria.get(cell.criterionId);
    const recused = recusal.get(monthId, cell.personId, evaluatorId) as string | undefined;
    const issue = recused !== undefined && cell.value !== null ? `该考核人已回避（${recused}），不为其打分` : scoreCellIssue(person, c, cell.value, cell.note);
    if (issue === null) return;
    const name = person?.name ?? (nameOf.get(cell.personId) as string | undefined) ?? '（未知人员）';
    issues.push({ field: `cells.${i}`, row: i + 1, column: c?.name ?? '', message: `${name}·${issue}` });
  });
  if (issues.length > 0) {
    throw new AppError('VALIDATION', issues.length === 1 ? issues[0]!.message : `有${issues.length}个单元格有误，均未保存：${issues[0]!.message}`, issues);
  }
  // two people on one cell: a save that did not see the other's change is not applied (they choose, and send again)
  const conflicts = conflictsOf(ctx, monthId, evaluatorId, cells, criteria);
  if (conflicts.length > 0) return { saved: 0, rows: [], conflicts };
  const at = ctx.now().toISOString();
  const read = prepared(db, 'SELECT value, note FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ? AND criterion_id = ?');
  const upsert = prepared(
    db,
    `INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (month_id, person_id, evaluator_id, criterion_id) DO UPDATE SET value = excluded.value, note = excluded.note,
     updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const remove = prepared(db, 'DELETE FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ? AND criterion_id = ?');
  let saved = 0;
  for (const cell of cells) {
    const key = [monthId, cell.personId, evaluatorId, cell.criterionId] as const;
    const old = read.get(...key) as { value: number; note: string } | undefined;
    const note = criteria.get(cell.criterionId)!.kind === 'score' ? '' : cell.note;
    if (cell.value === null ? old === undefined : old?.value === cell.value && old.note === note) continue;
    if (cell.value === null) remove.run(...key);
    else upsert.run(...key, cell.value, note, at, ctx.actor.name);
    saved++;
    ctx.audit({
      action: 'score',
      entity: 'score',
      entityId: monthId,
      oldValue: old ? { personId: cell.personId, evaluatorId, criterionId: cell.criterionId, ...old } : null,
      newValue: { personId: cell.personId, evaluatorId, criterionId: cell.criterionId, value: cell.value, note },
      ...(reason ? { reason } : {}),
    });
  }
  const people = [...new Set(cells.map((c) => c.personId))];
  const sheetValues = prepared(db, 'SELECT criterion_id, value FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ?', 'raw');
  const sheets = people.map((personId) => {
    const values = new Map(sheetValues.all(monthId, personId, evaluatorId) as [number, number][]);
    return { personId, empty: values.size === 0, ...sheetOf(list, values) };
  });
  // 极端分说明: a reason no longer asked for goes with the save that made it so
  const limits = reasonLimits(version);
  tidyReasons(ctx, monthId, evaluatorId, sheets, limits);
  const readReason = prepared(db, `SELECT reason FROM sheet_reasons WHERE ${KEY_SQL}`, 'pluck');
  const rows = sheets.map((sheet) => ({
    personId: sheet.personId,
    total: sheet.total,
    complete: sheet.complete,
    veto: sheet.veto,
    reasonNeeded: reasonNeeded(sheet, limits),
    reason: (readReason.get(monthId, sheet.personId, evaluatorId) as string | undefined) ?? '',
  }));
  return { saved, rows, conflicts: [] };
}
