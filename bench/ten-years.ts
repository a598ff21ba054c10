/**
 * Years of a street for the benchmarks. TEN_YEARS: 12 communities × 10 grids, 1,000 workers, one published scheme of
 * 10 criteria scored by 2 evaluators every month for 120 months (2.4M score rows), each month finalised with its
 * sealed results (totals, grades, ranks in the community), the last one open; a point entry a month for every tenth
 * worker. Other shapes (a year of 20 criteria × 3 evaluators) are built the same way. Written with direct SQL in one
 * transaction (the app's own paths are measured elsewhere); deterministic.
 */
import type { Database } from 'better-sqlite3';
import { DEFAULT_BANDS, gradeOf, ranks, roundHalfUp } from '../src/shared/domain/scoring';

export interface StreetShape {
  workers: number;
  communities: number;
  gridsPer: number;
  criteria: number;
  evaluators: number;
  /** Months up to and including lastPeriod; every one finalised but the last. */
  months: number;
  lastPeriod: string;
}

export const TEN_YEARS: StreetShape = { workers: 1000, communities: 12, gridsPer: 10, criteria: 10, evaluators: 2, months: 120, lastPeriod: '2026-11' };

/** Ten years of a whole district's workers (five streets' worth: 5,000 workers in 60 communities; 12M score rows). */
export const DISTRICT_TEN_YEARS: StreetShape = { ...TEN_YEARS, workers: 5000, communities: 60 };

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function periodsUpTo(last: string, n: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const index = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

export function buildStreetYears(db: Database, T: StreetShape = TEN_YEARS): { schemeId: number; lastFinalisedMonthId: number } {
  const rand = lcg(2016);
  const at = '2016-01-01T00:00:00.000Z';
  let schemeId = 0;
  let lastFinalised = 0;
  db.transaction(() => {
    const unit = db.prepare('INSERT INTO org_units (parent_id, kind, name, code, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const street = Number(unit.run(null, 'street', '十年街道', 'T', 0, at).lastInsertRowid);
    const grids: { id: number; community: number }[] = [];
    for (let c = 0; c < T.communities; c++) {
      const community = Number(unit.run(street, 'community', `第${c + 1}社区`, `T${c}`, c, at).lastInsertRowid);
      for (let g = 0; g < T.gridsPer; g++) grids.push({ id: Number(unit.run(community, 'grid_basic', `第${g + 1}网格`, `T${c}G${g}`, g, at).lastInsertRowid), community });
    }
    const person = db.prepare(
      `INSERT INTO people (name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
       VALUES (?, ?, 'yg', '男', ?, '1985-01-01', '2016-01-01', ?, ?)`,
    );
    const term = db.prepare("INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at) VALUES (?, '2016-01-01', ?, '[\"网格员\"]', '在岗', '入职', ?)");
    const people: { id: number; unit: number; community: number; ability: number }[] = [];
    for (let i = 0; i < T.workers; i++) {
      const id = Number(person.run(`员工${i}`, `yuangong${String(i).padStart(4, '0')}`, `4403061985010${String(i).padStart(5, '0')}`, at, at).lastInsertRowid);
      const g = grids[i % grids.length]!;
      term.run(id, g.id, at);
      people.push({ id, unit: g.id, community: g.community, ability: 0.8 + rand() * 0.18 });
    }
    schemeId = Number(db.prepare("INSERT INTO schemes (name, created_at) VALUES ('十年方案', ?)").run(at).lastInsertRowid);
    const versionId = Number(
      db
        .prepare("INSERT INTO scheme_versions (scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at) VALUES (?, 1, 'draft', '[\"网格员\"]', 10000, 'mean', '[]', ?, ?)")
        .run(schemeId, JSON.stringify(DEFAULT_BANDS), at).lastInsertRowid,
    );
    const max = 10000 / T.criteria; // the criteria make up the full 100
    const criterion = db.prepare(`INSERT INTO criteria (version_id, sort_order, category, name, kind, max_points) VALUES (?, ?, '业务', ?, 'score', ${max})`);
    const criteria = Array.from({ length: T.criteria }, (_, k) => Number(criterion.run(versionId, k, `指标${k + 1}`).lastInsertRowid));
    db.prepare("UPDATE scheme_versions SET status = 'published' WHERE id = ?").run(versionId);
    const evaluator = db.prepare("INSERT INTO evaluators (name, created_at) VALUES (?, ?)");
    const evaluators = Array.from({ length: T.evaluators }, (_, k) => Number(evaluator.run(`十年考核人${k + 1}`, at).lastInsertRowid));
    const month = db.prepare("INSERT INTO assessment_months (scheme_id, version_id, period, status, opened_at) VALUES (?, ?, ?, 'open', ?)");
    const member = db.prepare("INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (?, ?, ?, '网格员')");
    const score = db.prepare('INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const result = db.prepare('INSERT INTO month_results (month_id, person_id, total, grade, veto, rank_in_unit, rank_in_role) VALUES (?, ?, ?, ?, 0, ?, ?)');
    const finalise = db.prepare("UPDATE assessment_months SET status = 'finalised', finalised_at = ? WHERE id = ?");
    const rule = Number(db.prepare("INSERT INTO point_rules (name, points_per_unit, unit, valid_from, created_at) VALUES ('十年规则', 200, '次', '2016-01-01', ?)").run(at).lastInsertRowid);
    const entry = db.prepare("INSERT INTO point_entries (date, person_id, rule_id, quantity, points, uncapped, source, entered_by, created_at) VALUES (?, ?, ?, 100, 200, 200, 'manual', '基准', ?)");
    const periods = periodsUpTo(T.lastPeriod, T.months);
    periods.forEach((period, p) => {
      const monthId = Number(month.run(schemeId, versionId, period, at).lastInsertRowid);
      const totals: { key: number; total: number; veto: boolean; community: number }[] = [];
      for (const w of people) {
        member.run(monthId, w.id, w.unit);
        let sum = 0;
        for (const e of evaluators) {
          let sheet = 0;
          for (const c of criteria) {
            const v = Math.min(max, Math.round((w.ability + (rand() - 0.5) * 0.1) * 20) * (max / 20));
            score.run(monthId, w.id, e, c, v, at);
            sheet += v;
          }
          sum += sheet;
        }
        totals.push({ key: w.id, total: roundHalfUp(sum, evaluators.length), veto: false, community: w.community });
        if (w.id % 10 === 0) entry.run(`${period}-15`, w.id, rule, at);
      }
      if (p === periods.length - 1) return; // the current month stays open
      const byCommunity = new Map<number, typeof totals>();
      for (const t of totals) byCommunity.set(t.community, [...(byCommunity.get(t.community) ?? []), t]);
      const rankInUnit = new Map<number, number>();
      for (const group of byCommunity.values()) for (const [k, r] of ranks(group)) rankInUnit.set(k, r);
      const rankInRole = ranks(totals);
      for (const t of totals) result.run(monthId, t.key, t.total, gradeOf(t.total, false, DEFAULT_BANDS), rankInUnit.get(t.key)!, rankInRole.get(t.key)!);
      finalise.run(at, monthId);
      lastFinalised = monthId;
    });
  })();
  return { schemeId, lastFinalisedMonthId: lastFinalised };
}

/** The rows a view reads, as statements with their arguments: the raw cost a figure is held against. */
export type RawReads = [string, ...unknown[]][];

export const monthScores = (where: string) =>
  `SELECT s.person_id, s.evaluator_id, s.criterion_id, s.value FROM scores s JOIN assessment_months m ON m.id = s.month_id WHERE ${where}`;
export const monthResults = (where: string) =>
  `SELECT r.person_id, mm.unit_id, m.period, r.total, r.grade, r.veto FROM month_results r JOIN assessment_months m ON m.id = r.month_id
     JOIN month_members mm ON mm.month_id = r.month_id AND mm.person_id = r.person_id WHERE ${where}`;

/** What 首页 (analysis.home) needs of ten years: this month's scores, two years of results, this year's points. */
export const HOME_READS_10Y: RawReads = [
  [monthScores('m.period = (SELECT max(period) FROM assessment_months)')],
  [monthResults("m.status = 'finalised' AND m.period >= ?"), '2024-12'],
  ['SELECT person_id, date, points FROM point_entries WHERE date >= ?', '2026-01-01'],
];

/** Reads every row of the statements on this connection; how many there were. */
export function readAll(db: Database, reads: RawReads): number {
  let n = 0;
  for (const [sql, ...args] of reads) for (const _row of db.prepare(sql).raw().iterate(...args)) n++;
  return n;
}
