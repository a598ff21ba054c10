/**
 * The web host's handle on the LAN listener (core/lan/control.ts): which of the machine's addresses may be chosen,
 * the certificate, the HTTPS server started on one address and stopped again, and the sessions it gave out (ended when
 * the LAN is turned off).
 */
import type { Server } from 'node:https';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import type { LanInterface } from '../../../shared/contract/lan';
import { addressKind, lanAddressProblem, parseIp, subnetOf, type Cidr } from '../../../shared/domain/lan';
import { AppError } from '../../../shared/errors';
import type { LanControl, LanListenerState, LanStartRequest } from '../../core/lan/control';
import type { CoreRuntime } from '../../core/runtime';
import { generatedCertificate, suppliedCertificate } from './cert';
import { LoginRateLimiter } from './rate-limit';
import { createLanServer } from './server';

export interface LanControllerOptions {
  dataDir: string;
  rendererDir: string;
  guideDir?: string;
  log: (line: string) => void;
  /** The machine's interfaces (tests give their own). */
  interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
}

function urlOf(address: string, port: number): string {
  return `https://${address.includes(':') ? `[${address}]` : address}:${port}/`;
}

export class LanController implements LanControl {
  private runtime: CoreRuntime | null = null;
  private server: Server | null = null;
  private ranges: readonly Cidr[] = [];
  private current: { url: string; fingerprint: string } | null = null;
  private error: string | null = null;
  private readonly issued = new Set<string>();
  readonly limiter = new LoginRateLimiter();

  constructor(private readonly options: LanControllerOptions) {}

  /** The core the listener serves (made after this handle, which the core is given). */
  attach(runtime: CoreRuntime): void {
    this.runtime = runtime;
  }

  interfaces(): LanInterface[] {
    const all = (this.options.interfaces ?? networkInterfaces)();
    const out: LanInterface[] = [];
    for (const [name, list] of Object.entries(all)) {
      for (const info of list ?? []) {
        if (lanAddressProblem(info.address) !== null) continue;
        // an IPv6 link-local address needs its zone (%eth0) in every URL: not one to print for the clients
        if (info.family === 'IPv6' && addressKind(parseIp(info.address)!) === 'link-local') continue;
        const prefix = Number(info.cidr?.split('/')[1] ?? (info.family === 'IPv4' ? 32 : 128));
        out.push({ name, address: info.address, family: info.family === 'IPv4' ? 4 : 6, subnet: subnetOf(info.address, prefix) });
      }
    }
    return out;
  }

  state(): LanListenerState {
    const sessions = this.runtime?.core?.sessions;
    for (const id of this.issued) if (!sessions?.alive(id)) this.issued.delete(id);
    return {
      running: this.server !== null,
      urls: this.current ? [this.current.url] : [],
      fingerprint: this.current?.fingerprint ?? null,
      sessions: this.issued.size,
      allowedRanges: this.server ? this.ranges.map((r) => r.text) : [],
      error: this.error,
    };
  }

  async start(request: LanStartRequest): Promise<void> {
    try {
      await this.open(request);
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  private async open(request: LanStartRequest): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) throw new Error('LAN controller used before attach');
    const problem = lanAddressProblem(request.address);
    if (problem) throw AppError.field('address', problem);
    const others = this.interfaces().map((i) => i.address);
    const certificate =
      request.cert === 'supplied'
        ? suppliedCertificate(request.certPath, request.keyPath)
        : generatedCertificate(join(this.options.dataDir, 'lan'), request.address, others);
    await this.stop();
    this.ranges = request.ranges;
    const server = createLanServer({
      runtime,
      rendererDir: this.options.rendererDir,
      guideDir: this.options.guideDir,
      cert: certificate.cert,
      key: certificate.key,
      address: request.address,
      ranges: () => this.ranges,
      limiter: this.limiter,
      onSession: (id) => this.issued.add(id),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') reject(AppError.field('port', `端口 ${request.port} 已被其他程序占用，请换一个端口`));
        else if (e.code === 'EADDRNOTAVAIL') reject(AppError.field('address', `本机没有地址“${request.address}”`));
        else if (e.code === 'EACCES') reject(AppError.field('port', `没有权限使用端口 ${request.port}，请使用 1024 以上的端口`));
        else reject(new AppError('INTERNAL', `局域网访问无法开启：${e.message}`));
      });
      server.listen(request.port, request.address, () => resolve());
    });
    server.on('error', (e: Error) => this.options.log(`局域网访问出错：${e.message}`));
    this.server = server;
    this.current = { url: urlOf(request.address, request.port), fingerprint: certificate.fingerprint };
    this.options.log(`局域网访问已开启：请在其他电脑的浏览器中打开 ${this.current.url}`);
    this.options.log(`证书指纹（SHA-256）：${certificate.fingerprint}（请在每台电脑上核对）`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.current = null;
    // the sessions it gave out end with it: turning the LAN off logs every LAN client out
    const sessions = this.runtime?.core?.sessions;
    for (const id of this.issued) sessions?.remove(id);
    this.issued.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.options.log('局域网访问已关闭');
  }
}
