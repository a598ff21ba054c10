import Database from 'better-sqlite3';
import { join } from 'node:path';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { sheetWorkbook, type CellInput } from '../unit/import-workbooks';
import { expect, test } from './fixtures';
import { PeoplePage } from './pages/people-page';
import { DATA_FILE_NAME } from '../support/host-process';

const id = (first17: string) => first17 + idCheckChar(first17);
const NEW_ID = id('44030619950812567');

/** The office's own roster: a title row, a header, people of the demo street's communities and grids. */
function officeRoster(rows: CellInput[][]) {
  return sheetWorkbook(
    rows.map((r, i) => [i + 1, ...r]),
    { sheet: '花名册', title: '西乡街道网格员花名册', headerRows: [['序号', '姓名', '身份证号码', '联系电话', '社区', '网格']], textColumns: [3] },
  );
}

test('import the office roster: a number-typed ID in red, fixed, then new and changed people land, logged', async ({ demoHost }) => {
  const page = await demoHost.open('people');
  const roster = new PeoplePage(page);
  const db = new Database(join(demoHost.dataDir, DATA_FILE_NAME), { readonly: true });
  const known = db
    .prepare(
      `SELECT p.name, p.id_number AS idNumber, p.mobile FROM people p JOIN person_terms t ON t.person_id = p.id AND t.valid_to IS NULL
        JOIN org_units g ON g.id = t.unit_id JOIN org_units c ON c.id = g.parent_id
       WHERE t.status = '在岗' AND c.name = '固戍社区' AND g.name = '第01网格' ORDER BY p.id LIMIT 1`,
    )
    .get() as { name: string; idNumber: string; mobile: string };
  db.close();
  const newMobile = known.mobile === '13912345678' ? '13912345679' : '13912345678';

  // The template is there to start from.
  const dialog = await roster.openImport();
  const template = await dialog.template('下载导入模板');
  expect(template.getWorksheet('人员名册')!.getRow(2).values).toEqual([undefined, '姓名', '身份证号', '性别', '手机号', '所属网格', '岗位', '政治面貌', '入职日期', '备注']);

  // The ID typed as a number: red, with why; nothing can be confirmed.
  const first = officeRoster([
    ['周 新 人', Number(NEW_ID.slice(0, 15)) * 1000, '13800138001', '固戍社区', '第01网格'],
    [known.name, known.idNumber, newMobile, '固戍社区', '第01网格'],
  ]);
  await dialog.choose('花名册.xlsx', first);
  await dialog.expectCounts({ new: 0, changed: 1, unchanged: 0, wrong: 1 });
  expect(await dialog.wrongCells().allInnerTexts()).toEqual([String(Number(NEW_ID.slice(0, 15)) * 1000)]);
  await expect(dialog.errorList()).toContainText('第3行 C列（身份证号）：身份证号被存成了数字');
  await expect(dialog.errorList()).toContainText('15位有效数字');
  await expect(dialog.confirmButton()).toBeDisabled();
  await expect(dialog.columnOf('身份证号')).toHaveValue('3');
  await page.screenshot({ path: 'test-results/e2e/roster-import-preview.png' });

  // Fixed in the file and chosen again: one new, one changed; confirm.
  const fixed = officeRoster([
    ['周 新 人', NEW_ID, '13800138001', '固戍社区', '第01网格'],
    [known.name, known.idNumber, newMobile, '固戍社区', '第01网格'],
  ]);
  await dialog.choose('花名册（改）.xlsx', fixed);
  await dialog.expectCounts({ new: 1, changed: 1, unchanged: 0, wrong: 0 });
  await expect(dialog.grid()).toContainText(`手机号 ${known.mobile} → ${newMobile}`);
  await dialog.confirm();
  await expect(page.getByRole('status').filter({ hasText: '已导入：新增 1 人，更新 1 人' })).toBeVisible();

  await roster.search('zxr');
  expect(await roster.names()).toEqual(['周新人']);
  expect(await roster.rowValue('周新人', 'unitPath')).toBe('固戍社区 / 第01网格');
  await roster.search(known.idNumber);
  expect(await roster.rowValue(known.name, 'mobile')).toBe(newMobile);

  // 系统 lists the import with its backup.
  await page.goto(`${demoHost.url}#/system`);
  const log = page.getByRole('table', { name: '导入记录' });
  await expect(log).toContainText('人员导入');
  await expect(log).toContainText('花名册（改）.xlsx');
  await expect(log).toContainText(/grid-appraisal-.*-import\.db/);
  await page.screenshot({ path: 'test-results/e2e/roster-import-system.png', fullPage: true });
});
