// `npm run district -- --database postgres://… [--port 5190] [--no-build]`: the district server under plain Node
// (out/main/district.js). Builds first unless out/ is newer than every source (or --no-build is given).
import * as fs from 'node:fs';
import { join } from 'node:path';
import { isBuildFresh } from './build-state.mjs';
import { ROOT, runBuild, runForeground } from './proc.mjs';

async function main() {
  const args = process.argv.slice(2);
  const noBuild = args.includes('--no-build');
  if (!noBuild && !isBuildFresh(ROOT, fs)) {
    const built = runBuild();
    if (built !== 0) {
      console.error(`构建失败（退出码 ${built}），未启动区级汇总。`);
      return built;
    }
  }
  return runForeground(process.execPath, [join(ROOT, 'out', 'main', 'district.js'), ...args.filter((a) => a !== '--no-build')]);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
