/**
 * restore: system.restoreBackup of the demo street (the store closed and copied aside as the safety backup, the backup
 * copied in and renamed into place, the store reopened, the audit entry; the full checks come after, off the request
 * path) vs a bare db.backup of the same store.
 * Goal: ≤ 2×.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { verifyBackup } from '../src/main/core/db/backup';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
let dir: string;
let core: Core;
let backupName = '';
let tick = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-restore-'));
  // a clock that moves, so every safety copy gets its own name
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date(Date.UTC(2026, 10, 23, 2) + 1000 * tick++) });
  expect((await dispatch(core, actor, 'system.loadDemo', {})).ok).toBe(true);
  const backup = await dispatch(core, actor, 'system.backupNow', {});
  if (!backup.ok) throw new Error(backup.error.message);
  backupName = (backup.data as { fileName: string; file: string }).fileName;
  expect(await verifyBackup((backup.data as { file: string }).file)).toBe(true);
});

afterAll(async () => {
  await core.maintenance.idle();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('restore: the demo street restored from a checked backup vs a bare db.backup of the same store', async () => {
  let n = 0;
  const figure = await measure({
    id: 'restore',
    what: 'system.restoreBackup of the demo street (31 MB: the store closed, copied aside, the backup copied in and renamed, reopened, audit entry) vs db.backup of the store to a new file',
    subject: async () => {
      const r = await dispatch(core, actor, 'system.restoreBackup', { fileName: backupName });
      if (!r.ok) throw new Error(r.error.message);
    },
    baseline: () => core.db.backup(join(dir, `bare-${n++}.db`)),
    settle: () => core.maintenance.idle(),
    runs: 7,
    warmup: 1,
  });
  expect(figure.ratio).toBeGreaterThan(0);
});
