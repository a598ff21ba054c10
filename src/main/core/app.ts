/**
 * Opening the core for a data folder: the store and the environment handlers run in. Opening does only what must come
 * before the first screen (refuse a damaged, newer or empty file; migrate); backups and full checks come after, in
 * maintenance.ts, so a backup that cannot be written never keeps the app from starting.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SessionStore } from './accounts/sessions';
import type { CoreEnv } from './context';
import { removeLeftovers } from './db/backup';
import type { IntegrityChecker } from './db/integrity';
import { openStore } from './db/open';
import { ensureStreetKey } from './district/key';
import { CallGate } from './gate';
import type { LanControl } from './lan/control';
import { Maintenance } from './maintenance';

export const DATA_FILE_NAME = 'grid-appraisal.db';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  now?: () => Date;
  /** Called when the store fails a full integrity check while in use (the transports then offer recovery). */
  onDamaged?: (problems: string[]) => void;
  /** Files larger than this are quick-checked after the first screen rather than before it (db/open.ts). */
  inlineCheckMaxBytes?: number;
  /** Runs the integrity checks (default: db/integrity.ts's worker); tests hold it. */
  integrityChecker?: IntegrityChecker;
  /** The web host's LAN listener (局域网访问), for the calls that turn it on and off. */
  lan?: LanControl;
}

export interface Core extends CoreEnv {
  close: () => void;
}

export function dataPaths(dataDir: string): { dataFile: string; backupDir: string } {
  return { dataFile: join(dataDir, DATA_FILE_NAME), backupDir: join(dataDir, 'backups') };
}

export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const { dataFile, backupDir } = dataPaths(options.dataDir);
  removeLeftovers(backupDir);
  const store = await openStore(dataFile, { backupDir, inlineCheckMaxBytes: options.inlineCheckMaxBytes, appVersion: options.appVersion });
  ensureStreetKey(store.db); // the street's identity, made at first start (district/key.ts)
  const now = options.now ?? (() => new Date());
  const core: Core = {
    db: store.db,
    dataDir: options.dataDir,
    dataFile,
    backupDir,
    appVersion: options.appVersion,
    schemaVersion: store.schemaVersion,
    now,
    sessions: new SessionStore(now),
    gate: new CallGate(),
    maintenance: undefined as unknown as Maintenance,
    ...(options.lan ? { lan: options.lan } : {}),
    close: () => {
      core.maintenance.stop();
      core.db.close();
    },
    reopenAfter: async (work) => {
      core.db.close();
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work();
      } finally {
        // the old file when the work failed before replacing it, else the new one, checked in full by the work
        const reopened = await openStore(dataFile, { backupDir, checked: true, appVersion: options.appVersion });
        core.db = reopened.db;
        ensureStreetKey(core.db); // a restored file from before keys gets one
        core.schemaVersion = reopened.schemaVersion;
      }
      return result;
    },
  };
  // reads core.db at each use: a restore's new connection is the one it checks
  core.maintenance = new Maintenance(core, options.onDamaged, options.integrityChecker);
  if (store.quickCheckDeferred) core.maintenance.quickCheckDue = true;
  return core;
}
