import { compareByStroke } from '../../src/shared/domain/stroke-order';
import { starCountsText } from '../../src/shared/domain/stars';
import { expect, rpc, test } from './fixtures';
import { AwardsPage } from './pages/awards-page';
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
    const first = text.split('\n').findIndex((l) => /^\s*\d+\s+\S+/.test(l));
    const head = text.split('\n').slice(0, first).join(' ');
    // the foot and the signature go over together: the last page may hold them alone, with no row of the table
    if (first < 0 && i === count - 1) expect(text).toMatch(/合计 \d+ 人/);
    else for (const word of ['序', '姓名', '网格', '岗位', '总分', '等次', '排名']) expect(head, `page ${i + 1}: ${word} in the header`).toContain(word);
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

test('表彰名单 of the published batch: title, every recipient, 姓氏笔画 within each community; 荣誉证书 one page each', async ({ demoHost }, testInfo) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('reports');
  const batches = await rpc(page, demoHost, 'awards.batches', {});
  const batch = batches.find((b) => b.name === '2025年度优秀网格员')!;
  expect(batch.stage).toBe('published');
  const report = await rpc(page, demoHost, 'reports.commendation', { batchId: batch.id });
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
  // the certificates' recipients as a workbook
  const certBook = await reports.downloadExcel();
  expect(certBook.fileName).toBe('2025年度优秀网格员荣誉证书名册.xlsx');
  expect(certBook.lines[0]).toBe('2025年度优秀网格员荣誉证书名册');
  expect(certBook.lines[1]).toBe('序号|姓名|社区|单位|荣誉称号|发证单位|发证日期');
  const certRows = certBook.lines.filter((l) => /^\d+\|/.test(l));
  expect(certRows).toHaveLength(report.count);
  for (const row of certRows) expect(row).toMatch(/\|2025年度优秀网格员\|西乡街道党工委、办事处\|2026-01-15$/);
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

/** Each page's header row (the lines above its first numbered row) and its 第N页 共M页 footer. */
function expectHeadersAndFooters(pages: string[], words: string[]): void {
  pages.forEach((text, i) => {
    const lines = text.split('\n');
    const first = lines.findIndex((l) => /^\s*\d+\s+\S+/.test(l));
    if (first < 0) return; // the last page may hold only the foot and the signature
    const head = lines.slice(0, first).join(' ');
    for (const word of words) expect(head, `page ${i + 1}: ${word} in the header`).toContain(word);
  });
  pages.forEach((text, i) => {
    const footer = PAGE_FOOTER.exec(text);
    expect(footer, `page ${i + 1}: the footer`).not.toBeNull();
    expect([Number(footer![1]), Number(footer![2])]).toEqual([i + 1, pages.length]);
    expect(text).not.toContain('导出Excel');
  });
}

test('排名表 by role: ranks in the grid, the community and the role, the header and 第N页 共M页 on every page; Excel', async ({ demoHost }, testInfo) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  await reports.chooseMonth(/网格员月度考核$/);
  await reports.chooseUnit('全部（按社区分组）');
  await page.getByRole('combobox', { name: '排名表分组' }).selectOption({ label: '按岗位分组' });
  await reports.preview('排名表');
  const sheet = page.locator('.print-sheet');
  await expect(sheet.locator('h1')).toHaveText(/^\d{4}年\d{1,2}月网格员月度考核排名表$/);
  await expect(sheet).toContainText('按岗位分组');
  const params = new URLSearchParams(page.url().split('?').pop());
  const report = await rpc(page, demoHost, 'reports.ranking', { monthId: Number(params.get('monthId')), groupBy: 'role' });
  expect(report.groups.map((g) => g.label)).toEqual(['网格员', '专职网格员']);
  await expect(sheet.locator('tr.community-row')).toHaveText(report.groups.map((g) => `${g.label}（${g.rows.length}人）`));

  const book = await reports.downloadExcel();
  expect(book.fileName).toBe(`${report.title}_西乡街道_按岗位.xlsx`);
  expect(book.lines[0]).toBe(report.title);
  expect(book.lines[2]).toBe('序号|姓名|社区|网格|岗位|总分|等次|网格排名|社区排名|岗位排名|备注');
  expect(book.lines.filter((l) => /^\d+\|/.test(l))).toHaveLength(report.count);
  const first = report.groups[0]!.rows[0]!;
  expect(book.lines[4]).toBe(`1|${first.name}|${first.community}|${first.unit}|${first.role}|${first.total! / 100}|${first.grade}|${first.rankInGrid}|${first.rankInCommunity}|${first.rankInRole}`);

  const file = testInfo.outputPath('ranking.pdf');
  await reports.printPdf(file);
  const pages = pdfPages(file);
  expect(pages).toHaveLength(pdfPageCount(file));
  expect(pages.length).toBeGreaterThan(1);
  expectHeadersAndFooters(pages, ['序号', '姓名', '社区', '网格', '岗位', '总分', '等次', '排名', '备注']);
  const flat = pages.join('').replace(/\s+/g, '');
  expect(flat).toContain(report.title);
  // each group's first names in their ranked order (ties in 姓氏笔画 order), each row with its two ranks
  for (const g of report.groups) {
    let at = flat.indexOf(`${g.label}（${g.rows.length}人）`);
    expect(at, g.label).toBeGreaterThanOrEqual(0);
    for (const r of g.rows.slice(0, 8)) {
      const row = `${r.seq}${r.name}${r.community}`;
      const next = flat.indexOf(row, at);
      expect(next, `${r.name} in ${g.label}`).toBeGreaterThan(at);
      at = next;
      expect(flat.slice(next, next + 60)).toContain(`${r.grade}${r.rankInGrid ?? ''}${r.rankInCommunity ?? ''}${r.rankInRole ?? ''}`);
    }
  }
  expect(pages.at(-1)).toMatch(new RegExp(`合计 ${report.count} 人，参加排名 ${report.ranked} 人`));
  expect(pages.at(-1)).toContain('西乡街道办事处');
  pdfToPngs(file, 2);
});

