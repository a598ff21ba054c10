// Finds PostgreSQL's server binaries for the district tests, installing Debian's `postgresql` package when it can
// (like ensure-chromium.mjs); says plainly what to install when it cannot. The tests themselves fail with the same
// message when it is missing: they are never skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { findPostgresBin, MISSING_POSTGRES, POSTGRES_PACKAGE } from './postgres.mjs';

if (findPostgresBin()) process.exit(0);
const isRoot = process.getuid?.() === 0;
if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0) {
  console.error(MISSING_POSTGRES);
  process.exit(1);
}
console.log(`正在安装测试所需的系统软件包：${POSTGRES_PACKAGE}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', POSTGRES_PACKAGE], { stdio: 'inherit', env });
if (!findPostgresBin()) {
  console.error(`安装后仍未找到 PostgreSQL。${MISSING_POSTGRES}`);
  process.exit(1);
}
