/**
 * 首页 (工作台) on the demo street at 1366×768: the three tiles fit above the fold; this month's progress leads to
 * exactly the unscored workers of a community, a slipping worker to their profile in 分析.
 */
import { expect, rpc, test } from './fixtures';
import { AnalysisPage } from './pages/analysis-page';
import { downloadedSheet } from './pages/excel';
import { HomePage } from './pages/home-page';

const SHOTS = 'test-results/screenshots';

test('首页 on the demo street: progress leads to the unscored workers, a slipping worker to their profile', async ({ demoHost, page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await demoHost.open('home');
  const home = await rpc(page, demoHost, 'analysis.home', {});
  const homePage = new HomePage(page);
  await homePage.ready();

  // the top half fits the screen: the tiles end above the status bar, nothing to scroll
  for (const tile of ['本月考核', '待办', '需要关注'] as const) {
    const box = (await homePage.tile(tile).boundingBox())!;
    expect(box.y + box.height, `${tile} fits 1366×768`).toBeLessThanOrEqual(768 - 28);
  }
  await expect(homePage.chart('等次分布（本月与上月）')).toBeVisible();
  await expect(homePage.chart('等次分布（本月与上月）')).toContainText('未完成'); // this month is still open
  await page.screenshot({ path: `${SHOTS}/home-1366.png` });

  // this month's progress, as the core counts it
  const month = [...home.months].sort((a, b) => b.toScore - a.toScore)[0]!;
  expect(month.status).toBe('open');
  await homePage.chooseScheme(month.schemeName);
  const progress = homePage.tile('本月考核');
  await expect(progress).toContainText(`已评 ${month.scored}/${month.toScore} 人`);
  for (const e of month.evaluators) await expect(progress.getByLabel('考核人打分进度')).toContainText(e.name);

  // a community's unscored workers: the link opens 月度考核 on that month and community, listing exactly them
  const community = month.communities.find((c) => c.scored < c.toScore)!;
  const missing = community.toScore - community.scored;
  await homePage.unscoredLink(community.name).click();
  await expect(page).toHaveURL(new RegExp(`#/assessments\\?month=${month.monthId}&unit=${community.unitId}&tab=results&unscored=1$`));
  const unscoredOnly = page.getByLabel(/只看未打分/);
  await expect(unscoredOnly).toBeChecked();
  await expect(unscoredOnly.locator('..')).toContainText(`只看未打分（${missing} 人）`);
  const results = await rpc(page, demoHost, 'assessments.results', { monthId: month.monthId, unitId: community.unitId });
  const expected = results.rows.filter((r) => r.total === null && !r.exemptReason).map((r) => r.name);
  expect(expected).toHaveLength(missing);
  await expect(page.getByRole('combobox', { name: '考核月份' })).toHaveValue(String(month.monthId));
  await expect(page.getByRole('combobox', { name: '单位' })).toHaveValue(community.name);
  const sheet = await downloadedSheet(page, () => page.getByRole('button', { name: '导出Excel' }).click());
  expect(sheet.rows.map((r) => String(r['姓名'])).sort()).toEqual([...expected].sort());

  // a slipping worker: a click opens their profile in 分析 with the reason
  await page.getByRole('link', { name: '首页' }).click();
  await homePage.ready();
  const slipping = home.attention.slipping[0]!;
  expect(slipping.reason).toContain('连降三个月');
  const group = homePage.attentionGroup('连降三个月');
  await expect(group).toContainText(slipping.reason);
  await group.getByRole('link', { name: slipping.name, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/analysis\\?tab=person&person=${slipping.personId}$`));
  const analysis = new AnalysisPage(page);
  await expect(page.getByRole('tab', { name: '个人档案' })).toHaveAttribute('aria-selected', 'true');
  const head = page.getByLabel('人员信息');
  await expect(head).toContainText(slipping.name);
  await expect(head).toContainText('连降三个月');
  await expect(analysis.chart(`${slipping.name}的月度得分`)).toBeVisible();
  const months = await analysis.chartRows(analysis.chart(`${slipping.name}的月度得分`));
  const last = slipping.totals.at(-1)!;
  expect(months.find((r) => r[0] === last.period)?.[2]).toBe((last.total / 100).toFixed(2));
  await page.screenshot({ path: `${SHOTS}/analysis-person.png` });
});

test('an empty store says what to do; a store with people but no month offers 去开启月份', async ({ host, page }) => {
  await host.open('home');
  await expect(page.getByRole('button', { name: '载入示例数据' })).toBeVisible();
  await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  await page.reload();
  await expect(page.getByText('还没有开启任何考核月份')).toBeVisible();
  await page.getByRole('link', { name: '去开启月份' }).click();
  await expect(page).toHaveURL(/#\/assessments$/);
  await expect(page.getByText('还没有已发布的考核方案')).toBeVisible();
});
