/**
 * 批量添加 (a pasted list of 43 names, then a ticked list), printing only once published (草稿 across a draft's pages),
 * certificates that never leave a lone character on a line, 套打 at the saved positions, and the 表彰名单 as one
 * combined list or by community with 单名 padding switchable and remembered.
 */
import { execFileSync } from 'node:child_process';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract';
import { expect, rpc as hostRpc, test, type Host } from './fixtures';
import { AwardsPage } from './pages/awards-page';
import { pdfPageCount, pdfPages, pdfToPngs, ReportsPage } from './pages/reports-page';
import { pickChoice } from './pages/pickers';

const SHOTS = 'test-results/screenshots';

/** Each page's text in the order it was drawn (pdftotext -raw): the rotated 草稿 watermark reads as one word. */
function pdfRawPages(file: string): string[] {
  const pages = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
  if (pages.at(-1)!.trim() === '') pages.pop();
  return pages.map((p) => p.replace(/\s+/g, ''));
}

/** The fixture's rpc, asked again once when the host closed a kept-alive connection the request reused (ECONNRESET). */
async function rpc<N extends CallName>(page: import('@playwright/test').Page, host: Host, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  try {
    return await hostRpc(page, host, name, input);
  } catch (e) {
    if (!String(e).includes('ECONNRESET')) throw e;
    return hostRpc(page, host, name, input);
  }
}
const NAME = '2025年度防汛抢险工作优秀网格员';

