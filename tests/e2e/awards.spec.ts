import { expect, test } from './fixtures';
import { AwardsPage } from './pages/awards-page';

const SHOTS = 'test-results/screenshots';

test('create an award batch, nominate from the year ranking with 2 per community, decide ties, move through the stages and publish', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('awards');
  const a = new AwardsPage(page);

  // The demo's batches, with their stages.
  await expect(a.batchList().getByRole('option')).toHaveCount(3);
  await expect(a.batchList()).toContainText('2025年度十佳楼栋长');
  await a.selectBatch('2026年度优秀网格员');
  await expect(a.stage()).toHaveText('公示');
  await page.screenshot({ path: `${SHOTS}/awards-notice.png` });

  // A new batch from the 年度优秀网格员 template.
  const NAME = '2025年度优秀网格员（复评）';
  await a.create('年度优秀网格员', NAME, '2026-01-10');
  await expect(a.stage()).toHaveText('初选');
  await expect(page.getByText('还没有提名')).toBeVisible();

  // Nominate from 2025's ranking, 2 per community.
  await page.getByRole('button', { name: '从排名提名' }).click();
  await expect(a.dialog().getByLabel('每社区名额')).toHaveValue('2');
  await page.screenshot({ path: `${SHOTS}/awards-nominate.png` });
  await a.dialog().getByRole('button', { name: '取消' }).click();
  await a.nominate({ from: '2025-01', to: '2025-12', perCommunity: '2' });
  await expect(page.getByLabel('提名说明')).toContainText('2025-01 至 2025-12 按年度平均分排名');
  const rows = await a.grid().locator('[role="row"][row-index]').count();
  expect(rows).toBeGreaterThanOrEqual(20);

  // Ties at the line are shown (never cut) and marked; the secretary keeps or removes each with a reason.
  const tied = await a.rowsWithStatus('名额线上');
  for (const i of tied) await expect(a.cell(i, 'status')).toHaveText(/并列第\d+，名额线上/);
  await page.screenshot({ path: `${SHOTS}/awards-candidates.png` });
  for (const [k, i] of tied.entries()) {
    await a.pickRow(i);
    if (k % 2 === 0) await a.withReason('保留入选', '并列者经考评小组研究均予推荐');
    else await a.withReason('移除', '并列者中任职年限较短，经研究不予推荐');
  }
  expect(await a.rowsWithStatus('名额线上')).toEqual([]);

  // Remove one nominee: a reason is required.
  await a.pickRow(0);
  const removedName = await a.cell(0, 'name').innerText();
  await page.getByRole('button', { name: '移除', exact: true }).click();
  await a.dialog().getByRole('button', { name: '移除', exact: true }).click();
  await expect(a.dialog().getByText('请填写移除原因')).toBeVisible();
  await a.dialog().getByRole('textbox').fill('本年度调离网格岗位');
  await a.dialog().getByRole('button', { name: '移除', exact: true }).click();
  await expect(a.toast(`已移除${removedName}`)).toBeVisible();

  // Deeds edited inline.
  const first = (await a.rowsWithStatus('入选'))[0]!;
  await a.cell(first, 'deeds').dblclick();
  const editor = page.locator('.ag-large-text textarea');
  await editor.fill('全年走访住户一千余户，上报安全隐患六十余件');
  await editor.press('Enter');
  await expect(a.toast(/^已保存.+的事迹$/)).toBeVisible();
  await expect(a.cell(first, 'deeds')).toHaveText('全年走访住户一千余户，上报安全隐患六十余件');

  // The stages: forward one step at a time, back one with a reason, then publish.
  await a.forward('提交审核', '审核');
  await expect(page.getByRole('button', { name: '从排名提名' })).toBeDisabled();
  await a.forward('提交公示', '公示');
  await page.getByRole('button', { name: '退回审核' }).click();
  await a.dialog().getByRole('button', { name: '退回', exact: true }).click();
  await expect(a.dialog().getByText('退回“审核”阶段需要填写原因')).toBeVisible();
  await a.dialog().getByRole('textbox').fill('公示期间有异议，重新审核');
  await a.dialog().getByRole('button', { name: '退回', exact: true }).click();
  await expect(a.stage()).toHaveText('审核');
  await a.forward('提交公示', '公示');
  await a.forward('发布表彰', '表彰');
  await expect(a.toast(new RegExp(`^“${NAME}”已表彰发布，共 \\d+ 人$`))).toBeVisible();
  await expect(page.getByText(/由.+发布，只能查看/)).toBeVisible();
  await expect(page.getByRole('button', { name: '添加', exact: true })).toBeDisabled();
  await expect(page.getByText(/已记积分 \d+(\.\d+)? 分/)).toBeVisible();
  await page.getByText(/^阶段记录/).click();
  const log = page.getByRole('table', { name: '阶段记录' });
  await expect(log.locator('tbody tr')).toHaveCount(6);
  await expect(log).toContainText('公示期间有异议，重新审核');
  await expect(a.batchList().getByRole('option').filter({ hasText: NAME })).toContainText('表彰');
  await page.screenshot({ path: `${SHOTS}/awards-published.png` });

  // 楼栋长 by points: no months or stars to break a tie, so equal points meet at the line and are all shown.
  await a.create('优秀楼栋长', '2025年度优秀楼栋长（测试）', '2026-01-12');
  await a.nominate({ from: '2025-01', to: '2025-12', perCommunity: '2' });
  const ties = await a.rowsWithStatus('名额线上');
  for (const i of ties) await expect(a.cell(i, 'status')).toHaveText(/^并列第\d+，名额线上$/);
  if (ties.length > 0) await expect(page.getByLabel('名单人数')).toContainText(`并列待定 ${ties.length} 人`);
  await page.screenshot({ path: `${SHOTS}/awards-ties.png` });
});
