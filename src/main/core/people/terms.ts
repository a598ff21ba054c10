/**
 * Changing a person's unit, roles or status starts a new dated term: the current one ends the day the new one
 * begins. A change dated the same day as the current term's start amends that term instead.
 */
import type { Database } from 'better-sqlite3';
import type { Role, Status, TermChange } from '../../../shared/domain/people';
import { AppError } from '../../../shared/errors';

export interface CurrentTerm {
  id: number;
  validFrom: string;
  unitId: number;
  roles: Role[];
  status: Status;
}

export function currentTerm(db: Database, personId: number): CurrentTerm {
  const t = db
    .prepare('SELECT id, valid_from, unit_id, roles, status FROM person_terms WHERE person_id = ? AND valid_to IS NULL')
    .get(personId) as { id: number; valid_from: string; unit_id: number; roles: string; status: Status } | undefined;
  if (!t) throw new AppError('NOT_FOUND', '该人员不存在');
  return { id: t.id, validFrom: t.valid_from, unitId: t.unit_id, roles: JSON.parse(t.roles) as Role[], status: t.status };
}

export interface TermChangeRequest {
  personId: number;
  date: string;
  /** The form field the date came from, so an error shows at it. */
  dateField: string;
  change: TermChange;
  reason: string;
  unitId?: number;
  roles?: Role[];
  status?: Status;
  createdAt: string;
}

export function insertTerm(
  db: Database,
  t: { personId: number; validFrom: string; unitId: number; roles: Role[]; status: Status; change: TermChange; reason: string; createdAt: string },
): void {
  db.prepare(
    `INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.personId, t.validFrom, t.unitId, JSON.stringify(t.roles), t.status, t.change, t.reason, t.createdAt);
}

export function startTerm(db: Database, req: TermChangeRequest): void {
  const cur = currentTerm(db, req.personId);
  if (req.date < cur.validFrom) {
    throw AppError.field(req.dateField, `日期不能早于此人上一次变动的日期 ${cur.validFrom}`);
  }
  const next = {
    unitId: req.unitId ?? cur.unitId,
    roles: req.roles ?? cur.roles,
    status: req.status ?? cur.status,
  };
  if (req.date === cur.validFrom) {
    db.prepare(
      `UPDATE person_terms SET unit_id = @unitId, roles = @roles, status = @status,
         reason = CASE WHEN @reason = '' THEN reason WHEN reason = '' THEN @reason ELSE reason || '；' || @reason END
       WHERE id = @id`,
    ).run({ ...next, roles: JSON.stringify(next.roles), reason: req.reason, id: cur.id });
    return;
  }
  db.prepare('UPDATE person_terms SET valid_to = ? WHERE id = ?').run(req.date, cur.id);
  insertTerm(db, { personId: req.personId, validFrom: req.date, ...next, change: req.change, reason: req.reason, createdAt: req.createdAt });
}
