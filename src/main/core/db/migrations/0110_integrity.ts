/**
 * Version 110: tamper evidence. Every audit row gets a hash covering the previous row's hash and its own content
 * (sha256 of the previous hash, a newline, and the JSON array of at, actor, action, entity, entity_id, old_value,
 * new_value, reason); existing rows are chained here in id order. Every finalised month gets a digest of what it was
 * finalised with (members, scores, results); existing finalised months are digested here and the digests sealed in one
 * audit row, so a score changed behind the app's back no longer matches its month's digest.
 * Frozen once released: never import live app code here (the hashing is written out again on purpose).
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

function rowHash(previous: string, r: Record<string, unknown>): string {
  const content = JSON.stringify([r.at, r.actor, r.action, r.entity, r.entity_id, r.old_value, r.new_value, r.reason]);
  return createHash('sha256').update(previous).update('\n').update(content).digest('hex');
}

function monthDigest(db: Database, monthId: number): string {
  const hash = createHash('sha256');
  const feed = (sql: string) => {
    for (const row of db.prepare(sql).raw().iterate(monthId)) hash.update(`${JSON.stringify(row)}\n`);
    hash.update('--\n');
  };
  feed('SELECT version_id, period FROM assessment_months WHERE id = ?');
  feed('SELECT person_id, unit_id, role, exempt_reason FROM month_members WHERE month_id = ? ORDER BY person_id');
  feed('SELECT person_id, evaluator_id, criterion_id, value, note FROM scores WHERE month_id = ? ORDER BY person_id, evaluator_id, criterion_id');
  feed('SELECT person_id, total, grade, veto, rank_in_unit, rank_in_role FROM month_results WHERE month_id = ? ORDER BY person_id');
  return hash.digest('hex');
}

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
    ALTER TABLE assessment_months ADD COLUMN digest TEXT NOT NULL DEFAULT '';
    DROP TRIGGER audit_log_no_update;
  `);
  const setHash = db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?');
  let previous = '';
  for (const row of db.prepare('SELECT id, at, actor, action, entity, entity_id, old_value, new_value, reason FROM audit_log ORDER BY id').all()) {
    const r = row as Record<string, unknown> & { id: number };
    previous = rowHash(previous, r);
    setHash.run(previous, r.id);
  }
  db.exec(`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);

  const months = db.prepare("SELECT id FROM assessment_months WHERE status = 'finalised' ORDER BY id").pluck().all() as number[];
  if (months.length === 0) return;
  const setDigest = db.prepare('UPDATE assessment_months SET digest = ? WHERE id = ?');
  const sealed: Record<string, string> = {};
  for (const id of months) {
    const digest = monthDigest(db, id);
    setDigest.run(digest, id);
    sealed[id] = digest;
  }
  const seal = {
    at: new Date().toISOString(),
    actor: '系统',
    action: 'seal',
    entity: 'system',
    entity_id: null,
    old_value: null,
    new_value: JSON.stringify({ months: sealed }),
    reason: '升级数据结构：为已归档月份记录校验值',
  };
  db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason, hash)
     VALUES (@at, @actor, @action, @entity, @entity_id, @old_value, @new_value, @reason, @hash)`,
  ).run({ ...seal, hash: rowHash(previous, seal) });
}
