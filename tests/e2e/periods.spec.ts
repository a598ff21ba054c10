/**
 * 年度考核 end to end, through the page: a year scheme (60/30/10, 优秀 20% of the street) defined and published, the
 * year 2025 opened, two raters' ballots typed on the keyboard, the results with a tie at the 优秀 line, the tie decided
 * with reasons, the year finalised, and every grade and rank checked against the figures worked out by hand below.
 * The twelve finalised months are set up beforehand through the calls, as the other specs set up their data.
 */
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { expect, rpc, slowCall, test, type Host } from './fixtures';
import { ImportDialogModel } from './pages/import-dialog';
import { PeriodsPage } from './pages/periods';
import { choicesOf, pickChoice } from './pages/pickers';

const SHOTS = 'test-results/screenshots';
const SCHEME = '2025年度网格员考核';

/**
 * Eleven 网格员 in two communities (one grid each), named in pinyin order so the ballot sheet lists them so. Each has
 * the same monthly total all year (a one-criterion scheme out of 100); 马十一 joined on 2025-08-01 (5 months in post).
 * Monthly 优秀 (≥ 90) earns 3 points a month, 不合格 (< 60) loses 3: 36 points for a year of 优秀.
 */
const WORKERS = [
  { name: '安一', community: 0, month: 9500 },
  { name: '白二', community: 1, month: 9200 },
  { name: '蔡三', community: 0, month: 9200 },
  { name: '邓四', community: 1, month: 9100 },
  { name: '范五', community: 0, month: 8500 },
  { name: '高六', community: 1, month: 8000 },
  { name: '韩七', community: 0, month: 8800 },
  { name: '金八', community: 1, month: 7500 },
  { name: '孔九', community: 0, month: 7000 },
  { name: '林十', community: 1, month: 5500 },
  { name: '马十一', community: 0, month: 8500, hired: '2025-08-01' },
];

async function seedYear(page: Page, host: Host): Promise<void> {
  const street = await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const grids = [];
  for (const [i, name] of ['固戍社区', '河西社区'].entries()) {
    const c = await rpc(page, host, 'org.create', { parentId: street.id, kind: 'community', name, code: `C${i + 1}` });
    grids.push(await rpc(page, host, 'org.create', { parentId: c.id, kind: 'grid_basic', name: '第01网格', code: `C${i + 1}G1` }));
  }
  const people: { id: number; month: number; hired: string }[] = [];
  for (const [i, w] of WORKERS.entries()) {
    const first17 = `44030619900515${String(101 + i * 2).padStart(3, '0')}`;
    const hired = w.hired ?? '2024-01-01';
    const p = await rpc(page, host, 'people.create', { name: w.name, gender: '男', idNumber: first17 + idCheckChar(first17), hireDate: hired, roles: ['网格员'], unitId: grids[w.community]!.id });
    people.push({ id: p.id, month: w.month, hired });
  }
  const monthly = await rpc(page, host, 'assessments.createEvaluator', { name: '考核组', group: '' });
  await rpc(page, host, 'assessments.createEvaluator', { name: '测评人甲', group: '' });
  await rpc(page, host, 'assessments.createEvaluator', { name: '测评人乙', group: '' });
  const blank = await rpc(page, host, 'schemes.create', { name: '网格员月度考核', template: '' });
  const draft = await rpc(page, host, 'schemes.saveDraft', {
    schemeId: blank.schemeId,
    name: blank.name,
    description: '',
    roles: ['网格员'],
    fullScore: 10000,
    aggregation: 'mean',
    groups: [],
    bands: blank.bands,
    criteria: [{ category: '业务工作', name: '任务', kind: 'score', max: 10000 }],
  });
  await rpc(page, host, 'schemes.publish', { schemeId: blank.schemeId });
  const criterionId = draft.criteria[0]!.id;
  for (let m = 1; m <= 12; m++) {
    const period = `2025-${String(m).padStart(2, '0')}`;
    const month = await rpc(page, host, 'assessments.open', { schemeId: blank.schemeId, period });
    const cells = people.filter((p) => p.hired <= `${period}-31`).map((p) => ({ personId: p.id, criterionId, value: p.month }));
    await rpc(page, host, 'assessments.saveScores', { monthId: month.id, evaluatorId: monthly.id, cells });
    await rpc(page, host, 'assessments.finalise', { monthId: month.id });
  }
}

