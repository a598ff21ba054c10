/**
 * Version 200: what the months list and the 操作日志 read at scale (issue 16).
 * - A finalised month's counts (members, scored, exempt, the evaluators who scored) are kept with it as JSON in
 *   `counts`, so the months list reads ten years of months without counting their scores again. A finalised month is
 *   read-only (its members and scores, and its published version's criteria, refuse changes: migration 0020), so the
 *   counts taken when it is finalised stay true; a trigger takes them whenever a month becomes finalised, whoever
 *   finalises it, and drops them when it is reopened. Months finalised before this version get theirs here.
 * - The log's time index carries the entity too, so a kind and a date range are read from the index alone.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

/** A month's counts as monthSummary reads them (assessments/compute.ts), as JSON, for the month `id` of version `version`. */
function countsOf(id: string, version: string): string {
  return `json_object(
    'members', (SELECT count(*) FROM month_members WHERE month_id = ${id}),
    'scored', (SELECT count(*) FROM month_members WHERE month_id = ${id} AND exempt_reason = '' AND person_id IN (
      SELECT person_id FROM (
        SELECT s.person_id, count(*) AS n FROM scores s JOIN criteria c ON c.id = s.criterion_id AND c.kind = 'score'
        WHERE s.month_id = ${id} GROUP BY s.person_id, s.evaluator_id)
      WHERE n = (SELECT count(*) FROM criteria WHERE version_id = ${version} AND kind = 'score'))),
    'exempt', (SELECT count(*) FROM month_members WHERE month_id = ${id} AND exempt_reason != ''),
    'evaluatorIds', json((SELECT json_group_array(evaluator_id) FROM (SELECT DISTINCT evaluator_id FROM scores WHERE month_id = ${id} ORDER BY evaluator_id))))`;
}

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE assessment_months ADD COLUMN counts TEXT CHECK (counts IS NULL OR json_valid(counts));
    CREATE TRIGGER assessment_months_seal_counts AFTER UPDATE OF status ON assessment_months WHEN NEW.status = 'finalised'
    BEGIN
      UPDATE assessment_months SET counts = ${countsOf('NEW.id', 'NEW.version_id')} WHERE id = NEW.id;
    END;
    CREATE TRIGGER assessment_months_unseal_counts AFTER UPDATE OF status ON assessment_months WHEN NEW.status <> 'finalised'
    BEGIN
      UPDATE assessment_months SET counts = NULL WHERE id = NEW.id;
    END;
    UPDATE assessment_months SET counts = ${countsOf('assessment_months.id', 'assessment_months.version_id')} WHERE status = 'finalised';

    DROP INDEX audit_log_at;
    CREATE INDEX audit_log_at ON audit_log(at, entity);
  `);
}
