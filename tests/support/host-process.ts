/**
 * Starting the built local web host as `npm run serve` does, and the system Chromium with the flags these machines
 * need: shared by the end-to-end tests, their config and the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export { DATA_FILE_NAME } from '../../src/main/core/app';

export const HOST_SCRIPT = join(__dirname, '..', '..', 'out', 'main', 'host.js');

/** Debian's Chromium; Playwright's own browser download cannot work here. */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts the host (the built one unless told) on a free port for a data folder; resolves with the URL (and token) it prints. */
export function startHostProcess(dataDir: string, extraArgs: string[] = [], script = HOST_SCRIPT): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [script, '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], proc });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
}
