/**
 * The district's 分析, read-only over the current package of each street and period: 街道对比, criteria by street,
 * evaluator leniency across the district, and the period's results with the 优秀 lists. Means are exact: sums and
 * counts from SQL, rounded half up once here.
 */
import type { Pool } from 'pg';
import type { CriteriaByStreet, DistrictEvaluatorRow, DistrictPeriod, DistrictResultRow, StreetComparisonRow } from '../../shared/district/views';
import { GRADES, ranks, roundHalfUp, type Grade } from '../../shared/domain/scoring';

const CURRENT = 'SELECT p.id, s.name AS street FROM packages p JOIN streets s ON s.id = p.street_id WHERE p.is_current AND p.period = $1';

export async function districtPeriods(pool: Pool): Promise<DistrictPeriod[]> {
  const r = await pool.query<{ period: string; label: string; streets: string }>(
    'SELECT period, max(period_label) AS label, count(*) AS streets FROM packages WHERE is_current GROUP BY period ORDER BY period DESC',
  );
  return r.rows.map((x) => ({ period: x.period, label: x.label, streets: Number(x.streets) }));
}

const emptyGrades = () => ({ ...(Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>), 不定等次: 0 });

export async function streetComparison(pool: Pool, period: string): Promise<StreetComparisonRow[]> {
  const months = await pool.query<{ street: string; months: string; sum: string | null; n: string; vetoes: string }>(
    `WITH c AS (${CURRENT})
     SELECT c.street, count(DISTINCT m.month) AS months, sum(m.total) FILTER (WHERE NOT m.exempt AND m.total IS NOT NULL) AS sum,
            count(*) FILTER (WHERE NOT m.exempt AND m.total IS NOT NULL) AS n, count(*) FILTER (WHERE m.veto) AS vetoes
       FROM c LEFT JOIN package_months m ON m.package_id = c.id GROUP BY c.street`,
    [period],
  );
  const results = await pool.query<{ street: string; grade: Grade | null; status: string; n: string; sum: string | null; totals: string }>(
    `WITH c AS (${CURRENT})
     SELECT c.street, r.grade, r.status, count(*) AS n, sum(r.total) AS sum, count(r.total) AS totals
       FROM c JOIN package_results r ON r.package_id = c.id GROUP BY c.street, r.grade, r.status`,
    [period],
  );
  const rows = months.rows.map((m): StreetComparisonRow => {
    const grades = emptyGrades();
    let people = 0;
    let sum = 0;
    let totals = 0;
    for (const r of results.rows.filter((x) => x.street === m.street)) {
      people += Number(r.n);
      sum += Number(r.sum ?? 0);
      totals += Number(r.totals);
      if (r.status === 'undetermined' || r.grade === null) grades.不定等次 += Number(r.n);
      else grades[r.grade] += Number(r.n);
    }
    const graded = people - grades.不定等次;
    const n = Number(m.n);
    return {
      street: m.street,
      people,
      months: Number(m.months),
      meanMonthly: n ? roundHalfUp(Number(m.sum), n) : null,
      rank: null,
      meanPeriod: totals ? roundHalfUp(sum, totals) : null,
      grades,
      excellentShare: graded ? roundHalfUp(grades.优秀 * 10000, graded) : 0,
      vetoes: Number(m.vetoes),
    };
  });
  const order = ranks(rows.filter((r) => r.meanMonthly !== null).map((r) => ({ key: r.street, total: r.meanMonthly!, veto: false })));
  for (const r of rows) r.rank = order.get(r.street) ?? null;
  return rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.street.localeCompare(b.street, 'zh'));
}

export async function criteriaByStreet(pool: Pool, period: string): Promise<CriteriaByStreet> {
  const r = await pool.query<{ street: string; category: string; criterion: string; weighted: string; sheets: string }>(
    `WITH c AS (${CURRENT})
     SELECT c.street, x.category, x.criterion, sum(x.share::bigint * x.sheets) AS weighted, sum(x.sheets) AS sheets
       FROM c JOIN package_criteria x ON x.package_id = c.id GROUP BY c.street, x.category, x.criterion ORDER BY x.category, x.criterion`,
    [period],
  );
  const streets = [...new Set(r.rows.map((x) => x.street))].sort((a, b) => a.localeCompare(b, 'zh'));
  const keys = [...new Map(r.rows.map((x) => [`${x.category}\u0000${x.criterion}`, { category: x.category, criterion: x.criterion }])).values()];
  return {
    streets,
    rows: keys.map((k) => ({
      ...k,
      cells: streets.map((s) => {
        const cell = r.rows.find((x) => x.street === s && x.category === k.category && x.criterion === k.criterion);
        return cell && Number(cell.sheets) > 0 ? { share: roundHalfUp(Number(cell.weighted), Number(cell.sheets)), sheets: Number(cell.sheets) } : null;
      }),
    })),
  };
}

export async function districtEvaluators(pool: Pool, period: string): Promise<DistrictEvaluatorRow[]> {
  const r = await pool.query<{ street: string; name: string; grp: string; workers: number; mean: number | null; shared: number; leniency: number | null; lenient: boolean; harsh: boolean; flat: boolean }>(
    `WITH c AS (${CURRENT})
     SELECT c.street, e.name, e.grp, e.workers, e.mean, e.shared, e.leniency, e.lenient, e.harsh, e.flat
       FROM c JOIN package_evaluators e ON e.package_id = c.id ORDER BY e.leniency DESC NULLS LAST, c.street, e.name`,
    [period],
  );
  return r.rows.map((e) => ({ street: e.street, name: e.name, group: e.grp, workers: e.workers, mean: e.mean, shared: e.shared, leniency: e.leniency, lenient: e.lenient, harsh: e.harsh, flat: e.flat }));
}

export async function districtResults(pool: Pool, period: string): Promise<DistrictResultRow[]> {
  const r = await pool.query<{ street: string; name: string; id_masked: string; community: string; total: number | null; grade: Grade | null; rank_in_street: number | null; ref: number }>(
    `WITH c AS (${CURRENT})
     SELECT c.street, p.name, p.id_masked, r.community, r.total, r.grade, r.rank_in_street, r.person_ref AS ref
       FROM c JOIN package_results r ON r.package_id = c.id JOIN package_people p ON p.package_id = c.id AND p.ref = r.person_ref`,
    [period],
  );
  const order = ranks(r.rows.filter((x) => x.total !== null && x.grade !== null).map((x) => ({ key: `${x.street}\u0000${x.ref}`, total: x.total!, veto: false })));
  return r.rows
    .map((x) => ({
      street: x.street,
      name: x.name,
      idMasked: x.id_masked,
      community: x.community,
      total: x.total,
      grade: x.grade,
      rankInStreet: x.rank_in_street,
      rankInDistrict: order.get(`${x.street}\u0000${x.ref}`) ?? null,
    }))
    .sort((a, b) => (a.rankInDistrict ?? 1e9) - (b.rankInDistrict ?? 1e9) || a.street.localeCompare(b.street, 'zh') || a.name.localeCompare(b.name, 'zh'));
}
