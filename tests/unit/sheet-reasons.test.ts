/** 极端分说明: a sheet total of 100 (the high line) or under 60 (the low line) asks the evaluator for a reason. */
import { describe, expect, it } from 'vitest';
import type { ExtremeSheet } from '../../src/shared/contract/assessments';
import { reasonLimits, reasonNeeded } from '../../src/shared/domain/sheet-reasons';
import { addPerson, buildSmallTree, draftOf, openTestCore, publishScheme } from './helpers';

describe('which totals ask for a reason', () => {
  const limits = reasonLimits({ fullScore: 10000, reasonHigh: null, reasonLow: null });
  it.each([
    [10000, true],
    [9999, false],
    [6000, false],
    [5999, true],
    [0, true],
  ])('a complete sheet of %i hundredths: %s', (total, asked) => {
    expect(reasonNeeded({ total, complete: true }, limits)).toBe(asked);
  });
  it('an incomplete sheet asks for nothing; the lines are the version’s own when set', () => {
    expect(reasonNeeded({ total: 3000, complete: false }, limits)).toBe(false);
    const own = reasonLimits({ fullScore: 10000, reasonHigh: 9500, reasonLow: 7000 });
    expect([9500, 9499, 7000, 6999].map((total) => reasonNeeded({ total, complete: true }, own))).toEqual([true, false, false, true]);
    // a scheme out of 20: the defaults are its full score and 60% of it
    expect(reasonLimits({ fullScore: 2000, reasonHigh: null, reasonLow: null })).toEqual({ high: 2000, low: 1200 });
  });
});

async function month(draft: { reasonHigh?: number | null; reasonLow?: number | null } = {}) {
  const t = await openTestCore();
  const tree = await buildSmallTree(t);
  const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
  const wang = await addPerson(t, tree.c.id, '王五', ['网格员']);
  const scheme = await publishScheme(t, '方案', {
    roles: ['网格员'],
    aggregation: 'mean',
    criteria: [
      { category: '业务', name: '任务', kind: 'score', max: 6000 },
      { category: '业务', name: '服务', kind: 'score', max: 4000 },
    ],
    ...draft,
  });
  const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const m = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const [task, service] = scheme.criteria.map((c) => c.id) as [number, number];
  const score = (personId: number, a: number | null, b: number | null) =>
    t.call('assessments.saveScores', { monthId: m.id, evaluatorId: evaluator, cells: [{ personId, criterionId: task, value: a }, { personId, criterionId: service, value: b }] });
  const row = async (personId: number) => (await t.call('assessments.sheet', { monthId: m.id, evaluatorId: evaluator })).rows.find((r) => r.personId === personId)!;
  return { t, tree, zhang, wang, scheme, evaluator, month: m, score, row };
}

