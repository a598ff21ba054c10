/**
 * The evaluator workbook (考核表): exported for an open month × unit × evaluator, filled in with exceljs as an
 * evaluator would in Excel, previewed and imported back through the dispatcher.
 */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ScoreCell } from '../../src/shared/contract/assessments';
import type { SchemeDetail } from '../../src/shared/contract/schemes';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore } from './helpers';
import { base64Of, errorColumns, file, oldXls, readBase64, sheetWorkbook } from './import-workbooks';

/** 任务完成 60 (a long list: on the hidden sheet), 工作台账 30 (inline), 考勤 −2 a time, 表彰 +2 up to 5, 违纪 veto. */
async function scheme(t: TestCore): Promise<SchemeDetail> {
  return publishScheme(t, '测试方案', {
    roles: ['网格员', '专职网格员'],
    aggregation: 'mean',
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000, guide: '按时完成交办任务' },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 3000 },
      { category: '工作纪律', name: '考勤', kind: 'deduction', max: 1000, perUnit: 200, guide: '迟到早退一次扣2分' },
      { category: '加分项', name: '表彰', kind: 'bonus', max: 0, perUnit: 200, cap: 500 },
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
    wu: await addPerson(t, tree.c.id, '吴十', ['网格员']),
  };
  const e = {
    a: (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id,
    b: (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id,
  };
  const s = await scheme(t);
  const month = await t.call('assessments.open', { schemeId: s.schemeId, period: '2026-10' });
  const id = (name: string) => s.criteria.find((c) => c.name === name)!.id;
  const target = { monthId: month.id, unitId: tree.c1.id, evaluatorId: e.a };
  return { t, tree, p, e, s, monthId: month.id, id, target };
}
type Setup = Awaited<ReturnType<typeof setup>>;

async function exportBook(t: TestCore, target: { monthId: number; unitId: number | null; evaluatorId: number }) {
  const exported = await t.call('assessments.exportWorkbook', target);
  const wb = await readBase64(exported.base64);
  return { file: exported, wb, ws: wb.getWorksheet('考核表')! };
}

async function asInput(wb: ExcelJS.Workbook, fileName = '考核表_已填.xlsx') {
  return file(await base64Of(wb), fileName);
}

/** The column whose header (row 4) is `header`, and the row holding `name`. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getRow(4).getCell(c).value === header) return c;
  throw new Error(`no column ${header}`);
}
function rowOf(ws: ExcelJS.Worksheet, name: string): number {
  for (let r = 6; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === name) return r;
  throw new Error(`no row ${name}`);
}
function fill(ws: ExcelJS.Worksheet, name: string, values: Record<string, string | number | null>): void {
  const r = rowOf(ws, name);
  for (const [header, v] of Object.entries(values)) ws.getRow(r).getCell(col(ws, header)).value = v;
}

const FULL_ROW = { 任务完成: 55, 工作台账: 27.5, 考勤: 1, '考勤·说明': '10月8日迟到', 表彰: 0, 违纪: '否' };

function scoreCount(s: Setup): number {
  return s.t.core.db.prepare('SELECT count(*) FROM scores WHERE month_id = ?').pluck().get(s.monthId) as number;
}

describe('assessments.exportWorkbook', () => {
  it('writes a locked, pre-filled sheet with dropdowns, guides, a hidden list sheet and a very hidden meta sheet', async () => {
    const s = await setup();
    const { t, p, id } = s;
    const cells: ScoreCell[] = [
      { personId: p.zhang, criterionId: id('任务完成'), value: 5050 },
      { personId: p.zhang, criterionId: id('考勤'), value: 2, note: '缺席例会两次' },
      { personId: p.zhang, criterionId: id('违纪'), value: 0, note: '' },
    ];
    await t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.a, cells });
    await t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.b, cells: [{ personId: p.li, criterionId: id('任务完成'), value: 3000 }] });
    await t.call('assessments.setExempt', { monthId: s.monthId, personId: p.li, reason: '病假' });

    const { file, wb, ws } = await exportBook(t, s.target);
    expect(file.fileName).toBe('考核表_2026-10_测试方案_固戍社区_考核人甲.xlsx');
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['考核表', 'visible'],
      ['选项', 'hidden'],
      ['填表说明', 'visible'],
      ['考核表信息', 'veryHidden'],
    ]);

    // headers: fixed columns, then each criterion (a 说明 beside every count), the rules, categories merged
    const headers = (ws.getRow(4).values as unknown[]).slice(1);
    expect(headers).toEqual(['编号', '姓名', '所属网格', '岗位', '任务完成', '工作台账', '考勤', '考勤·说明', '表彰', '表彰·说明', '违纪', '违纪·说明', '备注']);
    expect((ws.getRow(5).values as unknown[]).slice(5, 13)).toEqual(['0–60分', '0–30分', '次数，每次扣2分', '有次数时必填', '次数，每次加2分', '有次数时必填', '是 / 否', '有次数时必填']);
    expect(ws.getCell('E3').value).toBe('业务工作');
    expect(ws.getCell('F3').master.address).toBe('E3');
    expect(ws.getCell('A1').value).toBe('2026年10月“测试方案”考核表');
    expect(String(ws.getCell('A2').value)).toContain('单位：固戍社区');
    expect(String(ws.getCell('A2').value)).toContain('考核人：考核人甲');
    expect(ws.getCell('E4').note).toBe('评分项：填0到60分，以0.5分为一档（可从下拉列表选择）\n评分标准：按时完成交办任务');
    expect(ws.getCell('H4').note).toBe('“考勤”有次数时必须填写说明：事由、日期、案卷号（不超过200字）');

    // rows in the grid's order, pre-filled with this evaluator's scores only; an exempt worker's row left empty
    const zhang = rowOf(ws, '张三');
    const li = rowOf(ws, '李四');
    expect([li, zhang]).toEqual([6, 7]);
    expect(ws.getRow(zhang).getCell(1).value).toBe(p.zhang);
    expect(ws.getRow(zhang).getCell(3).value).toBe('第01网格');
    expect(ws.getRow(zhang).getCell(col(ws, '任务完成')).value).toBe(50.5);
    expect(ws.getRow(zhang).getCell(col(ws, '工作台账')).value).toBeNull();
    expect(ws.getRow(zhang).getCell(col(ws, '考勤')).value).toBe(2);
    expect(ws.getRow(zhang).getCell(col(ws, '考勤·说明')).value).toBe('缺席例会两次');
    expect(ws.getRow(zhang).getCell(col(ws, '违纪')).value).toBe('否');
    expect(ws.getRow(li).getCell(col(ws, '任务完成')).value).toBeNull();
    expect(ws.getRow(li).getCell(col(ws, '备注')).value).toBe('本月免考：病假');
    expect(ws.rowCount).toBe(9); // two rows, a blank one, the signature line
    expect(String(ws.getCell('B9').value)).toContain('考核人（签字）');

    // protection without a password; entry cells unlocked, keys, names and exempt rows locked
    // exceljs reads the protection back but its typings lack the property
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, formatColumns: true });
    expect(protection).not.toHaveProperty('hashValue');
    expect(ws.getRow(zhang).getCell(col(ws, '任务完成')).protection).toMatchObject({ locked: false });
    expect(ws.getRow(zhang).getCell(col(ws, '考勤·说明')).protection).toMatchObject({ locked: false });
    for (const c of [1, 2, 3, 4, col(ws, '备注')]) expect(ws.getRow(zhang).getCell(c).protection?.locked).not.toBe(false);
    expect(ws.getRow(li).getCell(col(ws, '任务完成')).protection?.locked).not.toBe(false);
    expect(ws.getCell('E4').protection?.locked).not.toBe(false);

    // dropdowns: the long list on the hidden sheet by name, the short ones inline
    const dv = (c: number) => (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model[`${ws.getColumn(c).letter}${zhang}`];
    expect(dv(col(ws, '任务完成'))).toMatchObject({ type: 'list', formulae: ['ga_score_121'], errorStyle: 'stop' });
    expect(dv(col(ws, '工作台账'))!.formulae[0]).toMatch(/^"0,0\.5,1,1\.5,.*,29\.5,30"$/);
    expect(dv(col(ws, '考勤'))).toMatchObject({ type: 'list', formulae: ['"0,1,2,3,4,5,6,7,8,9,10"'], errorStyle: 'warning' });
    expect(dv(col(ws, '违纪'))).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(dv(col(ws, '考勤·说明'))).toMatchObject({ type: 'textLength', operator: 'lessThanOrEqual', formulae: [200] });
    expect(wb.definedNames.model).toContainEqual({ name: 'ga_score_121', ranges: ["'选项'!$A$2:$A$122"] });
    const lists = wb.getWorksheet('选项')!;
    expect([lists.getCell('A2').value, lists.getCell('A3').value, lists.getCell('A122').value]).toEqual([0, 0.5, 60]);

    // frozen keys and headers, A4 landscape fitted to one page across, header rows repeated on each page
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:5' });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');

    // the meta sheet says what the file is for
    const meta = new Map<string, unknown>();
    wb.getWorksheet('考核表信息')!.eachRow((r) => meta.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(Object.fromEntries(meta)).toMatchObject({
      format: 'grid-appraisal/evaluator-workbook',
      formatVersion: 1,
      monthId: s.monthId,
      period: '2026-10',
      schemeId: s.s.schemeId,
      version: 1,
      unitId: s.tree.c1.id,
      unitName: '固戍社区',
      evaluatorId: s.e.a,
      rows: 2,
    });
    expect(meta.get('checksum')).toMatch(/^[0-9a-f]{64}$/);

    const guide = wb.getWorksheet('填表说明')!;
    const guideText = guide.getSheetValues().flat().map(String).join('\n');
    expect(guideText).toContain('扣分项：填发生次数，每次扣2分，本项10分扣完为止');
    expect(guideText).toContain('按时完成交办任务');
  });

  it('exports the whole street, a finalised month read-only, and refuses an unknown unit', async () => {
    const s = await setup();
    const { ws } = await exportBook(s.t, { ...s.target, unitId: null });
    expect(ws.getRow(rowOf(ws, '王五')).getCell(3).value).toBe('河西社区 / 第01网格');
    expect((await s.t.callError('assessments.exportWorkbook', { ...s.target, unitId: 9999 })).message).toBe('该单位不存在');
    await s.t.call('assessments.setExempt', { monthId: s.monthId, personId: s.p.zhang, reason: '病假' });
    for (const personId of [s.p.li, s.p.wang, s.p.wu]) {
      await s.t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.a, cells: [
        { personId, criterionId: s.id('任务完成'), value: 5000 },
        { personId, criterionId: s.id('工作台账'), value: 2500 },
      ] });
    }
    await s.t.call('assessments.finalise', { monthId: s.monthId });

    // a finalised month: the same sheet with its scores, every cell locked, no dropdowns, said to be read-only
    const { file, wb, ws: locked } = await exportBook(s.t, s.target);
    expect(file.fileName).toBe('考核表_2026-10_测试方案_固戍社区_考核人甲_已归档_只读.xlsx');
    expect(locked.getCell('A1').value).toBe('2026年10月“测试方案”考核表（已归档 · 只读）');
    const li = rowOf(locked, '李四');
    expect(locked.getRow(li).getCell(col(locked, '任务完成')).value).toBe(50);
    for (let r = 6; r <= locked.rowCount; r++) {
      locked.getRow(r).eachCell({ includeEmpty: true }, (cell) => expect(cell.protection?.locked).not.toBe(false));
    }
    expect((locked as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection).toMatchObject({ sheet: true });
    expect((locked as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model).toEqual({});
    const guide = wb.getWorksheet('说明') ?? wb.getWorksheet('填表说明')!;
    expect(guide.getSheetValues().flat().map(String).join('\n')).toContain('已归档，这份考核表只供查阅和打印：所有单元格已锁定，不能导入');
    expect((guide as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection).toMatchObject({ sheet: true });
    expect(locked.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:5' });
    // and it cannot be imported
    const refused = await s.t.callError('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '2026-10“测试方案”已归档，只能查看；如需修改请先重新开启' });
  });
});

describe('excel.previewEvaluatorWorkbook / importEvaluatorWorkbook', () => {
  it('round trip: export, fill in, preview, import; the scores are in the month, audited and logged', async () => {
    const s = await setup();
    const { t, p, id } = s;
    await t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.a, cells: [{ personId: p.zhang, criterionId: id('任务完成'), value: 5000 }] });
    const { wb, ws } = await exportBook(t, s.target);
    fill(ws, '李四', FULL_ROW);
    fill(ws, '张三', { 任务完成: 58, 工作台账: '29.5', 表彰: 2, '表彰·说明': '获街道通报表扬', 违纪: '否' });
    const input = { ...s.target, ...(await asInput(wb)) };

    const preview = await t.call('assessments.previewWorkbook', input);
    expect(preview.kind).toBe('evaluator');
    expect(preview.table).toBeNull();
    expect(preview.target).toBe('2026-10“测试方案”（第1版）· 固戍社区 · 考核人：考核人甲');
    expect(preview.columns).toEqual(['编号', '姓名', '所属网格', '任务完成', '工作台账', '考勤', '考勤·说明', '表彰', '表彰·说明', '违纪', '违纪·说明']);
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 0, wrong: 0 });
    const [liRow, zhangRow] = preview.rows;
    expect(liRow).toMatchObject({ line: 6, status: 'new', change: '新填5项', errors: [] });
    expect(liRow!.values).toEqual([String(p.li), '李四', '第02网格', '55', '27.5', '1', '10月8日迟到', '0', '', '否', '']);
    expect(zhangRow).toMatchObject({ line: 7, status: 'changed' });
    expect(zhangRow!.change).toBe('任务完成 50→58；工作台账 空→29.5；表彰 空→2次（说明：获街道通报表扬）；违纪 空→否');
    expect(scoreCount(s)).toBe(1); // a preview writes nothing

    const result = await t.call('assessments.importWorkbook', { ...input, digest: preview.digest });
    expect(result.counts).toEqual(preview.counts);
    expect(result.backupFileName).toMatch(/\.db$/);

    const sheet = await t.call('assessments.sheet', { monthId: s.monthId, unitId: s.tree.c1.id, evaluatorId: s.e.a });
    const byName = new Map(sheet.rows.map((r) => [r.name, r]));
    expect(byName.get('李四')).toMatchObject({
      values: { [id('任务完成')]: 5500, [id('工作台账')]: 2750, [id('考勤')]: 1, [id('表彰')]: 0, [id('违纪')]: 0 },
      notes: { [id('考勤')]: '10月8日迟到' },
      total: 5500 + 2750 + 800,
      complete: true,
    });
    expect(byName.get('张三')).toMatchObject({ values: { [id('任务完成')]: 5800, [id('工作台账')]: 2950, [id('表彰')]: 2, [id('违纪')]: 0 }, total: 5800 + 2950 + 1000 + 400 });
    const results = await t.call('assessments.results', { monthId: s.monthId, unitId: s.tree.c1.id });
    expect(results.rows.find((r) => r.name === '李四')).toMatchObject({ total: 9050, grade: '优秀' });

    // audited per score as the grid's saves are, with the file named; the import itself logged and audited once
    const audits = t.core.db
      .prepare("SELECT actor, reason, old_value, new_value FROM audit_log WHERE action = 'score' ORDER BY id")
      .all() as { actor: string; reason: string; old_value: string | null; new_value: string }[];
    expect(audits).toHaveLength(1 + 5 + 4);
    expect(audits.slice(1).every((a) => a.reason === '导入考核表：考核表_已填.xlsx' && a.actor === '测试')).toBe(true);
    expect(audits.map((a) => JSON.parse(a.new_value) as { personId: number; value: number })).toContainEqual(
      expect.objectContaining({ personId: p.zhang, criterionId: id('任务完成'), value: 5800 }),
    );
    expect(audits.map((a) => JSON.parse(a.old_value ?? 'null') as unknown)).toContainEqual(expect.objectContaining({ personId: p.zhang, value: 5000 }));
    const log = await t.call('io.importLog', { kind: 'evaluator' });
    expect(log).toEqual([
      expect.objectContaining({ kind: 'evaluator', fileName: '考核表_已填.xlsx', sheet: '', target: preview.target, actor: '测试', newRows: 1, changedRows: 1, sameRows: 0, backupFile: result.backupFileName }),
    ]);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'import' AND entity_id = ?").pluck().get(result.logId)).toBe(1);

    // the same file again: nothing new, a note that it was imported before, and no second import
    const again = await t.call('assessments.previewWorkbook', input);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 2, wrong: 0 });
    expect(again.notes[0]).toMatch(/^这个文件已于 .* 由测试导入过$/);
    expect((await t.callError('assessments.importWorkbook', { ...input, digest: again.digest })).message).toBe('文件中没有需要导入的新内容');
  });

  it('reports a value over the maximum with its row, column and value, and writes nothing while any row is wrong', async () => {
    const s = await setup();
    const { wb, ws } = await exportBook(s.t, s.target);
    fill(ws, '李四', FULL_ROW);
    fill(ws, '张三', { ...FULL_ROW, 任务完成: 70 });
    const input = { ...s.target, ...(await asInput(wb)) };
    const preview = await s.t.call('assessments.previewWorkbook', input);
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, wrong: 1 });
    const wrong = preview.rows.find((r) => r.status === 'wrong')!;
    expect(wrong.line).toBe(7);
    expect(wrong.errors).toEqual([{ column: 3, message: '第7行（张三）E列“任务完成”填了“70”：“任务完成”最高60分，不能填70' }]);
    expect(wrong.values[3]).toBe('70');

    const refused = await s.t.callError('assessments.importWorkbook', { ...input, digest: preview.digest });
    expect(refused).toMatchObject({ code: 'VALIDATION', message: '还有 1 行有错误，改正后重新预览才能导入；也可以选择“只导入正确的行”' });
    expect(scoreCount(s)).toBe(0);
    expect(s.t.core.db.prepare('SELECT count(*) FROM import_log').pluck().get()).toBe(0);
    expect(s.t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action IN ('score', 'import')").pluck().get()).toBe(0);
  });

  it('checks every cell as the scoring grid does: step, text, counts, notes, veto, formulas, exempt workers', async () => {
    const s = await setup();
    await s.t.call('assessments.setExempt', { monthId: s.monthId, personId: s.p.li, reason: '病假' });
    const { wb, ws } = await exportBook(s.t, s.target);
    fill(ws, '张三', { 任务完成: 50.3, 工作台账: '良好', 考勤: 2, 表彰: 1.5, '表彰·说明': '表扬', 违纪: '有', '违纪·说明': '只写了说明' });
    fill(ws, '李四', { 任务完成: 50 });
    const preview = await s.t.call('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) });
    const messages = preview.rows.flatMap((r) => r.errors.map((e) => e.message));
    expect(messages).toEqual([
      '第6行（李四）E列“任务完成”填了“50”：本月免考（病假），不需打分',
      '第7行（张三）E列“任务完成”填了“50.3”：“任务完成”按0.5分计分，不能填50.3',
      '第7行（张三）F列“工作台账”填了“良好”：“工作台账”请填数字，例如 8 或 8.5',
      '第7行（张三）H列“考勤·说明”：“考勤”记了2次扣分项，请填写说明（事由、日期、案卷号）',
      '第7行（张三）I列“表彰”填了“1.5”：“表彰”请填次数（整数）',
      '第7行（张三）K列“违纪”填了“有”：“违纪”请选择“是”或“否”',
    ]);
    expect(errorColumns(preview, 7)).toEqual(['任务完成', '工作台账', '考勤·说明', '表彰', '违纪']);

    // a note without a count, a formula's result, and a veto with its note
    fill(ws, '李四', { 任务完成: null });
    fill(ws, '张三', { 任务完成: 50, 工作台账: null, 考勤: null, '考勤·说明': '迟到', 表彰: 0, 违纪: '是', '违纪·说明': '酒后上岗' });
    ws.getRow(7).getCell(col(ws, '工作台账')).value = { formula: 'E7/2', result: 25 };
    const second = await s.t.call('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) });
    expect(second.rows.flatMap((r) => r.errors.map((e) => e.message))).toEqual(['第7行（张三）H列“考勤·说明”：填写了说明，但“考勤”没有填次数（没有发生请填0）']);
    fill(ws, '张三', { '考勤·说明': null });
    const third = await s.t.call('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) });
    expect(third.counts).toEqual({ new: 1, changed: 0, unchanged: 1, wrong: 0 });
    await s.t.call('assessments.importWorkbook', { ...s.target, ...(await asInput(wb)), digest: third.digest });
    const results = await s.t.call('assessments.results', { monthId: s.monthId, unitId: s.tree.c1.id });
    expect(results.rows.find((r) => r.name === '张三')).toMatchObject({ total: 5000 + 2500 + 1000, veto: true, grade: '不合格' });
  });

  it('leaves a blank cell alone: a stored score is kept, never cleared', async () => {
    const s = await setup();
    const { t, p, id } = s;
    await t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.a, cells: [{ personId: p.zhang, criterionId: id('工作台账'), value: 2000 }] });
    const { wb, ws } = await exportBook(t, s.target);
    fill(ws, '张三', { 工作台账: null, 任务完成: 40 });
    const preview = await t.call('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) });
    expect(preview.notes).toEqual(['有1个单元格在表中留空而系统中已有分数：导入不会清除它们，原分数保留']);
    expect(preview.rows.find((r) => r.line === 7)).toMatchObject({ status: 'changed', change: '任务完成 空→40' });
    await t.call('assessments.importWorkbook', { ...s.target, ...(await asInput(wb)), digest: preview.digest });
    const values = t.core.db.prepare('SELECT criterion_id, value FROM scores WHERE person_id = ? ORDER BY criterion_id').all(p.zhang);
    expect(values).toEqual([
      { criterion_id: id('任务完成'), value: 4000 },
      { criterion_id: id('工作台账'), value: 2000 },
    ]);
  });

  it('refuses a workbook of another month, scheme version, unit or evaluator, and one not made by the app', async () => {
    const s = await setup();
    const { t } = s;
    const { wb, ws } = await exportBook(t, s.target);
    fill(ws, '张三', FULL_ROW);
    const file = await asInput(wb);

    // another month of the same scheme
    const november = await t.call('assessments.open', { schemeId: s.s.schemeId, period: '2026-11' });
    const other = await t.callError('assessments.previewWorkbook', { ...s.target, monthId: november.id, ...file });
    expect(other).toMatchObject({ code: 'VALIDATION', message: '这份考核表是2026-10“测试方案”的，不能导入到2026-11“测试方案”。请选择对应的方案和月份，或重新导出本月的考核表' });
    // another unit, another evaluator
    expect((await t.callError('assessments.previewWorkbook', { ...s.target, unitId: s.tree.c2.id, ...file })).message).toBe(
      '这份考核表是“固戍社区”的，当前选择的单位是“河西社区”。请选择“固戍社区”后再导入',
    );
    expect((await t.callError('assessments.previewWorkbook', { ...s.target, evaluatorId: s.e.b, ...file })).message).toBe(
      '这份考核表是考核人“考核人甲”的，当前选择的考核人是“考核人乙”。请选择“考核人甲”后再导入',
    );

    // a version the month does not use (the meta sheet edited)
    const meta = wb.getWorksheet('考核表信息')!;
    const versionRow = [...Array(meta.rowCount).keys()].map((i) => i + 1).find((r) => meta.getCell(r, 1).value === 'version')!;
    meta.getCell(versionRow, 2).value = 2;
    expect((await t.callError('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) })).message).toBe(
      '这份考核表按“测试方案”第2版导出，2026-10使用第1版，考核指标可能不同，不能导入。请重新导出考核表',
    );
    meta.getCell(versionRow, 2).value = 1;

    // a plain workbook, and an .xls
    const plain = sheetWorkbook([['姓名']]);
    expect((await t.callError('assessments.previewWorkbook', { ...s.target, ...(await asInput(plain)) })).message).toBe(
      '这个文件不是本系统导出的考核表（找不到考核表信息）。请在“月度考核 → 打分”中点击“导出考核表”，填好后再导入',
    );
    expect((await t.callError('assessments.previewWorkbook', { ...s.target, fileName: 'a.xls', base64: oldXls().toString('base64') })).message).toMatch(/^这是旧版 Excel 97-2003/);

    // and the untouched file still previews
    expect((await t.call('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) })).counts.new).toBe(1);
  });

  it('refuses a changed layout: an inserted column, a renamed header, an edited checksum', async () => {
    const s = await setup();
    const { t } = s;
    const fresh = async () => (await exportBook(t, s.target)).wb;
    const preview = async (wb: ExcelJS.Workbook) => (await t.callError('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) })).message;

    let wb = await fresh();
    wb.getWorksheet('考核表')!.spliceColumns(6, 0, []);
    expect(await preview(wb)).toBe('考核表的格式被改动过（第4行F列应为“工作台账”，现为“”），无法可靠地读取。请重新导出考核表，把分数填入新表后再导入');

    wb = await fresh();
    wb.getWorksheet('考核表')!.getCell('G5').value = '次数，每次扣1分';
    expect(await preview(wb)).toContain('第5行G列应为“次数，每次扣2分”，现为“次数，每次扣1分”');

    wb = await fresh();
    const meta = wb.getWorksheet('考核表信息')!;
    meta.eachRow((r) => {
      if (r.getCell(1).value === 'checksum') r.getCell(2).value = '0'.repeat(64);
    });
    expect(await preview(wb)).toContain('（格式校验码不符）');

    wb = await fresh();
    wb.getWorksheet('考核表')!.getCell('B7').value = '张四';
    const renamed = await t.call('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) });
    expect(renamed.rows[1]!.errors[0]!.message).toBe(`第7行（张四）B列“姓名”：编号${s.p.zhang}是“张三”，表中姓名为“张四”，编号和姓名不符，请勿改动编号和姓名`);
  });

  it('names a worker whose row was deleted or emptied, takes them as not scored, and still shows every other error', async () => {
    const s = await setup();
    const { t, p, id } = s;
    // 王五 and 吴十 of 河西社区 join the sheet of the whole street; 王五 has a score already
    await t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.a, cells: [{ personId: p.wang, criterionId: id('任务完成'), value: 4000 }] });
    const target = { ...s.target, unitId: null };
    const { wb, ws } = await exportBook(t, target);
    expect(ws.getRow(6).getCell(2).value).toBe('李四');
    fill(ws, '李四', FULL_ROW);
    fill(ws, '张三', { ...FULL_ROW, 任务完成: 70 });
    ws.spliceRows(rowOf(ws, '王五'), 1); // deleted
    const wu = rowOf(ws, '吴十');
    ws.getRow(wu).eachCell({ includeEmpty: true }, (cell) => (cell.value = null)); // emptied
    const input = { ...target, ...(await asInput(wb)) };
    const preview = await t.call('assessments.previewWorkbook', input);
    const idOf = (personId: number) => t.core.db.prepare('SELECT id_number FROM people WHERE id = ?').pluck().get(personId) as string;
    const masked = (personId: number) => `${idOf(personId).slice(0, 6)}********${idOf(personId).slice(-4)}`;
    expect(preview.notes).toEqual([
      `王五（编号${p.wang}，身份证${masked(p.wang)}，河西社区 / 第01网格）不在表中，本次不导入其分数，系统中已有的分数保留`,
      `吴十（编号${p.wu}，身份证${masked(p.wu)}，河西社区 / 第01网格）不在表中，视为未打分`,
      '导出时表中有4行人员，现在有2行：请核对是否误删了行',
    ]);
    // every other row is still read and checked, its errors with row and column
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, wrong: 1 });
    expect(rowOf(ws, '张三')).toBe(8); // 李四, (王五 deleted), 吴十 emptied, 张三
    expect(preview.rows.flatMap((r) => r.errors.map((e) => e.message))).toEqual(['第8行（张三）E列“任务完成”填了“70”：“任务完成”最高60分，不能填70']);

    // fixed: the two rows import, the missing workers are left as they were
    fill(ws, '张三', FULL_ROW);
    const fixed = { ...target, ...(await asInput(wb)) };
    const ready = await t.call('assessments.previewWorkbook', fixed);
    expect(ready.counts).toEqual({ new: 2, changed: 0, unchanged: 0, wrong: 0 });
    await t.call('assessments.importWorkbook', { ...fixed, digest: ready.digest });
    const scored = t.core.db.prepare('SELECT person_id AS personId, count(*) AS n FROM scores WHERE month_id = ? GROUP BY person_id ORDER BY person_id').all(s.monthId);
    expect(scored).toEqual([
      { personId: p.zhang, n: 5 },
      { personId: p.li, n: 5 },
      { personId: p.wang, n: 1 },
    ]);
  });

  it('refuses a finalised month', async () => {
    const s = await setup();
    const { t } = s;
    const { wb, ws } = await exportBook(t, s.target);
    fill(ws, '张三', FULL_ROW);
    for (const personId of [s.p.zhang, s.p.li, s.p.wang, s.p.wu]) {
      await t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.b, cells: [
        { personId, criterionId: s.id('任务完成'), value: 5000 },
        { personId, criterionId: s.id('工作台账'), value: 2500 },
      ] });
    }
    await t.call('assessments.finalise', { monthId: s.monthId });
    const refused = await t.callError('assessments.previewWorkbook', { ...s.target, ...(await asInput(wb)) });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '2026-10“测试方案”已归档，只能查看；如需修改请先重新开启' });
  });

  it('refuses a stale preview: the scores changed after it was shown', async () => {
    const s = await setup();
    const { t, p, id } = s;
    const { wb, ws } = await exportBook(t, s.target);
    fill(ws, '张三', FULL_ROW);
    const input = { ...s.target, ...(await asInput(wb)) };
    const preview = await t.call('assessments.previewWorkbook', input);
    expect(preview.counts.new).toBe(1);
    await t.call('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.e.a, cells: [{ personId: p.zhang, criterionId: id('任务完成'), value: 3000 }] });
    const refused = await t.callError('assessments.importWorkbook', { ...input, digest: preview.digest });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '预览之后数据或文件有了变化，请重新预览并核对后再导入' });
    expect(t.core.db.prepare('SELECT value FROM scores WHERE person_id = ? AND criterion_id = ?').pluck().all(p.zhang, id('任务完成'))).toEqual([3000]);
    expect(scoreCount(s)).toBe(1);
    expect(t.core.db.prepare('SELECT count(*) FROM import_log').pluck().get()).toBe(0);
  });

  it('lets an evaluator account import but not a secretary', async () => {
    const s = await setup();
    const { wb, ws } = await exportBook(s.t, s.target);
    fill(ws, '张三', FULL_ROW);
    const input = { ...s.target, ...(await asInput(wb)) };
    const asEvaluator = await s.t.raw('assessments.previewWorkbook', input, { name: '考核员', role: 'evaluator' });
    expect(asEvaluator.ok).toBe(true);
    expect((await s.t.callError('assessments.previewWorkbook', input, { name: '文书', role: 'secretary' })).code).toBe('FORBIDDEN');
  });
});