test('星级名册 of a published period: ★ by community, the counts per star at the foot, every page headed and numbered; Excel', async ({ demoHost }, testInfo) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  const run = (await rpc(page, demoHost, 'stars.runs', {})).find((r) => r.status === 'published')!;
  await page.getByRole('combobox', { name: '星级评定期间' }).selectOption({ label: `${run.periodLabel}（${run.ruleSetName}）` });
  await reports.chooseUnit('全部（按社区分组）');
  await reports.preview('星级名册');
  const sheet = page.locator('.print-sheet');
  await expect(sheet.locator('h1')).toHaveText(`${run.periodLabel}星级名册`);
  const report = await rpc(page, demoHost, 'reports.starRoster', { runId: run.id });
  await expect(sheet.getByLabel('各星级人数')).toContainText(`合计 ${report.count} 人：${starCountsText(report.counts)}`);

  const book = await reports.downloadExcel();
  expect(book.fileName).toBe(`${report.title}_西乡街道.xlsx`);
  expect(book.lines[2]).toBe('序号|姓名|社区|网格|星级|评定期间|评定依据');
  expect(book.lines.filter((l) => /^\d+\|/.test(l))).toHaveLength(report.count);
  expect(book.lines).toContain(`合计 ${report.count} 人：${starCountsText(report.counts)}`);

  const file = testInfo.outputPath('star-roster.pdf');
  await reports.printPdf(file);
  const pages = pdfPages(file);
  expect(pages).toHaveLength(pdfPageCount(file));
  expectHeadersAndFooters(pages, ['序号', '姓名', '网格', '星级', '评定依据']);
  const flat = pages.join('').replace(/\s+/g, '');
  for (const g of report.groups) {
    let at = flat.indexOf(`${g.community}（${g.rows.length}人）`);
    expect(at, g.community).toBeGreaterThanOrEqual(0);
    for (const r of g.rows.slice(0, 5)) {
      const next = flat.indexOf(`${r.seq}${r.name}`, at);
      expect(next, `${r.name} in ${g.community}`).toBeGreaterThan(at);
      at = next;
      expect(flat.slice(next)).toContain(`${'★'.repeat(r.stars)}${'☆'.repeat(5 - r.stars)}`);
    }
  }
  expect(pages.at(-1)!.replace(/\s+/g, '')).toContain(`合计${report.count}人：${starCountsText(report.counts).replace(/\s+/g, '')}`);
  pdfToPngs(file, 2);
});

