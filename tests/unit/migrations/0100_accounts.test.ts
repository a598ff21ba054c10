/** Version 100: local accounts and the units a 考核员 may score. */
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../src/main/core/db/migrate';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0100 migration: accounts', () => {
  it('rows written at the version before are kept; the tables are STRICT', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 100);
    expect(schemaVersion(db)).toBeLessThan(100);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO evaluators (id, name, created_at) VALUES (1, '考核人甲', 'x');`);
    const before = ['org_units', 'evaluators'].map((t) => db.prepare(`SELECT * FROM ${t}`).all());
    expect(migrateTo(db, 100).to).toBe(100);
    expect(['org_units', 'evaluators'].map((t) => db.prepare(`SELECT * FROM ${t}`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    expect(strict).toEqual(expect.arrayContaining(['accounts', 'account_units']));
    db.exec(`INSERT INTO accounts (id, login_name, display_name, role, password_hash, evaluator_id, created_at, updated_at)
             VALUES (1, 'kh', '考核员', 'evaluator', 'scrypt$1$1$1$a$b', 1, 'x', 'x');
             INSERT INTO account_units (account_id, unit_id) VALUES (1, 1);`);
    expect(() => db.exec("INSERT INTO accounts (login_name, display_name, role, password_hash, created_at, updated_at) VALUES ('KH', 'x', 'admin', 'scrypt$', 'x', 'x')")).toThrow(/UNIQUE/);
    expect(() => db.exec("INSERT INTO accounts (login_name, display_name, role, password_hash, created_at, updated_at) VALUES ('a', 'x', 'admin', 'plain', 'x', 'x')")).toThrow(/CHECK/);
  });

  it('at 100 an account is never deleted and the last active admin stays', () => {
    const db = tempDb();
    migrateTo(db, 100);
    const insert = db.prepare(
      "INSERT INTO accounts (login_name, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'admin', 'scrypt$1$1$1$a$b', 'x', 'x')",
    );
    insert.run('admin1', '甲');
    insert.run('admin2', '乙');
    // one of two admins may go; the one left may not
    db.exec("UPDATE accounts SET active = 0 WHERE login_name = 'admin1'");
    expect(() => db.exec("UPDATE accounts SET active = 0 WHERE login_name = 'admin2'")).toThrow(/last active admin/);
    expect(() => db.exec("UPDATE accounts SET role = 'evaluator' WHERE login_name = 'admin2'")).toThrow(/last active admin/);
    expect(() => db.exec("DELETE FROM accounts WHERE login_name = 'admin1'")).toThrow(/never deleted/);
    expect(db.prepare('SELECT login_name, role, active FROM accounts ORDER BY id').all()).toEqual([
      { login_name: 'admin1', role: 'admin', active: 0 },
      { login_name: 'admin2', role: 'admin', active: 1 },
    ]);
  });
});
