import type { Page } from '@playwright/test';
import type { Evaluator, MonthSummary, SheetView } from '../../src/shared/contract/assessments';
import type { PersonRow } from '../../src/shared/contract/people';
import type { SchemeDetail, SchemeSummary } from '../../src/shared/contract/schemes';
import { bytesOf, sheetWorkbook, type CellInput } from '../unit/import-workbooks';
import { expect, test } from './fixtures';
import { PointsImports } from './pages/points-import';
import { PointsPage } from './pages/points-page';
import { pickChoice } from './pages/pickers';

const SHOTS = 'test-results/screenshots';

/** A call to the host as the page makes it (POST /rpc/:name with the token of the host's URL). */
async function rpc<T>(page: Page, url: string, name: string, input: unknown): Promise<T> {
  const u = new URL(url);
  const r = await page.request.post(`${u.origin}/rpc/${name}`, { data: input, headers: { 'x-grid-token': u.searchParams.get('token')! } });
  const body = (await r.json()) as { ok: boolean; data: T; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return body.data;
}

async function todayOf(page: Page): Promise<string> {
  return /今天：(\d{4}-\d{2}-\d{2})/.exec(await page.getByLabel('状态栏').innerText())![1]!;
}

const HEADER = ['姓名', '身份证号', '日期', '积分规则', '数量', '备注'];

test('积分导入: a wrong row is shown in red with its message; fixed, the file imports once, and the balances move', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('points');
  const points = new PointsPage(page);
  const today = await todayOf(page);
  // three people whose names are unique on the roster, the second with an all-digit ID (typed as a number below)
  const roster = await rpc<PersonRow[]>(page, demoHost.url, 'people.list', {});
  const unique = roster.filter((p) => roster.filter((q) => q.name === p.name).length === 1);
  const [a, b, c] = [unique[0]!, unique.find((p, i) => i > 0 && /^\d{18}$/.test(p.idNumber))!, unique.at(-1)!];
  const who = (p: PersonRow) => ({ name: p.name, path: p.unitPath });

  await points.tab('积分排行');
  const before = [await points.rankingPoints(who(a)), await points.rankingPoints(who(b)), await points.rankingPoints(who(c))];

  const rows = (bId: string | number): CellInput[][] => [
    [a.name, a.idNumber, today, '获街道级表彰', 1, '街道通报表扬（e2e导入）'],
    [b.name, bId, today, '获街道级表彰', 1, '街道通报表扬（e2e导入）'],
    [c.name, c.idNumber, today, '投诉属实', 1, '12345热线投诉属实（e2e导入）'],
  ];
  const sheet = { title: '2026年积分登记表', headerRows: [HEADER], textColumns: [2] };
  const wrong = await bytesOf(sheetWorkbook(rows(Number(b.idNumber)), sheet));
  const fixed = await bytesOf(sheetWorkbook(rows(b.idNumber), sheet)); // the same bytes each time: the same file

  const imports = new PointsImports(page);
  const dialog = await imports.openPoints();
  await expect(dialog.dialog).toContainText('下载模板');
  await dialog.choose('积分登记表.xlsx', wrong);
  await dialog.expectCounts({ new: 2, wrong: 1 });
  await expect(dialog.wrongCells()).toHaveCount(1);
  await expect(dialog.wrongCells()).toHaveAttribute('col-id', 'c1');
  await expect(dialog.errors()).toHaveCount(1);
  await expect(dialog.errors().first()).toContainText('第4行 B列（身份证号）：身份证号以数字格式保存');
  await expect(dialog.errors().first()).toContainText('Excel 数字只保留15位有效数字');
  await expect(dialog.confirmButton()).toBeDisabled();
  // the message also shows on the red cell
  await dialog.wrongCells().hover();
  await expect(page.locator('.ag-tooltip')).toContainText('请把这一列设为“文本”格式');
  await page.screenshot({ path: `${SHOTS}/points-import-wrong.png` });

  // fixed in Excel, picked again: all three rows are new, and 确认导入 posts them
  await dialog.choose('积分登记表.xlsx', fixed);
  await dialog.expectCounts({ new: 3, wrong: 0 });
  await expect(dialog.wrongCells()).toHaveCount(0);
  await expect(dialog.confirmButton()).toHaveText('确认导入（3行）');
  await page.screenshot({ path: `${SHOTS}/points-import-ready.png` });
  await dialog.confirm();
  await expect(points.toast(/^已导入 3 条积分/)).toBeVisible();

  await expect.poll(() => points.rankingPoints(who(a))).toBe(before[0]! + 5);
  expect(await points.rankingPoints(who(b))).toBe(before[1]! + 5);
  expect(await points.rankingPoints(who(c))).toBe(before[2]! - 5);

  // the same file again: nothing new, and the dialog says it was imported before
  const again = await imports.openPoints();
  await again.choose('积分登记表.xlsx', fixed);
  await again.expectCounts({ new: 0, unchanged: 3, wrong: 0 });
  await expect(again.notes().first()).toContainText('这个文件已于');
  await expect(again.confirmButton()).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/points-import-again.png` });

  // the template to fill in
  const template = await again.template('下载模板');
  expect(template.worksheets.map((w) => w.name)).toEqual(['积分导入', '积分规则']);
  await again.cancel();

  // the imported entries in the ledger, with their source
  await points.tab('积分台账');
  await page.getByLabel('搜索台账').fill('e2e导入');
  await expect(page.getByLabel('台账合计')).toContainText('共 3 条，合计 +5 分');
  await expect(points.row('积分台账', a.name)).toContainText('导入');
});

test('平台统计: a rule added in the editor; a month’s export previewed per worker, imported into points and the open month; a finalised month refused', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('points');
  const points = new PointsPage(page);
  await points.tab('平台统计');
  const rulesGrid = points.grid('平台统计规则');
  await expect(rulesGrid.locator('[role="row"][row-index]')).toHaveCount(3); // the demo's
  await expect(points.row('平台统计规则', '上报事件')).toContainText('积分：上报安全隐患');

  // 办结率 below 90% counts one 考勤 deduction of the month
  await page.getByRole('button', { name: '新增规则' }).click();
  const d = points.dialog();
  await d.getByLabel('平台统计表的列').fill('办结率');
  await d.getByLabel('记入').selectOption('criterion');
  await d.getByLabel('考核方案').selectOption({ label: '网格员月度考核' });
  await d.getByLabel('考核指标').selectOption({ label: '考勤（扣分项）' });
  await d.getByLabel('计算方式').selectOption('threshold');
  await d.getByLabel('比较方式').selectOption('<');
  await d.getByLabel('条件数值').fill('90');
  await d.getByLabel('说明').fill('办结率低于90%的记考勤一次（e2e）');
  await page.screenshot({ path: `${SHOTS}/platform-rule-dialog.png` });
  await d.getByRole('button', { name: '保存' }).click();
  await expect(d).toBeHidden();
  await expect(points.row('平台统计规则', '办结率')).toContainText('<90计1');
  await expect(points.row('平台统计规则', '办结率')).toContainText('考核指标：网格员月度考核·考勤');

  // three workers of the open month with nothing entered yet for these criteria by the centre's evaluator
  const schemes = await rpc<SchemeSummary[]>(page, demoHost.url, 'schemes.list', {});
  const scheme = schemes.find((s) => s.name === '网格员月度考核')!;
  const detail = await rpc<SchemeDetail>(page, demoHost.url, 'schemes.get', { schemeId: scheme.id });
  const months = await rpc<MonthSummary[]>(page, demoHost.url, 'assessments.months', { schemeId: scheme.id });
  const open = months.find((m) => m.status === 'open')!;
  const finalised = months.find((m) => m.status === 'finalised')!;
  const evaluators = await rpc<Evaluator[]>(page, demoHost.url, 'assessments.evaluators', {});
  const centre = evaluators.find((e) => e.name === '街道网格中心考核组')!;
  const attendance = detail.criteria.find((c) => c.name === '考勤')!.id;
  const hazards = detail.criteria.find((c) => c.name === '发现并上报重大隐患')!.id;
  const sheet = await rpc<SheetView>(page, demoHost.url, 'assessments.sheet', { monthId: open.id, evaluatorId: centre.id });
  const names = sheet.rows.map((r) => r.name);
  const free = sheet.rows.filter(
    (r) => !r.exemptReason && r.values[attendance] === undefined && r.values[hazards] === undefined && names.filter((n) => n === r.name).length === 1,
  );
  const [p1, p2, p3] = free as [SheetView['rows'][number], SheetView['rows'][number], SheetView['rows'][number]];
  const grid = (r: SheetView['rows'][number]) => r.unitPath.split(' / ').at(-1)!;
  const file = await bytesOf(
    sheetWorkbook(
      [
        [1, p1.name, grid(p1), 30, 2, 1, 96],
        [2, p2.name, grid(p2), 10, 0, 0, '85%'],
        [3, p3.name, grid(p3), 0, 1, 0, 99],
      ],
      { title: '网格化管理平台 网格员工作量统计', headerRows: [['序号', '姓名', '网格', '采集信息(条)', '上报事件(件)', '重大隐患(件)', '办结率(%)']] },
    ),
  );

  await page.getByLabel('统计月份').selectOption(open.period);
  await pickChoice(page.getByRole('combobox', { name: '考核人' }), '街道网格中心考核组（街道中心）');
  const imports = new PointsImports(page);
  const dialog = await imports.openPlatform();
  await expect(dialog.dialog).toContainText('办结率 <90计1 → 考核指标：网格员月度考核·考勤');
  await dialog.choose('平台统计.xlsx', file);
  await dialog.expectCounts({ new: 3, wrong: 0 });
  await expect(dialog.summary()).toContainText(`“网格员月度考核”（考核人：街道网格中心考核组）`);
  const row2 = dialog.grid().locator('[role="row"][row-index="1"]');
  // 姓名, 网格 (no 身份证号 column in this export), 所属单位, then the figures and what they become
  await expect(row2.locator('[col-id="c2"]')).toHaveText(p2.unitPath);
  await expect(row2.locator('[col-id="c4"]')).toHaveText('10'); // 采集信息
  await expect(row2.locator('[col-id="c6"]')).toHaveText('85%'); // 办结率
  await page.screenshot({ path: `${SHOTS}/platform-import-preview.png` });
  // what each figure becomes, at the right: the grid draws only the columns in view
  await dialog.grid().locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect(row2.locator('[col-id="c10"]')).toHaveText('1次'); // 考勤
  await expect(dialog.grid().locator('[role="row"][row-index="0"] [col-id="c9"]')).toHaveText('1次'); // 发现并上报重大隐患
  await page.screenshot({ path: `${SHOTS}/platform-import-preview-right.png` });
  await dialog.confirm();
  await expect(points.toast(/^已导入平台统计：3 人新增/)).toBeVisible();

  // the counts are on the evaluator's sheet, with the platform's figures as the note
  const after = await rpc<SheetView>(page, demoHost.url, 'assessments.sheet', { monthId: open.id, evaluatorId: centre.id });
  const rowOf = (id: number) => after.rows.find((r) => r.personId === id)!;
  expect(rowOf(p1.personId).values[hazards]).toBe(1);
  expect(rowOf(p2.personId).values[attendance]).toBe(1);
  expect(rowOf(p2.personId).notes[attendance]).toContain('办结率 85%');
  expect(rowOf(p3.personId).values[attendance]).toBeUndefined();
  // and the points in the ledger
  await points.tab('积分台账');
  await page.getByLabel('搜索台账').fill(`平台统计${open.period}`);
  await expect(points.row('积分台账', p1.name).first()).toContainText('导入');

  // the same export again changes nothing; a finalised month is refused
  await points.tab('平台统计');
  await pickChoice(page.getByRole('combobox', { name: '考核人' }), '街道网格中心考核组（街道中心）');
  await page.getByLabel('统计月份').selectOption(open.period);
  const again = await imports.openPlatform();
  await again.choose('平台统计.xlsx', file);
  await again.expectCounts({ new: 0, changed: 0, unchanged: 3, wrong: 0 });
  await again.cancel();
  await page.getByLabel('统计月份').selectOption(finalised.period);
  const finalisedImport = await imports.openPlatform();
  await finalisedImport.choose('平台统计.xlsx', file);
  await expect(finalisedImport.alert()).toContainText(`${finalised.period}“网格员月度考核”已归档，只能查看`);
  await page.screenshot({ path: `${SHOTS}/platform-import-finalised.png` });
});
