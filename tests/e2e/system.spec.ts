import { expect, test } from './fixtures';
import { PeoplePage } from './pages/people-page';

test('restore a backup in two clicks: later changes go, and the state before the restore is kept as a backup', async ({ demoHost }) => {
  const page = await demoHost.open('system');
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status').filter({ hasText: /已备份：.*完整性校验在后台进行/ })).toBeVisible();
  const backups = page.getByRole('table', { name: '备份列表' });
  const manual = backups.getByRole('row').filter({ hasText: '手动备份' });
  await expect(manual).toHaveCount(1);

  await page.goto(`${demoHost.url}#/people`);
  const roster = new PeoplePage(page);
  await roster.addChildUnit('西乡街道', '社区', '新安社区');
  await expect(roster.treeItem('新安社区')).toBeVisible();

  await page.goto(`${demoHost.url}#/system`);
  await manual.getByRole('button', { name: /^恢复/ }).click();
  const dialog = page.getByRole('dialog', { name: '恢复备份' });
  await expect(dialog).toContainText('此后录入的数据会被替换');
  await dialog.getByRole('button', { name: '确定恢复' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /已恢复到 .* 的备份/ })).toBeVisible();
  await expect(backups.getByRole('row').filter({ hasText: '恢复前备份' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/e2e/system-restore.png', fullPage: true });

  await page.goto(`${demoHost.url}#/people`);
  await expect(roster.treeItem('西乡街道')).toBeVisible();
  await expect(roster.treeItem('新安社区')).toHaveCount(0);
});
