import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { AssessmentsPage } from './pages/assessments-page';
import { SchemesPage } from './pages/schemes-page';

const SCHEME = '微网格长考核（试行）';
/** One row of the seed-003 scheme in column order: nine 评分项, then 参加例会和培训 (a count). Sum 78.5. */
const ROW = ['8', '4', '9', '4.5', '10', '7', '9', '14', '13'];

test('score a month from the seed-003 template: keyboard, paste, refusals, finalise, reopen, export', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('schemes');
  const schemes = new SchemesPage(page);
  await schemes.create('微网格长', SCHEME);
  await schemes.publish();
  await expect(schemes.listItem(SCHEME)).toContainText('第1版');

  await page.getByRole('link', { name: '月度考核' }).click();
  const months = new AssessmentsPage(page);
  await months.chooseScheme(SCHEME);
  await months.openMonth('2026-11');
  await months.chooseUnit('全部');
  await months.addEvaluator('街道考核组甲');

  const first = await months.columnOf('实有人口信息采集更新');
  const meeting = await months.columnOf('参加例会和培训');
  const total = Number(/已打分 0\/(\d+) 人/.exec(await page.getByLabel('完成情况').innerText())![1]);
  expect(total).toBeGreaterThan(20);

  // Type, Enter, the next row: each value saved as it is committed.
  await months.cell(0, first).click();
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');
  await page.keyboard.type('9.5');
  await page.keyboard.press('Enter');
  await expect(months.cell(0, first)).toHaveText('8');
  await expect(months.cell(1, first)).toHaveText('9.5');

  // Over the maximum: refused in the cell with a message, nothing saved.
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(months.toast('最高10分，不能填12')).toBeVisible();
  await expect(months.cell(2, first)).toHaveText('');

  // A deduction takes its count and a note.
  await months.cell(0, meeting).click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await months.dialog().getByLabel('说明（事由、日期、案卷号）').fill('缺席11月5日例会');
  await months.dialog().getByRole('button', { name: '保存' }).click();
  await expect(months.dialog()).toBeHidden();
  await expect(months.cell(0, meeting)).toHaveText('1次');

  // 归档 while some are unscored: refused with the names, and never asked first
  const asked: string[] = [];
  const record = (d: { message: () => string; dismiss: () => Promise<void> }) => {
    asked.push(d.message());
    void d.dismiss();
  };
  page.on('dialog', record);
  await page.getByRole('button', { name: '归档' }).click();
  await expect(months.toast(/^还有\d+人未打分（.*），请打分或标记免考后再归档$/)).toBeVisible();
  expect(asked).toEqual([]);
  page.off('dialog', record);

  // A block with one wrong value is refused whole; the right block pastes in.
  await months.cell(0, first).click();
  await months.paste(`${ROW.join('\t')}\t1\n20\t4\n`);
  await expect(months.toast('粘贴未保存')).toContainText('最高10分，不能填20');
  await expect(months.cell(1, first)).toHaveText('9.5');
  const block = Array.from({ length: total }, (_, i) => `${ROW.join('\t')}\t${i === 0 ? 1 : 0}`).join('\n');
  await months.cell(0, first).click();
  await months.paste(`${block}\n`);
  await expect(months.toast(`已粘贴并保存 ${total * 10} 个单元格`)).toBeVisible();
  await expect(page.getByLabel('完成情况')).toContainText(`已打分 ${total}/${total} 人`);
  await expect(months.cell(0, 'sheetTotal')).toHaveText('86.50');
  // the sheet's total is the chosen evaluator's, not a self-assessment, and says so
  await expect(page.getByRole('columnheader', { name: '当前考核人评分' })).toBeVisible();
  await expect(months.cell(1, 'sheetTotal')).toHaveText('88.50');
  await expect(months.cell(1, 'grade')).toHaveText('良好');

  // Finalise: the month is read-only.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '归档' }).click();
  await expect(page.getByLabel('考核状态')).toHaveText('已归档');
  await expect(page.getByText('本月已归档，只能查看')).toBeVisible();
  await months.cell(1, first).dblclick();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  await expect(months.cell(1, first)).toHaveText('8');

  // Reopen with a reason, then back to 录入中.
  await page.getByRole('button', { name: '重新开启' }).click();
  await months.dialog().getByRole('button', { name: '重新开启' }).click();
  await expect(months.dialog().getByLabel('重新开启的原因')).toHaveAccessibleDescription('请填写重新开启的原因');
  await months.dialog().getByLabel('重新开启的原因').fill('补录例会考勤');
  await months.dialog().getByRole('button', { name: '重新开启' }).click();
  await expect(page.getByLabel('考核状态')).toHaveText('录入中');

  // Results: the derivation of a total, then 导出Excel read back.
  const withDeduction = await months.rowName(0);
  await page.getByRole('tab', { name: '结果' }).click();
  await expect(page.getByLabel('等次人数')).toContainText(`良好 ${total}`);
  const name0 = await months.rowName(0);
  await page.locator('[role="gridcell"][col-id="name"]').first().dblclick();
  await expect(months.dialog().getByLabel('计算过程')).toContainText(/总分 8\d\.5 分/);
  await months.dialog().getByRole('button', { name: '关闭' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await (await download).path());
  const ws = wb.worksheets[0]!;
  const headerRow = [1, 2, 3].find((r) => ws.getRow(r).getCell(1).value === '姓名')!;
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1);
  expect(headers).toEqual(expect.arrayContaining(['姓名', '总分', '等次', '网格排名', '社区排名']));
  expect(ws.rowCount - headerRow).toBe(total);
  const totals = new Map<string, unknown>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    totals.set(String(ws.getRow(r).getCell(1).value), ws.getRow(r).getCell(headers.indexOf('总分') + 1).value);
  }
  expect([...totals.values()].filter((v) => v === 88.5)).toHaveLength(total - 1);
  expect(totals.get(withDeduction)).toBe(86.5);
  expect(totals.get(name0)).toBe(88.5);
  await page.screenshot({ path: 'test-results/screenshots/months-results.png' });
});

