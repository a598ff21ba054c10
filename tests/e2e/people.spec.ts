import ExcelJS from 'exceljs';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { expect, test } from './fixtures';
import { PeoplePage } from './pages/people-page';
import { chooseUnit } from './pages/pickers';

const first17 = '44030619900512123'; // born 1990-05-12, sequence 123: a man
const GOOD_ID = first17 + idCheckChar(first17);
const BAD_ID = first17 + (idCheckChar(first17) === '0' ? '1' : '0');

test('build a street, add a person, find them by pinyin, transfer them and export the roster', async ({ host }) => {
  const page = await host.open('people');
  const roster = new PeoplePage(page);

  await roster.createStreet('测试街道');
  await roster.addChildUnit('测试街道', '社区', '幸福社区');
  await expect(roster.treeItem('幸福社区')).toBeVisible();
  await roster.addChildUnit('幸福社区', '基础网格', '第一网格');
  // saved (the new unit is chosen then) before the next is added under 幸福社区
  await expect(roster.treeItem('第一网格')).toBeVisible();
  await roster.addChildUnit('幸福社区', '基础网格', '第二网格');
  await expect(roster.treeItem('第二网格')).toBeVisible();

  // A wrong ID number: the error shows at the field, nothing is saved.
  await roster.selectUnit('第一网格');
  const d = await roster.openNewPerson();
  // 入职日期 is asked, not assumed: it starts empty and saving without it names the field
  await expect(d.getByLabel('入职日期')).toHaveValue('');
  await roster.fillPerson(d, { name: '张三', idNumber: GOOD_ID, mobile: '13800138000' });
  await d.getByRole('button', { name: '保存' }).click();
  await expect(d.getByLabel('入职日期')).toHaveAccessibleDescription(/请填写入职日期/);
  await expect(d).toBeVisible();
  await roster.fillPerson(d, { name: '张三', idNumber: BAD_ID, mobile: '13800138000', hireDate: '2024-01-01' });
  await expect(d.getByLabel('身份证号')).toHaveAccessibleDescription(/校验位不符/);
  await d.getByRole('button', { name: '保存' }).click();
  await expect(d.getByLabel('身份证号')).toHaveAccessibleDescription(/校验位不符/);
  await expect(d).toBeVisible();

  // The right one: gender and birth date are read from it.
  await d.getByLabel('身份证号').fill(GOOD_ID);
  await d.getByLabel('身份证号').press('Tab');
  await expect(d.getByLabel('性别')).toHaveValue('男');
  await expect(d.getByLabel('出生日期')).toHaveValue('1990-05-12');
  await d.getByLabel('姓名').press('Enter');
  await expect(d).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已新增“张三”' })).toBeVisible();

  // Found by pinyin initials from the top of the tree.
  await roster.selectUnit('测试街道');
  await roster.search('zs');
  expect(await roster.names()).toEqual(['张三']);
  expect(await roster.rowValue('张三', 'unitPath')).toBe('幸福社区 / 第一网格');

  // Transferred on 2024-03-15: February shows the old grid, April the new one.
  await roster.selectPerson('张三');
  await page.getByRole('button', { name: '调动' }).click();
  const t = roster.dialog();
  await chooseUnit(t.getByLabel('调入单位'), '幸福社区 / 第二网格');
  await t.getByLabel('调动日期').fill('2024-03-15');
  await t.getByLabel('说明').fill('工作需要');
  await t.getByRole('button', { name: '确认调动' }).click();
  await expect(t).toBeHidden();
  await expect.poll(() => roster.rowValue('张三', 'unitPath')).toBe('幸福社区 / 第二网格');
  await page.getByLabel('查询日期').fill('2024-02-29');
  await page.getByLabel('查询日期').press('Tab');
  await expect.poll(() => roster.rowValue('张三', 'unitPath')).toBe('幸福社区 / 第一网格');
  await page.getByLabel('查询日期').fill('');
  await page.getByLabel('查询日期').press('Tab');
  await expect.poll(() => roster.rowValue('张三', 'unitPath')).toBe('幸福社区 / 第二网格');

  // Export the current view and read the workbook back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^人员名册（.+）_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const ws = wb.worksheets[0]!;
  const headerRowNumber = [1, 2, 3, 4].find((r) => ws.getRow(r).getCell(1).value === '姓名')!;
  const headers = (ws.getRow(headerRowNumber).values as unknown[]).slice(1);
  expect(headers).toEqual(expect.arrayContaining(['姓名', '身份证号', '所属单位', '状态']));
  const data = ws.getRow(headerRowNumber + 1);
  const at = (h: string) => data.getCell(headers.indexOf(h) + 1).value;
  expect(at('姓名')).toBe('张三');
  expect(at('身份证号')).toBe(GOOD_ID); // a string, never a number
  expect(at('所属单位')).toBe('幸福社区 / 第二网格');
  expect(ws.rowCount).toBe(headerRowNumber + 1);
});

