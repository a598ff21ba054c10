import type { Database } from 'better-sqlite3';
import type { assessmentsContract, MonthSummary, ResultRow, SheetRow } from '../../../shared/contract/assessments';
import { periodEndDate, periodMonthsBefore } from '../../../shared/domain/dates';
import type { Role } from '../../../shared/domain/people';
import { GRADES, gradeOf, sheetOf, type Grade } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import type { Handlers } from '../handler-types';
import { scoringScope } from '../accounts/scope';
import { subtreeIds, unitPaths } from '../org/queries';
import { postMonthPoints, reverseMonthPoints } from '../points/ledger';
import { getVersion, loadCriteria } from '../schemes/queries';
import { computeMonth, loadEvaluators, type ComputedMonth, loadMembers, loadScores, monthHeader, monthSummary, personResult } from './compute';
import { evaluatorExists, openMonth, saveScoreCells } from './save';

/**
 * A finalised month shows the totals, grades and ranks it was finalised with, even if units have moved since; only
 * names and paths are read afresh.
 */
function keepFinalisedResults(db: Database, monthId: number, rows: ResultRow[]): void {
  const kept = db
    .prepare('SELECT person_id, total, grade, veto, rank_in_unit, rank_in_role FROM month_results WHERE month_id = ?')
    .all(monthId) as { person_id: number; total: number | null; grade: Grade | null; veto: number; rank_in_unit: number | null; rank_in_role: number | null }[];
  const byPerson = new Map(kept.map((k) => [k.person_id, k]));
  for (const r of rows) {
    const k = byPerson.get(r.personId);
    if (!k) continue;
    Object.assign(r, { total: k.total, grade: k.grade, veto: k.veto === 1, rankInUnit: k.rank_in_unit, rankInRole: k.rank_in_role });
  }
}

/** Members of a unit and everything below it (all members when unitId is null). */
function inUnit(db: Database, unitId: number | null): (unit: number) => boolean {
  if (unitId === null) return () => true;
  const ids = new Set(subtreeIds(db, unitId));
  return (u) => ids.has(u);
}

function emptyGradeCounts(): Record<Grade, number> {
  return Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
}

