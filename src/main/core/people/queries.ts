/** Reading the roster, always as of a date: a person's unit, roles and status are dated history. */
import type { Database } from 'better-sqlite3';
import type { PeopleListInput, PersonDetail, PersonRow, PersonTerm } from '../../../shared/contract/people';
import type { Role, Status, TermChange } from '../../../shared/domain/people';
import type { PoliticalStatusOrNone } from '../../../shared/domain/political';
import { maskedParts } from '../../../shared/domain/mask';
import { classifySearch } from '../../../shared/domain/pinyin';
import { AppError } from '../../../shared/errors';
import { prepared } from '../db/statements';
import { subtreeIds, unitPaths } from '../org/queries';

interface JoinedRow {
  id: number;
  name: string;
  gender: '男' | '女';
  id_number: string;
  birth_date: string;
  mobile: string;
  political_status: PoliticalStatusOrNone;
  hire_date: string;
  note: string;
  unit_id: number;
  unit_name: string;
  roles: string;
  status: Status;
  since: string;
}

const selectPeople = (termOn: string) => `
  SELECT p.id, p.name, p.gender, p.id_number, p.birth_date, p.mobile, p.political_status, p.hire_date, p.note,
         t.unit_id, u.name AS unit_name, t.roles, t.status, t.valid_from AS since
  FROM people p
  JOIN person_terms t ON t.person_id = p.id AND ${termOn}
  JOIN org_units u ON u.id = t.unit_id`;
const SELECT_AS_OF = selectPeople('t.valid_from <= @asOf AND (t.valid_to IS NULL OR t.valid_to > @asOf)');
const SELECT_CURRENT = selectPeople('t.valid_to IS NULL');

function toRow(r: JoinedRow, paths: ReadonlyMap<number, string>): PersonRow {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    idNumber: r.id_number,
    birthDate: r.birth_date,
    mobile: r.mobile,
    roles: JSON.parse(r.roles) as Role[],
    politicalStatus: r.political_status,
    status: r.status,
    hireDate: r.hire_date,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: paths.get(r.unit_id) ?? r.unit_name,
    since: r.since,
  };
}

export type ListQuery = Required<Omit<PeopleListInput, 'asOf'>> & { asOf?: string | undefined };

/**
 * The people of a unit (and its sub-units) as of a date, sorted by pinyin. `masked`: the caller sees ID numbers and
 * mobiles masked (mask.ts), so digits find a person by a whole ID number or mobile, or by the parts the mask shows (its
 * first and last digits, or the masked text itself), never by the hidden digits: searching must not read them out.
 */
/**
 * SQL matching @q (digits) in an ID number or mobile column: anywhere for those who see them whole; for a masked
 * reader only the whole value or the parts the mask shows (first 6 and last 4 of an ID, first 3 and last 4 of a mobile).
 */
export function digitsMatch(column: string, masked: boolean): string {
  if (!masked) return `${column} LIKE '%' || @q || '%'`;
  return `(${column} = @q OR (length(${column}) = 18 AND (instr(substr(${column}, 1, 6), @q) > 0 OR instr(substr(${column}, 15), @q) > 0))
           OR (length(${column}) = 11 AND (instr(substr(${column}, 1, 3), @q) > 0 OR instr(substr(${column}, 8), @q) > 0)))`;
}

export function listPeople(db: Database, q: ListQuery, today: string, masked = false): PersonRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { asOf: q.asOf ?? today };
  if (q.unitId !== null) {
    // as a parameter, so the statement's text stays the same and it is compiled once (db/statements.ts)
    where.push('t.unit_id IN (SELECT value FROM json_each(@units))');
    params.units = JSON.stringify(q.includeSubunits ? subtreeIds(db, q.unitId) : [q.unitId]);
  }
  if (q.status !== '全部') {
    where.push('t.status = @status');
    params.status = q.status;
  }
  const search = classifySearch(q.search);
  const shown = masked ? maskedParts(q.search) : null;
  if (shown) {
    // the masked text as shown ('440306********1064', '138****5678'): its visible ends
    where.push(`((length(p.id_number) = 18 AND substr(p.id_number, 1, 6) = @head AND substr(p.id_number, 15) = @tail)
                 OR (length(p.mobile) = 11 AND substr(p.mobile, 1, 3) = @head AND substr(p.mobile, 8) = @tail))`);
    params.head = shown.head;
    params.tail = shown.tail;
  } else if (search.kind === 'digits') {
    where.push(`(${digitsMatch('p.id_number', masked)} OR ${digitsMatch('p.mobile', masked)})`);
    params.q = search.text;
  } else if (search.kind === 'pinyin') {
    where.push("(p.name_initials LIKE @q || '%' OR p.name_pinyin LIKE '%' || @q || '%')");
    params.q = search.text;
  } else if (search.kind === 'name') {
    where.push("p.name LIKE '%' || @q || '%'");
    params.q = search.text;
  }
  const sql = `${SELECT_AS_OF} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
               ORDER BY p.name_pinyin, p.name, p.id`;
  const paths = unitPaths(db);
  return (prepared(db, sql).all(params) as JoinedRow[]).map((r) => toRow(r, paths));
}

/** One person as of a date; NOT_FOUND when they had no term then. */
export function getPersonRow(db: Database, id: number, asOf: string): PersonRow {
  const row = db.prepare(`${SELECT_AS_OF} WHERE p.id = @id`).get({ id, asOf }) as JoinedRow | undefined;
  if (row) return toRow(row, unitPaths(db));
  if (!db.prepare('SELECT 1 FROM people WHERE id = ?').get(id)) throw new AppError('NOT_FOUND', '该人员不存在');
  // Not on the roster on that date (hired later): show the current term.
  return toRow(db.prepare(`${SELECT_CURRENT} WHERE p.id = ?`).get(id) as JoinedRow, unitPaths(db));
}

export function getPersonDetail(db: Database, id: number, today: string): PersonDetail {
  const row = getPersonRow(db, id, today);
  const note = db.prepare('SELECT note FROM people WHERE id = ?').pluck().get(id) as string;
  const paths = unitPaths(db);
  const terms = (
    db
      .prepare(
        `SELECT valid_from, valid_to, unit_id, roles, status, change, reason FROM person_terms
         WHERE person_id = ? ORDER BY valid_from`,
      )
      .all(id) as {
      valid_from: string;
      valid_to: string | null;
      unit_id: number;
      roles: string;
      status: Status;
      change: TermChange;
      reason: string;
    }[]
  ).map(
    (t): PersonTerm => ({
      validFrom: t.valid_from,
      validTo: t.valid_to,
      unitId: t.unit_id,
      unitPath: paths.get(t.unit_id) ?? '',
      roles: JSON.parse(t.roles) as Role[],
      status: t.status,
      change: t.change,
      reason: t.reason,
    }),
  );
  return { ...row, note, terms };
}
