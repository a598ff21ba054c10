/**
 * Tamper evidence for the audit log: each row's hash covers the hash of the row before it and the row's own content,
 * so changing, inserting or deleting a row breaks the chain from there on. A chain rewritten from a forged row onwards
 * is caught by the heads recorded with each backup (db/backup.ts): the row a head names must still carry its hash.
 * Hashes are lower-case hex everywhere in the program; the log keeps their 32 bytes (migration 0170).
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { prepared } from '../db/statements';

/** The columns a row's hash covers, in order (everything the log says, not the hash itself or the derived person_id). */
export interface AuditContent {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  /** Which client the call came from (migration 0220): a LAN browser's address, or 本机; absent for rows before it. */
  client?: string | null;
}

/** A change a handler made, written to the audit log by the dispatcher in the same transaction (ctx.audit). */
export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | null;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string;
}

/** What the log says of an entry a call recorded; nothing is stored as nothing (NULL), not as JSON's "null". */
export function auditContentOf(actor: string, at: string, e: AuditEntry, client?: string | null): AuditContent {
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const row: AuditContent = { at, actor, action: e.action, entity: e.entity, entity_id: e.entityId, old_value: json(e.oldValue), new_value: json(e.newValue), reason: e.reason ?? '' };
  return client ? { ...row, client } : row;
}

export const AUDIT_CONTENT_COLUMNS = 'at, actor, action, entity, entity_id, old_value, new_value, reason';

/** The stored hash as the program reads it: its 32 bytes as hex (hex text itself in a log not yet migrated to 170). */
const HASH_HEX = "CASE typeof(hash) WHEN 'blob' THEN lower(hex(hash)) ELSE hash END";

/** The hash before the first row. */
export const GENESIS_HASH = '';

export function auditRowHash(previous: string, row: AuditContent): string {
  const fields: unknown[] = [row.at, row.actor, row.action, row.entity, row.entity_id, row.old_value, row.new_value, row.reason];
  if (row.client !== undefined && row.client !== null) fields.push(row.client); // the LAN's client (0220): rows without one hash as before
  const content = JSON.stringify(fields);
  return createHash('sha256').update(previous).update('\n').update(content).digest('hex');
}

export interface ChainHead {
  id: number;
  hash: string;
}

/** The newest row's id and hash; id 0 when the log is empty. */
export function chainHead(db: Database): ChainHead {
  const row = prepared(db, `SELECT id, ${HASH_HEX} AS hash FROM audit_log ORDER BY id DESC LIMIT 1`).get() as ChainHead | undefined;
  return row ?? { id: 0, hash: GENESIS_HASH };
}

/** Appends rows to the chain, in order. Runs inside the caller's transaction. */
export function appendAudit(db: Database, rows: readonly AuditContent[]): void {
  if (rows.length === 0) return;
  const insert = prepared(
    db,
    `INSERT INTO audit_log (${AUDIT_CONTENT_COLUMNS}, hash) VALUES (@at, @actor, @action, @entity, @entity_id, @old_value, @new_value, @reason, @hash)`,
  );
  let previous = chainHead(db).hash;
  for (const row of rows) {
    previous = auditRowHash(previous, row);
    const { client, ...content } = row;
    if (client) insertWithClient(db).run({ ...content, client, hash: Buffer.from(previous, 'hex') });
    else insert.run({ ...content, hash: Buffer.from(previous, 'hex') });
  }
}

// ---- the client column (migration 0220); a log not yet migrated to it has no client anywhere ----

function insertWithClient(db: Database) {
  return prepared(
    db,
    `INSERT INTO audit_log (${AUDIT_CONTENT_COLUMNS}, client, hash) VALUES (@at, @actor, @action, @entity, @entity_id, @old_value, @new_value, @reason, @client, @hash)`,
  );
}

/** The content columns a read of the log takes: with the client where the log has that column. */
export function auditReadColumns(db: Database): string {
  const has = (db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get('audit_log', 'client') as unknown) !== undefined;
  return has ? `${AUDIT_CONTENT_COLUMNS}, client` : AUDIT_CONTENT_COLUMNS;
}

/** Where the chain first fails, and what the row there claims. */
export interface ChainBreak {
  id: number;
  /** 'changed': the row's hash does not match its content; 'missing': rows before it were removed; 'rewritten': it
   *  no longer carries the hash a backup recorded for it; 'truncated': the rows a backup recorded are gone. */
  kind: 'changed' | 'missing' | 'rewritten' | 'truncated';
  row: (AuditContent & { id: number }) | null;
}

export type ChainCheck = { ok: true; rows: number; head: ChainHead } | { ok: false; rows: number; broken: ChainBreak };

const BATCH = 5_000;

/**
 * Walks the whole chain in id order, in batches that give the event loop back between them (ten years of a district
 * is millions of rows: other calls are served meanwhile). Only rows present when it starts are checked. `heads` are
 * the chain heads recorded with backups.
 */
export async function verifyAuditChain(db: Database, heads: readonly ChainHead[] = []): Promise<ChainCheck> {
  const last = chainHead(db).id;
  const page = db.prepare(`SELECT id, ${auditReadColumns(db)}, ${HASH_HEX} AS hash FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`);
  const expected = new Map(heads.map((h) => [h.id, h.hash]));
  const newestHead = heads.reduce((m, h) => Math.max(m, h.id), 0);
  let previous = GENESIS_HASH;
  let previousId = 0;
  let rows = 0;
  for (;;) {
    const batch = page.all(previousId, last, BATCH) as (AuditContent & { id: number; hash: string })[];
    for (const r of batch) {
      const { hash, ...row } = r;
      if (r.id !== previousId + 1) return { ok: false, rows, broken: { id: r.id, kind: 'missing', row } };
      previous = auditRowHash(previous, row);
      if (hash !== previous) return { ok: false, rows, broken: { id: r.id, kind: 'changed', row } };
      const recorded = expected.get(r.id);
      if (recorded !== undefined && recorded !== hash) return { ok: false, rows, broken: { id: r.id, kind: 'rewritten', row } };
      previousId = r.id;
      rows++;
    }
    if (batch.length < BATCH) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (newestHead > previousId) return { ok: false, rows, broken: { id: previousId + 1, kind: 'truncated', row: null } };
  return { ok: true, rows, head: { id: previousId, hash: previous } };
}
