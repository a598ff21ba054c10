// `npm run bench`: runs bench/*.bench.ts, then prints each figure as a ratio to its raw baseline.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = 'bench/results.json';
rmSync(RESULTS, { force: true });
const r = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.mts'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (!existsSync(RESULTS)) process.exit(r.status ?? 1);
const figures = JSON.parse(readFileSync(RESULTS, 'utf8'));
console.log('\nid                 ms        baseline ms   ratio   what');
for (const f of figures) {
  console.log(`${f.id.padEnd(18)} ${String(f.ms).padEnd(9)} ${String(f.baselineMs).padEnd(13)} ${String(f.ratio).padEnd(7)} ${f.what}`);
}
console.log(`\n写入 ${RESULTS}`);
process.exit(r.status ?? 0);
