import { describe, expect, it } from 'vitest';
import type { PlatformRuleInput } from '../../src/shared/contract/points-platform';
import type { PointRule } from '../../src/shared/contract/points';
import { countOf, countRuleText } from '../../src/shared/domain/platform-stats';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore } from './helpers';
import { errorsAt, file, rowsOf, workbookBase64, type CellInput } from './import-workbooks';

describe('platform rules, pure', () => {
  it('derive a count from a value: the value, one per N, one when a threshold is met', () => {
    expect(countOf({ mode: 'value', per: null, op: null, threshold: null }, 1200)).toBe(1200);
    expect(countOf({ mode: 'per', per: 1000, op: null, threshold: null }, 12500)).toBe(1200);
    expect(countOf({ mode: 'per', per: 1000, op: null, threshold: null }, 999)).toBe(0);
    const atLeast95 = { mode: 'threshold' as const, per: null, op: '>=' as const, threshold: 9500 };
    expect([countOf(atLeast95, 9500), countOf(atLeast95, 9499)]).toEqual([100, 0]);
    const below90 = { mode: 'threshold' as const, per: null, op: '<' as const, threshold: 9000 };
    expect([countOf(below90, 8999), countOf(below90, 9000)]).toEqual([100, 0]);
    expect(countRuleText(atLeast95)).toBe('≥95计1');
    expect(countRuleText({ mode: 'per', per: 1000, op: null, threshold: null })).toBe('每满10计1');
  });
});

/** A scheme for 网格员: a score, a deduction for a weak close rate, a capped bonus for major hazards, a veto. */
async function platformScheme(t: TestCore) {
  return publishScheme(t, '网格员考核', {
    roles: ['网格员', '专职网格员'],
    aggregation: 'mean',
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 9000 },
      { category: '事件处置', name: '事件办结不达标', kind: 'deduction', max: 1000, perUnit: 200 },
      { category: '加分项', name: '上报重大隐患', kind: 'bonus', max: 0, perUnit: 100, cap: 300 },
      { category: '否决项', name: '违纪', kind: 'veto', max: 0 },
    ],
  });
}

async function setup() {
  const t = await openTestCore();
  const tree = await buildSmallTree(t);
  const p = {
    zhang: await addPerson(t, tree.a.id, '张三', ['网格员']),
    li: await addPerson(t, tree.b.id, '李四', ['网格员']),
    wang: await addPerson(t, tree.c.id, '王五', ['专职网格员']),
    zhao: await addPerson(t, tree.a.id, '赵六', ['楼栋长']),
  };
  const scheme = await platformScheme(t);
  const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  const evaluator = (await t.call('assessments.createEvaluator', { name: '街道网格中心', group: '街道中心' })).id;
  const rules = await t.call('points.rules', {});
  const rule = (name: string): PointRule => rules.find((r) => r.name === name)!;
  const bonus = await t.call('points.createRule', { name: '事件办结率达标', category: '事件处置', pointsPerUnit: 200, unit: '次', validFrom: '2026-01-01' });
  const save = (r: PlatformRuleInput) => t.call('points.savePlatformRule', { rule: r });
  const platform = {
    reports: await save({ column: '上报事件', target: 'points', pointRuleId: rule('上报安全隐患').id, mode: 'value' }),
    collected: await save({ column: '采集信息', target: 'points', pointRuleId: rule('采集更新人口信息').id, mode: 'per', per: 1000 }),
    closedWell: await save({ column: '办结率', target: 'points', pointRuleId: bonus.id, mode: 'threshold', op: '>=', threshold: 9500 }),
    closedBadly: await save({ column: '办结率', target: 'criterion', schemeId: scheme.schemeId, criterionName: '事件办结不达标', mode: 'threshold', op: '<', threshold: 9000 }),
    hazards: await save({ column: '重大隐患', target: 'criterion', schemeId: scheme.schemeId, criterionName: '上报重大隐患', mode: 'value' }),
  };
  return { t, tree, p, scheme, monthId: month.id, evaluator, platform, rule, bonus };
}

const HEADER = ['序号', '姓名', '身份证号', '网格', '采集信息(条)', '上报事件(件)', '重大隐患(件)', '办结率(%)'];

/** The platform's export: a title, the header, a row per worker; 办结率 of 王五 as a percent-formatted 0.955. */
async function platformFile(rows: CellInput[][], percentRow?: number) {
  return file(
    await workbookBase64([HEADER, ...rows], {
      title: '2026年10月网格员工作量统计（网格化管理平台导出）',
      build: (ws) => {
        if (percentRow !== undefined) ws.getCell(percentRow, 8).numFmt = '0.0%';
      },
    }),
    '平台统计2026-10.xlsx',
  );
}

