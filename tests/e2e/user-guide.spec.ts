/**
 * 使用说明's screenshots, made here so they never go stale: the six tasks the guide walks through, done on a fresh host
 * (first start) and on the demo street, each captured at 1366×768 into resources/guide/img/ (cropped to a dialog
 * where that reads better). The last test opens the guide from 系统 → 帮助 and checks every picture in it loads.
 * The PNGs committed with the guide are the ones this spec wrote.
 */
import type { Locator, Page } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { sheetWorkbook } from '../unit/import-workbooks';
import { expect, test } from './fixtures';
import { AssessmentsPage } from './pages/assessments-page';
import { PeoplePage } from './pages/people-page';
import { pdfPageCount, pdfPages, ReportsPage } from './pages/reports-page';
import { SchemesPage } from './pages/schemes-page';

const IMG = join(__dirname, '../../resources/guide/img');
/** Every picture the guide shows, in its order. */
const SHOTS = ['first-start', 'first-admin', 'import-preview', 'scoring', 'finalised', 'commendation', 'restore'];
/** The window above the status bar, which shows the test's temporary data folder and today's date. */
const ABOVE_STATUS_BAR = { x: 0, y: 0, width: 1366, height: 738 };

test.use({ viewport: { width: 1366, height: 768 } });

/** The viewport as the user sees it, or one part of it (a dialog, or a clip of the viewport). */
async function shot(page: Page, name: string, part?: Locator | { x: number; y: number; width: number; height: number }): Promise<void> {
  expect(SHOTS).toContain(name);
  const path = join(IMG, `${name}.png`);
  // a caret blinking in a field would make each run's picture differ by a few pixels
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  if (part && 'screenshot' in part) await part.screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, animations: 'disabled', clip: part });
}

test('首次使用: the empty store greets the user, and the first account is a 管理员', async ({ host }) => {
  const page = await host.open('home');
  await expect(page.getByRole('heading', { name: '欢迎使用网格考评' })).toBeVisible();
  await expect(page.getByRole('button', { name: '载入示例数据' })).toBeVisible();
  // the menu's top and the welcome: the rest of an empty store's first screen is blank
  await shot(page, 'first-start', { x: 0, y: 0, width: 920, height: 300 });

  await page.getByRole('link', { name: '系统' }).click();
  const card = page.getByLabel('账号管理');
  await expect(card).toContainText('未启用登录');
  await card.getByRole('button', { name: '新建管理员账号' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('建立后即启用登录');
  await dialog.getByLabel('用户名').fill('admin');
  await dialog.getByLabel('姓名').fill('王主任');
  await dialog.getByLabel('密码', { exact: true }).fill('Wangzr-2026!');
  await dialog.getByLabel('确认密码').fill('Wangzr-2026!');
  await shot(page, 'first-admin', dialog);
  await dialog.getByRole('button', { name: '建立账号' }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText('已启用登录');
  await expect(page.getByLabel('当前用户')).toContainText('当前用户：王主任（管理员）');
});

test('导入花名册: the office roster previewed, a number-typed ID in red, fixed, imported', async ({ demoHost }) => {
  const page = await demoHost.open('people');
  const roster = new PeoplePage(page);
  const id = (first17: string) => first17 + idCheckChar(first17);
  const people = [
    ['周新人', id('44030619950812567'), '13800138001', '固戍社区', '第01网格'],
    ['吴晓丽', id('44030619920304562'), '13800138002', '固戍社区', '第02网格'],
    ['郑海军', id('44030619880517573'), '13800138003', '河西社区', '第01网格'],
  ];
  const workbook = (rows: (string | number)[][]) =>
    sheetWorkbook(
      rows.map((r, i) => [i + 1, ...r]),
      { sheet: '花名册', title: '西乡街道网格员花名册', headerRows: [['序号', '姓名', '身份证号码', '联系电话', '社区', '网格']], textColumns: [3] },
    );
  const dialog = await roster.openImport();
  // 吴晓丽's ID as Excel keeps a long number: its last digits lost
  const broken = people.map((r) => (r[0] === '吴晓丽' ? [r[0]!, Number(r[1]!.slice(0, 15)) * 1000, ...r.slice(2)] : r));
  await dialog.choose('西乡街道花名册.xlsx', workbook(broken));
  await dialog.expectCounts({ new: 2, wrong: 1 });
  await expect(dialog.errorList()).toContainText('身份证号被存成了数字');
  await expect(dialog.confirmButton()).toBeDisabled();
  await shot(page, 'import-preview', dialog.dialog);

  await dialog.choose('西乡街道花名册（改）.xlsx', workbook(people));
  await dialog.expectCounts({ new: 3, wrong: 0 });
  await dialog.confirm();
  await expect(page.getByRole('status').filter({ hasText: '已导入：新增 3 人' })).toBeVisible();
  await roster.search('wxl');
  expect(await roster.names()).toEqual(['吴晓丽']);
});

test('月度考核打分 and 归档: a month scored from the keyboard and by pasting, then finalised', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('schemes');
  const schemes = new SchemesPage(page);
  const scheme = '微网格长考核（试行）';
  await schemes.create('微网格长', scheme);
  await schemes.publish();
  await expect(schemes.listItem(scheme)).toContainText('第1版');

  await page.getByRole('link', { name: '月度考核' }).click();
  const months = new AssessmentsPage(page);
  await months.chooseScheme(scheme);
  await months.openMonth('2026-11');
  await months.chooseUnit('全部');
  await months.addEvaluator('街道考核组');
  const first = await months.columnOf('实有人口信息采集更新');
  const total = Number(/已打分 0\/(\d+) 人/.exec(await page.getByLabel('完成情况').innerText())![1]);

  // one worker's row typed across with Tab, as an evaluator does
  const row = ['9', '4', '8', '4.5', '9', '7', '8', '14', '12'];
  await months.cell(0, first).click();
  for (const value of row) {
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  await expect(months.cell(0, first)).toHaveText('9');
  await months.cell(1, first).click();
  await page.keyboard.type('8.5');
  await page.keyboard.press('Enter');
  await expect(months.cell(1, first)).toHaveText('8.5');

  // whole rows pasted from Excel as a block: the first twelve, shown half done; then the rest, and 归档
  const other = ['8', '4', '9', '4.5', '10', '7', '9', '14', '13'];
  const rows = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => [...((from + i) % 3 === 0 ? row : other), '0'].join('\t')).join('\n') + '\n';
  await months.cell(0, first).click();
  await months.paste(rows(0, 12));
  await expect(months.toast('已粘贴并保存 120 个单元格')).toBeVisible();
  await expect(page.getByLabel('完成情况')).toContainText(`已打分 12/${total} 人`);
  await expect(months.cell(0, 'grade')).toHaveText('良好');
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
  await shot(page, 'scoring', ABOVE_STATUS_BAR);

  await months.cell(12, first).click();
  await months.paste(rows(12, total));
  await expect(months.toast(`已粘贴并保存 ${(total - 12) * 10} 个单元格`)).toBeVisible();
  await expect(page.getByLabel('完成情况')).toContainText(`已打分 ${total}/${total} 人`);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '归档' }).click();
  await expect(page.getByLabel('考核状态')).toHaveText('已归档');
  await expect(page.getByText('本月已归档，只能查看')).toBeVisible();
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
  await shot(page, 'finalised', ABOVE_STATUS_BAR);
});

