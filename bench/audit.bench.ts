import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../src/main/core/app';
import { AUDIT_CONTENT_COLUMNS, auditRowHash, verifyAuditChain } from '../src/main/core/audit/chain';
import { dispatch } from '../src/main/core/rpc';
import { measure } from './harness';

const actor = { name: '基准', role: 'admin' } as const;
const WORKERS = 1000;
const CRITERIA = 20;
const YEARS = 10;
let dir: string;
let core: Core;
let person: number;

/**
 * The log at the largest scale: 10 years of months, each a score change per worker and criterion (2,400,000
 * entries, spread evenly over each month's days), plus a point entry a month for every tenth worker and a few
 * month, person and system entries (a 冲销 with its reversing entry), written with direct SQL in one transaction, hash-chained as the app chains them.
 */
function build(core: Core): number {
  const db = core.db;
  let total = 0;
  db.transaction(() => {
    const at0 = '2016-01-01T00:00:00.000Z';
    const personRow = db.prepare(
      `INSERT INTO people (name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
       VALUES (?, ?, 'yg', '男', ?, '1990-01-01', '2016-01-01', ?, ?)`,
    );
    const people: number[] = [];
    for (let i = 0; i < WORKERS; i++) people.push(Number(personRow.run(`员工${i}`, `yuangong${i}`, `4403061990010${String(i).padStart(5, '0')}`, at0, at0).lastInsertRowid));
    person = people[500]!;
    const rule = Number(
      db.prepare("INSERT INTO point_rules (name, points_per_unit, unit, valid_from, created_at) VALUES ('基准规则', 200, '次', '2016-01-01', ?)").run(at0).lastInsertRowid,
    );
    const entry = db.prepare("INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, entered_by, created_at) VALUES (?, ?, ?, 100, 200, 200, 'manual', '基准', ?)");
    const reversal = db.prepare(
      "INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, note, reverses_id, entered_by, created_at) VALUES (?, ?, ?, -100, -200, -200, 'manual', '录错人员', ?, '基准', ?)",
    );
    const insertAudit = db.prepare(`INSERT INTO audit_log (${AUDIT_CONTENT_COLUMNS}, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    let previous = '';
    const audit = {
      run: (at: string, actor: string, action: string, entity: string, entity_id: number | null, old_value: string | null, new_value: string | null, reason: string) => {
        previous = auditRowHash(previous, { at, actor, action, entity, entity_id, old_value, new_value, reason });
        insertAudit.run(at, actor, action, entity, entity_id, old_value, new_value, reason, Buffer.from(previous, 'hex'));
      },
    };
    const actors = ['管理员', '考核员甲', '考核员乙'];
    for (let m = 0; m < YEARS * 12; m++) {
      const y = 2016 + Math.floor(m / 12);
      const mo = String((m % 12) + 1).padStart(2, '0');
      const month = m + 1;
      audit.run(`${y}-${mo}-01T01:00:00.000Z`, '管理员', 'open', 'assessment_month', month, null, `{"period":"${y}-${mo}"}`, '');
      let n = 0;
      for (const p of people) {
        for (let c = 1; c <= CRITERIA; c++) {
          const day = String(1 + (n++ % 27)).padStart(2, '0');
          const at = `${y}-${mo}-${day}T0${n % 10}:00:00.000Z`;
          audit.run(at, actors[n % 3]!, 'score', 'score', month, `{"personId":${p},"evaluatorId":1,"criterionId":${c},"value":500,"note":""}`, `{"personId":${p},"evaluatorId":1,"criterionId":${c},"value":550,"note":""}`, '');
          total++;
        }
      }
      for (let i = 0; i < people.length; i += 10) {
        const date = `${y}-${mo}-15`;
        const id = Number(entry.run(date, people[i]!, rule, `${date}T02:00:00.000Z`).lastInsertRowid);
        audit.run(`${date}T02:00:00.000Z`, '管理员', 'post', 'point_entry', id, null, `{"personId":${people[i]},"ruleId":${rule},"points":200}`, '');
        if (i % 100 === 0) {
          // a 冲销 as the app writes it: the reversing entry, and the log's entry naming the one it cancels
          const reversalId = Number(reversal.run(date, people[i]!, rule, id, `${date}T03:00:00.000Z`).lastInsertRowid);
          audit.run(`${date}T03:00:00.000Z`, '管理员', 'reverse', 'point_entry', id, `{"id":${id},"points":200}`, `{"reversalId":${reversalId},"points":-200}`, '录错人员');
        }
      }
      audit.run(`${y}-${mo}-28T09:00:00.000Z`, '管理员', 'finalise', 'assessment_month', month, null, `{"period":"${y}-${mo}"}`, '');
    }
  })();
  return total;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-audit-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-01-20T02:00:00Z') });
  expect(build(core)).toBe(YEARS * 12 * WORKERS * CRITERIA);
});

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const raw = () => core.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 100').all();

async function page(input: Record<string, unknown>): Promise<number> {
  const r = await dispatch(core, actor, 'audit.list', input);
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { rows: unknown[] }).rows.length;
}

/** One person's newest entries along the person index: the least a person's page reads (its 冲销 aside). */
const rawOfPerson = () => core.db.prepare('SELECT * FROM audit_log WHERE person_id = ? ORDER BY id DESC LIMIT 100').all(person);

// Each against the raw SQL it needs: a person's entries lie apart along their index; the other filters read the log's
// newest or a day's contiguous ids, as the unfiltered page does.
const CASES: { id: string; what: string; input: () => Record<string, unknown>; raw?: () => unknown }[] = [
  {
    id: 'audit-list',
    what: 'audit.list first page (100, summarised), one person, of 2.4M entries, vs raw SELECT … WHERE person_id = ? ORDER BY id DESC LIMIT 100',
    input: () => ({ personId: person }),
    raw: rawOfPerson,
  },
  { id: 'audit-list-30d', what: 'audit.list first page, the last 30 days (the page’s default), of 2.4M entries, vs the raw SELECT', input: () => ({ from: '2025-12-21', to: '2026-01-20' }) },
  { id: 'audit-list-old', what: 'audit.list first page, one day 5 years back, of 2.4M entries, vs the raw SELECT', input: () => ({ from: '2021-03-10', to: '2021-03-10' }) },
  { id: 'audit-list-kind', what: 'audit.list first page, kind 积分 (rare among scores), of 2.4M entries, vs the raw SELECT', input: () => ({ kind: 'points' }) },
  { id: 'audit-list-kind-old', what: 'audit.list first page, kind 考核打分 and one day 5 years back, of 2.4M entries, vs the raw SELECT', input: () => ({ kind: 'score', from: '2021-03-10', to: '2021-03-10' }) },
  { id: 'audit-list-actor-old', what: 'audit.list first page, one actor and one day 5 years back, of 2.4M entries, vs the raw SELECT', input: () => ({ actor: '考核员甲', from: '2021-03-10', to: '2021-03-10' }) },
  { id: 'audit-list-deep', what: 'audit.list page 500 of all entries (keyset), vs the raw SELECT', input: () => ({ before: 2_400_000 - 50_000 }) },
];

for (const c of CASES) {
  it(`${c.id}: ${c.what}`, async () => {
    let rows = 0;
    const figure = await measure({
      id: c.id,
      what: c.what,
      subject: async () => {
        rows = await page(c.input());
      },
      baseline: c.raw ?? raw,
      runs: 41,
    });
    expect(rows).toBe(100);
    expect(figure.ratio).toBeGreaterThan(0);
  });
}

it('audit-verify: the whole hash chain of 2.4M entries checked (in batches that let calls through), vs reading every row', async () => {
  let rows = 0;
  const figure = await measure({
    id: 'audit-verify',
    what: 'verifyAuditChain over all 2.4M entries (sha256 of each row, in 5,000-row batches), vs iterating SELECT of the same columns',
    subject: async () => {
      const check = await verifyAuditChain(core.db);
      if (!check.ok) throw new Error('the chain should hold');
      rows = check.rows;
    },
    baseline: () => {
      let n = 0;
      for (const _row of core.db.prepare(`SELECT id, ${AUDIT_CONTENT_COLUMNS}, hash FROM audit_log ORDER BY id`).iterate()) n++;
      return n;
    },
    runs: 3,
    warmup: 0,
  });
  expect(rows).toBeGreaterThan(YEARS * 12 * WORKERS * CRITERIA);
  expect(figure.ratio).toBeGreaterThan(0);
});
