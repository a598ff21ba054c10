/**
 * 上报包: a finalised period of this street as the district takes it (shared/district/format.ts), built from the
 * areas' queries in one read, with names and masked ID numbers only, and signed with the street's key.
 */
import type { Database } from 'better-sqlite3';
import { canonicalBytes, packageBody, PACKAGE_FORMAT, PACKAGE_VERSION, type PackageBody, type PackageFile } from '../../../shared/district/format';
import { maskIdNumber } from '../../../shared/domain/mask';
import { starPeriodLabel, starPeriodMonths } from '../../../shared/domain/stars';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import { communities, monthRecords, schemeMonths } from '../analysis/records';
import { criteriaHeatmap } from '../analysis/compare';
import { evaluatorReport } from '../analysis/evaluators';
import { periodRecord } from '../periods/compute';
import { periodView } from '../periods/queries';
import { getVersion } from '../schemes/queries';
import { readStreetKey, signBytes } from './key';

/** The reader of a package sees the whole street (the export is a 管理员's). */
const WHOLE_STREET: Actor = { name: '管理员', role: 'admin' };

/** The street's name: its root unit's. */
export function streetName(db: Database): string {
  return (db.prepare('SELECT name FROM org_units WHERE parent_id IS NULL ORDER BY sort_order, id LIMIT 1').pluck().get() as string | undefined) ?? '';
}

export function buildPackageBody(db: Database, periodId: number, exportedAt: string): PackageBody {
  const p = periodRecord(db, periodId);
  if (p.status !== 'finalised') throw AppError.field('periodId', `${starPeriodLabel(p.period)}${p.scheme_name}尚未归档，归档后才能导出上报包`);
  const name = streetName(db);
  if (!name) throw new AppError('VALIDATION', '尚未建立街道的组织架构，不能导出上报包');
  const units = communities(db);
  const periodMonths = starPeriodMonths(p.period);
  const months =
    p.month_scheme_id === null ? [] : schemeMonths(db, p.month_scheme_id, periodMonths[0]!, periodMonths.at(-1)!).filter((m) => m.status === 'finalised');
  const schemeName = p.month_scheme_id === null ? '' : (db.prepare('SELECT name FROM schemes WHERE id = ?').pluck().get(p.month_scheme_id) as string);
  const view = periodView(db, WHOLE_STREET, periodId, null);
  const refs = new Set<number>();
  const monthList = months.map((m) => ({
    period: m.period,
    scheme: schemeName,
    fullScore: getVersion(db, m.versionId).fullScore,
    rows: monthRecords(db, m).map((r) => {
      refs.add(r.personId);
      return { person: r.personId, community: units.community(r.unitId).name, role: r.role, exempt: r.exempt, total: r.total, grade: r.grade, veto: r.veto, rankInUnit: r.rankInUnit };
    }),
  }));
  const results = view.rows.map((r) => {
    refs.add(r.personId);
    return { person: r.personId, community: r.community, total: r.total, grade: r.grade, status: r.status, rankInStreet: r.ranks.street, rankInCommunity: r.ranks.community };
  });
  const filter = { schemeId: p.month_scheme_id ?? 0, from: periodMonths[0]!, to: periodMonths.at(-1)!, unitId: null, role: null };
  const criteria: PackageBody['criteria'] = [];
  const evaluators: PackageBody['evaluators'] = [];
  if (p.month_scheme_id !== null) {
    const heat = criteriaHeatmap(db, WHOLE_STREET, filter);
    heat.criteria.forEach((c, r) =>
      heat.communities.forEach((col, k) => {
        const cell = heat.cells[r]![k];
        if (cell) criteria.push({ category: c.category, criterion: c.name, community: col.name, share: cell.share, sheets: cell.sheets });
      }),
    );
    for (const e of evaluatorReport(db, WHOLE_STREET, filter).evaluators) {
      evaluators.push({ name: e.name, group: e.group, workers: e.workers, mean: e.mean, shared: e.shared, leniency: e.leniency, lenient: e.lenient, harsh: e.harsh, flat: e.flat });
    }
  }
  const inPeriod = new Set(periodMonths);
  const stars = (
    db
      .prepare(`SELECT r.period, s.person_id, s.stars FROM star_runs r JOIN star_ratings s ON s.run_id = r.id WHERE r.status = 'published' ORDER BY r.period, s.person_id`)
      .raw()
      .all() as [string, number, number][]
  )
    .filter(([period]) => starPeriodMonths(period).every((m) => inPeriod.has(m)))
    .map(([period, person, n]) => {
      refs.add(person);
      return { period, person, stars: n };
    });
  const batches = db
    .prepare("SELECT id, name, level, date FROM award_batches WHERE stage = 'published' AND substr(date, 1, 7) BETWEEN ? AND ? ORDER BY date, id")
    .all(periodMonths[0], periodMonths.at(-1)) as { id: number; name: string; level: string; date: string }[];
  const winners = db.prepare("SELECT person_id FROM award_candidates WHERE batch_id = ? AND status = 'nominated' ORDER BY sort_order, id").pluck();
  const awards = batches.map((b) => {
    const people = winners.all(b.id) as number[];
    people.forEach((x) => refs.add(x));
    return { batch: b.name, level: b.level, date: b.date, people };
  });
  const personRow = db.prepare('SELECT name, id_number FROM people WHERE id = ?');
  const lastUnit = db.prepare('SELECT unit_id FROM person_terms WHERE person_id = ? ORDER BY valid_from DESC LIMIT 1').pluck();
  const people = [...refs]
    .sort((a, b) => a - b)
    .map((ref) => {
      const row = personRow.get(ref) as { name: string; id_number: string };
      const unit = lastUnit.get(ref) as number | undefined;
      return { ref, name: row.name, idNumber: maskIdNumber(row.id_number), community: unit === undefined ? '' : units.community(unit).name };
    });
  return packageBody.parse({
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    street: { name, fingerprint: readStreetKey(db).fingerprint },
    exportedAt,
    period: { key: p.period, label: `${starPeriodLabel(p.period)} ${p.scheme_name}`, scheme: p.scheme_name, finalisedAt: p.finalised_at },
    people,
    months: monthList,
    results,
    criteria,
    evaluators,
    stars,
    awards,
  });
}

/** The package as its file holds it: the body and the street's signature over its canonical bytes. */
export function signPackage(db: Database, body: PackageBody): PackageFile {
  return { format: PACKAGE_FORMAT, version: PACKAGE_VERSION, signature: signBytes(db, canonicalBytes(body)), body };
}
