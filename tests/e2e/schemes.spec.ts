import { expect, rpc, test } from './fixtures';
import { PeriodsPage } from './pages/periods';
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

test('grade band limits follow each other; bands that still cannot work are refused in Chinese, naming the band', async ({ host }) => {
  const page = await host.open('schemes');
  const s = new SchemesPage(page);
  await s.create('微网格长月度考核', '微网格长考核（等次测试）');
  await expect(s.title()).toHaveText('微网格长考核（等次测试）');

  // a lower limit moves the upper limit of the band below: no gap, no overlap
  const good = s.editor().getByLabel('良好下限');
  await expect(good).toHaveValue('80');
  await good.fill('81');
  await expect(s.editor().getByLabel('合格上限', { exact: true })).toHaveValue('81');
  await expect(page.getByTestId('bands-error')).toBeHidden();

  // a lower limit above the band's own upper limit is named at once, and refused on publish
  await good.fill('95');
  await expect(page.getByTestId('bands-error')).toHaveText('“良好”的上限应大于下限');
  await s.publish();
  await expect(s.issues()).toContainText('“良好”的上限应大于下限');
  await expect(s.listItem('微网格长考核（等次测试）')).not.toContainText('已发布');
  await s.shot('bands-gap');

  // the right bounds publish
  await good.fill('80');
  await expect(page.getByTestId('bands-error')).toBeHidden();
  await expect(s.editor().getByLabel('合格上限', { exact: true })).toHaveValue('80');
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

test('复制方案 and 复制为新版本, band limits that follow, 考核组 from a list, 扣分止于 in words, the last row clear of the scrollbar', async ({ host }) => {
  test.setTimeout(120_000);
  const page = await host.open('schemes');
  const s = new SchemesPage(page);
  const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
  await s.create('网格员月度考核');
  await s.publish();
  await expect(s.listItem('网格员月度考核')).toContainText('第1版 已发布');

  // 扣分止于 says what each choice does, in the cell and in its list
  await expect(s.cell('考勤', 'floor')).toHaveText('扣完本类为止');
  await s.cell('考勤', 'floor').dblclick();
  await page.locator('.criteria-grid .ag-cell-inline-editing [role="combobox"]').click();
  const choices = page.locator('.ag-select-list .ag-list-item');
  await expect(choices).toHaveText(['扣完本项为止', '扣完本类为止']);
  await s.shot('floor-choices');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(s.cell('考勤', 'floor')).toHaveText('扣完本类为止');

  // 复制方案: a new name, checked as it is typed; everything copied into the new scheme's draft
  await s.button('复制方案').click();
  const name = s.dialog().getByLabel('新方案名称');
  await expect(name).toHaveValue('网格员月度考核（副本）');
  await name.fill('网格员月度考核');
  await expect(name).toHaveAccessibleDescription('已有名为“网格员月度考核”的方案，请换一个名称');
  await expect(s.dialog().getByRole('button', { name: '复制' })).toBeDisabled();
  await name.fill('网格员月度考核（截尾平均）');
  await s.shot('copy-dialog');
  await name.press('Enter');
  await expect(status('已复制为“网格员月度考核（截尾平均）”，当前为第1版草稿')).toBeVisible();
  await expect(s.title()).toHaveText('网格员月度考核（截尾平均）');
  await expect(s.listItem('网格员月度考核（截尾平均）')).toHaveAttribute('aria-selected', 'true');
  await expect(s.editor().getByText('第1版 草稿')).toBeVisible();
  await expect(s.cell('考勤', 'floor')).toHaveText('扣完本类为止');
  await expect(s.sum()).toHaveClass(/\bok\b/);
  await expect(s.editor().getByLabel('第1个考核组名称')).toHaveValue('街道中心');
  await expect(s.editor().getByLabel('第2个考核组权重')).toHaveValue('40');

  // 考核组 from the list of those in use; a new one only through 新增考核组
  await s.editor().getByLabel('第2个考核组权重').fill('30');
  await s.editor().getByRole('button', { name: '添加考核组' }).click();
  const third = s.editor().getByLabel('第3个考核组名称', { exact: true });
  await expect(third.locator('option')).toHaveText(['请选择考核组', '街道中心（2个方案）', '社区（2个方案）', '＋ 新增考核组…']);
  await third.selectOption({ label: '＋ 新增考核组…' });
  await s.editor().getByLabel('第3个考核组名称（新增）').fill('街道综治办');
  await s.editor().getByLabel('第3个考核组权重').fill('10');
  await expect(page.getByTestId('weights-sum')).toHaveText(/权重合计 100%/);
  await s.shot('groups');

  // band limits follow: the lower limit of 优秀 is the upper limit of 良好, live
  await s.editor().getByLabel('优秀下限').fill('92');
  await expect(s.editor().getByLabel('良好上限')).toHaveValue('92');
  await s.editor().getByLabel('合格上限', { exact: true }).fill('75');
  await expect(s.editor().getByLabel('良好下限')).toHaveValue('75');
  await expect(page.getByTestId('bands-error')).toBeHidden();
  await s.shot('bands-follow');
  // the first scheme's 已发布第1版 gone first (a toast stays 3 s; a slow run gets here sooner), so this one is the copy's
  await expect(status('已发布第1版')).toHaveCount(0);
  await s.publish();
  await expect(status('已发布第1版')).toBeVisible();
  const list = await rpc(page, host, 'schemes.list', {});
  const copy = await rpc(page, host, 'schemes.get', { schemeId: list.find((x) => x.name === '网格员月度考核（截尾平均）')!.id });
  expect(copy.groups).toEqual([{ name: '街道中心', weight: 60 }, { name: '社区', weight: 30 }, { name: '街道综治办', weight: 10 }]);
  expect(copy.bands.find((b) => b.grade === '良好')).toEqual({ grade: '良好', min: 7500, max: 9200 });
  const original = await rpc(page, host, 'schemes.get', { schemeId: list.find((x) => x.name === '网格员月度考核')!.id });
  expect(original.groups).toEqual([{ name: '街道中心', weight: 60 }, { name: '社区', weight: 40 }]);

  // 复制为新版本 of the published original: version 2's draft, then refused until it is published or discarded
  await s.listItem('网格员月度考核').click();
  await expect(s.title()).toHaveText('网格员月度考核');
  await s.button('复制为新版本').click();
  await expect(status('已复制为第2版草稿，可修改后发布')).toBeVisible();
  await expect(s.editor().getByText('第2版 草稿')).toBeVisible();
  await expect(s.versionSelect().locator('option')).toHaveCount(2);
  await s.versionSelect().selectOption('1');
  await expect(s.button('复制为新版本')).toBeDisabled();
  await expect(s.button('复制为新版本')).toHaveAttribute('title', '已有第2版草稿，请先发布或放弃');

  // the last criterion row is clear of the horizontal scrollbar at 1440×900 and 1366×768
  await s.button('回到当前版本').click();
  for (const [width, height] of [[1440, 900], [1366, 768]] as const) {
    await page.setViewportSize({ width, height });
    // AG Grid may draw its rows afresh after the resize: the row is found and measured again until it holds
    await expect(async () => {
      const last = page.locator('.criteria-grid [role="row"].ag-row-last').last();
      await last.scrollIntoViewIfNeeded({ timeout: 2_000 });
      await page.locator('.editor-body').evaluate((e) => e.scrollTo(0, e.scrollHeight));
      const row = (await last.boundingBox())!;
      const bar = page.locator('.criteria-grid .ag-body-horizontal-scroll');
      if (await bar.isVisible()) {
        const barBox = (await bar.boundingBox())!;
        expect(row.y + row.height, `the last row ends above the scrollbar at ${width}×${height}`).toBeLessThanOrEqual(barBox.y + 1);
      }
    }).toPass({ timeout: 15_000 });
    await s.shot(`last-row-${width}`);
  }
});

test('周期考核方案: 复制方案 and 复制为新版本', async ({ host }) => {
  const page = await host.open('periods');
  const p = new PeriodsPage(page);
  await p.tab('考核方案');
  await p.newScheme('网格员年度考核', '年度');
  await p.setWeights(60, 30, 10);
  await p.publish();
  await expect(p.toast('已发布第1版')).toBeVisible();
  await p.editor().getByRole('button', { name: '复制方案' }).click();
  await expect(p.dialog().getByLabel('新方案名称')).toHaveValue('网格员年度考核（副本）');
  await p.dialog().getByLabel('新方案名称').fill('网格长年度考核');
  await p.dialog().getByRole('button', { name: '复制' }).click();
  await expect(p.toast('已复制为“网格长年度考核”，当前为第1版草稿')).toBeVisible();
  await expect(p.editor().getByRole('heading', { name: '网格长年度考核' })).toBeVisible();
  await expect(p.editor().getByLabel('积分权重')).toHaveValue('10');
  await page.getByRole('listbox', { name: '周期考核方案' }).getByRole('option', { name: /^网格员年度考核/ }).click();
  await p.editor().getByRole('button', { name: '复制为新版本' }).click();
  await expect(p.toast('已复制为第2版草稿，可修改后发布')).toBeVisible();
  await expect(p.editor().getByText('第2版 草稿')).toBeVisible();
  await expect(p.editor().getByLabel('积分权重')).toHaveValue('10');
  await page.screenshot({ path: 'test-results/screenshots/schemes-period-copy.png' });
});
