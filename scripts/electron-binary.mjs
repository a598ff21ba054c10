// Whether Electron can run on this machine, decided without side effects of its own: the file system and the
// process runner are passed in, so tests can stand in for a machine with, without or with a broken Electron.
import { join } from 'node:path';

export const INSTALL_TIMEOUT_MS = 60_000;
export const VERSION_TIMEOUT_MS = 15_000;

/** The executable inside node_modules/electron/dist, as electron's own install.js names it. */
export function platformExecutable(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * Where the Electron binary should be: path.txt (written by electron's installer) names it inside dist/, or the
 * platform's usual name when path.txt is missing; ELECTRON_OVERRIDE_DIST_PATH replaces dist/ as electron does.
 */
export function locateElectron({ electronDir, platform, env, fs }) {
  const pathFile = join(electronDir, 'path.txt');
  let relative = null;
  if (fs.existsSync(pathFile)) relative = String(fs.readFileSync(pathFile, 'utf8')).trim() || null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(distDir, relative ?? platformExecutable(platform));
  return { binary, exists: fs.existsSync(binary), fromPathFile: relative !== null };
}

/** A window needs a desktop: on Linux and the BSDs that means an X11 or Wayland display. */
export function hasDisplay(platform, env) {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The environment to run Electron's binary as plain Node (for probes). */
export function asNodeEnv(env) {
  return { ...env, ELECTRON_RUN_AS_NODE: '1' };
}

/** The environment to run Electron as Electron: a stray ELECTRON_RUN_AS_NODE would turn the app into Node. */
export function asAppEnv(env) {
  const out = { ...env };
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}

/**
 * Decides whether Electron is usable.
 * - run(command, args, { timeoutMs, env, cwd }) resolves to { code, timedOut } (code null when it never ran).
 * - Returns { usable: true, binary } or { usable: false, reason } with the reason in Chinese.
 * Steps: the binary must exist, else electron's install.js is tried once (60 s); then it must actually run
 * `--version` as Node within 15 s (a binary for another CPU, or missing system libraries, fail here); last, a
 * window needs a desktop to open on.
 */
export async function decideElectron({ electronDir, platform, env, fs, run, execPath, log = () => {} }) {
  let found = locateElectron({ electronDir, platform, env, fs });
  if (!found.exists) {
    const installer = join(electronDir, 'install.js');
    if (!fs.existsSync(installer)) return { usable: false, reason: '没有安装 Electron' };
    log('未找到 Electron 程序文件，正在尝试下载……');
    const install = await run(execPath, [installer], { timeoutMs: INSTALL_TIMEOUT_MS, env, cwd: electronDir });
    found = locateElectron({ electronDir, platform, env, fs });
    if (!found.exists) {
      const why = install.timedOut ? '下载超时' : '下载失败';
      return { usable: false, reason: `Electron 程序文件缺失，${why}` };
    }
  }
  const probe = await run(found.binary, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS, env: asNodeEnv(env) });
  if (probe.timedOut) return { usable: false, reason: 'Electron 程序没有响应' };
  if (probe.code !== 0) return { usable: false, reason: 'Electron 程序无法运行' };
  if (!hasDisplay(platform, env)) return { usable: false, reason: '没有图形桌面（未设置 DISPLAY 或 WAYLAND_DISPLAY）' };
  return { usable: true, binary: found.binary };
}

/** Loads better-sqlite3 inside Electron (as Node): false when it was compiled for another ABI. */
export const NATIVE_PROBE = "new (require('better-sqlite3'))(':memory:').close()";

export async function nativeModulesLoad({ binary, run, env, cwd }) {
  const r = await run(binary, ['-e', NATIVE_PROBE], { timeoutMs: VERSION_TIMEOUT_MS, env: asNodeEnv(env), cwd });
  return r.code === 0 && !r.timedOut;
}
