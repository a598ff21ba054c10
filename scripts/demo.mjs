// `npm run demo -- --data-dir DIR`: builds if needed, then fills DIR's store with the demo street and exits.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const build = spawnSync('node', ['scripts/serve.mjs', '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(process.execPath, ['out/main/host.js', '--demo', '--demo-only', ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
