/**
 * The reports of a period on the demo street: 报表 → 2025年度 → 考核结果汇总表 and one community's 考核登记表 printed to
 * PDF, the figures in the text the same as periods.view gives; 优秀名单 exported to Excel and read back.
 */
import { formatHundredths } from '../../src/shared/domain/scoring';
import { expect, rpc, test } from './fixtures';
import { pdfPageCount, pdfPages, pdfToPngs, ReportsPage } from './pages/reports-page';

/** A name as pdftotext gives it back: its characters, maybe with spaces between (two-character names are padded). */
const nameIn = (name: string) => name.split('').join('\\s*');

test('2025年度: 汇总表 and a community\'s 登记表 to PDF with the period\'s own figures; 优秀名单 to Excel', async ({ demoHost }, testInfo) => {
  test.setTimeout(180_000);
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  const period = (await rpc(page, demoHost, 'periods.list', {})).find((p) => p.period === '2025')!;
  expect(period.status).toBe('finalised');
  const tree = await rpc(page, demoHost, 'org.tree', {});
  const community = tree.find((u) => u.name === '固戍社区')!;
  const view = await rpc(page, demoHost, 'periods.view', { periodId: period.id, unitId: community.id });

  // 汇总表 of the street: a worker of 固戍社区 with their total and grade on one line
  await reports.choosePeriod('2025年度 年度考核');
  await page.screenshot({ path: testInfo.outputPath('reports-page.png'), fullPage: true });
  await reports.preview('年度考核结果汇总表');
  const sheet = page.locator('.print-sheet');
  await expect(sheet.locator('h1')).toHaveText('2025年度考核结果汇总表');
  await expect(sheet).not.toContainText('未归档（草稿）');
  const summary = testInfo.outputPath('period-summary.pdf');
  await reports.printPdf(summary);
  const summaryText = pdfPages(summary);
  expect(summaryText.length).toBeGreaterThan(5);
  const best = view.rows.filter((r) => r.grade === '优秀').sort((a, b) => a.ranks.street! - b.ranks.street!)[0]!;
  const worst = view.rows.filter((r) => r.status === 'graded' && r.total !== null).sort((a, b) => a.total! - b.total!)[0]!;
  for (const r of [best, worst]) {
    const line = new RegExp(`${nameIn(r.name)}\\s+.*${formatHundredths(r.total!).replace('.', '\\.')}\\s+${r.grade}`);
    expect(summaryText.some((t) => t.split('\n').some((l) => line.test(l))), `${r.name} ${r.total} ${r.grade}`).toBe(true);
  }
  expect(summaryText.at(-1)).toMatch(/合计 \d+ 人：优秀 \d+ 人/);
  expect(summaryText.at(-1)).toContain('制表人（签字）');
  pdfToPngs(summary, 2);

  // 登记表 of 固戍社区: one page a person, each with their figures
  await page.getByRole('button', { name: '← 返回' }).click();
  await reports.chooseUnit('固戍社区');
  await reports.choosePeriod('2025年度 年度考核');
  const registerBox = page.getByRole('combobox', { name: '登记表打印范围' });
  await expect(registerBox).toHaveValue('');
  await expect(registerBox).toHaveAttribute('placeholder', '固戍社区全部人员（或输入姓名选一人）');
  // one person, found by typing: the 登记表 has their page only; cleared, the whole unit again
  const one = view.rows[0]!;
  await registerBox.fill(one.name);
  await expect(page.getByRole('listbox', { name: '匹配的人员' }).getByRole('option', { selected: true })).toContainText(one.name);
  await registerBox.press('Enter');
  await expect(registerBox).toHaveValue(one.name);
  await expect(page.getByRole('row', { name: /^年度考核登记表/ }).getByRole('link', { name: '预览打印' })).toHaveAttribute('href', new RegExp(`personId=${one.personId}`));
  await reports.preview('年度考核登记表');
  await expect(sheet.locator('section.register-page')).toHaveCount(1);
  await expect(sheet.locator('section.register-page')).toContainText(one.name);
  await page.getByRole('button', { name: '← 返回' }).click();
  await reports.chooseUnit('固戍社区');
  await reports.choosePeriod('2025年度 年度考核');
  await registerBox.fill('');
  await reports.preview('年度考核登记表');
  await expect(sheet.locator('section.register-page')).toHaveCount(view.rows.length);
  const register = testInfo.outputPath('period-register.pdf');
  await reports.printPdf(register);
  expect(pdfPageCount(register)).toBe(view.rows.length);
  const pages = pdfPages(register);
  const named = pages.map((text) => view.rows.filter((r) => new RegExp(`姓名\\s+${nameIn(r.name)}\\s`).test(text)).map((r) => r.personId));
  named.forEach((ids, i) => expect(ids, `page ${i + 1} names one person`).toHaveLength(1));
  expect(new Set(named.flat()).size).toBe(view.rows.length);
  for (const [i, text] of pages.entries()) {
    const r = view.rows.find((x) => x.personId === named[i]![0])!;
    expect(text).toContain('考核组意见');
    expect(text).toMatch(/本人签字：/);
    expect(text).toMatch(/考核组负责人签字：/);
    expect(text).toMatch(/单位盖章：/);
    expect(text).toMatch(/第\s*\d+\s*页\s*共\s*\d+\s*页/);
    const grade = r.status === 'undetermined' ? '不定等次' : r.grade!;
    expect(text, r.name).toMatch(new RegExp(`${r.total === null ? '—' : formatHundredths(r.total).replace('.', '\\.')}\\s+${grade}`));
    // the ID number as the 管理员 sees it: whole
    expect(text).toMatch(/身份证号\s+\d{17}[\dX]/);
  }
  pdfToPngs(register, 3);

  // 优秀名单 of 固戍社区 to Excel: the 优秀 of the view, by name
  await page.getByRole('button', { name: '← 返回' }).click();
  await reports.chooseUnit('固戍社区');
  await reports.choosePeriod('2025年度 年度考核');
  await reports.preview('优秀名单');
  await expect(sheet.locator('h1')).toHaveText('2025年度考核优秀名单');
  const listPdf = testInfo.outputPath('period-excellent.pdf');
  await reports.printPdf(listPdf);
  const listText = pdfPages(listPdf).join('\n');
  expect(listText).toMatch(/共\s*\d+\s*人/);
  pdfToPngs(listPdf, 1);
  const book = await reports.downloadExcel();
  expect(book.fileName).toBe('2025年度考核优秀名单_年度考核_固戍社区.xlsx');
  expect(book.lines[0]).toBe('2025年度考核优秀名单');
  expect(book.lines).toContain('序号|姓名|社区|网格|岗位|总分|街道排名|备注');
  const listed = book.lines.filter((l) => /^\d+\|/.test(l)).map((l) => l.split('|'));
  const excellent = view.rows.filter((r) => r.grade === '优秀');
  expect(listed.map((c) => c[1]).sort()).toEqual(excellent.map((r) => r.name).sort());
  for (const c of listed) {
    const r = excellent.find((x) => x.name === c[1])!;
    expect(Number(c[5])).toBe(r.total! / 100);
    expect(Number(c[6])).toBe(r.ranks.street);
  }
});

