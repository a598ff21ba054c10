/**
 * Exported workbooks print: downloaded through the UI as a user would, printed by LibreOffice headless to PDF (as an
 * office PC prints an .xlsx), and read back page by page with pdftotext — the header row on every page, no column cut
 * off the page's width, a sensible number of A4 pages, and type of 9 pt or more.
 */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { printWorkbook, smallestType, type PrintedPage } from '../support/print-workbook';
import { expect, test } from './fixtures';
import { AssessmentsPage } from './pages/assessments-page';
import { EvaluatorWorkbookDialogs } from './pages/assessments-workbook';

/** 9 pt, less what rounding the PDF's coordinates costs. */
const NINE_PT = 8.95;

/** Page 1 of a PDF as a PNG to look at. */
function snapshot(pdf: string, png: string): void {
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '70', '-png', '-singlefile', pdf, png.replace(/\.png$/, '')]);
}

const landscape = (p: PrintedPage) => p.width > p.height;
const a4 = (p: PrintedPage) => Math.round(Math.min(p.width, p.height)) === 595 && Math.round(Math.max(p.width, p.height)) === 842;

test('the 人员名册 export prints on A4 landscape: every column on each page, the header row on every page, readable', async ({ demoHost }, testInfo) => {
  test.setTimeout(180_000);
  const page = await demoHost.open('people');
  await expect(page.locator('[role="gridcell"][col-id="name"]').first()).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^人员名册（.+）_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const xlsx = await download.path();

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.worksheets[0]!;
  const headerRow = [1, 2, 3].find((r) => ws.getRow(r).getCell(1).value === '姓名')!;
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const people = ws.rowCount - headerRow;
  expect(people).toBeGreaterThan(500);

  const pdf = testInfo.outputPath('roster.pdf');
  const pages = printWorkbook(xlsx, pdf);
  snapshot(pdf, 'test-results/screenshots/roster-print-page1.png');
  // about 30–45 rows a page: not 66 Letter pages of split columns, not a page per handful of rows
  expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(people / 60));
  expect(pages.length).toBeLessThanOrEqual(Math.ceil(people / 20));
  pages.forEach((p, i) => {
    expect(a4(p) && landscape(p), `page ${i + 1} is A4 landscape`).toBe(true);
    // the whole header row, the last column's too, on every page: no column split off the width
    for (const h of headers) expect(p.text, `page ${i + 1} has “${h}”`).toContain(h);
    expect(p.text).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`);
  });
  expect(pages[0]!.text).toContain(String(ws.getRow(1).getCell(1).value)); // the title on the first page
  // every ID number on the first page printed whole, none cut at its column's edge
  const idColumn = headers.indexOf('身份证号') + 1;
  const ids = Array.from({ length: 20 }, (_, i) => String(ws.getRow(headerRow + 1 + i).getCell(idColumn).value));
  expect(ids.every((id) => /^\d{17}[\dX]$/.test(id))).toBe(true);
  for (const id of ids) expect(pages[0]!.text, id).toContain(id);
  expect(smallestType(pages)).toBeGreaterThanOrEqual(NINE_PT);
});

test('an evaluator’s 考核表 prints across two landscape pages: 编号 and 姓名 on both, the header rows on every page, readable', async ({ demoHost }, testInfo) => {
  test.setTimeout(180_000);
  const page = await demoHost.open('assessments');
  const months = new AssessmentsPage(page);
  await months.chooseScheme('网格员月度考核');
  await expect(page.getByLabel('考核状态')).toHaveText('录入中');
  const { download, workbook } = await new EvaluatorWorkbookDialogs(page).export();
  const ws = workbook.getWorksheet('考核表')!;
  const names: string[] = [];
  for (let r = 6; typeof ws.getRow(r).getCell(1).value === 'number'; r++) names.push(String(ws.getRow(r).getCell(2).value));
  expect(names.length).toBeGreaterThan(20);
  const headers = (ws.getRow(4).values as unknown[]).slice(1).map(String);
  expect(headers.at(-1)).toBe('备注');

  const pdf = testInfo.outputPath('evaluator-workbook.pdf');
  const printed = printWorkbook(await download.path(), pdf);
  snapshot(pdf, 'test-results/screenshots/evaluator-workbook-print-page1.png');
  // the 考核表's pages (the 填表说明 sheet follows): left and right halves in turn, over then down
  const pages = printed.filter((p) => !p.text.includes('填写方法'));
  expect(printed.slice(pages.length).every((p) => p.text.includes('填写方法'))).toBe(true);
  expect(pages.length % 2).toBe(0);
  expect(pages.length / 2).toBeLessThanOrEqual(Math.ceil(names.length / 12));
  pages.forEach((p, i) => {
    const what = `page ${i + 1}`;
    expect(a4(p) && landscape(p), `${what} is A4 landscape`).toBe(true);
    expect(p.text, what).toMatch(/编号\s+姓名/); // the repeated columns, in the repeated header rows
    if (i % 2 === 0) {
      expect(p.text, what).toContain('所属网格');
      expect(p.text, what).toContain('0–20分'); // 任务完成情况's rule line
      expect(p.text, what).not.toContain('备注');
    } else {
      expect(p.text, what).toContain('备注'); // the last column: nothing cut off
      expect(p.text, what).toContain('有次数时必填');
      expect(p.text, what).not.toContain('所属网格');
    }
  });
  // every worker's name on both halves of their row
  for (const name of names) expect(pages.filter((p) => p.text.includes(name)).length, name).toBeGreaterThanOrEqual(2);
  expect(smallestType(pages)).toBeGreaterThanOrEqual(NINE_PT);
});
