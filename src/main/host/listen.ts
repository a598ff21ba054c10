/**
 * Listening on the asked port, or on the next free one when it is taken (another program, or the app started twice):
 * `npm start` and `npm run serve` then say which port they took instead of exiting.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How many ports after the asked one are tried before the system is asked for any free port. */
export const NEXT_PORT_TRIES = 20;

function listenOnce(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

const inUse = (e: unknown) => (e as NodeJS.ErrnoException).code === 'EADDRINUSE';

/** Resolves the port listened on; rejects for any error other than a taken port. */
export async function listenOnFreePort(server: Server, port: number, host: string, tries = NEXT_PORT_TRIES): Promise<number> {
  const candidates: number[] = [];
  if (port !== 0) for (let p = port; p < Math.min(port + tries, 65536); p++) candidates.push(p);
  candidates.push(0); // last: whatever port the system has free
  for (const candidate of candidates) {
    try {
      await listenOnce(server, candidate, host);
      return (server.address() as AddressInfo).port;
    } catch (e) {
      if (!inUse(e) || candidate === 0) throw e;
    }
  }
  throw new Error('unreachable');
}

/** The line printed when the asked port was taken; null when the host got the port it asked for (or any, for 0). */
export function portTakenNotice(asked: number, got: number): string | null {
  if (asked === 0 || asked === got) return null;
  return `端口 ${asked} 已被占用，已改用端口 ${got}。`;
}
