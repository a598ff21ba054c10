/// <reference lib="dom" />
/** The scoring sheet's Excel habits, driven by the keyboard as an evaluator types a month in. */
import { expect, rpc, slowCall, test } from './fixtures';
import { AssessmentsPage } from './pages/assessments-page';
import { AuditPage } from './pages/audit-page';
import { SchemesPage } from './pages/schemes-page';
import { pickChoice } from './pages/pickers';

const SCHEME = '微网格长考核（试行）';
/** One row of the seed-003 scheme in column order: nine 评分项, then 参加例会和培训 (a count). */
const ROW = ['8', '4', '9', '4.5', '10', '7', '9', '14', '13'];

test('scoring like Excel: Tab wraps, Enter returns, 8。5, undo/redo audited, counts pasted with one note, a block copied into another month', async ({
  demoHost,
}) => {
  test.setTimeout(180_000);
  const page = await demoHost.open('schemes');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demoHost.url });
  const schemes = new SchemesPage(page);
  await schemes.create('微网格长', SCHEME);
  await schemes.publish();
  await page.getByRole('link', { name: '月度考核' }).click();
  const months = new AssessmentsPage(page);
  await months.chooseScheme(SCHEME);
  await months.openMonth('2026-11');
  await months.chooseUnit('全部');
  await months.addEvaluator('街道考核组甲');
  const first = await months.columnOf('实有人口信息采集更新');
  const meeting = await months.columnOf('参加例会和培训');
  const criterionCols = await page.locator('.ag-header-cell[col-id^="c"]').evaluateAll((els) => els.map((e) => e.getAttribute('col-id')!));
  const last = criterionCols.at(-1)!;
  /** Where the grid's focus is: [row index, column id]. */
  const focus = () =>
    page.evaluate(() => {
      const cell = document.activeElement?.closest('[role="gridcell"]');
      return cell ? [Number(cell.closest('[role="row"]')!.getAttribute('row-index')), cell.getAttribute('col-id')] : null;
    });

  // Tab from the last criterion lands on the next row's first criterion, not on the read-only totals.
  await months.cell(0, last).click();
  await page.keyboard.press('Tab');
  await expect.poll(focus).toEqual([1, first]);

  // A run of Tabs, then Enter: back to the column the run began in, one row down. 8。5 (the IME's full stop) is 8.5.
  await months.cell(2, first).click();
  // (a Tab while editing opens the next cell's editor: typed into once it is there, as a person sees it)
  const editor = page.locator('.ag-cell-inline-editing input');
  await page.keyboard.type('8');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.type('3。5');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect.poll(focus).toEqual([3, first]);
  await expect(months.cell(2, first)).toHaveText('8');
  await expect(months.cell(2, criterionCols[1]!)).toHaveText('3.5');
  await expect(months.cell(2, criterionCols[2]!)).toHaveText('9');

  // Delete wipes a saved score; Ctrl+Z puts it back, Ctrl+Y takes it away again, Ctrl+Z once more: each a save.
  const name2 = await months.rowName(2);
  await months.cell(2, first).click();
  await page.keyboard.press('Delete');
  await expect(months.cell(2, first)).toHaveText('');
  await page.keyboard.press('Control+z');
  await expect(months.cell(2, first)).toHaveText('8');
  await expect(months.toast('已撤销 1 个单元格的修改')).toBeVisible();
  await page.keyboard.press('Control+y');
  await expect(months.cell(2, first)).toHaveText('');
  await page.keyboard.press('Control+z');
  await expect(months.cell(2, first)).toHaveText('8');
  await expect.poll(focus).toEqual([2, first]);

  // A pasted block carrying counts asks once for one note, saves everything, and gives the focus back to the grid.
  const rowWithCount = (count: number) => [...ROW, String(count)].join('\t');
  await months.cell(4, first).click();
  await months.paste(`${rowWithCount(1)}\n${rowWithCount(2)}\n${rowWithCount(0)}\n`);
  await expect(months.dialog()).toHaveAccessibleName('粘贴的2处扣分项需要说明');
  await expect(months.dialog().getByLabel('需要说明的单元格')).toContainText(`${await months.rowName(5)}·参加例会和培训：2次`);
  await months.dialog().getByLabel('说明（事由、日期、案卷号）').fill('缺席11月例会（签到表）');
  await page.keyboard.press('Enter');
  await expect(months.dialog()).toBeHidden();
  await expect(months.toast('已粘贴并保存 30 个单元格')).toBeVisible();
  await expect(months.cell(4, meeting)).toHaveText('1次');
  await expect(months.cell(5, meeting)).toHaveText('2次');
  await expect(months.cell(6, meeting)).toHaveText('0次');
  await expect(months.cell(4, 'sheetTotal')).toHaveText('86.50');
  await expect.poll(focus).toEqual([4, first]);

  // Shift+arrows mark a block, Ctrl+C copies it as Excel does.
  await months.cell(4, first).click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.locator('.ag-cell.cell-range')).toHaveCount(6);
  await page.keyboard.press('Control+c');
  await expect(months.toast('已复制 2 行 3 列')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('8\t4\t9\n8\t4\t9\n');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.ag-cell.cell-range')).toHaveCount(0);

  // …and pastes into another month with Ctrl+V.
  await months.openMonth('2026-10');
  await months.chooseUnit('全部');
  await pickChoice(page.getByRole('combobox', { name: '考核人' }), '街道考核组甲');
  await months.cell(0, first).click();
  await page.keyboard.press('Control+v');
  await expect(months.toast('已粘贴并保存 6 个单元格')).toBeVisible();
  for (const r of [0, 1]) for (const [k, v] of ['8', '4', '9'].entries()) await expect(months.cell(r, criterionCols[k]!)).toHaveText(v);

  // 只看未打分 and F3: the next worker without a full sheet, at the first empty 评分项.
  await months.cell(2, first).click();
  await months.paste(`${rowWithCount(0)}\n`);
  await expect(months.cell(2, 'sheetTotal')).toHaveText('88.50');
  const scoredName = await months.rowName(2);
  const unscored = page.getByLabel(/只看未打分/);
  await unscored.check();
  await expect(page.locator('[role="gridcell"][col-id="name"]', { hasText: scoredName })).toHaveCount(0);
  await months.cell(0, first).click();
  await page.keyboard.press('F3');
  await expect.poll(focus).toEqual([1, criterionCols[3]]);

  // A worker scored in full by one evaluator while a second has begun: the total and grade say they are provisional.
  await unscored.uncheck();
  await expect(months.cell(2, 'name')).toHaveText(scoredName);
  await months.addEvaluator('社区考核组乙');
  await months.cell(2, first).click();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(months.cell(2, 'grade')).toHaveText(/^良好\*$|^优秀\*$|^合格\*$/);
  await expect(months.cell(2, 'combined')).toHaveText(/\*$/);
  await page.screenshot({ path: 'test-results/screenshots/scoring-sheet.png' });
  await page.getByRole('tab', { name: '结果' }).click();
  await expect(page.getByLabel('完成度')).toContainText(/已评 \d+\/\d+ 人/);
  await expect(page.getByLabel('完成度')).toContainText('未完成');
  await page.screenshot({ path: 'test-results/screenshots/scoring-results-provisional.png' });

  // The audit has every save, the undo and redo among them, old → new.
  const audit = new AuditPage(page);
  await audit.open();
  await audit.pickPerson(name2, name2);
  await audit.chooseKind('考核打分');
  await expect(audit.cell(0, 'summary')).toContainText(name2);
  // newest first: the second undo, the redo, the first undo, the Delete, the typed 8
  const of2 = (await audit.summaries().allInnerTexts()).filter((s) => s.startsWith(`${name2} · 实有人口信息采集更新：`) && s.includes('（2026-11'));
  expect(of2.map((s) => s.replace(/（.*）$/, ''))).toEqual(
    ['空 → 8', '8 → 空', '空 → 8', '8 → 空', '空 → 8'].map((x) => `${name2} · 实有人口信息采集更新：${x}`),
  );
});

