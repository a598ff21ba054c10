import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../src/main/core/db/backup';
import { loadWorkbook, MAX_FILE_BYTES, serialToDate, wallClockDate } from '../../src/main/core/io/read';
import type { ImportPreview } from '../../src/shared/contract/io';
import { addPerson, buildSmallTree, makeId, openTestCore, type TestCore } from './helpers';
import { bytesOf, errorsAt, oldXls, sheetWorkbook, workbookBase64, zipBomb, type CellInput } from './import-workbooks';

const HEAD = ['序号', '姓名', '身份证号', '手机号', '所属社区', '所属网格', '岗位', '政治面貌', '入职日期'];

let t: TestCore;
let tree: Awaited<ReturnType<typeof buildSmallTree>>;

beforeEach(async () => {
  t = await openTestCore();
  tree = await buildSmallTree(t);
});

async function preview(base64: string, extra: { mapping?: Record<string, number | null>; sheet?: string } = {}): Promise<ImportPreview> {
  return t.call('people.previewImport', { fileName: '花名册.xlsx', base64, ...extra });
}

const row = (p: ImportPreview, line: number) => p.rows.find((r) => r.line === line)!;
const messages = (p: ImportPreview, line: number) => errorsAt(p, line).join('\n');

describe('reading a file safely', () => {
  it('refuses an .xls renamed to .xlsx, a corrupted zip, a zip bomb and an empty file, saying why in Chinese', async () => {
    const cases: [Buffer, RegExp][] = [
      [oldXls(), /旧版 Excel 97-2003 \(\.xls\)/],
      [Buffer.from('PK\u0003\u0004 this is not really a zip'), /已损坏/],
      [zipBomb(200 * 1024 * 1024), /压缩炸弹/],
      [Buffer.from('姓名,身份证号\n张三,1'), /不是 Excel 工作簿/],
    ];
    for (const [bytes, message] of cases) {
      const e = await t.callError('people.previewImport', { fileName: 'x.xlsx', base64: bytes.toString('base64') });
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toMatch(message);
    }
    const good = await bytesOf(sheetWorkbook([['张三']]));
    const truncated = good.subarray(0, good.length - 40);
    expect((await t.callError('people.previewImport', { fileName: 'x.xlsx', base64: truncated.toString('base64') })).message).toMatch(/已损坏/);
  });

  it('reads formulas as their values and dates as the wall-clock day typed (18:30 stays on its day)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    ws.getCell('A1').value = { formula: '1+1', result: 2 };
    ws.getCell('A2').value = new Date(Date.UTC(2022, 6, 1, 18, 30));
    const loaded = await loadWorkbook('a.xlsx', await bytesOf(wb));
    const sheet = loaded.workbook.worksheets[0]!;
    expect((sheet.getCell('A1').value as { result: number }).result).toBe(2);
    expect(wallClockDate(sheet.getCell('A2').value as Date)).toBe('2022-07-01');
    expect(serialToDate(44743)).toBe('2022-07-01');
    expect(serialToDate(1)).toBe('1900-01-01');
    expect(serialToDate(61)).toBe('1900-03-01');
    expect(serialToDate(0)).toBeNull();
  });
});

