/**
 * Starting the district server from its command line. `npm run district -- --database postgres://… [--port 5190]`: the district server under plain Node. Migrates the
 * store, then serves the district pages on 127.0.0.1 and prints the address to open.
 */
import { Pool } from 'pg';
import { listenOnFreePort, portTakenNotice } from '../host/listen';
import { migrateDistrict } from './migrate';
import { DistrictHost } from './server';

export const DISTRICT_USAGE = '用法：npm run district -- --database postgres://用户@主机/数据库 [--port 5190]';

export function parseDistrictArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { database: string; port: number } {
  let database = env.DISTRICT_DATABASE_URL ?? '';
  let port = 5190;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} 需要一个值。${DISTRICT_USAGE}`);
      return v;
    };
    if (flag === '--database') database = value();
    else if (flag === '--port') {
      port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口应为 0 到 65535 的整数。${DISTRICT_USAGE}`);
    } else throw new Error(`不认识的参数 ${a}。${DISTRICT_USAGE}`);
  }
  if (!/^postgres(ql)?:\/\//.test(database)) throw new Error(`请用 --database 给出 PostgreSQL 数据库的地址。${DISTRICT_USAGE}`);
  return { database, port };
}

export async function startDistrict(argv: string[], rendererDir: string, log: (line: string) => void) {
  const args = parseDistrictArgs(argv);
  const pool = new Pool({ connectionString: args.database, max: 8 });
  try {
    const version = await migrateDistrict(pool);
    log(`区级数据库版本：${version}`);
  } catch (e) {
    await pool.end();
    throw new Error(`无法打开区级数据库：${(e as Error).message}`);
  }
  const server = new DistrictHost({ pool, rendererDir }).server();
  const port = await listenOnFreePort(server, args.port, '127.0.0.1');
  const notice = portTakenNotice(args.port, port);
  if (notice) log(notice);
  const url = `http://127.0.0.1:${port}/?district`;
  log(`区级汇总已启动，请在浏览器中打开：${url}`);
  return {
    url,
    close: async () => {
      server.close();
      await pool.end();
    },
  };
}
