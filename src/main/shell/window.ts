/**
 * The main window and the hardening every page gets: fixed webPreferences, a CSP header, no navigation away from
 * the app, no new windows, no webviews, and only the permissions the app needs.
 */
import { app, BrowserWindow, session, type WebContents } from 'electron';
import { join } from 'node:path';
// the window's (and the Linux taskbar's) icon; Windows shows the .exe's, from resources/icon.ico
import windowIcon from '../../../resources/icons/256x256.png?asset';
import {
  appUrlFor,
  contentSecurityPolicyFor,
  isDevServerUrl,
  isPermissionAllowed,
  shouldBlockNavigation,
  windowWebPreferences,
  withSecurityHeaders,
} from './policy';

export const WINDOW_TITLE = '网格考评';

/** Where the renderer comes from in this run; ipc checks senders against the same URL. */
export function resolveAppUrl(): string {
  return appUrlFor({
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
    rendererIndexFile: join(__dirname, '../renderer/index.html'),
  });
}

/** Session-wide rules, set once before the first window: CSP on every response, permissions denied by default. */
export function hardenSession(appUrl: string): void {
  const ses = session.defaultSession;
  const policy = contentSecurityPolicyFor(appUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, policy) });
  });
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl || contents.getURL(), appUrl));
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const url = details.requestingUrl ?? contents?.getURL() ?? requestingOrigin;
    return isPermissionAllowed(permission, url, appUrl);
  });
}

/** Applied to every web contents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (shouldBlockNavigation(url, appUrl)) {
      event.preventDefault();
      console.warn('[shell] blocked navigation to', url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (shouldBlockNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    console.warn('[shell] blocked a new window for', url);
    return { action: 'deny' };
  });
}

export function createMainWindow(appUrl: string): BrowserWindow {
  const devTools = !app.isPackaged;
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1440,
    height: 900,
    minWidth: 1200,
    minHeight: 760,
    show: false,
    backgroundColor: '#ffffff',
    icon: windowIcon,
    autoHideMenuBar: false,
    webPreferences: windowWebPreferences(join(__dirname, '../preload/index.js'), { devTools }),
  });
  win.once('ready-to-show', () => {
    win.maximize();
    win.show();
  });
  if (isDevServerUrl(appUrl)) {
    void win.loadURL(appUrl);
  } else {
    void win.loadFile(join(__dirname, '../renderer/index.html'));
  }
  return win;
}
