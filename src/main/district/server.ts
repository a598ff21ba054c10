/**
 * The district host: the same built renderer in its district mode (/?district), and POST /district/:name for the
 * district's own calls (shared/district/views.ts), on 127.0.0.1 only. Its administrators are its own (a table of the
 * district store): the first is set up on first open, then each call carries the session a login returned (header
 * x-district-session). Reads are the district views; writes are registering a street and importing a package.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Pool } from 'pg';
import { z } from 'zod';
import { districtTable } from '../../shared/district/tables';
import { districtHostContract, type DistrictCallName, type DistrictView } from '../../shared/district/views';
import { passwordProblem } from '../../shared/domain/password';
import { AppError, type AppErrorPayload } from '../../shared/errors';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../core/accounts/password';
import { isLoopbackHost, readBody, send, serveStatic } from '../host/server';
import { districtWorkbook } from './excel';
import { importPackage, listStreets, registerStreet } from './store';
import { criteriaByStreet, districtEvaluators, districtPeriods, districtResults, streetComparison } from './views';

export const DISTRICT_SESSION_HEADER = 'x-district-session';
const MAX_BODY_BYTES = 96 * 1024 * 1024;
/** Failed logins for one name before it waits a minute. */
const MAX_FAILURES = 5;

export interface DistrictHostOptions {
  pool: Pool;
  rendererDir: string;
  now?: () => Date;
}

type Result = { ok: true; data: unknown } | { ok: false; error: AppErrorPayload };



