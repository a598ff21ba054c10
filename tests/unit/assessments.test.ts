import { describe, expect, it } from 'vitest';
import type { ScoreCell } from '../../src/shared/contract/assessments';
import type { SchemeDetail } from '../../src/shared/contract/schemes';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore } from './helpers';

type Tree = Awaited<ReturnType<typeof buildSmallTree>>;

/** A simple mean scheme: 任务完成 60, 工作台账 30, 考勤 10 (−2 a time), 表彰 +2 a time up to 5, a veto. */
async function simpleScheme(t: TestCore, aggregation: 'mean' | 'trimmed_mean' = 'mean'): Promise<SchemeDetail> {
  return publishScheme(t, '测试方案', {
    roles: ['网格员', '专职网格员'],
    aggregation,
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 3000 },
      { category: '工作纪律', name: '考勤', kind: 'deduction', max: 1000, perUnit: 200 },
      { category: '加分项', name: '表彰', kind: 'bonus', max: 0, perUnit: 200, cap: 500 },
      { category: '否决项', name: '违纪', kind: 'veto', max: 0 },
    ],
  });
}

type Entry = number | [number, string];

/** Cells for one person from criterion names: a number, or [count, note]. */
function cells(scheme: SchemeDetail, personId: number, entries: Record<string, Entry | null>): ScoreCell[] {
  return Object.entries(entries).map(([name, e]) => {
    const c = scheme.criteria.find((x) => x.name === name);
    if (!c) throw new Error(`no criterion ${name}`);
    return Array.isArray(e) ? { personId, criterionId: c.id, value: e[0], note: e[1] } : { personId, criterionId: c.id, value: e };
  });
}

interface Setup {
  t: TestCore;
  tree: Tree;
  scheme: SchemeDetail;
  p: { zhang: number; li: number; wang: number; wu: number; zhao: number };
  e: { a: number; b: number; c: number };
  monthId: number;
}

async function setup(aggregation: 'mean' | 'trimmed_mean' = 'mean'): Promise<Setup> {
  const t = await openTestCore();
  const tree = await buildSmallTree(t);
  const p = {
    zhang: await addPerson(t, tree.a.id, '张三', ['网格员']),
    li: await addPerson(t, tree.b.id, '李四', ['网格员']),
    wang: await addPerson(t, tree.c.id, '王五', ['专职网格员']),
    wu: await addPerson(t, tree.c.id, '吴十', ['网格员']),
    zhao: await addPerson(t, tree.a.id, '赵六', ['楼栋长']),
  };
  const e = {
    a: (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '街道中心' })).id,
    b: (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '街道中心' })).id,
    c: (await t.call('assessments.createEvaluator', { name: '考核人丙', group: '社区' })).id,
  };
  const scheme = await simpleScheme(t, aggregation);
  const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  return { t, tree, scheme, p, e, monthId: month.id };
}

const FULL = { 任务完成: 6000, 工作台账: 3000 };

function criterionId(t: TestCore, monthId: number, name: string): number {
  return t.core.db.prepare('SELECT c.id FROM criteria c JOIN assessment_months m ON m.version_id = c.version_id WHERE m.id = ? AND c.name = ?').pluck().get(monthId, name) as number;
}

