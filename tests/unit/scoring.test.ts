import { describe, expect, it } from 'vitest';
import {
  bandsError,
  combine,
  DEFAULT_BANDS,
  formatHundredths,
  gradeOf,
  parseHundredths,
  ranks,
  roundHalfUp,
  sheetOf,
  sumOfMaxima,
  valueError,
  type Band,
  type Criterion,
  type EvaluatorSheet,
} from '../../src/shared/domain/scoring';

function crit(id: number, over: Partial<Criterion> = {}): Criterion {
  return { id, category: '业务工作', name: `指标${id}`, kind: 'score', max: 1000, perUnit: 0, cap: 0, floor: 'criterion', guide: '', ...over };
}

const values = (entries: [number, number][]) => new Map(entries);

function ev(evaluatorId: number, total: number, over: Partial<EvaluatorSheet> = {}): EvaluatorSheet {
  return { evaluatorId, evaluatorName: `考核人${evaluatorId}`, group: '', total, veto: false, ...over };
}

describe('sheetOf: each criterion kind at its limits', () => {
  it('a 评分项 counts from 0 to its maximum; a missing one leaves the sheet incomplete', () => {
    const criteria = [crit(1, { max: 6000 }), crit(2, { max: 4000, category: '巡查走访' })];
    expect(sheetOf(criteria, values([[1, 0], [2, 0]]))).toMatchObject({ total: 0, complete: true, veto: false });
    expect(sheetOf(criteria, values([[1, 6000], [2, 4000]]))).toMatchObject({ total: 10000, complete: true });
    const partial = sheetOf(criteria, values([[1, 5550]]));
    expect(partial).toMatchObject({ total: 5550, complete: false });
    expect(partial.lines).toEqual([
      { criterionId: 1, value: 5550, points: 5550 },
      { criterionId: 2, value: null, points: 0 },
    ]);
  });

  it('a 扣分项 with its own floor stops at 0 for the criterion (扣完为止), never taking from the others', () => {
    const criteria = [crit(1, { max: 9000 }), crit(2, { kind: 'deduction', max: 1000, perUnit: 200, category: '参会培训' })];
    const total = (count: number) => sheetOf(criteria, values([[1, 9000], [2, count]])).total;
    expect(total(0)).toBe(10000);
    expect(total(1)).toBe(9800);
    expect(total(5)).toBe(9000); // exactly used up
    expect(total(6)).toBe(9000); // past the floor: still 0 for the item
    expect(total(999)).toBe(9000);
    // no count entered: the item keeps its points
    expect(sheetOf(criteria, values([[1, 9000]])).total).toBe(10000);
  });

  it('扣分项 with the category floor share one floor: the category stops at 0, other categories untouched', () => {
    const criteria = [
      crit(1, { max: 9000 }),
      crit(2, { kind: 'deduction', max: 500, perUnit: 100, category: '工作纪律', floor: 'category' }),
      crit(3, { kind: 'deduction', max: 500, perUnit: 100, category: '工作纪律', floor: 'category' }),
    ];
    const sheet = (a: number, b: number) => sheetOf(criteria, values([[1, 9000], [2, a], [3, b]]));
    expect(sheet(0, 0).total).toBe(10000);
    // 8 lateness: −300 on its own item, the other item's 500 absorbs it
    expect(sheet(8, 0).total).toBe(9200);
    expect(sheet(8, 0).categories.find((c) => c.category === '工作纪律')).toEqual({ category: '工作纪律', points: 200, clamped: false });
    // exactly used up
    expect(sheet(6, 4).total).toBe(9000);
    // past the floor: 工作纪律 is 0, 业务工作 keeps its 90
    const over = sheet(8, 7);
    expect(over.total).toBe(9000);
    expect(over.categories).toEqual([
      { category: '业务工作', points: 9000, clamped: false },
      { category: '工作纪律', points: 0, clamped: true },
    ]);
  });

  it('a category floor also protects the 评分项 of the same category from going below 0 as a whole', () => {
    const criteria = [
      crit(1, { max: 500, category: '工作纪律' }),
      crit(2, { kind: 'deduction', max: 500, perUnit: 300, category: '工作纪律', floor: 'category' }),
      crit(3, { max: 9000 }),
    ];
    expect(sheetOf(criteria, values([[1, 500], [2, 2], [3, 9000]])).total).toBe(9400); // 5 + (5 − 6) + 90
    expect(sheetOf(criteria, values([[1, 200], [2, 9], [3, 9000]])).total).toBe(9000);
  });

  it('a 加分项 adds points per occurrence up to its cap, on top of the full score', () => {
    const criteria = [crit(1, { max: 10000 }), crit(2, { kind: 'bonus', max: 0, perUnit: 200, cap: 500, category: '加分项' })];
    const total = (count: number) => sheetOf(criteria, values([[1, 10000], [2, count]])).total;
    expect(total(0)).toBe(10000);
    expect(total(2)).toBe(10400);
    expect(total(3)).toBe(10500); // 6 points asked, capped at 5
    expect(total(50)).toBe(10500);
    expect(sumOfMaxima(criteria)).toBe(10000);
  });

  it('a 一票否决 occurrence makes the month 不合格 whatever the score', () => {
    const criteria = [crit(1, { max: 10000 }), crit(2, { kind: 'veto', max: 0, category: '否决项' })];
    const clean = sheetOf(criteria, values([[1, 10000], [2, 0]]));
    expect(clean).toMatchObject({ total: 10000, veto: false, complete: true });
    const vetoed = sheetOf(criteria, values([[1, 10000], [2, 1]]));
    expect(vetoed).toMatchObject({ total: 10000, veto: true });
    expect(gradeOf(clean.total, clean.veto, DEFAULT_BANDS)).toBe('优秀');
    expect(gradeOf(vetoed.total, vetoed.veto, DEFAULT_BANDS)).toBe('不合格');
    // a veto is not a 评分项: leaving it empty keeps the sheet complete
    expect(sheetOf(criteria, values([[1, 10000]]))).toMatchObject({ complete: true, veto: false });
  });

  it('sumOfMaxima counts 评分项 and 扣分项 only', () => {
    expect(
      sumOfMaxima([
        { kind: 'score', max: 8000 },
        { kind: 'deduction', max: 2000 },
        { kind: 'bonus', max: 0 },
        { kind: 'veto', max: 0 },
      ]),
    ).toBe(10000);
  });
});

