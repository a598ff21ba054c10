import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { PointsPage } from './pages/points-page';

const SHOTS = 'test-results/screenshots';
const NOTE = '调解小区停车位纠纷（e2e）';

test('quick entry by pinyin for several people, reverse one, see the balances', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('points');
  const points = new PointsPage(page);

  // One rule, then person after person from the keyboard.
  await points.chooseRule('化解矛盾纠纷（+2分/次）');
  await expect(page.getByLabel('规则说明')).toContainText('每月上限10分');
  await page.getByLabel('依据说明').fill(NOTE);
  await points.personBox().focus();
  const first = await points.addByPinyin('zw', '2');
  const second = await points.addByPinyin('lj', '1', { index: 1, via: 'Tab' });
  const third = await points.addByPinyin('cm', '1');
  await expect(points.lines()).toHaveCount(3);
  await expect(page.getByLabel('合计')).toContainText('共 3 人，合计 +8 分');
  // the suggestions as they look while typing
  await points.personBox().pressSequentially('hl');
  await expect(points.suggestions().first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/points-entry.png` });
  await page.keyboard.press('Escape');
  await points.personBox().fill('');

  // A person already in the list is refused at the line.
  await points.personBox().pressSequentially(first.name);
  await expect(points.suggestions().filter({ hasText: first.path })).toHaveCount(1);
  await points.suggestions().filter({ hasText: first.path }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: `${first.name}已在第1行` })).toBeVisible();

  // The month's balances before posting.
  await points.tab('积分排行');
  await expect(page.getByRole('radio', { name: '月' })).toHaveAttribute('aria-checked', 'true');
  const before = [await points.rankingPoints(first), await points.rankingPoints(second), await points.rankingPoints(third)];

  // Back to the batch (kept while away) and post it.
  await points.tab('快速录入');
  await expect(points.lines()).toHaveCount(3);
  await page.getByRole('button', { name: /^提交/ }).click();
  await expect(points.toast('已录入 3 条，合计 +8 分')).toBeVisible();
  await expect(points.lines()).toHaveCount(1); // the empty-list row
  await expect(points.lines()).toContainText('还没有添加人员');

  // The ledger: find the batch, reverse the second person's entry with a reason.
  await points.tab('积分台账');
  await page.getByLabel('搜索台账').fill(NOTE);
  await expect(page.getByLabel('台账合计')).toContainText('共 3 条，合计 +8 分');
  await points.row('积分台账', second.name).locator('[col-id="name"]').click();
  await page.getByRole('button', { name: '冲销' }).click();
  await expect(points.dialog().getByRole('table', { name: '要冲销的记录' })).toContainText(second.name);
  await points.dialog().getByRole('button', { name: '冲销' }).click();
  await expect(points.dialog().getByLabel('冲销原因')).toHaveAccessibleDescription('请填写冲销原因');
  await points.dialog().getByLabel('冲销原因').fill('录错人员');
  await points.dialog().getByRole('button', { name: '冲销' }).click();
  await expect(points.dialog()).toBeHidden();
  await expect(points.toast(/已冲销第\d+号记录/)).toBeVisible();
  await expect(page.getByLabel('台账合计')).toContainText('共 4 条，合计 +6 分'); // the reversal is found with its original
  await expect(points.row('积分台账', '录错人员')).toHaveCount(1);
  await expect(points.row('积分台账', '录错人员')).toContainText(second.name);
  await expect(points.row('积分台账', '录错人员')).toContainText('-2');
  const reversed = points.row('积分台账', NOTE).filter({ hasText: second.name });
  await expect(reversed).toContainText('已冲销');
  // a reversed entry cannot be reversed again: the button stays off
  await reversed.locator('[col-id="name"]').click();
  await expect(page.getByRole('button', { name: '冲销' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/points-ledger.png` });

  // The balances: +4 and +2 stand, the reversed +2 is gone.
  await points.tab('积分排行');
  await expect.poll(() => points.rankingPoints(first)).toBe(before[0]! + 4);
  expect(await points.rankingPoints(second)).toBe(before[1]);
  expect(await points.rankingPoints(third)).toBe(before[2]! + 2);
  await page.getByLabel('查找人员').fill('');
  await expect.poll(() => points.names('积分排行').count()).toBeGreaterThan(10);
  await page.screenshot({ path: `${SHOTS}/points-ranking.png` });

  // The quarter and the year hold the month.
  await points.chooseKind('季', /^\d{4}年第.季度（/);
  await expect(page.getByLabel('统计期间', { exact: true })).toHaveValue(/^\d{4}-Q[1-4]$/);
  expect(await points.rankingPoints(first)).toBeGreaterThanOrEqual(before[0]! + 4);

  // 导出Excel of what is on screen.
  await page.getByLabel('查找人员').fill('');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await (await download).path());
  const ws = wb.worksheets[0]!;
  const headerRow = [1, 2, 3].find((r) => ws.getRow(r).getCell(1).value === '排名')!;
  expect((ws.getRow(headerRow).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['排名', '姓名', '积分', '社区排名']));
  expect(ws.rowCount - headerRow).toBeGreaterThan(900);

  // A person's ledger with the running balance.
  await points.chooseKind('累计', /^累计$/);
  const allTime = await points.rankingPoints(second);
  await points.grid('积分排行').locator('[role="gridcell"][col-id="name"]').first().dblclick();
  const ledger = points.dialog().getByRole('table', { name: '个人积分台账' });
  await expect(ledger.locator('tbody tr').first()).toBeVisible();
  await expect(ledger).toContainText('录错人员');
  const total = Number((await points.dialog().getByLabel('积分小计').locator('b').innerText()).replace('+', ''));
  // newest first: the first row's balance is the total
  expect(Number(await ledger.locator('tbody tr').first().locator('td').nth(4).innerText())).toBe(total);
  expect(total).toBe(allTime);
  await page.screenshot({ path: `${SHOTS}/points-person-ledger.png` });
  await points.dialog().getByRole('button', { name: '关闭' }).click();
});

