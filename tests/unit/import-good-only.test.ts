/**
 * 只导入正确的 N 行, the common import flow's second choice: by default one wrong row refuses the whole file; asked
 * explicitly, the good rows are written in one audited transaction and the wrong ones come back as a workbook of
 * the user's own columns plus 错误原因. Proven on the roster and the 积分 import (every import runs the same code).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/shared/contract/io';
import ExcelJS from 'exceljs';
import { wrongRowsWorkbook } from '../../src/main/core/io/import-run';
import { addPerson, buildSmallTree, makeId, openTestCore, type TestCore } from './helpers';
import { file, readBase64, workbookBase64 } from './import-workbooks';

const HEAD = ['序号', '姓名', '身份证号', '手机号', '所属社区', '所属网格', '岗位', '政治面貌', '入职日期'];

let t: TestCore;
let tree: Awaited<ReturnType<typeof buildSmallTree>>;

beforeEach(async () => {
  t = await openTestCore();
  tree = await buildSmallTree(t);
});

const people = () => t.core.db.prepare('SELECT name FROM people ORDER BY id').pluck().all() as string[];
const importAudits = () =>
  t.core.db.prepare("SELECT new_value, reason FROM audit_log WHERE action = 'import' ORDER BY id").all() as { new_value: string; reason: string }[];

async function roster(): Promise<{ base64: string; preview: ImportPreview }> {
  const base64 = await workbookBase64(
    [
      [1, '张三', makeId('1988-03-02', 11), '13800138000', '固戍社区', '第01网格', '网格员', '中共党员', '2024-03-01'],
      [2, '李四', makeId('1989-04-02', 21), '13800138001', '固戍社区', '第07网格', '网格员', '群众', '2024-03-01'],
      [3, '王五', makeId('1990-05-02', 31), '13800138002', '河西社区', '第01网格', '网格员', '共青团员', '2024-03-01'],
      [4, '赵六', makeId('1991-06-02', 41), '138001380', '河西社区', '第01网格', '网格员', '群众', '2024-03-01'],
    ],
    { title: '网格员花名册', headerRows: [HEAD], textColumns: [3, 4] },
  );
  const preview = await t.call('people.previewImport', { fileName: '花名册.xlsx', base64 });
  return { base64, preview };
}

describe('只导入正确的行', () => {
  it('by default a wrong row refuses the whole file and writes nothing', async () => {
    const { base64, preview } = await roster();
    expect(preview.counts).toEqual({ new: 2, changed: 0, unchanged: 0, wrong: 2 });
    const e = await t.callError('people.import', { fileName: '花名册.xlsx', base64, digest: preview.digest });
    expect(e.message).toMatch(/还有 2 行有错误.*只导入正确的行/);
    const explicit = await t.callError('people.import', { fileName: '花名册.xlsx', base64, digest: preview.digest, mode: 'all' });
    expect(explicit.message).toMatch(/还有 2 行有错误/);
    expect(people()).toEqual([]);
    expect(importAudits()).toEqual([]);
  });

  it('writes the good rows, audits the skipped lines, and returns the wrong rows with the user’s columns and 错误原因', async () => {
    const { base64, preview } = await roster();
    const done = await t.call('people.import', { fileName: '花名册.xlsx', base64, digest: preview.digest, mode: 'goodOnly' });
    expect(done.counts).toEqual({ new: 2, changed: 0, unchanged: 0, wrong: 2 });
    expect(done.skipped).toBe(2);
    expect(people()).toEqual(['张三', '王五']);

    const audits = importAudits();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.new_value)).toMatchObject({ mode: 'goodOnly', skippedLines: [4, 6] });
    expect(audits[0]!.reason).toBe('只导入正确的行，跳过有错误的 2 行');
    const logged = (await t.call('audit.list', {})).rows.find((r) => r.entity === 'import')!;
    expect(logged.summary).toBe('导入 人员名册：新增 2，变更 0，跳过有错误的 2 行（花名册.xlsx）');

    expect(done.wrongRows!.fileName).toBe('花名册-有错误的行.xlsx');
    const wb = await readBase64(done.wrongRows!.base64);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('网格员花名册');
    expect(ws.getRow(2).values).toEqual([undefined, ...HEAD, '错误原因']);
    expect(ws.rowCount).toBe(4);
    expect(ws.getCell('B3').value).toBe('李四');
    expect(ws.getCell('C3').value).toBe(makeId('1989-04-02', 21)); // the ID stays text
    expect(ws.getCell('J3').value).toMatch(/^F列（所属网格/);
    expect(ws.getCell('J3').value).toMatch(/第07网格/);
    expect(ws.getCell('B4').value).toBe('赵六');
    expect(ws.getCell('J4').value).toMatch(/^D列（手机号）：/);

    // The file of wrong rows is itself an import: fixed, it brings in just those rows.
    ws.getCell('F3').value = '第02网格';
    ws.getCell('D4').value = '13800138003';
    const fixed = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const again = await t.call('people.previewImport', { fileName: '花名册-有错误的行.xlsx', base64: fixed });
    expect(again.counts).toEqual({ new: 2, changed: 0, unchanged: 0, wrong: 0 });
    await t.call('people.import', { fileName: '花名册-有错误的行.xlsx', base64: fixed, digest: again.digest });
    expect(people()).toEqual(['张三', '王五', '李四', '赵六']);
  });

  it('an all-right file returns no workbook; only wrong rows, or a changed file, are still refused', async () => {
    const { preview } = await roster();
    const changed = await workbookBase64([HEAD, [1, '钱七', makeId('1992-01-01', 51), '', '固戍社区', '第01网格']]);
    expect((await t.callError('people.import', { fileName: '花名册.xlsx', base64: changed, digest: preview.digest, mode: 'goodOnly' })).message).toMatch(/重新预览/);

    const allWrong = await workbookBase64([HEAD, [1, '钱七', makeId('1992-01-01', 51), '', '固戍社区', '第09网格']]);
    const p = await t.call('people.previewImport', { fileName: 'a.xlsx', base64: allWrong });
    const e = await t.callError('people.import', { fileName: 'a.xlsx', base64: allWrong, digest: p.digest, mode: 'goodOnly' });
    expect(e.message).toMatch(/除有错误的行外，文件中没有需要导入的新内容/);
    expect(people()).toEqual([]);

    const good = await workbookBase64([HEAD, [1, '钱七', makeId('1992-01-01', 51), '', '固戍社区', '第01网格']]);
    const g = await t.call('people.previewImport', { fileName: 'b.xlsx', base64: good });
    const done = await t.call('people.import', { fileName: 'b.xlsx', base64: good, digest: g.digest, mode: 'goodOnly' });
    expect(done).toMatchObject({ skipped: 0, wrongRows: null });
    expect(people()).toEqual(['钱七']);
  });

  it('works the same for the 积分 import', async () => {
    const zhang = await addPerson(t, tree.a.id, '张三', ['网格员'], { hireDate: '2020-03-01' });
    const upload = file(
      await workbookBase64([
        ['姓名', '身份证号', '日期', '积分规则', '数量', '备注'],
        ['张三', null, '2026-10-08', '上报安全隐患', 3, '燃气隐患'],
        ['张三', null, '2026-10-09', '没有这条规则', 1, ''],
      ]),
      '10月积分.xlsx',
    );
    const preview = await t.call('points.previewImport', upload);
    expect(preview.counts).toMatchObject({ new: 1, wrong: 1 });
    expect((await t.callError('points.import', { ...upload, digest: preview.digest })).message).toMatch(/还有 1 行有错误/);
    const entries = () => t.core.db.prepare('SELECT count(*) FROM point_entries WHERE person_id = ?').pluck().get(zhang);
    expect(entries()).toBe(0);
    const done = await t.call('points.import', { ...upload, digest: preview.digest, mode: 'goodOnly' });
    expect(entries()).toBe(1);
    const ws = (await readBase64(done.wrongRows!.base64)).worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '日期', '积分规则', '数量', '备注', '错误原因']);
    expect(ws.getCell('D2').value).toBe('没有这条规则');
    expect(ws.getCell('G2').value).toMatch(/^D列（积分规则）/);
  });

  it('a fixed-layout import (the evaluator workbook: no office table) lists the wrong rows by their original row, preview columns and 错误原因', async () => {
    const file = { fileName: '考核表.xlsx', sha256: 'x', workbook: new ExcelJS.Workbook() };
    const plan = { target: '', table: null, columns: ['编号', '姓名', '安全隐患'], rows: [], notes: [], apply: () => undefined };
    const wrong = [{ line: 7, status: 'wrong' as const, values: ['12', '张三', '12'], errors: [{ column: 2, message: '第7行 E列（安全隐患）填了“12”：最多10分' }], change: '' }];
    const out = await wrongRowsWorkbook(file, plan, wrong);
    expect(out.fileName).toBe('考核表-有错误的行.xlsx');
    const ws = (await readBase64(out.base64)).getWorksheet('有错误的行')!;
    expect(ws.getRow(1).values).toEqual([undefined, '原行号', '编号', '姓名', '安全隐患', '错误原因']);
    expect(ws.getRow(2).values).toEqual([undefined, 7, '12', '张三', '12', 'E列（安全隐患）填了“12”：最多10分']);
  });
});
