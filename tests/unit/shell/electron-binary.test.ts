import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  asAppEnv,
  asNodeEnv,
  decideElectron,
  hasDisplay,
  INSTALL_TIMEOUT_MS,
  locateElectron,
  nativeModulesLoad,
  NATIVE_PROBE,
  platformExecutable,
  VERSION_TIMEOUT_MS,
  type FsLike,
  type RunOptions,
  type RunResult,
} from '../../../scripts/electron-binary.mjs';

const electronDir = join('/proj', 'node_modules', 'electron');
const installer = join(electronDir, 'install.js');
const binary = join(electronDir, 'dist', 'electron');

/** A file system holding exactly the given files. */
function fakeFs(files: Record<string, string>): FsLike & { files: Record<string, string> } {
  return {
    files,
    existsSync: (p) => p in files,
    readFileSync: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return files[p]!;
    },
  };
}

interface Call {
  command: string;
  args: string[];
  options: RunOptions;
}

/** A process runner that records calls and answers from a script keyed by command. */
function fakeRun(answer: (call: Call) => RunResult) {
  const calls: Call[] = [];
  const run = async (command: string, args: string[], options: RunOptions) => {
    const call = { command, args, options };
    calls.push(call);
    return answer(call);
  };
  return { run, calls };
}

const desktopEnv = { DISPLAY: ':0', PATH: '/usr/bin' };
const base = { electronDir, platform: 'linux', execPath: '/usr/bin/node' };

describe('locateElectron', () => {
  it('follows path.txt into dist/', () => {
    const fs = fakeFs({ [join(electronDir, 'path.txt')]: 'electron\n', [binary]: '' });
    expect(locateElectron({ electronDir, platform: 'linux', env: {}, fs })).toEqual({ binary, exists: true, fromPathFile: true });
  });

  it("falls back to the platform's name when path.txt is missing", () => {
    const fs = fakeFs({});
    expect(locateElectron({ electronDir, platform: 'win32', env: {}, fs })).toEqual({
      binary: join(electronDir, 'dist', 'electron.exe'),
      exists: false,
      fromPathFile: false,
    });
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(platformExecutable('linux')).toBe('electron');
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron itself does', () => {
    const fs = fakeFs({ '/opt/electron/electron': '' });
    const found = locateElectron({ electronDir, platform: 'linux', env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, fs });
    expect(found).toEqual({ binary: join('/opt/electron', 'electron'), exists: true, fromPathFile: false });
  });
});

