/**
 * The LAN listener: the same renderer and the same calls as the loopback host, over HTTPS only, on one chosen
 * address. Before anything else a client outside the allowed ranges is refused (403, in Chinese). Who calls is the
 * session cookie (cookies.ts) a login sets, never a token in a URL; logins are limited per client address
 * (rate-limit.ts); every call goes through the same dispatcher with the logged-in account's role and scope, and every
 * audit row it writes names the client's address.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowedClient, clientAddressText, type Cidr } from '../../../shared/domain/lan';
import { ERROR_MESSAGES } from '../../../shared/errors';
import { webClientId } from '../../core/accounts/lockout';
import { loginRequired } from '../../core/accounts/queries';
import type { CoreRuntime } from '../../core/runtime';
import { CLIENT_HEADER, readBody, send, sendJson, serveStatic } from '../server';
import { clearedSessionCookie, readCookie, sessionCookie, SESSION_COOKIE } from './cookies';
import { limitedMessage, type LoginRateLimiter } from './rate-limit';

const HTML = 'text/html; charset=utf-8';

export interface LanServerOptions {
  runtime: CoreRuntime;
  rendererDir: string;
  guideDir?: string;
  cert: string;
  key: string;
  /** The address listened on: the only host name a request may carry (a rebound DNS name is turned away). */
  address: string;
  ranges: () => readonly Cidr[];
  limiter: LoginRateLimiter;
  /** Told of each session id a cookie was set for (the card counts them; turning the LAN off ends them). */
  onSession: (id: string) => void;
}

function refusalPage(title: string, text: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>网格考评 — ${title}</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6"><h1 style="font-size: 1.4em">${title}</h1><p>${text}</p></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The Host header names the address listened on (with its port, or none for 443). */
function hostMatches(host: string | undefined, address: string): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === address || (address === '127.0.0.1' && name === 'localhost');
}

export function createLanServer(options: LanServerOptions): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const remote = clientAddressText(req.socket.remoteAddress ?? '');
    // first of all: only the office's own clients
    if (!allowedClient(options.ranges(), remote)) {
      const text = `您的电脑（地址 ${escapeHtml(remote)}）不在允许访问的范围内，不能使用网格考评。如需访问，请联系管理员在“系统 → 局域网访问”中调整允许访问的地址范围。`;
      if (req.method === 'POST') return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: text } });
      return send(res, 403, refusalPage('不允许访问', text), HTML);
    }
    if (!hostMatches(req.headers.host, options.address)) {
      return send(res, 403, refusalPage('地址不正确', `请在浏览器中输入系统页上显示的地址（https://${escapeHtml(options.address)}:端口/）访问。`), HTML);
    }
    const url = new URL(req.url ?? '/', 'https://lan.invalid');
    const rpc = /^\/rpc\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(url.pathname);
    if (rpc && req.method === 'POST') {
      // another site's page cannot call: it would send its own Origin, and could not send JSON without asking first
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `https://${req.headers.host}`) {
        return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '请求来自其他网站，已拒绝' } });
      }
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'VALIDATION', message: '提交的数据格式有误' } });
      }
      const core = options.runtime.core;
      if (!core) return sendJson(res, 503, { ok: false, error: { code: 'RECOVERY', message: '数据文件暂不可用，请在办公电脑上处理后再试' } });
      if (!loginRequired(core)) {
        return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '尚未建立账号，局域网访问不可用' } });
      }
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: '提交的数据过大' } });
      let input: unknown;
      try {
        input = body === '' ? {} : JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: '提交的数据格式有误' } });
      }
      const name = rpc[1]!;
      const login = name === 'accounts.login';
      if (login) {
        const wait = options.limiter.waitMs(remote);
        if (wait > 0) return sendJson(res, 200, { ok: false, error: { code: 'FORBIDDEN', message: limitedMessage(wait) } });
      }
      const sent = readCookie(req.headers.cookie, SESSION_COOKIE);
      const clientId = webClientId(req.headers[CLIENT_HEADER], remote);
      // no built-in actor: a LAN call runs as a logged-in account or not at all
      const { result, sessionId } = await options.runtime.call(null, sent, name, input, clientId, remote);
      if (login && !result.ok && (result.error.code === 'VALIDATION' || result.error.code === 'FORBIDDEN')) options.limiter.failed(remote);
      const headers: Record<string, string> = {};
      if (sessionId !== sent) {
        if (sessionId) {
          headers['Set-Cookie'] = sessionCookie(sessionId);
          options.onSession(sessionId);
        } else headers['Set-Cookie'] = clearedSessionCookie();
      }
      return sendJson(res, 200, result, headers);
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (options.guideDir && url.pathname.startsWith('/guide/')) return serveStatic(res, options.guideDir, url.pathname.slice('/guide'.length));
      return serveStatic(res, options.rendererDir, url.pathname);
    }
    const allow = rpc ? 'POST' : 'GET, HEAD';
    send(res, 405, `不支持此请求方式（${String(req.method)}），此地址只接受 ${allow}`, 'text/plain; charset=utf-8', { Allow: allow });
  };
  const server = createServer({ cert: options.cert, key: options.key, minVersion: 'TLSv1.2' }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[lan]', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
    });
  });
  // a browser keeps its connection between an evaluator's saves; a handshake each time would be slower than the save
  server.keepAliveTimeout = 60_000;
  return server;
}
