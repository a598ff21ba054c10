import { execFileSync } from 'node:child_process';

/** One build for the whole run; every test starts its own host from it. */
export default function globalSetup(): void {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
}
