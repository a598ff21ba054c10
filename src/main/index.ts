/** Electron entry, kept small: one instance, open the core, wire IPC, menu and window. */
import { app, BrowserWindow, dialog } from 'electron';
import { join, resolve } from 'node:path';
import type { Actor } from './core/context';
import { CoreRuntime } from './core/runtime';
import { PRODUCT_NAME } from './host/data-dir';
import { AppError } from '../shared/errors';
import { guideFile } from './shell/guide';
import { registerIpc } from './shell/ipc';
import { installMenu } from './shell/menu';
import { createMainWindow, hardenSession, hardenWebContents, resolveAppUrl } from './shell/window';

const ACTOR: Actor = { name: '管理员', role: 'admin' };

// Same folder as the web host's default (host/data-dir.ts), so both share one store; `--data-dir=DIR` names another,
// as the web host's --data-dir does (a folder on a share, or a fresh one for the desktop smoke test).
app.setName(PRODUCT_NAME);
const dataDirSwitch = app.commandLine.getSwitchValue('data-dir');
app.setPath('userData', dataDirSwitch ? resolve(dataDirSwitch) : join(app.getPath('appData'), PRODUCT_NAME));

function startupFailureMessage(e: unknown): string {
  if (e instanceof AppError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  if (/NODE_MODULE_VERSION|better_sqlite3\.node|was compiled against a different/.test(text)) {
    return `数据库组件与本程序的 Electron 版本不匹配，需要重新编译：\nnpx electron-builder install-app-deps\n\n${text}`;
  }
  return `启动时出错：${text}`;
}

async function start(): Promise<void> {
  const appUrl = resolveAppUrl();
  // A refused data file (damaged, newer, empty) starts the app in recovery: the window offers the backups.
  const runtime = await CoreRuntime.start({ dataDir: app.getPath('userData'), appVersion: app.getVersion() });
  if (runtime.problem) console.error('[main] the data file is refused; starting in recovery:', runtime.problem.message);
  app.once('will-quit', () => runtime.close());

  hardenSession(appUrl);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
  registerIpc({ runtime, appUrl, actor: ACTOR, defaultSaveDir: () => app.getPath('documents'), dataDir: app.getPath('userData'), guideFile: guideFile() });
  installMenu({ dataDir: app.getPath('userData'), guideFile: guideFile(), appVersion: app.getVersion(), schemaVersion: () => runtime.core?.schemaVersion ?? null });
  createMainWindow(appUrl);
  runtime.startMaintenance(); // backups and checks after the first screen, never before it

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(appUrl);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error('[main] failed to start', e);
      dialog.showErrorBox('网格考评无法启动', startupFailureMessage(e));
      app.exit(1);
    });
}
