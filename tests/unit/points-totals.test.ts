/**
 * The ledger's running totals (point_totals, migration 0190) against a full re-aggregation of the entries, after random
 * posts and reversals written through the app and with direct SQL; and the balances and ledger counts read from them
 * against the sums the entries give.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { coverRange } from '../../src/main/core/points/queries';
import { periodRange, type BalanceKind } from '../../src/shared/domain/points';
import { addPerson, buildSmallTree, openTestCore } from './helpers';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** point_totals as the entries give them, worked out from nothing (the reading before the totals existed). */
function reaggregated(db: Database): unknown[] {
  return db
    .prepare(
      `WITH e AS (
         SELECT e.date, e.person_id, e.points,
                e.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id) AS live
         FROM point_entries e),
       k AS (SELECT substr(date, 1, 7) AS period, * FROM e UNION ALL SELECT substr(date, 1, 4), * FROM e UNION ALL SELECT '', * FROM e)
       SELECT period, person_id, count(*) AS rows, sum(points) AS points, sum(live) AS live,
              sum(CASE WHEN live AND points > 0 THEN points ELSE 0 END) AS plus,
              sum(CASE WHEN live AND points < 0 THEN points ELSE 0 END) AS minus
       FROM k GROUP BY period, person_id ORDER BY period, person_id`,
    )
    .all();
}

const kept = (db: Database) => db.prepare('SELECT period, person_id, rows, points, live, plus, minus FROM point_totals ORDER BY period, person_id').all();

/** A period's balances straight from the entries, as points.balances summed them before the totals. */
function sumsFromEntries(db: Database, from: string, to: string) {
  return db
    .prepare(
      `SELECT e.person_id AS personId, sum(e.points) AS points,
              sum(CASE WHEN e.reverses_id IS NULL AND x.id IS NULL AND e.points > 0 THEN e.points ELSE 0 END) AS plus,
              sum(CASE WHEN e.reverses_id IS NULL AND x.id IS NULL AND e.points < 0 THEN e.points ELSE 0 END) AS minus,
              sum(CASE WHEN e.reverses_id IS NULL AND x.id IS NULL THEN 1 ELSE 0 END) AS entries
       FROM point_entries e LEFT JOIN point_entries x ON x.reverses_id = e.id
       WHERE e.date BETWEEN ? AND ? GROUP BY e.person_id ORDER BY e.person_id`,
    )
    .all(from, to);
}

describe('coverRange', () => {
  it('covers a range by whole years, whole months and the days at its ends', () => {
    expect(coverRange('2024-01-01', '2024-12-31')).toEqual({ keys: ['2024'], days: [] });
    expect(coverRange('2023-11-15', '2025-02-10')).toEqual({
      keys: ['2023-12', '2024', '2025-01'],
      days: [
        ['2023-11-15', '2023-11-30'],
        ['2025-02-01', '2025-02-10'],
      ],
    });
    expect(coverRange('2024-02-01', '2024-02-29')).toEqual({ keys: ['2024-02'], days: [] });
    expect(coverRange('2024-02-02', '2024-02-28')).toEqual({ keys: [], days: [['2024-02-02', '2024-02-28']] });
    expect(coverRange('2024-02-10', '2024-03-05')).toEqual({ keys: [], days: [['2024-02-10', '2024-03-05']] });
    expect(coverRange('2024-03-01', '2025-06-30')).toEqual({ keys: ['2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'], days: [] });
    expect(coverRange('2024-03-02', '2024-03-01')).toEqual({ keys: [], days: [] });
  });
});

