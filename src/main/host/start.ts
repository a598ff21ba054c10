/** Starting the local web host from its command line: the data folder, the demo street, the port, the printed URL. */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { version } from '../../../package.json';
import { loadDistrict } from '../core/demo/district';
import { dispatch } from '../core/rpc';
import { CoreRuntime } from '../core/runtime';
import { DATA_FILE_NAME } from '../core/app';
import { parseHostArgs } from './args';
import { defaultDataDir } from './data-dir';
import { listenOnFreePort, portTakenNotice } from './listen';
import { createHostServer } from './server';
import { LanController } from './lan/controller';
import { readLanSettings, resumeLan } from '../core/lan/settings';
import type { Core } from '../core/app';
import { LOCAL_CLIENT } from '../../shared/domain/lan';

const HOST_ACTOR = { name: '管理员', role: 'admin' } as const;

export interface HostOutput {
  log(line: string): void;
  error(line: string): void;
}

export interface HostStartOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 使用说明 (resources/guide), served under /guide/. */
  guideDir?: string;
  out: HostOutput;
  env?: NodeJS.ProcessEnv;
}

/** A host that is listening (url set), or one that only loaded the demo street (--demo-only: url null). */
export type StartedHost =
  | { url: string; port: number; server: Server; close: () => void }
  | { url: null; exitCode: number };

export async function startHost(argv: string[], options: HostStartOptions): Promise<StartedHost> {
  const { out } = options;
  const args = parseHostArgs(argv);
  const dataDir = resolve(args.dataDir ?? defaultDataDir(process.platform, options.env ?? process.env, homedir()));
  const lan = new LanController({ dataDir, rendererDir: options.rendererDir, guideDir: options.guideDir, log: (line) => out.log(line) });
  const runtime = await CoreRuntime.start({ dataDir, appVersion: version, lan });
  lan.attach(runtime);
  const core = runtime.core;
  if (!core) out.error(`数据文件无法使用：${runtime.problem!.message}\n请在浏览器中打开下面的地址，从备份恢复。`);
  if (core && args.district) {
    const { years, people, streets } = args.district;
    if (core.db.prepare('SELECT 1 FROM org_units').get()) out.log('未载入示例数据：已有数据，示例数据只能载入到空的数据文件中');
    else {
      out.log(`正在生成示例区：${years} 年，约 ${people} 名人员……`);
      const loaded = loadDistrict(core, { years, people, ...(streets ? { streets } : {}), onProgress: (line) => out.log(line) });
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      out.log(`已载入示例数据：${loaded.units} 个单位，${loaded.people} 名人员，${loaded.months} 个已归档的考核月份`);
    }
  } else if (core && args.demo) {
    const result = await dispatch(core, HOST_ACTOR, 'system.loadDemo', {});
    if (result.ok) {
      const loaded = result.data as { units: number; people: number; months: number };
      out.log(`已载入示例数据：${loaded.units} 个单位，${loaded.people} 名人员，${loaded.months} 个已归档的考核月份`);
    } else out.log(`未载入示例数据：${result.error.message}`);
  }
  if (args.demoOnly) {
    runtime.close();
    return { url: null, exitCode: core ? 0 : 2 };
  }
  const token = randomBytes(24).toString('base64url');
  const server = createHostServer({ runtime, token, rendererDir: options.rendererDir, guideDir: options.guideDir, actor: HOST_ACTOR });
  let port: number;
  try {
    port = await listenOnFreePort(server, args.port, '127.0.0.1');
  } catch (e) {
    runtime.close();
    throw e;
  }
  server.on('error', (e: Error) => out.error(`本地网页版出错：${e.message}`));
  const notice = portTakenNotice(args.port, port);
  if (notice) out.log(notice);
  out.log(`数据文件：${runtime.core?.dataFile ?? join(dataDir, DATA_FILE_NAME)}`);
  runtime.startMaintenance(); // backups and checks after the first screen, never before it
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  out.log(`网格考评已启动，请在浏览器中打开：${url}`);
  if (runtime.core) await openLan(runtime.core, lan, args.lan ?? null, out);
  return {
    url,
    port,
    server,
    close: () => {
      void lan.stop();
      server.close();
      runtime.close();
    },
  };
}

/**
 * 局域网访问 at start: with --lan, turned on through the same call as 系统's card (its checks, its audit row), at the
 * address and port given or saved; without, back on if it was on and the rules still hold. A refusal is printed and
 * the office PC carries on through the loopback host.
 */
async function openLan(core: Core, lan: LanController, asked: { address: string | null; port: number | null } | null, out: HostOutput): Promise<void> {
  if (!asked) {
    const resumed = await resumeLan(core.db, lan);
    if (resumed.problem) out.error(resumed.problem);
    return;
  }
  const saved = readLanSettings(core.db);
  const own = lan.interfaces().filter((i) => !i.address.startsWith('127.') && i.address !== '::1');
  const address = asked.address ?? (saved.address || (own.find((i) => i.family === 4) ?? own[0])?.address);
  if (!address) {
    out.error('局域网访问未开启：本机没有局域网地址（10.x、172.16–31.x、192.168.x 等），请用 --lan-address 指定');
    return;
  }
  const session = { start: () => undefined, end: () => undefined, client: LOCAL_CLIENT };
  const input = { ...saved, enabled: true, address, port: asked.port ?? saved.port, allowed: asked.address && asked.address !== saved.address ? '' : saved.allowed };
  const result = await dispatch(core, HOST_ACTOR, 'lan.configure', input, session);
  if (!result.ok) out.error(result.error.message.startsWith('不能开启') ? result.error.message : `局域网访问未开启：${result.error.message}`);
}