test('the rule catalogue: add a rule, a used rule keeps its points, dates in force are enforced', async ({ demoHost }) => {
  const page = await demoHost.open('points');
  const points = new PointsPage(page);
  await points.tab('积分规则');
  await expect(points.row('积分规则', '月度考核优秀')).toContainText('考核等次：优秀');
  await page.screenshot({ path: `${SHOTS}/points-rules.png` });

  // A used rule: the points per unit are locked.
  await points.row('积分规则', '上报安全隐患').locator('[col-id="name"]').dblclick();
  await expect(points.dialog().getByLabel('每单位分值')).toBeDisabled();
  await points.dialog().getByRole('button', { name: '取消' }).click();

  // A new rule in force for ten days of last month.
  const today = /今天：(\d{4}-\d{2}-\d{2})/.exec(await page.getByLabel('状态栏').innerText())![1]!;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  await page.getByRole('button', { name: '新增规则' }).click();
  const d = points.dialog();
  await d.getByLabel('规则名称').fill('创文迎检专项');
  await d.getByLabel('类别').fill('专项工作');
  await d.getByLabel('每单位分值').fill('1.5');
  await d.getByLabel('计量单位').selectOption('天');
  await d.getByLabel('生效日期').fill(`${last}-01`);
  await d.getByLabel('停用日期').fill(`${last}-10`);
  await page.screenshot({ path: `${SHOTS}/points-rule-dialog.png` });
  await d.getByRole('button', { name: '保存' }).click();
  await expect(d).toBeHidden();
  await expect(points.row('积分规则', '创文迎检专项')).toContainText('已到期');

  // Entering it today (after its dates) is refused in Chinese; dated within, it posts.
  await points.tab('快速录入');
  await points.chooseRule('创文迎检专项（+1.5分/天）');
  await points.personBox().focus();
  const who = await points.addByPinyin('wf', '0.5');
  await expect(points.lines()).toContainText('+0.75');
  await page.getByRole('button', { name: /^提交/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: `“创文迎检专项”施行期为${last}-01至${last}-10，${today}不能使用此规则` }).first()).toBeVisible();
  await page.getByLabel('日期', { exact: true }).fill(`${last}-09`);
  await page.getByRole('button', { name: /^提交/ }).click();
  await expect(points.toast('已录入 1 条，合计 +0.75 分')).toBeVisible();
  await points.tab('积分台账');
  await page.getByLabel('搜索台账').fill(who.name);
  await expect(points.row('积分台账', '创文迎检专项')).toContainText('0.5天');

  // 按单位批量: everyone in post in a unit, with one quantity.
  await points.tab('快速录入');
  await page.getByRole('button', { name: '按单位批量…' }).click();
  // the unit picker opens on the tree with ↓, the first community highlighted; Enter takes it
  const unitBox = points.dialog().getByRole('combobox', { name: '单位' });
  await unitBox.press('ArrowDown');
  await expect(page.getByRole('listbox', { name: '可选单位' }).getByRole('option', { selected: true })).toHaveAttribute('aria-level', '2');
  await unitBox.press('Enter');
  await expect(points.dialog().getByText(/在岗 \d+ 人/)).toBeVisible();
  const inPost = Number(/在岗 (\d+) 人/.exec(await points.dialog().getByText(/在岗 \d+ 人/).innerText())![1]);
  expect(inPost).toBeGreaterThan(5);
  await points.dialog().getByLabel(/^数量/).fill('2');
  await points.dialog().getByRole('button', { name: '添加到列表' }).click();
  await expect(points.dialog()).toBeHidden();
  await expect(points.lines()).toHaveCount(inPost);
  await expect(points.lines().first()).toContainText('2天');
  await page.getByRole('button', { name: '清空' }).click();
  await expect(points.lines()).toContainText('还没有添加人员');
});

test('quick entry: the keys do what the hint says, and no quantity carries over to the next person', async ({ demoHost }) => {
  const page = await demoHost.open('points');
  const points = new PointsPage(page);
  await points.chooseRule('化解矛盾纠纷（+2分/次）');
  await page.getByLabel('依据说明').fill(NOTE);
  await expect(page.getByText('Enter 确定后光标到数量；输入数量（不填为1）后 Enter 添加')).toBeVisible();
  await points.personBox().focus();
  // as the hint says: Enter picks and the cursor is in 数量; 3 and Enter adds a line of 3
  const first = await points.addByPinyin('zw', '3');
  await expect(points.lines().filter({ hasText: first.name })).toContainText('3次');
  // the next person starts from an empty quantity (1), not the 3 before
  const quantity = page.getByLabel('数量');
  await expect(quantity).toHaveValue('');
  await expect(quantity).toHaveAttribute('placeholder', '1');
  const second = await points.addByPinyin('lj', '', { index: 1 });
  await expect(points.lines().filter({ hasText: second.name })).toContainText('1次');
  // a mouse user clicking into 数量 and typing 1 records 1, not 13
  await points.personBox().pressSequentially('cm');
  await expect(points.suggestions().first()).toBeVisible();
  await page.keyboard.press('Enter');
  await quantity.click();
  await page.keyboard.type('1');
  await expect(quantity).toHaveValue('1');
  await page.getByRole('button', { name: '添加（Enter）' }).click();
  await expect(points.lines()).toHaveCount(3);
  await expect(page.getByLabel('合计')).toContainText('共 3 人，合计 +10 分');
});
