import { idCheckChar } from '../../src/shared/domain/idcard';
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

test('a tie at a star quota line is flagged with the quota and the line, decided one by one with a reason, and only then published', async ({ host }) => {
  test.setTimeout(120_000);
  const page = await host.open('stars');
  await page.setViewportSize({ width: 1366, height: 768 });
  // a hand-made case: 8 people, 5★ at most 20% (2 places), the 2nd and 3rd tied at 93.00
  const street = await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const c1 = await rpc(page, host, 'org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
  const g1 = await rpc(page, host, 'org.create', { parentId: c1.id, kind: 'grid_basic', name: '第01网格', code: 'C1G1' });
  const scores: [string, number][] = [['张三', 9500], ['李四', 9300], ['王五', 9300], ['赵六', 9000], ['孙七', 8800], ['周八', 8500], ['吴九', 8000], ['郑十', 7500]];
  const ids: number[] = [];
  for (const [i, [name]] of scores.entries()) {
    const first17 = `44030619900515${String(101 + i * 2).padStart(3, '0')}`;
    ids.push((await rpc(page, host, 'people.create', { name, gender: '男', idNumber: first17 + idCheckChar(first17), hireDate: '2024-01-01', roles: ['网格员'], unitId: g1.id })).id);
  }
  const evaluator = await rpc(page, host, 'assessments.createEvaluator', { name: '考核人甲', group: '' });
  const blank = await rpc(page, host, 'schemes.create', { name: '网格员月度考核（测试）', template: '' });
  const draft = await rpc(page, host, 'schemes.saveDraft', {
    schemeId: blank.schemeId, name: blank.name, description: '', roles: ['网格员'], fullScore: 10000, aggregation: 'mean', groups: [], bands: blank.bands,
    criteria: [{ category: '业务工作', name: '工作实绩', kind: 'score', max: 10000 }],
  });
  await rpc(page, host, 'schemes.publish', { schemeId: blank.schemeId });
  const criterionId = draft.criteria[0]!.id;
  for (const period of ['2026-07', '2026-08', '2026-09']) {
    const month = await rpc(page, host, 'assessments.open', { schemeId: blank.schemeId, period });
    await rpc(page, host, 'assessments.saveScores', { monthId: month.id, evaluatorId: evaluator.id, cells: scores.map(([, value], i) => ({ personId: ids[i]!, criterionId, value })) });
    await rpc(page, host, 'assessments.finalise', { monthId: month.id });
  }
  await rpc(page, host, 'stars.saveRuleSet', {
    name: '季度名额星级', periodKind: 'quarter', method: 'quota', thresholds: [], gridThresholds: [],
    quota: [{ stars: 5, percent: 20 }, { stars: 4, percent: 30 }, { stars: 3, percent: 30 }, { stars: 2, percent: 20 }],
    conditions: { vetoCap: true, criticismBlocksUpgrade: true, dynamic: false, awardUpgrade: false },
  });
  await page.reload();
  const s = new StarsPage(page);
  await s.choose('季度名额星级', '2026年第三季度');
  await s.preview();

  // the tie is flagged: the quota, the line, the people; 发布 waits for the decisions
  const tie = page.getByRole('region', { name: '5★名额 20%（8 人中 2 名）并列' });
  await expect(tie).toContainText('5★名额 20%（8 人中 2 名）的线上有 2 人同为 93.00 分并列（李四、王五），只余 1 个名额');
  await expect(tie).toContainText('须逐一决定保留5★或降为4★');
  const publish = page.getByRole('button', { name: '发布', exact: true });
  await expect(publish).toBeDisabled();
  await expect(publish).toHaveAttribute('title', '名额线上有并列待决定');
  /** A person's cell in the result grid, found by the name in the row. */
  const cellOf = (name: string, col: string) =>
    s.grid(RUN).getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) }).locator(`[col-id="${col}"]`);
  await expect(cellOf('李四', 'tie')).toHaveText('待决定');
  await expect(cellOf('李四', 'reason')).toContainText('并列在5★名额 20%（8 人中 2 名）的线上（余 1 个名额），待决定 → 5★');
  await page.screenshot({ path: 'test-results/screenshots/stars-tie.png' });

  // decided one by one, each with a reason (none: refused at the field)
  await tie.getByRole('button', { name: '李四保留5星' }).click();
  await s.dialog().getByRole('button', { name: '确定' }).click();
  await expect(s.dialog().getByLabel('决定的理由')).toHaveAccessibleDescription('请填写决定的理由');
  await s.dialog().getByLabel('决定的理由').fill('全季无差错');
  await page.screenshot({ path: 'test-results/screenshots/stars-tie-decide.png' });
  await s.dialog().getByRole('button', { name: '确定' }).click();
  await expect(s.toast('已决定：李四保留5★')).toBeVisible();
  await expect(tie).toContainText('保留5★：全季无差错');
  await expect(publish).toBeDisabled();
  await tie.getByRole('button', { name: '王五降为4星' }).click();
  await s.dialog().getByLabel('决定的理由').fill('名额已满');
  await s.dialog().getByLabel('决定的理由').press('Enter');
  await expect(s.toast('已决定：王五降为4★')).toBeVisible();
  await expect(tie).toContainText('降为4★：名额已满');
  await expect(cellOf('王五', 'stars')).toHaveText(stars(4));
  await expect(cellOf('王五', 'tie')).toHaveText('已决定降星');
  await expect(page.getByLabel('各星级人数')).toHaveText('★★★★★2人★★★★☆2人★★★☆☆2人★★☆☆☆2人★☆☆☆☆0人');
  await page.screenshot({ path: 'test-results/screenshots/stars-tie-decided.png' });
  await expect(publish).toBeEnabled();
  await s.publish();
  await expect(tie.getByRole('button')).toHaveCount(0);
});
