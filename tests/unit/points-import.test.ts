import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PointRule } from '../../src/shared/contract/points';
import { addPerson, buildSmallTree, makeId, openTestCore, type TestCore } from './helpers';
import { base64Of, bytesOf, errorColumns, errorsAt, file, oldXls, readBase64, rowsOf, serialOf, sheetWorkbook, workbookBase64, type CellInput } from './import-workbooks';

const HEADER = ['姓名', '身份证号', '日期', '积分规则', '数量', '备注'];

async function setup() {
  const t = await openTestCore();
  const tree = await buildSmallTree(t);
  const p = {
    zhang: await addPerson(t, tree.a.id, '张三', ['网格员'], { hireDate: '2020-03-01' }),
    li: await addPerson(t, tree.b.id, '李四', ['网格员']),
    wang: await addPerson(t, tree.c.id, '王五', ['专职网格员']),
    weiA: await addPerson(t, tree.a.id, '张伟', ['网格员']),
    weiB: await addPerson(t, tree.c.id, '张伟', ['网格员']),
    gone: await addPerson(t, tree.b.id, '钱七', ['网格员']),
  };
  await t.call('people.leave', { id: p.gone, date: '2026-09-01', reason: '辞职' });
  const idOf = (personId: number) => t.core.db.prepare('SELECT id_number FROM people WHERE id = ?').pluck().get(personId) as string;
  const rules = await t.call('points.rules', {});
  const rule = (name: string): PointRule => rules.find((r) => r.name === name)!;
  return { t, tree, p, idOf, rule };
}

const entries = (t: TestCore) =>
  t.core.db
    .prepare(
      `SELECT p.name, e.date, r.name AS rule, e.quantity, e.points, e.uncapped, e.source, e.note FROM point_entries e
       JOIN people p ON p.id = e.person_id JOIN point_rules r ON r.id = e.rule_id ORDER BY e.id`,
    )
    .all() as { name: string; date: string; rule: string; quantity: number; points: number; uncapped: number; source: string; note: string }[];

const total = (t: TestCore, personId: number) =>
  t.core.db.prepare('SELECT coalesce(sum(points), 0) FROM point_entries WHERE person_id = ?').pluck().get(personId) as number;

async function plain(rows: CellInput[][]) {
  return file(await workbookBase64([HEADER, ...rows]));
}

