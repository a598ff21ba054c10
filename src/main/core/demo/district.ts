/**
 * The large case: a district of several streets and years of its months, for benchmarks and for trying the app at
 * size (`npm run demo -- --data-dir D --years 10 --people 5000`). The organisation tree has one root and no district
 * kind, so the district is one root unit (宝安区, of kind 街道) with the communities of five streets beneath it, each
 * community named with its street (西乡·固戍社区).
 *
 * Everything is written as it happened, month by month on a simulated clock, through the areas' own write functions
 * and with the audit entries their calls record (people.create, transfer/leave/rejoin, points.post and reverse, cell
 * saves, opening, finalising and reopening months, star runs, year-end assessments, award batches): the rows, the
 * audit log and its hash chain are those the app would have written. Each step is one transaction, as one call is.
 */
import type { AuditEntry, CoreEnv, HandlerContext, Actor } from '../context';
import { appendAudit, auditContentOf, chainHead } from '../audit/chain';
import { DEFAULT_ELIGIBILITY } from '../../../shared/domain/awards';
import { birthDateFromId } from '../../../shared/domain/idcard';
import { daysInMonth, todayInShanghai } from '../../../shared/domain/dates';
import type { UnitKind } from '../../../shared/domain/org';
import type { Role } from '../../../shared/domain/people';
import type { PoliticalStatusOrNone } from '../../../shared/domain/political';
import { starPeriodOf } from '../../../shared/domain/stars';
import type { Criterion } from '../../../shared/domain/scoring';
import { createEvaluator, finaliseMonth, openNewMonth, reopenMonth } from '../assessments/month';
import { saveScoreCells, type CellToSave } from '../assessments/save';
import { keepCandidate, moveStage, nominate, saveBatch, saveDeeds } from '../awards/write';
import { getUnit } from '../org/queries';
import { getPersonRow } from '../people/queries';
import { currentTerm, startTerm, type TermChangeRequest } from '../people/terms';
import { insertPerson } from '../people/write';
import { periodView } from '../periods/queries';
import { createPeriodScheme, decideTie, finalisePeriod, openPeriod, publishPeriodScheme, savePeriodDraft } from '../periods/write';
import { insertEntry, insertReversal, type Original } from '../points/ledger';
import { loadCriteria } from '../schemes/queries';
import { createScheme, publishScheme } from '../schemes/write';
import { writeReportSettings } from '../settings/queries';
import { listRuleSets } from '../stars/queries';
import { createDiscipline, overrideRating, previewRun, publishRun } from '../stars/write';
import { saveDemoBallots } from './periods';
import { pointRulesByName } from './points';
import { loadDemoPlatformRules } from './platform';
import { SeededRandom } from './random';
import { makeIdNumber, makeMobile, makeName, politicalStatusOf } from './street';

export interface DistrictOptions {
  /** Years of finalised months before the current one (which is left open, part scored). */
  years: number;
  /** Workers in post, about (the roster is kept near it as people leave and are replaced). */
  people: number;
  /** Streets of the district (default: one per thousand workers, at least one). */
  streets?: number;
  seed?: number;
  /** A line per stage and per year: what was written, how long it took. */
  onProgress?: (line: string) => void;
}

export interface DistrictResult {
  streets: number;
  units: number;
  people: number;
  months: number;
  reopened: number;
  transfers: number;
  departures: number;
  returns: number;
  hires: number;
  scores: number;
  pointEntries: number;
  starRuns: number;
  periods: number;
  awardBatches: number;
  auditRows: number;
}

