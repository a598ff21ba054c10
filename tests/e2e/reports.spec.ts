import type { AwardBatchSummary } from '../../src/shared/contract/awards';
import type { CommendationReport } from '../../src/shared/contract/reports';
import { compareByStroke } from '../../src/shared/domain/stroke-order';
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

/** A call to the host as the page makes it (POST /rpc/:name with the token of the host's URL). */
async function rpc<T>(page: import('@playwright/test').Page, url: string, name: string, input: unknown): Promise<T> {
  const u = new URL(url);
  const r = await page.request.post(`${u.origin}/rpc/${name}`, { data: input, headers: { 'x-grid-token': u.searchParams.get('token')! } });
  const body = (await r.json()) as { ok: boolean; data: T; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return body.data;
}

test('表彰名单 of the published batch: title, every recipient, 姓氏笔画 within each community; 荣誉证书 one page each', async ({ demoHost }, testInfo) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('reports');
  const batches = await rpc<AwardBatchSummary[]>(page, demoHost.url, 'awards.batches', {});
  const batch = batches.find((b) => b.name === '2025年度优秀网格员')!;
  expect(batch.stage).toBe('published');
  const report = await rpc<CommendationReport>(page, demoHost.url, 'reports.commendation', { batchId: batch.id });
  const groups = report.awards.flatMap((a) => a.groups);
  expect(report.count).toBeGreaterThan(4);

  const reports = new ReportsPage(page);
  await page.getByRole('combobox', { name: '表彰批次' }).selectOption({ label: '2025年度优秀网格员（表彰）' });
  await reports.preview('表彰名单');
  const sheet = page.locator('.print-sheet');
  await expect(sheet.locator('h1')).toHaveText('2025年度优秀网格员表彰名单');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  expect((await download).suggestedFilename()).toBe('2025年度优秀网格员表彰名单.xlsx');

  const file = testInfo.outputPath('commendation.pdf');
  await reports.printPdf(file);
  const text = pdfPages(file).join('\n');
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain('2025年度优秀网格员表彰名单');
  expect(flat).toContain(report.issuer.replace(/\s+/g, ''));
  expect(flat).toContain('2026年1月15日');
  expect(text).not.toContain('名单顺序');
  const options = { shortNameFirst: report.header.shortNameFirst };
  for (const g of groups) {
    // the names of a community follow its heading, in the comparator's order
    let at = flat.indexOf(`${g.community}（${g.names.length}名）`);
    expect(at, g.community).toBeGreaterThanOrEqual(0);
    const expected = g.names.map((n) => n.name).sort((a, b) => compareByStroke(a, b, options));
    expect(g.names.map((n) => n.name)).toEqual(expected);
    for (const name of expected) {
      const next = flat.indexOf(name, at);
      expect(next, `${name} after the previous name in ${g.community}`).toBeGreaterThan(at);
      at = next;
    }
  }
  // one pair checked by hand: 丁 (2 strokes) before 王 (4), 王 before 陈 (7, 阝 counted 2), 陈 before 黄 (11)
  expect(compareByStroke('丁一', '王芳')).toBeLessThan(0);
  expect(compareByStroke('王芳', '陈明')).toBeLessThan(0);
  expect(compareByStroke('陈明', '黄伟')).toBeLessThan(0);
  pdfToPngs(file, 2);

  // the custom order is offered and prints the batch's own order
  await page.getByRole('combobox', { name: '名单顺序' }).selectOption('custom');
  await reports.waitForSheet();
  await expect(page.getByRole('combobox', { name: '名单顺序' })).toHaveValue('custom');

  // 荣誉证书: one page per recipient
  await page.goto(`${demoHost.url}#/print/certificate?batchId=${batch.id}`);
  await reports.waitForSheet();
  const certs = testInfo.outputPath('certificates.pdf');
  await reports.printPdf(certs);
  expect(pdfPageCount(certs)).toBe(report.count);
  const certPages = pdfPages(certs);
  const everyone = groups.flatMap((g) => g.names.map((n) => n.name));
  certPages.forEach((p, i) => {
    const t = p.replace(/\s+/g, '');
    expect(t).toContain('荣誉证书');
    expect(t).toContain('2025年度优秀网格员');
    expect(t, `page ${i + 1}`).toContain(everyone[i]);
  });
  pdfToPngs(certs, 2);
});

test('积分排行榜 of a year: ranked rows, the header and 第N页 共M页 on every page', async ({ demoHost }, testInfo) => {
  test.setTimeout(90_000);
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  await page.getByRole('combobox', { name: '积分期间' }).selectOption({ label: '2025年' });
  await reports.preview('积分排行榜');
  const sheet = page.locator('.print-sheet');
  await expect(sheet.locator('h1')).toHaveText('2025年积分排行榜');
  const ranks = (await sheet.locator('table[aria-label="积分排行榜"] tbody tr td:first-child').allInnerTexts()).map(Number);
  expect(ranks.length).toBeGreaterThan(50);
  expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^2025年积分排行榜_.+\.xlsx$/);

  const file = testInfo.outputPath('points-ranking.pdf');
  await reports.printPdf(file);
  const count = pdfPageCount(file);
  pdfPages(file).forEach((text, i) => {
    for (const word of ['名次', '姓名', '积分']) expect(text, `page ${i + 1}`).toContain(word);
    const footer = PAGE_FOOTER.exec(text);
    expect([Number(footer![1]), Number(footer![2])]).toEqual([i + 1, count]);
  });
  pdfToPngs(file, 1);
});
