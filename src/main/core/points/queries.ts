/** Reading the points rules and ledger: entries with their person, rule and reversal, and balances over periods. */
import type { Database } from 'better-sqlite3';
import type { BalanceRow, Balances, PersonLedger, PointEntry, PointRule } from '../../../shared/contract/points';
import { ROLES, type Role, type Status } from '../../../shared/domain/people';
import { classifySearch } from '../../../shared/domain/pinyin';
import {
  periodLabel,
  periodRange,
  rankByPoints,
  runningBalances,
  type BalanceKind,
  type CapPeriod,
  type DerivedKind,
  type PointSource,
  type PointUnit,
} from '../../../shared/domain/points';
import { AppError } from '../../../shared/errors';
import { subtreeIds, unitPaths } from '../org/queries';
import { digitsMatch } from '../people/queries';
import { prepared } from '../db/statements';

interface RuleRow {
  id: number;
  name: string;
  category: string;
  points_per_unit: number;
  unit: PointUnit;
  cap: number | null;
  cap_period: CapPeriod | null;
  valid_from: string;
  valid_to: string | null;
  derived: DerivedKind | null;
  active: number;
  note: string;
  entries: number;
}

const SELECT_RULES = `
  SELECT r.*, (SELECT count(*) FROM point_entries e WHERE e.rule_id = r.id) AS entries
  FROM point_rules r`;

function toRule(r: RuleRow, today: string): PointRule {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    pointsPerUnit: r.points_per_unit,
    unit: r.unit,
    cap: r.cap,
    capPeriod: r.cap_period,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    derived: r.derived,
    active: r.active === 1,
    note: r.note,
    entries: r.entries,
    inForce: r.active === 1 && r.valid_from <= today && (r.valid_to === null || r.valid_to >= today),
  };
}

export function listRules(db: Database, today: string): PointRule[] {
  return (db.prepare(`${SELECT_RULES} ORDER BY r.sort_order, r.id`).all() as RuleRow[]).map((r) => toRule(r, today));
}

export function getRule(db: Database, id: number, today: string): PointRule {
  const row = db.prepare(`${SELECT_RULES} WHERE r.id = ?`).get(id) as RuleRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该积分规则不存在');
  return toRule(row, today);
}

// ---- entries ----

interface EntryRow {
  id: number;
  date: string;
  person_id: number;
  name: string;
  unit_id: number | null;
  rule_id: number;
  rule_name: string;
  category: string;
  unit: PointUnit;
  quantity: number;
  points: number;
  uncapped: number;
  source: PointSource;
  source_ref: string;
  note: string;
  reverses_id: number | null;
  reversed_by: number | null;
  entered_by: string;
  created_at: string;
}

/** Entries with the person's unit as it was on the entry's date. */
const SELECT_ENTRIES = `
  SELECT e.id, e.date, e.person_id, p.name, t.unit_id, e.rule_id, r.name AS rule_name, r.category, r.unit,
         e.quantity, e.points, e.uncapped, e.source, e.source_ref, e.note, e.reverses_id, x.id AS reversed_by,
         e.entered_by, e.created_at
  FROM point_entries e
  JOIN people p ON p.id = e.person_id
  JOIN point_rules r ON r.id = e.rule_id
  LEFT JOIN point_entries x ON x.reverses_id = e.id
  LEFT JOIN person_terms t ON t.person_id = e.person_id AND t.valid_from <= e.date AND (t.valid_to IS NULL OR t.valid_to > e.date)`;

function toEntry(r: EntryRow, paths: ReadonlyMap<number, string>): PointEntry {
  return {
    id: r.id,
    date: r.date,
    personId: r.person_id,
    name: r.name,
    unitPath: r.unit_id === null ? '' : (paths.get(r.unit_id) ?? ''),
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    category: r.category,
    unit: r.unit,
    quantity: r.quantity,
    points: r.points,
    uncapped: r.uncapped,
    source: r.source,
    sourceRef: r.source_ref,
    note: r.note,
    reversesId: r.reverses_id,
    reversedBy: r.reversed_by,
    enteredBy: r.entered_by,
    createdAt: r.created_at,
  };
}

