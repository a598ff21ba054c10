// Running child processes for start.mjs and serve.mjs: the build, probes with a time limit, and the long-running
// app with Ctrl+C passed on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `electron-vite build` (its own bin run by this Node, which also works on Windows without a shell). */
export function runBuild() {
  const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(bin)) {
    console.error('找不到 electron-vite，请先运行 npm install');
    return 1;
  }
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.error) console.error(`构建失败：${r.error.message}`);
  return r.status ?? 1;
}

/** Runs a command quietly with a time limit; resolves { code, timedOut } and never rejects. */
export function runQuiet(command, args, { timeoutMs, env, cwd }) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { cwd: cwd ?? ROOT, env, stdio: 'ignore', windowsHide: true });
    } catch {
      resolve({ code: null, timedOut: false });
      return;
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', () => {
      clearTimeout(timer);
      resolve({ code: null, timedOut });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

/** Runs a command in the foreground, passing Ctrl+C and termination on; resolves its exit code. */
export function runForeground(command, args, { env, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: cwd ?? ROOT, env: env ?? process.env, stdio: 'inherit' });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const onInt = () => forward('SIGINT');
    const onTerm = () => forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const done = (code) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code);
    };
    child.once('error', (e) => {
      console.error(`无法启动 ${command}：${e.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => done(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
  });
}

/** The local web host (the built out/main/host.js) under this Node. */
export function runHost(args) {
  return runForeground(process.execPath, [join(ROOT, 'out', 'main', 'host.js'), ...args]);
}
