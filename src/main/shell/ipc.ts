/**
 * The IPC channels the preload uses. Each checks that the message comes from the app's own top-level page
 * (ARCHITECTURE.md rule 8) before doing anything.
 */
import { BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SaveFileResult } from '../../preload/api';
import type { RpcResult } from '../../shared/contract/define';
import { ERROR_MESSAGES } from '../../shared/errors';
import { LOCAL_CLIENT } from '../../shared/domain/lan';
import type { Actor } from '../core/context';
import type { CoreRuntime } from '../core/runtime';
import { windowClientId } from '../core/accounts/lockout';
import { isTrustedUrl, planSaveFile, saveErrorMessage, withExtension } from './policy';

export const RPC_CHANNEL = 'rpc';
export const SAVE_FILE_CHANNEL = 'save-file';
export const PRINT_TO_PDF_CHANNEL = 'print-to-pdf';
export const OPEN_DATA_FOLDER_CHANNEL = 'open-data-folder';
export const OPEN_GUIDE_CHANNEL = 'open-guide';

export interface IpcOptions {
  /** The core, ready or in recovery (the data file refused). */
  runtime: CoreRuntime;
  appUrl: string;
  /** Who calls while no account exists (login off); once accounts exist, the window's logged-in account. */
  actor: Actor;
  /** Where the save dialog starts. */
  defaultSaveDir: () => string;
  /** The data folder, opened from the recovery screen. */
  dataDir: string;
  /** 使用说明 (shell/guide.ts), opened from 系统 → 帮助 in the system's browser. */
  guideFile: string;
}

function isTrustedSender(event: IpcMainInvokeEvent, appUrl: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedUrl(frame.url, appUrl);
}

const forbidden: RpcResult<never> = { ok: false, error: { code: 'FORBIDDEN', message: '请求不是来自本程序的页面，已拒绝' } };

export function registerIpc(options: IpcOptions): () => void {
  // Each window's session, kept here in the main process: the page never holds it.
  const sessions = new Map<number, string>();
  ipcMain.handle(RPC_CHANNEL, async (event, name: unknown, input: unknown): Promise<RpcResult<unknown>> => {
    if (!isTrustedSender(event, options.appUrl)) {
      console.warn('[ipc] rpc refused from', event.senderFrame?.url);
      return forbidden;
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: ERROR_MESSAGES.UNKNOWN_CALL } };
    }
    const windowId = event.sender.id;
    const sent = sessions.get(windowId) ?? null;
    // The window is the client: failed logins lock out only the window they come from (accounts/lockout.ts).
    const { result, sessionId } = await options.runtime.call(options.actor, sent, name, input, windowClientId(windowId), LOCAL_CLIENT);
    // Calls of one window overlap: only the call that still holds the session it was sent with may change it.
    if ((sessions.get(windowId) ?? null) !== sent) return result;
    if (sessionId) {
      if (!sessions.has(windowId)) event.sender.once('destroyed', () => sessions.delete(windowId));
      sessions.set(windowId, sessionId);
    } else sessions.delete(windowId);
    return result;
  });

  ipcMain.handle(SAVE_FILE_CHANNEL, async (event, request: unknown): Promise<SaveFileResult> => {
    if (!isTrustedSender(event, options.appUrl)) {
      console.warn('[ipc] save-file refused from', event.senderFrame?.url);
      return { saved: false, error: '请求不是来自本程序的页面，已拒绝' };
    }
    return saveWithDialog(BrowserWindow.fromWebContents(event.sender), request, options);
  });

  // Prints the sender's own page (a report's print route): A4 and margins from its CSS @page, page numbers from its
  // margin boxes; then the same save dialog as save-file.
  ipcMain.handle(PRINT_TO_PDF_CHANNEL, async (event, request: unknown): Promise<SaveFileResult> => {
    if (!isTrustedSender(event, options.appUrl)) {
      console.warn('[ipc] print-to-pdf refused from', event.senderFrame?.url);
      return { saved: false, error: '请求不是来自本程序的页面，已拒绝' };
    }
    const fileName = typeof request === 'object' && request !== null ? (request as { fileName?: unknown }).fileName : undefined;
    if (typeof fileName !== 'string') return { saved: false, error: '要保存的文件无效' };
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
    return saveWithDialog(BrowserWindow.fromWebContents(event.sender), { fileName, base64: pdf.toString('base64') }, options);
  });

  // The recovery screen's 打开数据文件夹: the folder the app was started with, nothing the page names.
  ipcMain.handle(OPEN_DATA_FOLDER_CHANNEL, async (event): Promise<boolean> => {
    if (!isTrustedSender(event, options.appUrl)) return false;
    return (await shell.openPath(options.dataDir)) === '';
  });
  // 系统 → 帮助 → 使用说明: the file the app ships, nothing the page names
  ipcMain.handle(OPEN_GUIDE_CHANNEL, async (event): Promise<boolean> => {
    if (!isTrustedSender(event, options.appUrl)) return false;
    return (await shell.openPath(options.guideFile)) === '';
  });

  return () => {
    ipcMain.removeHandler(OPEN_DATA_FOLDER_CHANNEL);
    ipcMain.removeHandler(OPEN_GUIDE_CHANNEL);
    ipcMain.removeHandler(RPC_CHANNEL);
    ipcMain.removeHandler(SAVE_FILE_CHANNEL);
    ipcMain.removeHandler(PRINT_TO_PDF_CHANNEL);
  };
}

/** Checks what the page asked to save, asks where, and writes it. */
async function saveWithDialog(parent: BrowserWindow | null, request: unknown, options: IpcOptions): Promise<SaveFileResult> {
  const plan = planSaveFile(request);
  if (!plan.ok) {
    await showSaveError(parent, plan.message);
    return { saved: false, error: plan.message };
  }
  const dialogOptions = {
    title: '保存文件',
    buttonLabel: '保存',
    defaultPath: join(options.defaultSaveDir(), plan.fileName),
    filters: plan.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (choice.canceled || !choice.filePath) return { saved: false };
  const target = withExtension(choice.filePath, plan.extension);
  try {
    await writeFile(target, Buffer.from(plan.bytesBase64, 'base64'));
  } catch (e) {
    const message = saveErrorMessage(e);
    await showSaveError(parent, message);
    return { saved: false, error: message };
  }
  return { saved: true, path: target };
}

async function showSaveError(parent: BrowserWindow | null, message: string): Promise<void> {
  const options = { type: 'error' as const, title: '保存失败', message: '文件没有保存', detail: message, buttons: ['确定'] };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}
