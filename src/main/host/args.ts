/**
 * The web host's command line: --port N, --data-dir DIR, --demo, --demo-only (load the demo and exit); with the demo,
 * --years N, --people N and --streets N ask for the large case (demo/district.ts) instead of the demo street.
 * --lan opens 局域网访问 (HTTPS, on --lan-address A, --lan-port P; else the saved ones) beside the loopback host.
 */
export interface HostArgs {
  port: number;
  dataDir: string | null;
  demo: boolean;
  demoOnly: boolean;
  /** Present when --years, --people or --streets was given: the district to generate. */
  district?: { years: number; people: number; streets: number | null };
  /** Present with --lan: the LAN listener to open (null: the saved address, port). */
  lan?: { address: string | null; port: number | null };
}

export const HOST_USAGE = '用法：npm run serve -- [--port 5180] [--data-dir 数据文件夹] [--demo] [--years 年数 --people 人数 --streets 街道数] [--lan [--lan-address 地址] [--lan-port 端口]]';

const DISTRICT_LIMITS = { years: [1, 20, '年数'], people: [50, 20000, '人数'], streets: [1, 10, '街道数'] } as const;

export function parseHostArgs(argv: string[]): HostArgs {
  const args: HostArgs = { port: 5180, dataDir: null, demo: false, demoOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} 需要一个值。${HOST_USAGE}`);
      return v;
    };
    if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口应为 0 到 65535 的整数。${HOST_USAGE}`);
      args.port = port;
    } else if (flag === '--data-dir') {
      args.dataDir = value();
    } else if (flag === '--demo') {
      args.demo = true;
    } else if (flag === '--demo-only') {
      args.demo = true;
      args.demoOnly = true;
    } else if (flag === '--lan') {
      args.lan = { address: null, port: null, ...args.lan };
    } else if (flag === '--lan-address') {
      args.lan = { port: null, ...args.lan, address: value() };
    } else if (flag === '--lan-port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`局域网端口应为 1 到 65535 的整数。${HOST_USAGE}`);
      args.lan = { address: null, ...args.lan, port };
    } else if (flag === '--years' || flag === '--people' || flag === '--streets') {
      const key = flag.slice(2) as keyof typeof DISTRICT_LIMITS;
      const [min, max, label] = DISTRICT_LIMITS[key];
      const n = Number(value());
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${label}应为 ${min} 到 ${max} 的整数。${HOST_USAGE}`);
      args.district = { years: 2, people: 1000, streets: null, ...args.district, [key]: n };
    } else {
      throw new Error(`不认识的参数 ${a}。${HOST_USAGE}`);
    }
  }
  if (args.lan && argv.filter((a) => a === '--lan' || a.startsWith('--lan=')).length === 0) throw new Error(`--lan-address 和 --lan-port 只能与 --lan 一起使用。${HOST_USAGE}`);
  if (args.district && !args.demo) throw new Error(`--years、--people 和 --streets 只能与 --demo 或 --demo-only 一起使用。${HOST_USAGE}`);
  return args;
}
