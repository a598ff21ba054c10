/**
 * 考核表 end to end: download an evaluator workbook from the scoring page, fill it in as an evaluator would (one value
 * over the maximum), import it and see the wrong cell, fix it, import again, and find the scores in the grid.
 */
import type ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { EvaluatorWorkbookDialogs } from './pages/assessments-workbook';
import { AssessmentsPage } from './pages/assessments-page';

const HEADER_ROW = 4;
const FIRST_ROW = 6;

/** The header of every column of the 考核表 sheet, by column number. */
function headers(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(HEADER_ROW).eachCell((cell, col) => out.set(String(cell.value), col));
  return out;
}

/** Rows of workers: from row 6 while the key column holds an id. */
function dataRows(ws: ExcelJS.Worksheet): number[] {
  const rows: number[] = [];
  for (let r = FIRST_ROW; typeof ws.getRow(r).getCell(1).value === 'number'; r++) rows.push(r);
  return rows;
}

test('export a 考核表, fill it in, import it: a wrong cell shown in red, fixed, then the scores in the grid', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('assessments');
  const months = new AssessmentsPage(page);
  const dialogs = new EvaluatorWorkbookDialogs(page);
  await months.chooseScheme('网格员月度考核');
  await expect(page.getByLabel('考核状态')).toHaveText('录入中'); // the demo's current month
  // Results first: the demo's current month is only partly scored, so not everyone has a grade yet.
  const graded = async () => (await page.getByLabel('等次人数').innerText()).match(/\d+/g)!.map(Number).reduce((a, b) => a + b, 0);
  await page.getByRole('tab', { name: '结果' }).click();
  await expect.poll(graded).toBeGreaterThan(0);
  const gradedBefore = await graded();
  await page.getByRole('tab', { name: '打分' }).click();
  const unit = await page.getByRole('combobox', { name: '单位' }).locator('option:checked').innerText();
  const evaluator = await page.getByRole('combobox', { name: '考核人' }).locator('option:checked').innerText();

  // Export through the dialog, reachable by keyboard from the toolbar.
  await page.getByRole('button', { name: '导出考核表' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialogs.dialog()).toHaveAccessibleName('导出考核表');
  await expect(dialogs.dialog().getByRole('combobox', { name: '单位' }).locator('option:checked')).toHaveText(unit);
  await page.screenshot({ path: 'test-results/screenshots/evaluator-export-dialog.png' });
  await dialogs.dialog().getByRole('button', { name: '取消' }).click();
  const { download, workbook } = await dialogs.export();
  expect(download.suggestedFilename()).toMatch(new RegExp(`^考核表_\\d{4}-\\d{2}_${unit}_${evaluator.replace(/（.*/, '')}\\.xlsx$`));
  expect(workbook.worksheets.map((w) => [w.name, w.state])).toEqual([
    ['考核表', 'visible'],
    ['填表说明', 'visible'],
    ['考核表信息', 'veryHidden'],
  ]);

  // Fill every empty 评分项 with its maximum, and put one value over the maximum in the first worker's row.
  const ws = workbook.getWorksheet('考核表')!;
  const cols = headers(ws);
  const rows = dataRows(ws);
  expect(rows.length).toBeGreaterThan(5);
  expect(gradedBefore).toBeLessThan(rows.length);
  const scoreCols = [...cols].filter(([, c]) => /^0–\d+分$/.test(String(ws.getRow(5).getCell(c).value)));
  expect(scoreCols.map(([h]) => h)).toContain('任务完成情况');
  const maxOf = (c: number) => Number(/^0–(\d+)分$/.exec(String(ws.getRow(5).getCell(c).value))![1]);
  for (const r of rows) {
    for (const [, c] of scoreCols) if (ws.getRow(r).getCell(c).value === null) ws.getRow(r).getCell(c).value = maxOf(c);
  }
  const task = cols.get('任务完成情况')!;
  const first = ws.getRow(rows[0]!);
  const firstName = String(first.getCell(2).value);
  first.getCell(task).value = 25;

  const importing = await dialogs.openImport();
  await expect(importing.dialog).toContainText(`${unit} · 考核人：${evaluator}`);
  await importing.choose('考核表_填好.xlsx', workbook);
  await expect(importing.summary()).toContainText('有错误 1');
  await expect(importing.wrongCells()).toHaveCount(1);
  await expect(importing.wrongCells()).toHaveText('25');
  const letter = ws.getColumn(task).letter;
  await expect(importing.errorList()).toHaveText(`第${rows[0]}行（${firstName}）${letter}列“任务完成情况”填了“25”：“任务完成情况”最高20分，不能填25`);
  await expect(importing.confirmButton()).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/evaluator-import-wrong.png' });

  // Fixed in the workbook and picked again: nothing wrong, and it imports.
  first.getCell(task).value = 19.5;
  await importing.choose('考核表_改正.xlsx', workbook);
  await expect(importing.summary()).toContainText('有错误 0');
  await expect(importing.wrongCells()).toHaveCount(0);
  await expect(importing.confirmButton()).toBeEnabled();
  await page.screenshot({ path: 'test-results/screenshots/evaluator-import-ready.png' });
  await importing.confirm();
  await expect(months.toast('已导入考核表')).toBeVisible();

  // The grid shows the imported scores: the fixed value, every worker scored by this evaluator, totals and grades.
  const taskCol = await months.columnOf('任务完成情况');
  await expect(months.cell(0, 'name')).toHaveText(firstName);
  await expect(months.cell(0, taskCol)).toHaveText('19.5');
  await expect(page.getByLabel('打分进度')).toContainText(`${evaluator.replace(/（.*/, '')}：${rows.length}/${rows.length}`);
  await expect(months.cell(0, 'sheetTotal')).not.toHaveText('');
  await expect(months.cell(0, 'combined')).not.toHaveText('');
  await page.getByRole('tab', { name: '结果' }).click();
  await expect.poll(graded).toBe(rows.length);
  await page.screenshot({ path: 'test-results/screenshots/evaluator-import-results.png' });
});
