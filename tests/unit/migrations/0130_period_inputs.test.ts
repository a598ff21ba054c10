/** Version 130: star rule sets and award batches may read a finalised period result. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0130 migration: period results as inputs', () => {
  it('rule sets and batches written at 120 are kept, reading the months as before; the new links must point at real rows', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 130);
    db.exec(`
      INSERT INTO star_rule_sets (id, name, period_kind, method, thresholds, quota, grid_thresholds, veto_cap, criticism_blocks_upgrade, dynamic, award_upgrade, created_at, updated_at)
        VALUES (100, '本街道季度星级', 'quarter', 'thresholds', '[]', '[]', '[]', 1, 1, 1, 0, 'x', 'x');
      INSERT INTO award_batches (id, name, level, date, stage, created_at, updated_at) VALUES (100, '本街道十佳网格员', '街道', '2026-12-01', 'initial', 'x', 'x');`);
    const before = ['star_rule_sets', 'award_batches'].map((t) => db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]);
    expect(migrateTo(db, 130).to).toBe(130);
    expect(db.prepare('SELECT * FROM star_rule_sets').all()).toEqual(before[0]!.map((r) => ({ ...r, period_scheme_id: null })));
    expect(db.prepare('SELECT * FROM award_batches').all()).toEqual(before[1]!.map((r) => ({ ...r, period_id: null })));
    expect(() => db.exec('UPDATE star_rule_sets SET period_scheme_id = 99 WHERE id = 100')).toThrow(/FOREIGN KEY/);
    expect(() => db.exec('UPDATE award_batches SET period_id = 99 WHERE id = 100')).toThrow(/FOREIGN KEY/);
  });
});
