/**
 * Version 100: local accounts (账号) with a role, a password hash (scrypt, per-account salt), a lockout after failed
 * logins, and for a 考核员 the units they may score and the evaluator record they score as. Accounts are disabled,
 * never deleted. The last active 管理员 can be neither disabled nor demoted, enforced here as well as in the handlers.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE accounts (
      id             INTEGER PRIMARY KEY,
      login_name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login_name) BETWEEN 1 AND 32),
      display_name   TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 40),
      role           TEXT NOT NULL CHECK (role IN ('admin','evaluator','secretary')),
      password_hash  TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
      evaluator_id   INTEGER REFERENCES evaluators(id),
      active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      failed_logins  INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
      locked_until   TEXT,
      last_login_at  TEXT,
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL
    ) STRICT;

    -- The units (each with its subtree) whose people a 考核员 may score.
    CREATE TABLE account_units (
      account_id  INTEGER NOT NULL REFERENCES accounts(id),
      unit_id     INTEGER NOT NULL REFERENCES org_units(id),
      PRIMARY KEY (account_id, unit_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
      BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;
    CREATE TRIGGER accounts_keep_last_admin BEFORE UPDATE OF role, active ON accounts
      WHEN OLD.role = 'admin' AND OLD.active = 1 AND (NEW.role <> 'admin' OR NEW.active = 0)
        AND (SELECT count(*) FROM accounts WHERE role = 'admin' AND active = 1) = 1
      BEGIN SELECT RAISE(ABORT, 'the last active admin must stay'); END;
  `);
}
