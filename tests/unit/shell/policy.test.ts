import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp';
import {
  appUrlFor,
  contentSecurityPolicyFor,
  isPermissionAllowed,
  isTrustedUrl,
  planSaveFile,
  saveErrorMessage,
  shouldBlockNavigation,
  windowWebPreferences,
  withExtension,
  withSecurityHeaders,
} from '../../../src/main/shell/policy';

const indexFile = join('/opt', '网格考评', 'resources', 'app.asar', 'out', 'renderer', 'index.html');
const fileApp = pathToFileURL(indexFile).href;
const devApp = 'http://localhost:5173/';

describe('appUrlFor', () => {
  it('uses the dev server only when unpackaged and on this machine', () => {
    expect(appUrlFor({ devServerUrl: 'http://localhost:5173', isPackaged: false, rendererIndexFile: indexFile })).toBe(devApp);
    expect(appUrlFor({ devServerUrl: 'http://localhost:5173', isPackaged: true, rendererIndexFile: indexFile })).toBe(fileApp);
    expect(appUrlFor({ devServerUrl: 'https://evil.example/', isPackaged: false, rendererIndexFile: indexFile })).toBe(fileApp);
    expect(appUrlFor({ devServerUrl: undefined, isPackaged: false, rendererIndexFile: indexFile })).toBe(fileApp);
    expect(appUrlFor({ devServerUrl: 'not a url', isPackaged: false, rendererIndexFile: indexFile })).toBe(fileApp);
  });
});

