import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fuses = require('../../../scripts/electron-fuses.cjs') as {
  FUSES: Record<string, boolean>;
  electronBinary: (context: unknown) => string;
};

/** The packaging itself needs Electron's download (a public CI); what it sets is checked here. */
describe('Electron fuses at packaging', () => {
  it('turns off running as Node and the inspector, loads only from an integrity-checked asar', () => {
    expect(fuses.FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeCliInspectArguments: false,
      EnableNodeOptionsEnvironmentVariable: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('sets every fuse this Electron knows, so a new one fails the build until it is decided', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(fuses.FUSES).sort()).toEqual(known.sort());
  });

  it('finds the packaged binary on each platform', () => {
    const context = (platform: string) => ({ appOutDir: '/out', electronPlatformName: platform, packager: { appInfo: { productFilename: '网格考评' }, executableName: 'grid-appraisal' } });
    expect(fuses.electronBinary(context('win32'))).toBe('/out/网格考评.exe');
    expect(fuses.electronBinary(context('linux'))).toBe('/out/grid-appraisal');
    expect(fuses.electronBinary(context('darwin'))).toBe('/out/网格考评.app');
  });
});