/** Saves a month's finalised results for history and reports. */
function snapshotResults(ctx: HandlerContext, monthId: number, computed: ComputedMonth): void {
  const insert = ctx.db.prepare(
    'INSERT INTO month_results (month_id, person_id, total, grade, veto, rank_in_unit, rank_in_role) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of computed.rows) insert.run(monthId, r.personId, r.total, r.grade, r.veto ? 1 : 0, r.rankInUnit, r.rankInRole);
}

/** How far three falls in a row must go, in all, to count as slipping (and three rises as rising): 5 points. */
export const TREND_MIN_CHANGE = 500;

/**
 * Marks who fell (or rose) three months in a row: this month and the three finalised ones before it, of the same
 * scheme, each lower (higher) than the last, by at least TREND_MIN_CHANGE in all. Small monthly noise is not a trend.
 */
function markTrends(db: Database, month: MonthSummary, rows: ResultRow[]): void {
  const earlier = db
    .prepare(
      `SELECT r.person_id, r.total FROM month_results r JOIN assessment_months m ON m.id = r.month_id
       WHERE m.scheme_id = ? AND m.period < ? AND m.status = 'finalised' AND m.period >= ?
       ORDER BY m.period`,
    )
    .all(month.schemeId, month.period, periodMonthsBefore(month.period, 3)) as { person_id: number; total: number | null }[];
  const series = new Map<number, (number | null)[]>();
  for (const e of earlier) series.set(e.person_id, [...(series.get(e.person_id) ?? []), e.total]);
  for (const r of rows) {
    const s = [...(series.get(r.personId) ?? []), r.total];
    if (s.length < 4 || s.some((t) => t === null)) continue;
    const steps = s.slice(1).map((t, i) => t! - s[i]!);
    const change = s[3]! - s[0]!;
    if (steps.every((d) => d < 0) && change <= -TREND_MIN_CHANGE) r.trend = 'falling';
    else if (steps.every((d) => d > 0) && change >= TREND_MIN_CHANGE) r.trend = 'rising';
  }
}

export const assessmentsHandlers: Handlers<typeof assessmentsContract> = {
  'evaluators.list': (ctx) =>
    ctx.db.prepare('SELECT id, name, group_name AS "group" FROM evaluators ORDER BY group_name, id').all() as {
      id: number;
      name: string;
      group: string;
    }[],

  'evaluators.create': (ctx, input) => {
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
  },

  'assessments.months': (ctx, input) => {
    const ids = ctx.db
      .prepare(`SELECT id FROM assessment_months ${input.schemeId ? 'WHERE scheme_id = ?' : ''} ORDER BY period DESC, id`)
      .pluck()
      .all(...(input.schemeId ? [input.schemeId] : [])) as number[];
    return ids.map((id) => monthSummary(ctx.db, id));
  },

  'assessments.open': (ctx, input) => {
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
  },

  'assessments.sheet': (ctx, input) => {
    const { db } = ctx;
    const month = monthSummary(db, input.monthId);
    evaluatorExists(db, input.evaluatorId);
    const criteria = loadCriteria(db, month.versionId);
    const paths = unitPaths(db);
    const within = inUnit(db, input.unitId);
    const scope = scoringScope(db, ctx.actor); // a 考核员 sees only the people they may score
    const members = loadMembers(db, input.monthId).filter((m) => within(m.unitId) && (scope === null || scope.has(m.unitId)));
    const { values, notes } = loadScores(db, input.monthId);
    const rows: SheetRow[] = members.map((m) => {
      const mine = values.get(m.personId)?.get(input.evaluatorId) ?? new Map<number, number>();
      const sheet = sheetOf(criteria, mine);
      const rowNotes: Record<number, string> = {};
      for (const c of criteria) {
        const note = notes.get(`${m.personId}:${input.evaluatorId}:${c.id}`);
        if (note) rowNotes[c.id] = note;
      }
      return {
        personId: m.personId,
        name: m.name,
        unitPath: paths.get(m.unitId) ?? '',
        role: m.role,
        exemptReason: m.exemptReason,
        values: Object.fromEntries(mine),
        notes: rowNotes,
        total: sheet.total,
        complete: sheet.complete,
        veto: sheet.veto,
      };
    });
    const evaluators = loadEvaluators(db);
    const toScore = members.filter((m) => !m.exemptReason);
    const progressIds = new Set<number>([input.evaluatorId]);
    for (const byEvaluator of values.values()) for (const id of byEvaluator.keys()) progressIds.add(id);
    const progress = [...progressIds].map((id) => ({
      evaluatorId: id,
      name: evaluators.get(id)?.name ?? '',
      group: evaluators.get(id)?.group ?? '',
      scored: toScore.filter((m) => {
        const sheet = values.get(m.personId)?.get(id);
        return sheet !== undefined && sheetOf(criteria, sheet).complete;
      }).length,
      toScore: toScore.length,
    }));
    return { month, criteria, rows, progress };
  },

  'assessments.saveScores': (ctx, input) => saveScoreCells(ctx, input.monthId, input.evaluatorId, input.cells),

  'assessments.results': (ctx, input) => {
    const computed = computeMonth(ctx.db, input.monthId);
    const within = inUnit(ctx.db, input.unitId);
    const rows = computed.rows.filter((r) => within(r.unitId));
    if (computed.summary.status === 'finalised') keepFinalisedResults(ctx.db, input.monthId, rows);
    markTrends(ctx.db, computed.summary, rows);
    const gradeCounts = emptyGradeCounts();
    for (const r of rows) if (r.grade) gradeCounts[r.grade]++;
    return { month: computed.summary, bands: computed.version.bands, categories: computed.categories, rows, gradeCounts };
  },

  'assessments.derivation': (ctx, input) => {
    const { db } = ctx;
    const month = monthHeader(db, input.monthId);
    const member = loadMembers(db, input.monthId).find((m) => m.personId === input.personId);
    if (!member) throw new AppError('NOT_FOUND', '此人不是本月的考核对象');
    const version = getVersion(db, month.versionId);
    const criteria = loadCriteria(db, month.versionId);
    const evaluators = loadEvaluators(db);
    const { values, notes } = loadScores(db, input.monthId, input.personId);
    const { sheets, combined } = personResult(version, criteria, evaluators, values.get(input.personId));
    return {
      personId: input.personId,
      name: member.name,
      period: month.period,
      schemeName: month.schemeName,
      version: month.version,
      aggregation: version.aggregation,
      groups: version.groups,
      criteria,
      sheets: sheets.map((s) => ({
        ...s,
        evaluatorName: evaluators.get(s.evaluatorId)?.name ?? '',
        group: evaluators.get(s.evaluatorId)?.group ?? '',
        notes: Object.fromEntries(
          criteria.flatMap((c) => {
            const note = notes.get(`${input.personId}:${s.evaluatorId}:${c.id}`);
            return note ? [[c.id, note]] : [];
          }),
        ),
      })),
      combined,
      grade: combined.total === null || member.exemptReason ? null : gradeOf(combined.total, combined.veto, version.bands),
    };
  },

  'assessments.setExempt': (ctx, input) => {
    openMonth(ctx.db, input.monthId);
    const before = ctx.db
      .prepare('SELECT exempt_reason FROM month_members WHERE month_id = ? AND person_id = ?')
      .pluck()
      .get(input.monthId, input.personId) as string | undefined;
    if (before === undefined) throw new AppError('NOT_FOUND', '此人不是本月的考核对象');
    ctx.db.prepare('UPDATE month_members SET exempt_reason = ? WHERE month_id = ? AND person_id = ?').run(input.reason, input.monthId, input.personId);
    ctx.audit({ action: 'exempt', entity: 'month_member', entityId: input.monthId, oldValue: { personId: input.personId, reason: before }, newValue: { personId: input.personId, reason: input.reason } });
    return { personId: input.personId, exemptReason: input.reason };
  },

  'assessments.finalise': (ctx, input) => {
    const { db } = ctx;
    openMonth(db, input.monthId);
    const computed = computeMonth(db, input.monthId);
    const missing = computed.rows.filter((r) => !r.exemptReason && r.total === null);
    if (missing.length > 0) {
      const names = missing.slice(0, 5).map((r) => r.name).join('、');
      throw new AppError(
        'VALIDATION',
        `还有${missing.length}人未打分（${names}${missing.length > 5 ? '等' : ''}），请打分或标记免考后再归档`,
        [{ field: 'monthId', message: `未打分：${names}` }],
      );
    }
    snapshotResults(ctx, input.monthId, computed);
    db.prepare("UPDATE assessment_months SET status = 'finalised', finalised_at = ? WHERE id = ?").run(ctx.now().toISOString(), input.monthId);
    postMonthPoints(ctx, input.monthId);
    const summary = monthSummary(db, input.monthId);
    ctx.audit({ action: 'finalise', entity: 'assessment_month', entityId: input.monthId, newValue: summary });
    return summary;
  },

  'assessments.reopen': (ctx, input) => {
    const { db } = ctx;
    const before = monthSummary(db, input.monthId);
    if (before.status !== 'finalised') throw AppError.field('monthId', '本月尚未归档，无需重新开启');
    db.prepare("UPDATE assessment_months SET status = 'open', finalised_at = NULL WHERE id = ?").run(input.monthId);
    reverseMonthPoints(ctx, input.monthId, input.reason);
    db.prepare('DELETE FROM month_results WHERE month_id = ?').run(input.monthId);
    const after = monthSummary(db, input.monthId);
    ctx.audit({ action: 'reopen', entity: 'assessment_month', entityId: input.monthId, oldValue: before, newValue: after, reason: input.reason });
    return after;
  },

  'assessments.personHistory': (ctx, input) => {
    const { db } = ctx;
    const months = db
      .prepare(
        `SELECT m.id, m.period, m.status, s.name AS scheme_name, mm.exempt_reason,
                r.total, r.grade, r.veto, r.rank_in_unit
         FROM month_members mm JOIN assessment_months m ON m.id = mm.month_id JOIN schemes s ON s.id = m.scheme_id
         LEFT JOIN month_results r ON r.month_id = m.id AND r.person_id = mm.person_id
         WHERE mm.person_id = ? ORDER BY m.period, m.id`,
      )
      .all(input.personId) as {
      id: number;
      period: string;
      status: 'open' | 'finalised';
      scheme_name: string;
      exempt_reason: string;
      total: number | null;
      grade: Grade | null;
      veto: number | null;
      rank_in_unit: number | null;
    }[];
    return months.map((m) => {
      // An open month has no snapshot yet: compute it.
      const live = m.status === 'open' ? computeMonth(db, m.id).rows.find((r) => r.personId === input.personId) : undefined;
      return {
        monthId: m.id,
        period: m.period,
        schemeName: m.scheme_name,
        status: m.status,
        total: live ? live.total : m.total,
        grade: live ? live.grade : m.grade,
        veto: live ? live.veto : m.veto === 1,
        rankInUnit: live ? live.rankInUnit : m.rank_in_unit,
        exemptReason: m.exempt_reason,
      };
    });
  },
};
