/** Opening the core for a data folder: the store, its backups and the environment handlers run in. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SessionStore } from './accounts/sessions';
import type { CoreEnv } from './context';
import { ensureDailyBackup } from './db/backup';
import { openStore } from './db/open';

export const DATA_FILE_NAME = 'grid-appraisal.db';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  now?: () => Date;
}

export interface Core extends CoreEnv {
  close: () => void;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const dataFile = join(options.dataDir, DATA_FILE_NAME);
  const backupDir = join(options.dataDir, 'backups');
  const store = await openStore(dataFile, { backupDir });
  const now = options.now ?? (() => new Date());
  try {
    await ensureDailyBackup(store.db, backupDir, now());
  } catch (e) {
    store.db.close(); // never leave the store open (and its WAL behind) when opening fails
    throw e;
  }
  return {
    db: store.db,
    dataDir: options.dataDir,
    dataFile,
    backupDir,
    appVersion: options.appVersion,
    schemaVersion: store.schemaVersion,
    now,
    sessions: new SessionStore(now),
    close: () => store.db.close(),
  };
}
