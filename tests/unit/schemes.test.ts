import { describe, expect, it } from 'vitest';
import { sumOfMaxima } from '../../src/shared/domain/scoring';
import { addPerson, buildSmallTree, draftOf, openTestCore, type TestCore } from './helpers';

const SEVEN = ['人口信息', '宣传动员', '回应诉求', '带动自治', '关爱巡访', '安全排查', '参会培训'];

async function fromTemplate(t: TestCore, template: string, name = '方案') {
  return t.call('schemes.create', { name, template });
}

describe('templates', () => {
  it('lists the two built-in templates', async () => {
    const t = await openTestCore();
    expect((await t.call('schemes.templates', {})).map((x) => x.key)).toEqual(['micro-grid-head', 'grid-worker']);
  });

  it("'micro-grid-head' is the seven dimensions of seed 003 and publishes cleanly", async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'micro-grid-head', '微网格长月度考核');
    expect(d).toMatchObject({ version: 1, status: 'draft', publishedAt: null, roles: ['微网格长'], fullScore: 10000, aggregation: 'trimmed_mean' });
    expect([...new Set(d.criteria.map((c) => c.category))]).toEqual(SEVEN);
    expect(sumOfMaxima(d.criteria)).toBe(d.fullScore);
    expect(d.criteria.every((c) => c.guide.length > 0)).toBe(true);
    const p = await t.call('schemes.publish', { schemeId: d.schemeId });
    expect(p).toMatchObject({ version: 1, status: 'published', publishedAt: '2026-11-23T02:00:00.000Z' });
    expect(await t.call('schemes.list', {})).toEqual([
      { id: d.schemeId, name: '微网格长月度考核', roles: ['微网格长'], publishedVersion: 1, hasDraft: false, months: 0 },
    ]);
  });

  it("'grid-worker' has deductions, bonuses, a veto and 60/40 groups, and publishes cleanly", async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'grid-worker');
    expect(new Set(d.criteria.map((c) => c.kind))).toEqual(new Set(['score', 'deduction', 'bonus', 'veto']));
    expect(d.groups).toEqual([
      { name: '街道中心', weight: 60 },
      { name: '社区', weight: 40 },
    ]);
    expect(sumOfMaxima(d.criteria)).toBe(10000);
    expect((await t.call('schemes.publish', { schemeId: d.schemeId })).status).toBe('published');
  });

  it('an unknown template and a taken name are refused', async () => {
    const t = await openTestCore();
    expect((await t.callError('schemes.create', { name: 'x', template: 'nope' })).issues?.[0]?.field).toBe('template');
    await fromTemplate(t, 'grid-worker', '网格员月度考核');
    const e = await t.callError('schemes.create', { name: '网格员月度考核', template: '' });
    expect(e).toMatchObject({ code: 'VALIDATION', message: '已有名为“网格员月度考核”的考核方案' });
  });

  it('only an administrator edits schemes', async () => {
    const t = await openTestCore();
    const e = await t.callError('schemes.create', { name: 'x', template: '' }, { name: '考核员', role: 'evaluator' });
    expect(e.code).toBe('FORBIDDEN');
  });
});

