/**
 * The searchable pickers, driven from the keyboard: a unit found by pinyin initials in the person dialog and a person
 * by a fragment of the name, each taken with Enter without the dialog closing, then Enter saves. And 组织人员's tree
 * counts agree with its list after a transfer dated in the future, today and on a chosen date.
 */
import { expect, rpc, test } from './fixtures';
import { PeoplePage } from './pages/people-page';
import { StarsPage } from './pages/stars-page';
import { choicesOf, pickChoice } from './pages/pickers';
import { idCheckChar } from '../../src/shared/domain/idcard';

const idOf = (first17: string) => first17 + idCheckChar(first17);
const SHOTS = 'test-results/screenshots';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('choose a unit and a person by typing, Enter chooses then Enter saves; tree counts follow the list', async ({ host }) => {
  const page = await host.open('people');
  await page.setViewportSize({ width: 1366, height: 768 });
  const roster = new PeoplePage(page);
  await roster.createStreet('测试街道');
  await roster.addChildUnit('测试街道', '社区', '幸福社区');
  await roster.addChildUnit('幸福社区', '基础网格', '第一网格');
  await expect(roster.treeItem('第一网格')).toBeVisible();
  await roster.addChildUnit('幸福社区', '基础网格', '第二网格');
  await expect(roster.treeItem('第二网格')).toBeVisible();

  // 新增人员 from the street: the unit is typed as pinyin initials (第一网格 → dywg) and taken with Enter
  await roster.selectUnit('测试街道');
  const d = await roster.openNewPerson();
  await d.getByLabel('姓名').fill('张三');
  await d.getByLabel('身份证号').fill(idOf('44030619900512123'));
  await d.getByLabel('身份证号').press('Tab');
  await d.getByLabel('入职日期').fill('2024-01-01');
  const unitBox = d.getByLabel('所属单位');
  const units = page.getByRole('listbox', { name: '可选单位' });
  // ↓ opens the tree as it stands: the street, its community (open it with →), no unit chosen yet
  await unitBox.press('ArrowDown');
  await expect(units.getByRole('option', { name: '幸福社区', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(units.getByRole('option', { name: '幸福社区 / 第一网格', exact: true })).toHaveCount(0);
  await unitBox.press('ArrowRight');
  await expect(units.getByRole('option', { name: '幸福社区 / 第一网格', exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/picker-unit-tree.png` });
  await unitBox.fill('dyw');
  // the match shows under its community, its initials marked
  await expect(units.getByRole('option', { name: '幸福社区 / 第一网格', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(units.getByRole('option', { name: '幸福社区', exact: true })).toBeVisible();
  await expect(units.getByRole('option', { name: '幸福社区 / 第二网格', exact: true })).toHaveCount(0);
  await expect(units.locator('mark')).toHaveText(['第一网']);
  await page.screenshot({ path: `${SHOTS}/picker-unit.png` });
  // Esc closes the list, not the dialog
  await unitBox.press('Escape');
  await expect(units).toBeHidden();
  await expect(d).toBeVisible();
  await unitBox.fill('dyw');
  await unitBox.press('Enter');
  await expect(units).toBeHidden();
  await expect(d).toBeVisible();
  await expect(unitBox).toHaveValue('幸福社区 / 第一网格');
  // with the list closed, Enter saves the dialog
  await unitBox.press('Enter');
  await expect(d).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已新增“张三”' })).toBeVisible();

  // 李四 in 第一网格, transferred to 第二网格 from a date 20 days ahead
  const { today } = await rpc(page, host, 'system.info', {});
  const tree = await rpc(page, host, 'org.tree', {});
  const unitId = (name: string) => tree.find((u) => u.name === name)!.id;
  const li = await rpc(page, host, 'people.create', {
    name: '李四',
    gender: '女',
    idNumber: idOf('44030619920304124'),
    hireDate: '2024-01-01',
    roles: ['网格员'],
    unitId: unitId('第一网格'),
  });
  const later = addDays(today, 20);
  await rpc(page, host, 'people.transfer', { id: li.id, unitId: unitId('第二网格'), date: later, reason: '工作需要' });

  // today the tree counts both in 第一网格, as the list does
  await page.reload();
  await roster.expand('幸福社区');
  const count = (name: string) => roster.treeItem(name).locator('> .tree-row .tree-count');
  await expect(count('幸福社区')).toHaveText('2');
  await expect(count('第一网格')).toHaveText('2');
  await expect(count('第二网格')).toHaveText('0');
  await roster.showUnit('第一网格');
  expect(await roster.names()).toHaveLength(2);
  // on a date after the transfer: one each, in the tree and in the list
  await page.getByLabel('查询日期').fill(addDays(later, 1));
  await page.getByLabel('查询日期').press('Tab');
  await expect(count('第一网格')).toHaveText('1');
  await expect(count('第二网格')).toHaveText('1');
  await expect(roster.count()).toContainText('1');
  expect(await roster.names()).toEqual(['张三']);

  // a person found by a fragment of the name in 通报批评记录's dialog: Enter takes 李四, Enter then saves
  await host.open('stars');
  const stars = new StarsPage(page);
  await stars.tab('通报批评记录');
  await page.getByRole('button', { name: '新增记录' }).click();
  const dialog = stars.dialog();
  await dialog.getByLabel('事由').fill('巡查脱岗，街道督查通报');
  const personBox = dialog.getByRole('combobox', { name: '人员' });
  await personBox.fill('四');
  const people = page.getByRole('listbox', { name: '匹配的人员' });
  await expect(people.getByRole('option')).toHaveCount(1);
  await expect(people.getByRole('option', { selected: true }).locator('.name')).toHaveText('李四');
  await expect(people.locator('mark')).toHaveText('四');
  await page.screenshot({ path: `${SHOTS}/picker-person.png` });
  await personBox.press('Enter');
  await expect(people).toBeHidden();
  await expect(personBox).toHaveValue('李四');
  await expect(dialog).toBeVisible();
  await personBox.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(stars.toast('已登记李四的通报批评')).toBeVisible();
});

test('the filters of the demo street: a community by its initials, an evaluator from the whole list, 全部 by typing', async ({ demoHost, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await demoHost.open('assessments');
  const unitBox = page.getByRole('combobox', { name: '单位' });
  await expect(unitBox).toHaveValue('固戍社区'); // the first community, as before
  // hx: 河西社区 first, its initials marked; Enter takes it and the sheet narrows to its people
  await unitBox.click();
  await unitBox.fill('hx');
  const units = unitBox.locator('xpath=..').getByRole('listbox');
  await expect(units.getByRole('option', { selected: true })).toHaveAccessibleName('河西社区');
  await expect(units.getByRole('option', { selected: true }).locator('mark')).toHaveText('河西');
  await page.screenshot({ path: `${SHOTS}/picker-community.png` });
  await unitBox.press('Enter');
  await expect(units).toBeHidden();
  await expect(unitBox).toHaveValue('河西社区');
  await expect(page.locator('[role="row"][row-index="0"] [col-id="unitPath"]')).toContainText('河西社区');
  // ↓ on the evaluator box shows every evaluator of the scheme, the current one highlighted; Esc leaves it as it was
  const evaluatorBox = page.getByRole('combobox', { name: '考核人' });
  const current = await evaluatorBox.inputValue();
  expect(await choicesOf(evaluatorBox)).toContain(current);
  await expect(evaluatorBox).toHaveValue(current);
  // 全部 is found by typing too
  await pickChoice(unitBox, '全部');
  await expect(unitBox).toHaveValue('全部');
});
