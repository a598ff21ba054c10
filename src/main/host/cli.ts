/** `npm run serve`: the local web host under plain Node, for browsers, tests and machines without Electron. */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { version } from '../../../package.json';
import { loadDistrict } from '../core/demo/district';
import { dispatch } from '../core/rpc';
import { CoreRuntime } from '../core/runtime';
import { AppError } from '../../shared/errors';
import { DATA_FILE_NAME } from '../core/app';
import { parseHostArgs } from './args';
import { defaultDataDir } from './data-dir';
import { createHostServer } from './server';

const HOST_ACTOR = { name: '管理员', role: 'admin' } as const;

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = resolve(args.dataDir ?? defaultDataDir(process.platform, process.env, homedir()));
  const runtime = await CoreRuntime.start({ dataDir, appVersion: version });
  const core = runtime.core;
  if (!core) console.error(`数据文件无法使用：${runtime.problem!.message}\n请在浏览器中打开下面的地址，从备份恢复。`);
  if (core && args.district) {
    const { years, people, streets } = args.district;
    if (core.db.prepare('SELECT 1 FROM org_units').get()) console.log('未载入示例数据：已有数据，示例数据只能载入到空的数据文件中');
    else {
      console.log(`正在生成示例区：${years} 年，约 ${people} 名人员……`);
      const loaded = loadDistrict(core, { years, people, ...(streets ? { streets } : {}), onProgress: (line) => console.log(line) });
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      console.log(`已载入示例数据：${loaded.units} 个单位，${loaded.people} 名人员，${loaded.months} 个已归档的考核月份`);
    }
  } else if (core && args.demo) {
    const result = await dispatch(core, HOST_ACTOR, 'system.loadDemo', {});
    if (result.ok) {
      const loaded = result.data as { units: number; people: number; months: number };
      console.log(`已载入示例数据：${loaded.units} 个单位，${loaded.people} 名人员，${loaded.months} 个已归档的考核月份`);
    }
    else console.log(`未载入示例数据：${result.error.message}`);
  }
  if (args.demoOnly) {
    runtime.close();
    if (!core) process.exitCode = 2;
    return;
  }
  const token = randomBytes(24).toString('base64url');
  const server = createHostServer({ runtime, token, rendererDir: join(__dirname, '../renderer'), actor: HOST_ACTOR });
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(e.code === 'EADDRINUSE' ? `端口 ${args.port} 已被占用，请用 --port 换一个端口` : `启动失败：${e.message}`);
    process.exit(1);
  });
  server.listen(args.port, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : args.port;
    console.log(`数据文件：${runtime.core?.dataFile ?? join(dataDir, DATA_FILE_NAME)}`);
    runtime.startMaintenance(); // backups and checks after the first screen, never before it
    console.log(`网格考评已启动，请在浏览器中打开：http://127.0.0.1:${port}/?token=${token}`);
  });
  const stop = () => {
    server.close();
    runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof AppError || e instanceof Error ? e.message : String(e));
  process.exit(e instanceof AppError ? 2 : 1);
});