describe('publish refuses a scheme that does not add up', () => {
  it('when the sum of maxima differs from the full score, naming both numbers', async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'micro-grid-head');
    const draft = draftOf(d);
    draft.criteria[0]!.max = 550; // 10 → 5.5
    await t.call('schemes.saveDraft', draft);
    const e = await t.callError('schemes.publish', { schemeId: d.schemeId });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('各项指标分值合计95.5分，与满分100分不一致');
    expect(e.issues).toEqual([{ field: 'fullScore', message: e.message }]);
    expect((await t.call('schemes.get', { schemeId: d.schemeId })).status).toBe('draft');
  });

  it('when the bands have a gap', async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'micro-grid-head');
    const draft = draftOf(d);
    draft.bands = draft.bands.map((b) => (b.grade === '良好' ? { ...b, max: 8900 } : b));
    await t.call('schemes.saveDraft', draft);
    const e = await t.callError('schemes.publish', { schemeId: d.schemeId });
    expect(e.message).toBe('等次之间有空档：“良好”到89分，“优秀”从90分起');
    expect(e.issues?.[0]?.field).toBe('bands');
  });

  it('when the group weights do not add up to 100', async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'grid-worker');
    await t.call('schemes.saveDraft', { ...draftOf(d), groups: [{ name: '街道中心', weight: 60 }, { name: '社区', weight: 30 }] });
    const e = await t.callError('schemes.publish', { schemeId: d.schemeId });
    expect(e.message).toBe('各考核组权重合计应为100%，现为90%');
    expect(e.issues?.[0]?.field).toBe('groups');
  });

  it('when there are no criteria, or several problems at once', async () => {
    const t = await openTestCore();
    const d = await t.call('schemes.create', { name: '空方案', template: '' });
    expect((await t.callError('schemes.publish', { schemeId: d.schemeId })).message).toBe('方案还没有考核指标');
    const g = await fromTemplate(t, 'grid-worker');
    await t.call('schemes.saveDraft', { ...draftOf(g), fullScore: 9000, groups: [] });
    const e = await t.callError('schemes.publish', { schemeId: g.schemeId });
    expect(e.message).toMatch(/^有2处需要修改后才能发布：/);
    expect(e.issues?.map((i) => i.field)).toEqual(['fullScore', 'groups']);
  });
});