test('a duplicate unit code and retiring a unit with people get clear messages', async ({ demoHost }) => {
  const page = await demoHost.open('people');
  const roster = new PeoplePage(page);
  await roster.selectUnit('西乡街道');
  await roster.addChildUnit('西乡街道', '社区', '新安社区', '440306006001');
  await expect(roster.dialog().getByLabel('编码')).toHaveAccessibleDescription('编码“440306006001”已被“固戍社区”使用');
  await roster.dialog().getByRole('button', { name: '取消' }).click();

  await roster.selectUnit('固戍社区');
  await page.getByRole('button', { name: '撤销' }).click();
  await roster.dialog().getByLabel('撤销原因').fill('区划调整');
  await roster.dialog().getByRole('button', { name: '撤销' }).click();
  await expect(roster.dialog().getByRole('alert').first()).toContainText(/还有 \d+ 名在岗人员/);
});

test('a person leaves and rejoins; an empty unit can be deleted, one with people cannot', async ({ demoHost }) => {
  const page = await demoHost.open('people');
  const roster = new PeoplePage(page);
  await roster.showUnit('固戍社区');
  const name = (await roster.names())[0]!;
  await roster.selectPerson(name);
  await page.getByRole('button', { name: '离岗' }).click();
  await roster.dialog().getByLabel('离岗日期').fill('2026-11-01');
  await roster.dialog().getByLabel('离岗原因').fill('辞职');
  await roster.dialog().getByRole('button', { name: '确认离岗' }).click();
  await expect(roster.dialog()).toBeHidden();
  await expect.poll(() => roster.names()).not.toContain(name);
  await page.getByRole('combobox', { name: '状态', exact: true }).selectOption('离岗');
  await expect.poll(() => roster.names()).toContain(name);
  await roster.selectPerson(name);
  await page.getByRole('button', { name: '返岗' }).click();
  await roster.dialog().getByLabel('返岗日期').fill('2026-11-20');
  await roster.dialog().getByRole('button', { name: '确认返岗' }).click();
  await expect(roster.dialog()).toBeHidden();
  await page.getByRole('combobox', { name: '状态', exact: true }).selectOption('在岗');
  await expect.poll(() => roster.names()).toContain(name);

  // a unit with people: refused at once, never asked first; an empty one is asked, then deleted
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await roster.expand('固戍社区');
  await roster.selectUnit('第01网格');
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '只能撤销，不能删除' })).toBeVisible();
  expect(asked).toEqual([]);
  await roster.addChildUnit('固戍社区', '基础网格', '临时网格');
  await expect(roster.treeItem('临时网格')).toBeVisible();
  await roster.selectUnit('临时网格');
  await page.getByRole('button', { name: '删除' }).click();
  await expect(roster.treeItem('临时网格')).toBeHidden();
  expect(asked).toEqual(['确定删除“临时网格”吗？']);
});

test('导出Excel gives the grid as shown: the search and a column filter applied, the sort kept, dates as dates', async ({ demoHost }) => {
  const page = await demoHost.open('people');
  const roster = new PeoplePage(page);
  await roster.search('wang');
  // Sort by 入职日期, newest first (two clicks on the header), and filter the unit column to one community.
  const header = page.locator('.ag-header-cell[col-id="hireDate"]');
  await header.locator('.ag-header-cell-label').click();
  await header.locator('.ag-header-cell-label').click();
  await page.locator('.ag-header-cell[col-id="unitPath"]').hover();
  await page.locator('.ag-header-cell[col-id="unitPath"] .ag-header-cell-filter-button').click();
  await page.locator('.ag-filter-body input').first().fill('固戍社区');
  await page.keyboard.press('Escape');
  // the column filter applies a moment after the typing
  await expect.poll(async () => (await page.locator('[role="gridcell"][col-id="unitPath"]').allInnerTexts()).every((u) => u.includes('固戍社区'))).toBe(true);
  const shown = await roster.names();
  expect(shown.length).toBeGreaterThan(0);
  const shownDates = await page.locator('[role="gridcell"][col-id="hireDate"]').allInnerTexts();
  expect([...shownDates].sort().reverse()).toEqual(shownDates);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await (await download).path());
  const ws = wb.worksheets[0]!;
  const headerRow = [1, 2, 3].find((r) => ws.getRow(r).getCell(1).value === '姓名')!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1);
  const col = (h: string) => headers.indexOf(h) + 1;
  const names: string[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    names.push(String(row.getCell(col('姓名')).value));
    expect(String(row.getCell(col('所属单位')).value)).toContain('固戍社区');
    expect(row.getCell(col('身份证号')).type).toBe(ExcelJS.ValueType.String);
    const hired = row.getCell(col('入职日期')).value as Date;
    expect((hired).toISOString().slice(0, 10)).toBe(shownDates[r - headerRow - 1]);
  }
  expect(names).toEqual(shown);
});
