/**
 * assessments.months reads every month in a constant number of queries (finalised months' counts kept with them,
 * migration 0200; the others counted together): the same list as counting each month on its own (monthSummary), on a
 * store with months open, finalised and reopened, exempt people, partial sheets and two schemes.
 */
import { describe, expect, it } from 'vitest';
import type { ScoreCell } from '../../src/shared/contract/assessments';
import type { SchemeDetail } from '../../src/shared/contract/schemes';
import { monthSummary } from '../../src/main/core/assessments/compute';
import { listMonths } from '../../src/main/core/assessments/queries';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore } from './helpers';

async function scheme(t: TestCore, name: string): Promise<SchemeDetail> {
  return publishScheme(t, name, {
    roles: ['网格员', '专职网格员'],
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 3000 },
      { category: '工作纪律', name: '考勤', kind: 'deduction', max: 1000, perUnit: 200 },
    ],
  });
}

/** The list as it was read before: the month ids, then each month counted on its own. */
function oneByOne(t: TestCore, schemeId?: number) {
  const ids = t.core.db
    .prepare(`SELECT id FROM assessment_months ${schemeId ? 'WHERE scheme_id = ?' : ''} ORDER BY period DESC, id`)
    .pluck()
    .all(...(schemeId ? [schemeId] : [])) as number[];
  return ids.map((id) => monthSummary(t.core.db, id));
}

/** Counts the statements listMonths runs. */
function statementsRun(t: TestCore, work: () => unknown): number {
  const db = t.core.db;
  const original = db.prepare.bind(db);
  let n = 0;
  db.prepare = ((sql: string) => {
    n++;
    return original(sql);
  }) as typeof db.prepare;
  try {
    work();
  } finally {
    db.prepare = original;
  }
  return n;
}

describe('assessments.months', () => {
  it('lists the same months and counts as counting each month, in a constant number of queries', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const people = [
      await addPerson(t, tree.a.id, '张三', ['网格员']),
      await addPerson(t, tree.b.id, '李四', ['网格员']),
      await addPerson(t, tree.c.id, '王五', ['专职网格员']),
      await addPerson(t, tree.c.id, '吴十', ['网格员']),
      await addPerson(t, tree.a.id, '赵六', ['网格员']),
    ];
    const ev = [
      (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id,
      (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id,
      (await t.call('assessments.createEvaluator', { name: '考核人丙', group: '' })).id,
    ];
    const first = await scheme(t, '月度方案');
    const second = await scheme(t, '专项方案');
    const score = (s: SchemeDetail, name: string) => s.criteria.find((c) => c.name === name)!.id;
    const sheet = (s: SchemeDetail, personId: number, full: boolean): ScoreCell[] => [
      { personId, criterionId: score(s, '任务完成'), value: 5000 },
      ...(full ? [{ personId, criterionId: score(s, '工作台账'), value: 2500 }] : []),
      { personId, criterionId: score(s, '考勤'), value: 1, note: '迟到' },
    ];
    const save = (monthId: number, evaluatorId: number, cells: ScoreCell[]) => t.call('assessments.saveScores', { monthId, evaluatorId, cells });

    const periods = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
    const months: number[] = [];
    for (const [i, period] of periods.entries()) {
      const m = await t.call('assessments.open', { schemeId: first.schemeId, period });
      months.push(m.id);
      // someone exempt in some months; the rest scored fully by one or two evaluators
      if (i % 2 === 0) await t.call('assessments.setExempt', { monthId: m.id, personId: people[i % people.length]!, reason: '病假' });
      for (const [k, personId] of people.entries()) {
        if (i % 2 === 0 && personId === people[i % people.length]) continue;
        await save(m.id, ev[k % 2]!, sheet(first, personId, true));
        if (k === 1) await save(m.id, ev[2]!, sheet(first, personId, false)); // a second, partial sheet
      }
      if (i < 5) await t.call('assessments.finalise', { monthId: m.id });
    }
    // a reopened month, changed after: a sheet emptied to partial, someone exempt
    await t.call('assessments.reopen', { monthId: months[3]!, reason: '更正分数' });
    await save(months[3]!, ev[1]!, [{ personId: people[1]!, criterionId: score(first, '工作台账'), value: null }]);
    await t.call('assessments.setExempt', { monthId: months[3]!, personId: people[4]!, reason: '事假' });
    // the open months: partial sheets, someone not scored at all
    await save(months[6]!, ev[0]!, [{ personId: people[0]!, criterionId: score(first, '工作台账'), value: null }]);
    // a second scheme with a month of its own
    const other = await t.call('assessments.open', { schemeId: second.schemeId, period: '2026-10' });
    await save(other.id, ev[2]!, sheet(second, people[2]!, true));
    await t.call('assessments.setExempt', { monthId: other.id, personId: people[3]!, reason: '借调' });

    const all = listMonths(t.core.db);
    expect(all).toEqual(oneByOne(t));
    expect(all.map((m) => m.status)).toEqual(['open', 'open', 'open', 'finalised', 'open', 'finalised', 'finalised', 'finalised']);
    expect(all.every((m) => m.members > 0)).toBe(true);
    expect(new Set(all.map((m) => `${m.scored}/${m.exempt}/${m.evaluatorIds.join(',')}`)).size).toBeGreaterThan(3);
    expect(listMonths(t.core.db, second.schemeId)).toEqual(oneByOne(t, second.schemeId));
    expect(await t.call('assessments.months', { schemeId: first.schemeId })).toEqual(oneByOne(t, first.schemeId));
    // finalised months keep their counts; the open ones have none kept
    const kept = t.core.db.prepare('SELECT status, counts IS NOT NULL AS kept FROM assessment_months').all() as { status: string; kept: number }[];
    expect(kept.every((m) => (m.status === 'finalised') === (m.kept === 1))).toBe(true);

    // as many statements for 8 months as for 80: none per month
    const few = statementsRun(t, () => listMonths(t.core.db));
    for (const period of ['2019', '2020', '2021', '2022', '2023', '2024', '2025']) {
      for (let m = 1; m <= 10; m++) await t.call('assessments.open', { schemeId: second.schemeId, period: `${period}-${String(m).padStart(2, '0')}` }).catch(() => undefined);
    }
    expect(listMonths(t.core.db).length).toBeGreaterThan(20);
    expect(statementsRun(t, () => listMonths(t.core.db))).toBe(few);
    expect(listMonths(t.core.db)).toEqual(oneByOne(t));
  });
});