describe('assessments.open', () => {
  it('takes the people who hold the scheme’s roles from the roster', async () => {
    const { t, tree, p, monthId, scheme } = await setup();
    const month = (await t.call('assessments.months', {}))[0]!;
    expect(month).toMatchObject({ id: monthId, period: '2026-10', status: 'open', version: 1, members: 4, scored: 0, exempt: 0 });
    const rows = t.core.db
      .prepare('SELECT person_id, unit_id, role FROM month_members WHERE month_id = ? ORDER BY person_id')
      .all(monthId);
    expect(rows).toEqual([
      { person_id: p.zhang, unit_id: tree.a.id, role: '网格员' },
      { person_id: p.li, unit_id: tree.b.id, role: '网格员' },
      { person_id: p.wang, unit_id: tree.c.id, role: '专职网格员' },
      { person_id: p.wu, unit_id: tree.c.id, role: '网格员' },
    ]); // not 赵六, a 楼栋长
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'open' AND entity = 'assessment_month'").pluck().get()).toBe(1);
    const twice = await t.callError('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    expect(twice.message).toBe('2026-10的这项考核已经开启');
  });

  it('reads the roster as it stood at the month’s end: transfers, departures and later hires', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const moved = await addPerson(t, tree.a.id, '钱七', ['网格员']);
    const left = await addPerson(t, tree.b.id, '孙八', ['网格员']);
    const late = await addPerson(t, tree.a.id, '周九', ['网格员'], { hireDate: '2026-11-05' });
    const stays = await addPerson(t, tree.a.id, '郑十', ['网格员']);
    await t.call('people.transfer', { id: moved, unitId: tree.c.id, date: '2026-10-15', reason: '工作需要' });
    await t.call('people.leave', { id: left, date: '2026-10-20', reason: '辞职' });
    const scheme = await simpleScheme(t);
    const members = async (period: string) => {
      const m = await t.call('assessments.open', { schemeId: scheme.schemeId, period });
      return t.core.db.prepare('SELECT person_id, unit_id FROM month_members WHERE month_id = ? ORDER BY person_id').all(m.id);
    };
    expect(await members('2026-09')).toEqual([
      { person_id: moved, unit_id: tree.a.id },
      { person_id: left, unit_id: tree.b.id },
      { person_id: stays, unit_id: tree.a.id },
    ]);
    expect(await members('2026-10')).toEqual([
      { person_id: moved, unit_id: tree.c.id },
      { person_id: stays, unit_id: tree.a.id },
    ]);
    // the current month: the roster as of today
    expect(await members('2026-11')).toEqual([
      { person_id: moved, unit_id: tree.c.id },
      { person_id: late, unit_id: tree.a.id },
      { person_id: stays, unit_id: tree.a.id },
    ]);
  });

  it('refuses a future month, an unpublished scheme and a month with nobody to assess', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    await addPerson(t, tree.a.id, '张三', ['网格员']);
    const scheme = await simpleScheme(t);
    const future = await t.callError('assessments.open', { schemeId: scheme.schemeId, period: '2026-12' });
    expect(future).toMatchObject({ code: 'VALIDATION', message: '2026-12还没到，不能开启', issues: [{ field: 'period' }] });
    const draft = await t.call('schemes.create', { name: '草稿方案', template: 'grid-worker' });
    expect((await t.callError('assessments.open', { schemeId: draft.schemeId, period: '2026-10' })).message).toBe(
      '该方案还没有发布，请先到“考核方案”中发布',
    );
    expect((await t.callError('assessments.open', { schemeId: scheme.schemeId, period: '2023-01' })).message).toBe(
      '2023-01没有担任“网格员、专职网格员”的在岗人员',
    );
    expect((await t.callError('assessments.open', { schemeId: scheme.schemeId, period: '2026-13' })).issues?.[0]?.field).toBe('period');
    expect(t.core.db.prepare('SELECT count(*) FROM assessment_months').pluck().get()).toBe(0);
  });
});

