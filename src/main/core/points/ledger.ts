/**
 * Writing the points ledger: it is append-only, so there are two ways in: post an entry (with its rule's cap applied)
 * and reverse one (冲销). Derived entries from a month's grades go through here too.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { PointRule } from '../../../shared/contract/points';
import { periodEndDate } from '../../../shared/domain/dates';
import { applyCap, capPeriodRange, reversalOf, type CappedPoints, type PointSource } from '../../../shared/domain/points';
import type { HandlerContext } from '../context';
import { assertPointsInScope } from '../accounts/scope';

export interface NewEntry {
  date: string;
  personId: number;
  rule: Pick<PointRule, 'id' | 'pointsPerUnit' | 'cap' | 'capPeriod'>;
  quantity: number;
  source: PointSource;
  sourceRef: string;
  note: string;
}

/** What a person already has under a rule in the cap period a date falls in. */
export function pointsInCapPeriod(db: Database, rule: Pick<PointRule, 'id' | 'capPeriod'>, personId: number, date: string): number {
  if (rule.capPeriod === null) return 0;
  const { from, to } = capPeriodRange(rule.capPeriod, date);
  return db
    .prepare('SELECT coalesce(sum(points), 0) FROM point_entries WHERE rule_id = ? AND person_id = ? AND date BETWEEN ? AND ?')
    .pluck()
    .get(rule.id, personId, from, to) as number;
}

const insertSql = `INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, source_ref, note, entered_by, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const statements = new WeakMap<Database, Statement>();

/** The insert statement, prepared once per connection: a finalised month posts a thousand entries. */
function insertStatement(db: Database): Statement {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = db.prepare(insertSql)));
  return s;
}

/** Posts one entry with the cap applied; returns its id and what the cap did. */
export function insertEntry(ctx: HandlerContext, e: NewEntry, createdAt = ctx.now().toISOString()): { id: number; result: CappedPoints } {
  // a 考核员 writes only for the people of their units, whatever the source (the derived ones are posted by a 管理员)
  assertPointsInScope(ctx.db, ctx.actor, e.personId, e.date);
  const already = e.rule.cap === null ? 0 : pointsInCapPeriod(ctx.db, e.rule, e.personId, e.date);
  const result = applyCap(e.rule, e.quantity, already);
  const id = Number(
    insertStatement(ctx.db).run(e.date, e.personId, e.rule.id, e.quantity, result.points, result.uncapped, e.source, e.sourceRef, e.note, ctx.actor.name, createdAt)
      .lastInsertRowid,
  );
  return { id, result };
}

/** A ledger row as stored. */
export interface Original {
  id: number;
  date: string;
  person_id: number;
  rule_id: number;
  quantity: number;
  points: number;
  uncapped: number;
  source: PointSource;
  source_ref: string;
}

/** Inserts the reversing entry of an original: dated as the original, so the period it counted in is corrected. */
export function insertReversal(ctx: HandlerContext, original: Original, reason: string): number {
  // whatever the original's source: a month's or an award's points are reversed only within the 考核员's units too
  assertPointsInScope(ctx.db, ctx.actor, original.person_id, original.date, '冲销其积分');
  const r = reversalOf(original);
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, source_ref, note, reverses_id,
                                    entered_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(original.date, original.person_id, original.rule_id, r.quantity, r.points, r.uncapped, original.source, original.source_ref, reason, original.id, ctx.actor.name, ctx.now().toISOString())
      .lastInsertRowid,
  );
}

const monthRef = (monthId: number) => `month:${monthId}`;

/** A month's derived entries that stand: neither reversed nor reversals. */
function liveMonthEntries(db: Database, monthId: number): Original[] {
  return db
    .prepare(
      `SELECT e.id, e.date, e.person_id, e.rule_id, e.quantity, e.points, e.uncapped, e.source, e.source_ref
       FROM point_entries e
       WHERE e.source_ref = ? AND e.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id)
       ORDER BY e.id`,
    )
    .all(monthRef(monthId)) as Original[];
}

/**
 * Posts a finalised month's points by grade, as the rules derived from grades say (the rule in force on the month's
 * last day, dated that day). Once: a month whose postings stand is left alone. Call after its results are saved.
 */
export function postMonthPoints(ctx: HandlerContext, monthId: number): number {
  const { db } = ctx;
  if (liveMonthEntries(db, monthId).length > 0) return 0;
  const month = db
    .prepare('SELECT m.period, s.name FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id WHERE m.id = ?')
    .get(monthId) as { period: string; name: string };
  const date = periodEndDate(month.period);
  const byGrade = new Map<string, NewEntry['rule']>();
  const rules = db
    .prepare(
      `SELECT id, derived, points_per_unit AS pointsPerUnit, cap, cap_period AS capPeriod FROM point_rules
       WHERE derived LIKE 'grade:%' AND active = 1 AND valid_from <= @date AND (valid_to IS NULL OR valid_to >= @date)
       ORDER BY valid_from`,
    )
    .all({ date }) as (NewEntry['rule'] & { derived: string })[];
  for (const rule of rules) byGrade.set(rule.derived.slice(6), rule);
  if (byGrade.size === 0) return 0;
  const results = db
    .prepare('SELECT person_id, grade FROM month_results WHERE month_id = ? AND grade IS NOT NULL ORDER BY person_id')
    .all(monthId) as { person_id: number; grade: string }[];
  let posted = 0;
  let points = 0;
  const at = ctx.now().toISOString();
  for (const r of results) {
    const rule = byGrade.get(r.grade);
    if (!rule) continue;
    const { result } = insertEntry(ctx, {
      date,
      personId: r.person_id,
      rule,
      quantity: 100,
      source: 'month',
      sourceRef: monthRef(monthId),
      note: `${month.period}“${month.name}”等次：${r.grade}`,
    }, at);
    posted++;
    points += result.points;
  }
  if (posted > 0) {
    ctx.audit({ action: 'post-derived', entity: 'point_entries', entityId: monthId, newValue: { source: monthRef(monthId), entries: posted, points } });
  }
  return posted;
}

/** Reverses a month's derived entries when it is reopened; finalising again posts them anew. */
export function reverseMonthPoints(ctx: HandlerContext, monthId: number, reason: string): number {
  const live = liveMonthEntries(ctx.db, monthId);
  for (const e of live) insertReversal(ctx, e, `月度考核重新开启：${reason}`);
  if (live.length > 0) {
    ctx.audit({
      action: 'reverse-derived',
      entity: 'point_entries',
      entityId: monthId,
      oldValue: { source: monthRef(monthId), entries: live.length, points: live.reduce((s, e) => s + e.points, 0) },
      reason,
    });
  }
  return live.length;
}