describe('the running totals of the points ledger', () => {
  it('equal a full re-aggregation after random posts and reversals, through the app and with direct SQL', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const people = [
      await addPerson(t, tree.a.id, '张三', ['网格员'], { hireDate: '2023-01-01' }),
      await addPerson(t, tree.b.id, '李四', ['网格员'], { hireDate: '2023-01-01' }),
      await addPerson(t, tree.c.id, '王五', ['专职网格员'], { hireDate: '2023-01-01' }),
      await addPerson(t, tree.c.id, '吴十', ['网格员'], { hireDate: '2023-01-01' }),
    ];
    const rules = (await t.call('points.rules', {})).filter((r) => r.derived === null && r.cap === null);
    const db = t.core.db;
    const rand = lcg(190);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const dateOf = () => {
      const y = 2024 + Math.floor(rand() * 3);
      const m = 1 + Math.floor(rand() * (y === 2026 ? 10 : 12));
      return `${y}-${String(m).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    };
    const insert = db.prepare(
      `INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, note, reverses_id, entered_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'manual', '', ?, '测试', 'x')`,
    );
    const reversible = () =>
      db
        .prepare('SELECT id, date, person_id, rule_id, quantity, points, uncapped FROM point_entries e WHERE reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id)')
        .all() as { id: number; date: string; person_id: number; rule_id: number; quantity: number; points: number; uncapped: number }[];
    let viaApp = 0;
    for (let step = 1; step <= 400; step++) {
      const roll = rand();
      if (roll < 0.55) {
        const rule = pick(rules);
        const quantity = 100 * (1 + Math.floor(rand() * 3));
        const points = (rule.pointsPerUnit * quantity) / 100;
        insert.run(dateOf(), pick(people), rule.id, quantity, points, points, null);
      } else if (roll < 0.75) {
        const o = reversible();
        if (o.length === 0) continue;
        const e = pick(o);
        // reversals are dated as their originals by the app; a direct writer may date one otherwise
        insert.run(rand() < 0.8 ? e.date : dateOf(), e.person_id, e.rule_id, -e.quantity, -e.points, -e.uncapped, e.id);
      } else if (roll < 0.9) {
        const rule = pick(rules);
        await t.call('points.post', {
          ruleId: rule.id,
          date: dateOf(),
          note: rule.pointsPerUnit < 0 ? '核查属实' : '',
          lines: [{ personId: pick(people), quantity: 100 }],
        });
        viaApp++;
      } else {
        const o = reversible();
        if (o.length === 0) continue;
        await t.call('points.reverse', { entryId: pick(o).id, reason: '录入有误' });
        viaApp++;
      }
      if (step % 50 === 0) expect(kept(db)).toEqual(reaggregated(db));
    }
    expect(viaApp).toBeGreaterThan(20);
    expect(db.prepare('SELECT count(*) FROM point_entries WHERE reverses_id IS NOT NULL').pluck().get()).toBeGreaterThan(30);
    expect(kept(db)).toEqual(reaggregated(db));

    // the balances of each kind of period equal the sums of the entries
    const periods: [BalanceKind, string][] = [
      ['all', ''],
      ['year', '2025'],
      ['quarter', '2024-Q3'],
      ['month', '2026-02'],
      ['month', '2023-05'],
    ];
    for (const [kind, period] of periods) {
      const { from, to } = periodRange(kind, period);
      const balances = await t.call('points.balances', { kind, period });
      const fromEntries = sumsFromEntries(db, from, to) as { personId: number }[];
      const shown = balances.rows
        .filter((r) => fromEntries.some((s) => s.personId === r.personId))
        .map((r) => ({ personId: r.personId, points: r.points, plus: r.plus, minus: r.minus, entries: r.entries }))
        .sort((a, b) => a.personId - b.personId);
      expect(shown).toEqual(fromEntries);
      expect(balances.rows.filter((r) => !fromEntries.some((s) => s.personId === r.personId)).every((r) => r.points === 0 && r.entries === 0)).toBe(true);
    }

    // the ledger's count and sum, unfiltered, by person, by dates (whole years and months, and days at the ends)
    const full = (where: string, ...args: unknown[]) =>
      db.prepare(`SELECT count(*) AS matched, coalesce(sum(points), 0) AS points FROM point_entries WHERE ${where}`).get(...args);
    const ranges: [string | null, string | null][] = [
      [null, null],
      ['2024-03-15', '2025-08-10'],
      ['2025-01-01', '2025-12-31'],
      ['2024-02-03', '2024-02-20'],
      ['2025-06-01', null],
      [null, '2024-07-31'],
      ['2027-01-01', null],
    ];
    for (const [from, to] of ranges) {
      for (const personId of [null, people[1]!]) {
        const ledger = await t.call('points.ledger', { from, to, personId, limit: 5 });
        const expected = full('date >= ? AND date <= ? AND person_id IS coalesce(?, person_id)', from ?? '0000-01-01', to ?? '9999-12-31', personId);
        expect({ matched: ledger.matched, points: ledger.points }).toEqual(expected);
      }
    }
  });
});
