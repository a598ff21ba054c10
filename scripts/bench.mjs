// `npm run bench`: runs bench/*.bench.ts, then prints each figure as a ratio to its raw baseline and how long the run
// took. `npm run bench -- --quick`: only the benchmarks that need neither a browser nor years of data (under two
// minutes on an office PC); any other argument names bench files to run (e.g. `npm run bench -- export`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = 'bench/results.json';
const QUICK = ['bench/assessments.bench.ts', 'bench/roster.bench.ts', 'bench/restore.bench.ts'];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const files = quick ? QUICK : args.filter((a) => !a.startsWith('--'));
const started = Date.now();
rmSync(RESULTS, { force: true });
// the browser benchmarks run the built host and page: built from this tree first, so they never measure an older one
const BROWSER = ['commendation', 'first-screen', 'scoring-page'];
if (!quick && (files.length === 0 || files.some((f) => BROWSER.some((b) => f.includes(b))))) {
  const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const r = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.mts', ...files], { stdio: 'inherit', shell: process.platform === 'win32' });
if (!existsSync(RESULTS)) process.exit(r.status ?? 1);
const figures = JSON.parse(readFileSync(RESULTS, 'utf8'));
console.log('\nid                    figure        baseline      ratio   what');
for (const f of figures) {
  const unit = f.unit ?? 'ms';
  console.log(`${f.id.padEnd(21)} ${`${f.ms} ${unit}`.padEnd(13)} ${`${f.baselineMs} ${unit}`.padEnd(13)} ${String(f.ratio).padEnd(7)} ${f.what}`);
}
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\n${quick ? '快速集' : files.length ? '所选基准' : '全部基准'}用时 ${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒；写入 ${RESULTS}`);
process.exit(r.status ?? 0);
