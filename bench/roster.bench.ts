import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
let dir: string;
let core: Core;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  const loaded = await dispatch(core, actor, 'system.loadDemo', {});
  expect(loaded.ok).toBe(true);
});

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('roster-list: the whole street through the dispatcher vs a raw join of the same rows', async () => {
  const raw = core.db.prepare(
    `SELECT p.*, t.unit_id, t.roles, t.status FROM people p
     JOIN person_terms t ON t.person_id = p.id AND t.valid_to IS NULL ORDER BY p.name_pinyin`,
  );
  const figure = await measure({
    id: 'roster-list',
    what: 'people.list, whole street (~1,000 people, as of today, with unit paths), vs raw SELECT … JOIN',
    subject: async () => {
      const r = await dispatch(core, actor, 'people.list', { unitId: null, status: '全部' });
      if (!r.ok) throw new Error(r.error.message);
    },
    baseline: () => raw.all().map((row) => JSON.parse((row as { roles: string }).roles) as unknown),
  });
  expect(figure.ratio).toBeGreaterThan(0);
});

it('roster-search: pinyin initials across the street vs a raw LIKE on the same column', async () => {
  const raw = core.db.prepare("SELECT * FROM people WHERE name_initials LIKE 'zs%' ORDER BY name_pinyin");
  const figure = await measure({
    id: 'roster-search',
    what: "people.list with search 'zs' over the street, vs raw SELECT … WHERE name_initials LIKE 'zs%'",
    subject: async () => {
      const r = await dispatch(core, actor, 'people.list', { unitId: null, search: 'zs' });
      if (!r.ok) throw new Error(r.error.message);
    },
    baseline: () => raw.all(),
  });
  expect(figure.ratio).toBeGreaterThan(0);
});
