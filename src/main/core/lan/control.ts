/**
 * The LAN listener as the core sees it: the web host owns the HTTPS server (host/lan/), and gives the core this
 * handle to it (CoreOptions.lan), so that 系统's 局域网访问 calls go through the dispatcher like every other call.
 * The desktop window has none: the card then says to open the LAN from the web host.
 */
import type { LanCertKind, LanInterface } from '../../../shared/contract/lan';
import type { Cidr } from '../../../shared/domain/lan';

export interface LanStartRequest {
  address: string;
  port: number;
  /** The clients let in. */
  ranges: Cidr[];
  cert: LanCertKind;
  certPath: string;
  keyPath: string;
}

export interface LanListenerState {
  running: boolean;
  urls: string[];
  fingerprint: string | null;
  sessions: number;
  allowedRanges: string[];
  /** Why the last start failed (Chinese), or null. */
  error: string | null;
}

export interface LanControl {
  /** The machine's addresses the LAN may listen on (loopback and private only). */
  interfaces(): LanInterface[];
  state(): LanListenerState;
  /** Starts (or restarts with new settings) the listener; throws an AppError with the Chinese reason when it cannot. */
  start(request: LanStartRequest): Promise<void>;
  stop(): Promise<void>;
}