test('批量添加 of 43 pasted names with one reason; drafts print 草稿; certificates never wrap a lone character; 套打 at the saved positions', async ({ demoHost }, testInfo) => {
  test.setTimeout(240_000);
  const page = await demoHost.open('awards');
  await page.setViewportSize({ width: 1366, height: 768 });
  const a = new AwardsPage(page);
  await a.create('年度优秀网格员', NAME, '2026-01-10');
  await expect(page.getByText('还没有提名')).toBeVisible();

  // 43 real names of the demo street, each borne by one person who may be nominated
  const batch = (await rpc(page, demoHost, 'awards.batches', {})).find((b) => b.name === NAME)!;
  const pool = await rpc(page, demoHost, 'awards.nomineePool', { batchId: batch.id });
  const count = new Map<string, number>();
  for (const p of pool) count.set(p.name, (count.get(p.name) ?? 0) + 1);
  const unique = [...count].filter(([, n]) => n === 1).map(([name]) => name);
  const names = unique.slice(0, 43);
  expect(names).toHaveLength(43);

  // pasted as a column of an Excel sheet, with one name nobody bears: named with its line, adding refused until fixed
  await page.getByRole('button', { name: '批量添加' }).click();
  const d = a.dialog();
  const box = d.getByRole('textbox', { name: '粘贴名单' });
  await box.fill([...names.slice(0, 20), '查无此人', ...names.slice(20)].join('\n'));
  const check = d.getByLabel('核对结果');
  await expect(check).toContainText('共 44 项：可添加 43 人');
  await expect(check).toContainText('第21行“查无此人”：花名册中没有此人');
  await d.getByRole('textbox', { name: '添加原因（所有人共用）' }).fill('防汛抢险表现突出，社区推荐');
  await page.screenshot({ path: `${SHOTS}/awards-bulk-paste-problem.png` });
  await d.getByRole('button', { name: '添加 43 人' }).click();
  await expect(d.getByRole('alert')).toContainText('第21行“查无此人”：花名册中没有此人');
  // the line taken out, and a padded name (张\u3000三) and a tab-separated pair as offices paste them
  const padded = names.find((n) => Array.from(n).length === 2)!;
  const rest = names.filter((n) => n !== padded);
  await box.fill([...rest.slice(0, 40), `${rest[40]}\t${rest[41]}`, Array.from(padded).join('\u3000')].join('\n'));
  await expect(check).toContainText('共 43 项：可添加 43 人');
  await expect(check).not.toContainText('需要处理');
  await page.screenshot({ path: `${SHOTS}/awards-bulk-paste.png` });
  await d.getByRole('button', { name: '添加 43 人' }).click();
  await expect(a.toast('已添加 43 人')).toBeVisible();
  await expect(d).toBeHidden();
  await expect(page.getByLabel('名单人数')).toHaveText(/^入选 43 人/);
  await expect(page.getByText('还没有提名')).toHaveCount(0);
  await expect(page.getByLabel('提名说明')).toContainText('候选人均为手工添加（43 人）');
  const view = await rpc(page, demoHost, 'awards.batch', { id: batch.id });
  expect(view.candidates.map((c) => c.name).sort()).toEqual([...names].sort());
  expect(new Set(view.candidates.map((c) => c.addReason))).toEqual(new Set(['防汛抢险表现突出，社区推荐']));
  await page.screenshot({ path: `${SHOTS}/awards-bulk-added.png` });

  // pasting them again: each reported as already in, nothing to add
  await page.getByRole('button', { name: '批量添加' }).click();
  await d.getByRole('textbox', { name: '粘贴名单' }).fill(names.slice(0, 3).join('，'));
  await expect(check).toContainText('可添加 0 人，3 人已在名单中');
  await expect(check).toContainText(`第1行：${names[0]}已在候选名单中`);

  // 从名单勾选: filtered by community and name, two ticked, one reason
  await d.getByRole('tab', { name: '从名单勾选' }).click();
  const other = pool.find((p) => p.name === unique.slice(43).find((n) => pool.some((q) => q.name === n && q.community !== '')))!;
  await pickChoice(d.getByRole('combobox', { name: '按社区筛选' }), other.community);
  const list = d.getByRole('region', { name: '可提名人员' });
  await expect(list.locator('[role="gridcell"][col-id="community"]').first()).toHaveText(other.community);
  await d.getByLabel('按姓名筛选').fill(other.name);
  await expect(list.locator('.ag-row[row-index]')).toHaveCount(1);
  await list.locator('.ag-row[row-index] .ag-selection-checkbox input').first().check();
  await d.getByLabel('按姓名筛选').fill('');
  const second = list.locator('.ag-row[row-index]').filter({ hasNot: page.locator('[col-id="status"]', { hasText: '已' }) }).filter({ hasNotText: other.name }).first();
  const secondName = await second.locator('[col-id="name"]').innerText();
  await second.locator('.ag-selection-checkbox input').check();
  await expect(d.getByLabel('已勾选人数')).toHaveText('已勾选 2 人');
  await d.getByRole('textbox', { name: '添加原因（所有人共用）' }).fill('社区推荐');
  await page.screenshot({ path: `${SHOTS}/awards-bulk-pick.png` });
  await d.getByRole('button', { name: '添加 2 人' }).click();
  await expect(a.toast('已添加 2 人')).toBeVisible();
  await expect(page.getByLabel('名单人数')).toHaveText(/^入选 45 人/);
  const after = (await rpc(page, demoHost, 'awards.batch', { id: batch.id })).candidates.map((c) => c.name);
  expect(after).toEqual(expect.arrayContaining([other.name, secondName]));

  // a draft: every print button disabled, saying why; its print route prints 草稿 across every page
  for (const label of ['打印表彰名单', '打印荣誉证书', '套打证书']) {
    const button = page.getByRole('button', { name: label });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', '表彰发布后才能打印：请先完成审核、公示并发布表彰');
  }
  const reports = new ReportsPage(page);
  await page.goto(`${demoHost.url}#/print/certificate?batchId=${batch.id}`);
  await reports.waitForSheet();
  await page.screenshot({ path: `${SHOTS}/awards-certificate-draft.png` });
  const draftCerts = testInfo.outputPath('certificates-draft.pdf');
  await reports.printPdf(draftCerts);
  const draftPages = pdfRawPages(draftCerts);
  expect(draftPages).toHaveLength(45);
  draftPages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain('草稿'));
  pdfToPngs(draftCerts, 1);
  await page.goto(`${demoHost.url}#/print/commendation?batchId=${batch.id}`);
  await reports.waitForSheet();
  const draftList = testInfo.outputPath('commendation-draft.pdf');
  await reports.printPdf(draftList);
  const listPages = pdfRawPages(draftList);
  expect(listPages.length).toBeGreaterThanOrEqual(1);
  listPages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain('草稿'));

  // published: the buttons are links
  await page.goto(`${demoHost.url}#/awards`);
  await a.selectBatch(NAME);
  await a.forward('提交审核', '审核');
  await a.forward('提交公示', '公示');
  await a.forward('发布表彰', '表彰');
  await expect(page.getByRole('link', { name: '打印荣誉证书' })).toBeVisible();

  // certificates: no printed line holds a single character (the sentence's last words go over together)
  await page.getByRole('link', { name: '打印荣誉证书' }).click();
  await reports.waitForSheet();
  await page.screenshot({ path: `${SHOTS}/awards-certificate.png` });
  const certs = testInfo.outputPath('certificates.pdf');
  await reports.printPdf(certs);
  expect(pdfPageCount(certs)).toBe(45);
  const certPages = pdfPages(certs);
  for (const [i, p] of certPages.entries()) {
    expect(p).not.toContain('草稿');
    const lines = p.split('\n').map((l) => l.replace(/[\s\u3000]+/g, '')).filter(Boolean);
    expect(lines.filter((l) => Array.from(l).length === 1), `page ${i + 1}: ${lines.join(' / ')}`).toEqual([]);
    // the award's name is whole or split with at least its last two characters and the stop together
    expect(lines.some((l) => l.endsWith('网格员。'))).toBe(true);
  }
  // and in the page itself: each sentence's last line box is wider than two characters
  const lastLines = await page.locator('.cert-frame > .cert-text').evaluateAll((els) =>
    els.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = Array.from(range.getClientRects());
      const bottom = Math.max(...rects.map((r) => r.bottom));
      const last = rects.filter((r) => Math.abs(r.bottom - bottom) < 2);
      return Math.max(...last.map((r) => r.right)) - Math.min(...last.map((r) => r.left));
    }),
  );
  const em = await page.locator('.cert-text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  for (const w of lastLines) expect(w).toBeGreaterThan(2.5 * em);
  pdfToPngs(certs, 2);

  // 套打: the positions set once in 套打设置 (with its preview) are saved and used
  await page.goto(`${demoHost.url}#/awards`);
  await a.selectBatch(NAME);
  await page.getByRole('button', { name: '套打设置' }).click();
  const o = a.dialog();
  await o.getByLabel('姓名左边距').fill('100');
  await o.getByLabel('姓名上边距').fill('90.5');
  await o.getByLabel('打印发证单位').uncheck();
  await expect(o.getByLabel('套打预览')).toContainText('优秀网格员');
  await page.screenshot({ path: `${SHOTS}/awards-overlay-setup.png` });
  await o.getByLabel('日期左边距').fill('500');
  await o.getByRole('button', { name: '保存位置' }).click();
  await expect(o.getByText('日期的左边距不能超过297毫米').first()).toBeVisible();
  await o.getByLabel('日期左边距').fill('200');
  await o.getByRole('button', { name: '保存位置' }).click();
  await expect(a.toast('已保存套打位置')).toBeVisible();
  const saved = await rpc(page, demoHost, 'awards.printSettings', {});
  expect(saved.overlay.fields.name).toMatchObject({ x: 100, y: 90.5 });
  expect(saved.overlay.fields.issuer.show).toBe(false);

  await page.getByRole('link', { name: '套打证书' }).click();
  await reports.waitForSheet();
  await page.screenshot({ path: `${SHOTS}/awards-overlay-print.png` });
  const firstPage = page.locator('.overlay-page').first();
  const pageBox = (await firstPage.boundingBox())!;
  const nameBox = (await firstPage.locator('[data-field="name"]').boundingBox())!;
  const MM = 96 / 25.4;
  expect(Math.abs(nameBox.x - pageBox.x - 100 * MM)).toBeLessThan(1);
  expect(Math.abs(nameBox.y - pageBox.y - 90.5 * MM)).toBeLessThan(1);
  await expect(firstPage.locator('[data-field="issuer"]')).toHaveCount(0);
  const overlay = testInfo.outputPath('overlay.pdf');
  await reports.printPdf(overlay);
  expect(pdfPageCount(overlay)).toBe(45);
  const first = pdfPages(overlay)[0]!.replace(/\s+/g, '');
  // just the fields: no heading, no sentence, no frame text
  expect(first).not.toContain('荣誉证书');
  expect(first).not.toContain('特发此证');
  expect(first).toContain(NAME);
  // on paper, the name starts 100 mm from the left and about 90.5 mm from the top (pdftotext -bbox: points)
  const bbox = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', overlay, '-'], { encoding: 'utf8' });
  const recipient = (await firstPage.locator('[data-field="name"]').innerText()).trim();
  const word = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].find((m) => m[4]!.startsWith(Array.from(recipient)[0]!))!;
  expect(word, `the name ${recipient} on the printed page`).toBeDefined();
  const PT = 72 / 25.4;
  expect(Math.abs(Number(word[1]) - 100 * PT)).toBeLessThan(2);
  // the word's box spans the font's whole ascent and descent: its middle is the middle of the line (top + half the size)
  const middle = (Number(word[2]) + Number(word[3])) / 2;
  expect(Math.abs(middle - (90.5 * PT + saved.overlay.fields.name.size / 2))).toBeLessThan(6);
  pdfToPngs(overlay, 1);
});

