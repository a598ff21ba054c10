// `npm run serve -- --port 5180 --data-dir DIR [--demo] [--no-build]`: the local web host under plain Node.
// Builds first unless out/ is newer than every source (or --no-build is given).
import * as fs from 'node:fs';
import { isBuildFresh, splitServeArgs } from './build-state.mjs';
import { ROOT, runBuild, runHost } from './proc.mjs';

async function main() {
  const { noBuild, hostArgs } = splitServeArgs(process.argv.slice(2));
  if (!noBuild && !isBuildFresh(ROOT, fs)) {
    const built = runBuild();
    if (built !== 0) {
      console.error(`构建失败（退出码 ${built}），未启动本地网页版。`);
      return built;
    }
  }
  return runHost(hostArgs);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
