/**
 * 分析 end to end: a lenient evaluator planted in a month is flagged in 考核人 with the pairs behind it; a what-if with
 * a raised 优秀 band lists exactly the workers who drop, writing nothing; each tab drawn on the demo street.
 */
import type { Page } from '@playwright/test';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { expect, rpc, test, type Host } from './fixtures';
import { AnalysisPage } from './pages/analysis-page';
import { downloadedSheet } from './pages/excel';

const SHOTS = 'test-results/screenshots';

/** Two communities, 12 workers, a one-criterion scheme (任务, 100 points): 考核人乙 gives 70 + 1.5 × i, 考核人甲 4 more. */
async function plantLenient(page: Page, host: Host): Promise<{ names: string[] }> {
  const street = await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const grids = [];
  for (const [i, name] of ['固戍社区', '河西社区'].entries()) {
    const c = await rpc(page, host, 'org.create', { parentId: street.id, kind: 'community', name, code: `C${i + 1}` });
    grids.push(await rpc(page, host, 'org.create', { parentId: c.id, kind: 'grid_basic', name: '第01网格', code: `C${i + 1}G1` }));
  }
  const names = ['张一', '王二', '李三', '赵四', '钱五', '孙六', '周七', '吴八', '郑九', '冯十', '陈十一', '褚十二'];
  const people: number[] = [];
  for (const [i, name] of names.entries()) {
    const first17 = `44030619900515${String(101 + i * 2).padStart(3, '0')}`;
    const p = await rpc(page, host, 'people.create', { name, gender: '男', idNumber: first17 + idCheckChar(first17), hireDate: '2024-01-01', roles: ['网格员'], unitId: grids[i % 2]!.id });
    people.push(p.id);
  }
  const lenient = await rpc(page, host, 'assessments.createEvaluator', { name: '考核人甲', group: '' });
  const other = await rpc(page, host, 'assessments.createEvaluator', { name: '考核人乙', group: '' });
  const blank = await rpc(page, host, 'schemes.create', { name: '网格员月度考核（测试）', template: '' });
  const draft = await rpc(page, host, 'schemes.saveDraft', {
    schemeId: blank.schemeId,
    name: blank.name,
    description: '',
    roles: ['网格员'],
    fullScore: 10000,
    aggregation: 'mean',
    groups: [],
    bands: blank.bands,
    criteria: [{ category: '业务工作', name: '任务', kind: 'score', max: 10000 }],
  });
  await rpc(page, host, 'schemes.publish', { schemeId: blank.schemeId });
  const criterionId = draft.criteria[0]!.id;
  const month = await rpc(page, host, 'assessments.open', { schemeId: blank.schemeId, period: '2026-10' });
  const base = (i: number) => 7000 + i * 150;
  await rpc(page, host, 'assessments.saveScores', { monthId: month.id, evaluatorId: other.id, cells: people.map((personId, i) => ({ personId, criterionId, value: base(i) })) });
  await rpc(page, host, 'assessments.saveScores', { monthId: month.id, evaluatorId: lenient.id, cells: people.map((personId, i) => ({ personId, criterionId, value: base(i) + 400 })) });
  return { names };
}

test('a lenient evaluator planted in a month is flagged in 分析 → 考核人, and its pairs are shown', async ({ host, page }) => {
  const { names } = await plantLenient(page, host);
  await host.open('analysis');
  const analysis = new AnalysisPage(page);
  await analysis.tab('考核人');
  await expect(analysis.filter('从')).toHaveValue('2026-10');
  await expect(analysis.filter('至')).toHaveValue('2026-10');

  const lenient = analysis.evaluatorRow('考核人甲');
  await expect(lenient).toContainText('偏松');
  await expect(lenient).toContainText('+4.00');
  await expect(analysis.evaluatorRow('考核人乙')).toContainText('偏严');
  await expect(analysis.evaluatorRow('考核人乙')).toContainText('-4.00');
  await expect(analysis.chart('考核人宽严度')).toContainText('未完成'); // the month is still open

  await lenient.getByRole('button', { name: '查看考核人甲的评分对比' }).click();
  const pairs = page.getByRole('region', { name: '考核人甲的评分对比' });
  await expect(pairs).toContainText('共评 12 人次');
  const rows = await analysis.chartRows(analysis.chart('考核人甲与其他考核人给分对比'));
  expect(rows.map((r) => r[0]).sort()).toEqual([...names].sort());
  for (const r of rows) {
    expect(r[2]).toBe('2026-10');
    expect(Number(r[3]) - Number(r[4])).toBeCloseTo(4, 5);
    expect(r[5]).toBe('4.00');
  }
  const first = rows.find((r) => r[0] === '张一')!;
  expect(first.slice(1, 5)).toEqual(['固戍社区 / 第01网格', '2026-10', '74.00', '70.00']);
  await page.screenshot({ path: `${SHOTS}/analysis-evaluators-lenient.png`, fullPage: true });
});

