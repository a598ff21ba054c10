/** 个人档案: one worker's months, grades, points, stars, awards and discipline, with the flags 首页 raises for them. */
import type { Database } from 'better-sqlite3';
import type { PersonProfile } from '../../../shared/contract/analysis';
import { alarm, slipping, type MonthPoint } from '../../../shared/domain/analysis';
import { formatHundredths } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import { scoringScope } from '../accounts/scope';
import { personMonths } from '../assessments/queries';
import { personAwards } from '../awards/queries';
import { getPersonRow } from '../people/queries';
import { disciplineRows } from '../stars/queries';
import { starPeriodLabel } from '../../../shared/domain/stars';

/** Why a person's finalised months of one scheme raise a flag: 连降三个月, 预警; [] when none. */
export function flagsOf(months: readonly (MonthPoint & { scheme: string })[]): string[] {
  const flags: string[] = [];
  for (const scheme of [...new Set(months.map((m) => m.scheme))]) {
    const series = months.filter((m) => m.scheme === scheme);
    const slip = slipping(series);
    if (slip) {
      const totals = series.slice(-4).map((m) => formatHundredths(m.total!)).join(' → ');
      flags.push(`连降三个月（${scheme}，${slip.from} 至 ${slip.to}：${totals}，共降 ${formatHundredths(slip.drop)} 分）`);
    }
    const warn = alarm(series);
    if (warn) flags.push(`预警：${warn.reason}（${scheme}）`);
  }
  return flags;
}

export function personProfile(db: Database, actor: Actor, personId: number, today: string): PersonProfile {
  const row = getPersonRow(db, personId, today);
  const scope = scoringScope(db, actor);
  if (scope !== null && !scope.has(row.unitId)) throw new AppError('FORBIDDEN', `${row.name}（${row.unitPath}）不在您负责的单位内，不能查看其档案`);
  const months = personMonths(db, personId);
  const points = db
    .prepare("SELECT substr(date, 1, 7) AS period, sum(points) AS points FROM point_entries WHERE person_id = ? GROUP BY period ORDER BY period")
    .all(personId) as { period: string; points: number }[];
  let balance = 0;
  const stars = db
    .prepare(
      `SELECT s.period, r.stars, CASE WHEN r.override_reason <> '' THEN '人工调整：' || r.override_reason ELSE r.reason END AS reason
         FROM star_ratings r JOIN star_runs s ON s.id = r.run_id
        WHERE r.person_id = ? AND s.status = 'published' ORDER BY s.period_end, s.published_at`,
    )
    .all(personId) as { period: string; stars: number; reason: string }[];
  return {
    person: { id: row.id, name: row.name, unitPath: row.unitPath, roles: row.roles, status: row.status, hireDate: row.hireDate },
    months: months.map((m) => ({
      monthId: m.monthId,
      period: m.period,
      schemeName: m.schemeName,
      total: m.exemptReason ? null : m.total,
      grade: m.exemptReason ? null : m.grade,
      veto: m.veto,
      rankInUnit: m.rankInUnit,
      complete: m.status === 'finalised',
      exempt: m.exemptReason !== '',
    })),
    points: points.map((p) => ({ ...p, balance: (balance += p.points) })),
    stars: stars.map((s) => ({ periodLabel: starPeriodLabel(s.period), stars: s.stars, reason: s.reason })),
    awards: personAwards(db, personId),
    discipline: disciplineRows(db, 'WHERE d.person_id = ?', personId).map((d) => ({ date: d.date, kind: d.kind, reason: d.reason })),
    flags: flagsOf(
      months
        .filter((m) => m.status === 'finalised' && !m.exemptReason)
        .map((m) => ({ period: m.period, total: m.total, grade: m.grade, veto: m.veto, scheme: m.schemeName })),
    ),
  };
}