const STREETS: [name: string, code: string][] = [
  ['西乡', '440306006'],
  ['新安', '440306005'],
  ['福永', '440306008'],
  ['沙井', '440306010'],
  ['松岗', '440306011'],
  ['石岩', '440306012'],
  ['航城', '440306013'],
  ['福海', '440306014'],
  ['新桥', '440306015'],
  ['燕罗', '440306016'],
];
const COMMUNITY_WORDS = ['固戍', '河西', '河东', '流塘', '盐田', '臣田', '渔业', '凤凰岗', '龙腾', '劳动', '铁岗', '黄麻布', '桃源', '碧海', '海城', '宝民', '兴业', '翠岸', '永丰', '恒丰', '富华', '金海'];
const MICRO_PLACES = ['花园', '新村', '公寓', '大厦', '小区', '雅苑', '家园', '名苑'];
const DEDUCTION_NOTES = ['迟到', '早退', '巡查脱岗', '未按规定着装', '台账缺记', '缺席例会'];
const BONUS_NOTES = ['获街道通报表扬', '获区级表彰（宝安区网格办文件）', '发现燃气泄漏隐患并及时上报', '协助处置群租房消防隐患'];
const LEAVE_REASONS = ['辞职', '退休', '考取公务员', '家庭原因', '合同期满不再续聘'];
const REOPEN_REASONS = ['考核组复核发现录入错误，重新开启更正', '社区提交补充材料，经中心研究重新开启', '申诉复核后更正分数'];
const CORRECTION_REASON = '复核更正';
const REVERSALS = ['重复录入', '数量录入有误', '录错人员', '经复核不属实'];
const CRITICISMS = ['巡查脱岗，街道督查通报', '群众投诉属实，处置不及时', '台账缺记漏记，检查通报', '消防隐患未按时上报'];
const OVERRIDE_REASONS = ['参与防汛抢险表现突出，经中心会议研究上调', '本季度长期病假，经社区申请下调', '协助破获电信诈骗案件，经中心会议研究上调'];
const DEEDS = ['全年走访住户一千余户，上报安全隐患六十余件，均按时办结', '调解邻里纠纷二十余起，无一起矛盾上交', '及时发现并报告燃气泄漏隐患，避免一起安全事故', '人口信息采集准确率全区前列'];
const ACTOR: Actor = { name: '管理员', role: 'admin' };
const NO_SESSION = { start: () => undefined, end: () => undefined };

interface PointPlan {
  rule: string;
  chance: number;
  quantity: (r: SeededRandom) => number;
  notes: readonly string[];
}
const q = (min: number, max: number) => (r: SeededRandom) => r.int(min, max) * 100;
const POINT_PLAN: PointPlan[] = [
  { rule: '上报安全隐患', chance: 0.55, quantity: q(1, 4), notes: ['上报楼道堆放杂物，已转相关部门处置', '上报电动车入户充电，已转相关部门处置', '上报消防通道占用，已转相关部门处置'] },
  { rule: '化解矛盾纠纷', chance: 0.3, quantity: q(1, 2), notes: ['成功调解邻里噪音纠纷，有调解记录', '成功调解停车位纠纷，有调解记录'] },
  { rule: '采集更新人口信息', chance: 0.35, quantity: q(5, 40), notes: ['更新出租屋人口信息', '新增流动人口登记', '核实房屋信息'] },
  { rule: '参加志愿服务', chance: 0.3, quantity: q(1, 3), notes: ['参加社区义诊志愿服务', '参加垃圾分类督导志愿服务'] },
  { rule: '关爱走访特殊群体', chance: 0.3, quantity: q(2, 6), notes: ['走访独居老人，有走访记录', '走访困难家庭，有走访记录'] },
  { rule: '提出合理化建议被采纳', chance: 0.01, quantity: q(1, 1), notes: ['关于优化网格巡查路线的建议被街道采纳'] },
  { rule: '巡查不到位被通报', chance: 0.012, quantity: q(1, 1), notes: ['街道督查通报：巡查记录与实际不符'] },
  { rule: '无故缺勤', chance: 0.004, quantity: (r) => r.pick([50, 100, 100, 200]), notes: ['未请假缺勤，经考勤核实'] },
  { rule: '投诉属实', chance: 0.003, quantity: q(1, 1), notes: ['12345热线投诉服务态度差，经核查属实'] },
  { rule: '获街道级表彰', chance: 0.003, quantity: q(1, 1), notes: ['街道防台风工作先进个人'] },
];

