/**
 * 首页 (工作台): what the head of office needs this morning — how far this month's scoring has come, what is waiting,
 * who needs attention and why, and the street at a glance — each figure from the records, for the reader's units.
 */
import type { Database } from 'better-sqlite3';
import type { AttentionPerson, HomeView, MonthProgress } from '../../../shared/contract/analysis';
import { periodEndDate, periodMonthsBefore } from '../../../shared/domain/dates';
import { alarm, slipping, type MonthPoint } from '../../../shared/domain/analysis';
import { formatHundredths, GRADES, roundHalfUp, sheetOf, type Grade } from '../../../shared/domain/scoring';
import { starPeriodLabel } from '../../../shared/domain/stars';
import { openAppealCount } from '../appeals/queries';
import type { Actor } from '../context';
import { loadEvaluators, loadMembers, loadValues } from '../assessments/compute';
import { loadCriteria } from '../schemes/queries';
import { communities, monthRecords, treeSorted, visibleUnits, type MonthRef } from './records';

const TREND_MONTHS = 24;
/** A reversal this large (hundredths) in the last 30 days is worth a look. */
const LARGE_REVERSAL = 500;
const NOTICE_DAYS = 7;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function monthsOf(db: Database, where: string, ...args: unknown[]): (MonthRef & { schemeName: string })[] {
  return db
    .prepare(
      `SELECT m.id, m.scheme_id AS schemeId, m.version_id AS versionId, m.period, m.status, s.name AS schemeName
         FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id ${where} ORDER BY m.period, s.name, m.id`,
    )
    .all(...args) as (MonthRef & { schemeName: string })[];
}

/** Scoring progress of one month for the reader's units: per community and per evaluator (已评/应评). */
function progressOf(db: Database, month: MonthRef & { schemeName: string }, visible: (unit: number) => boolean, today: string): MonthProgress {
  const units = communities(db);
  const criteria = loadCriteria(db, month.versionId);
  const values = loadValues(db, month.id);
  const members = loadMembers(db, month.id).filter((m) => visible(m.unitId) && !m.exemptReason);
  const evaluators = loadEvaluators(db);
  // the evaluators who score this scheme: those who scored this month or its month before
  const schemeEvaluators = db
    .prepare(
      `SELECT DISTINCT evaluator_id FROM scores WHERE month_id IN (
         SELECT id FROM assessment_months WHERE scheme_id = ? AND period BETWEEN ? AND ?)`,
    )
    .pluck()
    .all(month.schemeId, periodMonthsBefore(month.period, 1), month.period) as number[];
  const byCommunity = new Map<number, { name: string; toScore: number; scored: number }>();
  const byEvaluator = new Map<number, number>(schemeEvaluators.map((id) => [id, 0]));
  let scored = 0;
  for (const m of members) {
    const c = units.community(m.unitId);
    const entry = byCommunity.get(c.id) ?? { name: c.name, toScore: 0, scored: 0 };
    entry.toScore++;
    let any = false;
    for (const [evaluatorId, sheet] of values.get(m.personId) ?? []) {
      if (!sheetOf(criteria, sheet).complete) continue;
      any = true;
      byEvaluator.set(evaluatorId, (byEvaluator.get(evaluatorId) ?? 0) + 1);
    }
    if (any) {
      entry.scored++;
      scored++;
    }
    byCommunity.set(c.id, entry);
  }
  return {
    monthId: month.id,
    period: month.period,
    schemeName: month.schemeName,
    status: month.status,
    daysLeft: daysBetween(today, periodEndDate(month.period)),
    toScore: members.length,
    scored,
    communities: treeSorted(db, [...byCommunity].map(([unitId, c]) => ({ unitId, ...c }))),
    evaluators: [...byEvaluator]
      .map(([evaluatorId, n]) => ({ evaluatorId, name: evaluators.get(evaluatorId)?.name ?? '', group: evaluators.get(evaluatorId)?.group ?? '', toScore: members.length, scored: n }))
      .sort((a, b) => a.scored - b.scored || a.name.localeCompare(b.name, 'zh-CN')),
  };
}