describe('versions', () => {
  it('saving a published scheme makes version 2 as a draft; version 1 stays as it was', async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'micro-grid-head');
    const v1 = await t.call('schemes.publish', { schemeId: d.schemeId });
    const draft = draftOf(v1);
    draft.criteria[0]!.max = 500;
    draft.criteria[1]!.max = 1000;
    const v2 = await t.call('schemes.saveDraft', draft);
    expect(v2).toMatchObject({ version: 2, status: 'draft' });
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(v2.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    // saving again edits the same draft
    expect((await t.call('schemes.saveDraft', draft)).versionId).toBe(v2.versionId);
    expect(await t.call('schemes.get', { schemeId: d.schemeId, version: 1 })).toEqual({ ...v1, versions: expect.any(Array) });
    expect((await t.call('schemes.list', {}))[0]).toMatchObject({ publishedVersion: 1, hasDraft: true });
    const p2 = await t.call('schemes.publish', { schemeId: d.schemeId });
    expect(p2).toMatchObject({ version: 2, status: 'published' });
    expect((await t.call('schemes.get', { schemeId: d.schemeId, version: 1 })).criteria).toEqual(v1.criteria);
    expect((await t.callError('schemes.get', { schemeId: d.schemeId, version: 3 })).code).toBe('NOT_FOUND');
  });

  it('published criteria cannot be changed even by direct SQL', async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'micro-grid-head');
    const db = t.core.db;
    // a draft's criteria can be written
    db.prepare('UPDATE criteria SET guide = ? WHERE version_id = ?').run('草稿可改', d.versionId);
    await t.call('schemes.publish', { schemeId: d.schemeId });
    const id = d.criteria[0]!.id;
    expect(() => db.prepare('UPDATE criteria SET max_points = 500 WHERE id = ?').run(id)).toThrow(/read-only/);
    expect(() => db.prepare('DELETE FROM criteria WHERE id = ?').run(id)).toThrow(/read-only/);
    expect(() =>
      db
        .prepare("INSERT INTO criteria (version_id, sort_order, category, name, kind, max_points) VALUES (?, 99, 'x', 'x', 'score', 100)")
        .run(d.versionId),
    ).toThrow(/read-only/);
    expect(() => db.prepare("UPDATE scheme_versions SET full_score = 9000 WHERE id = ?").run(d.versionId)).toThrow(/read-only/);
    expect(() => db.prepare("UPDATE scheme_versions SET status = 'draft' WHERE id = ?").run(d.versionId)).toThrow(/read-only/);
    expect(() => db.prepare('DELETE FROM scheme_versions WHERE id = ?').run(d.versionId)).toThrow(/read-only/);
    expect(db.prepare('SELECT max_points FROM criteria WHERE id = ?').pluck().get(id)).toBe(1000);
  });

  it('discardDraft drops the draft and leaves the published version', async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'micro-grid-head');
    expect((await t.callError('schemes.discardDraft', { schemeId: d.schemeId })).message).toBe('方案还没有发布过的版本，草稿不能放弃，可直接修改');
    const v1 = await t.call('schemes.publish', { schemeId: d.schemeId });
    expect((await t.callError('schemes.discardDraft', { schemeId: d.schemeId })).message).toBe('没有草稿可放弃');
    await t.call('schemes.saveDraft', { ...draftOf(v1), criteria: draftOf(v1).criteria.slice(1) });
    const after = await t.call('schemes.discardDraft', { schemeId: d.schemeId });
    expect(after).toMatchObject({ version: 1, status: 'published', criteria: v1.criteria });
    expect(after.versions.map((v) => v.version)).toEqual([1]);
    expect(t.core.db.prepare('SELECT count(*) FROM criteria').pluck().get()).toBe(v1.criteria.length);
    // the next draft is version 2 again
    expect((await t.call('schemes.saveDraft', draftOf(v1))).version).toBe(2);
  });

  it('a scheme edit leaves a finished month unchanged', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const a = await addPerson(t, tree.a.id, '张三', ['微网格长']);
    const b = await addPerson(t, tree.c.id, '李四', ['微网格长']);
    const ev = await t.call('assessments.createEvaluator', { name: '评议人甲', group: '' });
    const v1 = await t.call('schemes.publish', { schemeId: (await fromTemplate(t, 'micro-grid-head')).schemeId });
    const month = await t.call('assessments.open', { schemeId: v1.schemeId, period: '2026-10' });
    expect(month.versionId).toBe(v1.versionId);
    const scoreAll = (personId: number, less: number) =>
      v1.criteria.map((c) => ({ personId, criterionId: c.id, value: c.kind === 'score' ? c.max - (c === v1.criteria[0] ? less : 0) : 0 }));
    await t.call('assessments.saveScores', { monthId: month.id, evaluatorId: ev.id, cells: [...scoreAll(a, 150), ...scoreAll(b, 0)] });
    await t.call('assessments.finalise', { monthId: month.id });
    const results = await t.call('assessments.results', { monthId: month.id, unitId: null });
    const derivation = await t.call('assessments.derivation', { monthId: month.id, personId: a });
    expect(results.rows.map((r) => [r.name, r.total, r.grade])).toEqual([
      ['李四', 10000, '优秀'],
      ['张三', 9850, '优秀'],
    ]);

    // change a maximum, delete a criterion, change the bands, and publish version 2
    const draft = draftOf(v1);
    draft.criteria[0]!.max = 1500;
    draft.criteria.splice(1, 1);
    draft.bands = draft.bands.map((x) => (x.grade === '优秀' ? { ...x, min: 9900 } : x.grade === '良好' ? { ...x, max: 9900 } : x));
    await t.call('schemes.saveDraft', draft);
    const v2 = await t.call('schemes.publish', { schemeId: v1.schemeId });
    expect(v2.version).toBe(2);

    expect(await t.call('assessments.results', { monthId: month.id, unitId: null })).toEqual(results);
    expect(await t.call('assessments.derivation', { monthId: month.id, personId: a })).toEqual(derivation);
    expect(derivation.criteria).toEqual(v1.criteria);
    expect(derivation.version).toBe(1);
    const sheet = await t.call('assessments.sheet', { monthId: month.id, unitId: null, evaluatorId: ev.id });
    expect(sheet.criteria).toEqual(v1.criteria);
    expect(sheet.month).toMatchObject({ version: 1, versionId: v1.versionId, status: 'finalised' });
    // reopening the month still scores it with version 1
    await t.call('assessments.reopen', { monthId: month.id, reason: '核对' });
    expect((await t.call('assessments.results', { monthId: month.id, unitId: null })).rows).toEqual(results.rows);
    // a month opened now takes version 2
    expect((await t.call('assessments.open', { schemeId: v1.schemeId, period: '2026-11' })).version).toBe(2);
    expect((await t.call('schemes.get', { schemeId: v1.schemeId })).versions.map((v) => [v.version, v.months])).toEqual([
      [2, 1],
      [1, 1],
    ]);
  });
});

