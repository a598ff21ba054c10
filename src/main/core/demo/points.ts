/**
 * Two years of points for the demo street: one to four manual entries per worker a month across the default rules,
 * with evidence notes, the caps applied, a few 投诉属实 and absences, rare commendations, and a few entries reversed
 * with a reason. The entries derived from grades are posted by finalising the demo months (loadDemoMonths), once.
 * The platform statistics rules come with them (demo/platform.ts).
 */
import { applyCap, capPeriodRange, type CapPeriod } from '../../../shared/domain/points';
import { daysInMonth } from '../../../shared/domain/dates';
import type { HandlerContext } from '../context';
import { loadDemoPlatformRules } from './platform';
import { SeededRandom } from './random';

interface DemoRule {
  name: string;
  /** Chance a worker has such an entry in a month. */
  chance: number;
  quantity: () => number;
  notes: readonly string[];
}

const HAZARDS = ['楼道堆放杂物', '电动车入户充电', '燃气软管老化', '消防通道占用', '私拉乱接电线', '灭火器过期', '出租屋群租隐患'];
const DISPUTES = ['邻里噪音纠纷', '楼上漏水纠纷', '物业费纠纷', '停车位纠纷', '家庭赡养纠纷', '租赁押金纠纷'];
const VISITS = ['独居老人', '困难家庭', '残疾人家庭', '留守儿童', '重点优抚对象'];
const VOLUNTEER = ['社区义诊', '垃圾分类督导', '文明交通劝导', '敬老院慰问', '防诈骗宣传'];
const COMPLAINTS = ['12345热线投诉服务态度差，经核查属实', '群众反映巡查走过场，经核查属实', '居民投诉信息泄露，经核查属实'];
const REVERSALS = ['重复录入', '数量录入有误', '录错人员', '经复核不属实'];
const CLERKS = ['网格中心 陈静', '网格中心 刘洋', '社区工作站 黄丽'];

/** The point rules the demo enters by hand (those `where` picks), by name, with what entering needs of them. */
export function pointRulesByName(db: HandlerContext['db'], where: string) {
  return new Map(
    (
      db.prepare(`SELECT id, name, points_per_unit, cap, cap_period FROM point_rules WHERE ${where}`).all() as {
        id: number;
        name: string;
        points_per_unit: number;
        cap: number | null;
        cap_period: CapPeriod | null;
      }[]
    ).map((r) => [r.name, { id: r.id, pointsPerUnit: r.points_per_unit, cap: r.cap, capPeriod: r.cap_period }]),
  );
}

export function loadDemoPoints(ctx: HandlerContext, seed = 20261125): { entries: number } {
  const { db } = ctx;
  const rnd = new SeededRandom(seed);
  const rules = pointRulesByName(db, "derived IS NULL OR derived LIKE 'award:%'");
  const q = (min: number, max: number) => () => rnd.int(min, max) * 100;
  const plan: DemoRule[] = [
    { name: '上报安全隐患', chance: 0.55, quantity: q(1, 4), notes: HAZARDS.map((h) => `上报${h}，已转相关部门处置`) },
    { name: '化解矛盾纠纷', chance: 0.3, quantity: q(1, 2), notes: DISPUTES.map((d) => `成功调解${d}，有调解记录`) },
    { name: '采集更新人口信息', chance: 0.35, quantity: q(5, 40), notes: ['更新出租屋人口信息', '新增流动人口登记', '核实房屋信息'] },
    { name: '参加志愿服务', chance: 0.3, quantity: q(1, 3), notes: VOLUNTEER.map((v) => `参加${v}志愿服务`) },
    { name: '关爱走访特殊群体', chance: 0.3, quantity: q(2, 6), notes: VISITS.map((v) => `走访${v}，有走访记录`) },
    { name: '提出合理化建议被采纳', chance: 0.01, quantity: q(1, 1), notes: ['关于优化网格巡查路线的建议被街道采纳', '关于出租屋登记流程的建议被社区采纳'] },
    { name: '巡查不到位被通报', chance: 0.012, quantity: q(1, 1), notes: ['街道督查通报：巡查记录与实际不符', '社区通报：隐患复查不及时'] },
    { name: '无故缺勤', chance: 0.004, quantity: () => rnd.pick([50, 100, 100, 200]), notes: ['未请假缺勤，经考勤核实'] },
    { name: '投诉属实', chance: 0.003, quantity: q(1, 1), notes: COMPLAINTS },
    { name: '获街道级表彰', chance: 0.003, quantity: q(1, 1), notes: ['西乡街道优秀网格员（西街发〔2025〕12号）', '街道防台风工作先进个人'] },
    { name: '获区级表彰', chance: 0.0008, quantity: q(1, 1), notes: ['宝安区优秀网格员（深宝网办〔2025〕8号）'] },
    { name: '获市级表彰', chance: 0.0002, quantity: q(1, 1), notes: ['深圳市优秀网格员'] },
  ];

  // Each person's stretches in post, to date entries only while they worked.
  const terms = new Map<number, { from: string; to: string | null }[]>();
  for (const t of db.prepare("SELECT person_id, valid_from, valid_to FROM person_terms WHERE status = '在岗' ORDER BY person_id, valid_from").all() as {
    person_id: number;
    valid_from: string;
    valid_to: string | null;
  }[]) {
    const list = terms.get(t.person_id);
    const term = { from: t.valid_from, to: t.valid_to };
    if (list) list.push(term);
    else terms.set(t.person_id, [term]);
  }
  const inPost = (personId: number, date: string) => terms.get(personId)?.some((t) => t.from <= date && (t.to === null || t.to > date)) ?? false;

  const insert = db.prepare(
    `INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, source_ref, note, reverses_id, entered_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'manual', '', ?, ?, ?, ?)`,
  );
  const used = new Map<string, number>();
  const today = ctx.today;
  const [y, m] = today.split('-').map(Number) as [number, number];
  let entries = 0;
  for (let back = 24; back >= 0; back--) {
    const index = y * 12 + m - 1 - back;
    const period = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const lastDay = Math.min(daysInMonth(Math.floor(index / 12), (index % 12) + 1), back === 0 ? Number(today.slice(8)) : 31);
    for (const [personId] of terms) {
      for (const r of plan) {
        if (!rnd.chance(r.chance)) continue;
        const date = `${period}-${String(rnd.int(1, lastDay)).padStart(2, '0')}`;
        if (!inPost(personId, date)) continue;
        const rule = rules.get(r.name)!;
        const key = rule.capPeriod === null ? '' : `${rule.id}:${personId}:${capPeriodRange(rule.capPeriod, date).from}`;
        const already = key ? (used.get(key) ?? 0) : 0;
        const quantity = r.quantity();
        const result = applyCap(rule, quantity, already);
        if (key) used.set(key, already + result.points);
        const createdAt = `${date}T${String(rnd.int(1, 9)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}:00.000Z`;
        const clerk = rnd.pick(CLERKS);
        const id = Number(insert.run(date, personId, rule.id, quantity, result.points, result.uncapped, rnd.pick(r.notes), null, clerk, createdAt).lastInsertRowid);
        entries++;
        if (rnd.chance(0.004)) {
          insert.run(date, personId, rule.id, -quantity, -result.points, -result.uncapped, rnd.pick(REVERSALS), id, clerk, createdAt.replace('T0', 'T1'));
          if (key) used.set(key, already);
          entries++;
        }
      }
    }
  }
  loadDemoPlatformRules(ctx);
  return { entries };
}