export function getEntries(db: Database, ids: readonly number[]): PointEntry[] {
  if (ids.length === 0) return [];
  const paths = unitPaths(db);
  const rows = db.prepare(`${SELECT_ENTRIES} WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id`).all(JSON.stringify(ids)) as EntryRow[];
  return rows.map((r) => toEntry(r, paths));
}

export function getEntry(db: Database, id: number): PointEntry {
  const entry = getEntries(db, [id])[0];
  if (!entry) throw new AppError('NOT_FOUND', '该积分记录不存在');
  return entry;
}

export interface LedgerQuery {
  personId: number | null;
  ruleId: number | null;
  unitId: number | null;
  source: PointSource | null;
  from: string | null;
  to: string | null;
  search: string;
  limit: number;
}

/** The period keys of point_totals a balance period adds up: its month, its three months, its year, or all time. */
function totalsKeys(kind: BalanceKind, period: string): string[] {
  if (kind === 'all') return [''];
  if (kind !== 'quarter') return [period];
  const first = (Number(period.slice(6)) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${period.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
}

const lastDay = (month: string) => periodRange('month', month).to;
const monthAfter = (month: string, by = 1) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * The running totals' keys that cover the whole years and months of a date range, and the days at its ends outside
 * them (the range's own dates when it holds no whole month).
 */
export function coverRange(start: string, end: string): { keys: string[]; days: [string, string][] } {
  const keys: string[] = [];
  const days: [string, string][] = [];
  if (start > end) return { keys, days };
  const first = start.endsWith('-01') ? start.slice(0, 7) : monthAfter(start.slice(0, 7));
  const last = lastDay(end.slice(0, 7)) === end ? end.slice(0, 7) : monthAfter(end.slice(0, 7), -1);
  if (first > last) return { keys, days: [[start, end]] };
  if (start < `${first}-01`) days.push([start, lastDay(start.slice(0, 7))]);
  for (let month = first; month <= last; ) {
    if (month.endsWith('-01') && `${month.slice(0, 4)}-12` <= last) {
      keys.push(month.slice(0, 4));
      month = monthAfter(month, 12);
    } else {
      keys.push(month);
      month = monthAfter(month);
    }
  }
  if (end > lastDay(last)) days.push([`${monthAfter(last)}-01`, end]);
  return { keys, days };
}

/**
 * How many entries a ledger filtered at most by person and dates shows, and their sum, from the running totals
 * (point_totals, migration 0190): the whole years and months of the range from their rows, the days at its ends
 * from the entries. Unfiltered, it is a row per person, whatever the size of the ledger.
 */
function runningTotals(db: Database, personId: number | null, from: string | null, to: string | null): { n: number; points: number } {
  const person = personId === null ? {} : { person: personId };
  const onlyPerson = personId === null ? '' : 'AND person_id = @person';
  let cover: { keys: string[]; days: [string, string][] } = { keys: [''], days: [] };
  if (from !== null || to !== null) {
    // an open end is the ledger's first or last date (the ledger's dates are indexed)
    const span = prepared(db, 'SELECT min(date) AS first, max(date) AS last FROM point_entries').get() as { first: string | null; last: string | null };
    if (span.first === null || span.last === null) return { n: 0, points: 0 };
    cover = coverRange(from ?? span.first, to ?? span.last);
  }
  const whole = prepared(
    db,
    `SELECT coalesce(sum(rows), 0) AS n, coalesce(sum(points), 0) AS points FROM point_totals
     WHERE period IN (SELECT value FROM json_each(@keys)) ${onlyPerson}`,
  ).get({ keys: JSON.stringify(cover.keys), ...person }) as { n: number; points: number };
  const edge = prepared(db, `SELECT count(*) AS n, coalesce(sum(points), 0) AS points FROM point_entries WHERE date BETWEEN @from AND @to ${onlyPerson}`);
  for (const [dayFrom, dayTo] of cover.days) {
    const d = edge.get({ from: dayFrom, to: dayTo, ...person }) as { n: number; points: number };
    whole.n += d.n;
    whole.points += d.points;
  }
  return whole;
}

/** `masked`: the reader sees ID numbers masked, so a search may not read out the hidden digits. */
export function queryLedger(db: Database, q: LedgerQuery, masked = false): { rows: PointEntry[]; matched: number; points: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.personId !== null) {
    where.push('e.person_id = @personId');
    params.personId = q.personId;
  }
  if (q.ruleId !== null) {
    where.push('e.rule_id = @ruleId');
    params.ruleId = q.ruleId;
  }
  if (q.source !== null) {
    where.push('e.source = @source');
    params.source = q.source;
  }
  if (q.from !== null) {
    where.push('e.date >= @from');
    params.from = q.from;
  }
  if (q.to !== null) {
    where.push('e.date <= @to');
    params.to = q.to;
  }
  if (q.unitId !== null) where.push(`t.unit_id IN (${subtreeIds(db, q.unitId).join(',')})`);
  const search = classifySearch(q.search);
  if (search.kind === 'digits') {
    where.push(digitsMatch('p.id_number', masked));
    params.q = search.text;
  } else if (search.kind === 'pinyin') {
    where.push("(p.name_initials LIKE @q || '%' OR p.name_pinyin LIKE '%' || @q || '%')");
    params.q = search.text;
  } else if (search.kind === 'name') {
    // a reversal is found with its original: its own note is the reason
    where.push(`(p.name LIKE '%' || @q || '%' OR r.name LIKE '%' || @q || '%' OR e.note LIKE '%' || @q || '%'
                 OR EXISTS (SELECT 1 FROM point_entries o WHERE o.id = e.reverses_id AND o.note LIKE '%' || @q || '%'))`);
    params.q = search.text;
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const totals =
    q.ruleId === null && q.source === null && q.unitId === null && search.kind === 'none'
      ? runningTotals(db, q.personId, q.from, q.to)
      : (db.prepare(`SELECT count(*) AS n, coalesce(sum(e.points), 0) AS points FROM (${SELECT_ENTRIES} ${filter}) e`).get(params) as { n: number; points: number });
  const rows = db.prepare(`${SELECT_ENTRIES} ${filter} ORDER BY e.date DESC, e.id DESC LIMIT ${q.limit}`).all(params) as EntryRow[];
  const paths = unitPaths(db);
  return { rows: rows.map((r) => toEntry(r, paths)), matched: totals.n, points: totals.points };
}

export function personLedger(db: Database, personId: number): PersonLedger {
  const person = db
    .prepare(
      `SELECT p.name, t.unit_id, t.roles FROM people p JOIN person_terms t ON t.person_id = p.id AND t.valid_to IS NULL WHERE p.id = ?`,
    )
    .get(personId) as { name: string; unit_id: number; roles: string } | undefined;
  if (!person) throw new AppError('NOT_FOUND', '该人员不存在');
  const paths = unitPaths(db);
  const entries = (db.prepare(`${SELECT_ENTRIES} WHERE e.person_id = ? ORDER BY e.date, e.id`).all(personId) as EntryRow[]).map((r) =>
    toEntry(r, paths),
  );
  const balances = runningBalances(entries.map((e) => e.points));
  const live = entries.filter((e) => e.reversesId === null && e.reversedBy === null);
  return {
    personId,
    name: person.name,
    unitPath: paths.get(person.unit_id) ?? '',
    roles: JSON.parse(person.roles) as Role[],
    rows: entries.map((e, i) => ({ ...e, balance: balances[i]! })),
    total: balances.at(-1) ?? 0,
    plus: live.filter((e) => e.points > 0).reduce((s, e) => s + e.points, 0),
    minus: live.filter((e) => e.points < 0).reduce((s, e) => s + e.points, 0),
  };
}

// ---- balances ----

/** The person's main role: the first of the roles they hold, in the roster's order. */
export function primaryRole(roles: readonly Role[]): Role {
  return ROLES.find((r) => roles.includes(r)) ?? roles[0] ?? '网格员';
}

export interface BalanceQuery {
  kind: BalanceKind;
  period: string;
  unitId: number | null;
  role: string;
}

/**
 * Everyone in post at the period's end (today, for the current period and all time), and anyone else with entries in
 * the period, with their points there and their ranks across the street, in their community and in their role.
 * Reversals are dated as their originals, so a period's sum is its corrected total. The sums are the ledger's running
 * totals (point_totals, migration 0190), a row per person and month, year or all time: the answer costs the people it
 * lists, not the entries behind them.
 */
export function balances(db: Database, q: BalanceQuery, today: string): Balances {
  const { from, to } = periodRange(q.kind, q.period);
  const asOf = to < today ? to : today;
  const sums = new Map(
    (
      prepared(
        db,
        `SELECT person_id, sum(points) AS points, sum(plus) AS plus, sum(minus) AS minus, sum(live) AS entries
         FROM point_totals WHERE period IN (SELECT value FROM json_each(?)) GROUP BY person_id`,
      ).all(JSON.stringify(totalsKeys(q.kind, q.period))) as { person_id: number; points: number; plus: number; minus: number; entries: number }[]
    ).map((s) => [s.person_id, s]),
  );
  // Each person's term at asOf, or their first term for someone hired after it who has entries (none should).
  const people = db
    .prepare(
      `SELECT p.id, p.name, p.name_pinyin, t.unit_id, t.roles, t.status
       FROM people p JOIN person_terms t ON t.person_id = p.id
        AND t.valid_from <= @asOf AND (t.valid_to IS NULL OR t.valid_to > @asOf)
       ORDER BY p.name_pinyin, p.id`,
    )
    .all({ asOf }) as { id: number; name: string; name_pinyin: string; unit_id: number; roles: string; status: Status }[];

  const units = db.prepare('SELECT id, parent_id AS parentId, name FROM org_units').all() as { id: number; parentId: number | null; name: string }[];
  const byId = new Map(units.map((u) => [u.id, u]));
  const communityOf = (unitId: number) => {
    let u = byId.get(unitId);
    while (u && u.parentId !== null && byId.get(u.parentId)?.parentId !== null) u = byId.get(u.parentId);
    return u;
  };
  const paths = unitPaths(db);

  const all: (BalanceRow & { communityId: number })[] = people
    .filter((p) => p.status === '在岗' || sums.has(p.id))
    .map((p) => {
      const s = sums.get(p.id);
      const community = communityOf(p.unit_id);
      return {
        personId: p.id,
        name: p.name,
        unitId: p.unit_id,
        unitPath: paths.get(p.unit_id) ?? '',
        community: community?.name ?? '',
        communityId: community?.id ?? 0,
        role: primaryRole(JSON.parse(p.roles) as Role[]),
        status: p.status,
        points: s?.points ?? 0,
        plus: s?.plus ?? 0,
        minus: s?.minus ?? 0,
        entries: s?.entries ?? 0,
        rank: 0,
        rankInCommunity: 0,
        rankInRole: 0,
      };
    });
  const street = rankByPoints(all.map((r) => ({ key: r, points: r.points })));
  for (const r of all) r.rank = street.get(r)!;
  for (const [field, keyOf] of [
    ['rankInCommunity', (r: (typeof all)[number]): number | string => r.communityId],
    ['rankInRole', (r: (typeof all)[number]): number | string => r.role],
  ] as const) {
    const groups = new Map<number | string, typeof all>();
    for (const r of all) {
      const group = groups.get(keyOf(r));
      if (group) group.push(r);
      else groups.set(keyOf(r), [r]);
    }
    for (const group of groups.values()) {
      const rankMap = rankByPoints(group.map((r) => ({ key: r, points: r.points })));
      for (const r of group) r[field] = rankMap.get(r)!;
    }
  }
  const within = q.unitId === null ? null : new Set(subtreeIds(db, q.unitId));
  const rows = all
    .filter((r) => (within === null || within.has(r.unitId)) && (q.role === '' || r.role === q.role))
    .sort((a, b) => a.rank - b.rank)
    .map(({ communityId: _communityId, ...r }) => r);
  return { kind: q.kind, period: q.period, label: periodLabel(q.kind, q.period), from: q.kind === 'all' ? '' : from, to: q.kind === 'all' ? '' : to, rows };
}