test('模拟测算: 优秀 raised to 92 lists exactly the workers who drop, and nothing is written', async ({ demoHost, page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await demoHost.open('analysis');
  const scheme = (await rpc(page, demoHost, 'schemes.list', {})).find((s) => s.name === '网格员月度考核')!;
  const finalised = (await rpc(page, demoHost, 'assessments.months', { schemeId: scheme.id })).filter((m) => m.status === 'finalised');
  const month = finalised.sort((a, b) => b.period.localeCompare(a.period))[0]!;
  const before = await rpc(page, demoHost, 'assessments.results', { monthId: month.id });
  expect(before.bands.find((b) => b.grade === '优秀')!.min).toBeLessThan(9200);
  const dropping = before.rows.filter((r) => r.grade === '优秀' && r.total! < 9200);
  expect(dropping.length).toBeGreaterThan(0);

  const analysis = new AnalysisPage(page);
  await analysis.tab('模拟测算');
  await analysis.chooseScheme('网格员月度考核');
  await expect(page.getByRole('combobox', { name: '已归档月份' })).toHaveValue(String(month.id));
  await page.getByLabel('优秀下限').fill('92');
  await page.getByLabel('优秀下限').press('Enter');
  await expect(page.getByTestId('whatif-changes')).toHaveText(String(dropping.length));
  const counts = page.getByRole('table', { name: '等次人数对比' });
  await expect(counts.getByRole('row').filter({ hasText: '优秀' })).toContainText(`${before.gradeCounts['优秀']}${before.gradeCounts['优秀'] - dropping.length}`);
  await expect(page.getByRole('list', { name: '改变的设置' })).toContainText('优秀');
  await page.screenshot({ path: `${SHOTS}/analysis-whatif.png` });

  const changes = page.getByRole('region', { name: '会变化的人员' });
  const sheet = await downloadedSheet(page, () => changes.getByRole('button', { name: '导出Excel' }).click());
  expect(sheet.rows.map((r) => String(r['姓名'])).sort()).toEqual(dropping.map((r) => r.name).sort());
  for (const r of sheet.rows) {
    expect([r['原等次'], r['新等次'], r['变化']]).toEqual(['优秀', '良好', '等次下降']);
    expect(r['原总分']).toBe(r['新总分']);
  }

  // nothing written: the month reads as before
  const after = await rpc(page, demoHost, 'assessments.results', { monthId: month.id });
  expect(after.gradeCounts).toEqual(before.gradeCounts);
});

test('each 分析 tab on the demo street draws its charts with their numbers', async ({ demoHost, page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await demoHost.open('analysis');
  const analysis = new AnalysisPage(page);
  await analysis.chooseScheme('网格员月度考核');

  const boxes = analysis.chart(/^各社区月度得分分布/);
  await expect(boxes.getByRole('img')).toBeVisible();
  const rows = await analysis.chartRows(boxes);
  expect(rows).toHaveLength(12);
  // every figure with two decimals; min ≤ q1 ≤ median ≤ q3 ≤ max
  for (const r of rows) {
    const [min, q1, median, q3, max] = r.slice(2, 7).map(Number);
    expect(r[4]).toMatch(/^\d+\.\d\d$/);
    expect(min! <= q1! && q1! <= median! && median! <= q3! && q3! <= max!).toBe(true);
  }
  await expect(analysis.chart('社区名次变化（按中位数）').getByRole('img')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/analysis-compare.png` });

  await analysis.tab('指标');
  const heat = analysis.chart('各社区指标得分率');
  await expect(heat.getByRole('img')).toBeVisible();
  expect((await analysis.chartRows(heat)).length).toBeGreaterThan(3);
  await page.screenshot({ path: `${SHOTS}/analysis-criteria.png` });

  await analysis.tab('考核人');
  await expect(analysis.evaluatorRow('街道网格中心考核组')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/analysis-evaluators.png` });

  await analysis.tab('个人档案');
  const picker = page.getByRole('combobox', { name: '查找人员' });
  await picker.fill('王');
  await expect(page.getByRole('listbox', { name: '匹配的人员' }).getByRole('option').nth(1)).toBeVisible();
  await picker.press('ArrowDown');
  const chosen = (await page.getByRole('option', { selected: true }).locator('.name').innerText()).trim();
  await picker.press('Enter');
  await expect(picker).toHaveValue(chosen);
  await expect(page.getByLabel('人员信息')).toContainText(chosen);
  await expect(page.getByLabel('人员信息')).toBeVisible();
  await expect(page.getByRole('table', { name: '月度考核记录' }).locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/analysis-person-picked.png` });

  // 保存图片 gives a PNG; 打印 prints that chart and its numbers only
  await analysis.tab('社区对比');
  const png = page.waitForEvent('download');
  await boxes.getByRole('button', { name: '保存图片' }).click();
  expect((await png).suggestedFilename()).toMatch(/\.png$/);
  await page.evaluate(() => {
    window.print = () => {
      const sheet = document.querySelector('body > .chart-print');
      document.body.dataset.printed = `${document.body.classList.contains('printing-chart')}|${sheet?.querySelector('h1')?.textContent ?? ''}|${sheet?.querySelectorAll('tbody tr').length ?? 0}|${Boolean(sheet?.querySelector('img'))}`;
    };
  });
  await boxes.getByRole('button', { name: '打印' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', /^true\|各社区月度得分分布.*\|12\|true$/);
  await expect(page.locator('body > .chart-print')).toHaveCount(0);
  await expect(page.locator('body')).not.toHaveClass(/printing-chart/);
});
