/** Version 210: the day book replaces the log's time index, filled from the existing entries and kept on insert. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0210 migration: the audit log’s day book', () => {
  it('books each Beijing day’s first and last id and count, from the old entries and from every new one', () => {
    const db = tempDb();
    migrateBelow(db, 210);
    const insert = db.prepare(
      "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, old_value, new_value, reason, hash) VALUES (?, ?, '甲', 'create', 'person', 1, NULL, NULL, '', zeroblob(32))",
    );
    // 15:59:59Z is still 2026-03-01 in Beijing, 16:00Z is 2026-03-02; id 4 was written with the clock set back a day
    for (const [id, at] of [
      [1, '2026-03-01T01:00:00.000Z'],
      [2, '2026-03-01T15:59:59.999Z'],
      [3, '2026-03-01T16:00:00.000Z'],
      [4, '2026-02-28T10:00:00.000Z'],
    ] as const)
      insert.run(id, at);
    expect(migrateTo(db, 210).to).toBe(210);
    const book = () => db.prepare('SELECT day, first_id AS first, last_id AS last, entries FROM audit_days ORDER BY day').all();
    expect(book()).toEqual([
      { day: '2026-02-28', first: 4, last: 4, entries: 1 },
      { day: '2026-03-01', first: 1, last: 2, entries: 2 },
      { day: '2026-03-02', first: 3, last: 3, entries: 1 },
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_at'").pluck().get()).toBe(0);

    insert.run(5, '2026-03-02T02:00:00.000Z');
    insert.run(6, '2026-03-05T02:00:00.000Z');
    insert.run(7, '2026-02-28T23:00:00.000Z'); // Beijing 03-01, after the clock was put right again
    expect(book()).toEqual([
      { day: '2026-02-28', first: 4, last: 4, entries: 1 },
      { day: '2026-03-01', first: 1, last: 7, entries: 3 },
      { day: '2026-03-02', first: 3, last: 5, entries: 2 },
      { day: '2026-03-05', first: 6, last: 6, entries: 1 },
    ]);
  });
});
