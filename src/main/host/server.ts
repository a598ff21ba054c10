/**
 * The local web host: serves the built renderer, 使用说明 under /guide/ and POST /rpc/:name on 127.0.0.1. A token made at each start,
 * carried in the URL it prints and sent back in a header, keeps other pages in the browser from calling it. Once
 * accounts exist, the session id a login returns (header x-grid-session) says who calls; the core resolves it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { Actor } from '../core/context';
import type { CoreRuntime } from '../core/runtime';
import { webClientId } from '../core/accounts/lockout';
import { ERROR_MESSAGES } from '../../shared/errors';
import { LOCAL_CLIENT } from '../../shared/domain/lan';

export const TOKEN_HEADER = 'x-grid-token';
/**
 * Which client (browser tab) calls: a random id the tab keeps in sessionStorage. Failed logins lock out only the client
 * they come from (accounts/lockout.ts); a caller without it is known by its address.
 */
export const CLIENT_HEADER = 'x-grid-client';
const TEXT = 'text/plain; charset=utf-8';
/** The caller's session, sent with each call and answered with the one to keep ('' for none). */
export const SESSION_HEADER = 'x-grid-session';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HostOptions {
  /** The core, ready or in recovery (the data file refused). */
  runtime: CoreRuntime;
  token: string;
  rendererDir: string;
  /** 使用说明 (resources/guide), served under /guide/; none when absent. */
  guideDir?: string;
  /** Who calls while no account exists (login off). */
  actor: Actor;
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Only names of this machine: a page on another site that rebinds its DNS to 127.0.0.1 is turned away. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.replace(/:\d+$/, '');
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', extra);
}

/** A request's body as text; null when it is longer than `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A file of `dir` ('/' is its index.html), never one outside it. */
export async function serveStatic(res: ServerResponse, dir: string, urlPath: string) {
  let rel: string;
  try {
    rel = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    // a broken %-escape ('/%E0%A4%A') is the caller's mistake: say so, and log nothing
    return send(res, 400, '请求的地址有误：含有无效的百分号编码', TEXT);
  }
  const file = normalize(join(dir, rel));
  if (!file.startsWith(normalize(dir) + sep)) return send(res, 403, 'Forbidden', 'text/plain');
  try {
    send(res, 200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream');
  } catch {
    send(res, 404, 'Not found', 'text/plain; charset=utf-8');
  }
}

export function createHostServer(options: HostOptions): Server {
  return createServer((req, res) => {
    void (async () => {
      if (!isLoopbackHost(req.headers.host)) return send(res, 403, 'Forbidden', 'text/plain');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rpc = /^\/rpc\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(url.pathname);
      if (rpc && req.method === 'POST') {
        const token = req.headers[TOKEN_HEADER];
        if (typeof token !== 'string' || !tokensEqual(token, options.token)) {
          return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: ERROR_MESSAGES.UNAUTHORIZED } });
        }
        const body = await readBody(req);
        if (body === null) {
          return sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: '提交的数据过大' } });
        }
        let input: unknown;
        try {
          input = body === '' ? {} : JSON.parse(body);
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: '提交的数据格式有误' } });
        }
        const session = req.headers[SESSION_HEADER];
        const clientId = webClientId(req.headers[CLIENT_HEADER], req.socket.remoteAddress);
        const { result, sessionId } = await options.runtime.call(options.actor, typeof session === 'string' && session ? session : null, rpc[1]!, input, clientId, LOCAL_CLIENT);
        return sendJson(res, 200, result, { [SESSION_HEADER]: sessionId ?? '' });
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        if (options.guideDir && url.pathname.startsWith('/guide/')) return serveStatic(res, options.guideDir, url.pathname.slice('/guide'.length));
        return serveStatic(res, options.rendererDir, url.pathname);
      }
      const allow = rpc ? 'POST' : 'GET, HEAD';
      send(res, 405, `不支持此请求方式（${String(req.method)}），此地址只接受 ${allow}`, TEXT, { Allow: allow });
    })().catch((e: unknown) => {
      console.error('[host]', e);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
    });
  });
}
