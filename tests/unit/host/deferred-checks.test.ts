/**
 * Start-up at size: the quick check of a large data file and the day's backup run after the first screen, off the
 * request path. The host answers while they are still running; a damaged file is still found, taken out of use and
 * reported (the recovery screen), as one refused on opening is.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME, openCore } from '../../../src/main/core/app';
import { listBackups } from '../../../src/main/core/db/backup';
import { checkIntegrity, type IntegrityChecker, type IntegrityResult } from '../../../src/main/core/db/integrity';
import { openStore } from '../../../src/main/core/db/open';
import { CoreRuntime } from '../../../src/main/core/runtime';
import { createHostServer, TOKEN_HEADER } from '../../../src/main/host/server';
import type { SystemInfo } from '../../../src/shared/contract/system';
import { onCleanup } from '../helpers';

const TOKEN = 'test-token-deferred-0123';
const ACTOR = { name: '管理员', role: 'admin' } as const;

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grid-deferred-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store with `rows` streets' worth of org rows, closed; the pages of org_units' rows when asked. */
async function makeStore(dataDir: string, rows: number, leaves?: number[]): Promise<string> {
  const core = await openCore({ dataDir, appVersion: 'test' });
  const insert = core.db.prepare("INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (NULL, 'street', ?, ?, '2026-01-01T00:00:00Z')");
  core.db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`单位${i}`.padEnd(30, '名'), `CODE${i}`);
  })();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  leaves?.push(...(core.db.prepare("SELECT pageno FROM dbstat WHERE name = 'org_units' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[]));
  core.close();
  return join(dataDir, DATA_FILE_NAME);
}

/** A checker whose quick checks wait until released; full checks run as usual. */
function heldChecker() {
  const quick: { file: string; release: (r: IntegrityResult) => void }[] = [];
  const checker: IntegrityChecker = (file, mode) =>
    mode === 'quick' ? new Promise<IntegrityResult>((release) => quick.push({ file, release })) : checkIntegrity(file, mode);
  return { checker, quick };
}

async function post(port: number, name: string, body: unknown = {}): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/rpc/${name}`, method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(JSON.parse(text) as { ok: boolean }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function host(runtime: CoreRuntime, dir: string): Promise<number> {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>网格考评</title>');
  const server = createHostServer({ runtime, token: TOKEN, rendererDir, actor: ACTOR });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => server.close());
  return (server.address() as AddressInfo).port;
}

describe('start-up at size: checks and backups after the first screen', () => {
  it('a small file is quick-checked on opening; a large one (or, here, any above the limit) is left to maintenance', async () => {
    const dir = freshDir();
    const file = await makeStore(join(dir, 'data'), 50);
    const small = await openStore(file, { backupDir: join(dir, 'b') });
    expect(small.quickCheckDeferred).toBe(false);
    small.db.close();
    const large = await openStore(file, { backupDir: join(dir, 'b'), inlineCheckMaxBytes: 0 });
    expect(large.quickCheckDeferred).toBe(true);
    large.db.close();
  });

  it('the host answers calls while the deferred quick check and the due daily backup have not finished', async () => {
    const dir = freshDir();
    const dataDir = join(dir, 'data');
    await makeStore(dataDir, 50);
    const held = heldChecker();
    const runtime = await CoreRuntime.start({ dataDir, appVersion: 'test', inlineCheckMaxBytes: 0, integrityChecker: held.checker });
    onCleanup(() => runtime.close());
    const port = await host(runtime, dir);
    const core = runtime.core!;
    expect(core.maintenance.quickCheckDue).toBe(true);

    // what the schedule starts after the first screen, started now and held at the quick check
    const due = core.maintenance.runDue();
    await new Promise((r) => setImmediate(r));
    expect(held.quick.map((q) => q.file)).toEqual([core.dataFile]);

    const info = await post(port, 'system.info');
    expect(info.ok).toBe(true);
    expect((info.data as SystemInfo).health.running).toEqual(['快速完整性检查']);
    const tree = await post(port, 'org.tree', {});
    expect(tree.ok).toBe(true);
    expect(listBackups(core.backupDir)).toEqual([]); // the day's backup waits behind the check, not the calls

    held.quick[0]!.release({ ok: true, problems: [] });
    await due;
    await core.maintenance.idle();
    expect(core.maintenance.quickCheckDue).toBe(false);
    expect(runtime.core).toBe(core);
    expect(listBackups(core.backupDir).map((b) => [b.reason, b.integrity])).toEqual([['daily', 'ok']]);
    const after = (await post(port, 'system.info')).data as SystemInfo;
    expect(after.health.running).toEqual([]);
    expect(after.health.integrity).toMatchObject({ ok: true });
  });

  it('a damaged large file is still found after the first screen: taken out of use, reported, recovery offered', async () => {
    const dir = freshDir();
    const dataDir = join(dir, 'data');
    const leaves: number[] = [];
    const file = await makeStore(dataDir, 2000, leaves);
    const bytes = readFileSync(file);
    const pageSize = 4096;
    // a page of org_units' rows in the middle of its b-tree, header and cells alike: opening does not read it
    const page = leaves[Math.floor(leaves.length / 2)]! - 1;
    for (let i = page * pageSize; i < (page + 1) * pageSize; i++) bytes[i] = (i * 131) & 0xff;
    writeFileSync(file, bytes);

    const runtime = await CoreRuntime.start({ dataDir, appVersion: 'test', inlineCheckMaxBytes: 0 });
    onCleanup(() => runtime.close());
    const port = await host(runtime, dir);
    expect(runtime.problem).toBeNull(); // the first screen is served before the check has run
    expect((await post(port, 'system.info')).ok).toBe(true);

    await runtime.core!.maintenance.runDue();
    expect(runtime.core).toBeNull();
    expect(runtime.problem).toMatchObject({ code: 'DB_DAMAGED', message: expect.stringMatching(/未通过完整性检查.*快速完整性检查未通过/) });
    const refused = await post(port, 'people.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'RECOVERY' } });
    const status = await post(port, 'recovery.status', {});
    expect(status).toMatchObject({ ok: true, data: { problem: { code: 'DB_DAMAGED' } } });
    // nothing was backed up from the damaged file
    expect(listBackups(join(dataDir, 'backups'))).toEqual([]);
  });
});
