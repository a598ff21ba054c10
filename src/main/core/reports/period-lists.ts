/**
 * The lists drawn from a period's results, each by community in the tree's order and 姓氏笔画 within it:
 * 优秀名单 (those who keep 优秀 within the quota), 不定等次名单 (too few months in post, with the months they had) and
 * 解聘预警名单 (two consecutive monthly 不合格: the two months and the reason, as the derivation gives them).
 */
import type { PeriodRow } from '../../../shared/contract/periods';
import { PERIOD_LISTS, type PeriodListKind, type PeriodListReport, type PeriodListRow } from '../../../shared/contract/reports';
import type { PeriodMonth } from '../../../shared/domain/periods';
import { starPeriodMonths } from '../../../shared/domain/stars';
import { strokeComparator } from '../../../shared/domain/stroke-order';
import type { HandlerContext } from '../context';
import { periodMonths } from '../periods/queries';
import { byCommunity, unitBelow } from './month-summary';
import { periodGrade, periodHead, quotaLabel, readPeriod } from './period-summary';

const FAILS = /^(\d{4}-\d{2})、(\d{4}-\d{2})连续两个月不合格/;

/** The first two consecutive months of 不合格 among a member's sealed months. */
function failsOf(months: readonly PeriodMonth[]): [string, string] | null {
  for (let i = 1; i < months.length; i++) {
    const [a, b] = [months[i - 1]!, months[i]!];
    const next = (Number(a.period.slice(0, 4)) * 12 + Number(a.period.slice(5))) + 1;
    if (a.grade === '不合格' && b.grade === '不合格' && Number(b.period.slice(0, 4)) * 12 + Number(b.period.slice(5)) === next) return [a.period, b.period];
  }
  return null;
}

function onList(list: PeriodListKind, r: PeriodRow): boolean {
  if (list === 'excellent') return r.status === 'graded' && r.grade === '优秀';
  if (list === 'undetermined') return r.status === 'undetermined';
  return r.warning;
}

export function buildPeriodList(ctx: HandlerContext, input: { periodId: number; unitId: number | null; list: PeriodListKind }): PeriodListReport {
  const { view, unitOf } = readPeriod(ctx, input.periodId, input.unitId);
  const head = periodHead(ctx, view, input.unitId, PERIOD_LISTS[input.list]);
  const months = input.list === 'warning' ? periodMonths(ctx.db, input.periodId).byPerson : new Map<number, PeriodMonth[]>();
  const { minMonthsInPost } = view.rules;
  const monthsInPeriod = starPeriodMonths(view.period.period).length;
  const byName = strokeComparator<PeriodRow>((r) => r.name, head.header);
  const rows = view.rows.filter((r) => onList(input.list, r)).map((r) => ({ ...r, unitId: unitOf.get(r.personId) ?? null }));
  let seq = 0;
  const line = (r: PeriodRow): PeriodListRow => {
    let pair: string[] = [];
    let note = '';
    if (input.list === 'warning') {
      const said = r.derivation.find((l) => FAILS.test(l));
      const m = said ? FAILS.exec(said) : null;
      pair = m ? [m[1]!, m[2]!] : (failsOf(months.get(r.personId) ?? []) ?? []);
      note = said ?? (pair.length ? `${pair.join('、')}连续两个月不合格，列入解聘预警` : '');
    } else if (input.list === 'undetermined') {
      note = `在岗${r.monthsInPost}个月，不满${minMonthsInPost}个月`;
    } else {
      note = quotaLabel(r) === '并列保留' ? '名额线上并列，经研究保留优秀' : '';
    }
    return {
      seq: ++seq,
      personId: r.personId,
      name: r.name,
      community: r.community,
      unit: unitBelow(r),
      role: r.role,
      total: r.total,
      grade: periodGrade(r),
      rankInStreet: r.ranks.street,
      monthsInPost: r.monthsInPost,
      months: pair.join('、'),
      note,
    };
  };
  const groups = byCommunity(ctx, rows).map(([community, list]) => ({ community, rows: [...list].sort(byName).map(line) }));
  return { ...head, list: input.list, groups, count: rows.length, monthsInPeriod, minMonthsInPost };
}
