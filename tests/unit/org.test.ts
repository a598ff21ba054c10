import { describe, expect, it } from 'vitest';
import { buildSmallTree, makeId, openTestCore, type TestCore } from './helpers';

async function hire(t: TestCore, unitId: number, name = '张三', seq = 23) {
  return t.call('people.create', {
    name,
    gender: seq % 2 === 1 ? '男' : '女',
    idNumber: makeId('1990-05-15', seq),
    hireDate: '2023-01-01',
    roles: ['网格员'],
    unitId,
  });
}

describe('org.create', () => {
  it('builds street → community → grid → micro-grid and returns the tree in order', async () => {
    const t = await openTestCore();
    const { street, c1, a } = await buildSmallTree(t);
    const micro = await t.call('org.create', { parentId: a.id, kind: 'micro_grid', name: '1号海城花园微网格', code: '' });
    expect(street).toMatchObject({ parentId: null, kind: 'street', name: '西乡街道', code: 'S', retiredOn: null, peopleInPost: 0 });
    expect(c1).toMatchObject({ parentId: street.id, kind: 'community', sortOrder: 1 });
    // an empty code is the parent's code and the next two-digit number
    expect(micro.code).toBe('C1G101');
    const tree = await t.call('org.tree', {});
    expect(tree).toHaveLength(7);
    expect(tree.filter((u) => u.parentId === c1.id).map((u) => u.name)).toEqual(['第01网格', '第02网格']);
  });

  it('generates codes that skip ones already taken', async () => {
    const t = await openTestCore();
    const street = await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: '01' });
    await t.call('org.create', { parentId: street.id, kind: 'community', name: '甲社区', code: '0102' });
    const b = await t.call('org.create', { parentId: street.id, kind: 'community', name: '乙社区', code: '' });
    expect(b.code).toBe('0103');
  });

  it('refuses a duplicate code, naming the unit that holds it', async () => {
    const t = await openTestCore();
    const { c1 } = await buildSmallTree(t);
    const e = await t.callError('org.create', { parentId: c1.id, kind: 'grid_basic', name: '第03网格', code: 'C2G1' });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('编码“C2G1”已被“第01网格”使用');
    expect(e.issues).toEqual([{ field: 'code', message: e.message }]);
    // update checks the same way, but a unit keeps its own code
    const u = await t.callError('org.update', { id: c1.id, kind: 'community', name: '固戍社区', code: 'C2' });
    expect(u.message).toContain('“河西社区”');
    await expect(t.call('org.update', { id: c1.id, kind: 'community', name: '固戍社区（新）', code: 'C1' })).resolves.toMatchObject({
      name: '固戍社区（新）',
    });
  });

  it('refuses a second unit of the same name under one parent', async () => {
    const t = await openTestCore();
    const { c1, c2 } = await buildSmallTree(t);
    const e = await t.callError('org.create', { parentId: c1.id, kind: 'grid_basic', name: '第01网格', code: '' });
    expect(e.issues?.[0]?.field).toBe('name');
    // the same name under another parent is fine (both communities have a 第01网格)
    expect((await t.call('org.tree', {})).filter((u) => u.name === '第01网格').map((u) => u.parentId)).toEqual([c1.id, c2.id]);
  });

  it('allows one street only, at the top', async () => {
    const t = await openTestCore();
    await buildSmallTree(t);
    const e = await t.callError('org.create', { parentId: null, kind: 'street', name: '新安街道', code: '' });
    expect(e.issues?.[0]).toMatchObject({ field: 'parentId' });
  });

  it('enforces the kind rules', async () => {
    const t = await openTestCore();
    const first = await t.callError('org.create', { parentId: null, kind: 'community', name: '固戍社区', code: '' });
    expect(first.message).toBe('“社区”不能设在最上层');
    const { street, c1, a } = await buildSmallTree(t);
    const e = await t.callError('org.create', { parentId: a.id, kind: 'community', name: '错社区', code: '' });
    expect(e).toMatchObject({ code: 'VALIDATION', message: '“社区”不能设在“基础网格”之下' });
    expect(e.issues?.[0]?.field).toBe('kind');
    expect((await t.callError('org.create', { parentId: c1.id, kind: 'village', name: '铁岗村', code: '' })).issues?.[0]?.field).toBe('kind');
    expect((await t.callError('org.create', { parentId: street.id, kind: 'street', name: '街道2', code: '' })).issues?.[0]?.field).toBe('kind');
    // grids nest
    const l2 = await t.call('org.create', { parentId: c1.id, kind: 'grid_l2', name: '二级网格', code: '' });
    await expect(t.call('org.create', { parentId: l2.id, kind: 'grid_l3', name: '三级网格', code: '' })).resolves.toBeDefined();
  });

  it('refuses to change a kind when its children would no longer fit', async () => {
    const t = await openTestCore();
    const { c1 } = await buildSmallTree(t);
    const e = await t.callError('org.update', { id: c1.id, kind: 'micro_grid', name: '固戍社区', code: 'C1' });
    expect(e.message).toContain('其下有“基础网格”');
  });

  it('refuses to add under a retired unit', async () => {
    const t = await openTestCore();
    const { a } = await buildSmallTree(t);
    await t.call('org.retire', { id: a.id, date: '2026-01-01', reason: '网格调整' });
    const e = await t.callError('org.create', { parentId: a.id, kind: 'micro_grid', name: '微网格', code: '' });
    expect(e.message).toBe('上级单位“第01网格”已撤销');
  });

  it('a unit that does not exist is NOT_FOUND', async () => {
    const t = await openTestCore();
    expect((await t.callError('org.create', { parentId: 999, kind: 'community', name: 'x', code: '' })).code).toBe('NOT_FOUND');
  });
});

