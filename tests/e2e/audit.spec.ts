import ExcelJS from 'exceljs';
import { expect, rpc, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { AssessmentsPage } from './pages/assessments-page';
import { PeoplePage } from './pages/people-page';

const CRITERION = '任务完成情况';

test('操作日志: a changed score is logged old → new, found by person and kind, shown in detail, exported to Excel', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('assessments');
  const months = new AssessmentsPage(page);
  await months.chooseScheme('网格员月度考核');
  await expect(page.getByLabel('考核状态')).toHaveText('录入中');
  const col = await months.columnOf(CRITERION);

  // A worker whose name no one else shares, so the person box finds just them.
  let row = 0;
  let person: { id: number; name: string; idNumber: string } | null = null;
  for (; row < 10 && !person; row++) {
    const name = await months.rowName(row);
    const same = await rpc(page, demoHost, 'people.list', { search: name, status: '全部' });
    if (same.filter((p) => p.name === name).length === 1) person = same.find((p) => p.name === name)!;
  }
  row--;
  expect(person).not.toBeNull();
  const { name, idNumber } = person!;
  const before = (await months.cell(row, col).innerText()).trim();
  const after = before === '19' ? '18.5' : '19';
  await months.cell(row, col).click();
  await page.keyboard.type(after);
  await page.keyboard.press('Enter');
  await expect(months.cell(row, col)).toHaveText(after);

  const audit = new AuditPage(page);
  await audit.open();
  // The last 30 days by default: the change just made is the newest entry.
  await expect(audit.cell(0, 'summary')).toContainText(`${name} · ${CRITERION}：${before || '空'} → ${after}`);
  await expect(audit.cell(0, 'actor')).toHaveText('管理员');
  await expect(audit.cell(0, 'kindLabel')).toHaveText('考核打分');

  // Filtered to the person and the kind: only their entries, the score change first.
  await audit.pickPerson(idNumber, name);
  await audit.chooseKind('考核打分');
  await expect(audit.count()).toHaveText('已显示 1 条');
  await expect(audit.summaries()).toHaveCount(1);
  await expect(audit.cell(0, 'summary')).toHaveText(new RegExp(`^${name} · ${CRITERION}：${before || '空'} → ${after}（\\d{4}-\\d{2} · .+）$`));
  // Another kind: none of their entries are 积分 in these 30 days.
  await audit.chooseKind('积分');
  await expect(audit.count()).toHaveText('已显示 0 条');
  await audit.chooseKind('全部');
  await expect(audit.cell(0, 'summary')).toContainText(`${CRITERION}：`);

  // The detail: old and new side by side with Chinese labels.
  const detail = await audit.openDetail(0);
  await expect(detail.getByRole('table', { name: '操作概要' })).toContainText('管理员');
  expect(await audit.field('分值')).toEqual(['分值', before || '—', after]);
  expect(await audit.field('人员')).toEqual(['人员', `${name}（${person!.id}）`, `${name}（${person!.id}）`].map((v, i) => (i === 1 && !before ? '—' : v)));
  expect((await audit.field('考核项目'))[2]).toContain(CRITERION);
  await page.screenshot({ path: 'test-results/screenshots/audit-detail.png' });
  await detail.getByRole('button', { name: '关闭' }).click();
  await expect(audit.dialog()).toBeHidden();

  // 导出Excel of the filtered view, read back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await (await download).path());
  const ws = wb.worksheets[0]!;
  const headerRow = [1, 2, 3].find((r) => ws.getRow(r).getCell(1).value === '时间')!;
  expect((ws.getRow(headerRow).values as unknown[]).slice(1)).toEqual(['时间', '操作人', '客户端', '类别', '操作', '内容', '原因']);
  const shown = await audit.summaries().count();
  expect(ws.rowCount - headerRow).toBe(shown);
  expect(String(ws.getRow(headerRow + 1).getCell(6).value)).toContain(`${name} · ${CRITERION}：${before || '空'} → ${after}`);
  expect(String(ws.getRow(headerRow + 1).getCell(1).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  const above = Array.from({ length: headerRow - 1 }, (_, i) => JSON.stringify(ws.getRow(i + 1).values)).join('');
  expect(above).toContain(`人员：${name}`);
});

test('操作日志: the whole log pages with 加载更多, and a person’s dialog in 组织人员 opens their log', async ({ demoHost }) => {
  const page = await demoHost.open('audit');
  const audit = new AuditPage(page);
  await expect(audit.count()).toHaveText('已显示 100 条，还有更早的记录');
  await page.screenshot({ path: 'test-results/screenshots/audit-page.png' });
  const newest = await audit.cell(0, 'summary').innerText();
  await page.getByRole('button', { name: '加载更多' }).click();
  await expect(audit.count()).toContainText('已显示 200 条');
  await expect(audit.cell(0, 'summary')).toHaveText(newest);

  // A worker on an award list has entries (修改事迹); open their log from the roster.
  const deeds = await rpc(page, demoHost, 'audit.list', { action: 'update-deeds', limit: 1 });
  const personName = deeds.rows[0]!.names.personId!;
  const personId = (deeds.rows[0]!.newValue as { personId: number }).personId;
  const person = await rpc(page, demoHost, 'people.get', { id: personId });
  await page.getByRole('link', { name: '组织人员' }).click();
  const roster = new PeoplePage(page);
  await roster.search(person.idNumber);
  await expect(page.locator('[role="gridcell"][col-id="name"]')).toHaveText([personName]);
  await page.locator('[role="gridcell"][col-id="name"]').first().dblclick();
  await page.getByRole('dialog').getByRole('link', { name: '操作记录' }).click();
  await expect(page.getByRole('heading', { name: '操作日志' })).toBeVisible();
  await expect(audit.personBox()).toHaveValue(personName);
  await expect(page.getByLabel('起始日期')).toHaveValue('');
  await expect(audit.summaries().first()).toBeVisible();
  for (const text of await audit.summaries().allInnerTexts()) expect(text).toContain(personName);
});