test('the open 2026 period prints with the 未归档（草稿） mark; one person\'s 登记表 by its link', async ({ demoHost }, testInfo) => {
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  const open = (await rpc(page, demoHost, 'periods.list', {})).find((p) => p.status === 'open')!;
  await reports.choosePeriod(`${open.periodLabel} 年度考核（未归档）`);
  await reports.preview('解聘预警名单');
  await expect(page.locator('.print-sheet .draft-mark')).toHaveText('未归档（草稿）');
  await expect(page.locator('.print-sheet h1')).toHaveText(`${open.periodLabel}考核解聘预警名单`);
  await page.screenshot({ path: testInfo.outputPath('draft-list.png') });

  // a link for one person, as the periods page gives it: 2025's first 解聘预警, on one page with the reason
  const year = (await rpc(page, demoHost, 'periods.list', {})).find((p) => p.period === '2025')!;
  const view = await rpc(page, demoHost, 'periods.view', { periodId: year.id });
  const warned = view.rows.find((r) => r.personId === view.warnings[0])!;
  await page.goto(`${demoHost.url}#/print/period-register?periodId=${year.id}&personId=${warned.personId}`);
  await reports.waitForSheet();
  const file = testInfo.outputPath('register-warned.pdf');
  await reports.printPdf(file);
  expect(pdfPageCount(file)).toBe(1);
  const text = pdfPages(file)[0]!;
  expect(text).toMatch(new RegExp(`姓名\\s+${nameIn(warned.name)}\\s`));
  expect(text.replace(/\s+/g, '')).toContain('连续两个月不合格');
  expect(text).toMatch(/单位盖章：/);
  pdfToPngs(file, 1);
});
