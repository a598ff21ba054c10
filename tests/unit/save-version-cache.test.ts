/** A cell save keeps a month's published version and criteria per connection, and never serves them stale. */
import { describe, expect, it } from 'vitest';
import { versionForSaving } from '../../src/main/core/assessments/save';
import { openTestCore } from './helpers';

describe('versionForSaving', () => {
  it('keeps a published version, reads a draft afresh, and drops what a rolled-back publish left', async () => {
    const t = await openTestCore();
    const db = t.core.db;
    db.exec(`
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'draft', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO criteria (id, version_id, sort_order, category, name, kind, max_points) VALUES (1, 1, 1, '业务', '任务', 'score', 10000);`);
    const names = () => versionForSaving(db, 1).criteria.map((c) => c.name);
    expect(names()).toEqual(['任务']);
    db.exec("UPDATE criteria SET name = '任务完成' WHERE id = 1");
    expect(names()).toEqual(['任务完成']); // a draft is read each time

    // published inside a transaction that is rolled back: what was kept then is not served after
    db.exec('BEGIN');
    db.exec("UPDATE scheme_versions SET status = 'published', published_at = '2026-11-01T00:00:00.000Z' WHERE id = 1");
    expect(names()).toEqual(['任务完成']);
    db.exec('ROLLBACK');
    db.exec("UPDATE criteria SET name = '台账' WHERE id = 1");
    expect(names()).toEqual(['台账']);
    db.exec("UPDATE scheme_versions SET status = 'published', published_at = '2026-11-02T00:00:00.000Z' WHERE id = 1");
    const first = versionForSaving(db, 1);
    expect(first.criteria.map((c) => c.name)).toEqual(['台账']);
    expect(versionForSaving(db, 1)).toBe(first); // kept while published
    expect(first.version).toMatchObject({ versionId: 1, status: 'published', aggregation: 'mean' });
  });
});
