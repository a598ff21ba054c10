import { idCheckChar } from '../../src/shared/domain/idcard';
import { expect, rpc, test, type Host } from './fixtures';
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

/**
 * A street of one community whose four workers earned points in 2026's first half: 张三 4, 李四 2, 王五 2, 陈七 1.
 * Ranked by points with two places a community, 李四 and 王五 meet at the line. Set up through the dispatcher, as a
 * user would through the roster and points pages.
 */
async function fourWorkersWithPoints(page: import('@playwright/test').Page, host: Host): Promise<void> {
  const street = await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const community = await rpc(page, host, 'org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
  const grid = await rpc(page, host, 'org.create', { parentId: community.id, kind: 'grid_basic', name: '第01网格', code: 'C1G1' });
  const rule = await rpc(page, host, 'points.createRule', { name: '化解矛盾纠纷（测试）', pointsPerUnit: 100, unit: '次', validFrom: '2026-01-01' });
  const workers: [string, number][] = [['张三', 4], ['李四', 2], ['王五', 2], ['陈七', 1]];
  for (const [i, [name, cases]] of workers.entries()) {
    const first17 = `44030619900515${String(101 + i * 2).padStart(3, '0')}`; // odd sequence: 男
    const person = await rpc(page, host, 'people.create', { name, gender: '男', idNumber: first17 + idCheckChar(first17), hireDate: '2024-01-01', roles: ['网格员'], unitId: grid.id });
    await rpc(page, host, 'points.post', { ruleId: rule.id, date: '2026-03-10', note: '调解邻里纠纷', lines: [{ personId: person.id, quantity: cases * 100 }] });
  }
}

test('a tie at the quota line: both marked 并列待定, publishing refused until the secretary keeps or removes each, then published', async ({ host }) => {
  test.setTimeout(90_000);
  const page = await host.open('awards');
  await fourWorkersWithPoints(page, host);
  await page.reload();
  const a = new AwardsPage(page);
  const NAME = '2026年上半年优秀网格员';
  await a.create('年度优秀网格员', NAME, '2026-07-01');
  await a.nominate({ from: '2026-01', to: '2026-06', perCommunity: '2', basis: '期间积分（积分）' });
  await expect(a.toast('已提名 3 人，其中名额线上并列 2 人')).toBeVisible();

  // 张三 is in; 李四 and 王五, 2 points each, share the second place at a line of two: both shown, marked, neither cut
  await expect(page.getByLabel('名单人数')).toContainText('入选 1 人，并列待定 2 人');
  await expect(a.grid().locator('[role="gridcell"][col-id="status"]', { hasText: '名额线上' })).toHaveCount(2);
  const tied = await a.rowsWithStatus('名额线上');
  expect(tied).toHaveLength(2);
  expect(await Promise.all(tied.map((i) => a.cell(i, 'name').innerText()))).toEqual(['李四', '王五']);
  for (const i of tied) await expect(a.cell(i, 'status')).toHaveText('并列第2，名额线上');
  await expect(page.getByLabel('提名说明')).toContainText('名额线上并列 2 人（请逐一保留或移除）');
  await page.screenshot({ path: `${SHOTS}/awards-tie-at-line.png` });

  // Publishing is refused while the tie stands, in Chinese, and the batch stays in 公示
  await a.forward('提交审核', '审核');
  await a.forward('提交公示', '公示');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '发布表彰' }).click();
  await expect(a.toast('还有2人在名额线上并列待定，请逐一保留或移除后再表彰')).toBeVisible();
  await expect(a.stage()).toHaveText('公示');

  // The secretary decides: keep one, remove the other, each with a reason
  await a.pickRow(tied[0]!);
  await a.withReason('保留入选', '并列者中化解纠纷成效更好，经研究予以保留');
  await expect(a.cell(tied[0]!, 'status')).toHaveText('入选（并列保留）');
  await a.pickRow(tied[1]!);
  await a.withReason('移除', '名额已满，经研究不予推荐');
  await expect(a.cell(tied[1]!, 'status')).toHaveText('已移除');
  await expect(a.cell(tied[1]!, 'source')).toHaveText('移除：名额已满，经研究不予推荐');
  await expect(page.getByLabel('名单人数')).toHaveText(/^入选 2 人，已移除 1 人/);

  // Now it publishes: 张三 and 李四
  await a.forward('发布表彰', '表彰');
  await expect(a.toast(`“${NAME}”已表彰发布，共 2 人`)).toBeVisible();
  await expect(page.getByRole('button', { name: '调整名单顺序' })).toBeDisabled();
  const batch = (await rpc(page, host, 'awards.batches', {})).find((b) => b.name === NAME)!;
  const list = await rpc(page, host, 'reports.commendation', { batchId: batch.id });
  expect(list.awards[0]!.groups.map((g) => [g.community, g.names.map((n) => n.name)])).toEqual([['固戍社区', ['李四', '张三']]]);
});

test('a nomination ranks on a finalised 年度考核: its totals, only those it graded 优秀', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('awards');
  const a = new AwardsPage(page);
  // the demo's 2025 batch was drawn from the year's result
  await a.selectBatch('2025年度优秀网格员');
  await expect(page.getByLabel('提名说明')).toContainText('按2025年度年度考核总分排名');

  await a.create('年度优秀网格员', '2025年度优秀网格员（按年度考核）', '2026-01-12');
  await page.getByRole('button', { name: '从排名提名' }).click();
  const d = a.dialog();
  await d.getByLabel('考核成绩').selectOption({ label: '2025年度年度考核（已归档）' });
  await expect(d.getByLabel('起始月份')).toHaveCount(0);
  await d.getByLabel('周期考核定为优秀').check();
  await d.getByLabel('每社区名额').fill('1');
  await d.getByLabel('总名额').fill('');
  await d.getByRole('button', { name: '提名', exact: true }).click();
  await expect(a.toast(/^已提名 \d+ 人/)).toBeVisible();
  const summary = page.getByLabel('提名说明');
  await expect(summary).toContainText('2025-01 至 2025-12 按2025年度年度考核总分排名');
  await expect(summary).toContainText('周期考核为良好，不是优秀');

  // every candidate's value is their sealed total of the year, and every one was graded 优秀 there
  const periods = await rpc(page, demoHost, 'periods.list', {});
  const year = await rpc(page, demoHost, 'periods.view', { periodId: periods.find((p) => p.period === '2025')!.id, unitId: null });
  const batch = (await rpc(page, demoHost, 'awards.batches', {})).find((b) => b.name === '2025年度优秀网格员（按年度考核）')!;
  const view = await rpc(page, demoHost, 'awards.batch', { id: batch.id });
  const rows = new Map(year.rows.map((r) => [r.personId, r]));
  expect(view.candidates.length).toBeGreaterThanOrEqual(10);
  for (const c of view.candidates) expect([c.basisValue, rows.get(c.personId)!.grade]).toEqual([rows.get(c.personId)!.total, '优秀']);
  await page.screenshot({ path: `${SHOTS}/awards-from-period.png` });
});
