// Finds a Chromium with Chinese fonts for the end-to-end tests, installing Debian's packages when it can.
// Playwright's own browser download cannot work on our machines, so tests use the system's Chromium.
// LibreOffice (soffice, headless) prints the exported workbooks to PDF in the print test (tests/e2e/excel-print.spec.ts),
// with Carlito for Calibri (the workbooks' default font, whose digit sets Excel's column width): without it LibreOffice
// takes DejaVu Sans, a quarter wider, and prints every sheet smaller than Excel or WPS would.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const PACKAGES = ['chromium', 'fonts-noto-cjk', 'poppler-utils', 'libreoffice-calc-nogui', 'fonts-crosextra-carlito'];

const findChromium = () => CANDIDATES.find((p) => p && existsSync(p));
const hasChineseFonts = () => {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
};
const hasPdfTools = () => spawnSync('pdftoppm', ['-v']).status === 0;
const hasLibreOffice = () => spawnSync('soffice', ['--version']).status === 0;
const hasCalibriMetrics = () => /Carlito/i.test(spawnSync('fc-match', ['Calibri'], { encoding: 'utf8' }).stdout ?? '');

if (findChromium() && hasChineseFonts() && hasPdfTools() && hasLibreOffice() && hasCalibriMetrics()) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('apt-get', ['--version']).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    `端到端测试需要 Chromium、中文字体、poppler-utils、LibreOffice 和 Carlito 字体。请安装：sudo apt-get install ${PACKAGES.join(' ')}\n` +
      `(or set CHROMIUM_PATH to a Chromium/Chrome binary and install CJK fonts)`,
  );
  process.exit(1);
}
console.log(`正在安装测试所需的系统软件包：${PACKAGES.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], { stdio: 'inherit', env });
if (!findChromium()) {
  console.error('安装后仍未找到 Chromium');
  process.exit(1);
}
if (!hasLibreOffice()) {
  console.error('安装后仍未找到 LibreOffice（soffice）');
  process.exit(1);
}
