import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, PRODUCT_NAME } from '../../../src/main/host/data-dir';

// Electron's userData is appData/productName; the web host must land in the same folder.
describe('defaultDataDir', () => {
  it('is the product name, as in package.json', async () => {
    const pkg = (await import('../../../package.json')).default as { productName: string };
    expect(PRODUCT_NAME).toBe('网格考评');
    expect(pkg.productName).toBe(PRODUCT_NAME);
  });

  it('uses APPDATA on Windows', () => {
    const appData = join('C:', 'Users', '张三', 'AppData', 'Roaming');
    expect(defaultDataDir('win32', { APPDATA: appData }, join('C:', 'Users', '张三'))).toBe(join(appData, '网格考评'));
  });

  it('falls back to home/AppData/Roaming on Windows without APPDATA', () => {
    const home = join('C:', 'Users', 'li');
    expect(defaultDataDir('win32', {}, home)).toBe(join(home, 'AppData', 'Roaming', '网格考评'));
  });

  it('uses XDG_CONFIG_HOME on Linux when set', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/wang')).toBe(join('/data/cfg', '网格考评'));
  });

  it('uses ~/.config on Linux when XDG_CONFIG_HOME is unset or empty', () => {
    expect(defaultDataDir('linux', {}, '/home/wang')).toBe(join('/home/wang', '.config', '网格考评'));
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/wang')).toBe(join('/home/wang', '.config', '网格考评'));
  });

  it('ignores APPDATA and XDG_CONFIG_HOME where they do not apply', () => {
    expect(defaultDataDir('linux', { APPDATA: '/x' }, '/home/wang')).toBe(join('/home/wang', '.config', '网格考评'));
    expect(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/x' }, '/Users/zhao')).toBe(
      join('/Users/zhao', 'Library', 'Application Support', '网格考评'),
    );
  });
});
