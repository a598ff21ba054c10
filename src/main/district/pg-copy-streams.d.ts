declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';
  /** COPY … FROM STDIN: write the rows in COPY's text format, end, and wait for 'finish'. */
  export function from(sql: string): Writable & Submittable & { rowCount: number };
}