describe('isTrustedUrl for the built app (file://)', () => {
  it('trusts the app page itself, with any route or query', () => {
    expect(isTrustedUrl(fileApp, fileApp)).toBe(true);
    expect(isTrustedUrl(`${fileApp}#/people?unit=3`, fileApp)).toBe(true);
    expect(isTrustedUrl(`${fileApp}?report=monthly`, fileApp)).toBe(true);
  });

  it('compares decoded paths (Chinese folder names may arrive encoded or not)', () => {
    expect(fileApp).toContain('%E7%BD%91'); // pathToFileURL encodes 网
    expect(isTrustedUrl(decodeURI(fileApp), fileApp)).toBe(true);
    expect(decodeURI(fileApp)).toContain('网格考评');
  });

  it('ignores drive-letter case on Windows paths only', () => {
    const win = 'file:///C:/Program%20Files/Grid/resources/app.asar/out/renderer/index.html';
    expect(isTrustedUrl('file:///c:/program%20files/grid/resources/app.asar/out/renderer/index.html', win)).toBe(true);
    expect(isTrustedUrl('file:///OPT/Grid/index.html', 'file:///opt/Grid/index.html')).toBe(false);
  });

  it('does not trust other local files, other sites, or pseudo-URLs', () => {
    expect(isTrustedUrl(pathToFileURL('/etc/passwd').href, fileApp)).toBe(false);
    expect(isTrustedUrl(pathToFileURL(join('/opt', '网格考评', 'other.html')).href, fileApp)).toBe(false);
    expect(isTrustedUrl(pathToFileURL('/tmp/out/renderer/index.html').href, fileApp)).toBe(false);
    expect(isTrustedUrl('file://evil-host/opt/%E7%BD%91/index.html', fileApp)).toBe(false);
    expect(isTrustedUrl('https://evil.example/', fileApp)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', fileApp)).toBe(false);
    expect(isTrustedUrl('about:blank', fileApp)).toBe(false);
    expect(isTrustedUrl('data:text/html,<script>1</script>', fileApp)).toBe(false);
    expect(isTrustedUrl('javascript:alert(1)', fileApp)).toBe(false);
    expect(isTrustedUrl('', fileApp)).toBe(false);
    expect(isTrustedUrl(null, fileApp)).toBe(false);
    expect(isTrustedUrl(undefined, fileApp)).toBe(false);
    expect(isTrustedUrl('%%%', fileApp)).toBe(false);
  });
});

describe('isTrustedUrl for the dev server', () => {
  it('trusts the same loopback origin, any path', () => {
    expect(isTrustedUrl('http://localhost:5173/', devApp)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/#/people', devApp)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx', devApp)).toBe(true);
  });

  it('does not trust another port, host, scheme or a look-alike host', () => {
    expect(isTrustedUrl('http://localhost:5174/', devApp)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:5173/', devApp)).toBe(false);
    expect(isTrustedUrl('https://localhost:5173/', devApp)).toBe(false);
    expect(isTrustedUrl('http://localhost.evil.example:5173/', devApp)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173@evil.example/', devApp)).toBe(false);
    expect(isTrustedUrl('https://evil.example/', devApp)).toBe(false);
    expect(isTrustedUrl(fileApp, devApp)).toBe(false);
  });

  it('trusts nothing when the app URL itself is a remote site', () => {
    expect(isTrustedUrl('https://evil.example/', 'https://evil.example/')).toBe(false);
  });
});

describe('shouldBlockNavigation', () => {
  it('lets the app reload itself and blocks everything else', () => {
    expect(shouldBlockNavigation(`${fileApp}#/reports`, fileApp)).toBe(false);
    expect(shouldBlockNavigation('https://evil.example/phish', fileApp)).toBe(true);
    expect(shouldBlockNavigation(pathToFileURL('/home/user/下载/invoice.html').href, fileApp)).toBe(true);
    expect(shouldBlockNavigation('http://localhost:5173/', devApp)).toBe(false);
    expect(shouldBlockNavigation('http://localhost:8080/', devApp)).toBe(true);
  });
});

describe('windowWebPreferences', () => {
  it('isolates and sandboxes the page and keeps Node out of it', () => {
    const prefs = windowWebPreferences('/app/out/preload/index.js');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('turns developer tools on only when asked', () => {
    expect(windowWebPreferences('/p.js', { devTools: true }).devTools).toBe(true);
  });
});

describe('content security policy', () => {
  it('gives the built app the shared strict policy', () => {
    expect(contentSecurityPolicyFor(fileApp)).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('relaxes only script-src and connect-src for the dev server', () => {
    const dev = contentSecurityPolicyFor(devApp);
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
    expect(dev).not.toContain('unsafe-eval');
  });

  it('replaces any policy the response carried, whatever its case', () => {
    const out = withSecurityHeaders(
      {
        'content-security-policy': ["default-src *"],
        'Content-Security-Policy-Report-Only': "default-src *",
        'Content-Type': 'text/html',
        'x-content-type-options': ['sniff'],
      },
      CONTENT_SECURITY_POLICY,
    );
    expect(out).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
    expect(withSecurityHeaders(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'], 'X-Content-Type-Options': ['nosniff'] });
  });
});

describe('isPermissionAllowed', () => {
  it('allows clipboard writing and full screen for the app page only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', fileApp, fileApp)).toBe(true);
    expect(isPermissionAllowed('fullscreen', `${fileApp}#/x`, fileApp)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', fileApp)).toBe(false);
    expect(isPermissionAllowed('clipboard-read', fileApp, fileApp)).toBe(false);
    expect(isPermissionAllowed('media', fileApp, fileApp)).toBe(false);
    expect(isPermissionAllowed('geolocation', fileApp, fileApp)).toBe(false);
    expect(isPermissionAllowed('notifications', fileApp, fileApp)).toBe(false);
  });
});

describe('planSaveFile', () => {
  const b64 = Buffer.from('PK\u0003\u0004 content').toString('base64');

  it('accepts .xlsx and .pdf with the matching filter', () => {
    const xlsx = planSaveFile({ fileName: '2026年11月考评.xlsx', base64: b64 });
    expect(xlsx).toEqual({
      ok: true,
      fileName: '2026年11月考评.xlsx',
      extension: '.xlsx',
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      bytesBase64: b64,
    });
    const pdf = planSaveFile({ fileName: '月报.PDF', base64: '' });
    expect(pdf.ok && pdf.extension).toBe('.pdf');
    // a chart's 保存图片
    expect(planSaveFile({ fileName: '社区对比.png', base64: b64 })).toMatchObject({ ok: true, extension: '.png', filters: [{ name: 'PNG 图片', extensions: ['png'] }] });
  });

  it('strips folders and characters Windows forbids from the name', () => {
    const plan = planSaveFile({ fileName: '..\\..\\Windows/System32/a:b?.xlsx', base64: b64 });
    expect(plan.ok && plan.fileName).toBe('a_b_.xlsx');
  });

  it('refuses other types, empty names, malformed requests and bad base64', () => {
    expect(planSaveFile({ fileName: 'run.exe', base64: b64 })).toMatchObject({ ok: false, message: expect.stringContaining('.xlsx') });
    expect(planSaveFile({ fileName: 'x.xlsx.lnk', base64: b64 }).ok).toBe(false);
    expect(planSaveFile({ fileName: '.xlsx', base64: b64 }).ok).toBe(false);
    expect(planSaveFile({ fileName: 'a.xlsx', base64: 'not base64!' }).ok).toBe(false);
    expect(planSaveFile({ fileName: 'a.xlsx', base64: 'abc' }).ok).toBe(false);
    expect(planSaveFile({ fileName: 'a.xlsx' }).ok).toBe(false);
    expect(planSaveFile(null).ok).toBe(false);
    expect(planSaveFile('a.xlsx').ok).toBe(false);
  });
});

describe('withExtension and saveErrorMessage', () => {
  it('adds the extension only when the chosen path lacks it', () => {
    expect(withExtension('/home/u/月报', '.pdf')).toBe('/home/u/月报.pdf');
    expect(withExtension('/home/u/月报.PDF', '.pdf')).toBe('/home/u/月报.PDF');
    expect(withExtension('/home/u/a.xlsx', '.pdf')).toBe('/home/u/a.xlsx.pdf');
  });

  it('explains a locked file in words a user can act on', () => {
    expect(saveErrorMessage(Object.assign(new Error('busy'), { code: 'EBUSY' }))).toContain('Excel');
    expect(saveErrorMessage(Object.assign(new Error('full'), { code: 'ENOSPC' }))).toContain('磁盘空间不足');
    expect(saveErrorMessage(new Error('odd'))).toContain('odd');
  });
});