describe('hundredths never drift', () => {
  it('20 criteria of 4.55 sum to exactly 91', () => {
    const criteria = Array.from({ length: 20 }, (_, i) => crit(i + 1, { max: 500 }));
    const sheet = sheetOf(criteria, new Map(criteria.map((c) => [c.id, 455])));
    expect(sheet.total).toBe(9100);
    expect(Number.isInteger(sheet.total)).toBe(true);
    expect(formatHundredths(sheet.total)).toBe('91');
    // the same sum in floating point is not exact, which is why amounts are hundredths
    expect(Array.from({ length: 20 }, () => 4.55).reduce((s, v) => s + v, 0)).not.toBe(91);
  });

  it('20 criteria stepping by 0.1 sum to exactly 21; three evaluators combine exactly', () => {
    const criteria = Array.from({ length: 20 }, (_, i) => crit(i + 1, { max: 2000 }));
    const sheet = sheetOf(criteria, new Map(criteria.map((c) => [c.id, c.id * 10])));
    expect(sheet.total).toBe(2100);
    const tenths = sheetOf(criteria, new Map(criteria.map((c) => [c.id, 10])));
    expect(tenths.total).toBe(200);
    expect(Array.from({ length: 20 }, () => 0.1).reduce((s, v) => s + v, 0)).not.toBe(2);
    // (91 + 91.5 + 91.5) / 3 = 91.333… → 91.33
    const c = combine([ev(1, 9100), ev(2, 9150), ev(3, 9150)], 'mean', []);
    expect(c.total).toBe(9133);
    expect(c.exact).toEqual({ numerator: 27400, denominator: 3 });
  });

  it('roundHalfUp rounds .5 up and everything else to the nearest', () => {
    expect(roundHalfUp(16001, 2)).toBe(8001); // 8000.5
    expect(roundHalfUp(16000, 2)).toBe(8000);
    expect(roundHalfUp(27400, 3)).toBe(9133);
    expect(roundHalfUp(27401, 3)).toBe(9134); // 9133.67
    expect(roundHalfUp(0, 7)).toBe(0);
    expect(roundHalfUp(80015, 10)).toBe(8002); // 80.015 → 80.02
  });
});