/** 'YYYY-MM' n months after (or before) a period. */
function shift(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** A moment in Shanghai time: the day `day` of `period` at `hour`:`minute`. */
function at(period: string, day: number, hour: number, minute = 0): Date {
  return new Date(`${period}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
}

interface Worker {
  id: number;
  community: number;
  street: number;
  ability: number;
  inPost: boolean;
}

export function loadDistrict(env: CoreEnv, options: DistrictOptions): DistrictResult {
  const { db } = env;
  const started = Date.now();
  const say = options.onProgress ?? (() => undefined);
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} 秒`;
  const rnd = new SeededRandom(options.seed ?? 20261201);
  const realNow = env.now();
  const today = todayInShanghai(realNow);
  const current = today.slice(0, 7);
  const first = shift(current, -options.years * 12);
  const streetCount = Math.max(1, Math.min(STREETS.length, options.streets ?? Math.round(options.people / 1000)));

  /** One step of work as one call would do it: at `when`, in one transaction, its audit entries written with it. */
  const step = <T>(when: Date, work: (ctx: HandlerContext) => T): T => {
    const moment = when.getTime() > realNow.getTime() ? realNow : when;
    const pending: AuditEntry[] = [];
    const ctx: HandlerContext = {
      ...env,
      now: () => moment,
      actor: ACTOR,
      today: todayInShanghai(moment),
      audit: (e) => pending.push(e),
      session: NO_SESSION,
      transact: () => {
        throw new Error('loadDistrict: steps already run in a transaction');
      },
    };
    return db
      .transaction(() => {
        const out = work(ctx);
        const iso = moment.toISOString();
        appendAudit(db, pending.map((e) => auditContentOf(ACTOR.name, iso, e)));
        return out;
      })
      .immediate();
  };

  const result: DistrictResult = {
    streets: streetCount,
    units: 0,
    people: 0,
    months: 0,
    reopened: 0,
    transfers: 0,
    departures: 0,
    returns: 0,
    hires: 0,
    scores: 0,
    pointEntries: 0,
    starRuns: 0,
    periods: 0,
    awardBatches: 0,
    auditRows: 0,
  };

  // ── the organisation and the roster the office started with ──────────────────────────────────────────────────
  const takenIds = new Set<string>();
  const workers = new Map<number, Worker>();
  const grids: { id: number; community: number; street: number }[] = [];
  const start = at(first, 1, 9);
  step(start, (ctx) => {
    const insertUnit = db.prepare('INSERT INTO org_units (parent_id, kind, name, code, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const addUnit = (parentId: number | null, kind: UnitKind, name: string, code: string, order: number) => {
      const id = Number(insertUnit.run(parentId, kind, name, code, order, ctx.now().toISOString()).lastInsertRowid);
      ctx.audit({ action: 'create', entity: 'org_unit', entityId: id, newValue: getUnit(db, id) });
      result.units++;
      return id;
    };
    const hire = (unitId: number, roles: Role[], w: Omit<Worker, 'id' | 'ability' | 'inPost'>, hireDate?: string) => {
      const id = hirePerson(ctx, rnd, takenIds, unitId, roles, hireDate ?? null);
      workers.set(id, { id, ...w, ability: 0.78 + rnd.next() * 0.2, inPost: true });
      return id;
    };
    const root = addUnit(null, 'street', '宝安区', '440306', 1);
    const perStreet = options.people / streetCount;
    let order = 0;
    for (let s = 0; s < streetCount; s++) {
      const [streetName, streetCode] = STREETS[s]!;
      let hired = 0;
      for (let c = 0; hired < perStreet; c++) {
        const word = COMMUNITY_WORDS[c % COMMUNITY_WORDS.length]!;
        const isVillage = c % 6 === 5;
        const name = `${streetName}·${word}${c >= COMMUNITY_WORDS.length ? Math.floor(c / COMMUNITY_WORDS.length) + 1 : ''}${isVillage ? '村' : '社区'}`;
        const cCode = `${streetCode}${String(c + 1).padStart(3, '0')}`;
        const community = addUnit(root, isVillage ? 'village' : 'community', name, cCode, ++order);
        const where = { community, street: s };
        for (const role of ['中队长', '组长', '组长'] as Role[]) {
          hire(community, [role], where);
          hired++;
        }
        const gridCount = rnd.int(6, 9);
        for (let g = 1; g <= gridCount && hired < perStreet; g++) {
          const gridId = addUnit(community, 'grid_basic', `第${String(g).padStart(2, '0')}网格`, `${cCode}${String(g).padStart(2, '0')}`, g);
          grids.push({ id: gridId, ...where });
          hire(gridId, ['网格长', '专职网格员'], where);
          hired++;
          for (let i = rnd.int(5, 8); i > 0; i--, hired++) hire(gridId, ['专职网格员'], where);
          for (let i = rnd.int(1, 3); i > 0; i--, hired++) hire(gridId, ['网格员'], where);
          if (rnd.chance(0.4)) {
            hire(gridId, ['楼栋长'], where);
            hired++;
          }
          if (rnd.chance(0.35)) {
            for (let m = 1; m <= rnd.int(2, 3); m++, hired++) {
              const micro = addUnit(gridId, 'micro_grid', `${m}号${rnd.pick(COMMUNITY_WORDS)}${rnd.pick(MICRO_PLACES)}微网格`, `${cCode}${String(g).padStart(2, '0')}${m}`, m);
              hire(micro, ['微网格长'], where);
            }
          }
        }
      }
    }
    writeReportSettings(db, { officeName: '宝安区网格管理中心' });
  });
  result.people = workers.size;
  say(`组织与人员：${streetCount} 个街道，${result.units} 个单位，${workers.size} 名在岗人员（${seconds()}）`);

  // ── schemes, evaluators, rules ───────────────────────────────────────────────────────────────────────────────
  const setup = step(at(first, 1, 10), (ctx) => {
    const schemes = (['grid-worker', 'micro-grid-head'] as const).map((template) => {
      const created = createScheme(ctx, { name: template === 'grid-worker' ? '网格员月度考核' : '微网格长月度考核', template });
      const published = publishScheme(ctx, { schemeId: created.schemeId });
      return { schemeId: published.schemeId, criteria: loadCriteria(db, published.versionId) };
    });
    const gridEvaluators = [createEvaluator(ctx, { name: '区网格中心考核组', group: '街道中心' }).id, createEvaluator(ctx, { name: '社区考核小组', group: '社区' }).id];
    const panel = ['民主评议甲组', '民主评议乙组', '民主评议丙组'].map((name) => createEvaluator(ctx, { name, group: '' }).id);
    loadDemoPlatformRules(ctx);
    const rules = pointRulesByName(db, 'derived IS NULL');
    return { schemes, evaluators: [gridEvaluators, panel], rules };
  });
  const ruleSetId = (() => {
    const sets = listRuleSets(db);
    return sets.find((r) => r.name === '季度星级评定')?.id ?? sets[0]!.id;
  })();

  // ── month by month ───────────────────────────────────────────────────────────────────────────────────────────
  /** Who left, and when: some come back within two years. */
  const left: { w: Worker; period: string }[] = [];
  let periodSchemeId: number | null = null;
  let year = { months: 0, transfers: 0, departures: 0, returns: 0, hires: 0, scores: 0, entries: 0, reopened: 0, since: Date.now() };
  const trend = new Map<number, number>();

  for (let period = first; period <= current; period = shift(period, 1)) {
    const isCurrent = period === current;
    const lastDay = isCurrent ? Number(today.slice(8)) : daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5)));
    const dayOf = (max: number) => String(rnd.int(1, Math.min(max, lastDay))).padStart(2, '0');

    // movements, dated in the first ten days: departures, returns, transfers, and recruits for the places left
    step(at(period, Math.min(10, lastDay), 17), (ctx) => {
      const inPost = [...workers.values()].filter((w) => w.inPost);
      let leaving = 0;
      for (const w of inPost) {
        const r = rnd.next();
        if (r < 0.006) {
          changeTerm(ctx, 'leave', w.id, `${period}-${dayOf(10)}`, rnd.pick(LEAVE_REASONS), { change: '离岗', status: '离岗' });
          w.inPost = false;
          left.push({ w, period });
          leaving++;
          year.departures++;
        } else if (r < 0.011) {
          const sameCommunity = rnd.chance(0.7);
          const targets = grids.filter((g) => g.street === w.street && (sameCommunity ? g.community === w.community : g.community !== w.community));
          if (targets.length === 0) continue;
          const target = rnd.pick(targets);
          if (currentTerm(db, w.id).unitId === target.id) continue;
          changeTerm(ctx, 'transfer', w.id, `${period}-${dayOf(10)}`, '工作需要', { change: '调动', unitId: target.id });
          w.community = target.community;
          year.transfers++;
        }
      }
      for (let i = left.length - 1 - leaving; i >= 0; i--) {
        if (shift(left[i]!.period, 24) < period) left.splice(i, 1);
        else if (rnd.chance(0.012)) {
          const { w } = left[i]!;
          changeTerm(ctx, 'rejoin', w.id, `${period}-${dayOf(10)}`, '重新聘用', { change: '返岗', status: '在岗', unitId: currentTerm(db, w.id).unitId });
          w.inPost = true;
          left.splice(i, 1);
          year.returns++;
        }
      }
      const wanted = options.people - [...workers.values()].filter((w) => w.inPost).length;
      for (let i = 0; i < wanted; i++) {
        const g = rnd.pick(grids);
        const id = hirePerson(ctx, rnd, takenIds, g.id, ['专职网格员'], `${period}-${dayOf(10)}`);
        workers.set(id, { id, community: g.community, street: g.street, ability: 0.74 + rnd.next() * 0.2, inPost: true });
        year.hires++;
      }
      // a few who slip or rise for a while
      for (const w of inPost) {
        const r = rnd.next();
        if (r < 0.001) trend.set(w.id, -0.035);
        else if (r < 0.002) trend.set(w.id, 0.02);
      }
    });

    // points, entered week by week by the clerks
    const inPostIds = [...workers.values()].filter((w) => w.inPost).map((w) => w.id);
    for (const [week, upTo] of [7, 14, 21, 31].entries()) {
      const from = week * 7 + 1;
      if (from > lastDay) break;
      const to = Math.min(upTo, lastDay);
      step(at(period, to, 17, 30), (ctx) => {
        for (const personId of inPostIds) {
          for (const plan of POINT_PLAN) {
            if (!rnd.chance(plan.chance / 4)) continue;
            const rule = setup.rules.get(plan.rule);
            if (!rule) continue;
            const date = `${period}-${String(rnd.int(from, to)).padStart(2, '0')}`;
            const quantity = plan.quantity(rnd);
            const note = rnd.pick(plan.notes);
            const { id, result: capped } = insertEntry(ctx, { date, personId, rule, quantity, source: 'manual', sourceRef: '', note });
            ctx.audit({
              action: 'post',
              entity: 'point_entry',
              entityId: id,
              newValue: { date, personId, ruleId: rule.id, quantity, points: capped.points, uncapped: capped.uncapped, source: 'manual', note },
            });
            year.entries++;
            if (rnd.chance(0.004)) {
              const original: Original = { id, date, person_id: personId, rule_id: rule.id, quantity, points: capped.points, uncapped: capped.uncapped, source: 'manual', source_ref: '' };
              const reason = rnd.pick(REVERSALS);
              const reversalId = insertReversal(ctx, original, reason);
              ctx.audit({ action: 'reverse', entity: 'point_entry', entityId: id, oldValue: { id, points: capped.points }, newValue: { reversalId, points: -capped.points }, reason });
              year.entries++;
            }
          }
        }
      });
    }

    // the month's assessments: opened on its last day, scored by each evaluator, finalised early next month
    const monthsLeft = (p: string) => {
      const [a, b] = [p, current].map((x) => Number(x.slice(0, 4)) * 12 + Number(x.slice(5)));
      return b! - a!;
    };
    for (const [s, scheme] of setup.schemes.entries()) {
      const month = step(at(period, lastDay, isCurrent ? 8 : 9), (ctx) => openNewMonth(ctx, { schemeId: scheme.schemeId, period }));
      const members = db.prepare('SELECT person_id FROM month_members WHERE month_id = ?').pluck().all(month.id) as number[];
      const share = isCurrent ? 0.35 : 1;
      const evaluators = setup.evaluators[s]!;
      const scoring = members.filter(() => rnd.next() <= share);
      const veto = new Set(scoring.filter(() => rnd.chance(0.0002)));
      for (const [e, evaluatorId] of evaluators.entries()) {
        const cells = scoring.flatMap((personId) => {
          const w = workers.get(personId)!;
          const drift = (trend.get(personId) ?? 0) * Math.max(0, 7 - monthsLeft(period));
          const base = Math.min(0.99, Math.max(0.4, w.ability + drift));
          return cellsFor(rnd, scheme.criteria, base, period, veto.has(personId) && e === 0).map((c) => ({ ...c, personId }));
        });
        if (cells.length === 0) continue;
        year.scores += step(at(isCurrent ? current : period, lastDay, isCurrent ? 9 : 15 + e, 10 * s), (ctx) => saveScoreCells(ctx, month.id, evaluatorId, cells).saved);
      }
      if (isCurrent) continue;
      const next = shift(period, 1);
      step(at(next, 3, 10, s * 5), (ctx) => finaliseMonth(ctx, month.id));
      year.months++;
      // now and then a month is reopened, a few scores corrected with the reason, and finalised again
      if (rnd.chance(0.025) && next < current) {
        const reason = rnd.pick(REOPEN_REASONS);
        const fix = scoring.length > 0 ? rnd.pick(scoring) : null;
        const criterion = scheme.criteria.find((c) => c.kind === 'score');
        step(at(next, 8, 14), (ctx) => {
          reopenMonth(ctx, { monthId: month.id, reason });
          if (fix !== null && criterion) {
            const value = Math.round((criterion.max * Math.min(1, workers.get(fix)!.ability + 0.05)) / 50) * 50;
            year.scores += saveScoreCells(ctx, month.id, evaluators[0]!, [{ personId: fix, criterionId: criterion.id, value, note: '' }], CORRECTION_REASON).saved;
          }
          finaliseMonth(ctx, month.id);
        });
        year.reopened++;
      }
    }

    // a quarter's star rating once its three months are finalised
    if (!isCurrent && Number(period.slice(5)) % 3 === 0 && shift(period, -2) >= first) {
      const quarter = starPeriodOf('quarter', period);
      const next = shift(period, 1);
      step(at(next, 6, 10), (ctx) => {
        const inPostNow = [...workers.values()].filter((w) => w.inPost);
        for (let i = rnd.int(0, 2); i > 0 && inPostNow.length > 0; i--) {
          createDiscipline(ctx, { personId: rnd.pick(inPostNow).id, date: `${period}-${dayOf(28)}`, kind: '通报批评', reason: rnd.pick(CRITICISMS) });
        }
        const view = previewRun(ctx, { ruleSetId, period: quarter });
        if (next >= current) return; // the latest quarter waits as a draft
        if (view.rows.length > 0) {
          const row = rnd.pick(view.rows);
          const reason = rnd.pick(OVERRIDE_REASONS);
          const stars = reason.includes('下调') ? Math.max(1, row.stars - 1) : Math.min(5, row.stars + 1);
          if (stars !== row.stars) overrideRating(ctx, { runId: view.run.id, personId: row.personId, stars: stars as 1 | 2 | 3 | 4 | 5, reason });
        }
        publishRun(ctx, { runId: view.run.id });
      });
      result.starRuns++;
    }

    // the year's end: the year-end assessment and the year's award batch, in January
    const y = period.slice(0, 4);
    if (period.endsWith('-12') && !isCurrent) {
      const full = db.prepare("SELECT count(*) FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id WHERE s.name = '网格员月度考核' AND m.status = 'finalised' AND m.period LIKE ?").pluck().get(`${y}-%`) as number;
      if (full === 12) {
        const next = shift(period, 1);
        const periodId = step(at(next, 15, 10), (ctx) => {
          if (periodSchemeId === null) periodSchemeId = yearEndScheme(ctx, setup.schemes[0]!.schemeId);
          return yearEnd(ctx, rnd, periodSchemeId, y, setup.evaluators[1]!);
        });
        result.periods++;
        step(at(next, 25, 10), (ctx) => yearAwards(ctx, rnd, y, periodId));
        result.awardBatches++;
      }
    }

    if (period.endsWith('-12') || isCurrent) {
      const inPost = [...workers.values()].filter((w) => w.inPost).length;
      const audit = chainHead(db).id;
      say(
        `${period.slice(0, 4)} 年：归档 ${year.months} 个考核月（重新开启 ${year.reopened}），在岗 ${inPost} 人，调动 ${year.transfers}，离岗 ${year.departures}，返岗 ${year.returns}，新进 ${year.hires}，` +
          `分数 ${year.scores} 条，积分 ${year.entries} 条，操作日志累计 ${audit} 行（本年 ${((Date.now() - year.since) / 1000).toFixed(1)} 秒，共 ${seconds()}）`,
      );
      result.months += year.months;
      result.reopened += year.reopened;
      result.transfers += year.transfers;
      result.departures += year.departures;
      result.returns += year.returns;
      result.hires += year.hires;
      result.scores += year.scores;
      result.pointEntries += year.entries;
      year = { months: 0, transfers: 0, departures: 0, returns: 0, hires: 0, scores: 0, entries: 0, reopened: 0, since: Date.now() };
    }
  }

  // the current year's assessment opened once it has begun, as the demo street has it
  if (periodSchemeId !== null && `${today.slice(0, 4)}-01-01` <= today) {
    const id = periodSchemeId;
    step(realNow, (ctx) => openPeriod(ctx, { schemeId: id, period: today.slice(0, 4) }));
    result.periods++;
  }
  result.people = workers.size;
  step(realNow, (ctx) => ctx.audit({ action: 'load-demo', entity: 'system', entityId: null, newValue: { ...result, auditRows: undefined } }));
  result.auditRows = chainHead(db).id;
  say(`完成：${result.people} 名人员，${result.months} 个已归档的考核月，操作日志 ${result.auditRows} 行（共 ${seconds()}）`);
  return result;
}

