/**
 * The fault suite: the web host (from the sources, see host-child.mjs) killed with SIGKILL at random points while it
 * saves scores, commits an import, finalises a month and restores a backup. Afterwards the store must open, pass
 * integrity_check, hold every write that was acknowledged, have no write half-done, and every score its audit row.
 * Delays come from a seeded generator (printed), so a failing run can be repeated.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/core/app';
import type { Actor } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/rpc';
import { DEFAULT_BANDS } from '../../src/shared/domain/scoring';
import { makeId, tempDir } from '../unit/helpers';
import { file, workbookBase64 } from '../unit/import-workbooks';

const ADMIN: Actor = { name: '测试', role: 'admin' };
const TOKEN = 'fault-suite-token';
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
console.log(`fault suite seed: ${SEED} (FAULT_SEED=${SEED} repeats this run)`);

/** mulberry32: small, seeded, good enough to spread kill times. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(SEED);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

interface Host {
  post: (name: string, input: unknown) => Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>;
  kill: () => Promise<void>;
}

async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [join(__dirname, 'host-child.mjs'), dataDir, TOKEN], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${out}`)));
  });
  return {
    post: async (name, input) => {
      const r = await fetch(`http://127.0.0.1:${port}/rpc/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Grid-Token': TOKEN },
        body: JSON.stringify(input),
      });
      return (await r.json()) as Awaited<ReturnType<Host['post']>>;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const r = await dispatch(core, ADMIN, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.data as T;
}

const PEOPLE = 30;
const CRITERIA = 10;

/** A street of 30 workers, a scheme of ten 10-point criteria, an evaluator and an open month; the store closed. */
async function setup(dataDir: string): Promise<{ people: number[]; criteria: number[]; evaluator: number; monthId: number; schemeId: number }> {
  const core = await openCore({ dataDir, appVersion: 'fault' });
  try {
    const street = await call<{ id: number }>(core, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    const grid = await call<{ id: number }>(core, 'org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C' });
    const people: number[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const p = await call<{ id: number }>(core, 'people.create', {
        name: `网格员${String.fromCharCode(0x4e00 + i)}`,
        gender: '男',
        idNumber: makeId('1990-05-15', 2 * i + 1),
        hireDate: '2024-01-01',
        roles: ['网格员'],
        unitId: grid.id,
      });
      people.push(p.id);
    }
    const blank = await call<{ schemeId: number }>(core, 'schemes.create', { name: '故障测试方案', template: '' });
    await call(core, 'schemes.saveDraft', {
      schemeId: blank.schemeId,
      name: '故障测试方案',
      description: '',
      roles: ['网格员'],
      fullScore: CRITERIA * 1000,
      aggregation: 'mean',
      groups: [],
      bands: DEFAULT_BANDS.map((b) => ({ ...b, min: b.min, max: b.max })),
      criteria: Array.from({ length: CRITERIA }, (_, c) => ({ category: '业务', name: `指标${c + 1}`, kind: 'score', max: 1000, perUnit: 0, cap: 0, floor: 'criterion', guide: '' })),
    });
    const scheme = await call<{ schemeId: number; criteria: { id: number }[] }>(core, 'schemes.publish', { schemeId: blank.schemeId });
    const evaluator = (await call<{ id: number }>(core, 'assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
    const month = await call<{ id: number }>(core, 'assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
    return { people, criteria: scheme.criteria.map((c) => c.id), evaluator, monthId: month.id, schemeId: scheme.schemeId };
  } finally {
    core.close();
  }
}

/** Opens the store after a kill as the app would: it must not be refused, and must pass the full check. */
async function reopen(dataDir: string): Promise<Core> {
  const core = await openCore({ dataDir, appVersion: 'fault' });
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  return core;
}

/** Every score row has an audit row recording its value as the latest change of that cell. */
function everyScoreAudited(db: Database.Database): void {
  const unaudited = db
    .prepare(
      `SELECT s.person_id, s.criterion_id, s.value FROM scores s
        WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'score' AND a.entity_id = s.month_id
          AND json_extract(a.new_value, '$.personId') = s.person_id AND json_extract(a.new_value, '$.criterionId') = s.criterion_id
          AND json_extract(a.new_value, '$.value') = s.value)`,
    )
    .all();
  expect(unaudited).toEqual([]);
}

const valueOf = (trial: number, p: number, c: number) => 50 * ((p * 7 + c * 3 + trial) % 21);

describe('kill -9 during work', () => {
  it('during score saves: every acknowledged save is there, with its audit row', async () => {
    const dataDir = tempDir();
    const s = await setup(dataDir);
    for (let trial = 1; trial <= 4; trial++) {
      const host = await startHost(dataDir);
      const acknowledged: { p: number; c: number; value: number }[] = [];
      // killed midway: after a random number of acknowledged saves, with more in flight
      const killAfter = 5 + Math.floor(rnd() * 240);
      let stopped = false;
      const worker = async (lane: number) => {
        for (let k = lane; k < PEOPLE * CRITERIA && !stopped; k += 4) {
          const p = Math.floor(k / CRITERIA);
          const c = k % CRITERIA;
          const value = valueOf(trial, p, c);
          const r = await host
            .post('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.evaluator, cells: [{ personId: s.people[p]!, criterionId: s.criteria[c]!, value }] })
            .catch(() => null);
          if (r?.ok) acknowledged.push({ p, c, value });
        }
      };
      const lanes = Promise.all([0, 1, 2, 3].map(worker));
      await waitFor(() => acknowledged.length >= killAfter, 60_000);
      await new Promise((r) => setTimeout(r, rnd() * 5));
      await host.kill();
      stopped = true;
      await lanes;
      // killed midway: some saves acknowledged, not all
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.length).toBeLessThan(PEOPLE * CRITERIA);
      const core = await reopen(dataDir);
      try {
        const stored = core.db.prepare('SELECT value FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ? AND criterion_id = ?');
        for (const a of acknowledged) expect(stored.pluck().get(s.monthId, s.people[a.p], s.evaluator, s.criteria[a.c])).toBe(a.value);
        everyScoreAudited(core.db);
      } finally {
        core.close();
      }
    }
  }, 120_000);

  it('during an import commit: all of it or none of it', async () => {
    for (let trial = 1; trial <= 3; trial++) {
      const dataDir = tempDir();
      await setup(dataDir);
      const rows = Array.from({ length: 600 }, (_, i) => [`网格员${String.fromCharCode(0x4e00 + (i % PEOPLE))}`, '2026-10-08', '上报安全隐患', 1 + (i % 3), `第${i + 1}件`]);
      const upload = file(await workbookBase64([['姓名', '日期', '积分规则', '数量', '备注'], ...rows]), '10月积分.xlsx');
      const host = await startHost(dataDir);
      const preview = await host.post('points.previewImport', upload);
      expect(preview.ok).toBe(true);
      const backups = join(dataDir, 'backups');
      const names = () => {
        try {
          return readdirSync(backups);
        } catch {
          return []; // not made yet
        }
      };
      const importBackup = () => names().some((n) => n.endsWith('-import.db'));
      const commit = host.post('points.import', { ...upload, digest: (preview.data as { digest: string }).digest }).catch(() => null);
      // before its backup is done, while it writes, or a moment later
      if (trial === 1) await waitFor(() => names().some((n) => n.endsWith('.partial')) || importBackup(), 30_000);
      else await waitFor(importBackup, 30_000);
      await new Promise((r) => setTimeout(r, trial === 3 ? 200 + rnd() * 200 : rnd() * 20));
      await host.kill();
      const answer = await commit;
      const core = await reopen(dataDir);
      try {
        const entries = core.db.prepare("SELECT count(*) FROM point_entries WHERE source = 'import'").pluck().get() as number;
        const logs = core.db.prepare('SELECT count(*) FROM import_log').pluck().get() as number;
        const audits = core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'point_entry'").pluck().get() as number;
        console.log(`import trial ${trial}: ${logs === 1 ? 'committed' : 'not committed'}${answer?.ok ? ', acknowledged' : ''}`);
        expect([entries, logs]).toEqual(logs === 1 ? [600, 1] : [0, 0]);
        expect(audits).toBe(entries);
        if (answer?.ok) expect(logs).toBe(1); // acknowledged → there
      } finally {
        core.close();
      }
    }
  }, 180_000);

  it('during finalise: the month is finalised with its results, digest and grade points, or still open without them', async () => {
    for (let trial = 1; trial <= 3; trial++) {
      const dataDir = tempDir();
      const s = await setup(dataDir);
      const core = await openCore({ dataDir, appVersion: 'fault' });
      const cells = s.people.flatMap((person, p) => s.criteria.map((criterionId, c) => ({ personId: person, criterionId, value: valueOf(trial, p, c) })));
      await call(core, 'assessments.saveScores', { monthId: s.monthId, evaluatorId: s.evaluator, cells });
      core.close();
      const host = await startHost(dataDir);
      const finalise = host.post('assessments.finalise', { monthId: s.monthId }).catch(() => null);
      // early, midway, or after it answered
      await new Promise((r) => setTimeout(r, [rnd() * 30, 30 + rnd() * 90, 400][trial - 1]));
      await host.kill();
      const answer = await finalise;
      const after = await reopen(dataDir);
      try {
        const month = after.db.prepare('SELECT status, digest FROM assessment_months WHERE id = ?').get(s.monthId) as { status: string; digest: string };
        const results = after.db.prepare('SELECT count(*) FROM month_results WHERE month_id = ?').pluck().get(s.monthId);
        const derived = after.db.prepare("SELECT count(*) FROM point_entries WHERE source = 'month'").pluck().get() as number;
        console.log(`finalise trial ${trial}: ${month.status}${answer?.ok ? ', acknowledged' : ''}`);
        if (month.status === 'finalised') {
          expect(results).toBe(PEOPLE);
          expect(month.digest).toMatch(/^[0-9a-f]{64}$/);
          expect(derived).toBeGreaterThan(0);
        } else {
          expect([results, month.digest, derived]).toEqual([0, '', 0]);
          expect(answer?.ok ?? false).toBe(false); // acknowledged → finalised
        }
        everyScoreAudited(after.db);
      } finally {
        after.close();
      }
    }
  }, 180_000);

  it('during a restore: the store opens, whole, as before or as the backup, and the safety copy keeps what was acknowledged', async () => {
    for (let trial = 1; trial <= 3; trial++) {
      const dataDir = tempDir();
      const s = await setup(dataDir);
      const host = await startHost(dataDir);
      const backup = await host.post('system.backupNow', {});
      expect(backup.ok).toBe(true);
      const acknowledged: number[] = [];
      for (let p = 0; p < PEOPLE; p++) {
        const value = valueOf(trial, p, 0);
        const r = await host.post('assessments.saveScores', { monthId: s.monthId, evaluatorId: s.evaluator, cells: [{ personId: s.people[p]!, criterionId: s.criteria[0]!, value }] });
        if (r.ok) acknowledged.push(p);
      }
      expect(acknowledged).toHaveLength(PEOPLE);
      const restore = host.post('system.restoreBackup', { fileName: (backup.data as { fileName: string }).fileName }).catch(() => null);
      // early, midway (a restore of this store takes a few tens of milliseconds), or after it answered
      await new Promise((r) => setTimeout(r, [rnd() * 8, 8 + rnd() * 30, 300][trial - 1]));
      await host.kill();
      const answer = await restore;
      const core = await reopen(dataDir);
      try {
        const saved = core.db.prepare('SELECT count(*) FROM scores').pluck().get() as number;
        console.log(`restore trial ${trial}: ${saved === 0 ? 'restored' : 'not restored'}${answer?.ok ? ', acknowledged' : ''}`);
        if (saved === 0) {
          // restored: what was acknowledged before it is in the safety copy
          const safety = readSafety(join(dataDir, 'backups'));
          expect(safety).toBe(PEOPLE);
        } else {
          expect(saved).toBe(PEOPLE);
          expect(answer?.ok ?? false).toBe(false); // acknowledged → restored
        }
        everyScoreAudited(core.db);
      } finally {
        core.close();
      }
    }
  }, 180_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the moment to kill');
    await new Promise((r) => setTimeout(r, 1));
  }
}

function readSafety(backupDir: string): number {
  const name = readdirSync(backupDir).find((n) => n.endsWith('-prerestore.db'));
  if (!name) return -1;
  const db = new Database(join(backupDir, name), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM scores').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** A small file system of its own (tmpfs, where this machine lets the tests mount one: Linux as root), removed after. */
function mountSmallDisk(megabytes: number): { dir: string; release: () => void } | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'grid-small-disk-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]).status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    release: () => {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const CAN_MOUNT = (() => {
  const probe = mountSmallDisk(1);
  probe?.release();
  return probe !== null;
})();

describe('a full disk', () => {
  it.runIf(CAN_MOUNT)('on a 4 MB file system: the backup is refused first with the space it needs, writes that no longer fit are refused whole, the store stays sound', async () => {
    const { dir, release } = mountSmallDisk(4)!;
    try {      const dataDir = join(dir, 'data');
      const s = await setup(dataDir);
      const core = await openCore({ dataDir, appVersion: 'fault' });
      try {
        // fill the disk beside the store, leaving less room than a backup needs
        const { writeFileSync, statfsSync } = await import('node:fs');
        const free = () => statfsSync(dir).bavail * statfsSync(dir).bsize;
        writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, free() - 200 * 1024)));
        const backup = await dispatch(core, ADMIN, 'system.backupNow', {});
        expect(backup).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/^磁盘空间不足，需要约 \d+ MB/) } });
        // scores until the disk is full: each save is whole or refused in Chinese
        let refused: { code: string; message: string } | null = null;
        for (let round = 0; round < 200 && !refused; round++) {
          const cells = s.people.flatMap((personId, p) => s.criteria.map((criterionId, c) => ({ personId, criterionId, value: valueOf(round, p, c), note: '说明'.repeat(90) })));
          const r = await dispatch(core, ADMIN, 'assessments.saveScores', { monthId: s.monthId, evaluatorId: s.evaluator, cells });
          if (!r.ok) refused = r.error;
        }
        expect(refused).toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/^磁盘空间不足/) });
        expect(core.db.pragma('quick_check', { simple: true })).toBe('ok');
        everyScoreAudited(core.db);
      } finally {
        core.close();
      }
      expect((await reopen(dataDir)).close()).toBeUndefined();
    } finally {
      release();
    }
  }, 120_000);
});
