/** A year computed by hand for ten workers, every rule of DOMAIN.md's "Period and annual assessment" on the way. */
import { describe, expect, it } from 'vitest';
import { computePeriod, DEFAULT_PERIOD_RULES, periodRulesError, type Ballot, type PeriodMonth, type PeriodRules, type PeriodWorker } from '../../src/shared/domain/periods';
import { DEFAULT_BANDS, gradeOf } from '../../src/shared/domain/scoring';

const RULES: PeriodRules = { ...DEFAULT_PERIOD_RULES, quota: { percent: 35, scope: 'street' }, bands: DEFAULT_BANDS };
const PERIODS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

/** Months from a total per month (a number, or 'exempt'), vetoed months named. */
function months(totals: (number | 'exempt' | null)[], vetoed: string[] = []): PeriodMonth[] {
  return totals.flatMap((t, i): PeriodMonth[] => {
    const period = PERIODS[12 - totals.length + i]!;
    if (t === 'exempt') return [{ period, total: null, grade: null, veto: false, exempt: true }];
    const veto = vetoed.includes(period);
    return [{ period, total: t, grade: t === null ? null : gradeOf(t, veto, DEFAULT_BANDS), veto, exempt: false }];
  });
}
const all = (t: number) => Array<number>(12).fill(t);
const worker = (personId: number, m: PeriodMonth[], ballots: Ballot[], points: number, over: Partial<PeriodWorker> = {}): PeriodWorker => ({
  personId,
  gridId: personId <= 5 ? 1 : 2,
  communityId: 1,
  role: '网格员',
  monthsInPost: 12,
  months: m,
  ballots,
  appraisalTotal: null,
  points,
  ...over,
});

const WORKERS: PeriodWorker[] = [
  worker(1, months(all(9500)), ['优秀', '优秀', '优秀'], 6000), // 95×.6 + 100×.3 + 100 (capped)×.1 = 97.00
  worker(2, months(all(9400)), ['优秀', '优秀', '称职'], 4000), // 56.4 + 95×.3 + 80×.1 = 92.90
  worker(3, months(all(9200)), ['优秀', '称职'], 4500), // 55.2 + 92.5×.3 + 90×.1 = 91.95
  worker(4, months(all(9200)), ['称职', '优秀'], 4500), // the same: a tie at the line
  worker(5, months(all(9000)), ['称职', '称职'], 5000), // 54 + 25.5 + 10 = 89.50
  worker(6, months(all(9600), ['2026-03']), ['优秀', '优秀'], 5000), // 97.60, a veto in March: capped at 不合格
  worker(7, months([8500, 8500, 8500, 8500, 5500, 5800, 8500, 8500, 8500, 8500, 8500, 8500]), ['称职'], 2000), // 80.25×.6 + 25.5 + 4 = 77.65 → 不合格, 预警
  worker(8, months(all(8800)), [], 3000), // no appraisal: (88×60 + 60×10) / 70 = 84.00
  worker(9, months([9300, 9300, 9300, 9300, 9300]), ['优秀'], 1000, { monthsInPost: 5 }), // joined in August: 不定等次
  worker(10, months([9100, 9100, 'exempt', 'exempt', 'exempt', 9100, 9100, 9100, 9100, 9100, 9100, 9100]), ['称职', '称职', '优秀'], 3500), // 54.6 + 27 + 7 = 88.60
];