describe('org.move', () => {
  it('moves a grid to another community', async () => {
    const t = await openTestCore();
    const { c2, b } = await buildSmallTree(t);
    const moved = await t.call('org.move', { id: b.id, parentId: c2.id });
    expect(moved).toMatchObject({ parentId: c2.id, sortOrder: 2 });
  });

  it('refuses a move into its own subtree or onto itself', async () => {
    const t = await openTestCore();
    const { c1, a } = await buildSmallTree(t);
    const l3 = await t.call('org.create', { parentId: a.id, kind: 'grid_l3', name: '子网格', code: '' });
    for (const parentId of [a.id, l3.id]) {
      const e = await t.callError('org.move', { id: a.id, parentId });
      expect(e).toMatchObject({ code: 'VALIDATION', message: '不能移到自己或自己的下级单位之下' });
    }
    expect((await t.callError('org.move', { id: c1.id, parentId: a.id })).message).toBe('不能移到自己或自己的下级单位之下');
  });

  it('refuses to move the street, to break kind rules, or to land on a name twin', async () => {
    const t = await openTestCore();
    const { street, c1, c2, a } = await buildSmallTree(t);
    expect((await t.callError('org.move', { id: street.id, parentId: c1.id })).message).toContain('街道是最上层单位');
    expect((await t.callError('org.move', { id: c2.id, parentId: a.id })).issues?.[0]?.field).toBe('kind');
    expect((await t.callError('org.move', { id: a.id, parentId: c2.id })).issues?.[0]?.field).toBe('name');
  });
});