describe('assessments.saveScores', () => {
  it('saves cells and returns the evaluator’s sheet totals', async () => {
    const { t, scheme, p, e, monthId } = await setup();
    const r = await t.call('assessments.saveScores', {
      monthId,
      evaluatorId: e.a,
      cells: cells(scheme, p.zhang, { 任务完成: 5550, 工作台账: 3000, 考勤: [1, '10月8日迟到'], 表彰: [1, '区表扬 文号12'] }),
    });
    expect(r).toEqual({ saved: 4, rows: [{ personId: p.zhang, total: 5550 + 3000 + 800 + 200, complete: true, veto: false, reasonNeeded: false, reason: '' }], conflicts: [] });
    // saving the same again changes nothing
    expect((await t.call('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.zhang, { 任务完成: 5550 }) })).saved).toBe(0);
    const view = await t.call('assessments.sheet', { monthId, unitId: null, evaluatorId: e.a });
    const row = view.rows.find((x) => x.personId === p.zhang)!;
    expect(row.notes).toEqual({ [scheme.criteria[2]!.id]: '10月8日迟到', [scheme.criteria[3]!.id]: '区表扬 文号12' });
    expect(row.total).toBe(9550);
    expect(view.progress).toEqual([{ evaluatorId: e.a, name: '考核人甲', group: '街道中心', scored: 1, toScore: 4 }]);
  });

  it('refuses a value over the maximum, below 0 or off the 0.5 step with the row and column, and writes nothing', async () => {
    const { t, scheme, p, e, monthId } = await setup();
    const batch = [
      ...cells(scheme, p.zhang, { 任务完成: 5500, 工作台账: 3000 }),
      ...cells(scheme, p.li, { 任务完成: 6050 }),
      ...cells(scheme, p.wang, { 工作台账: -50 }),
      ...cells(scheme, p.wu, { 任务完成: 5525 }),
    ];
    const err = await t.callError('assessments.saveScores', { monthId, evaluatorId: e.a, cells: batch });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('有3个单元格有误，均未保存：李四·“任务完成”最高60分，不能填60.5');
    expect(err.issues).toEqual([
      { field: 'cells.2', row: 3, column: '任务完成', message: '李四·“任务完成”最高60分，不能填60.5' },
      { field: 'cells.3', row: 4, column: '工作台账', message: '王五·“工作台账”不能小于0' },
      { field: 'cells.4', row: 5, column: '任务完成', message: '吴十·“任务完成”按0.5分计分，不能填55.25' },
    ]);
    expect(t.core.db.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(0);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'score'").pluck().get()).toBe(0);
    // a single bad cell: its own message
    const one = await t.callError('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.li, { 工作台账: 3500 }) });
    expect(one.message).toBe('李四·“工作台账”最高30分，不能填35');
  });

  it('a deduction or bonus count needs a note; a 一票否决 too', async () => {
    const { t, scheme, p, e, monthId } = await setup();
    const err = await t.callError('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.zhang, { ...FULL, 考勤: 2 }) });
    expect(err.message).toBe('张三·“考勤”记了2次扣分项，请填写说明（事由、日期、案卷号）');
    expect(err.issues?.[0]).toMatchObject({ row: 3, column: '考勤' });
    const veto = await t.callError('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.zhang, { 违纪: 1 }) });
    expect(veto.message).toContain('一票否决');
    expect(t.core.db.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(0);
    // a count of 0 needs none; a score's note is not kept
    await t.call('assessments.saveScores', {
      monthId,
      evaluatorId: e.a,
      cells: [...cells(scheme, p.zhang, { 考勤: 0 }), { ...cells(scheme, p.zhang, { 任务完成: 6000 })[0]!, note: '不应保存' }],
    });
    expect(t.core.db.prepare('SELECT note FROM scores ORDER BY criterion_id').pluck().all()).toEqual(['', '']);
  });

  it('refuses people outside the month, criteria of another scheme, exempt people and unknown evaluators', async () => {
    const { t, scheme, p, e, monthId } = await setup();
    const other = await t.call('schemes.create', { name: '其他', template: 'grid-worker' });
    const bad = await t.callError('assessments.saveScores', {
      monthId,
      evaluatorId: e.a,
      cells: [
        ...cells(scheme, p.zhao, { 任务完成: 6000 }),
        { personId: p.zhang, criterionId: other.criteria[0]!.id, value: 100 },
      ],
    });
    expect(bad.issues?.map((i) => i.message)).toEqual(['赵六·不是本月的考核对象', '张三·指标不属于本月使用的方案版本']);
    await t.call('assessments.setExempt', { monthId, personId: p.li, reason: '病假' });
    expect((await t.callError('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.li, FULL) })).message).toBe(
      '有2个单元格有误，均未保存：李四·本月免考（病假），不需打分',
    );
    expect((await t.callError('assessments.saveScores', { monthId, evaluatorId: 999, cells: cells(scheme, p.zhang, FULL) })).issues?.[0]?.field).toBe(
      'evaluatorId',
    );
  });

  it('every score change is in the audit log with the old and new values', async () => {
    const { t, scheme, p, e, monthId } = await setup();
    const save = (v: number | null) => t.call('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.zhang, { 任务完成: v }) });
    await save(5500);
    await save(6000);
    await save(null); // clears the cell
    await save(null); // nothing to clear: no entry
    const cId = scheme.criteria[0]!.id;
    const rows = t.core.db
      .prepare("SELECT actor, entity, entity_id, old_value, new_value FROM audit_log WHERE action = 'score' ORDER BY id")
      .all() as { actor: string; entity: string; entity_id: number; old_value: string | null; new_value: string }[];
    const key = { personId: p.zhang, evaluatorId: e.a, criterionId: cId };
    expect(rows.map((r) => [r.actor, r.entity, r.entity_id, r.old_value && JSON.parse(r.old_value), JSON.parse(r.new_value)])).toEqual([
      ['测试', 'score', monthId, null, { ...key, value: 5500, note: '' }],
      ['测试', 'score', monthId, { ...key, value: 5500, note: '' }, { ...key, value: 6000, note: '' }],
      ['测试', 'score', monthId, { ...key, value: 6000, note: '' }, { ...key, value: null, note: '' }],
    ]);
    expect(t.core.db.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(0);
  });
});

describe('results', () => {
  async function scored() {
    const s = await setup();
    const { t, scheme, p, e, monthId } = s;
    const save = (evaluatorId: number, personId: number, entries: Record<string, Entry | null>) =>
      t.call('assessments.saveScores', { monthId, evaluatorId, cells: cells(scheme, personId, entries) });
    // 张三: 93 and 104 → 98.5
    await save(e.a, p.zhang, { 任务完成: 5500, 工作台账: 3000, 考勤: [1, '迟到'] });
    await save(e.b, p.zhang, { ...FULL, 表彰: [2, '表扬'] });
    // 李四: 98.5 from one evaluator; a second evaluator's incomplete sheet is left out
    await save(e.a, p.li, { 任务完成: 5850, 工作台账: 3000, 考勤: [0, ''] });
    await save(e.b, p.li, { 任务完成: 1000 });
    // 王五: 95; 吴十: 90
    await save(e.a, p.wang, { 任务完成: 5500, 工作台账: 3000 });
    await save(e.a, p.wu, { 任务完成: 5000, 工作台账: 3000 });
    return s;
  }

  it('combines the evaluators and ranks within grid, community and role (1, 1, 3)', async () => {
    const { t, p, e, monthId, tree } = await scored();
    const r = await t.call('assessments.results', { monthId, unitId: null });
    const byName = Object.fromEntries(r.rows.map((x) => [x.name, x]));
    expect(r.rows.map((x) => x.name)).toEqual(['李四', '王五', '吴十', '张三']);
    expect(byName['张三']).toMatchObject({
      personId: p.zhang,
      unitId: tree.a.id,
      unitPath: '固戍社区 / 第01网格',
      community: '固戍社区',
      role: '网格员',
      evaluators: 2,
      total: 9850,
      grade: '优秀',
      veto: false,
      rankInUnit: 1,
      rankInRole: 1,
      categories: { 业务工作: 8750, 工作纪律: 900, 加分项: 200 },
    });
    expect(byName['李四']).toMatchObject({ evaluators: 1, total: 9850, rankInUnit: 1, rankInRole: 1 });
    expect(byName['吴十']).toMatchObject({ community: '河西社区', total: 9000, grade: '优秀', rankInUnit: 2, rankInRole: 3 });
    expect(byName['王五']).toMatchObject({ total: 9500, rankInUnit: 1, rankInRole: 1, role: '专职网格员' });
    // 网格排名: 王五 and 吴十 share 河西's 第01网格; 张三 and 李四 are alone in theirs
    expect(r.rows.map((x) => [x.name, x.rankInGrid])).toEqual([
      ['李四', 1],
      ['王五', 1],
      ['吴十', 2],
      ['张三', 1],
    ]);
    expect(r.gradeCounts).toEqual({ 优秀: 4, 良好: 0, 合格: 0, 基本合格: 0, 不合格: 0 });
    expect(r.categories).toEqual(['业务工作', '工作纪律', '加分项']);
    // one community: ranks stay those of the whole month
    const c1 = await t.call('assessments.results', { monthId, unitId: tree.c1.id });
    expect(c1.rows.map((x) => [x.name, x.rankInUnit])).toEqual([
      ['李四', 1],
      ['张三', 1],
    ]);
    expect(c1.gradeCounts.优秀).toBe(2);
    expect(r.month).toMatchObject({ scored: 4, members: 4, exempt: 0, evaluatorIds: [e.a, e.b].sort((x, y) => x - y) });
    // the counts read off the computed month agree with the summary's own query
    expect(r.month).toEqual((await t.call('assessments.months', {}))[0]);
    await t.call('assessments.setExempt', { monthId, personId: p.wu, reason: '病假' });
    const again = await t.call('assessments.results', { monthId, unitId: null });
    expect(again.month).toMatchObject({ scored: 3, exempt: 1 });
    expect(again.month).toEqual((await t.call('assessments.months', {}))[0]);
  });

  it('marks an open month\'s total provisional while a sheet is half filled or an evaluator of the community has not scored the worker', async () => {
    const { t, p, e, monthId } = await scored();
    const reasons = async () => new Map((await t.call('assessments.results', { monthId })).rows.map((r) => [r.personId, r.provisional]));
    const open = await reasons();
    expect(open.get(p.zhang)).toBe(''); // both evaluators of 固戍社区 complete
    expect(open.get(p.li)).toBe('未完成：1位考核人的评分项未填完');
    expect(open.get(p.wang)).toBe(''); // 河西社区: only 考核人甲 has scored there
    // 考核人丙 begins on 河西社区: 吴十, scored by 甲 alone, now waits for 丙
    await t.call('assessments.saveScores', { monthId, evaluatorId: e.c, cells: [{ personId: p.wang, criterionId: criterionId(t, monthId, '任务完成'), value: 5000 }] });
    const later = await reasons();
    expect(later.get(p.wu)).toBe('未完成：本社区已评分的2位考核人中，1位尚未给此人打分');
    // a finalised month stands
    await t.call('assessments.setExempt', { monthId, personId: p.wang, reason: '病假' });
    await t.call('assessments.setExempt', { monthId, personId: p.li, reason: '病假' });
    await t.call('assessments.setExempt', { monthId, personId: p.wu, reason: '病假' });
    await t.call('assessments.finalise', { monthId });
    expect([...(await reasons()).values()].every((r) => r === '')).toBe(true);
  });

  it('a veto makes the month 不合格 and ranks it last', async () => {
    const { t, scheme, p, e, monthId } = await scored();
    await t.call('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.zhang, { 违纪: [1, '违纪 案卷 2026-031'] }) });
    const r = await t.call('assessments.results', { monthId, unitId: null });
    const zhang = r.rows.find((x) => x.personId === p.zhang)!;
    expect(zhang).toMatchObject({ total: 9850, veto: true, grade: '不合格', rankInUnit: 2, rankInRole: 3 });
    expect(r.rows.find((x) => x.personId === p.wu)!.rankInRole).toBe(2);
  });

  it('weighted groups: the mean within each group, then 60/40; a group that did not score is left out', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
    const li = await addPerson(t, tree.b.id, '李四', ['网格长']);
    const wang = await addPerson(t, tree.c.id, '王五', ['专职网格员']);
    const ea = (await t.call('assessments.createEvaluator', { name: '中心甲', group: '街道中心' })).id;
    const eb = (await t.call('assessments.createEvaluator', { name: '中心乙', group: '街道中心' })).id;
    const ec = (await t.call('assessments.createEvaluator', { name: '社区丙', group: '社区' })).id;
    const scheme = await t.call('schemes.publish', { schemeId: (await t.call('schemes.create', { name: '网格员', template: 'grid-worker' })).schemeId });
    const monthId = (await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' })).id;
    const full = Object.fromEntries(scheme.criteria.filter((c) => c.kind === 'score').map((c) => [c.name, c.max]));
    const save = (evaluatorId: number, personId: number, entries: Record<string, Entry | null>) =>
      t.call('assessments.saveScores', { monthId, evaluatorId, cells: cells(scheme, personId, entries) });
    await save(ea, zhang, full); // 100
    await save(eb, zhang, { ...full, 任务完成情况: 1500 }); // 95
    await save(ec, zhang, { ...full, 考勤: [3, '10-08、10-09、10-21迟到'], 着装与工作规范: [4, '未佩戴工作证'] }); // 纪律 5−3 + 5−4 = 3 → 93
    await save(ea, li, full);
    await save(ec, li, { 任务完成情况: 2000 }); // incomplete: left out
    await save(ea, wang, { ...full, 考勤: [9, '多次脱岗'], 着装与工作规范: [9, '多次'] }); // 纪律 floored at 0 → 90
    await save(ec, wang, { ...full, 重大责任事故或违法违纪: [1, '案卷 2026-077'], 发现并上报重大隐患: [5, '案卷 2026-070 等'] });
    const r = await t.call('assessments.results', { monthId, unitId: null });
    const by = Object.fromEntries(r.rows.map((x) => [x.name, x]));
    // 0.6 × 97.5 + 0.4 × 93 = 95.7
    expect(by['张三']).toMatchObject({ total: 9570, evaluators: 3, grade: '优秀' });
    expect(by['李四']).toMatchObject({ total: 10000, evaluators: 1 });
    // 0.6 × 90 + 0.4 × 103 = 95.2, vetoed
    expect(by['王五']).toMatchObject({ total: 9520, veto: true, grade: '不合格', rankInRole: 1, rankInUnit: 1 });
    const d = await t.call('assessments.derivation', { monthId, personId: zhang });
    expect(d.combined).toMatchObject({
      method: 'group_weights',
      total: 9570,
      groups: [
        { name: '街道中心', weight: 60, mean: 9750, count: 2 },
        { name: '社区', weight: 40, mean: 9300, count: 1 },
      ],
    });
    expect(d.sheets.map((s) => [s.evaluatorName, s.group, s.total])).toEqual([
      ['中心甲', '街道中心', 10000],
      ['中心乙', '街道中心', 9500],
      ['社区丙', '社区', 9300],
    ]);
    expect(Object.values(d.sheets[2]!.notes)).toEqual(['10-08、10-09、10-21迟到', '未佩戴工作证']);
    const dl = await t.call('assessments.derivation', { monthId, personId: li });
    expect(dl.combined.groups[1]).toEqual({ name: '社区', weight: 40, mean: null, count: 0 });
    expect(dl.sheets.map((s) => s.complete)).toEqual([true, false]);
    expect(d.aggregation).toBe('group_weights');
  });

  it('trimmed mean in the month: a veto by a trimmed evaluator still stands', async () => {
    const { t, scheme, p, e, monthId } = await setup('trimmed_mean');
    const save = (evaluatorId: number, entries: Record<string, Entry | null>) =>
      t.call('assessments.saveScores', { monthId, evaluatorId, cells: cells(scheme, p.zhang, entries) });
    await save(e.a, FULL); // 100
    await save(e.b, { 任务完成: 5000, 工作台账: 3000 }); // 90
    await save(e.c, { 任务完成: 1000, 工作台账: 1000, 违纪: [1, '案卷'] }); // 30, vetoed, trimmed
    const d = await t.call('assessments.derivation', { monthId, personId: p.zhang });
    expect(d.combined).toMatchObject({ total: 9000, veto: true });
    expect(d.combined.dropped.sort()).toEqual([e.a, e.c].sort());
    expect(d.grade).toBe('不合格');
    const row = (await t.call('assessments.results', { monthId, unitId: null })).rows.find((r) => r.personId === p.zhang)!;
    expect(row).toMatchObject({ total: 9000, veto: true, grade: '不合格', categories: { 业务工作: 8000, 工作纪律: 1000, 加分项: 0 } });
  });
});

describe('finalise and reopen', () => {
  async function allScored() {
    const s = await setup();
    const { t, scheme, p, e, monthId } = s;
    for (const personId of [p.zhang, p.li, p.wang]) {
      await t.call('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, personId, FULL) });
    }
    return s;
  }

  it('refuses while someone is unscored, naming them; allowed once they are exempt with a reason', async () => {
    const { t, p, monthId } = await allScored();
    // the page asks first, and is told the same reason the finalise would give
    expect(await t.call('assessments.finaliseCheck', { monthId })).toEqual({ refusal: '还有1人未打分（吴十），请打分或标记免考后再归档' });
    const e = await t.callError('assessments.finalise', { monthId });
    expect(e).toMatchObject({ code: 'VALIDATION', message: '还有1人未打分（吴十），请打分或标记免考后再归档' });
    expect(t.core.db.prepare('SELECT status FROM assessment_months').pluck().get()).toBe('open');
    await t.call('assessments.setExempt', { monthId, personId: p.wu, reason: '新入职' });
    expect(await t.call('assessments.finaliseCheck', { monthId })).toEqual({ refusal: null });
    const m = await t.call('assessments.finalise', { monthId });
    expect(m).toMatchObject({ status: 'finalised', finalisedAt: '2026-11-23T02:00:00.000Z', exempt: 1, scored: 3, members: 4 });
    const wu = (await t.call('assessments.results', { monthId, unitId: null })).rows.find((r) => r.personId === p.wu)!;
    expect(wu).toMatchObject({ exemptReason: '新入职', total: null, grade: null, rankInUnit: null });
  });

  it('a finalised month is read-only, in the handlers and in the database', async () => {
    const { t, scheme, p, e, monthId } = await allScored();
    await t.call('assessments.setExempt', { monthId, personId: p.wu, reason: '病假' });
    await t.call('assessments.finalise', { monthId });
    const err = await t.callError('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.zhang, { 任务完成: 5000 }) });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('已归档');
    expect((await t.callError('assessments.setExempt', { monthId, personId: p.zhang, reason: '病假' })).code).toBe('CONFLICT');
    expect((await t.callError('assessments.finalise', { monthId })).code).toBe('CONFLICT');
    const db = t.core.db;
    expect(() => db.prepare('UPDATE scores SET value = 0 WHERE month_id = ?').run(monthId)).toThrow(/read-only/);
    expect(() => db.prepare('DELETE FROM scores WHERE month_id = ?').run(monthId)).toThrow(/read-only/);
    expect(() =>
      db
        .prepare("INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES (?, ?, ?, ?, 0, 'x')")
        .run(monthId, p.zhang, e.b, scheme.criteria[0]!.id),
    ).toThrow(/read-only/);
    expect(db.prepare('SELECT sum(value) FROM scores').pluck().get()).toBe(3 * 9000);
    // the members and their exemptions too
    expect(() => db.prepare("UPDATE month_members SET exempt_reason = '' WHERE month_id = ?").run(monthId)).toThrow(/read-only/);
    expect(() => db.prepare('DELETE FROM month_members WHERE month_id = ? AND person_id = ?').run(monthId, p.wu)).toThrow(/read-only/);
    expect(() =>
      db.prepare("INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (?, ?, 1, '网格员')").run(monthId, p.zhao),
    ).toThrow(/read-only/);
  });

  it('finalise snapshots the results; reopen needs a reason, is audited and removes the snapshot; finalise again works', async () => {
    const { t, scheme, p, e, monthId } = await allScored();
    await t.call('assessments.setExempt', { monthId, personId: p.wu, reason: '病假' });
    await t.call('assessments.finalise', { monthId });
    const results = await t.call('assessments.results', { monthId, unitId: null });
    const snapshot = () =>
      t.core.db
        .prepare('SELECT person_id, total, grade, veto, rank_in_unit, rank_in_role FROM month_results WHERE month_id = ? ORDER BY person_id')
        .all(monthId);
    const expected = [...results.rows]
      .sort((a, b) => a.personId - b.personId)
      .map((r) => ({ person_id: r.personId, total: r.total, grade: r.grade, veto: r.veto ? 1 : 0, rank_in_unit: r.rankInUnit, rank_in_role: r.rankInRole }));
    expect(snapshot()).toEqual(expected);
    expect(snapshot()).toHaveLength(4);

    const noReason = await t.callError('assessments.reopen', { monthId, reason: '  ' });
    expect(noReason).toMatchObject({ code: 'VALIDATION', message: '请填写重新开启的原因' });
    const m = await t.call('assessments.reopen', { monthId, reason: '张三分数录错' });
    expect(m).toMatchObject({ status: 'open', finalisedAt: null });
    expect(snapshot()).toEqual([]);
    const audit = t.core.db
      .prepare("SELECT actor, entity, entity_id, reason, old_value, new_value FROM audit_log WHERE action = 'reopen'")
      .all() as { actor: string; entity: string; entity_id: number; reason: string; old_value: string; new_value: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: '测试', entity: 'assessment_month', entity_id: monthId, reason: '张三分数录错' });
    expect(JSON.parse(audit[0]!.old_value)).toMatchObject({ status: 'finalised' });
    expect(JSON.parse(audit[0]!.new_value)).toMatchObject({ status: 'open' });
    expect((await t.callError('assessments.reopen', { monthId, reason: '再开' })).message).toBe('本月尚未归档，无需重新开启');

    await t.call('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, p.zhang, { 任务完成: 4000 }) });
    await t.call('assessments.finalise', { monthId });
    expect(snapshot().find((r) => (r as { person_id: number }).person_id === p.zhang)).toMatchObject({ total: 8000, grade: '良好' });
    expect(t.core.db.prepare("SELECT action FROM audit_log WHERE entity = 'assessment_month' ORDER BY id").pluck().all()).toEqual([
      'open',
      'finalise',
      'reopen',
      'finalise',
    ]);
  });

  it('personHistory lists a worker’s months, finalised from the snapshot and open ones live', async () => {
    const { t, scheme, p, e, monthId } = await allScored();
    await t.call('assessments.setExempt', { monthId, personId: p.wu, reason: '病假' });
    await t.call('assessments.finalise', { monthId });
    const nov = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-11' });
    await t.call('assessments.saveScores', { monthId: nov.id, evaluatorId: e.a, cells: cells(scheme, p.zhang, { 任务完成: 3000, 工作台账: 2500 }) });
    expect(await t.call('assessments.personHistory', { personId: p.zhang })).toEqual([
      { monthId, period: '2026-10', schemeName: '测试方案', status: 'finalised', total: 10000, grade: '优秀', veto: false, rankInUnit: 1, exemptReason: '' },
      { monthId: nov.id, period: '2026-11', schemeName: '测试方案', status: 'open', total: 6500, grade: '基本合格', veto: false, rankInUnit: 1, exemptReason: '' },
    ]);
    expect((await t.call('assessments.personHistory', { personId: p.wu }))[0]).toMatchObject({ total: null, grade: null, exemptReason: '病假' });
    expect(await t.call('assessments.personHistory', { personId: p.zhao })).toEqual([]);
  });
});

describe('review fixes', () => {
  it('under group weights, an evaluator outside the scheme’s groups is refused, naming the groups', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
    const outsider = (await t.call('assessments.createEvaluator', { name: '临时考核人', group: '' })).id;
    const scheme = await t.call('schemes.publish', { schemeId: (await t.call('schemes.create', { name: '网格员', template: 'grid-worker' })).schemeId });
    const monthId = (await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' })).id;
    const error = await t.callError('assessments.saveScores', { monthId, evaluatorId: outsider, cells: cells(scheme, zhang, { 任务完成情况: 2000 }) });
    expect(error).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'evaluatorId' }] });
    expect(error.message).toContain('街道中心、社区');
    expect(t.core.db.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(0);
  });

  it('a finalised month keeps the ranks it was finalised with after a unit moves', async () => {
    const { t, tree, scheme, p, e, monthId } = await setup();
    for (const person of [p.zhang, p.li, p.wang, p.wu]) {
      await t.call('assessments.saveScores', { monthId, evaluatorId: e.a, cells: cells(scheme, person, person === p.li ? { 任务完成: 5000, 工作台账: 3000 } : FULL) });
    }
    await t.call('assessments.finalise', { monthId });
    const ranksNow = async () => (await t.call('assessments.results', { monthId, unitId: null })).rows.map((r) => [r.name, r.rankInUnit, r.rankInGrid]);
    const before = await ranksNow();
    expect(before).toContainEqual(['吴十', 1, 1]);
    await t.call('org.move', { id: tree.b.id, parentId: tree.c2.id }); // 李四's grid now lies in 河西社区
    expect(await ranksNow()).toEqual(before);
    // the grid rank of a finalised month follows its sealed totals, over the whole month even when one unit is read
    const grid = (await t.call('assessments.results', { monthId, unitId: tree.c.id })).rows.map((r) => [r.name, r.rankInGrid]);
    expect(grid).toEqual([['王五', 1], ['吴十', 1]]);
  });
});