describe('review fixes: publish refuses what could never work', () => {
  it('a 扣分项 that floors at itself with no points of its own, and a top band above the full score', async () => {
    const t = await openTestCore();
    const blank = await t.call('schemes.create', { name: '试用方案' });
    await t.call('schemes.saveDraft', {
      ...draftOf(blank),
      fullScore: 5000,
      criteria: [
        { category: '业务', name: '任务', kind: 'score', max: 5000 },
        { category: '纪律', name: '考勤', kind: 'deduction', max: 0, perUnit: 100, floor: 'criterion' },
      ],
    });
    const error = await t.callError('schemes.publish', { schemeId: blank.schemeId });
    const messages = (error.issues ?? []).map((i) => `${i.field}: ${i.message}`);
    expect(messages).toContain('criteria.1.max: 第2项“考勤”（扣分项）扣完本项为止，应设置本项分值，否则扣不了分');
    expect(messages).toContain('bands: 最高等次“优秀”从90分起，高于满分50分，没有人能达到');
  });
});

describe('复制方案 and 复制为新版本', () => {
  it('复制方案 copies everything of the current version into a new scheme’s draft, under a name no scheme has, audited', async () => {
    const t = await openTestCore();
    const source = await fromTemplate(t, 'grid-worker', '网格员月度考核');
    // a version with every kind of setting changed from the template's, published
    const edited = await t.call('schemes.saveDraft', {
      ...draftOf(source),
      description: '按考核组加权',
      roles: ['网格员', '专职网格员'],
      groups: [{ name: '街道中心', weight: 70 }, { name: '社区', weight: 30 }],
      reasonHigh: 9800,
      reasonLow: 6500,
    });
    await t.call('schemes.publish', { schemeId: source.schemeId });
    const taken = await t.callError('schemes.copy', { schemeId: source.schemeId, name: '网格员月度考核' });
    expect(taken).toMatchObject({ code: 'VALIDATION', message: '已有名为“网格员月度考核”的考核方案' });
    expect(taken.issues?.[0]?.field).toBe('name');
    const copy = await t.call('schemes.copy', { schemeId: source.schemeId, name: '网格员月度考核（截尾平均）' });
    expect(copy.schemeId).not.toBe(source.schemeId);
    expect(copy).toMatchObject({ name: '网格员月度考核（截尾平均）', version: 1, status: 'draft', description: '按考核组加权' });
    const strip = (d: typeof copy) => ({
      roles: d.roles, fullScore: d.fullScore, aggregation: d.aggregation, groups: d.groups, bands: d.bands, reasonHigh: d.reasonHigh, reasonLow: d.reasonLow,
      criteria: d.criteria.map(({ id: _id, ...c }) => c),
    });
    expect(strip(copy)).toEqual(strip(edited));
    expect(copy.criteria.map((c) => c.id)).not.toEqual(edited.criteria.map((c) => c.id));
    // the copy is its own scheme: editing it leaves the source as it was
    await t.call('schemes.saveDraft', { ...draftOf(copy), aggregation: 'trimmed_mean', groups: [] });
    expect((await t.call('schemes.get', { schemeId: source.schemeId })).aggregation).toBe(edited.aggregation);
    const log = t.core.db.prepare("SELECT entity_id, new_value FROM audit_log WHERE action = 'copy' AND entity = 'scheme'").all() as { entity_id: number; new_value: string }[];
    expect(log).toHaveLength(1);
    expect(log[0]!.entity_id).toBe(copy.schemeId);
    expect(JSON.parse(log[0]!.new_value)).toMatchObject({ name: '网格员月度考核（截尾平均）', from: { schemeId: source.schemeId, name: '网格员月度考核', version: 1, status: 'published' } });
    // an older version can be copied too, and an unknown one is named
    expect((await t.callError('schemes.copy', { schemeId: source.schemeId, version: 9, name: '另一个' })).message).toBe('方案“网格员月度考核”没有第9版');
    // only an administrator copies
    expect((await t.callError('schemes.copy', { schemeId: source.schemeId, name: '再一个' }, { name: '考核员', role: 'evaluator' })).code).toBe('FORBIDDEN');
  });

  it('复制为新版本 makes the next version’s draft from a published one, everything copied; refused while a draft exists', async () => {
    const t = await openTestCore();
    const v1 = await fromTemplate(t, 'micro-grid-head', '微网格长月度考核');
    await t.call('schemes.publish', { schemeId: v1.schemeId });
    const changed = await t.call('schemes.saveDraft', { ...draftOf(v1), fullScore: 10000, reasonLow: 5000 });
    const v2 = await t.call('schemes.publish', { schemeId: v1.schemeId });
    expect(v2.version).toBe(2);
    // from version 1 (the older one) as version 3
    const v3 = await t.call('schemes.newVersion', { schemeId: v1.schemeId, version: 1 });
    expect(v3).toMatchObject({ version: 3, status: 'draft', reasonLow: null });
    expect(v3.criteria.map(({ id: _id, ...c }) => c)).toEqual(v1.criteria.map(({ id: _id, ...c }) => c));
    expect(v3.versions.map((v) => [v.version, v.status])).toEqual([[3, 'draft'], [2, 'published'], [1, 'published']]);
    const again = await t.callError('schemes.newVersion', { schemeId: v1.schemeId });
    expect(again).toMatchObject({ code: 'CONFLICT', message: '“微网格长月度考核”已有第3版草稿，请先发布或放弃该草稿，再复制为新版本' });
    await t.call('schemes.discardDraft', { schemeId: v1.schemeId });
    // by default, the newest published version
    const next = await t.call('schemes.newVersion', { schemeId: v1.schemeId });
    expect(next).toMatchObject({ version: 3, reasonLow: 5000 });
    expect(next.criteria.length).toBe(changed.criteria.length);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'new-version' AND entity = 'scheme'").pluck().get()).toBe(2);
    // a scheme whose draft was never published: the draft is edited, not copied
    const fresh = await fromTemplate(t, 'grid-worker', '新方案');
    expect((await t.callError('schemes.newVersion', { schemeId: fresh.schemeId })).message).toBe('“新方案”已有第1版草稿，请先发布或放弃该草稿，再复制为新版本');
  });

  it('lists the 考核组 in use: those evaluators carry and those schemes weight', async () => {
    const t = await openTestCore();
    await fromTemplate(t, 'grid-worker', '网格员月度考核');
    await t.call('assessments.createEvaluator', { name: '中心考核人', group: '街道中心' });
    await t.call('assessments.createEvaluator', { name: '综治办', group: '街道综治办' });
    await t.call('assessments.createEvaluator', { name: '无组考核人', group: '' });
    expect(await t.call('schemes.groups', {})).toEqual([
      { name: '街道中心', evaluators: 1, schemes: 1 },
      { name: '街道综治办', evaluators: 1, schemes: 0 },
      { name: '社区', evaluators: 0, schemes: 1 },
    ]);
  });
});

describe('band limits', () => {
  it('the core still refuses a gap or an overlap, naming the bands', async () => {
    const t = await openTestCore();
    const d = await fromTemplate(t, 'grid-worker', '网格员月度考核');
    const bands = d.bands.map((b) => (b.grade === '良好' ? { ...b, max: 8900 } : b));
    expect((await t.callError('schemes.publish', { schemeId: (await t.call('schemes.saveDraft', { ...draftOf(d), bands })).schemeId })).message).toMatch(/等次之间有空档：“良好”到89分，“优秀”从90分起/);
    const overlap = d.bands.map((b) => (b.grade === '良好' ? { ...b, max: 9100 } : b));
    expect((await t.callError('schemes.publish', { schemeId: (await t.call('schemes.saveDraft', { ...draftOf(d), bands: overlap })).schemeId })).message).toMatch(/等次重叠：“良好”到91分，“优秀”从90分起/);
  });
});