describe('人员导入', () => {
  it('finds the header below a title row and across a two-row merged header, and previews new people', async () => {
    const id1 = makeId('1988-03-02', 11);
    const id2 = makeId('1992-12-30', 22);
    const base64 = await workbookBase64(
      [
        [1, '张 三', id1, '13800138000', '固戍社区', '第01网格', '网格员', '中共党员', '2024-03-01'],
        [2, '买买提•艾力', id2, '139 0013 9000', '河西社区', '第01网格', '网格员、楼栋长', '群众', new Date(Date.UTC(2023, 4, 6, 18, 30))],
      ],
      {
        title: '西乡街道网格员花名册（2026年11月）',
        headerRows: [
          ['序号', '基本信息', null, '联系方式', '所属单位', null, '岗位', '政治面貌', '入职日期'],
          ['序号', '姓名', '身份证号', '手机号', '所属社区', '所属网格', '岗位', '政治面貌', '入职日期'],
        ],
        merges: ['B2:C2', 'E2:F2', 'A2:A3', 'G2:G3', 'H2:H3', 'I2:I3'],
        textColumns: [3],
      },
    );
    const p = await preview(base64);
    expect(p.table!.headerRow).toBe(3);
    expect(p.table!.mapping).toMatchObject({ name: 2, idNumber: 3, mobile: 4, community: 5, unit: 6, roles: 7, politicalStatus: 8, hireDate: 9 });
    expect(p.counts).toEqual({ new: 2, changed: 0, unchanged: 0, wrong: 0 });
    expect(row(p, 4).values.slice(0, 2)).toEqual(['张三', id1]);
    expect(row(p, 5).values[0]).toBe('买买提·艾力');
    expect(row(p, 5).values[4]).toBe('13900139000');
    expect(row(p, 5).values[5]).toBe('河西社区 / 第01网格');
    expect(row(p, 5).values[8]).toBe('2023-05-06');

    const done = await t.call('people.import', { fileName: '花名册.xlsx', base64, digest: p.digest });
    expect(done.counts.new).toBe(2);
    const people = await t.call('people.list', { search: '买买提' });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ roles: ['网格员', '楼栋长'], unitPath: '河西社区 / 第01网格', hireDate: '2023-05-06', politicalStatus: '群众' });
    expect((await t.call('people.list', { search: id1 }))[0]).toMatchObject({ name: '张三', politicalStatus: '中共党员', mobile: '13800138000' });
  });

  it('an ID stored as a number is always wrong, however valid its digits look; so are wrong check digits and full-width digits are fine', async () => {
    const valid = makeId('1990-01-01', 31);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const fullWidth = makeId('1991-02-03', 41).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const base64 = await workbookBase64(
      [
        [1, '甲', Number(valid.slice(0, 17)), '', '固戍社区', '第01网格'],
        [2, '乙', 440306199001010, '', '固戍社区', '第01网格'],
        [3, '丙', wrongCheck, '', '固戍社区', '第01网格'],
        [4, '丁', fullWidth, '１３８００１３８０００', '固戍社区', '第01网格'],
      ],
      { headerRows: [HEAD.slice(0, 6)] },
    );
    const p = await preview(base64);
    expect(messages(p, 2)).toMatch(/第2行 C列（身份证号）：身份证号被存成了数字.*15位有效数字/);
    expect(messages(p, 3)).toMatch(/被存成了数字/);
    expect(messages(p, 4)).toMatch(/第4行 C列（身份证号）：.*校验/);
    expect(row(p, 5).status).toBe('new');
    expect(row(p, 5).values[1]).toMatch(/^\d{17}[\dX]$/);
    expect(row(p, 5).values[4]).toBe('13800138000');
    expect(row(p, 2).errors[0]!.column).toBe(1); // the 身份证号 column of the preview is marked
    const e = await t.callError('people.import', { fileName: 'a.xlsx', base64, digest: p.digest });
    expect(e.message).toMatch(/还有 3 行有错误/);
    expect(await t.call('people.list', {})).toHaveLength(0);
  });

  it('keeps 政治面貌 as written, reads the common variants, names the cell of an unknown value and refuses a bare 是/否', async () => {
    const known = await addPerson(t, tree.a.id, '李四', ['网格员']);
    const knownId = (await t.call('people.get', { id: known })).idNumber;
    const rows: CellInput[][] = [
      [1, '甲', makeId('1990-01-01', 61), '', '', '第02网格', '网格员', '中共预备党员'],
      [2, '乙', makeId('1990-01-01', 63), '', '', '第02网格', '网格员', '预备党员'],
      [3, '丙', makeId('1990-01-01', 65), '', '', '第02网格', '网格员', '党员'],
      [4, '丁', makeId('1990-01-01', 67), '', '', '第02网格', '网格员', '团员'],
      [5, '戊', makeId('1990-01-01', 69), '', '', '第02网格', '网格员', '九三学社社员'],
      [6, '己', makeId('1990-01-01', 71), '', '', '第02网格', '网格员', '党 员 '],
      [7, '庚', makeId('1990-01-01', 73), '', '', '第02网格', '网格员', '积极分子'],
      [8, '辛', makeId('1990-01-01', 75), '', '', '第02网格', '网格员', '是'],
      [9, '李四', knownId, '', '', 'C1G1', '网格员', '共青团员'],
      [10, '壬', makeId('1990-01-01', 77), '', '', '第02网格', '网格员', ''],
    ];
    const base64 = await workbookBase64(rows, { headerRows: [HEAD.slice(0, 8)] });
    const p = await preview(base64);
    expect([2, 3, 4, 5, 6, 7].map((l) => row(p, l).values[7])).toEqual(['中共预备党员', '中共预备党员', '中共党员', '共青团员', '九三学社社员', '中共党员']);
    expect(messages(p, 8)).toMatch(/第8行 H列（政治面貌）：“积极分子”不是规范的政治面貌；可填：中共党员、中共预备党员、共青团员、民革党员.*、群众/);
    expect(messages(p, 9)).toMatch(/第9行 H列（政治面貌）：政治面貌请按实际填写.*不能只填“是”/);
    expect(row(p, 10).change).toBe('政治面貌 （未填） → 共青团员');
    await t.call('people.import', { fileName: 'a.xlsx', base64, digest: p.digest, mode: 'goodOnly' });
    const statusOf = (name: string) => t.core.db.prepare('SELECT political_status FROM people WHERE name = ?').pluck().get(name);
    expect(['甲', '乙', '丙', '李四', '壬'].map(statusOf)).toEqual(['中共预备党员', '中共预备党员', '中共党员', '共青团员', '']);
  });

  it('duplicates in the file mark both rows; a known ID updates the person, or is wrong when the name differs', async () => {
    const known = await addPerson(t, tree.a.id, '李四', ['网格员']);
    const knownId = (await t.call('people.get', { id: known })).idNumber;
    const other = await addPerson(t, tree.a.id, '王五', ['网格员']);
    const otherId = (await t.call('people.get', { id: other })).idNumber;
    const dup = makeId('1985-06-07', 51);
    const base64 = await workbookBase64(
      [
        [1, '赵六', dup, '', '固戍社区', '第01网格'],
        [2, '钱七', dup, '', '固戍社区', '第01网格'],
        [3, '李四', knownId, '13700137000', '河西社区', '第01网格'],
        [4, '王小五', otherId, '', '固戍社区', '第01网格'],
      ],
      { headerRows: [HEAD.slice(0, 6)] },
    );
    const p = await preview(base64);
    expect(row(p, 2).status).toBe('new');
    expect(messages(p, 3)).toMatch(/与第2行的身份证号重复/);
    expect(row(p, 4).status).toBe('changed');
    expect(row(p, 4).change).toMatch(/手机号.*13700137000；调动 固戍社区 \/ 第01网格 → 河西社区 \/ 第01网格/);
    expect(messages(p, 5)).toMatch(/已登记为“王五”.*与本行姓名“王小五”不符/);
    expect(p.counts).toEqual({ new: 1, changed: 1, unchanged: 0, wrong: 2 });
  });

  it('units by name within the community, by code or by path; unknown and ambiguous ones are named and listed', async () => {
    const rows: CellInput[][] = [
      [1, '甲', makeId('1990-01-01', 61), '', '', 'C1G2'],
      [2, '乙', makeId('1990-01-01', 63), '', '', '河西社区/第01网格'],
      [3, '丙', makeId('1990-01-01', 65), '', '', '第01网格'],
      [4, '丁', makeId('1990-01-01', 67), '', '固戍社区', '第09网格'],
      [5, '戊', makeId('1990-01-01', 69), '', '新安社区', '第01网格'],
      [6, '己', makeId('1990-01-01', 71), '', '', '第02网格'],
    ];
    const p = await preview(await workbookBase64(rows, { headerRows: [HEAD.slice(0, 6)] }));
    expect(row(p, 2).values[5]).toBe('固戍社区 / 第02网格');
    expect(row(p, 3).values[5]).toBe('河西社区 / 第01网格');
    expect(messages(p, 4)).toMatch(/有 2 个单位名为“第01网格”.*请同时填写所属社区/);
    expect(messages(p, 5)).toMatch(/F列（所属网格\/单位）：未找到“固戍社区”下的单位“第09网格”，是否为：第01网格、第02网格？/);
    expect(messages(p, 6)).toMatch(/E列（所属社区）：未找到社区“新安社区”，也没有名称相近的社区；请核对名称，或改填单位编码/);
    expect(row(p, 7).status).toBe('new');
    expect(p.notes.join()).toMatch(/未找到的单位 2 个：固戍社区\/第09网格（1行）、新安社区（1行）。请按各行提示改正.*导入不会新建单位/);
    expect(p.notes.join()).not.toMatch(/建好|新建这些/);
  });

  it('an unknown unit suggests the nearest known ones (by characters and by sound), never one to create', async () => {
    for (const [name, code] of [['海望社区', 'C3'], ['海湾社区', 'C4'], ['西乡社区', 'C5']] as const) {
      await t.call('org.create', { parentId: tree.street.id, kind: 'community', name, code });
    }
    const retired = await t.call('org.create', { parentId: tree.street.id, kind: 'community', name: '海王社区', code: 'C6' });
    await t.call('org.retire', { id: retired.id, date: '2026-01-01', reason: '撤并' });
    const rows: CellInput[][] = [
      [1, '甲', makeId('1990-01-01', 61), '', '', '海旺社区'],
      [2, '乙', makeId('1990-01-01', 63), '', '海旺社区', '第01网格'],
      [3, '丙', makeId('1990-01-01', 65), '', '', '河西社区/第07网格'],
    ];
    const p = await preview(await workbookBase64(rows, { headerRows: [HEAD.slice(0, 6)] }));
    expect(messages(p, 2)).toMatch(/F列（所属网格\/单位）：未找到单位“海旺社区”，是否为：海望社区、海湾社区？/);
    expect(messages(p, 3)).toMatch(/E列（所属社区）：未找到社区“海旺社区”，是否为：海望社区、海湾社区？/);
    expect(messages(p, 2)).not.toMatch(/海王社区|西乡社区/); // retired units and far names are not offered
    expect(messages(p, 4)).toMatch(/未找到单位“河西社区\/第07网格”，是否为：河西社区 \/ 第01网格？/);
  });

  it('skips empty rows and signature lines, checks dates as text and serials, and lets the user correct the mapping', async () => {
    const rows: CellInput[][] = [
      ['甲', makeId('1990-01-01', 81), '第02网格', '2020/3/1'],
      [null, null, null, null],
      ['乙', makeId('1990-01-01', 83), '第02网格', 43891],
      ['丙', makeId('1990-01-01', 85), '第02网格', '2020-02-30'],
      ['制表人：张三', null, null, null],
    ];
    const base64 = await workbookBase64(rows, { headerRows: [['人员', '证件', '片区', '到岗']] });
    let p = await preview(base64);
    expect(p.notes.join()).toMatch(/请在“列对应”中为 “姓名”、“身份证号”、“所属网格\/单位” 选择所在的列/);
    expect(p.rows).toHaveLength(0);
    p = await preview(base64, { mapping: { name: 1, idNumber: 2, unit: 3, hireDate: 4 } });
    expect(p.rows.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(p.notes).toContain('跳过空行 1 行');
    expect(row(p, 2).values[8]).toBe('2020-03-01');
    expect(row(p, 4).values[8]).toBe('2020-03-01');
    expect(messages(p, 5)).toMatch(/第5行 D列（入职日期）：“2020-02-30”不是有效的日期/);
  });

  it('commits in one transaction after a verified backup, logs the import, and refuses a stale preview', async () => {
    const base64 = await workbookBase64([[1, '甲', makeId('1990-01-01', 91), '', '固戍社区', '第01网格']], { headerRows: [HEAD.slice(0, 6)] });
    const p = await preview(base64);
    await addPerson(t, tree.a.id, '先来的人', ['网格员']); // unrelated: the plan is the same
    const other = await workbookBase64([[1, '乙', makeId('1990-01-01', 93), '', '固戍社区', '第01网格']], { headerRows: [HEAD.slice(0, 6)] });
    expect((await t.callError('people.import', { fileName: 'a.xlsx', base64: other, digest: p.digest })).message).toMatch(/重新预览/);

    const done = await t.call('people.import', { fileName: '花名册.xlsx', base64, digest: p.digest });
    const backups = listBackups(t.core.backupDir);
    expect(backups.map((b) => b.fileName)).toContain(done.backupFileName);
    expect(backups.find((b) => b.fileName === done.backupFileName)!.reason).toBe('import');
    const log = await t.call('io.importLog', {});
    expect(log[0]).toMatchObject({ kind: 'roster', fileName: '花名册.xlsx', newRows: 1, backupFile: done.backupFileName });
    const audit = t.core.db.prepare("SELECT action, entity FROM audit_log WHERE action IN ('import', 'create') AND entity IN ('import', 'person')").all();
    expect(audit).toContainEqual({ action: 'import', entity: 'import' });

    // The same file again: nothing new, so nothing to import; the preview says it was imported before.
    const again = await preview(base64);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 1, wrong: 0 });
    expect(again.notes[0]).toMatch(/这个文件已于 .* 由测试导入过/);
    expect((await t.callError('people.import', { fileName: 'a.xlsx', base64, digest: again.digest })).message).toMatch(/没有需要导入的新内容/);
  });

  it('a community merged down several rows applies to each; names lose every kind of space but keep the middle dot', async () => {
    const rows: CellInput[][] = [
      [1, '李\u00A0四', makeId('1990-01-01', 101), '', '河西社区', '第01网格'],
      [2, '王\u3000五', makeId('1990-01-01', 103), '', null, '第01网格'],
      [3, '阿依古丽 · 买买提', makeId('1990-01-01', 105), '', null, '第01网格'],
      [4, '\u200B赵六 ', makeId('1990-01-01', 107), '', '固戍社区', '第02网格'],
    ];
    const p = await preview(await workbookBase64(rows, { headerRows: [HEAD.slice(0, 6)], merges: ['E2:E4'] }));
    expect(p.counts).toEqual({ new: 4, changed: 0, unchanged: 0, wrong: 0 });
    expect(p.rows.map((r) => [r.values[0], r.values[5]])).toEqual([
      ['李四', '河西社区 / 第01网格'],
      ['王五', '河西社区 / 第01网格'],
      ['阿依古丽·买买提', '河西社区 / 第01网格'],
      ['赵六', '固戍社区 / 第02网格'],
    ]);
  });

  it('refuses a file over the size cap before reading it', async () => {
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(MAX_FILE_BYTES)]);
    await expect(loadWorkbook('大.xlsx', big)).rejects.toThrow(/文件过大（20\.0 MB），一次最多导入 20 MB 的文件/);
  });

  it('reads 10,000 rows into a preview', async () => {
    const rows: CellInput[][] = Array.from({ length: 10_000 }, (_, i) => [i + 1, `人员${String.fromCharCode(0x4e00 + (i % 500))}`, makeId('1980-01-01', i % 1000, String(110000 + Math.floor(i / 1000))), '', '固戍社区', '第01网格']);
    const p = await preview(await workbookBase64(rows, { headerRows: [HEAD.slice(0, 6)] }));
    expect(p.rows).toHaveLength(10_000);
    expect(p.counts.new).toBe(10_000);
  }, 60_000);
});
