import { expect, test } from './fixtures';
import { SchemesPage } from './pages/schemes-page';

const SEVEN = ['人口信息', '宣传动员', '回应诉求', '带动自治', '关爱巡访', '安全排查', '参会培训'];

test('build a scheme from the seed-003 template and publish it', async ({ host }) => {
  const page = await host.open('schemes');
  const s = new SchemesPage(page);

  await page.getByRole('button', { name: '新建方案' }).first().click();
  await expect(s.dialog().getByLabel('方案名称')).toHaveValue('微网格长月度考核');
  await expect(s.dialog().getByRole('radio', { name: /微网格长月度考核/ })).toBeChecked();
  await s.shot('new-dialog');
  await s.dialog().getByRole('button', { name: '取消' }).click();
  await expect(s.dialog()).toBeHidden();

  await s.create('微网格长月度考核');
  await expect(s.title()).toHaveText('微网格长月度考核');
  await expect(s.editor().getByLabel('方案名称')).toHaveValue('微网格长月度考核');
  await expect(s.editor().getByText('第1版 草稿')).toBeVisible();
  await expect(s.cell('特殊群体走访', 'max')).toHaveText('15');
  expect(await s.categories()).toEqual(SEVEN);
  await expect(s.sum()).toHaveText(/各项分值合计\s*100\s*分\s*\/\s*满分\s*100\s*分/);
  await expect(s.sum()).toHaveClass(/\bok\b/);
  await expect(s.listItem('微网格长月度考核')).toContainText('草稿');
  await s.shot('template');

  await s.publish();
  await expect(page.getByRole('status').filter({ hasText: '已发布第1版' })).toBeVisible();
  await expect(s.listItem('微网格长月度考核')).toContainText('第1版 已发布');
  await expect(s.listItem('微网格长月度考核')).not.toContainText('草稿');
  await expect(s.editor().getByRole('note')).toHaveText(/已发布的版本不会被修改；保存后生成第2版草稿，已考核的月份仍使用原版本/);
  await s.publish();
  await expect(page.getByRole('status').filter({ hasText: '第1版已发布，没有新的修改需要发布' })).toBeVisible();
  await s.shot('published');

  await page.setViewportSize({ width: 1366, height: 768 });
  await s.shot('published-1366');
});

test('a sum that misses the full score is refused; fixing it publishes version 2', async ({ host }) => {
  const page = await host.open('schemes');
  const s = new SchemesPage(page);
  await s.create('微网格长月度考核');
  await s.publish();
  await expect(s.listItem('微网格长月度考核')).toContainText('第1版 已发布');

  // 政策宣传 10 → 5: the sum drops to 95 and turns red.
  await s.setCell('政策宣传', 'max', '5');
  await expect(s.sum()).toContainText(/合计\s*95\s*分/);
  await expect(s.sum()).toHaveClass(/\bbad\b/);
  await expect(s.editor().getByText('有未保存的修改')).toBeVisible();

  await s.publish();
  await expect(s.issues()).toContainText('各项指标分值合计95分，与满分100分不一致');
  await expect(s.editor().getByLabel('满分')).toHaveAttribute('aria-invalid', 'true');
  await expect(s.editor().getByText('第2版 草稿')).toBeVisible();
  await expect(s.listItem('微网格长月度考核')).toContainText('第1版 已发布');
  await expect(s.listItem('微网格长月度考核')).toContainText('草稿');
  await s.shot('sum-refused');

  // Back to 10, straight from the open cell to 发布: the edit is committed, saved and published as version 2.
  await s.typeInCell('政策宣传', 'max', '10');
  await s.publish();
  await expect(s.sum()).toHaveClass(/\bok\b/);
  await expect(page.getByRole('status').filter({ hasText: '已发布第2版' })).toBeVisible();
  await expect(s.issues()).toBeHidden();
  await expect(s.listItem('微网格长月度考核')).toContainText('第2版 已发布');
  await expect(s.versionSelect().locator('option')).toHaveCount(2);
  const options = await s.versionSelect().locator('option').allInnerTexts();
  expect(options[0]).toMatch(/^第2版 · 已发布/);
  expect(options[1]).toMatch(/^第1版 · 已发布/);

  // Version 1 is shown read-only.
  await s.versionSelect().selectOption({ label: options[1]! });
  await expect(s.editor().getByRole('note')).toContainText('正在查看第1版');
  await expect(s.button('回到当前版本')).toBeVisible();
  await expect(s.button('发布')).toBeHidden();
  await expect(s.editor().getByLabel('方案名称')).toHaveJSProperty('readOnly', true);
  await s.shot('version-1');
  await s.button('回到当前版本').click();
  await expect(s.editor().getByText('第2版 已发布')).toBeVisible();
});