test('another evaluator picked: the previous sheet is not shown (nor typed into) while theirs loads', async ({ demoHost }) => {
  const page = await demoHost.open('assessments');
  const months = new AssessmentsPage(page);
  const month = (await rpc(page, demoHost, 'assessments.months', {})).find((m) => m.status === 'open')!;
  const evaluators = await rpc(page, demoHost, 'assessments.evaluators', {});
  const [first, second] = month.evaluatorIds.map((id) => evaluators.find((e) => e.id === id)!);
  const label = (e: { name: string; group: string }) => (e.group ? `${e.name}（${e.group}）` : e.name);
  await pickChoice(page.getByRole('combobox', { name: '考核人' }), label(first!));
  await expect(months.cell(0, 'name')).toBeVisible();

  // the second evaluator's sheet takes a while to come (a slow office PC, a large street)
  const sheet = await rpc(page, demoHost, 'assessments.sheet', { monthId: month.id, unitId: null, evaluatorId: second!.id });
  const restore = await slowCall(page, 'assessments.sheet');
  await pickChoice(page.getByRole('combobox', { name: '考核人' }), label(second!));
  await expect(months.cell(0, 'name')).toHaveCount(0);
  await expect(page.getByRole('region', { name: '打分表' }).locator('.ag-loading-text')).toHaveText(/加载中/);
  await page.screenshot({ path: 'test-results/screenshots/scoring-sheet-loading.png' });
  // then theirs: each value shown is the second evaluator's
  await expect(months.cell(0, 'name')).toBeVisible();
  const name = await months.rowName(0);
  const shown = sheet.rows.find((r) => r.name === name)!;
  for (const c of sheet.criteria.filter((x) => x.kind === 'score')) {
    await expect(months.cell(0, `c${c.id}`)).toHaveText(shown.values[c.id] === undefined ? '' : String(shown.values[c.id]! / 100));
  }
  await restore();

  // a sheet that cannot be read: the message, and neither the other sheet nor 加载中 left on screen
  await page.route('**/rpc/assessments.sheet', (route) => route.abort());
  await pickChoice(page.getByRole('combobox', { name: '考核人' }), label(first!));
  await expect(months.toast('无法连接本地服务，请确认网格考评仍在运行')).toBeVisible();
  await expect(page.getByRole('region', { name: '打分表' }).locator('.ag-loading-text')).toBeHidden();
  await expect(months.cell(0, 'name')).toHaveCount(0);
  await page.unroute('**/rpc/assessments.sheet');
});
