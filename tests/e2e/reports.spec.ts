import { expect, test } from './fixtures';
import { pdfPageCount, pdfPages, pdfToPngs, ReportsPage } from './pages/reports-page';

const PAGE_FOOTER = /第\s*(\d+)\s*页\s*共\s*(\d+)\s*页/;

test('月度考核汇总表 of the whole street: A4 pages, the header and 第N页 共M页 on every page', async ({ demoHost }, testInfo) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  await reports.chooseMonth(/网格员月度考核$/);
  await reports.chooseUnit('全部（按社区分组）');
  await reports.preview('月度考核汇总表');

  const sheet = page.locator('.print-sheet');
  await expect(sheet.locator('h1')).toHaveText(/^\d{4}年\d{1,2}月网格员月度考核汇总表$/);
  await expect(sheet).toContainText('填报单位：西乡街道办事处');
  const rows = await sheet.locator('table[aria-label="月度考核汇总表"] tbody tr:not(.group-row)').count();
  expect(rows).toBeGreaterThanOrEqual(200);
  await expect(page.getByRole('button', { name: '导出PDF' })).toBeVisible();
  await expect(page.getByText('请在“目标打印机”中选择“另存为 PDF”')).toBeVisible();

  const file = testInfo.outputPath('month-summary.pdf');
  await reports.printPdf(file);
  const count = pdfPageCount(file);
  expect(count).toBeGreaterThan(1);
  const pages = pdfPages(file);
  expect(pages).toHaveLength(count);
  pages.forEach((text, i) => {
    // the header row above the page's first row of data (its cells wrap over lines in the text, so each is looked for)
    const head = text.split('\n').slice(0, text.split('\n').findIndex((l) => /^\s*\d+\s+\S+/.test(l))).join(' ');
    for (const word of ['序', '姓名', '网格', '岗位', '总分', '等次', '排名']) expect(head, `page ${i + 1}: ${word} in the header`).toContain(word);
    const footer = PAGE_FOOTER.exec(text);
    expect(footer, `page ${i + 1}: the footer`).not.toBeNull();
    expect([Number(footer![1]), Number(footer![2])]).toEqual([i + 1, count]);
    // nothing of the toolbar on paper
    expect(text).not.toContain('导出Excel');
  });
  expect(pages[0]).toContain('西乡街道办事处');
  expect(pages.at(-1)).toMatch(/合计 \d+ 人：优秀 \d+ 人/);
  pdfToPngs(file, 2);
  await testInfo.attach('month-summary.pdf', { path: file, contentType: 'application/pdf' });
});

test('个人考核评分表: criteria, evaluators, evidence and the signature lines in the PDF; Excel export', async ({ demoHost }, testInfo) => {
  test.setTimeout(90_000);
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  await reports.chooseMonth(/网格员月度考核$/);
  await reports.chooseUnit('固戍社区');
  const name = await reports.choosePerson(3, '固戍社区');
  await reports.preview('个人考核评分表');

  const sheet = page.locator('.print-sheet');
  await expect(sheet.locator('h1')).toHaveText('个人考核评分表');
  await expect(sheet.getByLabel('被考核人')).toContainText(name);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`个人考核评分表（${name}）\\.xlsx$`));

  const file = testInfo.outputPath('score-card.pdf');
  await reports.printPdf(file);
  const text = pdfPages(file).join('\n');
  expect(text).toContain(name);
  for (const who of ['被考核人（签字）', '考核人（签字）', '审核人（签字）']) expect(text).toContain(who);
  expect(text).toMatch(/日期：\s*年\s*月\s*日/);
  expect(text).toContain('综合得分');
  expect(text).toMatch(PAGE_FOOTER);
  pdfToPngs(file, 1);
});

test('the month results open both reports; 报表设置 changes the office on the sheet', async ({ demoHost }) => {
  const page = await demoHost.open('system');
  const settings = page.getByRole('region', { name: '报表设置' });
  await settings.getByLabel('单位名称').fill('新安街道办事处');
  await settings.getByLabel('落款日期').fill('2026-12-01');
  await settings.getByRole('button', { name: '保存报表设置' }).click();
  await expect(page.locator('.toast').filter({ hasText: '已保存报表设置' })).toBeVisible();

  await page.getByRole('link', { name: '月度考核' }).click();
  await page.getByRole('combobox', { name: '考核方案' }).selectOption({ label: '网格员月度考核' });
  await page.getByRole('tab', { name: /结果/ }).click();
  await page.getByRole('button', { name: '打印汇总表' }).click();
  const reports = new ReportsPage(page);
  await reports.waitForSheet();
  await expect(page.locator('.print-sheet')).toContainText('新安街道办事处');
  await expect(page.locator('.print-sheet')).toContainText('2026年12月1日');
  await page.getByRole('button', { name: '← 返回' }).click();
  await page.getByRole('tab', { name: /结果/ }).click();
  await page.locator('.ag-row[row-index="0"] [col-id="name"]').click();
  await page.getByRole('button', { name: '打印评分表' }).click();
  await reports.waitForSheet();
  await expect(page.locator('.print-sheet h1')).toHaveText('个人考核评分表');
});