test('the secretary reorders the list in 调整名单顺序 (buttons and Alt+↑); 自定顺序 prints that order', async ({ demoHost }, testInfo) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('awards');
  const a = new AwardsPage(page);
  await a.selectBatch('2026年度优秀网格员');
  const batch = (await rpc(page, demoHost, 'awards.batches', {})).find((b) => b.name === '2026年度优秀网格员')!;
  const before = await rpc(page, demoHost, 'reports.commendation', { batchId: batch.id, order: 'custom' });
  const [g1, g2] = before.awards[0]!.groups.filter((g) => g.names.length >= 2);
  expect(g2, 'two communities with two recipients or more').toBeDefined();

  await page.getByRole('button', { name: '调整名单顺序' }).click();
  await expect(a.dialog().getByRole('heading', { name: /名）/ }).first()).toBeVisible();
  expect(await a.orderOf(g1!.community)).toEqual(g1!.names.map((n) => n.name));
  // 上移 with the mouse in one community …
  const [x1, y1] = [g1!.names[0]!.name, g1!.names[1]!.name];
  await a.orderItem(g1!.community, y1).getByRole('button', { name: '上移' }).click();
  expect((await a.orderOf(g1!.community)).slice(0, 2)).toEqual([y1, x1]);
  // … Alt+↑ from the keyboard in another: the last name to the top, the focus staying on it
  const last = g2!.names.at(-1)!.name;
  await a.orderItem(g2!.community, last).focus();
  for (let i = 1; i < g2!.names.length; i++) await page.keyboard.press('Alt+ArrowUp');
  await expect(a.orderItem(g2!.community, last)).toBeFocused();
  const wanted2 = [last, ...g2!.names.slice(0, -1).map((n) => n.name)];
  expect(await a.orderOf(g2!.community)).toEqual(wanted2);
  await expect(a.dialog().getByText('已调整')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screenshots/awards-reorder.png' });
  await a.dialog().getByRole('button', { name: '保存顺序' }).click();
  await expect(a.toast('已按此顺序保存名单')).toBeVisible();
  await expect(a.dialog()).toBeHidden();

  // printed in 自定顺序: the new order under each community's heading (a batch in 公示 prints only by its route, as a draft)
  await expect(page.getByRole('button', { name: '打印表彰名单' })).toBeDisabled();
  await page.goto(`${demoHost.url}#/print/commendation?batchId=${batch.id}`);
  const reports = new ReportsPage(page);
  await reports.waitForSheet();
  await page.getByRole('combobox', { name: '名单顺序' }).selectOption({ label: '自定顺序' });
  await reports.waitForSheet();
  await expect(page.getByRole('combobox', { name: '名单顺序' })).toHaveValue('custom');
  const file = testInfo.outputPath('commendation-custom.pdf');
  await reports.printPdf(file);
  const flat = pdfPages(file).join('').replace(/\s+/g, '').replace(/[草稿]/g, ''); // the draft's watermark, rotated, reads apart
  const wanted1 = [y1, x1, ...g1!.names.slice(2).map((n) => n.name)];
  for (const [community, names] of [[g1!.community, wanted1], [g2!.community, wanted2]] as const) {
    const heading = flat.indexOf(`${community}（${names.length}名）`);
    expect(heading, community).toBeGreaterThanOrEqual(0);
    const block = flat.slice(heading + community.length, heading + community.length + 8 * names.length + 8);
    expect(names.map((n) => block.indexOf(n)), `${community}: ${names.join('、')}`).toEqual([...names.map((n) => block.indexOf(n))].sort((p, q) => p - q));
    expect(names.every((n) => block.includes(n))).toBe(true);
  }
  pdfToPngs(file, 1);
  // 姓氏笔画 is unchanged by it
  const stroke = await rpc(page, demoHost, 'reports.commendation', { batchId: batch.id, order: 'stroke' });
  const g1Stroke = stroke.awards[0]!.groups.find((g) => g.community === g1!.community)!.names.map((n) => n.name);
  expect(g1Stroke).toEqual([...g1Stroke].sort((p, q) => compareByStroke(p, q, { shortNameFirst: stroke.header.shortNameFirst })));
});
