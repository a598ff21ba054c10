import { pinyinKeys } from '../../src/shared/domain/pinyin';
import { expect, rpc, test } from './fixtures';
import { StarsPage } from './pages/stars-page';

const RUN = '星级评定结果';
const REASON = '参与防汛抢险表现突出，经中心会议研究';
const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

test('run a quarterly star rating, adjust one person with a reason, publish, see the star roster and the other tabs', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('stars');
  const s = new StarsPage(page);

  // The demo leaves its latest complete quarter as a draft: recompute it.
  await s.choose('季度星级评定', '2026年第三季度');
  await expect(s.status()).toHaveText('草稿');
  await s.preview();
  await expect(page.getByLabel('评定说明')).toContainText('2026-07、2026-08、2026-09');
  await expect(s.cell(RUN, 0, 'reason')).toHaveText(/^季度平均 \d+\.\d\d 分/);
  await expect(page.getByLabel('各星级人数')).toContainText('★★★★★');

  // Adjust the first person: a reason is required.
  const name = await s.cell(RUN, 0, 'name').innerText();
  const before = ((await s.cell(RUN, 0, 'stars').innerText()).match(/★/g) ?? []).length;
  const target = before === 5 ? 4 : before + 1;
  await s.cell(RUN, 0, 'name').click();
  await s.adjust(target, '');
  await expect(s.dialog().getByLabel('调整原因')).toHaveAccessibleDescription('请填写调整原因');
  await s.dialog().getByLabel('调整原因').fill(REASON);
  await page.screenshot({ path: 'test-results/screenshots/stars-adjust.png' });
  await s.dialog().getByRole('button', { name: '确定调整' }).click();
  await expect(s.toast(`已将${name}调整为${target}星`)).toBeVisible();
  await expect(s.dialog()).toBeHidden();
  // the grid reloads sorted by stars: find the person again
  await expect.poll(async () => s.cell(RUN, await s.rowIndexOf(RUN, name), 'stars').innerText()).toBe(stars(target));
  const row = await s.rowIndexOf(RUN, name);
  await expect(s.cell(RUN, row, 'computedStars')).toHaveText(stars(before));
  await expect(s.cell(RUN, row, 'overrideReason')).toHaveText(REASON);
  await expect(page.getByLabel('评定说明')).toContainText('人工调整');
  await page.screenshot({ path: 'test-results/screenshots/stars-run.png' });

  // Publish: read-only from then on.
  await s.publish();
  await expect(page.getByText('本期星级已发布，只能查看。')).toBeVisible();
  await expect(page.getByRole('button', { name: '调整', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: '重新计算' }).or(page.getByRole('button', { name: '预览' }))).toBeDisabled();

  // The star roster as of today: the published quarter, the adjusted person with their new stars.
  await s.tab('星级名册');
  await expect(page.getByLabel('名册人数')).toContainText(/共 \d{3,4} 人/);
  await page.getByLabel('查找姓名').fill(name);
  const hit = s.grid('星级名册').locator('[role="row"]', { has: page.locator('[col-id="overridden"]', { hasText: '是' }) }).first();
  const hitIndex = Number(await hit.getAttribute('row-index'));
  await expect(s.cell('星级名册', hitIndex, 'name')).toHaveText(name);
  await expect(s.cell('星级名册', hitIndex, 'stars')).toHaveText(stars(target));
  await expect(s.cell('星级名册', hitIndex, 'periodLabel')).toHaveText('2026年第三季度');
  await page.getByLabel('查找姓名').fill('');
  await page.screenshot({ path: 'test-results/screenshots/stars-roster.png' });
  // As of an earlier date: the quarter before.
  await page.getByLabel('截至日期').fill('2026-09-29');
  await page.getByLabel('截至日期').blur();
  await expect(s.cell('星级名册', 0, 'periodLabel')).toHaveText(/2026年第二季度|2026年第一季度|2025年/);
  await page.getByLabel('截至日期').fill('2026-11-23');
  await page.getByLabel('截至日期').blur();
  // A person's history as a chart.
  await page.getByLabel('查找姓名').fill(name);
  await s.cell('星级名册', hitIndex, 'name').dblclick();
  await expect(s.dialog().getByRole('img', { name: `${name}的星级变化` })).toBeVisible();
  await expect(s.dialog().getByRole('table', { name: '星级历史' }).locator('tbody tr').first()).toContainText(`人工调整为 ${target}★：${REASON}`);
  await page.screenshot({ path: 'test-results/screenshots/stars-history.png' });
  await s.dialog().getByRole('button', { name: '关闭' }).click();

  // 星级网格 of the published quarter.
  await s.tab('星级网格');
  await page.getByRole('combobox', { name: '评定' }).selectOption({ label: '2026年第三季度 季度星级评定（已发布）' });
  await expect(page.getByLabel('各星级网格数')).toBeVisible();
  await expect(s.cell('星级网格', 0, 'stars')).toHaveText(/^★+☆*$/);
  await page.screenshot({ path: 'test-results/screenshots/stars-grids.png' });

  // 规则
  await s.tab('规则');
  await expect(page.getByRole('option', { name: /季度星级评定/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('5星分数线')).toHaveValue('96');
  await page.screenshot({ path: 'test-results/screenshots/stars-rules.png' });

  // 通报批评记录: find the person by pinyin initials.
  await s.tab('通报批评记录');
  await page.getByRole('button', { name: '新增记录' }).click();
  await s.dialog().getByLabel('人员').fill(pinyinKeys(name).initials);
  await s.dialog().getByRole('option', { name: new RegExp(`^${name}`) }).first().click();
  await s.dialog().getByLabel('日期').fill('2026-11-02');
  await s.dialog().getByLabel('事由').fill('巡查脱岗，街道督查通报');
  await s.dialog().getByRole('button', { name: '保存' }).click();
  await expect(s.toast(`已登记${name}的通报批评`)).toBeVisible();
  await expect(s.cell('通报批评记录', 0, 'name')).toHaveText(name);
  await page.screenshot({ path: 'test-results/screenshots/stars-discipline.png' });
});

test('a year rule set rates on the finalised 年度考核: each person’s total of the year, the reason naming it', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('stars');
  const s = new StarsPage(page);
  await s.tab('规则');
  await page.getByRole('button', { name: '新建', exact: true }).click();
  await page.getByLabel('规则名称').fill('年度考核星级');
  await page.getByLabel('评定周期').selectOption({ label: '年度' });
  await page.getByLabel('评定依据').selectOption({ label: '周期考核：年度考核' });
  await page.getByRole('button', { name: '保存规则' }).click();
  await expect(page.locator('.toast').filter({ hasText: '已保存星级规则“年度考核星级”' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/stars-rule-from-period.png' });

  await s.tab('评定');
  await s.choose('年度考核星级', '2025年度');
  await s.preview();
  const periods = await rpc(page, demoHost, 'periods.list', {});
  const year = await rpc(page, demoHost, 'periods.view', { periodId: periods.find((p) => p.period === '2025')!.id, unitId: null });
  const graded = year.rows.filter((r) => r.status === 'graded' && r.total !== null);
  const runs = await rpc(page, demoHost, 'stars.runs', {});
  const run = await rpc(page, demoHost, 'stars.run', { runId: runs.find((r) => r.ruleSetName === '年度考核星级')!.id });
  // everyone graded in the year is rated (不定等次 are not), each on the year's total
  expect(run.rows).toHaveLength(graded.length);
  const totals = new Map(graded.map((r) => [r.personId, r.total]));
  for (const r of run.rows) expect(r.average).toBe(totals.get(r.personId));
  const first = run.rows[0]!;
  expect(first.reason).toContain(`2025年度年度考核总分 ${(first.average / 100).toFixed(2)} 分`);
});