test('grade bands with a gap are refused in Chinese', async ({ host }) => {
  const page = await host.open('schemes');
  const s = new SchemesPage(page);
  await s.create('微网格长月度考核', '微网格长考核（等次测试）');
  await expect(s.title()).toHaveText('微网格长考核（等次测试）');

  const good = s.editor().getByLabel('良好下限');
  await expect(good).toHaveValue('80');
  await good.fill('81');
  await expect(page.getByTestId('bands-error')).toHaveText('等次之间有空档：“合格”到80分，“良好”从81分起');

  await s.publish();
  await expect(s.issues()).toContainText('等次之间有空档：“合格”到80分，“良好”从81分起');
  await expect(s.listItem('微网格长考核（等次测试）')).not.toContainText('已发布');
  await s.shot('bands-gap');

  // An overlap is named as one too; the right bounds publish.
  await good.fill('79');
  await expect(page.getByTestId('bands-error')).toContainText('等次重叠');
  await good.fill('80');
  await expect(page.getByTestId('bands-error')).toBeHidden();
  await s.publish();
  await expect(s.listItem('微网格长考核（等次测试）')).toContainText('第1版 已发布');
});

test('edit the criteria grid and the evaluator groups with the keyboard and buttons', async ({ host }) => {
  const page = await host.open('schemes');
  const s = new SchemesPage(page);
  await s.create('网格员月度考核');
  await expect(s.title()).toHaveText('网格员月度考核');
  await expect(s.sum()).toHaveClass(/\bok\b/);

  // Evaluator groups: 街道中心 60% + 社区 40%; a wrong weight shows at once.
  await expect(s.editor().getByLabel('第1个考核组名称')).toHaveValue('街道中心');
  await expect(page.getByTestId('weights-sum')).toHaveText(/权重合计 100%/);
  await s.editor().getByLabel('第2个考核组权重').fill('30');
  await expect(page.getByTestId('weights-sum')).toHaveText(/权重合计 90%（应为100%）/);

  // Bonus and veto items take no points: their 分值 is not editable.
  await expect(s.cell('获上级表扬或表彰', 'max')).toHaveText('—');
  await expect(s.cell('获上级表扬或表彰', 'cap')).toHaveText('5');

  // A new row under 任务完成情况, typed in place; then 分值 5 makes the sum 105.
  await s.cell('任务完成情况', 'name').click();
  await s.editor().getByRole('button', { name: '添加指标' }).click();
  const editing = page.locator('.criteria-grid [col-id="name"] input');
  await expect(editing).toBeFocused();
  await editing.fill('临时交办任务');
  await editing.press('Enter');
  await expect(s.cell('临时交办任务', 'category')).toHaveText('业务工作');
  await expect(s.cell('临时交办任务', 'index')).toHaveText('2');
  await s.setCell('临时交办任务', 'max', '5');
  await expect(s.sum()).toContainText(/合计\s*105\s*分/);
  await expect(s.sum()).toHaveClass(/\bbad\b/);

  // 下移 and 上移 move the chosen row; 删除 removes it and the sum is right again.
  await s.cell('临时交办任务', 'name').click();
  await s.editor().getByRole('button', { name: '下移' }).click();
  await expect(s.cell('临时交办任务', 'index')).toHaveText('3');
  await s.editor().getByRole('button', { name: '上移' }).click();
  await expect(s.cell('临时交办任务', 'index')).toHaveText('2');
  await s.shot('grid-worker');
  await s.editor().getByRole('button', { name: '删除', exact: true }).click();
  await expect(s.row('临时交办任务')).toHaveCount(0);
  await expect(s.sum()).toHaveClass(/\bok\b/);

  // The weights are refused on publish until they add up to 100%.
  await s.publish();
  await expect(s.issues()).toContainText('各考核组权重合计应为100%，现为90%');
  await s.editor().getByLabel('第2个考核组权重').fill('40');
  await s.publish();
  await expect(s.listItem('网格员月度考核')).toContainText('第1版 已发布');
});
