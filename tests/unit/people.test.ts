import { describe, expect, it } from 'vitest';
import type { PersonCreateInput } from '../../src/shared/contract/people';
import { buildSmallTree, makeId, openTestCore, type TestCore } from './helpers';

type Tree = Awaited<ReturnType<typeof buildSmallTree>>;

function person(unitId: number, over: Partial<PersonCreateInput> = {}): PersonCreateInput {
  return {
    name: '张三',
    gender: '男',
    idNumber: makeId('1990-05-15', 23),
    mobile: '13800138000',
    hireDate: '2023-01-01',
    roles: ['专职网格员'],
    unitId,
    ...over,
  };
}

async function setup(): Promise<{ t: TestCore; tree: Tree }> {
  const t = await openTestCore();
  return { t, tree: await buildSmallTree(t) };
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('people.create', () => {
  it('stores a person with the ID number, birth date and mobile normalised', async () => {
    const { t, tree } = await setup();
    const id = makeId('1990-05-15', 23);
    const row = await t.call('people.create', person(tree.a.id, { name: ' 张 三 ', idNumber: ` ${id.slice(0, 6)} ${id.slice(6)} `, mobile: '138-0013-8000', politicalStatus: '中共预备党员' }));
    expect(row).toMatchObject({
      name: '张三',
      gender: '男',
      idNumber: id,
      birthDate: '1990-05-15',
      mobile: '13800138000',
      politicalStatus: '中共预备党员',
      status: '在岗',
      hireDate: '2023-01-01',
      since: '2023-01-01',
      unitId: tree.a.id,
      unitName: '第01网格',
      unitPath: '固戍社区 / 第01网格',
      roles: ['专职网格员'],
    });
    const stored = t.core.db.prepare('SELECT name_pinyin, name_initials FROM people WHERE id = ?').get(row.id);
    expect(stored).toEqual({ name_pinyin: 'zhangsan', name_initials: 'zs' });
  });

  it('an ID number with a lower-case x is stored upper-case', async () => {
    const { t, tree } = await setup();
    const row = await t.call('people.create', person(tree.a.id, { name: '王芳', gender: '女', idNumber: '11010519491231002x', hireDate: '2020-01-01' }));
    expect(row.idNumber).toBe('11010519491231002X');
  });

  it('a wrong ID number is a VALIDATION issue on idNumber', async () => {
    const { t, tree } = await setup();
    const e = await t.callError('people.create', person(tree.a.id, { idNumber: '440306199005150232' }));
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([{ field: 'idNumber', message: expect.stringContaining('第18位应为 3') }]);
    expect((await t.callError('people.create', person(tree.a.id, { idNumber: '440306900515023' }))).issues?.[0]).toMatchObject({
      field: 'idNumber',
      message: expect.stringContaining('15位'),
    });
  });

  it('a gender that disagrees with the ID number is an issue on gender', async () => {
    const { t, tree } = await setup();
    const e = await t.callError('people.create', person(tree.a.id, { gender: '女' }));
    expect(e.issues).toEqual([{ field: 'gender', message: '性别与身份证号不符：身份证号显示为男性' }]);
  });

  it('a birth date or hire date that disagrees with the ID number is an issue at that field', async () => {
    const { t, tree } = await setup();
    const b = await t.callError('people.create', person(tree.a.id, { birthDate: '1990-05-16' }));
    expect(b.issues?.[0]?.field).toBe('birthDate');
    const h = await t.callError('people.create', person(tree.a.id, { hireDate: '1989-01-01' }));
    expect(h.issues?.[0]).toEqual({ field: 'hireDate', message: '入职日期早于出生日期' });
  });

  it.each([
    ['1380013800', '手机号应为11位，现为10位'],
    ['12800138000', '手机号应以13至19开头'],
    ['138o0138000', '手机号只能包含数字'],
  ])('refuses the mobile %s', async (mobile, message) => {
    const { t, tree } = await setup();
    const e = await t.callError('people.create', person(tree.a.id, { mobile }));
    expect(e.issues).toEqual([{ field: 'mobile', message }]);
  });

  it('a mobile is optional', async () => {
    const { t, tree } = await setup();
    const row = await t.call('people.create', person(tree.a.id, { mobile: '' }));
    expect(row.mobile).toBe('');
  });

  it('refuses a duplicate ID number, naming the person who has it and where', async () => {
    const { t, tree } = await setup();
    await t.call('people.create', person(tree.a.id));
    const e = await t.callError('people.create', person(tree.c.id, { name: '张山' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe(`身份证号 ${makeId('1990-05-15', 23)} 已登记在“张三”（固戍社区 / 第01网格）名下`);
    expect(e.issues?.[0]?.field).toBe('idNumber');
    expect(t.core.db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(1);
  });

  it('refuses a retired unit and the street itself', async () => {
    const { t, tree } = await setup();
    await t.call('org.retire', { id: tree.b.id, date: '2026-01-01', reason: '合并' });
    const e = await t.callError('people.create', person(tree.b.id));
    expect(e.issues).toEqual([{ field: 'unitId', message: '“第02网格”已撤销，不能再安排人员' }]);
    expect((await t.callError('people.create', person(tree.street.id))).issues?.[0]?.field).toBe('unitId');
    expect(t.core.db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(0);
  });

  it('needs at least one role', async () => {
    const { t, tree } = await setup();
    const e = await t.callError('people.create', person(tree.a.id, { roles: [] }));
    expect(e.issues).toEqual([{ field: 'roles', message: '请至少选择一个岗位' }]);
  });
});

describe('history as of a date', () => {
  async function transferred() {
    const { t, tree } = await setup();
    const p = await t.call('people.create', person(tree.a.id));
    await t.call('people.transfer', { id: p.id, unitId: tree.b.id, date: '2024-03-15', reason: '工作需要' });
    const inUnit = (unitId: number, asOf: string) => t.call('people.list', { unitId, asOf });
    return { t, tree, p, inUnit };
  }

  it('a transfer moves the person on its date and not before', async () => {
    const { tree, inUnit } = await transferred();
    expect(names(await inUnit(tree.a.id, '2024-02-29'))).toEqual(['张三']);
    expect(names(await inUnit(tree.b.id, '2024-02-29'))).toEqual([]);
    expect(names(await inUnit(tree.a.id, '2024-03-14'))).toEqual(['张三']);
    expect(names(await inUnit(tree.a.id, '2024-03-15'))).toEqual([]);
    expect(names(await inUnit(tree.b.id, '2024-03-15'))).toEqual(['张三']);
    expect(names(await inUnit(tree.a.id, '2024-04-01'))).toEqual([]);
    expect(names(await inUnit(tree.b.id, '2024-04-01'))).toEqual(['张三']);
    expect(names(await inUnit(tree.a.id, '2022-12-31'))).toEqual([]); // not hired yet
  });

  it('rows carry the term as of the date', async () => {
    const { t, tree } = await transferred();
    const [before] = await t.call('people.list', { unitId: null, asOf: '2024-02-29' });
    expect(before).toMatchObject({ unitId: tree.a.id, since: '2023-01-01' });
    const [after] = await t.call('people.list', { unitId: null });
    expect(after).toMatchObject({ unitId: tree.b.id, unitPath: '固戍社区 / 第02网格', since: '2024-03-15' });
  });

  it('people.get lists the dated terms', async () => {
    const { t, tree, p } = await transferred();
    const d = await t.call('people.get', { id: p.id });
    expect(d.terms).toEqual([
      { validFrom: '2023-01-01', validTo: '2024-03-15', unitId: tree.a.id, unitPath: '固戍社区 / 第01网格', roles: ['专职网格员'], status: '在岗', change: '入职', reason: '' },
      { validFrom: '2024-03-15', validTo: null, unitId: tree.b.id, unitPath: '固戍社区 / 第02网格', roles: ['专职网格员'], status: '在岗', change: '调动', reason: '工作需要' },
    ]);
    expect((await t.callError('people.get', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it('a change dated before the current term began is refused at field date', async () => {
    const { t, tree, p } = await transferred();
    const e = await t.callError('people.transfer', { id: p.id, unitId: tree.c.id, date: '2024-03-14', reason: '' });
    expect(e).toMatchObject({ code: 'VALIDATION', message: '日期不能早于此人上一次变动的日期 2024-03-15' });
    expect(e.issues?.[0]?.field).toBe('date');
    const l = await t.callError('people.leave', { id: p.id, date: '2024-01-01', reason: '辞职' });
    expect(l.issues?.[0]?.field).toBe('date');
  });

  it('a change on the day the current term began amends that term', async () => {
    const { t, tree, p } = await transferred();
    await t.call('people.transfer', { id: p.id, unitId: tree.c.id, date: '2024-03-15', reason: '更正' });
    const d = await t.call('people.get', { id: p.id });
    expect(d.terms).toHaveLength(2);
    expect(d.terms[1]).toMatchObject({ unitId: tree.c.id, validFrom: '2024-03-15', reason: '工作需要；更正' });
  });

  it('leave and rejoin change the status over dates', async () => {
    const { t, tree, p } = await transferred();
    await t.call('people.leave', { id: p.id, date: '2025-01-10', reason: '家庭原因' });
    await t.call('people.rejoin', { id: p.id, date: '2025-06-01', unitId: null, reason: '重新聘用' });
    const status = async (asOf: string) =>
      (await t.call('people.list', { unitId: null, status: '全部', asOf })).map((r) => [r.status, r.unitId]);
    expect(await status('2025-01-09')).toEqual([['在岗', tree.b.id]]);
    expect(await status('2025-01-10')).toEqual([['离岗', tree.b.id]]);
    expect(await status('2025-05-31')).toEqual([['离岗', tree.b.id]]);
    expect(await status('2025-06-01')).toEqual([['在岗', tree.b.id]]);
    // the default filter is 在岗
    expect(await t.call('people.list', { unitId: null, asOf: '2025-03-01' })).toEqual([]);
    expect(names(await t.call('people.list', { unitId: null, status: '离岗', asOf: '2025-03-01' }))).toEqual(['张三']);
    expect((await t.call('people.get', { id: p.id })).terms.map((x) => x.change)).toEqual(['入职', '调动', '离岗', '返岗']);
  });

  it('refuses to transfer someone who has left, to leave twice, or to rejoin while in post', async () => {
    const { t, tree, p } = await transferred();
    expect((await t.callError('people.rejoin', { id: p.id, date: '2025-01-01' })).message).toBe('此人目前在岗，无需返岗');
    expect((await t.callError('people.transfer', { id: p.id, unitId: tree.b.id, date: '2025-01-01' })).issues?.[0]?.field).toBe('unitId');
    await t.call('people.leave', { id: p.id, date: '2025-01-10', reason: '辞职' });
    expect((await t.callError('people.leave', { id: p.id, date: '2025-02-01', reason: '辞职' })).message).toBe('此人已经离岗');
    expect((await t.callError('people.transfer', { id: p.id, unitId: tree.c.id, date: '2025-02-01' })).message).toContain('已离岗');
  });

  it('rejoin into another unit; the old unit may be retired meanwhile', async () => {
    const { t, tree, p } = await transferred();
    await t.call('people.leave', { id: p.id, date: '2025-01-10', reason: '辞职' });
    await t.call('org.retire', { id: tree.b.id, date: '2025-03-01', reason: '合并' });
    const e = await t.callError('people.rejoin', { id: p.id, date: '2025-06-01', unitId: null });
    expect(e.issues?.[0]?.field).toBe('unitId');
    const row = await t.call('people.rejoin', { id: p.id, date: '2025-06-01', unitId: tree.c.id });
    expect(row).toMatchObject({ status: '在岗', unitId: tree.c.id, since: '2025-06-01' });
  });

  it('includeSubunits lists the unit and everything below, or only the unit itself', async () => {
    const { t, tree } = await setup();
    await t.call('people.create', person(tree.c1.id, { name: '赵队长', gender: '男', idNumber: makeId('1980-01-01', 11), roles: ['中队长'] }));
    await t.call('people.create', person(tree.a.id));
    await t.call('people.create', person(tree.b.id, { name: '李四', idNumber: makeId('1985-02-03', 31) }));
    await t.call('people.create', person(tree.c.id, { name: '王五', idNumber: makeId('1986-02-03', 31) }));
    expect(names(await t.call('people.list', { unitId: tree.c1.id, includeSubunits: true }))).toEqual(['李四', '张三', '赵队长']);
    expect(names(await t.call('people.list', { unitId: tree.c1.id, includeSubunits: false }))).toEqual(['赵队长']);
    expect(names(await t.call('people.list', { unitId: tree.street.id }))).toHaveLength(4);
    expect(names(await t.call('people.list', { unitId: null }))).toHaveLength(4);
  });
});

describe('people.update', () => {
  it('a change of roles starts a dated term', async () => {
    const { t, tree } = await setup();
    const p = await t.call('people.create', person(tree.a.id));
    const row = await t.call('people.update', { ...person(tree.a.id), id: p.id, roles: ['网格长', '专职网格员'], rolesEffective: '2025-01-01' });
    expect(row).toMatchObject({ roles: ['网格长', '专职网格员'], since: '2025-01-01' });
    const d = await t.call('people.get', { id: p.id });
    expect(d.terms.map((x) => [x.validFrom, x.change, x.roles])).toEqual([
      ['2023-01-01', '入职', ['专职网格员']],
      ['2025-01-01', '岗位变更', ['网格长', '专职网格员']],
    ]);
    expect((await t.call('people.list', { unitId: null, asOf: '2024-12-31' }))[0]?.roles).toEqual(['专职网格员']);
  });

  it('moving the hire date moves the first term; a hire date after a later change is refused', async () => {
    const { t, tree } = await setup();
    const p = await t.call('people.create', person(tree.a.id));
    await t.call('people.update', { ...person(tree.a.id), id: p.id, hireDate: '2022-06-01', rolesEffective: '2022-06-01' });
    expect((await t.call('people.get', { id: p.id })).terms[0]?.validFrom).toBe('2022-06-01');
    await t.call('people.transfer', { id: p.id, unitId: tree.b.id, date: '2024-03-15' });
    const e = await t.callError('people.update', { ...person(tree.a.id), id: p.id, hireDate: '2024-05-01', rolesEffective: '2024-05-01' });
    expect(e.issues?.[0]).toEqual({ field: 'hireDate', message: '入职日期不能晚于此人第一次变动的日期 2024-03-15' });
  });

  it('an update that fails after writing leaves nothing half-written', async () => {
    const { t, tree } = await setup();
    const p = await t.call('people.create', person(tree.a.id));
    await t.call('people.transfer', { id: p.id, unitId: tree.b.id, date: '2024-03-15' });
    const auditBefore = t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    // the person row is updated first; the roles' date is then found to be before the current term
    const e = await t.callError('people.update', {
      ...person(tree.a.id),
      id: p.id,
      name: '张叁',
      mobile: '13900139000',
      roles: ['网格长'],
      rolesEffective: '2024-01-01',
    });
    expect(e.issues?.[0]?.field).toBe('rolesEffective');
    const d = await t.call('people.get', { id: p.id });
    expect(d).toMatchObject({ name: '张三', mobile: '13800138000', roles: ['专职网格员'] });
    expect(t.core.db.prepare('SELECT name_pinyin FROM people').pluck().get()).toBe('zhangsan');
    expect(t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
  });

  it('refuses to take another person’s ID number', async () => {
    const { t, tree } = await setup();
    await t.call('people.create', person(tree.a.id));
    const li = await t.call('people.create', person(tree.a.id, { name: '李四', idNumber: makeId('1985-02-03', 31) }));
    const e = await t.callError('people.update', { ...person(tree.a.id), name: '李四', id: li.id, rolesEffective: '2023-01-01' });
    expect(e).toMatchObject({ code: 'CONFLICT', issues: [{ field: 'idNumber' }] });
  });
});

describe('search', () => {
  async function roster() {
    const { t, tree } = await setup();
    const people: [string, '男' | '女', string][] = [
      ['赵六', '男', makeId('1981-01-01', 11)],
      ['张三丰', '男', makeId('1982-01-01', 13)],
      ['艾米', '女', makeId('1983-01-01', 12)],
      ['张三', '男', makeId('1990-05-15', 23)],
      ['白雪', '女', makeId('1984-01-01', 14)],
      ['曾小红', '女', makeId('1985-01-01', 16)],
    ];
    for (const [name, gender, idNumber] of people) {
      await t.call('people.create', person(tree.a.id, { name, gender, idNumber, mobile: '' }));
    }
    const find = async (search: string) => names(await t.call('people.list', { unitId: null, search }));
    return { t, find };
  }

  it('lists everyone sorted by pinyin', async () => {
    const { find } = await roster();
    expect(await find('')).toEqual(['艾米', '白雪', '曾小红', '张三', '张三丰', '赵六']);
  });

  it('finds by pinyin initials: zs finds 张三 and 张三丰', async () => {
    const { find } = await roster();
    expect(await find('zs')).toEqual(['张三', '张三丰']);
    expect(await find('ZSF')).toEqual(['张三丰']);
    expect(await find('zxh')).toEqual(['曾小红']); // 曾 read as a surname: zēng
  });

  it('finds by full pinyin and part of it', async () => {
    const { find } = await roster();
    expect(await find('zhangsan')).toEqual(['张三', '张三丰']);
    expect(await find('zhang san feng')).toEqual(['张三丰']);
    expect(await find('xue')).toEqual(['白雪']);
  });

  it('finds by part of a name', async () => {
    const { find } = await roster();
    expect(await find('三丰')).toEqual(['张三丰']);
    expect(await find('张')).toEqual(['张三', '张三丰']);
    expect(await find('张 三')).toEqual(['张三', '张三丰']);
    expect(await find('钱')).toEqual([]);
  });

  it('finds by ID digits', async () => {
    const { find } = await roster();
    expect(await find('19900515')).toEqual(['张三']);
    expect(await find(makeId('1982-01-01', 13))).toEqual(['张三丰']);
    expect(await find('440306')).toHaveLength(6);
  });

  it('finds by mobile digits', async () => {
    const { t } = await roster();
    const [zhao] = await t.call('people.list', { unitId: null, search: '赵六' });
    await t.call('people.update', { ...person(zhao!.unitId), id: zhao!.id, name: '赵六', idNumber: zhao!.idNumber, mobile: '139 0013 9000', rolesEffective: '2023-01-01' });
    expect(names(await t.call('people.list', { unitId: null, search: '13900139' }))).toEqual(['赵六']);
  });
});

describe('audit log', () => {
  it('has a row for each create and transfer, with old and new values', async () => {
    const { t, tree } = await setup();
    const p = await t.call('people.create', person(tree.a.id));
    await t.call('people.transfer', { id: p.id, unitId: tree.b.id, date: '2024-03-15', reason: '工作需要' });
    const rows = t.core.db
      .prepare("SELECT at, actor, action, entity_id, old_value, new_value, reason FROM audit_log WHERE entity = 'person' ORDER BY id")
      .all() as { at: string; actor: string; action: string; entity_id: number; old_value: string | null; new_value: string; reason: string }[];
    expect(rows.map((r) => [r.action, r.actor, r.entity_id, r.reason])).toEqual([
      ['create', '测试', p.id, ''],
      ['transfer', '测试', p.id, '工作需要'],
    ]);
    expect(rows[0]!.at).toBe('2026-11-23T02:00:00.000Z');
    expect(rows[0]!.old_value).toBeNull();
    expect(JSON.parse(rows[1]!.old_value!)).toMatchObject({ unitId: tree.a.id });
    expect(JSON.parse(rows[1]!.new_value)).toMatchObject({ unitId: tree.b.id });
  });

  it('is append-only: UPDATE and DELETE are refused', async () => {
    const { t, tree } = await setup();
    await t.call('people.create', person(tree.a.id));
    const db = t.core.db;
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow('audit_log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE actor = '测试'").pluck().get()).toBeGreaterThan(0);
  });
});

describe('review fixes', () => {
  it('a hire date may move later while it stays before the first change, not past it', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const p = await t.call('people.create', person(tree.a.id, { hireDate: '2024-01-01' }));
    await t.call('people.transfer', { id: p.id, unitId: tree.b.id, date: '2024-03-15', reason: '' });
    const edit = { ...person(tree.a.id), id: p.id, rolesEffective: '2026-11-23' };
    const moved = await t.call('people.update', { ...edit, hireDate: '2024-02-01' });
    expect(moved.hireDate).toBe('2024-02-01');
    expect((await t.call('people.get', { id: p.id })).terms[0]!.validFrom).toBe('2024-02-01');
    const error = await t.callError('people.update', { ...edit, hireDate: '2024-03-15' });
    expect(error.issues).toEqual([{ field: 'hireDate', message: '入职日期不能晚于此人第一次变动的日期 2024-03-15' }]);
  });

  it('an impossible date is refused with a message naming the field', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const error = await t.callError('people.create', person(tree.a.id, { hireDate: '2024-13-45' }));
    expect(error.issues).toEqual([{ field: 'hireDate', message: '入职日期不是有效的日期' }]);
    const p = await t.call('people.create', person(tree.a.id));
    const transfer = await t.callError('people.transfer', { id: p.id, unitId: tree.b.id, date: '2024-02-31', reason: '' });
    expect(transfer.issues).toEqual([{ field: 'date', message: '调动日期不是有效的日期' }]);
  });
});
