/**
 * Data safety through the UI: a refused data file starts the app in 数据恢复 and a backup brings it back; 操作日志
 * says the records are whole, then finds a row forged behind the app's back; 系统 shows the store's health and copies
 * backups to a second folder; the page's CSP comes before any script.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, rpc, test } from './fixtures';
import { DATA_FILE_NAME, HOST_SCRIPT, startHostProcess } from '../support/host-process';

test('a damaged data file: the app opens 数据恢复, and a backup brings the data back in two clicks', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grid-e2e-recovery-'));
  try {
    const first = await startHostProcess(dataDir);
    const host = { url: first.url, dataDir, open: async () => page };
    await rpc(page, host, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'XX' });
    await rpc(page, host, 'system.backupNow', {});
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    writeFileSync(join(dataDir, DATA_FILE_NAME), Buffer.alloc(0)); // the file lost in a crash

    const second = await startHostProcess(dataDir);
    try {
      await page.goto(`${second.url}#/home`);
      const recovery = page.getByLabel('数据恢复');
      await expect(recovery.getByRole('alert')).toContainText('文件是空的（0 字节）');
      await expect(recovery).toContainText(dataDir);
      const backups = page.getByRole('table', { name: '可用的备份' });
      await expect(backups.getByRole('row').filter({ hasText: '手动备份' })).toHaveCount(1);
      await page.screenshot({ path: 'test-results/e2e/recovery.png', fullPage: true });

      await backups.getByRole('button', { name: '用此备份恢复' }).click();
      const dialog = page.getByRole('dialog', { name: '用备份恢复数据' });
      await dialog.getByRole('button', { name: '恢复' }).click();
      // the page reloads into the app, with the backup's data
      await expect(page.getByLabel('状态栏')).toContainText('数据文件');
      await page.goto(`${second.url}#/people`);
      await expect(page.getByRole('treeitem', { name: /西乡街道/ })).toBeVisible();
      expect(readdirSync(dataDir).some((n) => n.startsWith('grid-appraisal-refused-'))).toBe(true);
    } finally {
      second.proc.kill();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('操作日志 says the records are whole, then names a row forged behind the app and what it now claims', async ({ demoHost }) => {
  const page = await demoHost.open('audit');
  const check = page.getByLabel('完整性校验');
  await check.getByRole('button', { name: '校验完整性' }).click();
  await expect(check).toContainText(/完整 ✓ 共 \d+ 条记录、\d+ 个已归档月份，均与写入时一致/);

  // a forger with the file and sqlite3: lift the triggers, change who did it and why, put the triggers back
  const db = new Database(join(demoHost.dataDir, DATA_FILE_NAME));
  const id = db.prepare('SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 20').pluck().get() as number;
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  db.prepare("UPDATE audit_log SET actor = '王主任', reason = '按领导要求补录' WHERE id = ?").run(id);
  for (const t of triggers) db.exec(t.sql);
  db.close();

  await check.getByRole('button', { name: '校验完整性' }).click();
  await expect(check).toContainText(`✗ 操作日志第 ${id} 条内容与校验值不符（被改动过）`);
  await expect(check).toContainText('王主任');
  await expect(check).toContainText('原因：按领导要求补录');
  await page.screenshot({ path: 'test-results/e2e/audit-verify.png', fullPage: true });
});

test('系统 shows the data’s health; a second backup folder gets a copy of each checked backup', async ({ demoHost }) => {
  const second = mkdtempSync(join(tmpdir(), 'grid-e2e-usb-'));
  try {
    const page = await demoHost.open('system');
    const health = page.getByLabel('数据安全');
    await expect(health).toContainText('备份磁盘剩余空间');

    const form = page.getByRole('form', { name: '第二备份文件夹' });
    await form.getByRole('textbox').fill('相对路径');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form.getByRole('alert')).toContainText('请填写完整的文件夹路径');
    await form.getByRole('textbox').fill(join(second, '网格考评备份'));
    await form.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status').filter({ hasText: '以后每份备份校验通过后都会复制到' })).toBeVisible();

    await page.getByRole('button', { name: '立即备份' }).click();
    await expect(page.getByRole('status').filter({ hasText: /已备份：.*完整性校验在后台进行/ })).toBeVisible();
    // the check and the copy run in the background: the list shows 通过 once they are done
    const manual = page.getByRole('table', { name: '备份列表' }).getByRole('row').filter({ hasText: '手动备份' });
    await expect(async () => {
      await page.reload();
      await expect(manual.getByRole('cell', { name: '通过', exact: true })).toBeVisible({ timeout: 1000 });
      await expect(health).toContainText('一切正常', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(health).toContainText(join(second, '网格考评备份'));
    const copied = readdirSync(join(second, '网格考评备份'));
    expect(copied.filter((n) => n.endsWith('-manual.db'))).toHaveLength(1);
    await page.screenshot({ path: 'test-results/e2e/system-health.png', fullPage: true });
  } finally {
    rmSync(second, { recursive: true, force: true });
  }
});

test('the built page carries its Content-Security-Policy before any script', () => {
  const html = readFileSync(join(HOST_SCRIPT, '..', '..', 'renderer', 'index.html'), 'utf8');
  const csp = html.indexOf('http-equiv="Content-Security-Policy"');
  expect(csp).toBeGreaterThan(0);
  expect(csp).toBeLessThan(html.indexOf('<script'));
  expect(existsSync(join(HOST_SCRIPT, '..', '..', 'renderer', 'first-screen.json'))).toBe(true);
});
