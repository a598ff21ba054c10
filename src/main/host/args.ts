/** The web host's command line: --port N, --data-dir DIR, --demo, --demo-only (load the demo and exit). */
export interface HostArgs {
  port: number;
  dataDir: string | null;
  demo: boolean;
  demoOnly: boolean;
}

export const HOST_USAGE = '用法：npm run serve -- [--port 5180] [--data-dir 数据文件夹] [--demo]';

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
    } else {
      throw new Error(`不认识的参数 ${a}。${HOST_USAGE}`);
    }
  }
  return args;
}
