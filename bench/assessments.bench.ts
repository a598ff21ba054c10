import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { appendAudit, auditContentOf } from '../src/main/core/audit/chain';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const WORKERS = 1000;
const CRITERIA = 20;
const EVALUATORS = 3;
const PERIOD = '2026-10';
let dir: string;
let core: Core;
let monthId: number;
let firstPerson: number;
let firstCriterion: number;
let firstEvaluator: number;

/** A deterministic pseudo-random sequence, so every run builds the same month. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A street of 20 communities × 5 grids, 1,000 grid workers, a published 20-criterion scheme (16 评分项, 2 扣分项 with
 * a category floor, a 加分项, a 一票否决) with 60/40 groups, and a month with every worker scored by 3 evaluators:
 * 60,000 score rows, written with direct SQL in one transaction.
 */
function build(core: Core): void {
  const db = core.db;
  const rand = lcg(42);
  const at = '2026-11-01T00:00:00.000Z';
  db.transaction(() => {
    const unit = db.prepare('INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (?, ?, ?, ?, ?)');
    const street = Number(unit.run(null, 'street', '基准街道', 'B', at).lastInsertRowid);
    const grids: number[] = [];
    for (let c = 0; c < 20; c++) {
      const community = Number(unit.run(street, 'community', `第${c + 1}社区`, `B${c}`, at).lastInsertRowid);
      for (let g = 0; g < 5; g++) grids.push(Number(unit.run(community, 'grid_basic', `第${g + 1}网格`, `B${c}G${g}`, at).lastInsertRowid));
    }
    const person = db.prepare(
      `INSERT INTO people (name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
       VALUES (?, ?, ?, '男', ?, '1990-01-01', '2024-01-01', ?, ?)`,
    );
    const term = db.prepare(
      "INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at) VALUES (?, '2024-01-01', ?, ?, '在岗', '入职', ?)",
    );
    const people: { id: number; unit: number; role: string }[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const id = Number(person.run(`员工${i}`, `yuangong${String(i).padStart(4, '0')}`, 'yg', `4403061990010${String(i).padStart(5, '0')}`, at, at).lastInsertRowid);
      const role = i % 10 === 0 ? '网格长' : '网格员';
      const u = grids[i % grids.length]!;
      term.run(id, u, JSON.stringify([role]), at);
      people.push({ id, unit: u, role });
    }
    firstPerson = people[0]!.id;

    const schemeId = Number(db.prepare("INSERT INTO schemes (name, created_at) VALUES ('基准方案', ?)").run(at).lastInsertRowid);
    const bands = [
      { grade: '优秀', min: 9000, max: null },
      { grade: '良好', min: 8000, max: 9000 },
      { grade: '合格', min: 7000, max: 8000 },
      { grade: '基本合格', min: 6000, max: 7000 },
      { grade: '不合格', min: 0, max: 6000 },
    ];
    const groups = [
      { name: '街道中心', weight: 60 },
      { name: '社区', weight: 40 },
    ];
    const versionId = Number(
      db
        .prepare(
          `INSERT INTO scheme_versions (scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
           VALUES (?, 1, 'draft', '["网格员","网格长"]', 10000, 'group_weights', ?, ?, ?)`,
        )
        .run(schemeId, JSON.stringify(groups), JSON.stringify(bands), at).lastInsertRowid,
    );
    const criterion = db.prepare(
      `INSERT INTO criteria (version_id, sort_order, category, name, kind, max_points, per_unit, cap, floor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const criteria: { id: number; kind: string; max: number }[] = [];
    const add = (category: string, name: string, kind: string, max: number, perUnit = 0, cap = 0, floor = 'criterion') => {
      const id = Number(criterion.run(versionId, criteria.length + 1, category, name, kind, max, perUnit, cap, floor).lastInsertRowid);
      criteria.push({ id, kind, max });
    };
    // 16 × 5.5 = 88 and 2 × 6 = 12: 100
    for (let i = 0; i < 16; i++) add(`类别${(i % 5) + 1}`, `指标${i + 1}`, 'score', 550);
    add('工作纪律', '考勤', 'deduction', 600, 100, 0, 'category');
    add('工作纪律', '工作规范', 'deduction', 600, 100, 0, 'category');
    add('加分项', '表彰', 'bonus', 0, 200, 500);
    add('否决项', '违纪', 'veto', 0);
    expect(criteria).toHaveLength(CRITERIA);
    firstCriterion = criteria[0]!.id;
    db.prepare("UPDATE scheme_versions SET status = 'published', published_at = ? WHERE id = ?").run(at, versionId);

    const evaluator = db.prepare('INSERT INTO evaluators (name, group_name, created_at) VALUES (?, ?, ?)');
    const evaluators = ['中心甲', '中心乙', '社区丙'].map((name, i) =>
      Number(evaluator.run(name, i < 2 ? '街道中心' : '社区', at).lastInsertRowid),
    );
    firstEvaluator = evaluators[0]!;
    monthId = Number(
      db
        .prepare("INSERT INTO assessment_months (scheme_id, version_id, period, status, opened_at) VALUES (?, ?, ?, 'open', ?)")
        .run(schemeId, versionId, PERIOD, at).lastInsertRowid,
    );
    const member = db.prepare('INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (?, ?, ?, ?)');
    const score = db.prepare(
      'INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const p of people) {
      member.run(monthId, p.id, p.unit, p.role);
      for (const e of evaluators) {
        for (const c of criteria) {
          let value = 0;
          if (c.kind === 'score') value = Math.min(c.max, 300 + 50 * Math.floor(rand() * 6));
          else if (c.kind === 'veto') value = rand() < 0.002 ? 1 : 0;
          else value = rand() < 0.1 ? 1 + Math.floor(rand() * 3) : 0;
          score.run(monthId, p.id, e, c.id, value, value > 0 && c.kind !== 'score' ? '基准说明' : '', at);
        }
      }
    }
    // a table like scores, without triggers or foreign keys, for the bare insert-and-commit baseline
    db.exec(`CREATE TABLE bench_cells (
      month_id INTEGER NOT NULL, person_id INTEGER NOT NULL, evaluator_id INTEGER NOT NULL, criterion_id INTEGER NOT NULL,
      value INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
      PRIMARY KEY (month_id, person_id, evaluator_id, criterion_id)) STRICT, WITHOUT ROWID`);
  })();
  expect(db.prepare('SELECT count(*) FROM scores WHERE month_id = ?').pluck().get(monthId)).toBe(WORKERS * CRITERIA * EVALUATORS);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-assess-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  build(core);
});

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('month-results: 1,000 workers × 20 criteria × 3 evaluators through the dispatcher vs a raw GROUP BY', async () => {
  const raw = core.db.prepare(
    'SELECT month_id, person_id, evaluator_id, sum(value) FROM scores WHERE month_id = ? GROUP BY person_id, evaluator_id',
  );
  let rows = 0;
  const figure = await measure({
    id: 'month-results',
    what: 'assessments.results, 1,000 workers × 20 criteria × 3 evaluators (60,000 scores; group weights, ranks), vs raw GROUP BY',
    subject: async () => {
      const r = await dispatch(core, actor, 'assessments.results', { monthId });
      if (!r.ok) throw new Error(r.error.message);
      rows = (r.data as { rows: unknown[] }).rows.length;
    },
    baseline: () => raw.all(monthId),
    runs: 11,
  });
  expect(rows).toBe(WORKERS);
  expect(figure.ratio).toBeGreaterThan(0);
});

it('cell-save: one score saved durably through the dispatcher, p95, vs a bare INSERT and COMMIT with synchronous=FULL', async () => {
  expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
  const begin = core.db.prepare('BEGIN IMMEDIATE');
  const insert = core.db.prepare(
    'INSERT INTO bench_cells (month_id, person_id, evaluator_id, criterion_id, value, note, updated_at) VALUES (?, ?, 1, 1, ?, ?, ?)',
  );
  const commit = core.db.prepare('COMMIT');
  let n = 0;
  let value = 0;
  const save = async () => {
    // alternate the value so every save really writes a row and an audit entry
    value = value === 500 ? 450 : 500;
    const r = await dispatch(core, actor, 'assessments.saveScores', {
      monthId,
      evaluatorId: firstEvaluator,
      cells: [{ personId: firstPerson, criterionId: firstCriterion, value }],
    });
    if (!r.ok) throw new Error(r.error.message);
    if ((r.data as { saved: number }).saved !== 1) throw new Error('nothing saved');
  };
  const figure = await measure({
    id: 'cell-save',
    what: 'assessments.saveScores of one cell (validated, audited, durable), p95 of 200, vs bare INSERT … ; COMMIT, synchronous=FULL, p95',
    subject: save,
    baseline: () => {
      n++;
      begin.run();
      insert.run(monthId, n, 500, '', '2026-11-23T02:00:00.000Z');
      commit.run();
    },
    runs: 200,
    warmup: 10,
    percentile: 95,
  });
  expect(figure.ratio).toBeGreaterThan(0);

  // The same save against the SQL it cannot do without: the cell's upsert and its hash-chained audit row (the log's
  // indexes and day book included), durably committed. What cell-save has above this is ours; the rest is the log's.
  const upsert = core.db.prepare(
    `INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, '', ?, '基准')
     ON CONFLICT (month_id, person_id, evaluator_id, criterion_id) DO UPDATE SET value = excluded.value, note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  let rawValue = 0;
  const againstSql = await measure({
    id: 'cell-save-sql',
    what: 'assessments.saveScores of one cell, p95 of 200, vs the SQL it needs: the score upsert and its hash-chained audit row, COMMIT, synchronous=FULL, p95',
    subject: save,
    baseline: () => {
      rawValue = rawValue === 500 ? 450 : 500;
      const at = new Date().toISOString();
      begin.run();
      upsert.run(monthId, firstPerson, firstEvaluator, firstCriterion + 1, rawValue, at);
      const cell = { personId: firstPerson, evaluatorId: firstEvaluator, criterionId: firstCriterion + 1 };
      appendAudit(core.db, [auditContentOf('基准', at, { action: 'score', entity: 'score', entityId: monthId, oldValue: { ...cell, value: 950 - rawValue, note: '' }, newValue: { ...cell, value: rawValue, note: '' } })]);
      commit.run();
    },
    runs: 200,
    warmup: 10,
    percentile: 95,
  });
  expect(againstSql.ratio).toBeGreaterThan(0);
});