describe('积分导入: reading an office’s sheet', () => {
  it('finds the table under a title and a two-row merged header, reads every kind of date, and skips empty rows and the signature line', async () => {
    const { t, idOf, p } = await setup();
    const wang = idOf(p.wang);
    const fullWidth = wang.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const base64 = await workbookBase64(
      [
        [1, '张三', idOf(p.zhang), serialOf('2026-10-08'), '上报安全隐患', 3, '燃气隐患'],
        [],
        [2, '李 四', null, '2026/10/9', '化解矛盾纠纷', '1', ''],
        [3, '王五', fullWidth, '2026年10月10日', '上报安全隐患（+0.5分/件）', '２', ''],
        // a date cell typed at 18:30 stays on its day
        [4, '张三', null, new Date(Date.UTC(2022, 6, 1, 18, 30)), '参加志愿服务', 1, '旧账补录'],
        [5, '张三', null, 20261011, '关爱走访特殊群体', 0.5, '半次：与社区同事共同走访'],
        [],
        [],
        ['制表人：李文书', '', '', '审核人：王主任'],
      ],
      {
        title: '西乡街道2026年10月积分登记表',
        headerRows: [
          ['序号', '人员信息', '', '日期', '积分事项', '', '备注'],
          ['', '姓名', '身份证号', '', '积分规则', '数量（件/次）', ''],
        ],
        merges: ['A2:A3', 'B2:C2', 'D2:D3', 'E2:F2', 'G2:G3'],
      },
    );
    const preview = await t.call('points.previewImport', file(base64, '10月积分.xlsx'));
    expect(preview.table).toMatchObject({ sheetName: 'Sheet1', headerRow: 3 });
    expect(preview.table!.mapping).toEqual({ name: 2, idNumber: 3, unit: null, date: 4, rule: 5, quantity: 6, note: 7 });
    expect(preview.columns).toEqual(['姓名', '身份证号', '所属单位', '日期', '积分规则', '数量', '积分', '备注']);
    expect(rowsOf(preview)).toEqual([
      [4, 'new', '张三', idOf(p.zhang), '固戍社区 / 第01网格', '2026-10-08', '上报安全隐患', '3件', '+1.5', '燃气隐患'],
      [6, 'new', '李四', '', '固戍社区 / 第02网格', '2026-10-09', '化解矛盾纠纷', '1次', '+2', ''],
      [7, 'new', '王五', fullWidth, '河西社区 / 第01网格', '2026-10-10', '上报安全隐患', '2件', '+1', ''],
      [8, 'new', '张三', '', '固戍社区 / 第01网格', '2022-07-01', '参加志愿服务', '1次', '+1', '旧账补录'],
      [9, 'new', '张三', '', '固戍社区 / 第01网格', '2026-10-11', '关爱走访特殊群体', '0.5次', '+0.25', '半次：与社区同事共同走访'],
    ]);
    expect(preview.counts).toEqual({ new: 5, changed: 0, unchanged: 0, wrong: 0 });
    expect(preview.notes).toEqual(['已跳过3个空行']);
    expect(preview.target).toBe('积分台账（来源：导入）');

    const result = await t.call('points.import', { ...file(base64, '10月积分.xlsx'), digest: preview.digest });
    expect(result.counts.new).toBe(5);
    expect(result.backupFileName).toMatch(/import/);
    expect(entries(t)).toEqual([
      { name: '张三', date: '2026-10-08', rule: '上报安全隐患', quantity: 300, points: 150, uncapped: 150, source: 'import', note: '燃气隐患' },
      { name: '李四', date: '2026-10-09', rule: '化解矛盾纠纷', quantity: 100, points: 200, uncapped: 200, source: 'import', note: '' },
      { name: '王五', date: '2026-10-10', rule: '上报安全隐患', quantity: 200, points: 100, uncapped: 100, source: 'import', note: '' },
      { name: '张三', date: '2022-07-01', rule: '参加志愿服务', quantity: 100, points: 100, uncapped: 100, source: 'import', note: '旧账补录' },
      { name: '张三', date: '2026-10-11', rule: '关爱走访特殊群体', quantity: 50, points: 25, uncapped: 25, source: 'import', note: '半次：与社区同事共同走访' },
    ]);
    const log = await t.call('io.importLog', { kind: 'points' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ fileName: '10月积分.xlsx', newRows: 5, sameRows: 0, actor: '测试' });
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'point_entry' AND action = 'post'").pluck().get()).toBe(5);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import'").pluck().get()).toBe(1);
    const balances = await t.call('points.balances', { kind: 'month', period: '2026-10' });
    expect(balances.rows.find((r) => r.personId === p.zhang)!.points).toBe(175);
  });

  it('says what is wrong, cell by cell: IDs kept as numbers, wrong check digits, unknown rules, people not in post, dates, quantities and grounds', async () => {
    const { t, idOf, p, rule } = await setup();
    const zhangId = idOf(p.zhang);
    const wrongCheck = zhangId.slice(0, 17) + (zhangId[17] === '1' ? '2' : '1');
    const upload = await plain([
      ['张三', Number(zhangId), '2026-10-08', '上报安全隐患', 1, ''], // 2: an 18-digit ID typed as a number
      ['张三', 440306199005151, '2026-10-08', '上报安全隐患', 1, ''], // 3: even 15 digits as a number
      ['张三', wrongCheck, '2026-10-08', '上报安全隐患', 1, ''], // 4
      ['李四', null, '2026-10-08', '上报好人好事', 1, ''], // 5: no such rule
      ['钱七', null, '2026-10-08', '上报安全隐患', 1, ''], // 6: left on 2026-09-01
      ['钱七', idOf(p.gone), '2026-08-31', '上报安全隐患', 1, ''], // 7: in post then
      ['张伟', null, '2026-10-08', '上报安全隐患', 1, ''], // 8: two in post
      ['李四', null, '2026-13-01', '上报安全隐患', 1, ''], // 9
      ['李四', null, '2026-12-01', '上报安全隐患', 1, ''], // 10: after today
      ['李四', null, '2026-10-08', '上报安全隐患', 0, ''], // 11
      ['李四', null, '2026-10-08', '上报安全隐患', '两件', ''], // 12
      ['李四', null, '2026-10-08', '投诉属实', 1, ''], // 13: a deduction needs its grounds
      ['李四', null, '2026-10-08', '月度考核优秀', 1, ''], // 14: posted by finalising a month only
      ['赵九', null, '2026-10-08', '上报安全隐患', 1, ''], // 15
      ['李四', zhangId, '2026-10-08', '上报安全隐患', 1, ''], // 16: the ID is someone else's
      ['李四', null, '2023-06-01', '上报安全隐患', 1, ''], // 17: before 李四 was hired
      ['李四', null, '2026-10-08', String(rule('化解矛盾纠纷').id), 1.5, ''], // 18: a rule by its 编号
    ]);
    const preview = await t.call('points.previewImport', upload);
    expect(preview.counts).toEqual({ new: 2, changed: 0, unchanged: 0, wrong: 15 });
    const idAsNumber = errorsAt(preview, 2)[0]!;
    expect(idAsNumber).toMatch(/^第2行 B列（身份证号）：身份证号以数字格式保存（单元格显示为 4\.40306E\+17），Excel 数字只保留15位有效数字/);
    expect(idAsNumber).toContain('请把这一列设为“文本”格式后重新输入身份证号');
    expect(errorsAt(preview, 3)[0]).toContain('单元格显示为 4.40306E+14');
    expect(errorsAt(preview, 4)).toEqual([`第4行 B列（身份证号）：身份证号校验位不符（按前17位，第18位应为 ${zhangId[17]}），请核对是否抄错`]);
    expect(errorsAt(preview, 5)).toEqual(['第5行 D列（积分规则）：没有名为“上报好人好事”的积分规则，请按模板“积分规则”表填写规则名称或编号']);
    expect(errorsAt(preview, 6)).toEqual(['第6行 A列（姓名）：钱七在2026-10-08不在岗']);
    expect(preview.rows.find((r) => r.line === 7)!.status).toBe('new');
    expect(errorsAt(preview, 8)).toEqual([
      '第8行 B列（身份证号）：2026-10-08在岗的“张伟”有2人（固戍社区 / 第01网格、河西社区 / 第01网格），请填写身份证号或所属单位区分',
    ]);
    expect(errorsAt(preview, 9)).toEqual(['第9行 C列（日期）：日期2026-13-01不存在']);
    expect(errorsAt(preview, 10)).toEqual(['第10行 C列（日期）：日期2026-12-01晚于今天（2026-11-23）']);
    expect(errorsAt(preview, 11)).toEqual(['第11行 E列（数量）：数量应大于0']);
    expect(errorsAt(preview, 12)).toEqual(['第12行 E列（数量）：数量“两件”不是数字（最多两位小数）']);
    expect(errorsAt(preview, 13)).toEqual(['第13行 F列（备注）：“投诉属实”是扣分，请在备注中填写依据（事由、时间、案卷号）']);
    expect(errorsAt(preview, 14)).toEqual(['第14行 D列（积分规则）：“月度考核优秀”在月度考核归档时自动记分，不能导入']);
    expect(errorsAt(preview, 15)).toEqual(['第15行 A列（姓名）：人员名册中没有“赵九”，请核对姓名或填写身份证号']);
    expect(errorsAt(preview, 16)).toEqual([`第16行 A列（姓名）：身份证号${zhangId}是张三的，与姓名“李四”不符`]);
    expect(errorsAt(preview, 17)).toEqual(['第17行 A列（姓名）：李四在2023-06-01尚未入职']);
    expect(rowsOf(preview).find((r) => r[0] === 18)).toEqual([18, 'new', '李四', '', '固戍社区 / 第02网格', '2026-10-08', '化解矛盾纠纷', '1.5次', '+3', '']);
    // the red cells are where the messages say
    expect(errorColumns(preview, 2)).toEqual(['身份证号']);
    expect(errorColumns(preview, 13)).toEqual(['备注']);

    const refused = await t.callError('points.import', { ...upload, digest: preview.digest });
    expect(refused).toMatchObject({ code: 'VALIDATION', message: '还有 15 行有错误，改正后重新预览才能导入；也可以选择“只导入正确的行”' });
    expect(entries(t)).toEqual([]);
  });

  it('tells namesakes apart by their unit, and refuses a unit that does not hold the name', async () => {
    const { t, p } = await setup();
    const upload = file(
      await workbookBase64([
        ['姓名', '所属网格', '日期', '积分规则', '数量'],
        ['张伟', '河西社区第01网格', '2026-10-08', '上报安全隐患', 1],
        ['张伟', '固戍社区 / 第01网格', '2026-10-08', '上报安全隐患', 1],
        ['张伟', '第02网格', '2026-10-08', '上报安全隐患', 1],
        ['张伟', '第01网格', '2026-10-09', '上报安全隐患', 1],
      ]),
    );
    const preview = await t.call('points.previewImport', upload);
    expect(preview.rows.map((r) => [r.status, r.values[2]])).toEqual([
      ['new', '河西社区 / 第01网格'],
      ['new', '固戍社区 / 第01网格'],
      ['wrong', '第02网格'],
      ['wrong', '第01网格'],
    ]);
    expect(errorsAt(preview, 4)).toEqual(['第4行 B列（所属单位）：2026-10-08“第02网格”没有名为“张伟”的人员']);
    expect(errorsAt(preview, 5)[0]).toContain('在岗的“张伟”有2人');
    const one = file(await workbookBase64([['姓名', '所属网格', '日期', '积分规则', '数量'], ['张伟', '河西社区第01网格', '2026-10-08', '上报安全隐患', 1]]));
    await t.call('points.import', { ...one, digest: (await t.call('points.previewImport', one)).digest });
    expect(total(t, p.weiB)).toBe(50);
    expect(total(t, p.weiA)).toBe(0);
  });

  it('a cap cuts an entry: the row says so, and the posted points are the ones shown', async () => {
    const { t, p, rule } = await setup();
    const volunteer = rule('参加志愿服务'); // +1/次, at most 5 a month
    await t.call('points.post', { ruleId: volunteer.id, date: '2026-10-02', lines: [{ personId: p.li, quantity: 300 }] });
    const upload = await plain([
      ['李四', null, '2026-10-10', '参加志愿服务', 1, '社区义诊'],
      ['李四', null, '2026-10-20', '参加志愿服务', 3, '敬老院'],
      ['李四', null, '2026-10-25', '参加志愿服务', 1, '垃圾分类宣传'],
      ['李四', null, '2026-11-02', '参加志愿服务', 2, '新的一月'],
    ]);
    const preview = await t.call('points.previewImport', upload);
    expect(preview.rows.map((r) => [r.status, r.values[6], r.change])).toEqual([
      ['new', '+1', ''],
      ['new', '+1（应计+3）', '“参加志愿服务”每月上限5分，此条应计+3分，只计剩余的+1分'],
      ['new', '0（应计+1）', '“参加志愿服务”每月上限5分，本期已满，此条计0分'],
      ['new', '+2', ''],
    ]);
    expect(preview.notes).toContain('有2行超过积分规则的上限，只计上限内剩余的分数（见“变更内容”）');
    await t.call('points.import', { ...upload, digest: preview.digest });
    expect(entries(t).map((e) => [e.date, e.points, e.uncapped])).toEqual([
      ['2026-10-02', 300, 300],
      ['2026-10-10', 100, 100],
      ['2026-10-20', 100, 300],
      ['2026-10-25', 0, 100],
      ['2026-11-02', 200, 200],
    ]);
  });

  it('the same file twice doubles nothing: its rows are unchanged and the file is known', async () => {
    const { t, p } = await setup();
    const rows: CellInput[][] = [
      ['张三', null, '2026-10-08', '上报安全隐患', 3, '燃气隐患'],
      ['李四', null, '2026-10-09', '化解矛盾纠纷', 1, '邻里纠纷'],
    ];
    const upload = await plain(rows);
    const first = await t.call('points.previewImport', upload);
    await t.call('points.import', { ...upload, digest: first.digest });
    const before = [total(t, p.zhang), total(t, p.li)];

    const again = await t.call('points.previewImport', upload);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 2, wrong: 0 });
    expect(again.notes[0]).toMatch(/^这个文件已于 2026-11-23 10:00 由测试导入过$/);
    expect(again.rows[0]!.change).toMatch(/^已于2026-11-23 10:00导入（第\d+号记录）$/);
    expect(await t.callError('points.import', { ...upload, digest: again.digest })).toMatchObject({ message: '文件中没有需要导入的新内容' });

    // another file with the same rows and one more: only the new one is posted
    const grown = await plain([...rows, ['王五', null, '2026-10-10', '上报安全隐患', 1, '']]);
    const third = await t.call('points.previewImport', grown);
    expect(third.counts).toEqual({ new: 1, changed: 0, unchanged: 2, wrong: 0 });
    expect(third.notes.some((n) => n.includes('导入过'))).toBe(false);
    await t.call('points.import', { ...grown, digest: third.digest });
    expect([total(t, p.zhang), total(t, p.li)]).toEqual(before);
    expect(entries(t)).toHaveLength(3);

    // two identical rows in one file are refused: merge them or tell them apart
    const twice = await t.call('points.previewImport', await plain([rows[0]!, rows[0]!]));
    expect(errorsAt(twice, 3)).toEqual(['第3行 A列（姓名）：与第2行完全相同；如确有两次，请合并为一行并把数量改为合计，或在备注中写明区别']);

    // a reversed entry comes back when its file is imported again, and the row says why
    const zhangEntry = t.core.db.prepare("SELECT id FROM point_entries WHERE note = '燃气隐患'").pluck().get() as number;
    await t.call('points.reverse', { entryId: zhangEntry, reason: '录错' });
    const after = await t.call('points.previewImport', upload);
    expect(after.rows.map((r) => [r.status, r.change.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'T').replace(/第\d+号/, '第N号')])).toEqual([
      ['new', '同样的记录曾导入并已冲销，这次将重新记入'],
      ['unchanged', '已于T导入（第N号记录）'],
    ]);
  });

  it('a preview made stale by a later entry is refused at commit', async () => {
    const { t, p, rule } = await setup();
    const upload = await plain([['李四', null, '2026-10-10', '参加志愿服务', 3, '']]);
    const preview = await t.call('points.previewImport', upload);
    await t.call('points.post', { ruleId: rule('参加志愿服务').id, date: '2026-10-01', lines: [{ personId: p.li, quantity: 400 }] });
    expect(await t.callError('points.import', { ...upload, digest: preview.digest })).toMatchObject({
      code: 'CONFLICT',
      message: '预览之后数据或文件有了变化，请重新预览并核对后再导入',
    });
    expect(entries(t)).toHaveLength(1);
  });

  it('previews 10,000 rows', async () => {
    const { t } = await setup();
    const rows: CellInput[][] = [];
    const names = ['张三', '李四', '王五'];
    for (let i = 0; i < 10_000; i++) rows.push([names[i % 3]!, null, `2026-${String((i % 10) + 1).padStart(2, '0')}-15`, '上报安全隐患', 1, `第${i + 1}件`]);
    const upload = await plain(rows);
    const started = Date.now();
    const preview = await t.call('points.previewImport', upload);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(preview.counts).toEqual({ new: 10_000, changed: 0, unchanged: 0, wrong: 0 });
    expect([preview.rows[9_999]!.line, preview.rows[9_999]!.values[0]]).toEqual([10_001, '张三']);
    // capped at 10 a month: only 20 of each person's ~333 a month count
    expect(preview.rows.filter((r) => r.change.includes('本期已满')).length).toBeGreaterThan(9_000);
  }, 60_000);

  it('refuses files that are not .xlsx or are damaged, in Chinese', async () => {
    const { t } = await setup();
    const good = await bytesOf(sheetWorkbook([HEADER, ['张三', null, '2026-10-08', '上报安全隐患', 1, '']]));
    const corrupted = Buffer.from(good);
    corrupted.fill(0x41, 200, 600);
    expect((await t.callError('points.previewImport', file(corrupted.toString('base64')))).message).toMatch(/^文件已损坏/);
    const truncated = good.subarray(0, good.length - 100);
    expect((await t.callError('points.previewImport', file(truncated.toString('base64')))).message).toMatch(/^文件已损坏/);
    expect((await t.callError('points.previewImport', file(oldXls().toString('base64'), '积分.xlsx'))).message).toBe(
      '这是旧版 Excel 97-2003 (.xls) 文件，不能直接导入。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后再导入',
    );
    expect((await t.callError('points.previewImport', file(Buffer.from('姓名,日期\n张三,2026-10-08').toString('base64'), 'a.xlsx'))).message).toMatch(/不是 Excel 工作簿/);
  });

  it('a sheet without a date column says which columns are missing and imports nothing', async () => {
    const { t } = await setup();
    const upload = file(await workbookBase64([['姓名', '积分规则', '数量'], ['张三', '上报安全隐患', 1]]));
    const preview = await t.call('points.previewImport', upload);
    expect(preview.rows).toEqual([]);
    expect(preview.notes).toEqual(['没有找到这些列：日期。请在上方“列对应”中选择它们所在的列']);
    // the user points 日期 at a column: now every row is read (and the wrong dates are named)
    const mapped = await t.call('points.previewImport', { ...upload, mapping: { name: 1, rule: 2, quantity: 3, date: 2 } });
    expect(errorsAt(mapped, 2)).toEqual(['第2行 B列（日期）：日期“上报安全隐患”无法识别，请写作 2026-11-23']);
  });

  it('the template: a text ID column, a rule dropdown from the rules sheet; filled in, it imports', async () => {
    const { t, idOf, p, rule } = await setup();
    const template = await t.call('points.importTemplate', {});
    expect(template.fileName).toBe('积分导入模板_2026-11-23.xlsx');
    const wb = await readBase64(template.base64);
    const [sheet, rules] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(sheet.name).toBe('积分导入');
    expect(sheet.getRow(3).values).toEqual([undefined, '姓名', '身份证号', '所属单位', '日期', '积分规则', '数量', '备注']);
    expect(sheet.getColumn(2).numFmt).toBe('@');
    expect(sheet.getCell('E4').dataValidation).toMatchObject({ type: 'list' });
    expect(rules.name).toBe('积分规则');
    const names = rules.getColumn(2).values.slice(2);
    expect(names).toContain('上报安全隐患');
    expect(names).not.toContain('月度考核优秀');
    expect(rules.getRow(2).values).toEqual([undefined, rule('上报安全隐患').id, '上报安全隐患', '安全排查', '+0.5', '件', '每月10分', '2020-01-01起', expect.any(String)]);

    const fill = (line: number, values: CellInput[]) => values.forEach((v, i) => (sheet.getCell(line, i + 1).value = v));
    fill(4, ['王五', idOf(p.wang), null, new Date(Date.UTC(2026, 9, 12)), '上报安全隐患', 2, null]);
    fill(5, ['张三', null, '第01网格', new Date(Date.UTC(2026, 9, 13)), '化解矛盾纠纷', 1, '调解停车纠纷']);
    const filled = await base64Of(wb);
    const preview = await t.call('points.previewImport', file(filled));
    expect(preview.table!.headerRow).toBe(3);
    expect(preview.counts).toEqual({ new: 2, changed: 0, unchanged: 0, wrong: 0 });
    await t.call('points.import', { ...file(filled), digest: preview.digest });
    expect([total(t, p.wang), total(t, p.zhang)]).toEqual([100, 200]);
  });

  it('an evaluator may import; a secretary may not', async () => {
    const { t } = await setup();
    const upload = await plain([['张三', null, '2026-10-08', '上报安全隐患', 1, '']]);
    const evaluator = await t.raw('points.previewImport', upload, { name: '考核员', role: 'evaluator' });
    expect(evaluator.ok).toBe(true);
    expect((await t.callError('points.previewImport', upload, { name: '文书', role: 'secretary' })).code).toBe('FORBIDDEN');
  });
});

