/**
 * A finalised month's digest: sha256 over what it was finalised with (its scheme version and period, members, every
 * score and note, the results), stored with the month and in its finalise audit entry. A score changed behind the
 * app's back no longer matches. Migration 0110 computes the same digest for months finalised before it.
 * The reasons for extreme totals (极端分说明) are covered when a month has any: a month without them keeps the digest
 * it had before they existed, and adding, changing or deleting one behind the app's back no longer matches.
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

const PARTS = [
  'SELECT version_id, period FROM assessment_months WHERE id = ?',
  'SELECT person_id, unit_id, role, exempt_reason FROM month_members WHERE month_id = ? ORDER BY person_id',
  'SELECT person_id, evaluator_id, criterion_id, value, note FROM scores WHERE month_id = ? ORDER BY person_id, evaluator_id, criterion_id',
  'SELECT person_id, total, grade, veto, rank_in_unit, rank_in_role FROM month_results WHERE month_id = ? ORDER BY person_id',
];

export function monthDigest(db: Database, monthId: number): string {
  const hash = createHash('sha256');
  for (const sql of PARTS) {
    for (const row of db.prepare(sql).raw().iterate(monthId)) hash.update(`${JSON.stringify(row)}\n`);
    hash.update('--\n');
  }
  // (a store before migration 0120, as migration 0110's test opens, has no reasons to cover)
  const hasReasons = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sheet_reasons'").get() !== undefined;
  const reasons = hasReasons ? db.prepare('SELECT person_id, evaluator_id, reason FROM sheet_reasons WHERE month_id = ? ORDER BY person_id, evaluator_id').raw().all(monthId) : [];
  if (reasons.length > 0) {
    hash.update('reasons\n');
    for (const row of reasons) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
