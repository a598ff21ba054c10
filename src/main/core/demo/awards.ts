/**
 * Award batches for the demo street: 2025年度优秀网格员 (街道级, 2 per community from those graded 优秀 in the finalised
 * 2025 年度考核, by its total; ties kept) and 2025年度十佳楼栋长 (by 2025's points), both published with deeds; and
 * 2026年度优秀网格员 (by the months' average so far) waiting in 公示. Runs after the months, points, stars and the year-end
 * assessment: the published batches post their points; star runs already computed do not see them.
 */
import type { AwardBatchView } from '../../../shared/contract/awards';
import { DEFAULT_ELIGIBILITY } from '../../../shared/domain/awards';
import { batchView } from '../awards/queries';
import { keepCandidate, moveStage, nominate, removeCandidate, saveBatch, saveDeeds } from '../awards/write';
import type { HandlerContext } from '../context';
import { SeededRandom } from './random';

const DEEDS = [
  '全年走访住户一千余户，上报安全隐患六十余件，均按时办结',
  '调解邻里纠纷二十余起，无一起矛盾上交',
  '疫情防控期间连续值守，组织核酸检测秩序井然',
  '及时发现并报告燃气泄漏隐患，避免一起安全事故',
  '人口信息采集准确率全街道第一',
  '带动楼栋居民参与志愿服务，组建楼栋互助小组',
];

type View = AwardBatchView;

export function loadDemoAwards(ctx: HandlerContext, seed = 20261126): { batches: number } {
  const { db } = ctx;
  const rnd = new SeededRandom(seed);
  const finalised = db.prepare("SELECT DISTINCT period FROM assessment_months WHERE status = 'finalised' ORDER BY period").pluck().all() as string[];
  const year = (y: string) => finalised.filter((p) => p.startsWith(`${y}-`));
  const decideTies = (v: View) => {
    for (const c of v.candidates.filter((x) => x.status === 'tied')) keepCandidate(ctx, { batchId: v.batch.id, personId: c.personId, reason: '并列者经街道考评小组研究均予推荐' });
  };
  const deeds = (v: View) => {
    for (const c of v.candidates) saveDeeds(ctx, { batchId: v.batch.id, personId: c.personId, deeds: rnd.pick(DEEDS) });
  };
  const advance = (batchId: number, to: 'review' | 'notice' | 'published') => {
    for (const s of ['review', 'notice', 'published'] as const) {
      moveStage(ctx, { batchId, to: s, note: '' });
      if (s === to) break;
    }
  };
  let batches = 0;
  const months2025 = year('2025');
  if (months2025.length > 0) {
    const year2025 = db.prepare("SELECT id FROM period_assessments WHERE period = '2025' AND status = 'finalised' ORDER BY id LIMIT 1").pluck().get() as number | undefined;
    const b = saveBatch(ctx, { name: '2025年度优秀网格员', level: '街道', issuer: '西乡街道党工委、办事处', date: '2026-01-15', role: null, quotaTotal: null, quotaPerUnit: 2, note: year2025 ? '从2025年度考核定为优秀的人员中按总分排名' : '按2025年度月度考核平均分排名' });
    const v = nominate(ctx, {
      batchId: b.id,
      from: months2025[0]!,
      to: months2025.at(-1)!,
      basis: 'average',
      quotaPerUnit: 2,
      quotaTotal: null,
      eligibility: { ...DEFAULT_ELIGIBILITY, periodExcellent: year2025 !== undefined },
      periodId: year2025 ?? null,
    });
    decideTies(v);
    deeds(v);
    advance(b.id, 'published');
    batches++;

    const t = saveBatch(ctx, { name: '2025年度十佳楼栋长', level: '街道', issuer: '西乡街道党工委、办事处', date: '2026-01-20', role: '楼栋长', quotaTotal: 10, quotaPerUnit: null, note: '按2025年度积分排名' });
    const tv = nominate(ctx, { batchId: t.id, from: '2025-01', to: '2025-12', basis: 'points', quotaPerUnit: null, quotaTotal: 10, eligibility: DEFAULT_ELIGIBILITY, periodId: null });
    // ten at most: a tie at the line is settled by removing those last in the ranking's order
    const tied = tv.candidates.filter((c) => c.status === 'tied');
    const room = 10 - tv.candidates.filter((c) => c.status === 'nominated').length;
    tied.forEach((c, i) => {
      if (i < room) keepCandidate(ctx, { batchId: t.id, personId: c.personId, reason: '积分并列，按楼栋长任职年限排序保留' });
      else removeCandidate(ctx, { batchId: t.id, personId: c.personId, reason: '积分并列，名额已满，按任职年限排序未入选' });
    });
    deeds(batchView(db, t.id));
    if (batchView(db, t.id).candidates.some((c) => c.status === 'nominated')) {
      advance(t.id, 'published');
    }
    batches++;
  }
  const months2026 = year('2026');
  if (months2026.length > 0) {
    const b = saveBatch(ctx, { name: '2026年度优秀网格员', level: '街道', issuer: '西乡街道党工委、办事处', date: ctx.today, role: null, quotaTotal: 20, quotaPerUnit: 2, note: '按2026年已归档月份的平均分排名，公示期7天' });
    const v = nominate(ctx, { batchId: b.id, from: months2026[0]!, to: months2026.at(-1)!, basis: 'average', quotaPerUnit: 2, quotaTotal: 20, eligibility: { ...DEFAULT_ELIGIBILITY, minStars: 3 }, periodId: null });
    deeds(v);
    advance(b.id, 'notice');
    batches++;
  }
  return { batches };
}
