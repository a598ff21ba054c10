/**
 * Inputs the property tests (contract-properties.test.ts) once turned into INTERNAL errors: each now gets a Chinese
 * refusal naming what is wrong, and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { buildSmallTree, makeId, openTestCore } from './helpers';

describe('once internal errors, now refused in Chinese', () => {
  it('a file of 1 to 3 bytes is not a workbook, not a crash', async () => {
    const t = await openTestCore();
    const e = await t.callError('points.previewImport', { fileName: 'a.xlsx', base64: 'yz' });
    expect(e).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^文件不是 Excel 工作簿/) });
  });

  it('a NUL character in any text is refused at its field before anything reads it', async () => {
    const t = await openTestCore();
    const e = await t.callError('assessments.createEvaluator', { name: '考核\u0000人', group: '' });
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'name', message: expect.stringMatching(/控制字符/) }] });
    expect(await t.call('assessments.evaluators', {})).toEqual([]);
  });

  it('deleting a unit other records still name is a conflict in Chinese, and the unit stays', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const person = await t.call('people.create', { name: '王五', gender: '男', idNumber: makeId('1985-03-02', 457), hireDate: '2024-01-01', roles: ['网格员'], unitId: tree.c.id });
    const batch = await t.call('awards.saveBatch', { name: '年度优秀', level: '街道', date: '2026-06-10' });
    await t.call('awards.addCandidate', { batchId: batch.id, personId: person.id, reason: '表现突出' });
    // the grid moves to a new community; the old community, now empty, is deleted: the candidate still names it
    const c3 = await t.call('org.create', { parentId: tree.street.id, kind: 'community', name: '新社区', code: 'C3' });
    await t.call('org.move', { id: tree.c.id, parentId: c3.id });
    const e = await t.callError('org.delete', { id: tree.c2.id });
    expect(e).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/仍被.*引用，不能删除/) });
    expect(t.core.db.prepare('SELECT 1 FROM org_units WHERE id = ?').get(tree.c2.id)).toBeTruthy();
  });
});
