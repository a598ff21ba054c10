/** The analyst's rules on small sets computed by hand (DOMAIN.md, "What an analyst reads from it"). */
import { describe, expect, it } from 'vitest';
import { alarm, distribution, evaluatorFigures, pairsOf, slipping, spread, type MonthPoint, type SheetTotal } from '../../src/shared/domain/analysis';

describe('distribution', () => {
  it('min, quartiles as Excel’s QUARTILE.INC, median, max and mean, in hundredths', () => {
    // 80, 85, 90, 95, 100 → Q1 85, median 90, Q3 95
    expect(distribution([9500, 8000, 10000, 8500, 9000])).toEqual({ n: 5, min: 8000, q1: 8500, median: 9000, q3: 9500, max: 10000, mean: 9000 });
    // 70, 80, 90, 100 → Q1 = 70 + 0.75 × 10 = 77.5, median 85, Q3 = 90 + 0.25 × 10 = 92.5
    expect(distribution([7000, 8000, 9000, 10000])).toMatchObject({ q1: 7750, median: 8500, q3: 9250 });
    expect(distribution([8833])).toEqual({ n: 1, min: 8833, q1: 8833, median: 8833, q3: 8833, max: 8833, mean: 8833 });
    expect(distribution([])).toBeNull();
  });

  it('spread is the population standard deviation', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sd 2
    expect(spread([200, 400, 400, 400, 500, 500, 700, 900])).toBe(200);
    expect(spread([9000])).toBe(0);
  });
});

/** Sheets: evaluator A marks 4 points above B on every worker; C scores only some. */
function sheets(workers: number, lift: number): SheetTotal[] {
  const out: SheetTotal[] = [];
  for (let p = 1; p <= workers; p++) {
    const base = 8000 + p * 100;
    out.push({ evaluatorId: 1, personId: p, total: base + lift });
    out.push({ evaluatorId: 2, personId: p, total: base });
  }
  return out;
}

describe('evaluators', () => {
  it('leniency: the mean of (own total − the others’ mean) over shared workers, flagged at 3 points over 10 workers', () => {
    const figures = evaluatorFigures(sheets(10, 400), 10000);
    expect(figures[0]).toMatchObject({ evaluatorId: 1, workers: 10, shared: 10, leniency: 400, leniencySpread: 0, lenient: true, harsh: false });
    expect(figures[1]).toMatchObject({ evaluatorId: 2, shared: 10, leniency: -400, lenient: false, harsh: true });
  });

  it('too few shared workers to flag: nine shared at 4 points is shown, not flagged', () => {
    const figures = evaluatorFigures(sheets(9, 400), 10000);
    expect(figures[0]).toMatchObject({ shared: 9, leniency: 400, lenient: false });
  });

  it('a missing evaluator and a recusal leave no sheet: that worker is not a pair; ties of three average the others', () => {
    const s: SheetTotal[] = [
      // worker 1: three evaluators: A 90, B 80, C 84 → A vs (80+84)/2 = 82 → +8
      { evaluatorId: 1, personId: 1, total: 9000 },
      { evaluatorId: 2, personId: 1, total: 8000 },
      { evaluatorId: 3, personId: 1, total: 8400 },
      // worker 2: A alone (B recused, C missing): no pair for anyone
      { evaluatorId: 1, personId: 2, total: 9500 },
      // worker 3: A 85, B 85 → 0
      { evaluatorId: 1, personId: 3, total: 8500 },
      { evaluatorId: 2, personId: 3, total: 8500 },
    ];
    expect(pairsOf(1, s)).toEqual([
      { personId: 1, total: 9000, others: 8200, difference: 800 },
      { personId: 3, total: 8500, others: 8500, difference: 0 },
    ]);
    const a = evaluatorFigures(s, 10000)[0]!;
    expect(a).toMatchObject({ workers: 3, shared: 2, leniency: 400, leniencySpread: 400, mean: 9000, lenient: false });
    // B for worker 1: 80 vs (90+84)/2 = 87 → −7; worker 3: 0 → mean −3.5
    expect(evaluatorFigures(s, 10000)[1]).toMatchObject({ shared: 2, leniency: -350 });
  });

  it('flat scoring: a spread under 1 point over 10 workers; ceiling: the share of full marks', () => {
    const flat: SheetTotal[] = Array.from({ length: 10 }, (_, i) => ({ evaluatorId: 7, personId: i + 1, total: i < 4 ? 10000 : 9950 }));
    // 4 at 100 and 6 at 99.5: mean 99.7, sd ≈ 0.245 → 24 hundredths
    expect(evaluatorFigures(flat, 10000)[0]).toMatchObject({ workers: 10, spread: 24, flat: true, ceilingShare: 4000, shared: 0, leniency: null });
    expect(evaluatorFigures(flat.slice(0, 9), 10000)[0]!.flat).toBe(false);
  });
});

const month = (period: string, total: number | null, grade: string | null = '良好'): MonthPoint => ({ period, total, grade, veto: false });

describe('people over months', () => {
  it('slipping: three falls in a row of at least 5 points in all, over consecutive months', () => {
    expect(slipping([month('2026-07', 9000), month('2026-08', 8800), month('2026-09', 8600), month('2026-10', 8500)])).toEqual({ from: '2026-07', to: '2026-10', drop: 500 });
    // 4.99 points in all: not slipping
    expect(slipping([month('2026-07', 9000), month('2026-08', 8800), month('2026-09', 8600), month('2026-10', 8501)])).toBeNull();
    // a flat step breaks the run; so does a gap
    expect(slipping([month('2026-07', 9000), month('2026-08', 8800), month('2026-09', 8800), month('2026-10', 8000)])).toBeNull();
    expect(slipping([month('2026-06', 9000), month('2026-08', 8800), month('2026-09', 8600), month('2026-10', 8000)])).toBeNull();
    // an exempt month (no total) breaks it too
    expect(slipping([month('2026-07', 9000), month('2026-08', null), month('2026-09', 8600), month('2026-10', 8000)])).toBeNull();
  });

  it('alarms: two consecutive 不合格, or three 不合格 in a year', () => {
    expect(alarm([month('2026-01', 5000, '不合格'), month('2026-02', 5500, '不合格')])).toEqual({ reason: '连续两个月不合格（2026-01、2026-02）', periods: ['2026-01', '2026-02'] });
    expect(alarm([month('2026-01', 5000, '不合格'), month('2026-03', 7000, '合格'), month('2026-05', 5000, '不合格'), month('2026-09', 5000, '不合格')])).toEqual({
      reason: '2026年已有3个月不合格（2026-01、2026-05、2026-09）',
      periods: ['2026-01', '2026-05', '2026-09'],
    });
    // across years: two in 2025, one in 2026, none consecutive
    expect(alarm([month('2025-03', 5000, '不合格'), month('2025-11', 5000, '不合格'), month('2026-01', 5000, '不合格')])).toBeNull();
    // December and January are consecutive
    expect(alarm([month('2025-12', 5000, '不合格'), month('2026-01', 5000, '不合格')])?.reason).toBe('连续两个月不合格（2025-12、2026-01）');
  });
});
