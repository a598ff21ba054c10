/** Bulk rows into PostgreSQL with COPY … FROM STDIN (text format), in the caller's transaction. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null;

/** One value in COPY's text format: \N for null, t/f, and backslash, tab and line breaks escaped. */
function field(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The rows as COPY's text: one line a row, in chunks so a large package is not one string. */
function* lines(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    let text = '';
    for (const row of rows.slice(i, i + CHUNK)) text += `${row.map(field).join('\t')}\n`;
    yield text;
  }
}

export async function copyRows(client: PoolClient, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines(rows)), stream);
}