test('打印表彰名单 and 恢复备份: the published batch previewed for print; a backup restored', async ({ demoHost }) => {
  const page = await demoHost.open('reports');
  const reports = new ReportsPage(page);
  await page.getByRole('combobox', { name: '表彰批次' }).selectOption({ label: '2025年度优秀网格员（表彰）' });
  await reports.preview('表彰名单');
  await expect(page.locator('.print-sheet h1')).toHaveText('2025年度优秀网格员表彰名单');
  await expect(page.getByRole('toolbar', { name: '打印工具栏' }).getByRole('button', { name: '导出PDF' })).toBeEnabled();
  await shot(page, 'commendation');

  await page.goto(`${demoHost.url}#/system`);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status').filter({ hasText: /已备份：/ })).toBeVisible();
  const backups = page.getByRole('table', { name: '备份列表' });
  await backups.getByRole('row').filter({ hasText: '手动备份' }).getByRole('button', { name: /^恢复/ }).click();
  const dialog = page.getByRole('dialog', { name: '恢复备份' });
  await expect(dialog).toContainText('恢复前程序会先把当前数据另存为“恢复前备份”');
  await shot(page, 'restore', dialog);
  await dialog.getByRole('button', { name: '确定恢复' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /已恢复到 .* 的备份/ })).toBeVisible();
  await expect(backups.getByRole('row').filter({ hasText: '恢复前备份' })).toHaveCount(1);
});

test('系统 → 帮助 opens 使用说明: seven tasks, every picture loads, and it prints on A4', async ({ demoHost }, testInfo) => {
  // the pictures are this spec's: each task above wrote its own
  expect(readdirSync(IMG).filter((f) => f.endsWith('.png')).sort()).toEqual(SHOTS.map((s) => `${s}.png`).sort());
  const bytes = SHOTS.reduce((sum, s) => sum + statSync(join(IMG, `${s}.png`)).size, 0);
  expect(bytes, 'the guide\'s pictures stay small').toBeLessThan(3 * 1024 * 1024);

  const page = await demoHost.open('system');
  const help = page.getByRole('region', { name: '帮助' });
  const opened = page.waitForEvent('popup');
  await help.getByRole('link', { name: '使用说明' }).click();
  const guide = await opened;
  await guide.waitForLoadState('load');
  await expect(guide).toHaveTitle('网格考评使用说明');
  await expect(guide.getByRole('heading', { level: 2 })).toHaveText([
    /首次使用：创建管理员/,
    /导入花名册/,
    /月度考核打分/,
    /归档/,
    /打印表彰名单/,
    /恢复备份/,
    /局域网访问：在其他电脑上打分/,
  ]);
  const images = guide.locator('img');
  await expect(images).toHaveCount(SHOTS.length);
  expect(await images.evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))).toEqual(SHOTS.map((s) => `img/${s}.png`));
  await expect
    .poll(() => images.evaluateAll((imgs) => (imgs as HTMLImageElement[]).filter((i) => i.complete && i.naturalWidth > 0).length))
    .toBe(SHOTS.length);
  await guide.screenshot({ path: testInfo.outputPath('guide.png'), fullPage: true });

  // printed: A4, each task on its own page after the cover
  const pdf = testInfo.outputPath('guide.pdf');
  await guide.emulateMedia({ media: 'print' });
  await guide.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(8);
  const pages = pdfPages(pdf).map((p) => p.replace(/\s+/g, ''));
  for (const heading of ['首次使用：创建管理员', '导入花名册', '月度考核打分', '归档', '打印表彰名单', '恢复备份', '局域网访问：在其他电脑上打分']) {
    expect(pages.some((p) => p.includes(heading)), heading).toBe(true);
  }
  await guide.close();
});