/** people.create as the call does it: the person, the first term, the audit entry with the row as listed. */
function hirePerson(ctx: HandlerContext, rnd: SeededRandom, taken: Set<string>, unitId: number, roles: Role[], hireDate: string | null): number {
  const gender = rnd.chance(0.58) ? '女' : '男';
  const name = makeName(rnd, gender);
  const idNumber = makeIdNumber(rnd, gender, taken);
  const birth = birthDateFromId(idNumber);
  const earliest = `${Number(birth.slice(0, 4)) + 20}-01-01`;
  const before = ctx.today;
  const date = hireDate ?? rnd.date(earliest < '2010-01-01' ? '2010-01-01' : earliest < before ? earliest : before, before);
  const personId = insertPerson(
    ctx.db,
    { name, gender, idNumber, mobile: makeMobile(rnd), politicalStatus: politicalStatusOf(rnd.next()) as PoliticalStatusOrNone, hireDate: date, note: '', unitId, roles, reason: '' },
    ctx.now().toISOString(),
  );
  ctx.audit({ action: 'create', entity: 'person', entityId: personId, newValue: getPersonRow(ctx.db, personId, ctx.today) });
  return personId;
}

/** people.transfer / leave / rejoin as the calls do it: the dated term and the audit entry with the row before and after. */
function changeTerm(
  ctx: HandlerContext,
  action: 'transfer' | 'leave' | 'rejoin',
  personId: number,
  date: string,
  reason: string,
  term: Pick<TermChangeRequest, 'change' | 'unitId' | 'status'>,
): void {
  const before = getPersonRow(ctx.db, personId, ctx.today);
  startTerm(ctx.db, { ...term, personId, date, dateField: 'date', reason, createdAt: ctx.now().toISOString() });
  const after = getPersonRow(ctx.db, personId, ctx.today);
  ctx.audit({ action, entity: 'person', entityId: personId, oldValue: before, newValue: after, reason });
}

