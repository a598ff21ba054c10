/**
 * 年度考核登记表 (and the 季度/半年 ones): one A4 page per person — who they are (the ID number masked as the reader's
 * role sees it), the months of the period, points, awards and discipline in it, the period's components, total, grade
 * and ranks (the period's own row, never recomputed), a blank 考核组意见 and the signature lines. For one person, or
 * everyone of a unit at once, in the reader's units.
 */
import type { PeriodRow } from '../../../shared/contract/periods';
import type { PeriodRegisterMonth, PeriodRegisterPage, PeriodRegisterReport } from '../../../shared/contract/reports';
import { personAsSeenBy } from '../../../shared/domain/mask';
import type { PeriodMonth } from '../../../shared/domain/periods';
import { starPeriodDates } from '../../../shared/domain/stars';
import { strokeComparator } from '../../../shared/domain/stroke-order';
import { AppError } from '../../../shared/errors';
import { assertInScope } from '../accounts/scope';
import { personAwards } from '../awards/queries';
import type { HandlerContext } from '../context';
import { getPersonRow } from '../people/queries';
import { periodMonths } from '../periods/queries';
import { disciplineRows, pointsInPeriod } from '../stars/queries';
import { byCommunity } from './month-summary';
import { periodGrade, periodHead, quotaLabel, readPeriod } from './period-summary';

/** The derivation's lines that decided the grade beyond the bands: time in post, veto, consecutive 不合格, quota. */
const RULE_LINE = /不定等次|一票否决|连续两个月不合格|优秀名额/;

function monthLine(period: string, status: 'finalised' | 'open' | 'missing', m: PeriodMonth | undefined): PeriodRegisterMonth {
  if (status !== 'finalised') return { period, total: null, grade: status === 'open' ? '未归档' : '未开启', veto: false };
  if (!m) return { period, total: null, grade: '未在册', veto: false };
  if (m.exempt) return { period, total: null, grade: '免考', veto: false };
  return { period, total: m.total, grade: m.total === null ? '未评分' : (m.grade ?? '未评分'), veto: m.veto };
}

export function buildPeriodRegister(ctx: HandlerContext, input: { periodId: number; unitId: number | null; personId: number | null }): PeriodRegisterReport {
  const { db } = ctx;
  if (input.personId === null && input.unitId === null) throw AppError.field('personId', '请选择人员，或选择一个单位打印其全部人员');
  const { view, unitOf } = readPeriod(ctx, input.periodId, input.personId === null ? input.unitId : null);
  let rows: PeriodRow[] = view.rows;
  if (input.personId !== null) {
    const unitId = unitOf.get(input.personId);
    if (unitId === undefined) throw AppError.field('personId', '此人不是本期的考核对象');
    const name = db.prepare('SELECT name FROM people WHERE id = ?').pluck().get(input.personId) as string;
    assertInScope(db, ctx.actor, [{ name, unitId }], '查看其考核登记表');
    rows = view.rows.filter((r) => r.personId === input.personId);
  }
  const head = periodHead(ctx, view, input.personId === null ? input.unitId : null, '登记表');
  const { start, end } = starPeriodDates(view.period.period);
  const asOf = end < ctx.today ? end : ctx.today;
  const months = periodMonths(db, input.periodId);
  const points = pointsInPeriod(db, start, end);
  const discipline = new Map<number, PeriodRegisterPage['discipline']>();
  for (const d of disciplineRows(db, 'WHERE d.date BETWEEN ? AND ?', start, end).reverse()) {
    discipline.set(d.personId, [...(discipline.get(d.personId) ?? []), { date: d.date, kind: d.kind, reason: d.reason }]);
  }
  const byName = strokeComparator<PeriodRow>((r) => r.name, head.header);
  const ordered = byCommunity(
    ctx,
    rows.map((r) => ({ ...r, unitId: unitOf.get(r.personId) ?? null })),
  ).flatMap(([, list]) => [...list].sort((a, b) => a.unitPath.localeCompare(b.unitPath, 'zh-CN') || byName(a, b)));

  const pages = ordered.map((r): PeriodRegisterPage => {
    const person = personAsSeenBy(ctx.actor.role, getPersonRow(db, r.personId, asOf));
    const mine = new Map((months.byPerson.get(r.personId) ?? []).map((m) => [m.period, m]));
    return {
      personId: r.personId,
      name: r.name,
      gender: person.gender,
      idNumber: person.idNumber,
      birthDate: person.birthDate,
      politicalStatus: person.politicalStatus,
      unitPath: r.unitPath,
      role: r.role,
      hireDate: person.hireDate,
      months: months.months.map((m) => monthLine(m.period, m.status, mine.get(m.period))),
      monthsInPost: r.monthsInPost,
      points: points.get(r.personId) ?? 0,
      awards: personAwards(db, r.personId)
        .filter((a) => a.date >= start && a.date <= end)
        .reverse()
        .map((a) => ({ date: a.date, name: a.name, level: a.level })),
      discipline: discipline.get(r.personId) ?? [],
      ballots: r.ballots,
      components: r.components,
      total: r.total,
      grade: periodGrade(r),
      ranks: r.ranks,
      quota: quotaLabel(r),
      warning: r.warning,
      notes: r.derivation.filter((l) => RULE_LINE.test(l) && !/在名额内/.test(l)),
    };
  });
  return { ...head, title: `${view.period.periodLabel}考核登记表`, pages };
}
