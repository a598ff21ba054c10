/** Version 220: the audit log's client, a score's last saver, an account's LAN password flag (issue 18). */
import { describe, expect, it } from 'vitest';
import { appendAudit, auditRowHash, GENESIS_HASH, verifyAuditChain, type AuditContent } from '../../../src/main/core/audit/chain';
import { migrateBelow, migrateTo, tempDb } from './support';

const row = (id: number, over: Partial<AuditContent> = {}): AuditContent => ({
  at: `2026-11-0${id}T00:00:00.000Z`,
  actor: '管理员',
  action: 'update',
  entity: 'person',
  entity_id: id,
  old_value: null,
  new_value: `{"n":${id}}`,
  reason: '',
  ...over,
});

describe('the 0220 migration: the LAN', () => {
  it('rows written before keep their content and hashes and still verify; new rows may name a client, covered by their hash', async () => {
    const db = tempDb();
    migrateBelow(db, 220);
    appendAudit(db, [row(1), row(2)]);
    db.exec(`
      INSERT INTO accounts (id, login_name, display_name, role, password_hash, created_at, updated_at) VALUES (1, 'admin', '王主任', 'admin', 'scrypt$1$1$1$a$b', 'x', 'x');`);
    const before = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    const accountsBefore = db.prepare('SELECT * FROM accounts').all();

    expect(migrateTo(db, 220).to).toBe(220);
    const after = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map(({ client: _c, ...rest }) => rest)).toEqual(before);
    expect(after.every((r) => r.client === null)).toBe(true);
    expect(db.prepare('SELECT * FROM accounts').all().map((a) => ({ ...(a as object), password_lan_ok: undefined }))).toEqual(
      accountsBefore.map((a) => ({ ...(a as object), password_lan_ok: undefined })),
    );
    expect(db.prepare('SELECT password_lan_ok FROM accounts').pluck().get()).toBe(0); // unknown until the password is next set or typed
    expect(db.prepare("SELECT count(*) FROM pragma_table_info('scores') WHERE name = 'updated_by'").pluck().get()).toBe(1);

    // the hash of a row without a client is what it was before the column existed
    const first = auditRowHash(GENESIS_HASH, row(1));
    expect(auditRowHash(GENESIS_HASH, { ...row(1), client: null })).toBe(first);
    expect(auditRowHash(GENESIS_HASH, { ...row(1), client: '192.168.1.5' })).not.toBe(first);

    appendAudit(db, [row(3, { client: '192.168.1.5' }), row(4, { client: '本机' }), row(5)]);
    expect(db.prepare('SELECT client FROM audit_log ORDER BY id').pluck().all()).toEqual([null, null, '192.168.1.5', '本机', null]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 5 });

    // the client is covered: changing it breaks the chain at that row
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec("UPDATE audit_log SET client = '10.0.0.9' WHERE id = 3");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, broken: { id: 3, kind: 'changed' } });
    db.exec("UPDATE audit_log SET client = NULL WHERE id = 3");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, broken: { id: 3, kind: 'changed' } });
  });

  it('refuses an empty client', () => {
    const db = tempDb();
    migrateTo(db, 220);
    expect(() => appendAudit(db, [row(1)])).not.toThrow();
    expect(() =>
      db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, reason, client, hash) VALUES ('x', 'a', 'b', 'c', 1, '', '', x'00')").run(),
    ).toThrow(/CHECK/);
  });
});
