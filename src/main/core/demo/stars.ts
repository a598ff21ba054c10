/**
 * Quarterly star ratings for the demo street: every quarter whose three months are finalised is rated with the
 * default rule set and published in order, so dynamic management (±1 a quarter) and 通报批评 apply; a few ratings
 * are adjusted by hand with a reason. The latest complete quarter is left as a draft, to be checked and published.
 * Some discipline records (通报批评, 诫勉谈话, 警告) come first, for the rules to read.
 */
import { starPeriodDates, starPeriodMonths, starPeriodOf } from '../../../shared/domain/stars';
import type { HandlerContext } from '../context';
import { listRuleSets } from '../stars/queries';
import { createDiscipline, overrideRating, previewRun, publishRun } from '../stars/write';
import { SeededRandom } from './random';

const CRITICISMS = ['巡查脱岗，街道督查通报', '群众投诉属实，处置不及时', '台账缺记漏记，检查通报', '消防隐患未按时上报'];
const TALKS = ['连续两月考核排名靠后', '工作作风散漫，多次迟到'];
const WARNINGS = ['走访记录弄虚作假，经查实'];
const OVERRIDE_REASONS = ['参与防汛抢险表现突出，经中心会议研究上调', '本季度长期病假，经社区申请下调', '协助破获电信诈骗案件，经中心会议研究上调'];

export function loadDemoStars(ctx: HandlerContext, seed = 20261125): { runs: number } {
  const { db } = ctx;
  const rnd = new SeededRandom(seed);
  const finalised = new Set(
    db.prepare("SELECT DISTINCT period FROM assessment_months WHERE status = 'finalised'").pluck().all() as string[],
  );
  const quarters = [...new Set([...finalised].map((m) => starPeriodOf('quarter', m)))]
    .filter((q) => starPeriodMonths(q).every((m) => finalised.has(m)))
    .sort();
  if (quarters.length === 0) return { runs: 0 };
  const ruleSet = listRuleSets(db);
  const ruleSetId = ruleSet.find((r) => r.name === '季度星级评定')?.id ?? ruleSet[0]!.id;

  // discipline records in the rated quarters
  const people = db.prepare("SELECT person_id FROM person_terms WHERE valid_to IS NULL AND status = '在岗' ORDER BY person_id").pluck().all() as number[];
  const record = (kind: '通报批评' | '诫勉谈话' | '警告', reasons: string[]) => {
    const q = rnd.pick(quarters);
    const { start, end } = starPeriodDates(q);
    const day = new Date(Date.parse(`${start}T00:00:00Z`) + rnd.int(0, (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86400000) * 86400000);
    createDiscipline(ctx, { personId: rnd.pick(people), date: day.toISOString().slice(0, 10), kind, reason: rnd.pick(reasons) });
  };
  for (let i = 0; i < 8; i++) record('通报批评', CRITICISMS);
  for (let i = 0; i < 3; i++) record('诫勉谈话', TALKS);
  record('警告', WARNINGS);

  let runs = 0;
  for (const [i, period] of quarters.entries()) {
    const view = previewRun(ctx, { ruleSetId, period });
    runs++;
    const last = i === quarters.length - 1;
    if (last) break; // the latest quarter waits as a draft
    for (let k = 0; k < 2; k++) {
      const row = rnd.pick(view.rows);
      const reason = rnd.pick(OVERRIDE_REASONS);
      const stars = reason.includes('下调') ? Math.max(1, row.stars - 1) : Math.min(5, row.stars + 1);
      if (stars !== row.stars) overrideRating(ctx, { runId: view.run.id, personId: row.personId, stars: stars as 1 | 2 | 3 | 4 | 5, reason });
    }
    publishRun(ctx, { runId: view.run.id });
  }
  return { runs };
}
