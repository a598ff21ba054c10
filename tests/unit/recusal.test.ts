/** 回避: an evaluator steps aside for one worker, with a reason, and is left out for that worker only. */
import { describe, expect, it } from 'vitest';
import { addPerson, buildSmallTree, openTestCore, publishScheme } from './helpers';

describe('回避 (recusal)', () => {
  it('leaves the evaluator out for that worker only, shows it in the derivation, is audited, and keeps nothing hidden', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const [zhang, li] = [await addPerson(t, tree.a.id, '张三', ['网格员']), await addPerson(t, tree.a.id, '李四', ['网格员'])];
    const scheme = await publishScheme(t, '方案', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }] });
    const [a, b] = [(await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id, (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id];
    const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    const task = scheme.criteria[0]!.id;
    const save = (evaluatorId: number, personId: number, value: number) => t.raw('assessments.saveScores', { monthId: month.id, evaluatorId, cells: [{ personId, criterionId: task, value }] });

    // 甲 is 张三's relative: recused for 张三, still scores 李四
    expect(await t.call('assessments.recuse', { monthId: month.id, personId: zhang, evaluatorId: a, reason: '亲属关系' })).toEqual({ recused: true });
    expect(await save(a, zhang, 9000)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '张三·该考核人已回避（亲属关系），不为其打分' } });
    expect((await save(a, li, 9000)).ok).toBe(true);
    expect((await save(b, zhang, 8000)).ok).toBe(true);
    expect((await save(b, li, 8000)).ok).toBe(true);

    const rows = (await t.call('assessments.results', { monthId: month.id })).rows;
    expect(rows.find((r) => r.personId === zhang)).toMatchObject({ total: 8000, evaluators: 1 }); // 乙 alone
    expect(rows.find((r) => r.personId === li)).toMatchObject({ total: 8500, evaluators: 2 });
    const d = await t.call('assessments.derivation', { monthId: month.id, personId: zhang });
    expect(d.recusals).toEqual([{ evaluatorId: a, evaluatorName: '考核人甲', reason: '亲属关系' }]);

    // a recusal with scores already entered is refused: withdraw them first
    const refused = await t.callError('assessments.recuse', { monthId: month.id, personId: li, evaluatorId: a, reason: '后来发现是同事家属' });
    expect(refused).toMatchObject({ code: 'VALIDATION', message: '考核人甲已为李四录入了1项分数，请先清空这些分数再登记回避' });

    // finalising does not ask for the recused sheet; the month is sealed with the recusal in its digest
    await t.call('assessments.finalise', { monthId: month.id });
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    const log = await t.call('audit.list', { kind: 'score', action: 'recuse' });
    expect(log.rows.map((r) => [r.summary, r.reason])).toEqual([['回避：张三 · 考核人甲（2026-10）', '亲属关系']]);
    expect((await t.callError('assessments.recuse', { monthId: month.id, personId: zhang, evaluatorId: a, reason: '' })).code).toBe('CONFLICT');
  });

  it('a 考核员 recuses only as their own evaluator and only in their units', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const [mine, other] = [await addPerson(t, tree.a.id, '张三', ['网格员']), await addPerson(t, tree.c.id, '王五', ['网格员'])];
    const scheme = await publishScheme(t, '方案', { roles: ['网格员'], aggregation: 'mean', criteria: [{ category: '业务', name: '任务', kind: 'score', max: 10000 }] });
    const [a, b] = [(await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id, (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id];
    const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    const evaluator = { name: '赵考核', role: 'evaluator' as const, unitIds: [tree.c1.id], evaluatorId: a };
    expect((await t.raw('assessments.recuse', { monthId: month.id, personId: mine, evaluatorId: a, reason: '亲属' }, evaluator)).ok).toBe(true);
    expect((await t.callError('assessments.recuse', { monthId: month.id, personId: mine, evaluatorId: b, reason: '亲属' }, evaluator)).code).toBe('FORBIDDEN');
    expect((await t.callError('assessments.recuse', { monthId: month.id, personId: other, evaluatorId: a, reason: '亲属' }, evaluator)).message).toMatch(/不在您负责的单位.*不能登记回避/);
  });
});
