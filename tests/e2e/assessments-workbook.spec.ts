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
  const unit = await page.getByRole('combobox', { name: '单位' }).inputValue();
  const evaluator = await page.getByRole('combobox', { name: '考核人' }).inputValue();

  // Export through the dialog, reachable by keyboard from the toolbar.
  await page.getByRole('button', { name: '导出考核表' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialogs.dialog()).toHaveAccessibleName('导出考核表');
  await expect(dialogs.dialog().getByRole('combobox', { name: '单位' })).toHaveValue(unit);
  await page.screenshot({ path: 'test-results/screenshots/evaluator-export-dialog.png' });
  await dialogs.dialog().getByRole('button', { name: '取消' }).click();
  const { download, workbook } = await dialogs.export();
  expect(download.suggestedFilename()).toMatch(new RegExp(`^考核表_\\d{4}-\\d{2}_网格员月度考核_${unit}_${evaluator.replace(/（.*/, '')}\\.xlsx$`));
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

test('a 考核表 with a worker’s row deleted: the worker is named and taken as not scored, every other error still shows', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('assessments');
  const months = new AssessmentsPage(page);
  const dialogs = new EvaluatorWorkbookDialogs(page);
  await months.chooseScheme('网格员月度考核');
  await expect(page.getByLabel('考核状态')).toHaveText('录入中');
  const { workbook } = await dialogs.export();
  const ws = workbook.getWorksheet('考核表')!;
  const rows = dataRows(ws);
  const cols = headers(ws);

  // A worker's row deleted (one not exempt, after the first); a value over the maximum in the row that moves up.
  const at = rows.findIndex((r, i) => i > 0 && ws.getRow(r).getCell(cols.get('备注')!).value === null);
  const gone = { key: Number(ws.getRow(rows[at]!).getCell(1).value), name: String(ws.getRow(rows[at]!).getCell(2).value) };
  ws.spliceRows(rows[at]!, 1);
  const wrongRow = ws.getRow(rows[at]!);
  const wrongName = String(wrongRow.getCell(2).value);
  const task = cols.get('任务完成情况')!;
  wrongRow.getCell(task).value = 25;

  const importing = await dialogs.openImport();
  await importing.choose('考核表_删了一行.xlsx', workbook);
  await expect(importing.notes().filter({ hasText: gone.name })).toHaveText(
    new RegExp(`^${gone.name}（编号${gone.key}，身份证\\d{6}\\*{8}\\d{3}[\\dX]，.+）不在表中，(视为未打分|本次不导入其分数，系统中已有的分数保留)$`),
  );
  await expect(importing.notes().filter({ hasText: '导出时表中有' })).toHaveText(`导出时表中有${rows.length}行人员，现在有${rows.length - 1}行：请核对是否误删了行`);
  await expect(importing.summary()).toContainText('有错误 1');
  await expect(importing.errorList()).toHaveText(`第${rows[at]}行（${wrongName}）${ws.getColumn(task).letter}列“任务完成情况”填了“25”：“任务完成情况”最高20分，不能填25`);
  await expect(importing.confirmButton()).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/evaluator-import-missing-row.png' });

  // Fixed: the rest imports; the missing worker is left as they were.
  wrongRow.getCell(task).value = 19;
  await importing.choose('考核表_改正.xlsx', workbook);
  await expect(importing.summary()).toContainText('有错误 0');
  await expect(importing.notes().filter({ hasText: gone.name })).toHaveCount(1);
  await importing.confirm();
  await expect(months.toast('已导入考核表')).toBeVisible();
});

test('a finalised month offers its 考核表 read-only: locked, titled 已归档 · 只读, and no import', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('assessments');
  const months = new AssessmentsPage(page);
  const dialogs = new EvaluatorWorkbookDialogs(page);
  await months.chooseScheme('网格员月度考核');
  const finalised = async () => (await page.getByRole('combobox', { name: '考核月份' }).locator('option').allInnerTexts()).find((o) => o.endsWith('已归档'));
  await expect.poll(finalised).toBeTruthy();
  await page.getByRole('combobox', { name: '考核月份' }).selectOption({ label: (await finalised())! });
  await expect(page.getByLabel('考核状态')).toHaveText('已归档');
  await expect(page.getByRole('button', { name: '导入考核表' })).toHaveCount(0);

  await page.getByRole('button', { name: '导出考核表' }).click();
  await expect(dialogs.dialog().getByLabel('只读说明')).toHaveText('本月已归档：导出的考核表为只读（已归档 · 只读），所有单元格已锁定，供查阅和打印，不能导入。');
  await page.screenshot({ path: 'test-results/screenshots/evaluator-export-finalised.png' });
  await dialogs.dialog().getByRole('button', { name: '取消' }).click();
  const { download, workbook } = await dialogs.export();
  expect(download.suggestedFilename()).toMatch(/^考核表_\d{4}-\d{2}_网格员月度考核_.+_已归档_只读\.xlsx$/);
  const ws = workbook.getWorksheet('考核表')!;
  expect(String(ws.getCell('A1').value)).toMatch(/“网格员月度考核”考核表（已归档 · 只读）$/);
  expect((ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection).toMatchObject({ sheet: true });
  const rows = dataRows(ws);
  expect(rows.length).toBeGreaterThan(5);
  for (const r of rows) ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => expect(cell.protection?.locked).not.toBe(false));
  expect(ws.getRow(rows[0]!).getCell(headers(ws).get('任务完成情况')!).value).not.toBeNull(); // the month's scores
});