function validation(issues: z.core.$ZodIssue[]): AppError {
  const first = issues[0]!;
  return new AppError('VALIDATION', first.message, issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
}

export class DistrictHost {
  private sessions = new Map<string, string>();
  private failures = new Map<string, { count: number; until: number }>();
  private now: () => Date;
  constructor(private options: DistrictHostOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private async adminCount(): Promise<number> {
    return Number((await this.options.pool.query<{ n: string }>('SELECT count(*) AS n FROM admins')).rows[0]!.n);
  }

  /** One call: validated, the session checked (but for state, setup and login), answered or refused in Chinese. */
  async call(name: string, rawInput: unknown, session: string | null): Promise<{ result: Result; session?: string }> {
    try {
      if (!Object.prototype.hasOwnProperty.call(districtHostContract, name)) throw new AppError('NOT_FOUND', `没有这个功能：${name}`);
      const call = name as DistrictCallName;
      const parsed = districtHostContract[call].safeParse(rawInput ?? {});
      if (!parsed.success) throw validation(parsed.error.issues);
      const input = parsed.data as Record<string, unknown>;
      const actor = session ? this.sessions.get(session) : undefined;
      const pool = this.options.pool;
      if (call === 'district.state') return { result: { ok: true, data: { needsSetup: (await this.adminCount()) === 0, login: actor ?? null } } };
      if (call === 'district.setup') {
        const { login, password } = input as { login: string; password: string };
        if ((await this.adminCount()) > 0) throw new AppError('CONFLICT', '已设置过管理员，请登录');
        const problem = passwordProblem(password, login);
        if (problem) throw AppError.field('password', problem);
        const created = await pool.query(
          `INSERT INTO admins (login, password_hash, created_at) SELECT $1, $2, now() WHERE NOT EXISTS (SELECT 1 FROM admins) RETURNING id`,
          [login, hashPassword(password)],
        );
        if (!created.rowCount) throw new AppError('CONFLICT', '已设置过管理员，请登录');
        return this.startSession(login);
      }
      if (call === 'district.login') return await this.login(input as { login: string; password: string });
      if (!actor) throw new AppError('UNAUTHORIZED', '请先登录区级汇总');
      switch (call) {
        case 'district.logout':
          this.sessions.delete(session!);
          return { result: { ok: true, data: null }, session: '' };
        case 'district.streets':
          return ok(await listStreets(pool));
        case 'district.register':
          return ok(await registerStreet(pool, actor, input as { name: string; publicKeyPem: string }));
        case 'district.import':
          return ok(await importPackage(pool, actor, (input as { text: string }).text));
        case 'district.periods':
          return ok(await districtPeriods(pool));
        case 'district.compare':
          return ok(await streetComparison(pool, input.period as string));
        case 'district.criteria':
          return ok(await criteriaByStreet(pool, input.period as string));
        case 'district.evaluators':
          return ok(await districtEvaluators(pool, input.period as string));
        case 'district.results':
          return ok(await districtResults(pool, input.period as string));
        case 'district.export':
          return ok(await this.exportView(input.period as string, input.view as DistrictView));
        default:
          throw new AppError('NOT_FOUND');
      }
    } catch (e) {
      if (e instanceof AppError) return { result: { ok: false, error: e.toPayload() } };
      console.error('[district]', e);
      return { result: { ok: false, error: new AppError('INTERNAL').toPayload() } };
    }
  }

  private async exportView(period: string, view: DistrictView): Promise<{ fileName: string; base64: string }> {
    const pool = this.options.pool;
    const label = (await districtPeriods(pool)).find((p) => p.period === period)?.label ?? period;
    const data =
      view === 'compare'
        ? { view, data: await streetComparison(pool, period) }
        : view === 'criteria'
          ? { view, data: await criteriaByStreet(pool, period) }
          : view === 'evaluators'
            ? { view, data: await districtEvaluators(pool, period) }
            : { view, data: await districtResults(pool, period) }; // results and 优秀名单 (the table filters)
    const table = districtTable(label, data as Parameters<typeof districtTable>[1]);
    const bytes = await districtWorkbook(table, this.now());
    return { fileName: `${table.title.replace(/\s+/g, '-')}.xlsx`, base64: bytes.toString('base64') };
  }

  private async login({ login, password }: { login: string; password: string }): Promise<{ result: Result; session?: string }> {
    const key = login.toLowerCase();
    const f = this.failures.get(key);
    if (f && f.count >= MAX_FAILURES && f.until > Date.now()) throw new AppError('FORBIDDEN', '登录失败次数过多，请一分钟后再试');
    const row = (await this.options.pool.query<{ password_hash: string }>('SELECT password_hash FROM admins WHERE login = $1', [login])).rows[0];
    const good = verifyPassword(password, row?.password_hash ?? DUMMY_HASH) && row !== undefined;
    if (!good) {
      const count = (f && f.until > Date.now() ? f.count : 0) + 1;
      this.failures.set(key, { count, until: Date.now() + 60_000 });
      throw AppError.field('password', '用户名或密码不正确');
    }
    this.failures.delete(key);
    return this.startSession(login);
  }

  private startSession(login: string): { result: Result; session: string } {
    const id = randomBytes(24).toString('base64url');
    this.sessions.set(id, login);
    return { result: { ok: true, data: { login } }, session: id };
  }

  server(): Server {
    return createServer((req, res) => {
      void (async () => {
        if (!isLoopbackHost(req.headers.host)) return send(res, 403, 'Forbidden', 'text/plain');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const rpc = /^\/district\/(district\.[a-zA-Z]+)$/.exec(url.pathname);
        if (rpc && req.method === 'POST') {
          // another site's page open on this PC cannot call (not even 建立管理员 before the first one): it would send its
          // own Origin, and could not send JSON without asking first
          const origin = req.headers.origin;
          if ((origin !== undefined && origin !== `http://${req.headers.host}`) || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
            return send(res, 403, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' } }), 'application/json; charset=utf-8');
          }
          const body = await readBody(req, MAX_BODY_BYTES);
          if (body === null) return send(res, 413, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '提交的文件过大' } }), 'application/json; charset=utf-8');
          let input: unknown;
          try {
            input = body === '' ? {} : JSON.parse(body);
          } catch {
            return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '提交的数据格式有误' } }), 'application/json; charset=utf-8');
          }
          const header = req.headers[DISTRICT_SESSION_HEADER];
          const out = await this.call(rpc[1]!, input, typeof header === 'string' && header ? header : null);
          return send(res, 200, JSON.stringify(out.result), 'application/json; charset=utf-8', out.session === undefined ? {} : { [DISTRICT_SESSION_HEADER]: out.session });
        }
        if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, this.options.rendererDir, url.pathname);
        send(res, 405, '不支持此请求方式', 'text/plain; charset=utf-8');
      })().catch((e: unknown) => {
        console.error('[district]', e);
        if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
      });
    });
  }
}

const ok = (data: unknown): { result: Result } => ({ result: { ok: true, data } });