describe('combine', () => {
  it('mean of every evaluator present', () => {
    expect(combine([ev(1, 9000), ev(2, 8000)], 'mean', [])).toMatchObject({ total: 8500, dropped: [], veto: false });
    expect(combine([], 'mean', [])).toMatchObject({ total: null, exact: null });
  });

  it('trimmed mean with 2 evaluators trims nothing', () => {
    const c = combine([ev(1, 9000), ev(2, 8001)], 'trimmed_mean', []);
    expect(c.dropped).toEqual([]);
    expect(c.total).toBe(8501); // 8500.5 rounded half up
  });

  it('trimmed mean with 3 evaluators keeps the middle one', () => {
    const c = combine([ev(1, 9500), ev(2, 6000), ev(3, 8200)], 'trimmed_mean', []);
    expect(c.dropped.sort()).toEqual([1, 2]);
    expect(c.total).toBe(8200);
    expect(c.exact).toEqual({ numerator: 8200, denominator: 1 });
  });

  it('trimmed mean with 10 evaluators drops exactly one highest and one lowest, even when tied', () => {
    const totals = [9900, 9900, 9000, 8800, 8600, 8500, 8400, 8000, 7000, 7000];
    const c = combine(
      totals.map((t, i) => ev(i + 1, t)),
      'trimmed_mean',
      [],
    );
    expect(c.dropped).toHaveLength(2);
    const kept = [9900, 9000, 8800, 8600, 8500, 8400, 8000, 7000];
    const sum = kept.reduce((s, v) => s + v, 0);
    expect(c.exact).toEqual({ numerator: sum, denominator: 8 });
    expect(c.total).toBe(roundHalfUp(sum, 8));
    expect(c.total).toBe(8525);
  });

  it('a veto from one evaluator survives the trim', () => {
    const c = combine([ev(1, 9500), ev(2, 3000, { veto: true }), ev(3, 8200)], 'trimmed_mean', []);
    expect(c.dropped).toContain(2);
    expect(c.total).toBe(8200);
    expect(c.veto).toBe(true);
    expect(gradeOf(c.total!, c.veto, DEFAULT_BANDS)).toBe('不合格');
  });

  const weights = [
    { name: '街道中心', weight: 60 },
    { name: '社区', weight: 40 },
  ];

  it('group weights 60/40: the mean within each group, then the weights', () => {
    const c = combine(
      [ev(1, 9000, { group: '街道中心' }), ev(2, 8000, { group: '街道中心' }), ev(3, 7000, { group: '社区' })],
      'group_weights',
      weights,
    );
    expect(c.total).toBe(7900); // 0.6 × 85 + 0.4 × 70 = 79
    expect(c.groups).toEqual([
      { name: '街道中心', weight: 60, mean: 8500, count: 2 },
      { name: '社区', weight: 40, mean: 7000, count: 1 },
    ]);
  });

  it('group weights round half up exactly: 80.015 → 80.02', () => {
    // centre (80 + 80.01) / 2 = 80.005, community 80.03: 0.6 × 80.005 + 0.4 × 80.03 = 80.015
    const c = combine(
      [ev(1, 8000, { group: '街道中心' }), ev(2, 8001, { group: '街道中心' }), ev(3, 8003, { group: '社区' })],
      'group_weights',
      weights,
    );
    expect(c.exact!.numerator / c.exact!.denominator).toBe(8001.5);
    expect(c.total).toBe(8002);
  });

  it('a group that did not score is left out and the other weights renormalised', () => {
    const c = combine([ev(1, 9000, { group: '街道中心' }), ev(2, 8000, { group: '街道中心' })], 'group_weights', weights);
    expect(c.total).toBe(8500);
    expect(c.groups[1]).toEqual({ name: '社区', weight: 40, mean: null, count: 0 });
    const three = combine(
      [ev(1, 9000, { group: 'A' }), ev(2, 6000, { group: 'C' })],
      'group_weights',
      [
        { name: 'A', weight: 50 },
        { name: 'B', weight: 30 },
        { name: 'C', weight: 20 },
      ],
    );
    // (50 × 90 + 20 × 60) / 70 = 81.428… → 81.43
    expect(three.total).toBe(8143);
    expect(combine([], 'group_weights', weights).total).toBeNull();
  });

  it('a missing evaluator is left out, never counted as zero', () => {
    expect(combine([ev(1, 9000)], 'mean', []).total).toBe(9000);
    expect(combine([ev(1, 9000), ev(3, 8000)], 'trimmed_mean', []).total).toBe(8500);
    expect(combine([ev(1, 9000, { group: '社区' })], 'group_weights', weights).total).toBe(9000);
  });
});

describe('grade bands', () => {
  const band = (grade: Band['grade'], min: number, max: number | null): Band => ({ grade, min, max });

  it('the default bands are valid and grade by lower bound inclusive', () => {
    expect(bandsError(DEFAULT_BANDS)).toBeNull();
    expect(gradeOf(9000, false, DEFAULT_BANDS)).toBe('优秀');
    expect(gradeOf(8999, false, DEFAULT_BANDS)).toBe('良好');
    expect(gradeOf(6000, false, DEFAULT_BANDS)).toBe('基本合格');
    expect(gradeOf(5999, false, DEFAULT_BANDS)).toBe('不合格');
    expect(gradeOf(0, false, DEFAULT_BANDS)).toBe('不合格');
    expect(gradeOf(10500, false, DEFAULT_BANDS)).toBe('优秀');
  });

  it('refuses a gap between bands, naming both', () => {
    expect(bandsError([band('优秀', 9000, null), band('良好', 8000, 8900), band('不合格', 0, 8000)])).toBe(
      '等次之间有空档：“良好”到89分，“优秀”从90分起',
    );
  });

  it('refuses an overlap between bands, naming both', () => {
    expect(bandsError([band('优秀', 9000, null), band('良好', 8000, 9050), band('不合格', 0, 8000)])).toBe(
      '等次重叠：“良好”到90.5分，“优秀”从90分起',
    );
    expect(bandsError([band('优秀', 9000, null), band('良好', 0, null)])).toBe('“良好”没有上限，与“优秀”重叠');
  });

  it('refuses a top band with an upper bound', () => {
    expect(bandsError([band('优秀', 9000, 10000), band('不合格', 0, 9000)])).toBe('最高等次“优秀”不应设上限');
  });

  it('refuses a lowest band that does not start at 0', () => {
    expect(bandsError([band('优秀', 9000, null), band('不合格', 100, 9000)])).toBe('最低等次“不合格”应从0分起');
  });

  it('refuses empty bands, a repeated grade and an upper bound not above the lower', () => {
    expect(bandsError([])).toBe('请至少设置一个等次');
    expect(bandsError([band('优秀', 9000, null), band('优秀', 0, 9000)])).toBe('等次名称重复');
    expect(bandsError([band('优秀', 9000, null), band('不合格', 0, 0)])).toBe('“不合格”的上限应大于下限');
  });
});

