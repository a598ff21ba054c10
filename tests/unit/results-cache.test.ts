/**
 * The kept month results (assessments/results-cache.ts) against a full recompute: 1,000 random score saves (some
 * refused, some clearing a cell), interleaved with reads and with the other writes that change results (免考, 回避,
 * a transfer of a worker's unit name, a write from outside the dispatcher); after every read the cached month equals
 * the month computed from nothing.
 */
import { describe, expect, it } from 'vitest';
import { computeMonth, computeMonthAfresh } from '../../src/main/core/assessments/compute';
import { addPerson, buildSmallTree, openTestCore, publishScheme } from './helpers';

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('the kept month results', () => {
  it('equal a full recompute after 1,000 random edits', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const units = [tree.a.id, tree.b.id, tree.c.id];
    const people: number[] = [];
    for (let i = 0; i < 24; i++) people.push(await addPerson(t, units[i % 3]!, `员工${String.fromCharCode(0x4e00 + i * 7)}`, ['网格员']));
    const evaluators = [
      (await t.call('assessments.createEvaluator', { name: '中心甲', group: '街道中心' })).id,
      (await t.call('assessments.createEvaluator', { name: '中心乙', group: '街道中心' })).id,
      (await t.call('assessments.createEvaluator', { name: '社区丙', group: '社区' })).id,
    ];
    const scheme = await publishScheme(t, '缓存方案', {
      roles: ['网格员'],
      aggregation: 'group_weights',
      groups: [
        { name: '街道中心', weight: 60 },
        { name: '社区', weight: 40 },
      ],
      criteria: [
        { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
        { category: '业务工作', name: '工作台账', kind: 'score', max: 3000 },
        { category: '工作纪律', name: '考勤', kind: 'deduction', max: 1000, perUnit: 200 },
        { category: '加分项', name: '表彰', kind: 'bonus', max: 0, perUnit: 200, cap: 500 },
        { category: '否决项', name: '违纪', kind: 'veto', max: 0 },
      ],
    });
    const monthId = (await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' })).id;
    const criteria = scheme.criteria;
    const rand = lcg(2026);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

    const valueFor = (c: (typeof criteria)[number]): number | null => {
      if (rand() < 0.1) return null; // cleared
      if (c.kind === 'score') return Math.round((rand() * 1.05 * c.max) / 50) * 50; // now and then over the maximum: refused
      if (c.kind === 'veto') return rand() < 0.05 ? 1 : 0;
      return Math.floor(rand() * 3);
    };
    const same = () => expect(computeMonth(t.core.db, monthId)).toEqual(computeMonthAfresh(t.core.db, monthId));

    let refused = 0;
    let reads = 0;
    for (let edit = 0; edit < 1000; edit++) {
      const cells = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const c = pick(criteria);
        const value = valueFor(c);
        return { personId: pick(people), criterionId: c.id, value, note: c.kind === 'score' || !value ? '' : '记录' };
      });
      const r = await t.raw('assessments.saveScores', { monthId, evaluatorId: pick(evaluators), cells });
      if (!r.ok) refused++;
      if (edit % 7 === 0) {
        await t.call('assessments.results', { monthId });
        reads++;
        same();
      }
      // the other writes that change results, now and then
      if (edit % 97 === 50) await t.call('assessments.setExempt', { monthId, personId: pick(people), reason: rand() < 0.5 ? '病假' : '' });
      if (edit % 131 === 60) await t.raw('assessments.recuse', { monthId, personId: pick(people), evaluatorId: pick(evaluators), reason: '亲属回避' });
      if (edit % 173 === 70) t.core.db.prepare('UPDATE people SET name = name || ? WHERE id = ?').run('·', pick(people));
      if (edit % 211 === 80) await t.call('org.update', { id: tree.c.id, kind: 'grid_basic', name: `第0${edit % 9}网格`, code: 'C2G1' });
    }
    same();
    // the run did what it says: reads along the way, some saves refused, the month well filled
    expect(reads).toBeGreaterThan(140);
    expect(refused).toBeGreaterThan(10);
    expect(computeMonthAfresh(t.core.db, monthId).rows.filter((r) => r.total !== null).length).toBeGreaterThan(10);
  });

  it('are dropped when another program writes the same file (a second host started on the same data folder)', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const person = await addPerson(t, tree.a.id, '王五', ['网格员']);
    const evaluatorId = (await t.call('assessments.createEvaluator', { name: '中心甲', group: '' })).id;
    const scheme = await publishScheme(t, '两个程序', { roles: ['网格员'], criteria: [{ category: '业务工作', name: '任务完成', kind: 'score', max: 10000 }] });
    const monthId = (await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' })).id;
    const save = (core: typeof t, value: number) =>
      core.call('assessments.saveScores', { monthId, evaluatorId, cells: [{ personId: person, criterionId: scheme.criteria[0]!.id, value, note: '' }] });
    const totalOf = async (core: typeof t) => (await core.call('assessments.results', { monthId })).rows.find((r) => r.personId === person)?.total;

    await save(t, 8000);
    expect(await totalOf(t)).toBe(8000); // kept from here on
    const other = await openTestCore({ dataDir: t.dataDir });
    await save(other, 9000);
    expect(await totalOf(t)).toBe(9000);
    expect(computeMonth(t.core.db, monthId)).toEqual(computeMonthAfresh(t.core.db, monthId));
    // and a save here after the other program's is worked into what is kept, not into the stale month
    await save(other, 7000);
    await save(t, 6500);
    expect(await totalOf(t)).toBe(6500);
    expect(computeMonth(t.core.db, monthId)).toEqual(computeMonthAfresh(t.core.db, monthId));
  });
});