describe('reasons on the scoring sheet', () => {
  it('asks at 100 and 59.5, not at 60 or 99.5 (entries step by 0.5; 59.99 and 99.99 in the rule above); saves and clears a reason, audited; refuses one where none is asked', async () => {
    const { t, zhang, evaluator, month: m, score, row } = await month();
    expect((await score(zhang, 6000, 4000)).rows[0]).toMatchObject({ total: 10000, reasonNeeded: true, reason: '' });
    expect(await row(zhang)).toMatchObject({ total: 10000, reasonNeeded: true, reason: '' });
    expect((await score(zhang, 5950, 4000)).rows[0]).toMatchObject({ total: 9950, reasonNeeded: false });
    expect((await score(zhang, 2000, 4000)).rows[0]).toMatchObject({ total: 6000, reasonNeeded: false });
    const refused = await t.callError('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: evaluator, reason: '表现一般' });
    expect(refused).toMatchObject({ code: 'VALIDATION', message: '考核人甲给张三的评分合计60分，在正常范围内，不需要填写说明' });
    expect((await score(zhang, 1950, 4000)).rows[0]).toMatchObject({ total: 5950, reasonNeeded: true });

    expect(await t.call('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: evaluator, reason: '两次重大失误' })).toEqual({ reasonNeeded: true, reason: '两次重大失误' });
    expect(await row(zhang)).toMatchObject({ reasonNeeded: true, reason: '两次重大失误' });
    expect(await t.call('assessments.extremeSheets', { monthId: m.id })).toEqual([
      expect.objectContaining({ name: '张三', evaluatorName: '考核人甲', total: 5950, asked: '合计59.5分，低于60分需填写说明', reason: '两次重大失误' }),
    ]);
    const derivation = await t.call('assessments.derivation', { monthId: m.id, personId: zhang });
    expect(derivation.sheets[0]).toMatchObject({ reasonNeeded: true, reason: '两次重大失误' });

    expect(await t.call('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: evaluator, reason: '' })).toEqual({ reasonNeeded: true, reason: '' });
    const log = await t.call('audit.list', { kind: 'score' });
    expect(log.rows.filter((r) => r.entity === 'sheet_reason').map((r) => r.summary)).toEqual([
      '张三 · 考核人甲 清除评分说明（2026-10）',
      '张三 · 考核人甲 评分说明（合计59.5分）：两次重大失误（2026-10）',
    ]);
  });

  it('a reason goes when the score comes back into range or is emptied, and stays while the sheet is only partly filled', async () => {
    const { t, zhang, evaluator, month: m, score, row, scheme } = await month();
    await score(zhang, 6000, 4000);
    await t.call('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: evaluator, reason: '全年无差错' });
    await t.call('assessments.saveScores', { monthId: m.id, evaluatorId: evaluator, cells: [{ personId: zhang, criterionId: scheme.criteria[1]!.id, value: null }] });
    expect(await row(zhang)).toMatchObject({ complete: false, reasonNeeded: false, reason: '全年无差错' });
    await score(zhang, 6000, 4000);
    expect(await row(zhang)).toMatchObject({ reasonNeeded: true, reason: '全年无差错' });
    await score(zhang, 5500, 4000);
    expect(await row(zhang)).toMatchObject({ reasonNeeded: false, reason: '' });
    const cleared = (await t.call('audit.list', { action: 'clear-reason' })).rows;
    expect(cleared.map((r) => r.reason)).toEqual(['评分已回到正常范围，说明随之删除']);
    await score(zhang, 6000, 4000);
    await t.call('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: evaluator, reason: '全年无差错' });
    await score(zhang, null, null);
    expect(await row(zhang)).toMatchObject({ reason: '' });
  });

  it('the lines are the scheme’s own when set, kept by a published version; checked at publishing', async () => {
    const { t, zhang, score, scheme } = await month({ reasonHigh: 9500, reasonLow: 7000 });
    expect(scheme).toMatchObject({ reasonHigh: 9500, reasonLow: 7000 });
    expect((await score(zhang, 5500, 4000)).rows[0]).toMatchObject({ total: 9500, reasonNeeded: true });
    expect((await score(zhang, 3000, 4000)).rows[0]).toMatchObject({ total: 7000, reasonNeeded: false });
    // a new draft with other lines does not change the published version the month uses
    await t.call('schemes.saveDraft', { ...draftOf(scheme), reasonHigh: null, reasonLow: 8000 });
    expect((await score(zhang, 2950, 4000)).rows[0]).toMatchObject({ total: 6950, reasonNeeded: true });
    expect((await t.call('schemes.get', { schemeId: scheme.schemeId, version: 1 })).reasonHigh).toBe(9500);
    await t.call('schemes.saveDraft', { ...draftOf(scheme), reasonHigh: 7000, reasonLow: 8000 });
    expect((await t.callError('schemes.publish', { schemeId: scheme.schemeId })).message).toBe('需说明的低分线（80分）应低于高分线（70分）');
  });

  it('does not block finalising; the month is sealed with its reasons, and a reason is refused once finalised', async () => {
    const { t, zhang, wang, evaluator, month: m, score } = await month();
    await score(zhang, 6000, 4000);
    await score(wang, 1000, 1000);
    await t.call('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: evaluator, reason: '表现突出' });
    expect((await t.call('assessments.extremeSheets', { monthId: m.id })).map((s) => [s.name, s.reason])).toEqual([
      ['王五', ''],
      ['张三', '表现突出'],
    ]);
    expect((await t.call('assessments.finalise', { monthId: m.id })).status).toBe('finalised');
    expect((await t.callError('assessments.setReason', { monthId: m.id, personId: wang, evaluatorId: evaluator, reason: '补填' })).code).toBe('CONFLICT');
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    // a reason changed behind the app's back no longer matches the month's digest
    t.core.db.exec('DROP TRIGGER sheet_reasons_finalised_no_update');
    t.core.db.prepare('UPDATE sheet_reasons SET reason = ? WHERE person_id = ?').run('改过的说明', zhang);
    const check = await t.call('audit.verify', {});
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.kind)).toContain('month');
  });

  it('a 考核员 gives reasons only as their own evaluator and for the people of their units', async () => {
    const { t, tree, zhang, wang, evaluator, month: m, score } = await month();
    await score(zhang, 6000, 4000);
    await score(wang, 6000, 4000);
    const other = (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id;
    const actor = { name: '赵考核', role: 'evaluator' as const, unitIds: [tree.c1.id], evaluatorId: evaluator };
    expect((await t.raw('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: evaluator, reason: '表现突出' }, actor)).ok).toBe(true);
    expect((await t.callError('assessments.setReason', { monthId: m.id, personId: zhang, evaluatorId: other, reason: '表现突出' }, actor)).code).toBe('FORBIDDEN');
    expect((await t.callError('assessments.setReason', { monthId: m.id, personId: wang, evaluatorId: evaluator, reason: '表现突出' }, actor)).message).toMatch(/不在您负责的单位.*不能填写评分说明/);
    const seen = await t.raw('assessments.extremeSheets', { monthId: m.id }, actor);
    expect(seen.ok && (seen.data as ExtremeSheet[]).map((s) => s.name)).toEqual(['张三']);
  });
});