describe('org.retire / restore / delete', () => {
  it('refuses to retire while people are in post below, and allows it once they left', async () => {
    const t = await openTestCore();
    const { c1, a } = await buildSmallTree(t);
    const p = await hire(t, a.id);
    const e = await t.callError('org.retire', { id: c1.id, date: '2026-11-01', reason: '合并' });
    expect(e.message).toBe('“固戍社区”及其下级还有 1 名在岗人员，请先将他们调至其他单位再撤销');
    expect(e.issues?.[0]?.field).toBe('id');
    await t.call('people.leave', { id: p.id, date: '2026-10-01', reason: '辞职' });
    const retired = await t.call('org.retire', { id: c1.id, date: '2026-11-01', reason: '合并' });
    expect(retired.retiredOn).toBe('2026-11-01');
    // the whole subtree is retired with it
    const tree = await t.call('org.tree', {});
    expect(tree.filter((u) => u.parentId === c1.id).every((u) => u.retiredOn === '2026-11-01')).toBe(true);
    expect((await t.callError('org.retire', { id: c1.id, date: '2026-11-02', reason: '再撤' })).message).toContain('已于 2026-11-01 撤销');
  });

  it('refuses to retire the street and asks for a reason', async () => {
    const t = await openTestCore();
    const { street, a } = await buildSmallTree(t);
    expect((await t.callError('org.retire', { id: street.id, date: '2026-11-01', reason: 'x' })).message).toBe('街道不能撤销');
    const e = await t.callError('org.retire', { id: a.id, date: '2026-11-01', reason: '  ' });
    expect(e.issues?.[0]).toEqual({ field: 'reason', message: '请填写撤销原因' });
  });

  it('restores a retired unit unless its parent is retired', async () => {
    const t = await openTestCore();
    const { c1, a } = await buildSmallTree(t);
    await t.call('org.retire', { id: c1.id, date: '2026-11-01', reason: '合并' });
    expect((await t.callError('org.restore', { id: a.id })).message).toBe('上级单位“固戍社区”已撤销');
    expect((await t.call('org.restore', { id: c1.id })).retiredOn).toBeNull();
    expect((await t.call('org.restore', { id: a.id })).retiredOn).toBeNull();
  });

  it('deletes an empty leaf, but a unit with people records can only be retired', async () => {
    const t = await openTestCore();
    const { c1, a, b } = await buildSmallTree(t);
    // the page asks first: the same reasons, before any confirmation
    expect(await t.call('org.deleteCheck', { id: b.id })).toEqual({ refusal: null });
    expect(await t.call('org.deleteCheck', { id: c1.id })).toEqual({ refusal: '“固戍社区”下还有下级单位，不能删除' });
    await expect(t.call('org.delete', { id: b.id })).resolves.toEqual({ id: b.id });
    expect((await t.callError('org.delete', { id: c1.id })).message).toContain('下还有下级单位');
    const p = await hire(t, a.id);
    await t.call('people.leave', { id: p.id, date: '2026-10-01', reason: '辞职' });
    const e = await t.callError('org.delete', { id: a.id });
    expect(e.message).toBe('“第01网格”有人员记录，只能撤销，不能删除');
    expect((await t.call('org.tree', {})).some((u) => u.id === a.id)).toBe(true);
  });

  it('counts people in post per unit', async () => {
    const t = await openTestCore();
    const { a } = await buildSmallTree(t);
    await hire(t, a.id, '张三', 23);
    await hire(t, a.id, '李四', 11);
    expect((await t.call('org.tree', {})).find((u) => u.id === a.id)?.peopleInPost).toBe(2);
  });

  it('counts as the roster lists them, on today or the chosen date: a future-dated transfer or leave moves nobody yet', async () => {
    const t = await openTestCore(); // today is TODAY, 2026-11-23
    const { c1, a, b } = await buildSmallTree(t);
    const moving = await hire(t, a.id, '张三', 23);
    await hire(t, a.id, '李四', 11);
    const leaving = await hire(t, b.id, '王五', 13);
    await t.call('people.transfer', { id: moving.id, unitId: b.id, date: '2026-12-01', reason: '' });
    await t.call('people.leave', { id: leaving.id, date: '2026-12-15', reason: '辞职' });
    const counts = async (asOf?: string) => {
      const tree = await t.call('org.tree', asOf ? { asOf } : {});
      return [a.id, b.id].map((id) => tree.find((u) => u.id === id)!.peopleInPost);
    };
    const listed = async (unitId: number, asOf?: string) => (await t.call('people.list', { unitId, status: '在岗', asOf })).length;
    // today: 张三 still in 第01网格, 王五 still in post in 第02网格
    expect(await counts()).toEqual([2, 1]);
    expect([await listed(a.id), await listed(b.id)]).toEqual([2, 1]);
    expect(await listed(c1.id)).toBe(3);
    // after the transfer, before the leave
    expect(await counts('2026-12-05')).toEqual([1, 2]);
    expect([await listed(a.id, '2026-12-05'), await listed(b.id, '2026-12-05')]).toEqual([1, 2]);
    // after both
    expect(await counts('2027-01-01')).toEqual([1, 1]);
    expect([await listed(a.id, '2027-01-01'), await listed(b.id, '2027-01-01')]).toEqual([1, 1]);
    // before anyone was hired
    expect(await counts('2022-06-01')).toEqual([0, 0]);
    // 首页's count of people in post is today's too
    expect((await t.call('system.info', {})).counts.peopleInPost).toBe(3);
  });

  it('records every change in the audit log', async () => {
    const t = await openTestCore();
    const { b, c2 } = await buildSmallTree(t);
    await t.call('org.move', { id: b.id, parentId: c2.id });
    const rows = t.core.db.prepare("SELECT action, actor, entity_id FROM audit_log WHERE entity = 'org_unit' ORDER BY id").all();
    expect(rows).toHaveLength(7);
    expect(rows.at(-1)).toEqual({ action: 'move', actor: '测试', entity_id: b.id });
  });
});
