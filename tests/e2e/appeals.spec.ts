/**
 * 申诉复核 and 极端分说明 through the UI: an appeal against a finalised month's result, reviewed as 更正, the score
 * changed on the scoring page and the month finalised again, the chain in 操作日志; and a 100-point sheet asking for
 * its reason on the scoring page.
 */
import { expect, rpc, test } from './fixtures';
import { AppealsPage } from './pages/appeals-page';
import { AssessmentsPage } from './pages/assessments-page';
import { pickChoice } from './pages/pickers';

const shot = (name: string) => `test-results/screenshots/${name}.png`;

test('file an appeal, correct the score through it, see the chain in 操作日志', async ({ demoHost }) => {
  test.setTimeout(150_000);
  const page = await demoHost.open('home');
  // the demo street's newest finalised month, its first evaluator, and the first worker of the street in its sheet
  const month = (await rpc(page, demoHost, 'assessments.months', {})).find((m) => m.status === 'finalised')!;
  const evaluatorId = month.evaluatorIds[0]!;
  const evaluator = (await rpc(page, demoHost, 'assessments.evaluators', {})).find((e) => e.id === evaluatorId)!;
  const sheet = await rpc(page, demoHost, 'assessments.sheet', { monthId: month.id, unitId: null, evaluatorId });
  const worker = sheet.rows[0]!;
  expect(worker.exemptReason).toBe('');
  const person = await rpc(page, demoHost, 'people.get', { id: worker.personId });
  const subject = `${month.period} ${month.schemeName}`;

  // 登记申诉
  const appeals = new AppealsPage(page);
  await appeals.open();
  await expect(page.getByLabel('申诉期限')).toContainText('归档后 15 天内');
  await appeals.file(person.idNumber, worker.name, subject, '任务完成情况漏记了两次入户走访');
  const [filed] = await rpc(page, demoHost, 'appeals.list', {});
  expect(filed).toMatchObject({ name: worker.name, subject, status: 'open' });
  await expect(appeals.row(filed!.id)).toContainText('待复核');
  await page.screenshot({ path: shot('appeals-list'), fullPage: true });

  // 复核: 更正 reopens the month
  await appeals.row(filed!.id).locator('[col-id="name"]').click();
  await page.getByRole('button', { name: '复核', exact: true }).click();
  await appeals.dialog().getByLabel('更正').check();
  await appeals.dialog().getByLabel('复核意见').fill('经核实漏记两次走访，应加0.5分');
  await expect(appeals.dialog()).toContainText(`原因记为“申诉#${filed!.id} 更正：…”`);
  await page.screenshot({ path: shot('appeals-review-dialog') });
  await appeals.dialog().getByRole('button', { name: '更正并重新开启' }).click();
  await expect(appeals.dialog()).toBeHidden();
  await appeals.showAll();
  await expect(appeals.row(filed!.id)).toContainText('已更正');
  await expect(appeals.row(filed!.id)).toContainText('已重新开启');
  await appeals.row(filed!.id).locator('[col-id="name"]').click();
  await expect(page.getByLabel('更正提示')).toContainText(`${subject}已重新开启`);

  // the score changed on the scoring page, the month finalised again
  await page.getByRole('link', { name: '去修改分数' }).click();
  const months = new AssessmentsPage(page);
  await expect(page.getByLabel('考核状态')).toHaveText('录入中');
  await pickChoice(page.getByRole('combobox', { name: '考核人' }), evaluator.group ? `${evaluator.name}（${evaluator.group}）` : evaluator.name);
  await expect(months.cell(0, 'name')).toHaveText(worker.name);
  const criterion = sheet.criteria.find((c) => c.kind === 'score')!;
  const before = worker.values[criterion.id]!;
  const after = before >= criterion.max ? before - 50 : before + 50;
  await months.cell(0, `c${criterion.id}`).dblclick();
  await page.keyboard.type(String(after / 100));
  await page.keyboard.press('Enter');
  await expect(months.cell(0, `c${criterion.id}`)).toHaveText(String(after / 100));
  await expect.poll(async () => (await rpc(page, demoHost, 'assessments.sheet', { monthId: month.id, unitId: null, evaluatorId })).rows[0]!.values[criterion.id]).toBe(after);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '归档' }).click();
  await expect(page.getByLabel('考核状态')).toHaveText('已归档');

  // 已更正, and its chain in 操作日志: 申诉 → 复核更正 → 重新开启 → 打分 → 归档
  await appeals.open();
  await appeals.showAll();
  await expect(appeals.row(filed!.id)).toContainText('已更正');
  await expect(appeals.row(filed!.id).locator('[col-id="result"]')).not.toContainText('已重新开启');
  await appeals.row(filed!.id).locator('[col-id="name"]').click();
  await page.getByRole('button', { name: '查看操作日志' }).click();
  await expect(page.getByRole('heading', { name: '操作日志' })).toBeVisible();
  await expect(page.getByLabel('申诉筛选', { exact: true })).toContainText(`申诉#${filed!.id}`);
  await expect(page.getByLabel('日志条数')).toHaveText('已显示 5 条');
  const log = (row: number, col: string) => page.locator(`[role="row"][row-index="${row}"] [role="gridcell"][col-id="${col}"]`);
  for (const [i, action] of ['归档', '打分', '重新开启', '复核更正', '提出申诉'].entries()) await expect(log(i, 'actionLabel')).toHaveText(action);
  await expect(log(0, 'reason')).toHaveText(`更正申诉#${filed!.id}后重新归档`);
  await expect(log(1, 'summary')).toContainText(`${worker.name} · ${criterion.name}`);
  await expect(log(2, 'reason')).toHaveText(`申诉#${filed!.id} 更正：经核实漏记两次走访，应加0.5分`);
  await page.screenshot({ path: shot('appeals-audit-chain'), fullPage: true });

  // 首页 待办 has no appeal waiting now
  const home = await rpc(page, demoHost, 'analysis.home', {});
  expect(home.todo.appeals.count).toBe(0);
});