test('demo results: who slipped three months in a row, a derivation and a worker\'s history', async ({ demoHost }) => {
  const page = await demoHost.open('assessments');
  const months = new AssessmentsPage(page);
  await months.chooseScheme('网格员月度考核');
  // The newest finalised month: the demo's months follow today's date.
  const finalised = async () => (await page.getByRole('combobox', { name: '考核月份' }).locator('option').allInnerTexts()).find((o) => o.endsWith('已归档'));
  await expect.poll(finalised).toBeTruthy(); // the months arrive after the scheme is chosen
  const newest = (await finalised())!;
  await page.getByRole('combobox', { name: '考核月份' }).selectOption({ label: newest });
  await months.chooseUnit('全部');
  await page.getByRole('tab', { name: '结果' }).click();
  const onlyFalling = page.getByLabel(/只看连降三个月/);
  const fallingCount = async () => Number(/（(\d+) 人）/.exec(await onlyFalling.locator('..').innerText())![1]);
  await expect.poll(fallingCount).toBeGreaterThan(0);
  await onlyFalling.check();
  await expect.poll(() => page.locator('[role="gridcell"][col-id="trend"]').count()).toBeGreaterThan(0);
  for (const text of await page.locator('[role="gridcell"][col-id="trend"]').allInnerTexts()) expect(text).toBe('↓ 连降三个月');
  await page.locator('[role="gridcell"][col-id="name"]').first().click();
  await page.getByRole('button', { name: '历次考核' }).click();
  await expect(months.dialog().getByRole('img', { name: /月度得分走势/ })).toBeVisible();
  await expect(months.dialog().getByRole('table', { name: '历次考核' }).locator('tbody tr')).toHaveCount(25);
  await page.screenshot({ path: 'test-results/screenshots/months-history.png' });
  await months.dialog().getByRole('button', { name: '关闭' }).click();
  await page.locator('[role="gridcell"][col-id="name"]').first().dblclick();
  await expect(months.dialog().getByLabel('计算过程')).toContainText('按考核组加权');
  await page.screenshot({ path: 'test-results/screenshots/months-derivation.png' });
});
