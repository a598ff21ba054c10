/**
 * Accounts end to end: the first 管理员 and a 考核员 made in 系统 → 账号管理, login turned on, 退出登录 shows the login
 * page, a wrong password is refused, the 考核员 sees and scores only their own units, and logs out.
 */
import { idCheckChar } from '../../src/shared/domain/idcard';
import { expect, rpc, test, type Host } from './fixtures';
import { AssessmentsPage } from './pages/assessments-page';
import type { Page } from '@playwright/test';
import { choicesOf, pickChoice } from './pages/pickers';
import { openTwoCriterionMonth } from './pages/test-month';

/** 固戍社区 (张三, 李四) and 河西社区 (王五), a published two-criterion scheme, an evaluator, October open. */
async function setUp(page: Page, host: Host) {
  const street = await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const c1 = await rpc(page, host, 'org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
  const c2 = await rpc(page, host, 'org.create', { parentId: street.id, kind: 'community', name: '河西社区', code: 'C2' });
  const g1 = await rpc(page, host, 'org.create', { parentId: c1.id, kind: 'grid_basic', name: '第01网格', code: 'C1G1' });
  const g2 = await rpc(page, host, 'org.create', { parentId: c2.id, kind: 'grid_basic', name: '第01网格', code: 'C2G1' });
  for (const [i, [name, unitId]] of ([['张三', g1.id], ['李四', g1.id], ['王五', g2.id]] as const).entries()) {
    const first17 = `44030619900515${String(101 + i * 2).padStart(3, '0')}`; // odd sequence: 男
    await rpc(page, host, 'people.create', { name, gender: '男', idNumber: first17 + idCheckChar(first17), hireDate: '2024-01-01', roles: ['网格员'], unitId });
  }
  await rpc(page, host, 'assessments.createEvaluator', { name: '考核人甲', group: '' });
  await rpc(page, host, 'assessments.createEvaluator', { name: '考核人乙', group: '' });
  await openTwoCriterionMonth((name, input) => rpc(page, host, name, input));
}

async function login(page: Page, loginName: string, password: string) {
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(loginName);
  await form.getByLabel('密码').fill(password);
  await form.getByLabel('密码').press('Enter');
}

test('accounts: first admin turns login on, an evaluator logs in and scores only their own units', async ({ host, page }) => {
  test.setTimeout(90_000);
  await setUp(page, host);
  await host.open('system');
  const card = page.getByLabel('账号管理');
  await expect(card).toContainText('未启用登录');
  await expect(card).toContainText('建立第一个账号（必须是管理员）后即启用登录');

  // the first account: a 管理员, and the dialog says login will be on
  await card.getByRole('button', { name: '新建管理员账号' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('建立后即启用登录');
  await expect(dialog.getByLabel('角色')).toBeDisabled();
  await dialog.getByLabel('用户名').fill('admin');
  await dialog.getByLabel('姓名').fill('王主任');
  await dialog.getByLabel('密码', { exact: true }).fill('Wangzr-2026!');
  await dialog.getByLabel('确认密码').fill('Wangzr-2026!');
  await dialog.getByRole('button', { name: '建立账号' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.toast').filter({ hasText: '登录已启用' })).toBeVisible();
  await expect(card).toContainText('已启用登录');
  await expect(page.getByLabel('当前用户')).toContainText('当前用户：王主任（管理员）');

  // a 考核员 for 固戍社区, scoring as 考核人甲; a short password is refused first
  await card.getByRole('button', { name: '新建账号' }).click();
  await dialog.getByLabel('用户名').fill('zhao');
  await dialog.getByLabel('姓名').fill('赵考核');
  await dialog.getByLabel('角色').selectOption({ label: '考核员' });
  await pickChoice(dialog.getByLabel('以考核人身份打分'), '考核人甲');
  // the units are found by pinyin initials (固戍社区 → gssq); the others are out of the way
  await dialog.getByLabel('查找负责单位').fill('gssq');
  await expect(dialog.getByRole('checkbox', { name: '河西社区', exact: true })).toBeHidden();
  await expect(dialog.getByRole('group', { name: '负责单位' }).locator('mark')).toHaveText(['固戍社区']);
  await dialog.getByRole('checkbox', { name: '固戍社区', exact: true }).check();
  await dialog.getByLabel('查找负责单位').fill('');
  await expect(dialog.getByRole('checkbox', { name: '河西社区', exact: true })).toBeVisible();
  await dialog.getByLabel('密码', { exact: true }).fill('short');
  await dialog.getByLabel('确认密码').fill('short');
  await dialog.getByRole('button', { name: '建立账号' }).click();
  await expect(dialog.getByText('密码至少8位').first()).toBeVisible();
  await dialog.getByLabel('密码', { exact: true }).fill('kaohe-pass-1');
  await dialog.getByLabel('确认密码').fill('kaohe-pass-1');
  await dialog.getByRole('button', { name: '建立账号' }).click();
  await expect(dialog).toBeHidden();
  const row = card.getByRole('row').filter({ hasText: 'zhao' });
  await expect(row).toContainText('赵考核');
  await expect(row).toContainText('考核员');
  await expect(row).toContainText('固戍社区');
  await expect(row).toContainText('考核人甲');

  // 退出登录: the login page
  await page.getByRole('button', { name: '退出登录' }).click();
  const form = page.getByRole('form', { name: '登录' });
  await expect(form).toBeVisible();
  await expect(page.getByLabel('主导航')).toBeHidden();

  // a wrong password
  await login(page, 'zhao', 'wrong-password');
  await expect(form.getByRole('alert')).toHaveText('用户名或密码不正确（在本窗口连续输错5次将锁定5分钟）');

  // the 考核员 logs in and sees only their units on the scoring page
  await login(page, 'zhao', 'kaohe-pass-1');
  await expect(page.getByLabel('当前用户')).toContainText('当前用户：赵考核（考核员）');
  await page.getByRole('link', { name: '月度考核' }).click();
  const months = new AssessmentsPage(page);
  const unit = page.getByRole('combobox', { name: '单位' });
  expect(await choicesOf(unit)).toEqual(['固戍社区']);
  expect(await choicesOf(page.getByRole('combobox', { name: '考核人' }))).toEqual(['考核人甲']);
  await expect(page.getByRole('button', { name: '开启月份' })).toHaveCount(0);
  const task = await months.columnOf('任务完成');
  await expect(months.cell(0, 'name')).toHaveText('李四'); // by pinyin; 王五 of 河西社区 is not there
  await expect(months.cell(1, 'name')).toHaveText('张三');
  await expect(months.cell(2, 'name')).toHaveCount(0);

  // scores a cell: saved as they commit it
  await months.cell(1, task).click();
  await page.keyboard.type('55');
  await page.keyboard.press('Enter');
  await expect(months.cell(1, task)).toHaveText('55');
  // the token alone no longer reads anything
  const u = new URL(host.url);
  const bare = await page.request.post(`${u.origin}/rpc/assessments.months`, { data: {}, headers: { 'x-grid-token': u.searchParams.get('token')! } });
  expect(await bare.json()).toEqual({ ok: false, error: { code: 'LOGIN_REQUIRED', message: '请先登录' } });

  // logs out
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(form).toBeVisible();
  await login(page, 'admin', 'Wangzr-2026!');
  await expect(page.getByLabel('当前用户')).toContainText('王主任');
  // the score was saved: the 管理员 sees it, with 河西社区 in the unit list again
  await page.getByRole('link', { name: '月度考核' }).click();
  await expect.poll(() => choicesOf(unit)).toEqual(['全部', '固戍社区', '河西社区']);
  await months.chooseUnit('固戍社区');
  await expect(page.getByRole('combobox', { name: '考核人' })).toHaveValue('考核人甲');
  await expect(months.cell(1, task)).toHaveText('55');
});
