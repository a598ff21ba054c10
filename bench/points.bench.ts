/**
 * 积分台账 and 积分排行 on ten years of points: 1,000 workers in 120 grids, 120 months (2016-12 … 2026-11) of 25 entries
 * per worker and month over 12 rules (3,000,000 entries), one in a hundred reversed (dated as its original), written
 * with direct SQL in one transaction (the ledger's trigger keeps the running totals, migration 0190). Each figure
 * through the dispatcher vs the raw SQL the page needs: the rows it shows, read with the same joins, nothing counted or
 * computed. Goal: ≤ 2×.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const WORKERS = 1000;
const MONTHS = 120;
const PER_MONTH = 25;
let dir: string;
let core: Core;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function build(db: Database): number {
  const rand = lcg(1990);
  const at = '2016-11-01T00:00:00.000Z';
  let entries = 0;
  // a cache large enough to hold the transaction: the app's small default would spill it to the log page by page
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -524288');
  db.transaction(() => {
    const unit = db.prepare('INSERT INTO org_units (parent_id, kind, name, code, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const street = Number(unit.run(null, 'street', '十年街道', 'T', 0, at).lastInsertRowid);
    const grids: number[] = [];
    for (let c = 0; c < 12; c++) {
      const community = Number(unit.run(street, 'community', `第${c + 1}社区`, `T${c}`, c, at).lastInsertRowid);
      for (let g = 0; g < 10; g++) grids.push(Number(unit.run(community, 'grid_basic', `第${g + 1}网格`, `T${c}G${g}`, g, at).lastInsertRowid));
    }
    const person = db.prepare(
      `INSERT INTO people (name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
       VALUES (?, ?, 'yg', '男', ?, '1985-01-01', '2016-01-01', ?, ?)`,
    );
    const term = db.prepare("INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at) VALUES (?, '2016-01-01', ?, '[\"网格员\"]', '在岗', '入职', ?)");
    const people: number[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const id = Number(person.run(`员工${i}`, `yuangong${String(i).padStart(4, '0')}`, `4403061985010${String(i).padStart(5, '0')}`, at, at).lastInsertRowid);
      term.run(id, grids[i % grids.length]!, at);
      people.push(id);
    }
    const rule = db.prepare("INSERT INTO point_rules (name, category, points_per_unit, unit, valid_from, created_at) VALUES (?, '基准', ?, '次', '2016-01-01', ?)");
    const rules = [50, 100, 200, 10, 300, -100, -200, 50, 100, 20, -500, 150].map((points, k) => ({ id: Number(rule.run(`十年规则${k + 1}`, points, at).lastInsertRowid), points }));
    const entry = db.prepare(
      `INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, note, reverses_id, entered_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?, '基准', ?)`,
    );
    for (let m = 0; m < MONTHS; m++) {
      const index = 2016 * 12 + 11 + m;
      const period = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
      for (let k = 0; k < PER_MONTH; k++) {
        const date = `${period}-${String(1 + Math.floor((k * 28) / PER_MONTH)).padStart(2, '0')}`;
        for (const p of people) {
          const r = rules[Math.floor(rand() * rules.length)]!;
          const quantity = 100 * (1 + Math.floor(rand() * 2));
          const points = (r.points * quantity) / 100;
          const id = Number(entry.run(date, p, r.id, quantity, points, points, '', null, `${date}T02:00:00.000Z`).lastInsertRowid);
          entries++;
          if (rand() < 0.01) {
            entry.run(date, p, r.id, -quantity, -points, -points, '录入有误', id, `${date}T03:00:00.000Z`);
            entries++;
          }
        }
      }
    }
  })();
  db.pragma(`cache_size = ${cacheSize}`);
  return entries;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-points-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  expect(build(core.db)).toBeGreaterThan(WORKERS * MONTHS * PER_MONTH);
}, 600_000);

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(name: string, input: unknown): Promise<unknown> {
  const r = await dispatch(core, actor, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.data;
}

it('points-ledger-10y: 积分台账 unfiltered (its count and sum, the newest 3,000 rows), vs the raw SELECT of those rows', async () => {
  const page = core.db.prepare(
    `SELECT e.id, e.date, e.person_id, p.name, t.unit_id, e.rule_id, r.name AS rule_name, r.category, r.unit, e.quantity, e.points,
            e.uncapped, e.source, e.source_ref, e.note, e.reverses_id, x.id AS reversed_by, e.entered_by, e.created_at
     FROM point_entries e JOIN people p ON p.id = e.person_id JOIN point_rules r ON r.id = e.rule_id
     LEFT JOIN point_entries x ON x.reverses_id = e.id
     LEFT JOIN person_terms t ON t.person_id = e.person_id AND t.valid_from <= e.date AND (t.valid_to IS NULL OR t.valid_to > e.date)
     ORDER BY e.date DESC, e.id DESC LIMIT 3000`,
  );
  let matched = 0;
  const figure = await measure({
    id: 'points-ledger-10y',
    what: 'points.ledger unfiltered on 3M entries (count, sum and the newest 3,000 rows with person, rule, unit and reversal), vs the raw SELECT of the 3,000 rows with the same joins',
    subject: async () => {
      matched = ((await call('points.ledger', {})) as { matched: number }).matched;
    },
    baseline: () => page.all(),
    runs: 9,
  });
  expect(matched).toBe(core.db.prepare('SELECT count(*) FROM point_entries').pluck().get());
  expect(figure.ratio).toBeGreaterThan(0);
});

it('points-ranking-10y: 积分排行 累计 (everyone in post ranked on all their points), vs the raw reads of the people and their totals', async () => {
  const people = core.db.prepare(
    `SELECT p.id, p.name, p.name_pinyin, t.unit_id, t.roles, t.status FROM people p JOIN person_terms t ON t.person_id = p.id
     AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?) ORDER BY p.name_pinyin, p.id`,
  );
  const totals = core.db.prepare("SELECT person_id, points, plus, minus, live FROM point_totals WHERE period = ''");
  const units = core.db.prepare('SELECT id, parent_id, name FROM org_units');
  let rows = 0;
  const figure = await measure({
    id: 'points-ranking-10y',
    what: 'points.balances all time on 3M entries (1,000 people ranked in the street, community and role), vs the raw reads of the people, their all-time totals and the units',
    subject: async () => {
      rows = ((await call('points.balances', { kind: 'all' })) as { rows: unknown[] }).rows.length;
    },
    baseline: () => {
      people.all('2026-11-23', '2026-11-23');
      totals.all();
      units.all();
    },
    runs: 15,
  });
  expect(rows).toBe(WORKERS);
  expect(figure.ratio).toBeGreaterThan(0);
});
