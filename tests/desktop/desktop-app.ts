/**
 * Which desktop app the smoke test starts, decided the way scripts/electron-binary.mjs decides for `npm start`, but
 * never downloading anything:
 * 1. GRID_APPRAISAL_APP_DIR: an app packaged by `npm run dist` (its *-unpacked folder; the release workflow sets it).
 *    Named but missing is an error, not a skip.
 * 2. The packaged app in dist/ for this platform and CPU, when `npm run dist` was run here.
 * 3. Electron from node_modules running the built out/ (`npm start`'s desktop window), when its binary runs here and
 *    better-sqlite3 is built for it.
 * Otherwise the reason none can run, in one line.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { asNodeEnv, hasDisplay, locateElectron, nativeModulesLoad, VERSION_TIMEOUT_MS, type Run } from '../../scripts/electron-binary.mjs';

export const ROOT = join(__dirname, '..', '..');

/** A probe with a time limit, as scripts/proc.mjs's runQuiet. */
const runQuiet: Run = (command, args, { timeoutMs, env, cwd }) => {
  const r = spawnSync(command, args, { timeout: timeoutMs, env, cwd: cwd ?? ROOT, stdio: 'ignore', windowsHide: true });
  return Promise.resolve({ code: r.error ? null : r.status, timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' });
};

export type DesktopApp =
  | { kind: 'packaged'; appDir: string; executable: string }
  | { kind: 'development'; executable: string }
  | { kind: 'none'; reason: string };

/** The packaged executable inside an unpacked app folder (electron-builder.yml: productName, linux.executableName). */
export function packagedExecutable(appDir: string, platform: NodeJS.Platform = process.platform): string {
  return join(appDir, platform === 'win32' ? '网格考评.exe' : 'grid-appraisal');
}

/** electron-builder's unpacked folder in dist/ for this machine. */
export function unpackedDir(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | null {
  if (platform === 'win32' && arch === 'x64') return join(ROOT, 'dist', 'win-unpacked');
  if (platform === 'linux' && arch === 'x64') return join(ROOT, 'dist', 'linux-unpacked');
  if (platform === 'linux' && arch === 'arm64') return join(ROOT, 'dist', 'linux-arm64-unpacked');
  return null;
}

export async function findDesktopApp(env: NodeJS.ProcessEnv = process.env): Promise<DesktopApp> {
  const named = env.GRID_APPRAISAL_APP_DIR;
  if (named) {
    const executable = packagedExecutable(named);
    if (!fs.existsSync(executable)) throw new Error(`GRID_APPRAISAL_APP_DIR names ${named}, but ${executable} does not exist`);
    return { kind: 'packaged', appDir: named, executable };
  }
  const noDesktop = '没有图形桌面（未设置 DISPLAY 或 WAYLAND_DISPLAY）';
  const dist = unpackedDir();
  if (dist && fs.existsSync(packagedExecutable(dist))) {
    if (!hasDisplay(process.platform, env)) return { kind: 'none', reason: noDesktop };
    return { kind: 'packaged', appDir: dist, executable: packagedExecutable(dist) };
  }

  const electron = locateElectron({ electronDir: join(ROOT, 'node_modules', 'electron'), platform: process.platform, env, fs });
  if (!electron.exists) {
    return { kind: 'none', reason: `本机没有 Electron 程序文件（${electron.binary}），也没有 npm run dist 打包出的程序` };
  }
  if (!hasDisplay(process.platform, env)) return { kind: 'none', reason: noDesktop };
  const probe = await runQuiet(electron.binary, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS, env: asNodeEnv(env) });
  if (probe.code !== 0 || probe.timedOut) return { kind: 'none', reason: `Electron 程序无法在本机运行（${electron.binary}）` };
  if (!(await nativeModulesLoad({ binary: electron.binary, run: runQuiet, env, cwd: ROOT }))) {
    return { kind: 'none', reason: 'better-sqlite3 不是为 Electron 编译的（先运行 npx electron-builder install-app-deps）' };
  }
  return { kind: 'development', executable: electron.binary };
}
