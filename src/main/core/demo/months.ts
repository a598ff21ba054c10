/**
 * Two years of finalised months for the demo street, with both built-in schemes: most workers steady, a few slipping
 * month after month (庸者下), a few rising, deductions and bonuses with their notes, and a handful of vetoes.
 * The current month is left open with part of it scored.
 */
import type { Criterion } from '../../../shared/domain/scoring';
import { createEvaluator, finaliseMonth, openNewMonth } from '../assessments/month';
import type { HandlerContext } from '../context';
import { loadCriteria } from '../schemes/queries';
import { createScheme, publishScheme } from '../schemes/write';
import { SeededRandom } from './random';

const DEDUCTION_NOTES = ['迟到', '早退', '巡查脱岗', '未按规定着装', '台账缺记', '缺席例会'];
const BONUS_NOTES = ['获街道通报表扬', '获区级表彰（宝安区网格办文件）', '发现燃气泄漏隐患并及时上报', '协助处置群租房消防隐患'];

/** Months from `from` to `to` inclusive, 'YYYY-MM'. */
function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > to) return out;
    out.push(p);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}

function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function loadDemoMonths(ctx: HandlerContext, seed = 20261124): { months: number } {
  const { db } = ctx;
  const rnd = new SeededRandom(seed);
  const schemes = ['grid-worker', 'micro-grid-head'].map((template) => {
    const name = template === 'grid-worker' ? '网格员月度考核' : '微网格长月度考核';
    const created = createScheme(ctx, { name, template });
    return publishScheme(ctx, { schemeId: created.schemeId });
  });
  const addEvaluator = (name: string, group: string) =>
    createEvaluator(ctx, { name, group }).id;
  const gridEvaluators = [addEvaluator('街道网格中心考核组', '街道中心'), addEvaluator('社区考核小组', '社区')];
  const panel = [addEvaluator('民主评议甲组', ''), addEvaluator('民主评议乙组', ''), addEvaluator('民主评议丙组', '')];

  // Each worker's ability, and a few who slip or rise over the last half year.
  const people = db.prepare('SELECT id FROM people ORDER BY id').pluck().all() as number[];
  const ability = new Map(people.map((id) => [id, 0.78 + rnd.next() * 0.2]));
  const trend = new Map<number, number>();
  for (const id of people) {
    if (rnd.chance(0.012)) trend.set(id, -0.035);
    else if (rnd.chance(0.01)) trend.set(id, 0.02);
  }

  const current = ctx.today.slice(0, 7);
  // Two workers with a bad spell: May and June of the last finished year 不合格 (解聘预警 in that year's assessment).
  // Picked by a generator of their own, their scores scaled after they are drawn: the rest of the street is unchanged.
  const lastYear = String(Number(current.slice(0, 4)) - 1);
  const spell = [`${lastYear}-05`, `${lastYear}-06`];
  const spellRnd = new SeededRandom(seed + 1);
  const spellPeople = new Set<number>();
  const periods = periodsBetween('2024-11', previousPeriod(current)).slice(-24);
  const insert = db.prepare(
    `INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = ctx.now().toISOString();
  let months = 0;

  const scoreMonth = (monthId: number, criteria: Criterion[], evaluators: number[], period: string, monthIndex: number, share: number) => {
    const members = db.prepare('SELECT person_id FROM month_members WHERE month_id = ?').pluck().all(monthId) as number[];
    if (evaluators === gridEvaluators && period === spell[0] && spellPeople.size === 0) for (let i = 0; i < 2; i++) spellPeople.add(spellRnd.pick(members));
    const scale = (personId: number) => (spellPeople.has(personId) && spell.includes(period) ? 0.5 : 1);
    const monthsLeft = periods.length - monthIndex; // 1 for the newest finalised month
    for (const personId of members) {
      if (rnd.next() > share) continue;
      const drift = (trend.get(personId) ?? 0) * Math.max(0, 7 - monthsLeft);
      const base = Math.min(0.99, Math.max(0.4, ability.get(personId)! + drift));
      const veto = rnd.chance(0.0002);
      for (const evaluatorId of evaluators) {
        const lenient = (rnd.next() - 0.5) * 0.06;
        for (const c of criteria) {
          if (c.kind === 'score') {
            const ratio = Math.min(1, Math.max(0, base + lenient + (rnd.next() - 0.5) * 0.08));
            insert.run(monthId, personId, evaluatorId, c.id, Math.round((c.max * ratio * scale(personId)) / 50) * 50, '', at);
          } else if (c.kind === 'deduction' && rnd.chance((1 - base) * 0.8)) {
            const day = String(rnd.int(1, 28)).padStart(2, '0');
            insert.run(monthId, personId, evaluatorId, c.id, rnd.int(1, 2), `${rnd.pick(DEDUCTION_NOTES)}（${period}-${day}）`, at);
          } else if (c.kind === 'bonus' && rnd.chance(base > 0.9 ? 0.06 : 0.015)) {
            insert.run(monthId, personId, evaluatorId, c.id, 1, `${rnd.pick(BONUS_NOTES)}（案卷号 XX${period.replace('-', '')}${rnd.int(100, 999)}）`, at);
          } else if (c.kind === 'veto' && veto && evaluatorId === evaluators[0]) {
            insert.run(monthId, personId, evaluatorId, c.id, 1, `因失职发生责任事故（${period}），经街道党工委会议认定`, at);
          }
        }
      }
    }
  };

  for (const [i, period] of [...periods, current].entries()) {
    for (const [s, scheme] of schemes.entries()) {
      const month = openNewMonth(ctx, { schemeId: scheme.schemeId, period });
      const criteria = loadCriteria(db, scheme.versionId);
      const isCurrent = period === current;
      scoreMonth(month.id, criteria, s === 0 ? gridEvaluators : panel, period, i, isCurrent ? 0.35 : 1);
      if (!isCurrent) {
        finaliseMonth(ctx, month.id);
        months++;
      }
    }
  }
  return { months };
}