/** One evaluator's cells for one worker of ability `base` (as the demo street's months are drawn). */
function cellsFor(rnd: SeededRandom, criteria: Criterion[], base: number, period: string, veto: boolean): Omit<CellToSave, 'personId'>[] {
  const cells: Omit<CellToSave, 'personId'>[] = [];
  const lenient = (rnd.next() - 0.5) * 0.06;
  for (const c of criteria) {
    if (c.kind === 'score') {
      const ratio = Math.min(1, Math.max(0, base + lenient + (rnd.next() - 0.5) * 0.08));
      cells.push({ criterionId: c.id, value: Math.round((c.max * ratio) / 50) * 50, note: '' });
    } else if (c.kind === 'deduction' && rnd.chance((1 - base) * 0.8)) {
      cells.push({ criterionId: c.id, value: rnd.int(1, 2), note: `${rnd.pick(DEDUCTION_NOTES)}（${period}-${String(rnd.int(1, 28)).padStart(2, '0')}）` });
    } else if (c.kind === 'bonus' && rnd.chance(base > 0.9 ? 0.06 : 0.015)) {
      cells.push({ criterionId: c.id, value: 1, note: `${rnd.pick(BONUS_NOTES)}（案卷号 XX${period.replace('-', '')}${rnd.int(100, 999)}）` });
    } else if (c.kind === 'veto' && veto) {
      cells.push({ criterionId: c.id, value: 1, note: `因失职发生责任事故（${period}），经党工委会议认定` });
    }
  }
  return cells;
}