describe('decideElectron', () => {
  it('uses a present binary that runs, without trying to install', async () => {
    const fs = fakeFs({ [join(electronDir, 'path.txt')]: 'electron', [binary]: '', [installer]: '' });
    const { run, calls } = fakeRun(() => ({ code: 0, timedOut: false }));
    const decision = await decideElectron({ ...base, env: desktopEnv, fs, run });
    expect(decision).toEqual({ usable: true, binary });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.command).toBe(binary);
    expect(calls[0]!.args).toEqual(['--version']);
    expect(calls[0]!.options.timeoutMs).toBe(VERSION_TIMEOUT_MS);
    expect(calls[0]!.options.env.ELECTRON_RUN_AS_NODE).toBe('1');
  });

  it('falls back when the binary is missing and the install fails (this machine)', async () => {
    const fs = fakeFs({ [installer]: '' });
    const { run, calls } = fakeRun(() => ({ code: 1, timedOut: false }));
    const lines: string[] = [];
    const decision = await decideElectron({ ...base, env: desktopEnv, fs, run, log: (l) => lines.push(l) });
    expect(decision).toEqual({ usable: false, reason: 'Electron 程序文件缺失，下载失败' });
    expect(calls).toEqual([{ command: '/usr/bin/node', args: [installer], options: expect.objectContaining({ timeoutMs: INSTALL_TIMEOUT_MS }) }]);
    expect(lines.join('')).toContain('下载');
  });

  it('says so when the install timed out', async () => {
    const fs = fakeFs({ [installer]: '' });
    const { run } = fakeRun(() => ({ code: null, timedOut: true }));
    expect(await decideElectron({ ...base, env: desktopEnv, fs, run })).toEqual({ usable: false, reason: 'Electron 程序文件缺失，下载超时' });
  });

  it('uses the binary an install just put in place, once it runs', async () => {
    const fs = fakeFs({ [installer]: '' });
    const { run, calls } = fakeRun((call) => {
      if (call.command === '/usr/bin/node') {
        fs.files[join(electronDir, 'path.txt')] = 'electron';
        fs.files[binary] = '';
      }
      return { code: 0, timedOut: false };
    });
    expect(await decideElectron({ ...base, env: desktopEnv, fs, run })).toEqual({ usable: true, binary });
    expect(calls.map((c) => c.command)).toEqual(['/usr/bin/node', binary]);
  });

  it('does not try to install when electron is not installed at all', async () => {
    const { run, calls } = fakeRun(() => ({ code: 0, timedOut: false }));
    expect(await decideElectron({ ...base, env: desktopEnv, fs: fakeFs({}), run })).toEqual({ usable: false, reason: '没有安装 Electron' });
    expect(calls).toHaveLength(0);
  });

  it('refuses a present binary that will not run', async () => {
    const fs = fakeFs({ [join(electronDir, 'path.txt')]: 'electron', [binary]: '' });
    const { run } = fakeRun(() => ({ code: 127, timedOut: false }));
    expect(await decideElectron({ ...base, env: desktopEnv, fs, run })).toEqual({ usable: false, reason: 'Electron 程序无法运行' });
  });

  it('refuses a present binary that cannot be started at all or hangs', async () => {
    const fs = fakeFs({ [join(electronDir, 'path.txt')]: 'electron', [binary]: '' });
    const spawnFailed = fakeRun(() => ({ code: null, timedOut: false }));
    expect(await decideElectron({ ...base, env: desktopEnv, fs, run: spawnFailed.run })).toMatchObject({ usable: false });
    const hangs = fakeRun(() => ({ code: null, timedOut: true }));
    expect(await decideElectron({ ...base, env: desktopEnv, fs, run: hangs.run })).toEqual({ usable: false, reason: 'Electron 程序没有响应' });
  });

  it('refuses on a Linux machine without a desktop, but not on Windows', async () => {
    const fs = fakeFs({ [join(electronDir, 'path.txt')]: 'electron', [binary]: '' });
    const { run } = fakeRun(() => ({ code: 0, timedOut: false }));
    const headless = await decideElectron({ ...base, env: { PATH: '/usr/bin' }, fs, run });
    expect(headless).toMatchObject({ usable: false, reason: expect.stringContaining('DISPLAY') });
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });
});

describe('nativeModulesLoad', () => {
  it('loads better-sqlite3 inside Electron as Node, from the project folder', async () => {
    const { run, calls } = fakeRun(() => ({ code: 0, timedOut: false }));
    expect(await nativeModulesLoad({ binary, run, env: {}, cwd: '/proj' })).toBe(true);
    expect(calls[0]).toMatchObject({ command: binary, args: ['-e', NATIVE_PROBE], options: { cwd: '/proj' } });
    expect(calls[0]!.options.env.ELECTRON_RUN_AS_NODE).toBe('1');
  });

  it('reports a module built for another ABI', async () => {
    const { run } = fakeRun(() => ({ code: 1, timedOut: false }));
    expect(await nativeModulesLoad({ binary, run, env: {}, cwd: '/proj' })).toBe(false);
  });
});

describe('environments', () => {
  it('adds ELECTRON_RUN_AS_NODE for probes and removes it for the app', () => {
    expect(asNodeEnv({ A: '1' })).toEqual({ A: '1', ELECTRON_RUN_AS_NODE: '1' });
    expect(asAppEnv({ A: '1', ELECTRON_RUN_AS_NODE: '1' })).toEqual({ A: '1' });
  });
});
