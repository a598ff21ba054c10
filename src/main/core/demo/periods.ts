/**
 * The year-end assessment of the demo street: a published period scheme 年度考核 (网格长, 专职网格员 and 网格员, weights
 * 60/30/10, 优秀 20% of the street — the defaults) over the 网格员月度考核 months; 2025 with three raters' ballots
 * per worker (mostly 称职 and 优秀, following the worker's months, a few 基本称职 and 不称职), the ties at the 优秀 line
 * decided with a reason, and finalised; the current year opened (not finalised) once it has begun. Built with the
 * periods area's write functions only; what it reads is periodView.
 */
import { BALLOTS, type Ballot } from '../../../shared/domain/periods';
import type { Role } from '../../../shared/domain/people';
import { listEvaluators } from '../assessments/queries';
import type { HandlerContext } from '../context';
import { periodMonths, periodView } from '../periods/queries';
import { createPeriodScheme, decideTie, finalisePeriod, openPeriod, publishPeriodScheme, saveBallots, savePeriodDraft } from '../periods/write';
import { SeededRandom } from './random';

export const DEMO_PERIOD_SCHEME = '年度考核';
const ROLES: Role[] = ['网格长', '专职网格员', '网格员'];
const RATERS = ['民主评议甲组', '民主评议乙组', '民主评议丙组'];
const KEEP_REASONS = ['月度考核平均分较高，全年无差错，经街道考评小组研究保留优秀', '月度考核平均分较高，群众满意度测评居前，经街道考评小组研究保留优秀'];
const DROP_REASON = '名额已满，经街道考评小组研究按良好确定';

/** A rater's ballot for a worker whose monthly mean is `months` (hundredths): better months, better ballots. */
/** Every rater's ballots of a year, following each worker's mean of the year's scored months. */
export function saveDemoBallots(ctx: HandlerContext, rnd: SeededRandom, periodId: number, raters: readonly number[]): void {
  const { byPerson, units } = periodMonths(ctx.db, periodId);
  const members = [...units.keys()].sort((a, b) => a - b);
  const meanOf = (personId: number) => {
    const scored = (byPerson.get(personId) ?? []).filter((m) => m.total !== null);
    return scored.length ? scored.reduce((s, m) => s + m.total!, 0) / scored.length : null;
  };
  for (const evaluatorId of raters) {
    saveBallots(ctx, { periodId, evaluatorId, cells: members.map((personId) => ({ personId, ballot: ballotFor(rnd, meanOf(personId)) })) });
  }
}

function ballotFor(rnd: SeededRandom, months: number | null): Ballot {
  const m = months ?? 8500;
  const excellent = m >= 9300 ? 0.6 : m >= 9000 ? 0.35 : m >= 8500 ? 0.15 : 0.04;
  const poor = m < 8000 ? 0.25 : m < 8500 ? 0.06 : 0.015;
  const r = rnd.next();
  if (r < excellent) return '优秀';
  if (r < 1 - poor) return '称职';
  return rnd.chance(m < 8000 ? 0.4 : 0.15) ? '不称职' : '基本称职';
}

export function loadDemoPeriods(ctx: HandlerContext, seed = 20261127): { periods: number } {
  const { db } = ctx;
  const rnd = new SeededRandom(seed);
  const monthScheme = db.prepare("SELECT id FROM schemes WHERE name = '网格员月度考核'").pluck().get() as number | undefined;
  const year = Number(ctx.today.slice(0, 4));
  const finished = String(year - 1);
  const months = db.prepare("SELECT count(*) FROM assessment_months WHERE scheme_id = ? AND status = 'finalised' AND period LIKE ?").pluck();
  if (monthScheme === undefined || (months.get(monthScheme, `${finished}-%`) as number) < 12) return { periods: 0 };

  const created = createPeriodScheme(ctx, { name: DEMO_PERIOD_SCHEME, kind: 'year' });
  savePeriodDraft(ctx, { schemeId: created.schemeId, name: DEMO_PERIOD_SCHEME, roles: ROLES, monthSchemeId: monthScheme, rules: created.rules });
  publishPeriodScheme(ctx, created.schemeId);

  // the finished year: ballots from three raters, ties decided, finalised
  const period = openPeriod(ctx, { schemeId: created.schemeId, period: finished });
  const evaluators = listEvaluators(db);
  const raters = RATERS.map((name) => evaluators.find((e) => e.name === name)?.id).filter((id): id is number => id !== undefined);
  saveDemoBallots(ctx, rnd, period.id, raters);
  let view = periodView(db, ctx.actor, period.id, null);
  if (view.ties.length === 0) view = plantTie(ctx, period.id, raters[0]!, view) ?? view;
  // the panel's decisions: as many of the tied keep 优秀 as places remain at the line, the better monthly mean first
  const graded = view.rows.filter((r) => r.status === 'graded' && r.total !== null).length;
  const places = Math.floor((graded * (view.rules.quota?.percent ?? 0)) / 100);
  let left = places - view.rows.filter((r) => r.quota === 'kept').length;
  const tied = view.rows.filter((r) => r.quota === 'tie').sort((a, b) => (b.components.months ?? 0) - (a.components.months ?? 0) || a.personId - b.personId);
  for (const r of tied) {
    const keep = left-- > 0;
    decideTie(ctx, { periodId: period.id, personId: r.personId, keep, reason: keep ? rnd.pick(KEEP_REASONS) : DROP_REASON });
  }
  finalisePeriod(ctx, period.id);

  // the current year, opened once it has begun: its months are still coming in
  let periods = 1;
  if (`${year}-01-01` <= ctx.today) {
    openPeriod(ctx, { schemeId: created.schemeId, period: String(year) });
    periods++;
  }
  return { periods };
}

/**
 * Without a tie at the 优秀 line the demo would not show a decision: one rater's ballot for a worker just under the
 * line is changed so that their total meets it. A ballot moves the total by a tenth of the change in the three
 * ballots' sum (30% × sum ÷ 3), so only a worker whose distance to the line is such a step can be moved.
 */
function plantTie(ctx: HandlerContext, periodId: number, evaluatorId: number, view: ReturnType<typeof periodView>) {
  const { db } = ctx;
  const kept = view.rows.filter((r) => r.quota === 'kept' && r.total !== null);
  if (kept.length === 0) return null;
  const line = Math.min(...kept.map((r) => r.total!));
  const mine = new Map(
    db.prepare('SELECT person_id, ballot FROM appraisal_ballots WHERE period_id = ? AND evaluator_id = ?').raw().all(periodId, evaluatorId) as [number, Ballot][],
  );
  const values = view.rules.ballotValues;
  const below = view.rows
    .filter((r) => r.total !== null && r.total < line && r.status === 'graded' && !r.capped && mine.has(r.personId))
    .sort((a, b) => b.total! - a.total!);
  for (const r of below) {
    const current = mine.get(r.personId)!;
    // total change in hundredths = (new − old ballot value) × weight ÷ 100 ÷ ballots
    const step = (b: Ballot) => ((values[b] - values[current]) * view.rules.weights.appraisal) / 100 / r.ballots;
    const ballot = BALLOTS.find((b) => step(b) === line - r.total!);
    if (!ballot) continue;
    saveBallots(ctx, { periodId, evaluatorId, cells: [{ personId: r.personId, ballot }] });
    const next = periodView(db, ctx.actor, periodId, null);
    if (next.ties.length > 0) return next;
  }
  return null;
}
