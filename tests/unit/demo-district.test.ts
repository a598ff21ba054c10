/**
 * The large-case generator (demo/district.ts) at small numbers: its shape (streets, months, people per street,
 * movements, reopened months, points, stars, year-end assessments, awards) and its audit log, whose chain verifies and
 * which holds an entry for every score, point entry and roster change, dated as they happened.
 */
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/core/audit/chain';
import { loadDistrict } from '../../src/main/core/demo/district';
import { parseHostArgs } from '../../src/main/host/args';
import { openTestCore } from './helpers';

describe('the district generator', () => {
  it('two streets, two years, 200 workers: every month, movement and score written as the app writes it, audited', async () => {
    const t = await openTestCore();
    const db = t.core.db;
    const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
    const lines: string[] = [];
    const result = loadDistrict(t.core, { years: 2, people: 200, streets: 2, onProgress: (l) => lines.push(l) });

    // one root (the tree has one), the communities of two streets under it, named with their street
    expect(count('SELECT count(*) FROM org_units WHERE parent_id IS NULL')).toBe(1);
    const communities = db.prepare("SELECT name FROM org_units WHERE kind IN ('community', 'village')").pluck().all() as string[];
    expect(new Set(communities.map((n) => n.split('·')[0]))).toEqual(new Set(['西乡', '新安']));
    expect(result.streets).toBe(2);

    // people per street: about half each, the roster kept near 200 as people leave and are replaced
    const perStreet = db
      .prepare(
        `SELECT substr(c.name, 1, instr(c.name, '·') - 1) AS street, count(*) AS n FROM person_terms t
         JOIN org_units u ON u.id = t.unit_id
         JOIN org_units c ON c.id = CASE WHEN u.kind IN ('community', 'village') THEN u.id
                                         WHEN u.kind = 'micro_grid' THEN (SELECT parent_id FROM org_units g WHERE g.id = u.parent_id)
                                         ELSE u.parent_id END
         WHERE t.valid_to IS NULL AND t.status = '在岗' GROUP BY street ORDER BY street`,
      )
      .all() as { street: string; n: number }[];
    expect(perStreet).toHaveLength(2);
    for (const s of perStreet) {
      expect(s.n).toBeGreaterThanOrEqual(80);
      expect(s.n).toBeLessThanOrEqual(130);
    }
    const inPost = perStreet.reduce((a, s) => a + s.n, 0);
    expect(inPost).toBeGreaterThanOrEqual(195);
    expect(inPost).toBeLessThanOrEqual(215);

    // 24 finalised months of each scheme (2024-11 … 2026-10), the current one open
    expect(db.prepare("SELECT DISTINCT period FROM assessment_months WHERE status = 'finalised' ORDER BY period").pluck().all()).toHaveLength(24);
    expect(count("SELECT count(*) FROM assessment_months WHERE status = 'finalised'")).toBe(48);
    expect(count("SELECT count(*) FROM assessment_months WHERE status = 'open' AND period = '2026-11'")).toBe(2);
    expect(result.months).toBe(48);

    // movements with their dated terms, and each with its audit entry
    expect(result.transfers).toBeGreaterThan(0);
    expect(result.departures).toBeGreaterThan(0);
    expect(result.hires).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM person_terms WHERE change = '调动'")).toBe(result.transfers);
    expect(count("SELECT count(*) FROM person_terms WHERE change = '离岗'")).toBe(result.departures);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'transfer'")).toBe(result.transfers);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'create'")).toBe(count('SELECT count(*) FROM people'));

    // reopened months: reopened, corrected with a reason, finalised again
    const reopened = count("SELECT count(*) FROM audit_log WHERE entity = 'assessment_month' AND action = 'reopen'");
    expect(reopened).toBe(result.reopened);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'score' AND reason = '复核更正'")).toBeLessThanOrEqual(reopened);

    // every score and every point entry has its audit row; derived points posted per finalised month
    expect(count('SELECT count(*) FROM scores')).toBeGreaterThan(200 * 24 * 2 * 4);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'score'")).toBe(result.scores);
    expect(count("SELECT count(*) FROM point_entries WHERE source = 'manual'")).toBe(result.pointEntries);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'point_entry' AND action IN ('post', 'reverse')")).toBe(result.pointEntries);
    expect(count("SELECT count(*) FROM point_entries WHERE source_ref LIKE 'month:%'")).toBeGreaterThan(0);

    // stars each quarter (the latest a draft), the finished year assessed and its awards published
    expect(count("SELECT count(*) FROM star_runs WHERE status = 'published'")).toBeGreaterThanOrEqual(6);
    expect(count("SELECT count(*) FROM period_assessments WHERE period = '2025' AND status = 'finalised'")).toBe(1);
    expect(count("SELECT count(*) FROM award_batches WHERE name = '2025年度优秀网格员' AND stage = 'published'")).toBe(1);

    // the audit log: dated across the two years as the work happened, its chain whole
    const span = db.prepare('SELECT min(at) AS first, max(at) AS last FROM audit_log').get() as { first: string; last: string };
    expect(span.first.slice(0, 7)).toBe('2024-11');
    expect(span.last <= t.core.now().toISOString()).toBe(true);
    const chain = await verifyAuditChain(db);
    expect(chain.ok).toBe(true);
    expect(chain.rows).toBe(result.auditRows);

    // progress: a line for the roster and one a year, with counts and time
    expect(lines[0]).toMatch(/^组织与人员：2 个街道，\d+ 个单位，\d+ 名在岗人员（[\d.]+ 秒）$/);
    expect(lines.filter((l) => /^20\d\d 年：归档 \d+ 个考核月.*操作日志累计 \d+ 行/.test(l))).toHaveLength(3);
  });

  it('the command line asks for it with --years, --people and --streets, only with the demo', () => {
    expect(parseHostArgs(['--demo-only', '--years', '10', '--people', '5000'])).toMatchObject({ demoOnly: true, district: { years: 10, people: 5000, streets: null } });
    expect(parseHostArgs(['--demo', '--streets=2']).district).toEqual({ years: 2, people: 1000, streets: 2 });
    expect(parseHostArgs(['--demo']).district).toBeUndefined();
    expect(() => parseHostArgs(['--years', '10'])).toThrow(/只能与 --demo 或 --demo-only 一起使用/);
    expect(() => parseHostArgs(['--demo', '--people', '10'])).toThrow(/人数应为 50 到 20000 的整数/);
  });
});