const ROWS: CellInput[][] = [
  [1, '张三', null, '第01网格', 125, 6, 1, 96.5],
  [2, '李四', null, '第02网格', 40, 30, 0, '85%'],
  [3, '王五', null, '第01网格', 0, 0, 0, 0.955],
  [4, '赵六', null, '第01网格', 10, 2, 0, null],
];
/** The export's totals row under the workers: left out, numbers and all. */
const TOTALS: CellInput[] = [null, '合 计', null, null, 175, 38, 1, 92.5];

const pointsOf = (t: TestCore, personId: number) =>
  t.core.db.prepare('SELECT coalesce(sum(points), 0) FROM point_entries WHERE person_id = ?').pluck().get(personId) as number;

const scoresOf = (t: TestCore, monthId: number) =>
  t.core.db
    .prepare(
      `SELECT p.name, c.name AS criterion, s.value, s.note FROM scores s JOIN people p ON p.id = s.person_id JOIN criteria c ON c.id = s.criterion_id
       WHERE s.month_id = ? ORDER BY s.person_id, c.sort_order`,
    )
    .all(monthId) as { name: string; criterion: string; value: number; note: string }[];

describe('平台统计 rules', () => {
  it('are listed with their targets, edited, switched off and deleted, with the audit log', async () => {
    const { t, platform, scheme, rule } = await setup();
    const list = await t.call('points.platformRules', {});
    expect(list.map((r) => [r.column, r.target, r.pointRuleName || `${r.schemeName}·${r.criterionName}`, r.mode])).toEqual([
      ['上报事件', 'points', '上报安全隐患', 'value'],
      ['采集信息', 'points', '采集更新人口信息', 'per'],
      ['办结率', 'points', '事件办结率达标', 'threshold'],
      ['办结率', 'criterion', '网格员考核·事件办结不达标', 'threshold'],
      ['重大隐患', 'criterion', '网格员考核·上报重大隐患', 'value'],
    ]);
    const edited = await t.call('points.savePlatformRule', {
      id: platform.collected.id,
      rule: { column: '采集信息', target: 'points', pointRuleId: rule('采集更新人口信息').id, mode: 'per', per: 2000, active: false },
    });
    expect(edited).toMatchObject({ per: 2000, active: false });
    await t.call('points.deletePlatformRule', { id: platform.hazards.id });
    expect(await t.call('points.platformRules', {})).toHaveLength(4);
    expect(t.core.db.prepare("SELECT action FROM audit_log WHERE entity = 'platform_rule' ORDER BY id").pluck().all()).toEqual([
      'create', 'create', 'create', 'create', 'create', 'update', 'delete',
    ]);

    const refuse = (r: PlatformRuleInput) => t.callError('points.savePlatformRule', { rule: r });
    expect((await refuse({ column: '办结率', target: 'points', pointRuleId: rule('月度考核优秀').id, mode: 'value' })).message).toBe(
      '“月度考核优秀”在月度考核归档时自动记分，不能由平台统计记分',
    );
    expect((await refuse({ column: '办结率', target: 'criterion', schemeId: scheme.schemeId, criterionName: '任务完成', mode: 'value' })).message).toBe(
      '“任务完成”是评分项，只能记入扣分项、加分项或一票否决项的次数',
    );
    expect((await refuse({ column: '办结率', target: 'criterion', schemeId: scheme.schemeId, criterionName: '不存在', mode: 'value' })).message).toBe(
      '“网格员考核”中没有名为“不存在”的指标',
    );
    expect((await refuse({ column: '迟到', target: 'criterion', schemeId: scheme.schemeId, criterionName: '事件办结不达标', mode: 'value' })).message).toBe(
      '“事件办结不达标”已由平台统计规则“办结率”记入，一项指标只能由一条启用的规则记入',
    );
    expect((await refuse({ column: '', target: 'points', mode: 'per' })).issues?.map((i) => i.field)).toEqual(['rule.column', 'rule.pointRuleId', 'rule.per']);
    expect((await refuse({ column: '办结率', target: 'points', pointRuleId: 1, mode: 'threshold' })).issues?.map((i) => i.message)).toEqual([
      '请选择比较方式',
      '请填写条件数值，如 95',
    ]);
    expect((await t.callError('points.savePlatformRule', { rule: { column: 'x', target: 'points', pointRuleId: 1, mode: 'value' } }, { name: '考核员', role: 'evaluator' })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('平台统计 import', () => {
  it('turns a month’s figures into points and criterion counts, per worker, as the preview showed', async () => {
    const { t, p, monthId, evaluator } = await setup();
    const upload = { ...(await platformFile([...ROWS, TOTALS], 5)), period: '2026-10', evaluatorId: evaluator };
    const preview = await t.call('points.previewPlatform', upload);
    expect(preview.table).toMatchObject({ headerRow: 2 });
    expect(preview.columns).toEqual([
      '姓名', '身份证号', '网格', '所属单位', '上报事件', '采集信息', '办结率', '重大隐患',
      '上报安全隐患（积分）', '采集更新人口信息（积分）', '事件办结率达标（积分）', '事件办结不达标（扣分项）', '上报重大隐患（加分项）',
    ]);
    expect(preview.target).toBe('平台统计 2026-10：积分台账，2026-10“网格员考核”（考核人：街道网格中心）');
    expect(rowsOf(preview)).toEqual([
      [3, 'new', '张三', '', '第01网格', '固戍社区 / 第01网格', '6', '125', '96.5', '1', '+3', '+1.2', '+2', '', '1次'],
      [4, 'new', '李四', '', '第02网格', '固戍社区 / 第02网格', '30', '40', '85%', '0', '+10（应计+15）', '+0.4', '', '1次', ''],
      [5, 'new', '王五', '', '第01网格', '河西社区 / 第01网格', '0', '0', '95.5%', '0', '', '', '+2', '', ''],
      [6, 'new', '赵六', '', '第01网格', '固戍社区 / 第01网格', '2', '10', '', '0', '+1', '+0.1', '', '', ''],
    ]);
    expect(preview.rows[1]!.change).toBe('“上报安全隐患”每月上限10分，此条应计+15分，只计剩余的+10分');
    expect(preview.notes).toEqual(['积分记在2026-10-31；空白的统计数不计', '有1处超过积分规则的上限，只计上限内剩余的分数（见“变更内容”）']);

    await t.call('points.importPlatform', { ...upload, digest: preview.digest });
    expect([pointsOf(t, p.zhang), pointsOf(t, p.li), pointsOf(t, p.wang), pointsOf(t, p.zhao)]).toEqual([300 + 120 + 200, 1000 + 40, 200, 100 + 10]);
    const entries = t.core.db.prepare("SELECT date, source, source_ref, note FROM point_entries WHERE person_id = ? ORDER BY id").all(p.zhang);
    expect(entries).toEqual([
      { date: '2026-10-31', source: 'import', source_ref: expect.stringMatching(/^platform:2026-10:\d+$/), note: '平台统计2026-10：上报事件 6（按数值计）' },
      { date: '2026-10-31', source: 'import', source_ref: expect.stringMatching(/^platform:2026-10:\d+$/), note: '平台统计2026-10：采集信息 125（每满10计1）' },
      { date: '2026-10-31', source: 'import', source_ref: expect.stringMatching(/^platform:2026-10:\d+$/), note: '平台统计2026-10：办结率 96.5（≥95计1）' },
    ]);
    expect(scoresOf(t, monthId)).toEqual([
      { name: '张三', criterion: '上报重大隐患', value: 1, note: '平台统计2026-10：重大隐患 1（按数值计）' },
      { name: '李四', criterion: '事件办结不达标', value: 1, note: '平台统计2026-10：办结率 85%（<90计1）' },
    ]);
    // merged into the evaluator's sheet as the scoring grid does
    const sheet = await t.call('assessments.sheet', { monthId, evaluatorId: evaluator });
    expect(sheet.rows.find((r) => r.personId === p.li)!.total).toBe(1000 - 200);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'score'").pluck().get()).toBe(2);

    // the same file again: nothing to do
    const again = await t.call('points.previewPlatform', upload);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 4, wrong: 0 });
    expect(again.notes[0]).toMatch(/^这个文件已于 .* 由测试导入过$/);
    expect(await t.callError('points.importPlatform', { ...upload, digest: again.digest })).toMatchObject({ message: '文件中没有需要导入的新内容' });

    // corrected figures: only what moved changes — a points entry is reversed and posted anew, a count replaced
    const corrected = [[1, '张三', null, '第01网格', 125, 8, 1, 96.5], ROWS[1]!.map((v, i) => (i === 7 ? '92%' : v)), ROWS[2]!, ROWS[3]!];
    const fixed = { ...(await platformFile(corrected, 5)), period: '2026-10', evaluatorId: evaluator };
    const second = await t.call('points.previewPlatform', fixed);
    expect(second.rows.map((r) => [r.status, r.change])).toEqual([
      ['changed', '上报安全隐患 +3 → +4'],
      ['changed', '事件办结不达标 1次 → 0次'],
      ['unchanged', ''],
      ['unchanged', ''],
    ]);
    await t.call('points.importPlatform', { ...fixed, digest: second.digest });
    expect(pointsOf(t, p.zhang)).toBe(400 + 120 + 200);
    expect(t.core.db.prepare('SELECT count(*) FROM point_entries WHERE reverses_id IS NOT NULL').pluck().get()).toBe(1);
    expect(scoresOf(t, monthId).find((s) => s.name === '李四')).toMatchObject({ value: 0 });
  });

  it('says per row what cannot be entered: not a member of the month, an unknown worker, a figure that is no number', async () => {
    const { t, evaluator } = await setup();
    const upload = {
      ...(await platformFile([
        [1, '赵六', null, '第01网格', 0, 0, 2, 99], // a 楼栋长: not assessed by this scheme
        [2, '孙悟空', null, '第09网格', 1, 1, 0, 99],
        [3, '张三', null, '第01网格', '很多', 1, 0, 99],
        [4, '李四', null, '第02网格', 0, -1, 0, 99],
        [5, '张三', null, '第01网格', 0, 0, 0, 99],
        [6, '王五', null, '第01网格', 0, 0, 0, null],
      ])),
      period: '2026-10',
      evaluatorId: evaluator,
    };
    const preview = await t.call('points.previewPlatform', upload);
    expect(preview.counts.wrong).toBe(5);
    expect(errorsAt(preview, 3)).toEqual(['第3行（上报重大隐患（加分项））：赵六不是2026-10“网格员考核”的考核对象，不能记“上报重大隐患”']);
    expect(errorsAt(preview, 4)).toEqual(['第4行 B列（姓名）：人员名册中没有“孙悟空”，请核对姓名或填写身份证号']);
    expect(errorsAt(preview, 5)).toEqual(['第5行 E列（采集信息）：采集信息“很多”不是数字（最多两位小数）']);
    expect(errorsAt(preview, 6)).toEqual(['第6行 F列（上报事件）：上报事件不能为负数']);
    expect(errorsAt(preview, 7)).toEqual(['第7行 B列（姓名）：与第5行是同一人，每人一行']);
    expect(preview.rows.find((r) => r.line === 8)).toMatchObject({ status: 'unchanged', change: '统计数为0或空白，无需记入' });
  });

  it('refuses a month not opened, a missing evaluator, and a finalised month', async () => {
    const { t, p, monthId, evaluator, scheme } = await setup();
    const upload = await platformFile(ROWS);
    expect((await t.callError('points.previewPlatform', { ...upload, period: '2026-09', evaluatorId: evaluator })).message).toBe(
      '2026-09“网格员考核”还没有开启，请先在“月度考核”中开启该月，再导入平台统计',
    );
    expect(await t.callError('points.previewPlatform', { ...upload, period: '2026-10' })).toMatchObject({
      message: '平台统计规则中有记入考核指标的，请选择以哪位考核人的名义记入',
      issues: [{ field: 'evaluatorId' }],
    });
    expect((await t.callError('points.previewPlatform', { ...upload, period: '2026-12', evaluatorId: evaluator })).message).toBe('2026-12还没到，不能导入');

    // finalise the month: every member scored
    const task = scheme.criteria.find((c) => c.name === '任务完成')!.id;
    await t.call('assessments.saveScores', { monthId, evaluatorId: evaluator, cells: [p.zhang, p.li, p.wang].map((personId) => ({ personId, criterionId: task, value: 8000 })) });
    await t.call('assessments.finalise', { monthId });
    const pointsBefore = t.core.db.prepare('SELECT count(*) FROM point_entries').pluck().get();
    expect(await t.callError('points.previewPlatform', { ...upload, period: '2026-10', evaluatorId: evaluator })).toMatchObject({
      code: 'CONFLICT',
      message: '2026-10“网格员考核”已归档，只能查看；如需导入平台统计，请先重新开启该月',
    });
    expect(t.core.db.prepare('SELECT count(*) FROM point_entries').pluck().get()).toBe(pointsBefore);
  });

  it('with points rules only, needs no month and no evaluator', async () => {
    const { t, p, platform } = await setup();
    await t.call('points.deletePlatformRule', { id: platform.closedBadly.id });
    await t.call('points.deletePlatformRule', { id: platform.hazards.id });
    const upload = { ...(await platformFile(ROWS, 5)), period: '2026-09' };
    const preview = await t.call('points.previewPlatform', upload);
    expect(preview.target).toBe('平台统计 2026-09：积分台账');
    expect(preview.counts).toEqual({ new: 4, changed: 0, unchanged: 0, wrong: 0 });
    await t.call('points.importPlatform', { ...upload, digest: preview.digest });
    expect(t.core.db.prepare('SELECT DISTINCT date FROM point_entries').pluck().all()).toEqual(['2026-09-30']);
    expect(pointsOf(t, p.zhang)).toBe(300 + 120 + 200);
  });
});
