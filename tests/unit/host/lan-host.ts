/**
 * A web host's LAN listener over a fresh data folder, for the LAN tests: a street with a month open, a 管理员 and a
 * 考核员 (for 固戍社区 only, scoring as 考核人甲), and HTTPS requests that keep their own cookies, as browsers do.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Agent } from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../../src/main/core/app';
import type { Actor } from '../../../src/main/core/context';
import { dispatch } from '../../../src/main/core/rpc';
import { CoreRuntime } from '../../../src/main/core/runtime';
import { LanController } from '../../../src/main/host/lan/controller';
import type { CallInput, CallName, CallOutput } from '../../../src/shared/contract';
import type { LanSettingsInput } from '../../../src/shared/contract/lan';
import type { RpcResult } from '../../../src/shared/contract/define';
import { idCheckChar } from '../../../src/shared/domain/idcard';
import { draftOf } from '../helpers';

export const ADMIN_LOGIN = { loginName: 'admin', password: 'Wangge2026x' };
export const EVALUATOR_LOGIN = { loginName: 'kh1', password: 'Kaohe2026yy' };
const BUILT_IN: Actor = { name: '管理员', role: 'admin' };

export interface LanResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: RpcResult<T>;
}

/** A browser of its own: the cookies the listener set, sent back with each request. */
export class LanClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly port: number,
    private readonly agent?: Agent,
    /** The address this client connects from: any of 127.0.0.0/8 is this machine's loopback, so each client may have its own. */
    private readonly from?: string,
  ) {}

  raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<Omit<LanResponse, 'json'>> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method: options.method ?? 'GET',
          rejectUnauthorized: false,
          agent: this.agent ?? false,
          ...(this.from ? { localAddress: this.from } : {}),
          headers: { ...(cookie ? { cookie } : {}), ...(options.host ? { host: options.host } : {}), ...options.headers },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => {
            for (const line of res.headers['set-cookie'] ?? []) {
              const [pair, ...attrs] = line.split('; ');
              const [k, v] = pair!.split('=') as [string, string];
              if (attrs.includes('Max-Age=0')) this.cookies.delete(k);
              else this.cookies.set(k, v);
            }
            resolve({ status: res.statusCode!, headers: res.headers, body });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  async rpc<N extends CallName>(name: N, input: CallInput<N>): Promise<LanResponse<CallOutput<N>>> {
    const r = await this.raw(`/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return { ...r, json: JSON.parse(r.body) as RpcResult<CallOutput<N>> };
  }

  /** The call's data; throws with the Chinese message when it is refused. */
  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const r = await this.rpc(name, input);
    if (!r.json.ok) throw new Error(`${r.json.error.code}: ${r.json.error.message}`);
    return r.json.data;
  }
}

export interface LanHost {
  dir: string;
  core: Core;
  lan: LanController;
  port: number;
  monthId: number;
  evaluatorId: number;
  /** People of 固戍社区 (the 考核员's) and of 河西社区 (not theirs). */
  people: { own: number[]; other: number };
  criteria: { id: number; name: string }[];
  /** As the office PC's built-in 管理员 (through the dispatcher, no client). */
  local: <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>;
  client: (agent?: Agent, from?: string) => LanClient;
  configure: (over: Partial<LanSettingsInput>) => Promise<RpcResult<unknown>>;
  close: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const id = (seq: number) => {
  const first17 = `440306199005${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

/** The host with its LAN listener on 127.0.0.1 (the only interface offered besides the machine's public one). */
export async function startLanHost(options: { people?: number; open?: boolean } = {}): Promise<LanHost> {
  const dir = mkdtempSync(join(tmpdir(), 'grid-lan-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>网格考评</title>');
  const lan = new LanController({
    dataDir: join(dir, 'data'),
    rendererDir,
    log: () => undefined,
    interfaces: () => ({
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      eth0: [{ address: '192.0.2.2', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.0.2.2/24' }],
    }),
  });
  const runtime = await CoreRuntime.start({ dataDir: join(dir, 'data'), appVersion: 'test', lan });
  lan.attach(runtime);
  const core = runtime.core!;
  const local = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const r = await dispatch(core, BUILT_IN, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.data as CallOutput<N>;
  };
  const street = await local('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const c1 = await local('org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
  const c2 = await local('org.create', { parentId: street.id, kind: 'community', name: '河西社区', code: 'C2' });
  const own: number[] = [];
  for (let i = 0; i < (options.people ?? 3); i++) {
    own.push((await local('people.create', { name: `固戍${i + 1}号`, gender: '男', idNumber: id(i * 2 + 1), hireDate: '2024-01-01', roles: ['网格员'], unitId: c1.id })).id);
  }
  const other = (await local('people.create', { name: '河西人员', gender: '男', idNumber: id(99), hireDate: '2024-01-01', roles: ['网格员'], unitId: c2.id })).id;
  const blank = await local('schemes.create', { name: '月度方案', template: '' });
  await local('schemes.saveDraft', {
    ...draftOf(blank),
    roles: ['网格员'],
    criteria: [
      { category: '业务工作', name: '人口信息', kind: 'score', max: 6000 },
      { category: '业务工作', name: '安全排查', kind: 'score', max: 4000 },
    ],
  });
  const scheme = await local('schemes.publish', { schemeId: blank.schemeId });
  const evaluatorId = (await local('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
  const month = await local('assessments.open', { schemeId: scheme.schemeId, period: '2026-11' });
  await local('accounts.create', { loginName: ADMIN_LOGIN.loginName, displayName: '王主任', role: 'admin', password: ADMIN_LOGIN.password });
  await local('accounts.create', {
    loginName: EVALUATOR_LOGIN.loginName,
    displayName: '李考核',
    role: 'evaluator',
    password: EVALUATOR_LOGIN.password,
    unitIds: [c1.id],
    evaluatorId,
  });
  const port = await freePort();
  const configure = (over: Partial<LanSettingsInput>) =>
    dispatch(core, BUILT_IN, 'lan.configure', { enabled: true, address: '127.0.0.1', port, allowed: '', cert: 'generated', certPath: '', keyPath: '', ...over });
  if (options.open !== false) {
    const r = await configure({});
    if (!r.ok) throw new Error(r.error.message);
  }
  return {
    dir,
    core,
    lan,
    port,
    monthId: month.id,
    evaluatorId,
    people: { own, other },
    criteria: scheme.criteria.map((c) => ({ id: c.id, name: c.name })),
    local,
    client: (agent, from) => new LanClient(port, agent, from),
    configure,
    close: async () => {
      await lan.stop();
      runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