describe('a year computed by hand', () => {
  it('components, totals, grades, every rule in order, the quota line with its tie, and ranks', () => {
    const r = new Map(computePeriod(WORKERS, RULES).map((x) => [x.personId, x]));
    expect([...r.values()].map((x) => [x.personId, x.total, x.grade, x.status, x.quota])).toEqual([
      [1, 9700, '优秀', 'graded', 'kept'],
      [2, 9290, '优秀', 'graded', 'kept'],
      [3, 9195, '优秀', 'graded', 'tie'],
      [4, 9195, '优秀', 'graded', 'tie'],
      [5, 8950, '良好', 'graded', null],
      [6, 9760, '不合格', 'graded', null],
      [7, 7765, '不合格', 'graded', null],
      [8, 8400, '良好', 'graded', null],
      [9, 8780, null, 'undetermined', null],
      [10, 8860, '良好', 'graded', null],
    ]);
    expect(r.get(1)!.components).toEqual({ months: 9500, appraisal: 10000, points: 10000 });
    expect(r.get(7)!.components.months).toBe(8025);
    expect(r.get(8)!.components.appraisal).toBeNull();
    expect(r.get(7)!.warning).toBe(true);
    expect(r.get(6)!.capped).toBe(true);
    // 9 graded (the newcomer not), 35% → 3 places: 97.00 and 92.90 in, 91.95 twice at the line
    expect(r.get(3)!.derivation.at(-1)).toBe('优秀名额：全街道定等 9 人 × 35% = 3 名，总分 91.95 有 2 人并列在名额线上，待决定');
    expect(r.get(6)!.derivation).toContain('2026-03有一票否决：等次最高为不合格，定为不合格');
    expect(r.get(7)!.derivation).toContain('2026-05、2026-06连续两个月不合格：定为不合格，列入解聘预警');
    expect(r.get(8)!.derivation).toContain('总分 = 月度考核 88 × 60% + 积分 60 × 10%，年终测评缺失，按其余权重合计 70% 折算 = 84');
    expect(r.get(9)!.derivation.at(-1)).toBe('在岗 5 个月，不满 6 个月：不定等次');
    expect(r.get(10)!.derivation[0]).toBe(
      '月度考核：9个月平均 91（2026-01 91，2026-02 91，2026-06 91，2026-07 91，2026-08 91，2026-09 91，2026-10 91，2026-11 91，2026-12 91）；不计：2026-03免考，2026-04免考，2026-05免考',
    );
    expect(r.get(1)!.derivation).toContain('积分：本期 60 分，50 分折 100 分，折算 100（封顶 100）');
    // ranks use the rounded total; the newcomer has none; ties share (1, 1, 3)
    expect([...r.values()].map((x) => [x.personId, x.ranks.street])).toEqual([
      [1, 2], [2, 3], [3, 4], [4, 4], [5, 6], [6, 1], [7, 9], [8, 8], [9, null], [10, 7],
    ]);
    expect(r.get(5)!.ranks.grid).toBe(5); // grid 1: 97.00, 92.90, 91.95, 91.95, 89.50 → 1, 2, 3, 3, 5
  });

  it('a decision on the tie keeps one and drops the other one grade', () => {
    const r = new Map(computePeriod(WORKERS, RULES, new Map([[3, { keep: true, reason: '' }], [4, { keep: false, reason: '群众满意度较低' }]])).map((x) => [x.personId, x]));
    expect([r.get(3)!.grade, r.get(3)!.quota, r.get(4)!.grade, r.get(4)!.quota]).toEqual(['优秀', 'kept', '良好', 'dropped']);
    expect(r.get(4)!.derivation.at(-1)).toBe('优秀名额：全街道定等 9 人 × 35% = 3 名，并列在名额线上，经决定降为良好（群众满意度较低）');
  });

  it('the default 20% leaves one 优秀 place here: the rest of the 优秀 band drop to 良好; a quota per community counts each apart', () => {
    const r = computePeriod(WORKERS, { ...RULES, quota: { percent: 20, scope: 'street' } });
    expect(r.filter((x) => x.grade === '优秀').map((x) => x.personId)).toEqual([1]);
    expect(r.filter((x) => x.quota === 'dropped').map((x) => x.personId)).toEqual([2, 3, 4]);
    const perCommunity = computePeriod(WORKERS.map((w) => ({ ...w, communityId: w.personId % 2 })), { ...RULES, quota: { percent: 20, scope: 'community' } });
    // odd ids: 1, 3, 5, 7 graded (9 not) → 0 places; even ids: 2, 4, 6, 8, 10 → 1 place
    expect(perCommunity.filter((x) => x.grade === '优秀').map((x) => x.personId)).toEqual([2]);
  });

  it('rules that cannot be used are refused, naming the field', () => {
    expect(periodRulesError({ ...RULES, weights: { months: 60, appraisal: 30, points: 5 } })).toEqual({ field: 'weights', message: '各项权重合计应为 100%，现为 95%' });
    expect(periodRulesError({ ...RULES, quota: { percent: 120, scope: 'street' } })?.field).toBe('quota');
    expect(periodRulesError(RULES)).toBeNull();
  });
});
