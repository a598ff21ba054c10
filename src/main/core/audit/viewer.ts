/**
 * What a caller may read of the audit log (操作日志). A 管理员 reads every entry as written. A 文书 reads every entry
 * with the ID numbers and mobiles in its values masked. A 考核员 reads only the entries about the people now in their
 * units (an entry's person is the log's person_id, migration 0090, or for a 冲销 the person of the entry reversed),
 * masked too; entries about no person (the system, schemes, accounts …) not at all.
 */
import type { Database } from 'better-sqlite3';
import { seesFullIdentity } from '../../../shared/domain/mask';
import { scoringScope } from '../accounts/scope';
import type { Actor } from '../context';

export interface AuditViewer {
  /** ID numbers and mobiles in the values are masked. */
  masked: boolean;
  /** Only entries about these people; null for every entry. */
  personIds: readonly number[] | null;
}

/** Every entry, as written: the 管理员's view (and the core's own, for tests and tools). */
export const FULL_VIEW: AuditViewer = { masked: false, personIds: null };

export function auditViewer(db: Database, actor: Actor): AuditViewer {
  const masked = !seesFullIdentity(actor.role);
  const scope = scoringScope(db, actor);
  if (scope === null) return { masked, personIds: null };
  const units = [...scope];
  const personIds =
    units.length === 0
      ? []
      : (db
          .prepare(`SELECT DISTINCT person_id FROM person_terms WHERE valid_to IS NULL AND unit_id IN (${units.map(() => '?').join(',')})`)
          .pluck()
          .all(...units) as number[]);
  return { masked, personIds };
}

/**
 * The SQL condition on `audit_log a` keeping the entries about the viewer's people (null when the viewer sees all):
 * entries whose person_id is one of them, and reversals of their point entries (a reversal records only the entry it
 * cancels). Integers only, written into the SQL.
 */
export function aboutViewersPeople(viewer: AuditViewer): string | null {
  if (viewer.personIds === null) return null;
  const ids = viewer.personIds.filter((id) => Number.isSafeInteger(id));
  if (ids.length === 0) return '0';
  const list = ids.join(',');
  return `a.id IN (
    SELECT id FROM audit_log WHERE person_id IN (${list})
    UNION ALL
    SELECT l.id FROM point_entries pe JOIN audit_log l ON l.entity = 'point_entry' AND l.entity_id = pe.id
    WHERE pe.person_id IN (${list}) AND l.action = 'reverse')`;
}
