/**
 * The office LAN end to end (issue 18): the 管理员 turns on 局域网访问 on 系统; a 管理员 and a 考核员 log in at once
 * from two browsers over https://127.0.0.1:port (cookies HttpOnly, Secure, SameSite=Strict); the 考核员 scores a cell
 * the 管理员 then sees; two people on one cell are asked to choose; a client outside the allowed range is refused.
 */
import { expect, test } from './fixtures';
import { AssessmentsPage } from './pages/assessments-page';
import { ADMIN, EVALUATOR, freePort, lanBrowser, lanLogin, OfficePc } from './pages/lan';

test('LAN: two browsers over HTTPS with cookies, a shared sheet, a conflicting edit, a refused client', async ({ host, page, browser }) => {
  test.setTimeout(120_000);
  const office = new OfficePc(page, host);
  await office.setUp();
  const port = await freePort();

  // 系统 → 局域网访问 on the office PC (as the 管理员, logged in)
  await page.goto(host.url);
  await page.getByRole('form', { name: '登录' }).getByLabel('用户名').fill(ADMIN.loginName);
  await page.getByRole('form', { name: '登录' }).getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('form', { name: '登录' }).getByLabel('密码').press('Enter');
  await page.getByRole('link', { name: '系统' }).click();
  const card = page.getByLabel('局域网访问', { exact: true });
  await expect(card.getByRole('status')).toHaveText('未开启');
  await expect(card.getByLabel('监听地址')).toHaveValue('127.0.0.1');
  // this machine's eth0 192.0.2.2 is TEST-NET, public: never offered (nor its IPv6 link-local address); its ULA is
  const offered = await card.getByLabel('监听地址').locator('option').allTextContents();
  expect(offered).toContain('127.0.0.1（lo）');
  expect(offered.join()).not.toContain('192.0.2.2');
  expect(offered.join()).not.toContain('fe80');
  await card.getByLabel('端口').fill(String(port));
  await card.getByRole('button', { name: '开启局域网访问' }).click();
  const url = `https://127.0.0.1:${port}/`;
  await expect(card.getByRole('status')).toHaveText('已开启 · 已登录 0 人');
  await expect(card.getByLabel('局域网访问地址')).toContainText(url);
  await expect(card.getByLabel('局域网访问地址')).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await card.scrollIntoViewIfNeeded();
  await page.setViewportSize({ width: 1366, height: 768 });
  await card.screenshot({ path: 'test-results/e2e/lan-card.png' });

  // two people at two PCs, at once
  const errors: string[] = [];
  const admin = await lanBrowser(browser, errors);
  const kh = await lanBrowser(browser, errors);
  await Promise.all([lanLogin(admin.page, url, ADMIN), lanLogin(kh.page, url, EVALUATOR)]);
  for (const c of [admin.context, kh.context]) {
    const cookies = await c.cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'grid_lan_session', httpOnly: true, secure: true, sameSite: 'Strict', domain: '127.0.0.1', path: '/' })]);
    expect(cookies[0]!.value).toMatch(/^[\w-]{43}$/);
  }
  expect(admin.page.url()).not.toContain(((await admin.context.cookies())[0]!).value);
  await expect(card.getByRole('status')).toHaveText('已开启 · 已登录 0 人'); // read when turned on
  await page.reload();
  await expect(page.getByLabel('局域网访问', { exact: true }).getByRole('status')).toHaveText('已开启 · 已登录 2 人');

  // the 考核员 scores 李四's 任务完成
  await kh.page.getByRole('link', { name: '月度考核' }).click();
  const khSheet = new AssessmentsPage(kh.page);
  const task = await khSheet.columnOf('任务完成');
  await expect(khSheet.cell(0, 'name')).toHaveText('李四');
  await expect(khSheet.cell(2, 'name')).toHaveCount(0); // 王五 of 河西社区 is not theirs
  await khSheet.cell(0, task).click();
  await kh.page.keyboard.type('50');
  await kh.page.keyboard.press('Enter');
  await expect(khSheet.cell(0, task)).toHaveText('50');

  // the 管理员 sees it
  await admin.page.getByRole('link', { name: '月度考核' }).click();
  const adminSheet = new AssessmentsPage(admin.page);
  await adminSheet.chooseUnit('固戍社区');
  await expect(admin.page.getByRole('combobox', { name: '考核人' })).toHaveValue('考核人甲');
  await expect(adminSheet.cell(0, task)).toHaveText('50');

  // both have 50 on screen; the 考核员 makes it 40, then the 管理员 (still seeing 50) types 45: asked to choose
  await khSheet.cell(0, task).click();
  await kh.page.keyboard.type('40');
  await kh.page.keyboard.press('Enter');
  await expect(khSheet.cell(0, task)).toHaveText('40');
  await adminSheet.cell(0, task).click();
  await admin.page.keyboard.type('45');
  await admin.page.keyboard.press('Enter');
  const dialog = admin.page.getByRole('dialog', { name: '此单元格已被他人修改' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('冲突的单元格')).toHaveText(/^李四·任务完成：李考核 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 改为 40（您看到的是 50，您要填 45）$/);
  await admin.page.screenshot({ path: 'test-results/e2e/lan-conflict.png' });
  await dialog.getByRole('button', { name: '用我的值覆盖' }).click();
  await expect(dialog).toBeHidden();
  await expect(adminSheet.cell(0, task)).toHaveText('45');
  await kh.page.reload();
  await expect(khSheet.cell(0, task)).toHaveText('45');

  // again, and this time the 管理员 keeps the other's value
  await khSheet.cell(0, task).click();
  await kh.page.keyboard.type('30');
  await kh.page.keyboard.press('Enter');
  await expect(khSheet.cell(0, task)).toHaveText('30');
  await adminSheet.cell(0, task).click();
  await admin.page.keyboard.type('35');
  await admin.page.keyboard.press('Enter');
  await expect(dialog).toContainText('改为 30（您看到的是 45，您要填 35）');
  await dialog.getByRole('button', { name: '保留对方的值' }).click();
  await expect(dialog).toBeHidden();
  await expect(adminSheet.cell(0, task)).toHaveText('30');

  // 操作日志 names each change's client
  await page.getByRole('link', { name: '操作日志' }).click();
  await expect(page.locator('[role="gridcell"][col-id="client"]').first()).toHaveText('127.0.0.1');

  // a client outside the allowed range is refused before anything else
  await office.call('lan.configure', { enabled: true, address: '127.0.0.1', port, allowed: '10.0.0.0/8', cert: 'generated', certPath: '', keyPath: '' });
  const refused = await kh.page.goto(url);
  expect(refused?.status()).toBe(403);
  await expect(kh.page.locator('body')).toContainText('您的电脑（地址 127.0.0.1）不在允许访问的范围内');

  await admin.context.close();
  await kh.context.close();
  expect(errors).toEqual([]);
});