describe('积分导入: an ID number the roster does not hold', () => {
  it('is named in the row', async () => {
    const { t } = await setup();
    const stranger = makeId('1985-01-02', 11);
    const preview = await t.call('points.previewImport', await plain([['张三', stranger, '2026-10-08', '上报安全隐患', 1, '']]));
    expect(errorsAt(preview, 2)).toEqual([`第2行 B列（身份证号）：身份证号${stranger}不在人员名册中`]);
  });
});

describe('积分导入: an unknown unit', () => {
  it('suggests the nearest known units and never one to create; a known unit without the person says so', async () => {
    const { t, tree } = await setup();
    await t.call('org.create', { parentId: tree.street.id, kind: 'community', name: '海望社区', code: 'C7' });
    const upload = await plain([
      ['张三', null, '2026-10-08', '上报安全隐患', 1, ''],
      ['张伟', null, '2026-10-08', '上报安全隐患', 1, ''],
    ]);
    const base = await t.call('points.previewImport', upload);
    expect(base.counts.wrong).toBe(1);
    const rows: CellInput[][] = [
      ['张伟', null, '2026-10-08', '上报安全隐患', 1, ''],
      ['张伟', null, '2026-10-08', '上报安全隐患', 1, ''],
    ];
    const wb = sheetWorkbook([[...HEADER.slice(0, 2), '所属单位', ...HEADER.slice(2)], ...rows.map((r) => [r[0], r[1], null, ...r.slice(2)])]);
    wb.worksheets[0]!.getCell('C2').value = '海旺社区';
    wb.worksheets[0]!.getCell('C3').value = '海望社区';
    const p = await t.call('points.previewImport', file(await base64Of(wb)));
    expect(errorsAt(p, 2).join()).toMatch(/第2行 C列（所属单位）：未找到单位“海旺社区”，是否为：海望社区？/);
    expect(errorsAt(p, 3).join()).toMatch(/“海望社区”没有名为“张伟”的人员/);
  });
});
