/**
 * A finalised period's digest: sha256 over what it was finalised with (version, members, ballots, decisions on ties,
 * the sealed results), kept with the period and in its finalise audit entry; audit/verify.ts checks it.
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

export function periodDigest(db: Database, periodId: number): string {
  const hash = createHash('sha256');
  for (const sql of [
    'SELECT version_id, period FROM period_assessments WHERE id = ?',
    'SELECT person_id, unit_id, role FROM period_members WHERE period_id = ? ORDER BY person_id',
    'SELECT person_id, evaluator_id, ballot FROM appraisal_ballots WHERE period_id = ? ORDER BY person_id, evaluator_id',
    'SELECT person_id, keep, reason FROM period_tie_decisions WHERE period_id = ? ORDER BY person_id',
    'SELECT person_id, total, grade, status, warning, quota, rank_street FROM period_results WHERE period_id = ? ORDER BY person_id',
  ]) {
    for (const row of db.prepare(sql).raw().iterate(periodId)) hash.update(`${JSON.stringify(row)}\n`);
    hash.update('--\n');
  }
  return hash.digest('hex');
}

