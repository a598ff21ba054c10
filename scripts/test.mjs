// `npm test`: typecheck, lint, unit tests, end-to-end tests, the desktop smoke test, in that order; stops at the first that fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['类型检查 typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['代码规范 lint', 'npm', ['run', '-s', 'lint']],
  // the district tests start a private PostgreSQL cluster (scripts/postgres.mjs): Debian's package, installed when missing
  ['PostgreSQL', 'node', ['scripts/ensure-postgres.mjs']],
  ['单元测试 unit', 'npx', ['vitest', 'run']],
  ['浏览器', 'node', ['scripts/ensure-chromium.mjs']],
  ['端到端测试 e2e', 'npx', ['playwright', 'test']],
  // the real Electron window; skipped, saying why in one line, where no Electron binary can run
  ['桌面冒烟测试 desktop', 'npx', ['playwright', 'test', '-c', 'playwright.desktop.config.ts']],
];

for (const [label, cmd, args] of steps) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`\n✘ ${label} 未通过`);
    process.exit(r.status ?? 1);
  }
}
console.log('\n✔ 全部测试通过');