describe('ranks', () => {
  it('equal totals share a rank and the next rank is skipped (1, 1, 3)', () => {
    const r = ranks([
      { key: 'a', total: 9000, veto: false },
      { key: 'b', total: 9500, veto: false },
      { key: 'c', total: 9500, veto: false },
      { key: 'd', total: 8000, veto: false },
    ]);
    expect([...r].sort()).toEqual([
      ['a', 3],
      ['b', 1],
      ['c', 1],
      ['d', 4],
    ]);
  });

  it('a vetoed month ranks after every other, whatever its total', () => {
    const r = ranks([
      { key: 'v', total: 9900, veto: true },
      { key: 'a', total: 6000, veto: false },
      { key: 'b', total: 7000, veto: false },
      { key: 'w', total: 9900, veto: true },
      { key: 'x', total: 5000, veto: true },
    ]);
    expect(Object.fromEntries(r)).toEqual({ b: 1, a: 2, v: 3, w: 3, x: 5 });
  });
});

describe('valueError', () => {
  const c = { kind: 'score' as const, max: 1000, name: '政策宣传' };
  it('accepts 0, the maximum and 0.5 steps', () => {
    for (const v of [0, 50, 550, 1000]) expect(valueError(c, v)).toBeNull();
  });
  it('refuses over the maximum, below 0 and off the 0.5 step, in Chinese', () => {
    expect(valueError(c, 1050)).toBe('“政策宣传”最高10分，不能填10.5');
    expect(valueError(c, -50)).toBe('“政策宣传”不能小于0');
    expect(valueError(c, 525)).toBe('“政策宣传”按0.5分计分，不能填5.25');
    expect(valueError(c, 510)).toBe('“政策宣传”按0.5分计分，不能填5.1');
    expect(valueError(c, 1.5)).toBe('“政策宣传”的值无效');
  });
  it('counts of the other kinds are whole numbers from 0', () => {
    const d = { kind: 'deduction' as const, max: 500, name: '考勤' };
    expect(valueError(d, 0)).toBeNull();
    expect(valueError(d, 7)).toBeNull(); // past the floor is allowed: the floor stops it
    expect(valueError(d, -1)).toBe('“考勤”的次数不能小于0');
    expect(valueError(d, 1000)).toBe('“考勤”的次数过大');
    expect(valueError({ kind: 'veto', max: 0, name: '违纪' }, 0.5)).toBe('“违纪”的值无效');
  });
});

describe('hundredths as text', () => {
  it('formats without trailing zeros', () => {
    expect(formatHundredths(9550)).toBe('95.5');
    expect(formatHundredths(9000)).toBe('90');
    expect(formatHundredths(9525)).toBe('95.25');
    expect(formatHundredths(905)).toBe('9.05');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(0)).toBe('0');
    expect(formatHundredths(-150)).toBe('-1.5');
  });

  it('parses what people type, full-width digits included', () => {
    expect(parseHundredths('95.5')).toBe(9550);
    expect(parseHundredths(' 90 ')).toBe(9000);
    expect(parseHundredths('0.05')).toBe(5);
    expect(parseHundredths('９５．５')).toBe(9550);
    expect(parseHundredths('１００')).toBe(10000);
    expect(parseHundredths('－２')).toBe(-200);
    expect(parseHundredths('-1.5')).toBe(-150);
    for (const bad of ['', 'abc', '95.555', '9 5', '95.', '.5', '1e2', '95,5']) expect(parseHundredths(bad)).toBeNull();
  });

  it('format and parse round-trip every value from 0 to 100', () => {
    for (let v = 0; v <= 10000; v++) expect(parseHundredths(formatHundredths(v))).toBe(v);
  });
});
