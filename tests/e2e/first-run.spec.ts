import { expect, test } from './fixtures';
import { PeoplePage } from './pages/people-page';

const SHOTS = 'test-results/screenshots';

test('first run: load the demo street, browse it, open a person with the keyboard', async ({ host }) => {
  // two years of a street written through the app's own paths: about 15 s alone, twice that beside another test
  test.setTimeout(120_000);
  const page = await host.open('home');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已载入示例数据' })).toBeVisible({ timeout: 75_000 });
  await expect.poll(async () => Number(await page.getByTestId('people-in-post').innerText())).toBeGreaterThan(900);
  await expect(page.getByRole('button', { name: '载入示例数据' })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/home.png` });

  await page.getByRole('link', { name: '组织人员' }).click();
  const roster = new PeoplePage(page);
  await expect(roster.treeItem('西乡街道')).toHaveAttribute('aria-selected', 'true');
  const communities = page.locator('[role="tree"] > [role="treeitem"] > [role="group"] > [role="treeitem"]');
  await expect(communities).toHaveCount(12);
  await expect.poll(async () => Number(/(\d+)/.exec(await roster.count().innerText())?.[1])).toBeGreaterThan(900);
  await page.screenshot({ path: `${SHOTS}/roster-demo.png` });

  // Find one person by ID number.
  const firstName = (await roster.names())[0]!;
  const id = await roster.rowValue(firstName, 'idNumber');
  await roster.search(id);
  expect(await roster.names()).toEqual([firstName]);

  // Arrow keys walk the tree; the grid follows the chosen unit.
  await roster.search('');
  await roster.treeItem('西乡街道').focus();
  await page.keyboard.press('ArrowDown');
  await expect(roster.treeItem('固戍社区')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(roster.treeItem('第01网格').first()).toBeVisible();
  await expect.poll(async () => (await roster.names()).length).toBeLessThan(150);

  // Enter on a row opens the person, with their history.
  await page.locator('[role="gridcell"][col-id="idNumber"]').first().click();
  await page.keyboard.press('Enter');
  await expect(roster.dialog()).toBeVisible();
  await expect(roster.dialog().getByRole('table', { name: '任职经历' })).toContainText('入职');
  await page.screenshot({ path: `${SHOTS}/person-dialog.png` });
  await page.keyboard.press('Escape');
  await expect(roster.dialog()).toBeHidden();
});

test('an empty store opens the awards page with its first step; the system page takes a backup, checked in the background', async ({ host }) => {
  const page = await host.open('awards');
  await expect(page.getByRole('heading', { name: '表彰批次' })).toBeVisible();
  await expect(page.getByText('还没有表彰批次')).toBeVisible();

  await page.getByRole('link', { name: '系统' }).click();
  const list = page.getByRole('table', { name: '备份列表' });
  // one 恢复 button per backup (an empty list has one line saying so)
  const backups = list.getByRole('button', { name: /^恢复/ });
  await expect(list).not.toContainText('正在读取');
  const before = await backups.count();
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status').filter({ hasText: /已备份：.*完整性校验在后台进行/ })).toBeVisible();
  await expect(backups).toHaveCount(before + 1);
  await expect(list.getByRole('row').filter({ hasText: '手动备份' })).toContainText(/校验中|通过/);
  await expect(page.getByLabel('状态栏')).toContainText('手动备份');
  await page.screenshot({ path: `${SHOTS}/system.png` });
});
