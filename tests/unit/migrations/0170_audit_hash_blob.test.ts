/** Version 170: the audit log's hashes kept as 32 bytes; every row, its content and its place in the chain kept. */
import { describe, expect, it } from 'vitest';
import { appendAudit, auditRowHash, chainHead, verifyAuditChain } from '../../../src/main/core/audit/chain';
import { migrateBelow, migrateTo, tempDb } from './support';

const COLUMNS = 'id, at, actor, action, entity, entity_id, old_value, new_value, reason, person_id';

describe('the 0170 migration: the audit hash as a BLOB', () => {
  it('rows chained at 160 keep their content, ids, person and hash; the chain verifies across the change and goes on', async () => {
    const db = tempDb();
    migrateBelow(db, 170);
    const row = (i: number, entity: string, newValue: string | null) => ({
      at: `2026-10-0${i}T00:00:00.000Z`,
      actor: '管理员',
      action: 'create',
      entity,
      entity_id: i,
      old_value: null,
      new_value: newValue,
      reason: i === 2 ? '理由' : '',
    });
    // written as the chain code of 160 wrote them: each row's hash, as hex text, over the one before and its content
    const insert = db.prepare(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason, hash) VALUES (@at, @actor, @action, @entity, @entity_id, @old_value, @new_value, @reason, @hash)',
    );
    let previous = '';
    for (const r of [row(1, 'person', '{"name":"张三"}'), row(2, 'score', '{"personId":7,"value":9550}'), row(3, 'system', null)]) {
      previous = auditRowHash(previous, r);
      insert.run({ ...r, hash: previous });
    }
    const before = db.prepare(`SELECT ${COLUMNS}, hash FROM audit_log ORDER BY id`).all() as { hash: string }[];
    expect(before.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    const head = chainHead(db);

    expect(migrateTo(db, 170).to).toBe(170);
    const after = db.prepare(`SELECT ${COLUMNS}, typeof(hash) AS type, lower(hex(hash)) AS hash FROM audit_log ORDER BY id`).all() as { type: string; hash: string }[];
    expect(after.map(({ type, ...r }) => (expect(type).toBe('blob'), r))).toEqual(before);
    expect(db.prepare('SELECT person_id FROM audit_log ORDER BY id').pluck().all()).toEqual([1, 7, null]);
    // the head an old backup recorded still matches; the chain checks and extends
    expect(chainHead(db)).toEqual(head);
    expect(await verifyAuditChain(db, [head])).toMatchObject({ ok: true, rows: 3 });
    appendAudit(db, [row(4, 'person', '{"name":"李四"}')]);
    expect(await verifyAuditChain(db, [head])).toMatchObject({ ok: true, rows: 4 });
    expect(db.prepare('SELECT length(hash) FROM audit_log WHERE id = 4').pluck().get()).toBe(32);

    // still append-only, indexed as before, and a hash must be 32 bytes
    expect(() => db.exec("UPDATE audit_log SET reason = 'x' WHERE id = 1")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log WHERE id = 1')).toThrow(/append-only/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' ORDER BY name").pluck().all()).toEqual([
      'audit_log_actor',
      'audit_log_at',
      'audit_log_entity',
      'audit_log_kind',
      'audit_log_person',
    ]);
    expect(() => db.exec("INSERT INTO audit_log (at, actor, action, entity, hash) VALUES ('x', 'x', 'x', 'x', X'00')")).toThrow(/CHECK/);
    // a changed row is still found, at its own id
    const forged = db.prepare('SELECT * FROM audit_log WHERE id = 2').get() as Record<string, unknown>;
    expect(forged.reason).toBe('理由');
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec("UPDATE audit_log SET reason = '改过' WHERE id = 2");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, broken: { id: 2, kind: 'changed' } });
  });

  it('an empty log migrates to an empty log', async () => {
    const db = tempDb();
    migrateTo(db, 170);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0, head: { id: 0, hash: '' } });
  });
});
