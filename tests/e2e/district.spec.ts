/**
 * 区级汇总 end to end: a street's 导出上报包 by keyboard on a finalised year (the file signed with the key whose
 * fingerprint 系统 shows), then the district host in Chromium on a private PostgreSQL: its administrator set up, the
 * street registered by its public key, the package imported (a tampered copy refused), 街道对比 and the 优秀 list
 * showing the street's numbers, exported to Excel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { verify, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startCluster } from '../../scripts/postgres.mjs';
import { canonicalBytes, packageBody } from '../../src/shared/district/format';
import { expect, rpc, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
const DISTRICT_SCRIPT = join(__dirname, '..', '..', 'out', 'main', 'district.js');

function startDistrictHost(database: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [DISTRICT_SCRIPT, '--database', database, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`district host did not start: ${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?district/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], proc });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`district host exited with ${code}: ${out}`)));
  });
}

test('a street exports its signed 上报包 by keyboard; the district registers it, imports it, refuses a tampered copy and compares', async ({ demoHost, page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // 系统 → 上报身份: the fingerprint to register
  await demoHost.open('system');
  const card = page.getByRole('region', { name: '上报身份' });
  await expect(card.getByLabel('公钥指纹')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  const fingerprint = (await card.getByLabel('公钥指纹').textContent())!;
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/district-street-identity.png` });

  // the finished year on 年度考核, 导出上报包 reached by keyboard
  const periods = await rpc(page, demoHost, 'periods.list', {});
  const year = periods.find((p) => p.status === 'finalised')!;
  await demoHost.open('periods');
  await page.getByLabel('考核期间').selectOption(String(year.id));
  await expect(page.getByLabel('考核状态')).toHaveText('已归档');
  const button = page.getByRole('button', { name: '导出上报包' });
  await button.focus();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^上报包-.+-${year.period}-\\d{8}-\\d{6}\\.json$`));
  await expect(page.locator('.toast').filter({ hasText: '已导出上报包' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/district-export-button.png` });
  const text = readFileSync((await download.path())!, 'utf8');
  const file = JSON.parse(text) as { signature: string; body: unknown };
  const body = packageBody.parse(file.body);
  expect(body.street.fingerprint).toBe(fingerprint);
  const identity = await rpc(page, demoHost, 'district.identity', {});
  expect(verify(null, canonicalBytes(body), createPublicKey(identity.publicKeyPem), Buffer.from(file.signature, 'base64'))).toBe(true);
  const view = await rpc(page, demoHost, 'periods.view', { periodId: year.id, unitId: null });

  // the district host on its own PostgreSQL
  const cluster = await startCluster();
  const district = await startDistrictHost(cluster.url);
  try {
    await page.goto(district.url);
    await expect(page.getByRole('heading', { name: '设置区级汇总的管理员' })).toBeVisible();
    await page.getByLabel('用户名').fill('quadmin');
    await page.getByLabel('密码').fill('123456');
    await page.getByRole('button', { name: '设置并登录' }).click();
    await expect(page.getByRole('alert')).toContainText('密码');
    await page.getByLabel('密码').fill('Qu-Huizong-2026!');
    await page.getByRole('button', { name: '设置并登录' }).click();
    await expect(page.getByRole('heading', { name: '区级汇总' })).toBeVisible();

    const register = page.getByRole('region', { name: '登记街道' });
    await register.getByLabel('街道名称').fill('示例街道');
    await register.getByLabel(/公钥/).fill(identity.publicKeyPem);
    await register.getByRole('button', { name: '登记' }).click();
    await expect(page.getByRole('status')).toContainText(fingerprint);

    // a tampered copy is refused, naming the street; the genuine one imported
    const tampered = JSON.parse(text) as { body: { results: { total: number | null }[] } };
    tampered.body.results[0]!.total = (tampered.body.results[0]!.total ?? 0) + 100;
    const input = page.locator('input[type=file]');
    await input.setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await expect(page.getByRole('alert')).toContainText('签名校验失败');
    await input.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.getByRole('status')).toContainText(`已导入：示例街道 ${body.period.label}（${body.people.length} 人，12 个月）`);
    await expect(page.getByRole('region', { name: '已登记的街道' })).toContainText(`${body.people.length} 人，12 个月`);
    await page.screenshot({ path: `${SHOTS}/district-streets.png` });

    // 街道对比: the street's people and 优秀 as the street's own year shows them
    await page.getByRole('tab', { name: '街道对比' }).click();
    const table = page.getByRole('table', { name: /街道对比/ });
    const row = table.getByRole('row').filter({ hasText: '示例街道' });
    await expect(row.getByRole('cell').nth(2)).toHaveText(String(view.rows.length));
    await expect(row.getByRole('cell').nth(6)).toHaveText(String(view.counts.优秀));
    await page.screenshot({ path: `${SHOTS}/district-compare.png` });
    const excel = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Excel' }).click();
    const xlsx = await excel;
    expect(xlsx.suggestedFilename()).toMatch(/街道对比\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('街道对比');
    expect(ws.getRow(3).getCell(2).value).toBe('示例街道');
    expect(ws.getRow(3).getCell(3).value).toBe(view.rows.length);

    // the year's results and 优秀 list across the district
    await page.getByRole('tab', { name: '年度结果' }).click();
    const results = page.getByRole('table', { name: /年度结果/ });
    await expect(results.getByRole('row')).toHaveCount(view.rows.length + 1);
    await expect(results).not.toContainText(/\d{17}[\dX]/);
    await page.screenshot({ path: `${SHOTS}/district-results.png` });
    await page.getByRole('tab', { name: '优秀名单' }).click();
    const excellent = page.getByRole('table', { name: /优秀名单/ });
    await expect(excellent.getByRole('row')).toHaveCount(view.counts.优秀 + 1);
    await expect(page.getByText(`共 ${view.counts.优秀} 人：示例街道 ${view.counts.优秀} 人`)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/district-excellent.png` });
    await page.getByRole('tab', { name: '指标对比' }).click();
    await expect(page.getByRole('table', { name: /指标对比/ })).toContainText('示例街道');
    await page.screenshot({ path: `${SHOTS}/district-criteria.png` });
    await page.getByRole('tab', { name: '考核人宽严' }).click();
    await expect(page.getByRole('table', { name: /考核人宽严/ })).toContainText('示例街道');
    await page.screenshot({ path: `${SHOTS}/district-evaluators.png` });
  } finally {
    district.proc.kill();
    cluster.stop();
  }
});
