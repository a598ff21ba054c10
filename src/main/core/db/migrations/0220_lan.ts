/**
 * Version 220: the office LAN (issue 18).
 * - Each audit row may name the client it came from: the remote address of a LAN browser, or 本机 for the office PC.
 *   Rows from before have none (NULL), and their hashes stay as they were (audit/chain.ts covers the client only when
 *   a row has one).
 * - A score remembers who saved it last, so that a save that did not see that change is told who made it.
 * - An account remembers whether its password, when last set or typed, met the LAN rule (domain/lan.ts): the LAN
 *   listener refuses to start while any active 管理员's does not. Unknown (0) until the password is next set or used.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN client TEXT CHECK (client IS NULL OR (client != '' AND length(client) <= 64));
    ALTER TABLE scores ADD COLUMN updated_by TEXT;
    ALTER TABLE accounts ADD COLUMN password_lan_ok INTEGER NOT NULL DEFAULT 0 CHECK (password_lan_ok IN (0, 1));
  `);
}
