// `npm start`: build, then run the desktop app with Electron; where Electron cannot run (no binary, no desktop,
// a broken download), start the local web host instead, passing on any arguments (--port, --data-dir, --demo).
import * as fs from 'node:fs';
import { join } from 'node:path';
import { asAppEnv, decideElectron, nativeModulesLoad } from './electron-binary.mjs';
import { ROOT, runBuild, runForeground, runHost, runQuiet } from './proc.mjs';

const REBUILD_HINT =
  '提示：better-sqlite3 当前是为 Node 编译的，Electron 需要为它重新编译：请运行 ' +
  '`npx electron-builder install-app-deps`（之后若要用 npm run serve，需再运行 `npm rebuild better-sqlite3`）。';

/** electron-builder's command line script (a pinned dev dependency; missing after `npm install --omit=dev`). */
function electronBuilderCli() {
  const dir = join(ROOT, 'node_modules', 'electron-builder');
  try {
    const { bin } = JSON.parse(fs.readFileSync(join(dir, 'package.json'), 'utf8'));
    const rel = typeof bin === 'string' ? bin : bin?.['electron-builder'];
    return rel && fs.existsSync(join(dir, rel)) ? join(dir, rel) : null;
  } catch {
    return null;
  }
}

/** better-sqlite3 must be built for Electron's ABI; rebuild it when electron-builder is at hand. */
async function ensureNativeModules(binary) {
  if (await nativeModulesLoad({ binary, run: runQuiet, env: process.env, cwd: ROOT })) return true;
  const cli = electronBuilderCli();
  if (cli === null) {
    console.log(REBUILD_HINT);
    return false;
  }
  console.log('正在为 Electron 重新编译 better-sqlite3（electron-builder install-app-deps）……');
  const code = await runForeground(process.execPath, [cli, 'install-app-deps']);
  if (code !== 0) {
    console.log(REBUILD_HINT);
    return false;
  }
  return nativeModulesLoad({ binary, run: runQuiet, env: process.env, cwd: ROOT });
}

async function main() {
  const args = process.argv.slice(2);
  const built = runBuild();
  if (built !== 0) {
    console.error(`构建失败（退出码 ${built}），未启动程序。`);
    return built;
  }

  const decision = await decideElectron({
    electronDir: join(ROOT, 'node_modules', 'electron'),
    platform: process.platform,
    env: process.env,
    fs,
    run: runQuiet,
    execPath: process.execPath,
    log: (line) => console.log(line),
  });

  let reason = decision.usable ? null : decision.reason;
  if (decision.usable && !(await ensureNativeModules(decision.binary))) reason = '数据库组件尚未为 Electron 编译';
  if (decision.usable && reason === null) {
    return runForeground(decision.binary, ['.'], { env: asAppEnv(process.env), cwd: ROOT });
  }

  console.log(`Electron 在本机无法使用（${reason}），改为启动本地网页版，请按下面的地址在浏览器中打开：`);
  return runHost(args);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
