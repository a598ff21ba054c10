/**
 * Values kept between calls while the file is unchanged (db/unchanged.ts): worked out again after any write, from this
 * connection or another, and never kept when worked out from a write that was then rolled back.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from '../../src/main/core/app';
import { callBeginning, keptWhileUnchanged } from '../../src/main/core/db/unchanged';
import { unitPaths } from '../../src/main/core/org/queries';
import { buildSmallTree, openTestCore } from './helpers';

describe('values kept while the file is unchanged', () => {
  it('are worked out once while nothing is written, and again after a write from this connection or another', async () => {
    const t = await openTestCore();
    const { db } = t.core;
    let computed = 0;
    const count = () => keptWhileUnchanged(db, 'test.count', () => (computed++, db.prepare('SELECT count(*) FROM org_units').pluck().get()));
    const before = count();
    expect(count()).toBe(before);
    expect(computed).toBe(1);
    await buildSmallTree(t);
    expect(count()).not.toBe(before);
    expect(computed).toBe(2);
    const other = new Database(join(t.dataDir, DATA_FILE_NAME));
    other.prepare("UPDATE org_units SET name = name || '（改）'").run();
    other.close();
    count();
    expect(computed).toBe(3);
  });

  it('are not kept when worked out after a write that is then rolled back', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const { db } = t.core;
    const name = db.prepare('SELECT name FROM org_units WHERE id = ?').pluck().get(tree.a.id) as string;
    expect(unitPaths(db).get(tree.a.id)).toContain(name);
    callBeginning(db);
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE org_units SET name = '撤回的名称' WHERE id = ?").run(tree.a.id);
        expect(unitPaths(db).get(tree.a.id)).toContain('撤回的名称');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(unitPaths(db).get(tree.a.id)).toContain(name);
    expect(unitPaths(db).get(tree.a.id)).not.toContain('撤回的名称');
  });

  it('are kept when worked out in a call before it writes anything', async () => {
    const t = await openTestCore();
    const { db } = t.core;
    let computed = 0;
    callBeginning(db);
    db.transaction(() => keptWhileUnchanged(db, 'test.read', () => ++computed))();
    keptWhileUnchanged(db, 'test.read', () => ++computed);
    expect(computed).toBe(1);
  });
});