test('a 100-point sheet asks for a reason on the scoring page', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('home');
  // the demo street's month in progress: one worker's sheet left one cell short of full marks
  const month = (await rpc(page, demoHost, 'assessments.months', {})).find((m) => m.status === 'open')!;
  const evaluator = (await rpc(page, demoHost, 'assessments.evaluators', {})).find((e) => month.evaluatorIds.includes(e.id))!;
  const sheet = await rpc(page, demoHost, 'assessments.sheet', { monthId: month.id, unitId: null, evaluatorId: evaluator.id });
  const worker = sheet.rows.find((r) => !r.exemptReason)!;
  const scored = sheet.criteria.filter((c) => c.kind === 'score');
  const [last, ...rest] = [...scored].reverse();
  await rpc(page, demoHost, 'assessments.saveScores', {
    monthId: month.id,
    evaluatorId: evaluator.id,
    cells: [
      ...sheet.criteria.filter((c) => c.kind !== 'score').map((c) => ({ personId: worker.personId, criterionId: c.id, value: null })),
      ...rest.map((c) => ({ personId: worker.personId, criterionId: c.id, value: c.max })),
      { personId: worker.personId, criterionId: last!.id, value: null },
    ],
  });

  await page.goto(`${demoHost.url}#/assessments?month=${month.id}&evaluator=${evaluator.id}&tab=score`);
  const months = new AssessmentsPage(page);
  await months.chooseUnit('全部');
  await expect(months.cell(0, 'name')).toHaveText(worker.name);
  await expect(months.cell(0, 'reason')).toHaveText('');
  // the last cell typed in: the sheet reaches 100 and asks for its reason
  await months.cell(0, `c${last!.id}`).dblclick();
  await page.keyboard.type(String(last!.max / 100));
  await page.keyboard.press('Enter');
  await expect(months.cell(0, 'sheetTotal')).toHaveText('100.00');
  await expect(months.cell(0, 'reason')).toHaveText('需填写说明');
  await expect(page.getByRole('button', { name: /待填说明 \d+/ })).toBeVisible();
  // keyboard: to the 评分说明 cell and Enter
  await months.cell(0, 'reason').click();
  await page.keyboard.press('Escape');
  await months.cell(0, 'reason').press('Enter');
  await expect(months.dialog()).toContainText('合计100分，达到100分需填写说明');
  await page.screenshot({ path: shot('scoring-reason-dialog') });
  await months.dialog().getByLabel('说明（事实、依据）').fill('本月独立化解重大矛盾纠纷三起，各项工作均无差错');
  await months.dialog().getByRole('button', { name: '保存' }).click();
  await expect(months.dialog()).toBeHidden();
  await expect(months.cell(0, 'reason')).toHaveText('本月独立化解重大矛盾纠纷三起，各项工作均无差错');
  await page.screenshot({ path: shot('scoring-reason-given') });
  // the month's results list the sheets still lacking a reason
  await page.getByRole('tab', { name: '结果' }).click();
  await expect(page.getByLabel('评分说明', { exact: true })).toContainText('评分说明：合计达到高分线或低于低分线的考核表');
  await page.screenshot({ path: shot('results-reasons') });
  // the scheme editor sets the lines (blank: the full score and 60)
  await page.getByRole('link', { name: '考核方案' }).click();
  await page.getByText(month.schemeName, { exact: true }).first().click();
  await expect(page.getByRole('heading', { name: '极端分说明' })).toBeVisible();
  await page.getByLabel('低分线（低于需说明）').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('scheme-reason-lines') });
  const extreme = await rpc(page, demoHost, 'assessments.extremeSheets', { monthId: month.id });
  expect(extreme.find((x) => x.personId === worker.personId && x.evaluatorId === evaluator.id)?.reason).toBe('本月独立化解重大矛盾纠纷三起，各项工作均无差错');
});
