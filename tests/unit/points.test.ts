import { describe, expect, it } from 'vitest';
import { postMonthPoints } from '../../src/main/core/points/ledger';
import type { PointRule } from '../../src/shared/contract/points';
import {
  applyCap,
  capMessage,
  entryPoints,
  periodKeyOf,
  periodLabel,
  periodRange,
  quarterOf,
  rankByPoints,
  recentPeriods,
  reversalError,
  reversalOf,
  runningBalances,
} from '../../src/shared/domain/points';
import { addPerson, buildSmallTree, directContext, openTestCore, publishScheme, type TestCore } from './helpers';

// ---- the pure rules ----

describe('points domain', () => {
  const volunteer = { name: '参加志愿服务', pointsPerUnit: 100, cap: 500, capPeriod: 'month' as const };
  const absence = { name: '无故缺勤', pointsPerUnit: -200, cap: 500, capPeriod: 'month' as const };

  it('multiplies quantity by points per unit, both in hundredths, rounding half away from zero', () => {
    expect(entryPoints(50, 100)).toBe(50); // 0.5/件 × 1件
    expect(entryPoints(-200, 50)).toBe(-100); // −2/天 × 0.5天
    expect(entryPoints(50, 150)).toBe(75);
    expect(entryPoints(10, 5)).toBe(1); // 0.1 × 0.05 = 0.005 → 0.01
    expect(entryPoints(-10, 5)).toBe(-1);
  });

  it('a cap gives only what is left, possibly nothing, and says so', () => {
    expect(applyCap(volunteer, 300, 0)).toEqual({ uncapped: 300, points: 300, capped: false, room: 500 });
    expect(applyCap(volunteer, 200, 300)).toEqual({ uncapped: 200, points: 200, capped: false, room: 200 });
    const boundary = applyCap(volunteer, 300, 300);
    expect(boundary).toEqual({ uncapped: 300, points: 200, capped: true, room: 200 });
    expect(capMessage(volunteer, boundary)).toBe('“参加志愿服务”每月上限5分，此条应计+3分，只计剩余的+2分');
    const full = applyCap(volunteer, 100, 500);
    expect(full.points).toBe(0);
    expect(capMessage(volunteer, full)).toBe('“参加志愿服务”每月上限5分，本期已满，此条计0分');
    expect(capMessage(volunteer, applyCap(volunteer, 100, 0))).toBeNull();
    // without a cap, anything goes
    expect(applyCap({ pointsPerUnit: 2000, cap: null, capPeriod: null }, 300, 99999).points).toBe(6000);
  });

  it('a cap on a deducting rule bounds what it takes', () => {
    expect(applyCap(absence, 200, -200)).toEqual({ uncapped: -400, points: -300, capped: true, room: 300 });
    expect(applyCap(absence, 100, -500).points).toBe(0);
    expect(applyCap(absence, 100, -100).points).toBe(-200);
  });

  it('a reversal negates its original, and is refused on a reversal or a reversed entry', () => {
    expect(reversalOf({ quantity: 150, points: 75, uncapped: 75 })).toEqual({ quantity: -150, points: -75, uncapped: -75 });
    expect(reversalError({ reversesId: null, reversedBy: null })).toBeNull();
    expect(reversalError({ reversesId: 3, reversedBy: null })).toBe('这是一条冲销记录，不能再冲销');
    expect(reversalError({ reversesId: null, reversedBy: 9 })).toBe('这条记录已经冲销过，不能重复冲销');
  });

  it('periods: months, quarters, years and all time', () => {
    expect(quarterOf('2026-11')).toBe('2026-Q4');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(periodKeyOf('quarter', '2026-04-01')).toBe('2026-Q2');
    expect(periodKeyOf('year', '2026-04-01')).toBe('2026');
    expect(periodRange('month', '2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('quarter', '2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('quarter', '2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodRange('year', '2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodLabel('quarter', '2026-Q4')).toBe('2026年第四季度');
    expect(periodLabel('month', '2026-03')).toBe('2026年3月');
    expect(recentPeriods('month', '2026-02-10', 3)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(recentPeriods('quarter', '2026-02-10', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(recentPeriods('year', '2026-02-10', 2)).toEqual(['2026', '2025']);
  });

  it('ranks share a place on equal points: 1, 1, 3', () => {
    const r = rankByPoints([
      { key: 'a', points: 500 },
      { key: 'b', points: 800 },
      { key: 'c', points: 800 },
      { key: 'd', points: -100 },
    ]);
    expect([...'bcad'].map((k) => r.get(k))).toEqual([1, 1, 3, 4]);
    expect(runningBalances([300, -50, 200, -300])).toEqual([300, 250, 450, 150]);
  });
});

// ---- through the dispatcher ----

async function setup() {
  const t = await openTestCore();
  const tree = await buildSmallTree(t);
  const p = {
    zhang: await addPerson(t, tree.a.id, '张三', ['网格员']),
    li: await addPerson(t, tree.b.id, '李四', ['网格员']),
    wang: await addPerson(t, tree.c.id, '王五', ['专职网格员']),
    wu: await addPerson(t, tree.c.id, '吴十', ['网格员']),
    zhao: await addPerson(t, tree.a.id, '赵六', ['楼栋长']),
  };
  const rules = await t.call('points.rules', {});
  const rule = (name: string): PointRule => {
    const r = rules.find((x) => x.name === name);
    if (!r) throw new Error(`no rule ${name}`);
    return r;
  };
  return { t, tree, p, rule };
}

const entriesOf = (t: TestCore) =>
  t.core.db.prepare('SELECT * FROM point_entries ORDER BY id').all() as { id: number; points: number; reverses_id: number | null; person_id: number; source_ref: string; date: string }[];

describe('the rule catalogue', () => {
  it('comes with the rules offices use', async () => {
    const { rule } = await setup();
    expect(rule('上报安全隐患')).toMatchObject({ pointsPerUnit: 50, unit: '件', derived: null, inForce: true });
    expect(rule('化解矛盾纠纷')).toMatchObject({ pointsPerUnit: 200, unit: '次' });
    expect(rule('获街道级表彰').pointsPerUnit).toBe(500);
    expect(rule('获区级表彰').pointsPerUnit).toBe(1000);
    expect(rule('获市级表彰')).toMatchObject({ pointsPerUnit: 2000, derived: 'award:市级' });
    expect(rule('投诉属实').pointsPerUnit).toBe(-500);
    expect(rule('月度考核优秀')).toMatchObject({ pointsPerUnit: 300, derived: 'grade:优秀' });
    expect(rule('月度考核不合格')).toMatchObject({ pointsPerUnit: -300, derived: 'grade:不合格' });
    expect(rule('参加志愿服务')).toMatchObject({ pointsPerUnit: 100, cap: 500, capPeriod: 'month' });
    expect(rule('无故缺勤')).toMatchObject({ pointsPerUnit: -200, unit: '天' });
  });

  it('creates and edits rules; a used rule keeps its points, and its dates keep its entries', async () => {
    const { t, p, rule } = await setup();
    const base = { name: '协助疫情防控', category: '应急处置', pointsPerUnit: 100, unit: '天' as const, validFrom: '2026-01-01' };
    const created = await t.call('points.createRule', base);
    expect(created).toMatchObject({ ...base, cap: null, capPeriod: null, validTo: null, active: true, entries: 0, inForce: true });
    expect(await t.callError('points.createRule', base)).toMatchObject({ code: 'VALIDATION', message: '已有名为“协助疫情防控”的积分规则' });
    expect(await t.callError('points.createRule', { ...base, name: 'x', cap: 500 })).toMatchObject({ message: '请选择上限按月还是按年计算' });
    expect(await t.callError('points.createRule', { ...base, name: 'x', validTo: '2025-01-01' })).toMatchObject({ message: '停用日期不能早于生效日期' });
    expect(await t.callError('points.createRule', { ...base, name: 'x', derived: 'grade:优秀' })).toMatchObject({
      message: '“月度考核优秀”在这段日期内已按“月度考核等次：优秀”自动记分，请先设置它的停用日期',
    });

    // unused: anything may change
    const edited = await t.call('points.updateRule', { id: created.id, rule: { ...base, pointsPerUnit: 150, cap: 1000, capPeriod: 'month' } });
    expect(edited).toMatchObject({ pointsPerUnit: 150, cap: 1000, capPeriod: 'month' });

    // used: the name, cap and dates may change, the points may not
    await t.call('points.post', { ruleId: created.id, date: '2026-03-10', lines: [{ personId: p.zhang, quantity: 100 }] });
    const used = { ...base, pointsPerUnit: 150, cap: 1000, capPeriod: 'month' as const };
    const refused = await t.callError('points.updateRule', { id: created.id, rule: { ...used, pointsPerUnit: 200 } });
    expect(refused.message).toBe('此规则已有1条积分记录，不能修改分值；如需调整，请设置本规则的停用日期，再新建一条规则');
    expect(refused.issues?.[0]?.field).toBe('pointsPerUnit');
    expect((await t.callError('points.updateRule', { id: created.id, rule: { ...used, validTo: '2026-03-01' } })).message).toBe(
      '已有2026-03-10的记录，停用日期不能早于它',
    );
    const ended = await t.call('points.updateRule', { id: created.id, rule: { ...used, name: '协助疫情防控（旧）', validTo: '2026-06-30' } });
    expect(ended).toMatchObject({ name: '协助疫情防控（旧）', validTo: '2026-06-30', entries: 1, inForce: false });
    expect(rule('上报安全隐患').entries).toBe(0);
    const audit = t.core.db.prepare("SELECT action FROM audit_log WHERE entity = 'point_rule' ORDER BY id").pluck().all();
    expect(audit).toEqual(['create', 'update', 'update']);
  });
});

describe('points.post', () => {
  it('posts one rule for many people in one go, with the batch note and who entered it', async () => {
    const { t, p, rule } = await setup();
    const r = await t.call('points.post', {
      ruleId: rule('上报安全隐患').id,
      date: '2026-11-02',
      note: '燃气隐患排查',
      lines: [
        { personId: p.zhang, quantity: 300 },
        { personId: p.li, quantity: 100 },
        { personId: p.wang, quantity: 50, note: '半件：与李四共同上报' },
      ],
    });
    expect(r.total).toBe(150 + 50 + 25);
    expect(r.capped).toEqual([]);
    expect(r.entries.map((e) => [e.name, e.quantity, e.points, e.note, e.source, e.enteredBy, e.unitPath])).toEqual([
      ['张三', 300, 150, '燃气隐患排查', 'manual', '测试', '固戍社区 / 第01网格'],
      ['李四', 100, 50, '燃气隐患排查', 'manual', '测试', '固戍社区 / 第02网格'],
      ['王五', 50, 25, '半件：与李四共同上报', 'manual', '测试', '河西社区 / 第01网格'],
    ]);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'point_entry' AND action = 'post'").pluck().get()).toBe(3);
  });

  it('caps per month: the entry that crosses the cap gets only the remainder, then nothing; a new month starts afresh', async () => {
    const { t, p, rule } = await setup();
    const ruleId = rule('参加志愿服务').id; // +1/次, at most 5 a month
    const post = (date: string, quantity: number) => t.call('points.post', { ruleId, date, lines: [{ personId: p.zhang, quantity }] });
    expect((await post('2026-10-03', 300)).total).toBe(300);
    const boundary = await post('2026-10-17', 300);
    expect(boundary.total).toBe(200);
    expect(boundary.entries[0]).toMatchObject({ points: 200, uncapped: 300 });
    expect(boundary.capped).toEqual([{ personId: p.zhang, name: '张三', message: '“参加志愿服务”每月上限5分，此条应计+3分，只计剩余的+2分' }]);
    const full = await post('2026-10-31', 100);
    expect(full.total).toBe(0);
    expect(full.capped[0]!.message).toBe('“参加志愿服务”每月上限5分，本期已满，此条计0分');
    expect((await post('2026-11-01', 400)).total).toBe(400);
    // someone else has their own cap
    expect((await t.call('points.post', { ruleId, date: '2026-10-05', lines: [{ personId: p.li, quantity: 500 }] })).total).toBe(500);
  });

  it('caps per year, and a reversal gives the room back', async () => {
    const { t, p, rule } = await setup();
    const ruleId = rule('提出合理化建议被采纳').id; // +3/件, at most 12 a year
    const post = (date: string, quantity: number) => t.call('points.post', { ruleId, date, lines: [{ personId: p.wu, quantity }] });
    expect((await post('2025-02-01', 200)).total).toBe(600);
    expect((await post('2025-11-30', 300)).total).toBe(600); // 9 asked, 6 left
    const over = await post('2025-12-31', 100);
    expect(over.total).toBe(0);
    expect((await post('2026-01-01', 300)).total).toBe(900);
    // reversing the capped 2025 entry frees its 6 points for 2025
    const capped = entriesOf(t).find((e) => e.date === '2025-11-30')!;
    await t.call('points.reverse', { entryId: capped.id, reason: '建议未实际采纳' });
    expect((await post('2025-12-15', 100)).total).toBe(300);
  });

  it('refuses a date outside the rule’s dates in force, in Chinese', async () => {
    const { t, p } = await setup();
    const rule = await t.call('points.createRule', {
      name: '创文迎检专项',
      pointsPerUnit: 100,
      unit: '次',
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
    });
    const line = [{ personId: p.zhang, quantity: 100 }];
    for (const date of ['2025-12-31', '2026-07-01']) {
      const e = await t.callError('points.post', { ruleId: rule.id, date, lines: line });
      expect(e).toMatchObject({ code: 'VALIDATION', message: `“创文迎检专项”施行期为2026-01-01至2026-06-30，${date}不能使用此规则` });
      expect(e.issues?.[0]?.field).toBe('date');
    }
    expect((await t.call('points.post', { ruleId: rule.id, date: '2026-06-30', lines: line })).total).toBe(100);
    await t.call('points.updateRule', { id: rule.id, rule: { name: '创文迎检专项', pointsPerUnit: 100, unit: '次', validFrom: '2026-01-01', validTo: '2026-06-30', active: false } });
    expect((await t.callError('points.post', { ruleId: rule.id, date: '2026-06-01', lines: line })).message).toBe('“创文迎检专项”已停用，不能再录入');
    expect(entriesOf(t)).toHaveLength(1);
  });

  it('refuses a whole batch with a wrong line, naming the row and the person; nothing is written', async () => {
    const { t, p, rule } = await setup();
    await t.call('people.leave', { id: p.li, date: '2026-09-01', reason: '辞职' });
    const e = await t.callError('points.post', {
      ruleId: rule('化解矛盾纠纷').id,
      date: '2026-10-08',
      lines: [
        { personId: p.zhang, quantity: 100 },
        { personId: p.li, quantity: 100 },
        { personId: p.zhang, quantity: 200 },
        { personId: 9999, quantity: 100 },
      ],
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('有3行有误，均未录入：第2行：李四在2026-10-08不在岗');
    expect(e.issues?.map((i) => i.message)).toEqual(['第2行：李四在2026-10-08不在岗', '第3行：张三已在第1行，请合并为一行', '第4行：人员不存在']);
    expect(entriesOf(t)).toEqual([]);

    expect((await t.callError('points.post', { ruleId: rule('化解矛盾纠纷').id, date: '2026-12-01', lines: [{ personId: p.zhang, quantity: 100 }] })).message).toBe(
      '日期不能晚于今天（2026-11-23）',
    );
    expect((await t.callError('points.post', { ruleId: rule('化解矛盾纠纷').id, date: '2023-06-01', lines: [{ personId: p.zhang, quantity: 100 }] })).message).toBe(
      '第1行：张三在2023-06-01尚未入职',
    );
    expect((await t.callError('points.post', { ruleId: rule('月度考核优秀').id, date: '2026-10-31', lines: [{ personId: p.zhang, quantity: 100 }] })).message).toBe(
      '“月度考核优秀”在月度考核归档时自动记分，不能手工录入',
    );
    const noNote = await t.callError('points.post', { ruleId: rule('投诉属实').id, date: '2026-10-08', lines: [{ personId: p.zhang, quantity: 100 }] });
    expect(noNote).toMatchObject({ message: '“投诉属实”是扣分，请填写依据（事由、时间、案卷号）', issues: [{ field: 'note' }] });
    expect((await t.callError('points.post', { ruleId: rule('投诉属实').id, date: '2026-10-08', lines: [] })).message).toBe('请至少添加一名人员');
    expect((await t.callError('points.post', { ruleId: rule('投诉属实').id, date: '2026-10-08', lines: [{ personId: p.zhang, quantity: 0 }] })).message).toBe('数量应大于0');
    expect(entriesOf(t)).toEqual([]);
  });

  it('a secretary may read the ledger but not post or reverse', async () => {
    const { t, p, rule } = await setup();
    const secretary = { name: '文书', role: 'secretary' as const };
    const input = { ruleId: rule('化解矛盾纠纷').id, date: '2026-10-08', lines: [{ personId: p.zhang, quantity: 100 }] };
    expect((await t.callError('points.post', input, secretary)).code).toBe('FORBIDDEN');
    expect((await t.raw('points.ledger', {}, secretary)).ok).toBe(true);
    expect((await t.raw('points.post', input, { name: '考核员', role: 'evaluator' })).ok).toBe(true);
  });
});

describe('points.reverse', () => {
  it('adds a negating entry linked to the original, with its reason; the original is untouched; twice is refused', async () => {
    const { t, p, rule } = await setup();
    const posted = await t.call('points.post', {
      ruleId: rule('化解矛盾纠纷').id,
      date: '2026-10-08',
      note: '调解邻里漏水纠纷',
      lines: [
        { personId: p.zhang, quantity: 200 },
        { personId: p.li, quantity: 100 },
      ],
    });
    const original = posted.entries[0]!;
    const rowBefore = t.core.db.prepare('SELECT * FROM point_entries WHERE id = ?').get(original.id);
    const reversal = await t.call('points.reverse', { entryId: original.id, reason: '重复录入' });
    expect(reversal).toMatchObject({
      personId: p.zhang,
      ruleId: original.ruleId,
      date: '2026-10-08',
      quantity: -200,
      points: -400,
      note: '重复录入',
      reversesId: original.id,
      reversedBy: null,
    });
    expect(t.core.db.prepare('SELECT * FROM point_entries WHERE id = ?').get(original.id)).toEqual(rowBefore);
    const ledger = await t.call('points.personLedger', { personId: p.zhang });
    expect(ledger.rows.map((r) => [r.points, r.balance, r.reversedBy, r.reversesId])).toEqual([
      [400, 400, reversal.id, null],
      [-400, 0, null, original.id],
    ]);
    expect(ledger).toMatchObject({ total: 0, plus: 0, minus: 0 });
    const month = await t.call('points.balances', { kind: 'month', period: '2026-10' });
    expect(month.rows.find((r) => r.personId === p.zhang)).toMatchObject({ points: 0, entries: 0 });
    expect(month.rows.find((r) => r.personId === p.li)).toMatchObject({ points: 200, entries: 1 });

    expect(await t.callError('points.reverse', { entryId: original.id, reason: '再来一次' })).toEqual({
      code: 'CONFLICT',
      message: '这条记录已经冲销过，不能重复冲销',
    });
    expect((await t.callError('points.reverse', { entryId: reversal.id, reason: 'x' })).message).toBe('这是一条冲销记录，不能再冲销');
    expect((await t.callError('points.reverse', { entryId: posted.entries[1]!.id, reason: '  ' })).message).toBe('请填写冲销原因');
    expect((await t.callError('points.reverse', { entryId: 9999, reason: 'x' })).code).toBe('NOT_FOUND');
    const audit = t.core.db.prepare("SELECT reason FROM audit_log WHERE action = 'reverse'").pluck().all();
    expect(audit).toEqual(['重复录入']);
  });

  it('the ledger refuses UPDATE and DELETE, and a reversal that does not negate its original', async () => {
    const { t, p, rule } = await setup();
    const { entries } = await t.call('points.post', { ruleId: rule('化解矛盾纠纷').id, date: '2026-10-08', lines: [{ personId: p.zhang, quantity: 100 }] });
    const db = t.core.db;
    expect(() => db.prepare('UPDATE point_entries SET points = 9999 WHERE id = ?').run(entries[0]!.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM point_entries WHERE id = ?').run(entries[0]!.id)).toThrow(/append-only/);
    const forged = `INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, note, reverses_id, entered_by, created_at)
                    VALUES ('2026-10-08', ?, ?, -100, ?, -200, 'manual', '', ?, 'x', 'x')`;
    expect(() => db.prepare(forged).run(p.zhang, entries[0]!.ruleId, -100, entries[0]!.id)).toThrow(/negate/);
    expect(() => db.prepare(forged).run(p.li, entries[0]!.ruleId, -200, entries[0]!.id)).toThrow(/negate/);
    expect(entriesOf(t)).toHaveLength(1);
  });
});

// ---- derived from a month's grades ----

async function gradedMonth(s: Awaited<ReturnType<typeof setup>>) {
  const { t, p } = s;
  const scheme = await publishScheme(t, '测试方案', {
    roles: ['网格员', '专职网格员'],
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 4000 },
    ],
  });
  const evaluatorId = (await t.call('assessments.createEvaluator', { name: '考核人甲' })).id;
  const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const [task, book] = scheme.criteria.map((c) => c.id) as [number, number];
  const totals: [number, number, number][] = [
    [p.zhang, 6000, 3500], // 95 优秀
    [p.li, 3000, 2000], // 50 不合格
    [p.wang, 5500, 3500], // 90 优秀
    [p.wu, 5000, 2500], // 75 合格
  ];
  await t.call('assessments.saveScores', {
    monthId: month.id,
    evaluatorId,
    cells: totals.flatMap(([personId, a, b]) => [
      { personId, criterionId: task, value: a },
      { personId, criterionId: book, value: b },
    ]),
  });
  return month.id;
}

describe('derived entries from a month’s grades', () => {
  it('finalising posts points by grade once; reopening reverses them; finalising again reposts, never doubles', async () => {
    const s = await setup();
    const { t, p } = s;
    const monthId = await gradedMonth(s);
    const live = () =>
      t.core.db
        .prepare(
          `SELECT e.person_id, e.points FROM point_entries e WHERE e.source_ref = ? AND e.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id) ORDER BY e.person_id`,
        )
        .all(`month:${monthId}`);
    const expected = [
      { person_id: p.zhang, points: 300 },
      { person_id: p.li, points: -300 },
      { person_id: p.wang, points: 300 },
    ];

    await t.call('assessments.finalise', { monthId });
    expect(live()).toEqual(expected);
    const first = entriesOf(t);
    expect(first.every((e) => e.date === '2026-10-31' && e.source_ref === `month:${monthId}`)).toBe(true);
    const ledger = await t.call('points.ledger', { personId: p.zhang });
    expect(ledger.rows[0]).toMatchObject({ ruleName: '月度考核优秀', source: 'month', note: '2026-10“测试方案”等次：优秀', points: 300 });

    await t.call('assessments.reopen', { monthId, reason: '补录考勤' });
    expect(live()).toEqual([]);
    expect(entriesOf(t)).toHaveLength(6);
    expect(entriesOf(t).slice(3).map((e) => e.reverses_id)).toEqual(first.map((e) => e.id));
    expect((await t.call('points.ledger', { personId: p.li })).rows[0]!.note).toBe('月度考核重新开启：补录考勤');
    const oct = await t.call('points.balances', { kind: 'month', period: '2026-10' });
    expect(oct.rows.every((r) => r.points === 0)).toBe(true);

    await t.call('assessments.finalise', { monthId });
    expect(live()).toEqual(expected);
    expect(entriesOf(t)).toHaveLength(9);
    await t.call('assessments.reopen', { monthId, reason: '再次更正' });
    await t.call('assessments.finalise', { monthId });
    expect(live()).toEqual(expected);
    const balances = await t.call('points.balances', { kind: 'all' });
    expect(Object.fromEntries(balances.rows.map((r) => [r.name, r.points]))).toEqual({ 张三: 300, 王五: 300, 吴十: 0, 赵六: 0, 李四: -300 });
    expect(t.core.db.prepare("SELECT action FROM audit_log WHERE entity = 'point_entries' ORDER BY id").pluck().all()).toEqual([
      'post-derived',
      'reverse-derived',
      'post-derived',
      'reverse-derived',
      'post-derived',
    ]);
  });

  it('posting a month that already stands posts nothing', async () => {
    const s = await setup();
    const monthId = await gradedMonth(s);
    await s.t.call('assessments.finalise', { monthId });
    const ctx = directContext(s.t.core, '2026-11-23');
    expect(postMonthPoints(ctx, monthId)).toBe(0);
    expect(entriesOf(s.t)).toHaveLength(3);
  });
});

// ---- balances and leaderboards ----

describe('points.balances', () => {
  async function ledgerOfThree() {
    const s = await setup();
    const { t, p, rule } = s;
    const post = (name: string, date: string, lines: [number, number][], note = '') =>
      t.call('points.post', { ruleId: rule(name).id, date, note, lines: lines.map(([personId, quantity]) => ({ personId, quantity })) });
    await post('化解矛盾纠纷', '2026-07-15', [[p.zhang, 100], [p.li, 200]]); // 张 2, 李 4
    await post('化解矛盾纠纷', '2026-10-02', [[p.zhang, 200], [p.wang, 100]]); // 张 4, 王 2
    await post('上报安全隐患', '2026-11-05', [[p.wang, 400], [p.wu, 800]]); // 王 2, 吴 4
    await post('投诉属实', '2026-11-06', [[p.zhang, 100]], '12345热线投诉属实'); // 张 −5
    await post('获区级表彰', '2025-12-20', [[p.li, 100]]); // 李 10 in 2025
    return s;
  }

  it('sums by month, quarter, year and all time', async () => {
    const { t } = await ledgerOfThree();
    const pts = async (kind: 'month' | 'quarter' | 'year' | 'all', period = '') => {
      const b = await t.call('points.balances', { kind, period });
      return Object.fromEntries(b.rows.map((r) => [r.name, r.points]));
    };
    expect(await pts('month', '2026-11')).toEqual({ 吴十: 400, 王五: 200, 李四: 0, 赵六: 0, 张三: -500 });
    expect(await pts('quarter', '2026-Q4')).toEqual({ 吴十: 400, 王五: 400, 李四: 0, 赵六: 0, 张三: -100 });
    expect(await pts('quarter', '2026-Q3')).toEqual({ 李四: 400, 张三: 200, 王五: 0, 吴十: 0, 赵六: 0 });
    expect(await pts('year', '2026')).toEqual({ 吴十: 400, 王五: 400, 李四: 400, 张三: 100, 赵六: 0 });
    expect(await pts('year', '2025')).toEqual({ 李四: 1000, 吴十: 0, 王五: 0, 张三: 0, 赵六: 0 });
    expect(await pts('all')).toEqual({ 李四: 1400, 吴十: 400, 王五: 400, 张三: 100, 赵六: 0 });
    const b = await t.call('points.balances', { kind: 'quarter', period: '2026-Q4' });
    expect(b).toMatchObject({ label: '2026年第四季度', from: '2026-10-01', to: '2026-12-31' });
    expect(b.rows.find((r) => r.name === '张三')).toMatchObject({ plus: 400, minus: -500, entries: 2 });
    expect((await t.callError('points.balances', { kind: 'quarter', period: '2026-11' })).message).toBe('请选择统计期间');
  });

  it('ranks with ties (1, 1, 3) across the street, in the community and in the role; filters by unit and role', async () => {
    const { t, tree } = await ledgerOfThree();
    const year = await t.call('points.balances', { kind: 'year', period: '2026' });
    const view = year.rows.map((r) => [r.name, r.points, r.rank, r.community, r.rankInCommunity, r.role, r.rankInRole]);
    expect(view).toEqual([
      // equal points keep pinyin order: li, wang, wu
      ['李四', 400, 1, '固戍社区', 1, '网格员', 1],
      ['王五', 400, 1, '河西社区', 1, '专职网格员', 1],
      ['吴十', 400, 1, '河西社区', 1, '网格员', 1],
      ['张三', 100, 4, '固戍社区', 2, '网格员', 3],
      ['赵六', 0, 5, '固戍社区', 3, '楼栋长', 1],
    ]);
    const c1 = await t.call('points.balances', { kind: 'year', period: '2026', unitId: tree.c1.id });
    expect(c1.rows.map((r) => [r.name, r.rank, r.rankInCommunity])).toEqual([
      ['李四', 1, 1],
      ['张三', 4, 2],
      ['赵六', 5, 3],
    ]);
    const gridWorkers = await t.call('points.balances', { kind: 'year', period: '2026', role: '网格员' });
    expect(gridWorkers.rows.map((r) => [r.name, r.rankInRole])).toEqual([
      ['李四', 1],
      ['吴十', 1],
      ['张三', 3],
    ]);
  });

  it('the ledger filters by person search, rule, source, unit and dates, newest first', async () => {
    const { t, tree, rule } = await ledgerOfThree();
    const all = await t.call('points.ledger', {});
    expect(all).toMatchObject({ matched: 8, points: 100 + 1400 + 400 + 400 });
    expect(all.rows[0]!.date).toBe('2026-11-06');
    expect((await t.call('points.ledger', { search: 'zs' })).rows.map((r) => r.points)).toEqual([-500, 400, 200]);
    expect((await t.call('points.ledger', { search: '热线' })).matched).toBe(1);
    expect((await t.call('points.ledger', { ruleId: rule('上报安全隐患').id })).matched).toBe(2);
    expect((await t.call('points.ledger', { unitId: tree.c2.id })).rows.map((r) => r.name).sort()).toEqual(['吴十', '王五', '王五']);
    expect((await t.call('points.ledger', { from: '2026-10-01', to: '2026-10-31' })).matched).toBe(2);
    expect((await t.call('points.ledger', { source: 'month' })).matched).toBe(0);
    expect((await t.call('points.ledger', { limit: 2 })).rows).toHaveLength(2);
  });

  it('a person’s ledger runs a balance in date order', async () => {
    const { t, p } = await ledgerOfThree();
    const l = await t.call('points.personLedger', { personId: p.zhang });
    expect(l.rows.map((r) => [r.date, r.points, r.balance])).toEqual([
      ['2026-07-15', 200, 200],
      ['2026-10-02', 400, 600],
      ['2026-11-06', -500, 100],
    ]);
    expect(l).toMatchObject({ name: '张三', unitPath: '固戍社区 / 第01网格', total: 100, plus: 600, minus: -500, roles: ['网格员'] });
  });
});

describe('the demo points', () => {
  it('two years of manual entries, a few reversals, and each finalised month’s grade points exactly once', async () => {
    const t = await openTestCore();
    await t.call('system.loadDemo', {});
    const db = t.core.db;
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    const people = one('SELECT count(*) FROM people');
    const manual = one("SELECT count(*) FROM point_entries WHERE source = 'manual' AND reverses_id IS NULL");
    // one to four a worker a month, over 25 months
    expect(manual / (people * 25)).toBeGreaterThan(1);
    expect(manual / (people * 25)).toBeLessThan(4);
    expect(String(one('SELECT min(date) FROM point_entries'))).toMatch(/^2024-11-/);
    expect(String(one('SELECT max(date) FROM point_entries')) <= '2026-11-23').toBe(true);
    expect(one("SELECT count(*) FROM point_entries e JOIN point_rules r ON r.id = e.rule_id WHERE r.name = '投诉属实'")).toBeGreaterThan(5);
    const reversals = db.prepare("SELECT note FROM point_entries WHERE reverses_id IS NOT NULL AND source = 'manual'").pluck().all() as string[];
    expect(reversals.length).toBeGreaterThan(20);
    expect(reversals.every((n) => n.length > 0)).toBe(true);
    // the caps held: nobody got more than a rule's monthly cap in a month
    const over = db
      .prepare(
        `SELECT e.person_id, substr(e.date, 1, 7) AS m, r.name, sum(e.points) AS s, r.cap FROM point_entries e JOIN point_rules r ON r.id = e.rule_id
         WHERE r.cap_period = 'month' GROUP BY e.person_id, m, r.id HAVING abs(s) > r.cap`,
      )
      .all();
    expect(over).toEqual([]);

    // grade points: one live entry per graded member of each finalised month, none for an open month
    const months = db.prepare("SELECT id, status FROM assessment_months ORDER BY id").all() as { id: number; status: string }[];
    expect(months.filter((m) => m.status === 'finalised')).toHaveLength(48);
    const live = db.prepare(
      `SELECT count(*) AS n, count(DISTINCT person_id) AS people FROM point_entries e WHERE e.source_ref = ? AND e.reverses_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id)`,
    );
    const graded = db.prepare("SELECT count(*) FROM month_results WHERE month_id = ? AND grade IN ('优秀', '不合格')").pluck();
    for (const m of months) {
      const { n, people: distinct } = live.get(`month:${m.id}`) as { n: number; people: number };
      expect(n).toBe(m.status === 'finalised' ? (graded.get(m.id) as number) : 0);
      expect(distinct).toBe(n);
    }
    expect(one("SELECT count(*) FROM point_entries WHERE source = 'month'")).toBeGreaterThan(1000);
  }, 60_000);
});
