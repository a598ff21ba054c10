import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_SCRIPT } from '../support/host-process';

/**
 * One build for the whole run; every test starts its own host from it. The demo street is generated once here and
 * each demo test starts from a copy of its data file: generating it per test costs seconds, more on a busy machine.
 */
export default function globalSetup(): () => void {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  const demoDir = mkdtempSync(join(tmpdir(), 'grid-e2e-demo-'));
  execFileSync(process.execPath, [HOST_SCRIPT, '--data-dir', demoDir, '--demo', '--demo-only'], { stdio: 'inherit' });
  process.env.GRID_E2E_DEMO_DIR = demoDir;
  return () => rmSync(demoDir, { recursive: true, force: true });
}
