/**
 * The Electron shell's security decisions, kept pure (no electron import) so they can be tested under plain Node:
 * which URL is the app, where a window may navigate, how a window is configured, which headers and permissions a
 * page gets, and what the save dialog accepts. ARCHITECTURE.md rule 8.
 */
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isLoopbackHttp(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The URL the window loads: electron-vite's dev server (ELECTRON_RENDERER_URL) while developing, else the built
 * page on disk. The dev server is honoured only when unpackaged and only on this machine, so an environment
 * variable cannot point an installed app at a remote page.
 */
export function appUrlFor(options: { devServerUrl: string | undefined; isPackaged: boolean; rendererIndexFile: string }): string {
  const dev = options.devServerUrl ? parseUrl(options.devServerUrl) : null;
  if (!options.isPackaged && dev && isLoopbackHttp(dev)) return dev.href;
  return pathToFileURL(options.rendererIndexFile).href;
}

/** Whether the app URL is the dev server rather than the built page. */
export function isDevServerUrl(appUrl: string): boolean {
  const u = parseUrl(appUrl);
  return u !== null && isLoopbackHttp(u);
}

/** Two file-URL paths name the same file: compared decoded (an install path may hold Chinese or spaces), and
 * without regard to case on a Windows drive path. */
function sameFilePath(a: string, b: string): boolean {
  const decode = (p: string) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return null;
    }
  };
  const [x, y] = [decode(a), decode(b)];
  if (x === null || y === null) return false;
  if (/^\/[A-Za-z]:\//.test(y)) return x.toLowerCase() === y.toLowerCase();
  return x === y;
}

/**
 * Whether `url` is the app's own page: for the built app, the very same file (any query or #route); for the dev
 * server, the same loopback origin. Everything else — other sites, other local files, data:, javascript:,
 * about:blank — is not.
 */
export function isTrustedUrl(url: string | null | undefined, appUrl: string): boolean {
  if (!url) return false;
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === app.host && sameFilePath(target.pathname, app.pathname);
  }
  if (isLoopbackHttp(app)) return target.origin === app.origin;
  return false;
}

/** will-navigate / will-redirect: the window only ever shows the app; routes change in-page, not by navigation. */
export function shouldBlockNavigation(targetUrl: string, currentAppUrl: string): boolean {
  return !isTrustedUrl(targetUrl, currentAppUrl);
}

/** The subset of Electron's WebPreferences the shell sets; structurally assignable to Electron.WebPreferences. */
export interface ShellWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly experimentalFeatures: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly spellcheck: false;
  readonly devTools: boolean;
}

export function windowWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): ShellWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools ?? false,
  };
}

/**
 * The CSP for the window. The built app gets the shared strict policy. Vite's dev server needs an inline script
 * (React refresh preamble) and a websocket back to itself, so the dev policy relaxes exactly those two directives.
 */
export function contentSecurityPolicyFor(appUrl: string): string {
  const dev = parseUrl(appUrl);
  if (!dev || !isLoopbackHttp(dev)) return CONTENT_SECURITY_POLICY;
  const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return CONTENT_SECURITY_POLICY.split('; ')
    .map((d) => {
      if (d.startsWith('script-src ')) return `${d} 'unsafe-inline'`;
      if (d.startsWith('connect-src ')) return `${d} ${ws}`;
      return d;
    })
    .join('; ');
}

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * onHeadersReceived: the response headers with our CSP in place of any the response carried (names compared
 * without regard to case, so a server cannot slip a weaker policy past us), plus nosniff.
 */
export function withSecurityHeaders(headers: ResponseHeaders | undefined, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    if (lower === 'x-content-type-options') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** Permissions a page may have: writing text to the clipboard and going full screen. No camera, location, etc. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl, appUrl);
}

// ---- save-file ----

export interface SaveFileRequest {
  fileName: string;
  base64: string;
}

export interface SaveFileFilter {
  name: string;
  extensions: string[];
}

const SAVE_TYPES: Record<string, SaveFileFilter> = {
  '.xlsx': { name: 'Excel 工作簿', extensions: ['xlsx'] },
  '.pdf': { name: 'PDF 文件', extensions: ['pdf'] },
  '.png': { name: 'PNG 图片', extensions: ['png'] },
};

/** At most 200 MB of file (base64 is 4/3 of that). */
const MAX_BASE64_CHARS = Math.ceil((200 * 1024 * 1024 * 4) / 3) + 4;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
// eslint-disable-next-line no-control-regex
const ILLEGAL_NAME_CHARS = /[<>:"/\\|?*\u0000-\u001f]/g;

export type SavePlan =
  | { ok: true; fileName: string; extension: string; filters: SaveFileFilter[]; bytesBase64: string }
  | { ok: false; message: string };

/**
 * Checks what the page asked to save: an .xlsx, .pdf or .png (a chart's 保存图片) with a plain file name (no folders: the user picks where)
 * and well-formed base64. Returns the cleaned name and the dialog's filter.
 */
export function planSaveFile(request: unknown): SavePlan {
  if (typeof request !== 'object' || request === null) return { ok: false, message: '要保存的文件无效' };
  const { fileName, base64 } = request as Partial<Record<keyof SaveFileRequest, unknown>>;
  if (typeof fileName !== 'string' || typeof base64 !== 'string') return { ok: false, message: '要保存的文件无效' };
  const cleaned = basename(fileName.replace(/\\/g, '/')).replace(ILLEGAL_NAME_CHARS, '_').trim();
  const extension = extname(cleaned).toLowerCase();
  const filter = SAVE_TYPES[extension];
  if (!filter) return { ok: false, message: '只能保存 Excel（.xlsx）、PDF（.pdf）或 PNG 图片（.png）文件' };
  if (cleaned.length <= extension.length) return { ok: false, message: '文件名不能为空' };
  if (base64.length > MAX_BASE64_CHARS) return { ok: false, message: '文件过大（超过 200 MB），无法保存' };
  if (base64.length % 4 !== 0 || !BASE64_RE.test(base64)) return { ok: false, message: '文件内容已损坏，无法保存' };
  return { ok: true, fileName: cleaned, extension, filters: [filter], bytesBase64: base64 };
}

/** Some desktops return the chosen path without the extension the filter implies; put it back. */
export function withExtension(filePath: string, extension: string): string {
  return extname(filePath).toLowerCase() === extension ? filePath : `${filePath}${extension}`;
}

/** A write failure in words a user can act on (the usual cause on Windows: the file is open in Excel). */
export function saveErrorMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return '无法写入该文件：文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限。请关闭该文件或换一个位置后再试。';
  }
  if (code === 'ENOSPC') return '无法写入该文件：磁盘空间不足。';
  return `无法写入该文件（${error instanceof Error ? error.message : String(error)}）。`;
}