function yearEndScheme(ctx: HandlerContext, monthSchemeId: number): number {
  const created = createPeriodScheme(ctx, { name: '年度考核', kind: 'year' });
  savePeriodDraft(ctx, { schemeId: created.schemeId, name: '年度考核', roles: ['网格长', '专职网格员', '网格员'], monthSchemeId, rules: created.rules });
  publishPeriodScheme(ctx, created.schemeId);
  return created.schemeId;
}

/** A year's assessment: three raters' ballots following each worker's months, ties at the 优秀 line decided, finalised. */
function yearEnd(ctx: HandlerContext, rnd: SeededRandom, schemeId: number, year: string, raters: number[]): number {
  const { db } = ctx;
  const period = openPeriod(ctx, { schemeId, period: year });
  saveDemoBallots(ctx, rnd, period.id, raters);
  const view = periodView(db, ctx.actor, period.id, null);
  const graded = view.rows.filter((r) => r.status === 'graded' && r.total !== null).length;
  let places = Math.floor((graded * (view.rules.quota?.percent ?? 0)) / 100) - view.rows.filter((r) => r.quota === 'kept').length;
  const tied = view.rows.filter((r) => r.quota === 'tie').sort((a, b) => (b.components.months ?? 0) - (a.components.months ?? 0) || a.personId - b.personId);
  for (const r of tied) {
    const keep = places-- > 0;
    decideTie(ctx, { periodId: period.id, personId: r.personId, keep, reason: keep ? '月度考核平均分较高，经考评小组研究保留优秀' : '名额已满，经考评小组研究按称职确定' });
  }
  finalisePeriod(ctx, period.id);
  return period.id;
}


/** The year's 优秀网格员: two a community from those graded 优秀, by the year's total; deeds written; published. */
function yearAwards(ctx: HandlerContext, rnd: SeededRandom, year: string, periodId: number): void {
  const b = saveBatch(ctx, { name: `${year}年度优秀网格员`, level: '街道', issuer: '宝安区网格管理中心', date: ctx.today, role: null, quotaTotal: null, quotaPerUnit: 2, note: `从${year}年度考核定为优秀的人员中按总分排名` });
  const v = nominate(ctx, { batchId: b.id, from: `${year}-01`, to: `${year}-12`, basis: 'average', quotaPerUnit: 2, quotaTotal: null, eligibility: { ...DEFAULT_ELIGIBILITY, periodExcellent: true }, periodId });
  for (const c of v.candidates.filter((x) => x.status === 'tied')) keepCandidate(ctx, { batchId: b.id, personId: c.personId, reason: '并列者经考评小组研究均予推荐' });
  for (const c of v.candidates) saveDeeds(ctx, { batchId: b.id, personId: c.personId, deeds: rnd.pick(DEEDS) });
  if (v.candidates.length === 0) return;
  for (const to of ['review', 'notice', 'published'] as const) moveStage(ctx, { batchId: b.id, to, note: '' });
}