test('表彰名单 as one combined list or by community, 单名 padding on or off, the choice remembered', async ({ demoHost }) => {
  test.setTimeout(120_000);
  const page = await demoHost.open('awards');
  await page.setViewportSize({ width: 1366, height: 768 });
  const batch = (await rpc(page, demoHost, 'awards.batches', {})).find((b) => b.name === '2025年度优秀网格员')!;
  const reports = new ReportsPage(page);
  await page.goto(`${demoHost.url}#/print/commendation?batchId=${batch.id}`);
  await reports.waitForSheet();
  const sheet = page.locator('.print-sheet');
  // by community, padded: 张\u3000三
  await expect(page.getByRole('combobox', { name: '名单样式' })).toHaveValue('grouped');
  const groups = await sheet.locator('.commendation-unit').count();
  expect(groups).toBeGreaterThan(1);
  const shown = await sheet.locator('.commendation-names span').allInnerTexts();
  expect(shown.some((n) => /^\p{Script=Han}\u3000\p{Script=Han}$/u.test(n))).toBe(true);

  // one combined list, without padding
  await page.getByRole('combobox', { name: '名单样式' }).selectOption({ label: '合并为一个名单' });
  await reports.waitForSheet();
  await expect(page.getByRole('combobox', { name: '名单样式' })).toHaveValue('combined');
  await expect(sheet.locator('.commendation-unit')).toHaveCount(0);
  await page.getByRole('checkbox', { name: '两字姓名加空' }).uncheck();
  await reports.waitForSheet();
  await expect(page.getByRole('checkbox', { name: '两字姓名加空' })).not.toBeChecked();
  const combined = await sheet.locator('.commendation-names span').allInnerTexts();
  expect(combined).toHaveLength(shown.length);
  expect(combined.some((n) => n.includes('\u3000'))).toBe(false);
  await page.screenshot({ path: `${SHOTS}/awards-commendation-combined.png` });

  // remembered: the list opened plainly prints as set
  await page.getByRole('button', { name: '设为默认' }).click();
  await expect(page.locator('.toast').filter({ hasText: '已设为默认' })).toBeVisible();
  await page.goto(`${demoHost.url}#/awards`);
  await page.goto(`${demoHost.url}#/print/commendation?batchId=${batch.id}`);
  await reports.waitForSheet();
  await expect(page.getByRole('combobox', { name: '名单样式' })).toHaveValue('combined');
  await expect(page.getByRole('checkbox', { name: '两字姓名加空' })).not.toBeChecked();
  await expect(sheet.locator('.commendation-unit')).toHaveCount(0);
});