test('a year scheme, a period, ballots by keyboard, a tie at the 优秀 line decided, finalised with the grades worked out by hand', async ({ host, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await seedYear(page, host);
  await host.open('periods');
  const p = new PeriodsPage(page);
  await expect(page.getByRole('link', { name: '年度考核' })).toHaveAttribute('aria-current', 'page');

  // 考核方案: a year scheme, 60/30/10, 优秀 20% of the street, 36 points worth 100.
  await p.tab('考核方案');
  await p.newScheme(SCHEME, '年度');
  const editor = p.editor();
  await expect(editor.getByLabel('月度考核方案')).toHaveValue(/\d+/);
  await editor.getByLabel('优秀分值').fill('100.00');
  await editor.getByLabel('积分：折合100分的积分').fill('36.00');
  await editor.getByLabel('最短在岗月数').fill('6');
  await expect(editor.getByLabel('限定优秀名额')).toBeChecked();
  await editor.getByLabel('优秀名额比例').fill('20');
  await editor.getByLabel('名额范围').selectOption({ label: '全街道' });
  // a sum of 90 is shown live and refused by the core with its message at the field
  await p.setWeights(60, 30, 0);
  await expect(p.weightsSum()).toHaveText('权重合计 90%（应为100%）');
  await p.saveDraft();
  await expect(p.weightsError()).toHaveText('各项权重合计应为 100%，现为 90%');
  await page.screenshot({ path: `${SHOTS}/periods-scheme-weights.png` });
  await p.setWeights(60, 30, 10);
  await expect(p.weightsSum()).toHaveText('权重合计 100% ✓');
  await page.screenshot({ path: `${SHOTS}/periods-scheme.png` });
  await p.publish();
  await expect(p.toast('已发布第1版')).toBeVisible();
  await expect(p.weightsError()).toBeHidden();
  await expect(editor.getByLabel('积分：折合100分的积分')).toHaveAttribute('readonly', '');
  await expect(editor.getByRole('button', { name: '修改' })).toBeVisible();

  // 考核期间: the core checks the period against the scheme's kind.
  await p.tab('考核期间');
  await p.openPeriod(`${SCHEME}（年度）`, '2025-Q3');
  await expect(p.dialog().getByLabel('考核期间')).toHaveAccessibleDescription('本方案按年度考核，期间应写作 2026');
  await p.dialog().getByLabel('考核期间').fill('2025');
  await p.dialog().getByRole('button', { name: '开启' }).click();
  await expect(p.toast(`已开启2025年度“${SCHEME}”，共 11 名考核对象`)).toBeVisible();
  await expect(page.getByRole('tab', { name: '考核结果' })).toHaveAttribute('aria-selected', 'true');

  // 年终测评: 测评人甲 by numbers, 测评人乙 by pinyin letters; 金八 and 马十一 get none.
  await p.tab('年终测评');
  await p.chooseRater('测评人甲');
  await expect(p.ballotCell(10)).toBeVisible();
  // out-of-range keys do nothing: the cell stays empty and the focus stays put
  await p.typeBallots(0, ['5', 'x', '0']);
  await expect(p.ballotCell(0)).toHaveText('');
  await expect(p.ballotCell(0)).toBeFocused();
  // a cell set, then cleared with Delete
  await page.keyboard.press('2');
  await expect(p.ballotCell(0)).toHaveText('称职');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Delete');
  await expect(p.ballotCell(0)).toHaveText('');
  for (const key of ['1', '1', '1', '1', '2', '2', '1', 'ArrowDown', '3', '4']) await page.keyboard.press(key);
  await expect(page.getByText('有 9 处未保存')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/periods-ballots.png` });
  // unsaved ballots: leaving for another tab or area asks first (dismissed: nothing lost)
  const asked: string[] = [];
  page.on('dialog', (d) => {
    if (d.type() !== 'confirm' || !d.message().includes('未保存')) return;
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('tab', { name: '考核结果' }).click();
  await page.getByRole('link', { name: '月度考核' }).click();
  expect(asked).toEqual(['有未保存的修改，离开将丢失这些修改。确定离开吗？', '有未保存的修改，离开将丢失这些修改。确定离开吗？']);
  await expect(page.getByRole('tab', { name: '年终测评' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('有 9 处未保存')).toBeVisible();
  await p.ballotCell(9).click();
  await page.keyboard.press('Control+s');
  await expect(p.toast('已保存 9 个测评结果')).toBeVisible();
  await expect(page.getByLabel('测评进度')).toContainText('测评人甲：9/11');

  // while 测评人乙's sheet is on its way, 测评人甲's is not shown to be typed into
  const restore = await slowCall(page, 'periods.ballots');
  await p.chooseRater('测评人乙');
  await expect(page.getByRole('region', { name: '测评表' }).locator('.ag-loading-text')).toHaveText(/加载中/);
  await expect(p.ballotCell(0)).toHaveCount(0);
  await expect(p.ballotCell(0)).toHaveText('');
  await restore();
  await p.typeBallots(0, ['y', 'y', 'y', 'c', 'c', 'j', 'y', 'ArrowDown', 'b']);
  // 林十's from the list: Enter opens it
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: '不称职' }).click();
  await expect(p.ballotCell(3)).toHaveText('称职');
  await expect(p.ballotCell(5)).toHaveText('基本称职');
  await expect(p.ballotCell(8)).toHaveText('不称职');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('全部已保存')).toBeVisible();
  await expect(page.getByLabel('测评进度')).toContainText('测评人乙：9/11');

  // 考核结果, worked out by hand (total = 60% 月度 + 30% 测评 + 10% 积分; 36 points = 100):
  //   安一 57 + 30 + 10 = 97.00; 白二, 蔡三 55.20 + 30 + 10 = 95.20; 邓四 54.60 + 27.75 + 10 = 92.35;
  //   韩七 52.80 + 30 = 82.80; 范五 51 + 25.50 = 76.50; 高六 48 + 23.25 = 71.25;
  //   金八 no ballots: (45 + 0) ÷ 70% = 64.29; 孔九 42 + 18 = 60.00; 林十 33 + 15 + 0 (−36 points → 0) = 48.00;
  //   马十一 5 months in post: 不定等次. 优秀 places: 10 graded × 20% = 2: 安一 keeps it, 白二 and 蔡三 tie at
  //   95.20 on the line, 邓四 drops to 良好.
  await p.tab('考核结果');
  await expect(page.getByLabel('考核状态')).toHaveText('进行中');
  await expect(p.ties()).toContainText('优秀名额线上有 2 人并列（总分 95.20）');
  await expect(p.ties()).toContainText('白二');
  await expect(p.ties()).toContainText('蔡三');
  await expect(page.getByLabel('未归档的月份')).toBeHidden();
  await expect(page.getByLabel('等次人数')).toContainText('优秀 3良好 2合格 2基本合格 2不合格 1不定等次 1解聘预警 1');
  expect(await p.line('邓四')).toEqual(['92.35', '良好', '2', '2', '4', '4']);
  await expect(await p.cellOf('白二', 'quota')).toHaveText('并列待定');
  await expect(await p.cellOf('林十', 'warning')).toHaveText('预警');
  await page.screenshot({ path: `${SHOTS}/periods-results-tie.png` });

  // the derivation of 金八: the missing appraisal renormalised
  await (await p.cellOf('金八', 'name')).click();
  await page.keyboard.press('Enter');
  const derivation = p.dialog().getByRole('list', { name: '计算过程' });
  await expect(derivation).toContainText('年终测评：没有测评结果，此项缺失');
  await expect(derivation).toContainText('年终测评缺失，按其余权重合计 70% 折算 = 64.29');
  await expect(derivation).toContainText('按等次区间：基本合格');
  await page.screenshot({ path: `${SHOTS}/periods-derivation.png` });
  await p.dialog().getByRole('button', { name: '关闭' }).click();

  // 归档 is refused while the tie is undecided, with the core's reason, and without asking first
  const confirms: string[] = [];
  const record = (d: { type: () => string; message: () => string }) => void (d.type() === 'confirm' && confirms.push(d.message()));
  page.on('dialog', record);
  await page.getByRole('button', { name: '归档', exact: true }).click();
  await expect(page.getByRole('alert', { name: '归档未完成' })).toContainText('有2人（白二、蔡三）并列在优秀名额线上，请先逐一决定保留或降等');
  expect(confirms).toEqual([]);
  page.off('dialog', record);

  // a decision needs a reason
  await p.ties().getByRole('button', { name: '白二保留优秀' }).click();
  await p.dialog().getByRole('button', { name: '确定' }).click();
  await expect(p.dialog().getByLabel('决定的理由')).toHaveAccessibleDescription('请填写决定的理由');
  await p.dialog().getByLabel('决定的理由').fill('年终测评全票优秀且全年无扣分，经中心会议研究保留');
  await p.dialog().getByRole('button', { name: '确定' }).click();
  await expect(p.dialog()).toBeHidden();
  await p.decideTie('蔡三', false, '经中心会议研究，名额有限，降为良好');
  await expect(p.ties()).toBeHidden();

  await p.finalise();
  await expect(p.toast('2025年度已归档')).toBeVisible();
  await expect(page.getByLabel('考核状态')).toHaveText('已归档');
  await expect(page.getByText('本期已归档，结果已封存')).toBeVisible();
  await expect(page.getByLabel('等次人数')).toContainText('优秀 2良好 3合格 2基本合格 2不合格 1不定等次 1解聘预警 1');

  // [total, grade, 网格, 社区, 岗位, 街道] as worked out above (ranks 1, 2, 2, 4 …; 不定等次 unranked)
  const expected: Record<string, string[]> = {
    安一: ['97.00', '优秀', '1', '1', '1', '1'],
    白二: ['95.20', '优秀', '1', '1', '2', '2'],
    蔡三: ['95.20', '良好', '2', '2', '2', '2'],
    邓四: ['92.35', '良好', '2', '2', '4', '4'],
    韩七: ['82.80', '良好', '3', '3', '5', '5'],
    范五: ['76.50', '合格', '4', '4', '6', '6'],
    高六: ['71.25', '合格', '3', '3', '7', '7'],
    金八: ['64.29', '基本合格', '4', '4', '8', '8'],
    孔九: ['60.00', '基本合格', '5', '5', '9', '9'],
    林十: ['48.00', '不合格', '5', '5', '10', '10'],
    马十一: ['72.86', '不定等次', '', '', '', ''],
  };
  for (const [name, line] of Object.entries(expected)) expect(await p.line(name), name).toEqual(line);
  await expect(await p.cellOf('白二', 'quota')).toHaveText('名额内');
  await expect(await p.cellOf('蔡三', 'quota')).toHaveText('名额外·降等');

  // the unit filter: 河西社区 only
  await pickChoice(page.getByRole('combobox', { name: '单位' }), '河西社区');
  await expect(page.getByLabel('等次人数')).toContainText('优秀 1良好 1合格 1基本合格 1不合格 1不定等次 0');
  await page.screenshot({ path: `${SHOTS}/periods-results-final.png` });

  // 重新开启 needs a reason
  await page.getByRole('button', { name: '重新开启' }).click();
  await p.dialog().getByRole('button', { name: '重新开启' }).click();
  await expect(p.dialog().getByLabel('重新开启的原因')).toHaveAccessibleDescription('请填写重新开启的原因');
  await p.dialog().getByLabel('重新开启的原因').fill('核对测评票');
  await p.dialog().getByRole('button', { name: '重新开启' }).click();
  await expect(p.toast('2025年度已重新开启')).toBeVisible();
  await expect(page.getByLabel('考核状态')).toHaveText('进行中');
});

test('a 考核员 rates only as their own evaluator in their own units, and sees no administrator actions', async ({ host, page }) => {
  const street = await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const units = [];
  for (const [i, name] of ['固戍社区', '河西社区'].entries()) {
    const c = await rpc(page, host, 'org.create', { parentId: street.id, kind: 'community', name, code: `C${i + 1}` });
    const g = await rpc(page, host, 'org.create', { parentId: c.id, kind: 'grid_basic', name: '第01网格', code: `C${i + 1}G1` });
    units.push({ community: c, grid: g });
  }
  for (const [i, name] of ['李四', '张三', '王五', '赵六'].entries()) {
    const first17 = `44030619900515${String(101 + i * 2).padStart(3, '0')}`;
    await rpc(page, host, 'people.create', { name, gender: '男', idNumber: first17 + idCheckChar(first17), hireDate: '2024-01-01', roles: ['网格员'], unitId: units[i < 2 ? 0 : 1]!.grid.id });
  }
  const rater = await rpc(page, host, 'assessments.createEvaluator', { name: '测评人甲', group: '' });
  await rpc(page, host, 'assessments.createEvaluator', { name: '测评人乙', group: '' });
  const scheme = await rpc(page, host, 'periods.createScheme', { name: SCHEME, kind: 'year' });
  await rpc(page, host, 'periods.publish', { schemeId: scheme.schemeId });
  await rpc(page, host, 'periods.open', { schemeId: scheme.schemeId, period: '2025' });
  await rpc(page, host, 'accounts.create', { loginName: 'admin', displayName: '王主任', role: 'admin', password: 'Wangzr-2026!' });
  // login is on from now: the 考核员 is made by the 管理员's session
  const u = new URL(host.url);
  const headers = { 'x-grid-token': u.searchParams.get('token')! };
  const login = await page.request.post(`${u.origin}/rpc/accounts.login`, { data: { loginName: 'admin', password: 'Wangzr-2026!' }, headers });
  const made = await page.request.post(`${u.origin}/rpc/accounts.create`, {
    data: { loginName: 'zhao', displayName: '赵考核', role: 'evaluator', password: 'kaohe-pass-1', unitIds: [units[0]!.community.id], evaluatorId: rater.id },
    headers: { ...headers, 'x-grid-session': login.headers()['x-grid-session']! },
  });
  expect(((await made.json()) as { ok: boolean }).ok).toBe(true);

  await page.goto(`${host.url}#/periods`);
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill('zhao');
  await form.getByLabel('密码').fill('kaohe-pass-1');
  await form.getByLabel('密码').press('Enter');
  await expect(page.getByLabel('当前用户')).toContainText('赵考核（考核员）');
  const p = new PeriodsPage(page);

  // 考核结果: their units only, no 归档
  expect(await choicesOf(page.getByRole('combobox', { name: '单位' }))).toEqual(['固戍社区']);
  await expect(page.getByText('共 2 人')).toBeVisible();
  await expect(page.getByRole('button', { name: '归档', exact: true })).toHaveCount(0);

  // 年终测评: as 测评人甲 only, for 固戍社区's workers
  await p.tab('年终测评');
  await expect(page.getByRole('combobox', { name: '测评人' }).locator('option')).toHaveText(['测评人甲']);
  await expect(p.ballotCell(1)).toBeVisible();
  await expect(p.ballotCell(2)).toHaveCount(0);
  await p.typeBallots(0, ['1', 'c']);
  await page.keyboard.press('Control+s');
  await expect(p.toast('已保存 2 个测评结果')).toBeVisible();
  await expect(page.getByLabel('测评进度')).toContainText('测评人甲：2/4');

  // 考核期间 and 考核方案: read only
  await p.tab('考核期间');
  await expect(page.getByRole('button', { name: '开启期间' })).toHaveCount(0);
  await p.tab('考核方案');
  await expect(page.getByRole('button', { name: '新建方案' })).toHaveCount(0);
  await expect(p.editor().getByLabel('月度考核权重')).toHaveAttribute('readonly', '');
  await expect(p.editor().getByRole('button', { name: '修改' })).toHaveCount(0);
  await expect(p.editor().getByRole('button', { name: '发布' })).toHaveCount(0);
});

test('年终测评表: exported for a rater, filled in Excel, a wrong value shown by its cell, then imported into the grid', async ({ host, page }) => {
  test.setTimeout(120_000);
  await seedYear(page, host);
  const scheme = await rpc(page, host, 'periods.createScheme', { name: SCHEME, kind: 'year' });
  await rpc(page, host, 'periods.publish', { schemeId: scheme.schemeId });
  await rpc(page, host, 'periods.open', { schemeId: scheme.schemeId, period: '2025' });
  await host.open('periods');
  const p = new PeriodsPage(page);
  await p.tab('年终测评');
  await p.chooseRater('测评人乙');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出测评表' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^2025年度${SCHEME}年终测评表_.+_测评人乙\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  const ws = workbook.getWorksheet('年终测评表')!;
  const rows = WORKERS.map((_, i) => ws.getRow(4 + i));
  expect(rows.map((r) => r.getCell(2).value)).toEqual(WORKERS.map((w) => w.name));
  rows.forEach((r, i) => (r.getCell(4).value = i === 2 ? '良好' : i % 2 === 0 ? '优秀' : '称职'));

  const importing = await ImportDialogModel.open(page, '导入测评表', '导入测评表');
  await expect(importing.dialog).toContainText('测评人：测评人乙');
  await importing.choose('年终测评表_填好.xlsx', workbook);
  await importing.expectCounts({ new: WORKERS.length - 1, wrong: 1 });
  await expect(importing.wrongCells()).toHaveText('良好');
  await expect(importing.errorList()).toHaveText('第6行 D列（测评结果）：“良好”不是测评结果，只能填优秀、称职、基本称职、不称职');
  await expect(importing.confirmButton()).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/period-ballots-import.png` });
  rows[2]!.getCell(4).value = '基本称职';
  await importing.choose('年终测评表_改正.xlsx', workbook);
  await importing.expectCounts({ new: WORKERS.length, wrong: 0 });
  await importing.confirm();
  await expect(p.toast(`已导入测评表：新填 ${WORKERS.length} 人`)).toBeVisible();
  await expect(page.getByLabel('测评进度')).toContainText(`测评人乙：${WORKERS.length}/${WORKERS.length}`);
  await expect(p.ballotCell(2)).toHaveText('基本称职');
  await expect(p.ballotCell(1)).toHaveText('称职');
});