export function homeView(db: Database, actor: Actor, today: string): HomeView {
  const visible = visibleUnits(db, actor, null);
  const units = communities(db);
  const current = today.slice(0, 7);
  const latest = db.prepare('SELECT max(period) FROM assessment_months WHERE period <= ?').pluck().get(current) as string | null;
  const period = latest === null ? null : db.prepare('SELECT 1 FROM assessment_months WHERE period = ?').get(current) ? current : latest;

  const person = new Map(
    (db.prepare("SELECT p.id, p.name, t.unit_id FROM people p LEFT JOIN person_terms t ON t.person_id = p.id AND t.valid_to IS NULL").raw().all() as [number, string, number | null][]).map(
      ([id, name, unitId]) => [id, { name, unitId }],
    ),
  );
  const who = (personId: number, reason: string, unitId?: number): AttentionPerson | null => {
    const p = person.get(personId);
    const unit = unitId ?? p?.unitId ?? null;
    if (!p || unit === null || !visible(unit)) return null;
    return { personId, name: p.name, unitPath: units.paths.get(unit) ?? '', community: units.community(unit).name, reason };
  };

  const thisPeriod = period === null ? [] : monthsOf(db, 'WHERE m.period = ?', period);
  const months = thisPeriod.map((m) => progressOf(db, m, visible, today));

  // 待办
  const openMonths = monthsOf(db, "WHERE m.status = 'open' AND m.period < ?", period ?? current).map((m) => {
    const p = progressOf(db, m, visible, today);
    return { monthId: m.id, period: m.period, schemeName: m.schemeName, toScore: p.toScore, scored: p.scored };
  });
  const draftStars = (
    db
      .prepare("SELECT s.id, s.period, rs.name FROM star_runs s JOIN star_rule_sets rs ON rs.id = s.rule_set_id WHERE s.status = 'draft' ORDER BY s.period_end")
      .raw()
      .all() as [number, string, string][]
  ).map(([runId, p, ruleSetName]) => ({ runId, periodLabel: starPeriodLabel(p), ruleSetName }));
  const awardsInNotice = (
    db
      .prepare(
        `SELECT b.id, b.name, coalesce((SELECT substr(max(l.at), 1, 10) FROM award_stage_log l WHERE l.batch_id = b.id AND l.to_stage = 'notice'), b.date)
           FROM award_batches b WHERE b.stage = 'notice' ORDER BY b.date, b.id`,
      )
      .raw()
      .all() as [number, string, string][]
  ).map(([batchId, name, since]) => ({ batchId, name, since, ends: addDays(since, NOTICE_DAYS) }));

  // the sealed results of the last 24 periods, read once: the people to watch, and the trend at a glance
  const periods = period === null ? [] : Array.from({ length: TREND_MONTHS }, (_, i) => periodMonthsBefore(period, TREND_MONTHS - 1 - i));
  const sealed = period === null ? [] : (db
    .prepare(
      `SELECT r.person_id, mm.unit_id, m.period, r.total, r.grade, r.veto, s.name FROM month_results r
         JOIN assessment_months m ON m.id = r.month_id JOIN schemes s ON s.id = m.scheme_id
         JOIN month_members mm ON mm.month_id = r.month_id AND mm.person_id = r.person_id
        WHERE m.status = 'finalised' AND m.period BETWEEN ? AND ? AND mm.exempt_reason = ''`,
    )
    .raw()
    .all(periods[0], period) as [number, number, string, number | null, Grade | null, number, string][]);

  // 需要关注: each person's finalised months of each scheme over the last 13 periods
  const since = periodMonthsBefore(period ?? current, 13);
  const series = new Map<string, (MonthPoint & { scheme: string; personId: number; unitId: number })[]>();
  for (const [personId, unitId, p, total, grade, veto, scheme] of sealed) {
    if (p < since) continue;
    const key = `${personId}:${scheme}`;
    const list = series.get(key) ?? [];
    list.push({ personId, unitId, period: p, total, grade, veto: veto === 1, scheme });
    series.set(key, list);
  }
  for (const list of series.values()) list.sort((x, y) => x.period.localeCompare(y.period));
  const slipped: HomeView['attention']['slipping'] = [];
  const alarms: AttentionPerson[] = [];
  for (const list of series.values()) {
    const last = list.at(-1)!;
    const slip = slipping(list);
    if (slip) {
      const totals = list.slice(-4).map((m) => ({ period: m.period, total: m.total! }));
      const a = who(last.personId, `连降三个月：${totals.map((t) => formatHundredths(t.total)).join(' → ')}，共降 ${formatHundredths(slip.drop)} 分（${last.scheme}）`, last.unitId);
      if (a) slipped.push({ ...a, totals });
    }
    const warn = alarm(list.filter((m) => m.period.slice(0, 4) === (period ?? current).slice(0, 4) || m.period >= periodMonthsBefore(period ?? current, 1)));
    if (warn) {
      const a = who(last.personId, `${warn.reason}（${last.scheme}）`, last.unitId);
      if (a) alarms.push(a);
    }
  }
  slipped.sort((x, y) => y.totals[0]!.total - y.totals[3]!.total - (x.totals[0]!.total - x.totals[3]!.total));

  const vetoes: HomeView['attention']['vetoes'] = [];
  for (const m of thisPeriod) {
    const vetoCriteria = loadCriteria(db, m.versionId).filter((c) => c.kind === 'veto');
    if (vetoCriteria.length === 0) continue;
    const rows = db
      .prepare(
        `SELECT s.person_id, mm.unit_id, s.criterion_id, s.note FROM scores s JOIN month_members mm ON mm.month_id = s.month_id AND mm.person_id = s.person_id
          WHERE s.month_id = ? AND s.value > 0 AND s.criterion_id IN (${vetoCriteria.map((c) => c.id).join(',')}) ORDER BY s.person_id`,
      )
      .raw()
      .all(m.id) as [number, number, number, string][];
    const seen = new Set<number>();
    for (const [personId, unitId, criterionId, note] of rows) {
      if (seen.has(personId)) continue;
      seen.add(personId);
      const name = vetoCriteria.find((c) => c.id === criterionId)!.name;
      const a = who(personId, `一票否决：${name}${note ? `（${note}）` : ''}`, unitId);
      if (a) vetoes.push({ ...a, period: m.period });
    }
  }

  const reversals = (
    db
      .prepare(
        `SELECT e.id, e.person_id, e.date, e.points, e.note, r.name FROM point_entries e JOIN point_rules r ON r.id = e.rule_id
          WHERE e.reverses_id IS NOT NULL AND e.date >= ? AND abs(e.points) >= ? ORDER BY e.date DESC, e.id DESC`,
      )
      .raw()
      .all(addDays(today, -30), LARGE_REVERSAL) as [number, number, string, number, string, string][]
  ).flatMap(([entryId, personId, date, points, note, rule]) => {
    const a = who(personId, `冲销“${rule}” ${formatHundredths(Math.abs(points))} 分${note ? `：${note}` : ''}`);
    return a ? [{ ...a, entryId, date, points }] : [];
  });

  // the street at a glance: sealed months as read above, open ones as scored so far
  const sums = new Map<string, { street: number[]; communities: Map<number, number[]>; complete: boolean }>();
  const grades = new Map<string, Grade[]>();
  const add = (p: string, unitId: number, total: number | null, grade: Grade | null, complete: boolean) => {
    const entry = sums.get(p) ?? { street: [] as number[], communities: new Map<number, number[]>(), complete: true };
    entry.complete &&= complete;
    sums.set(p, entry);
    if (total === null || !visible(unitId)) return;
    entry.street.push(total);
    const c = units.community(unitId).id;
    const list = entry.communities.get(c) ?? [];
    list.push(total);
    entry.communities.set(c, list);
    if (grade && p >= periodMonthsBefore(period!, 1)) {
      const g = grades.get(p) ?? [];
      g.push(grade);
      grades.set(p, g);
    }
  };
  for (const [, unitId, p, total, grade] of sealed) add(p, unitId, total, grade, true);
  for (const m of period === null ? [] : monthsOf(db, "WHERE m.status = 'open' AND m.period BETWEEN ? AND ?", periods[0], period)) {
    for (const r of monthRecords(db, m)) add(m.period, r.unitId, r.total, r.grade, false);
  }
  const mean = (v: number[] | undefined) => (v && v.length ? roundHalfUp(v.reduce((s, x) => s + x, 0), v.length) : null);
  const communityIds = treeSorted(
    db,
    [...new Set([...sums.values()].flatMap((e) => [...e.communities.keys()]))].map((unitId) => ({ unitId })),
  ).map((c) => c.unitId);
  const gradeCounts = (p: string) => {
    const counts = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
    for (const g of grades.get(p) ?? []) counts[g]++;
    return counts;
  };

  const published = db
    .prepare("SELECT id, period FROM star_runs WHERE status = 'published' ORDER BY period_end DESC, published_at DESC LIMIT 1")
    .get() as { id: number; period: string } | undefined;
  let stars: HomeView['glance']['stars'] = null;
  if (published) {
    const counts = [0, 0, 0, 0, 0];
    for (const [n, unitId] of db.prepare('SELECT stars, unit_id FROM star_ratings WHERE run_id = ?').raw().all(published.id) as [number, number | null][]) {
      if (unitId !== null && visible(unitId)) counts[n - 1]!++;
    }
    stars = { periodLabel: starPeriodLabel(published.period), counts };
  }
  const pointsTop = (
    db
      .prepare(
        `SELECT e.person_id, sum(e.points) AS total FROM point_entries e WHERE e.date BETWEEN ? AND ?
          GROUP BY e.person_id HAVING total <> 0 ORDER BY total DESC, e.person_id`,
      )
      .raw()
      .all(`${today.slice(0, 4)}-01-01`, `${today.slice(0, 4)}-12-31`) as [number, number][]
  )
    .flatMap(([personId, points]) => {
      const a = who(personId, '');
      return a ? [{ personId, name: a.name, community: a.community, points }] : [];
    })
    .slice(0, 10);

  return {
    period,
    months,
    todo: { openMonths, draftStars, awardsInNotice, appeals: openAppealCount(db, visible) },
    attention: { slipping: slipped, alarms, vetoes, reversals },
    glance: {
      grades: period === null ? [] : [periodMonthsBefore(period, 1), period].filter((p) => sums.has(p)).map((p) => ({ period: p, complete: sums.get(p)!.complete, counts: gradeCounts(p) })),
      trend: {
        periods,
        complete: periods.map((p) => sums.get(p)?.complete ?? true),
        street: periods.map((p) => mean(sums.get(p)?.street)),
        communities: communityIds.map((id) => ({ name: units.community(id).name, means: periods.map((p) => mean(sums.get(p)?.communities.get(id))) })),
      },
      stars,
      pointsTop,
    },
  };
}
