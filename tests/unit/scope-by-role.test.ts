/**
 * What each role may write and read, call by call through the dispatcher:
 * - a 文书 writes nothing (refused by role); a 考核员 writes only the calls open to them, and there only about the
 *   people of their units, whatever the source of a point entry (冲销 of a month's or an award's points included);
 *   a refused call writes nothing;
 * - a 考核员 and a 文书 see ID numbers and mobiles masked in every read that returns them; a 管理员 sees them whole;
 * - the audit log: a 文书 reads it all, masked; a 考核员 only the entries about the people of their units.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/rpc';
import { contract, type CallName } from '../../src/shared/contract';
import { maskIdNumber, maskMobile } from '../../src/shared/domain/mask';
import type { AppErrorPayload } from '../../src/shared/errors';
import { file, workbookBase64 } from './import-workbooks';
import { ADMIN, contentHash, roleFixture, SECRETARY, WANG_ID, WANG_MOBILE, ZHANG_ID, ZHANG_MOBILE, type RoleFixture } from './role-fixture';

const NOT_ALLOWED = { code: 'FORBIDDEN', message: '当前账号无权执行此操作' };
const FULL_VALUES = [ZHANG_ID, WANG_ID, ZHANG_MOBILE, WANG_MOBILE];

/** Calls outside a transaction (tx 'none'): which of them write. Every such call must be listed on one side. */
const NONE_WRITERS = new Set<string>(['assessments.importWorkbook', 'periods.importBallots', 'people.import', 'points.import', 'points.importPlatform', 'system.backupNow', 'system.setSecondBackupDir', 'accounts.login', 'lan.configure']);
const NONE_READERS = new Set<string>([
  'system.listBackups',
  'people.importTemplate',
  'people.previewImport',
  'io.exportGrid',
  'io.exportProgress',
  'assessments.exportWorkbook',
  'assessments.previewWorkbook',
  'periods.exportBallots',
  'periods.previewBallots',
  'points.importTemplate',
  'points.previewImport',
  'points.previewPlatform',
  'reports.excel',
  'audit.verify',
  'recovery.status',
]);

const entries = Object.entries(contract) as [CallName, (typeof contract)[CallName]][];
const isWrite = (name: string, tx: string) => tx === 'write' || tx === 'exclusive' || NONE_WRITERS.has(name);
/** Writes a caller is refused by role or scope. Calls open before logging in (logging in, the recovery screen) are not. */
const writes = entries.filter(([name, d]) => isWrite(name, d.tx) && !d.anonymous).map(([name]) => name);
const reads = entries.filter(([name, d]) => !isWrite(name, d.tx)).map(([name]) => name);

let fx: RoleFixture;
const run = (actor: Actor, name: string, input: unknown) => dispatch(fx.t.core, actor, name, input);
async function refused(actor: Actor, name: string, input: unknown): Promise<AppErrorPayload> {
  const before = contentHash(fx.t);
  const r = await run(actor, name, input);
  if (r.ok) throw new Error(`expected ${name} to be refused for ${actor.name}`);
  expect(contentHash(fx.t), `${name} refused for ${actor.name} wrote nothing`).toBe(before);
  return r.error;
}
async function succeeds(actor: Actor, name: string, input: unknown): Promise<unknown> {
  const r = await run(actor, name, input);
  if (!r.ok) throw new Error(`${name} as ${actor.name}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

let period = 0;
/** A 2026 annual assessment of the fixture's workers, opened once (ballots are cast into it). */
async function fixturePeriod(): Promise<number> {
  if (period) return period;
  const scheme = (await succeeds(ADMIN, 'periods.createScheme', { name: '年度考核', kind: 'year' })) as { schemeId: number };
  await succeeds(ADMIN, 'periods.publish', { schemeId: scheme.schemeId });
  period = ((await succeeds(ADMIN, 'periods.open', { schemeId: scheme.schemeId, period: '2026' })) as { id: number }).id;
  return period;
}

/** An evaluator workbook of one unit with a score in the person's row, as the 考核员 previews it: the commit's input. */
async function workbookCommit(actor: Actor, unitId: number, personName: string) {
  const target = { monthId: fx.openMonth, unitId, evaluatorId: fx.evaluators.a };
  const exported = (await succeeds(ADMIN, 'assessments.exportWorkbook', target)) as { base64: string };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('考核表')!;
  let row = 0;
  for (let r = 6; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === personName) row = r;
  if (row === 0) throw new Error(`${personName} is not in the workbook`);
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getRow(4).getCell(c).value === '任务完成') ws.getRow(row).getCell(c).value = 45;
  const input = { ...target, fileName: '考核表.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
  const preview = (await succeeds(actor, 'assessments.previewWorkbook', input)) as { digest: string };
  return { ...input, digest: preview.digest };
}

/** A 年终测评表 of one unit with a ballot in the person's row, as the 考核员 previews it: the commit's input. */
async function ballotsCommit(actor: Actor, unitId: number, personName: string) {
  const target = { periodId: await fixturePeriod(), unitId, evaluatorId: fx.evaluators.a };
  const exported = (await succeeds(ADMIN, 'periods.exportBallots', target)) as { base64: string };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('年终测评表')!;
  let row = 0;
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === personName) row = r;
  if (row === 0) throw new Error(`${personName} is not in the sheet`);
  ws.getRow(row).getCell(4).value = ws.getRow(row).getCell(4).value === '优秀' ? '称职' : '优秀';
  const input = { ...target, fileName: '年终测评表.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
  const preview = (await succeeds(actor, 'periods.previewBallots', input)) as { digest: string };
  return { ...input, digest: preview.digest };
}

/** A 积分导入 file of one row for the person, as the caller previews it: the commit's input. */
async function pointsImportCommit(actor: Actor, name: string, idNumber: string, date: string) {
  const upload = file(await workbookBase64([['姓名', '身份证号', '日期', '积分规则', '数量'], [name, idNumber, date, '化解矛盾纠纷', 1]], { textColumns: [2] }), '积分.xlsx');
  const preview = (await succeeds(actor, 'points.previewImport', upload)) as { digest: string; counts: { new: number; wrong: number } };
  expect(preview.counts).toMatchObject({ new: 1, wrong: 0 });
  return { ...upload, digest: preview.digest };
}

/** A 平台统计 file of one row for the person (上报事件 → points), as the caller previews it. */
async function platformCommit(actor: Actor, name: string, idNumber: string, reports: number) {
  const upload = { ...file(await workbookBase64([['姓名', '身份证号', '上报事件'], [name, idNumber, reports]], { textColumns: [2] }), '平台统计.xlsx'), period: '2026-10', evaluatorId: null };
  const preview = (await succeeds(actor, 'points.previewPlatform', upload)) as { digest: string; counts: { wrong: number } };
  expect(preview.counts.wrong).toBe(0);
  return { ...upload, digest: preview.digest };
}

/**
 * Every write open to a 考核员, with an input about a person inside their units and one about a person outside.
 * `round` makes each input new (a second score, a later date) so that the same case can run again.
 */
const EVALUATOR_WRITES: Record<string, { inside: (a: Actor, round: number) => Promise<unknown>; outside: (a: Actor, round: number) => Promise<unknown>; denial: string }> = {
  'assessments.saveScores': {
    inside: async (_a, round) => ({ monthId: fx.openMonth, evaluatorId: fx.evaluators.a, cells: [{ personId: fx.zhang, criterionId: fx.criterion, value: 5000 + 50 * round }] }),
    outside: async (_a, round) => ({ monthId: fx.openMonth, evaluatorId: fx.evaluators.a, cells: [{ personId: fx.wang, criterionId: fx.criterion, value: 5000 + 50 * round }] }),
    denial: '不能为其打分',
  },
  'assessments.recuse': {
    // withdrawing a recusal that is not there: the scope is checked before anything else
    inside: async () => ({ monthId: fx.openMonth, personId: fx.zhang, evaluatorId: fx.evaluators.a, reason: '' }),
    outside: async () => ({ monthId: fx.openMonth, personId: fx.wang, evaluatorId: fx.evaluators.a, reason: '' }),
    denial: '不能登记回避',
  },
  'assessments.setReason': {
    // clearing a reason that is not there: the scope is checked before anything else
    inside: async () => ({ monthId: fx.openMonth, personId: fx.zhang, evaluatorId: fx.evaluators.a, reason: '' }),
    outside: async () => ({ monthId: fx.openMonth, personId: fx.wang, evaluatorId: fx.evaluators.a, reason: '' }),
    denial: '不能填写评分说明',
  },
  'periods.saveBallots': {
    inside: async () => ({ periodId: await fixturePeriod(), evaluatorId: fx.evaluators.a, cells: [{ personId: fx.zhang, ballot: '称职' }] }),
    outside: async () => ({ periodId: await fixturePeriod(), evaluatorId: fx.evaluators.a, cells: [{ personId: fx.wang, ballot: '称职' }] }),
    denial: '不能为其测评',
  },
  'periods.importBallots': {
    inside: (a) => ballotsCommit(a, fx.tree.c1.id, '张三'),
    outside: (a) => ballotsCommit(a, fx.tree.c2.id, '王五'),
    denial: '不能为其测评',
  },
  'assessments.importWorkbook': {
    inside: (a) => workbookCommit(a, fx.tree.c1.id, '张三'),
    outside: (a) => workbookCommit(a, fx.tree.c2.id, '王五'),
    denial: '不能为其打分',
  },
  'points.post': {
    inside: async (_a, round) => ({ ruleId: fx.ruleId, date: `2026-10-1${round}`, lines: [{ personId: fx.zhang, quantity: 100 }] }),
    outside: async (_a, round) => ({ ruleId: fx.ruleId, date: `2026-10-1${round}`, lines: [{ personId: fx.wang, quantity: 100 }] }),
    denial: '不能为其登记积分',
  },
  'points.reverse': {
    inside: async (_a, round) => ({ entryId: round === 0 ? fx.entries.manual.zhang : await freshEntry(fx.zhang, round), reason: '重复录入' }),
    outside: async (_a, round) => ({ entryId: round === 0 ? fx.entries.manual.wang : await freshEntry(fx.wang, round), reason: '重复录入' }),
    denial: '不能冲销其积分',
  },
  'points.import': {
    inside: (a, round) => pointsImportCommit(a, '张三', ZHANG_ID, `2026-10-2${round}`),
    outside: (a, round) => pointsImportCommit(a, '王五', WANG_ID, `2026-10-2${round}`),
    denial: '不能为其登记积分',
  },
  'points.importPlatform': {
    inside: (a, round) => platformCommit(a, '张三', ZHANG_ID, 3 + round),
    outside: (a, round) => platformCommit(a, '王五', WANG_ID, 3 + round),
    denial: '不能为其登记积分',
  },
};

/** A new manual entry for the person, posted by the 管理员, to reverse. */
async function freshEntry(personId: number, round: number): Promise<number> {
  const posted = (await succeeds(ADMIN, 'points.post', { ruleId: fx.ruleId, date: `2026-10-0${round + 1}`, lines: [{ personId, quantity: 100 }] })) as { entries: { id: number }[] };
  return posted.entries[0]!.id;
}

beforeAll(async () => {
  fx = await roleFixture();
  // the 平台统计 rule the platform cases import through
  const hazard = (await fx.t.call('points.rules', {})).find((r) => r.name === '上报安全隐患')!;
  await fx.t.call('points.savePlatformRule', { rule: { column: '上报事件', target: 'points', pointRuleId: hazard.id, mode: 'value' } });
}, 120_000);

afterAll(() => fx?.dispose());

describe('every write, by every role', () => {
  it('each call outside a transaction is known to write or only to read', () => {
    const none = entries.filter(([, d]) => d.tx === 'none').map(([name]) => name);
    expect(none.filter((n) => !NONE_WRITERS.has(n) && !NONE_READERS.has(n))).toEqual([]);
  });

  it('every write open to a 考核员 has its inside and outside case here', () => {
    const open = writes.filter((name) => contract[name].roles.includes('evaluator'));
    expect(open.sort()).toEqual(Object.keys(EVALUATOR_WRITES).sort());
  });

  it.each(writes)('%s: a 文书 is refused by role, and nothing is written', async (name) => {
    expect(await refused(SECRETARY, name, {})).toEqual(NOT_ALLOWED);
  });

  it.each(writes.filter((n) => !contract[n].roles.includes('evaluator')))('%s: a 考核员 is refused by role, and nothing is written', async (name) => {
    expect(await refused(fx.evaluator, name, {})).toEqual(NOT_ALLOWED);
  });

  it.each(writes.filter((n) => !contract[n].roles.includes('evaluator')))('%s: a 管理员 is not refused by role', async (name) => {
    if (name === 'system.loadDemo' || name === 'system.restoreBackup' || name === 'system.backupNow') return; // only refused inputs here
    const r = await run(ADMIN, name, { __notAField: true });
    expect(r.ok ? null : r.error.code).not.toBe('FORBIDDEN');
  });

  it.each(Object.keys(EVALUATOR_WRITES))('%s: a 考核员 is refused a person outside their units, by name and unit; inside is theirs; a 管理员 writes for anyone', async (name) => {
    const c = EVALUATOR_WRITES[name]!;
    const outside = await refused(fx.evaluator, name, await c.outside(fx.evaluator, 0));
    expect(outside.code).toBe('FORBIDDEN');
    expect(outside.message).toBe(`王五（河西社区 / 第01网格）不在您负责的单位（固戍社区）内，${c.denial}`);
    await succeeds(fx.evaluator, name, await c.inside(fx.evaluator, 0));
    await succeeds(ADMIN, name, await c.outside(ADMIN, 1));
    expect((await refused(SECRETARY, name, await c.inside(ADMIN, 2))).code).toBe('FORBIDDEN');
  });

  it.each(['month', 'award'] as const)('冲销 of a %s’s points: a 考核员 reverses those of their units only; a 管理员 any', async (source) => {
    const { zhang, wang } = fx.entries[source];
    const outside = await refused(fx.evaluator, 'points.reverse', { entryId: wang, reason: '核减' });
    expect(outside).toEqual({ code: 'FORBIDDEN', message: '王五（河西社区 / 第01网格）不在您负责的单位（固戍社区）内，不能冲销其积分' });
    const mine = (await succeeds(fx.evaluator, 'points.reverse', { entryId: zhang, reason: '核减' })) as { reversesId: number; source: string };
    expect(mine).toMatchObject({ reversesId: zhang, source });
    expect(await succeeds(ADMIN, 'points.reverse', { entryId: wang, reason: '核减' })).toMatchObject({ reversesId: wang, source });
  });

  it('an outsider’s entry that is already reversed says only that it is not theirs', async () => {
    const e = await refused(fx.evaluator, 'points.reverse', { entryId: fx.entries.award.wang, reason: '再次冲销' });
    expect(e.code).toBe('FORBIDDEN');
  });
});

describe('ID numbers and mobiles by role', () => {
  const maskedZhang = { idNumber: maskIdNumber(ZHANG_ID), mobile: maskMobile(ZHANG_MOBILE) };

  it('the mask keeps the first 6 and last 4 of an ID number, the first 3 and last 4 of a mobile', () => {
    expect(maskIdNumber('440306199005151064')).toBe('440306********1064');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('')).toBe('');
  });

  it('people.list and people.get: whole for a 管理员, masked for a 考核员 and a 文书', async () => {
    const rowOf = async (actor: Actor) => ((await succeeds(actor, 'people.list', {})) as { id: number; idNumber: string; mobile: string }[]).find((p) => p.id === fx.zhang)!;
    expect(await rowOf(ADMIN)).toMatchObject({ idNumber: ZHANG_ID, mobile: ZHANG_MOBILE });
    for (const actor of [fx.evaluator, SECRETARY]) {
      expect(await rowOf(actor)).toMatchObject(maskedZhang);
      expect(await succeeds(actor, 'people.get', { id: fx.zhang })).toMatchObject(maskedZhang);
      expect(await succeeds(actor, 'people.get', { id: fx.wang })).toMatchObject({ idNumber: maskIdNumber(WANG_ID), mobile: maskMobile(WANG_MOBILE) });
    }
    expect(await succeeds(ADMIN, 'people.get', { id: fx.zhang })).toMatchObject({ idNumber: ZHANG_ID, mobile: ZHANG_MOBILE });
  });

  it('a masked caller finds a person by the whole number or the parts shown, never by the hidden digits', async () => {
    const found = async (actor: Actor, search: string) =>
      ((await succeeds(actor, 'people.list', { search, status: '全部' })) as { id: number; idNumber: string }[]).map((p) => [p.id, p.idNumber]);
    for (const actor of [fx.evaluator, SECRETARY]) {
      expect(await found(actor, ZHANG_ID)).toEqual([[fx.zhang, maskIdNumber(ZHANG_ID)]]);
      expect(await found(actor, ZHANG_MOBILE)).toEqual([[fx.zhang, maskIdNumber(ZHANG_ID)]]);
      expect(await found(actor, maskIdNumber(ZHANG_ID))).toEqual([[fx.zhang, maskIdNumber(ZHANG_ID)]]);
      expect(await found(actor, maskMobile(WANG_MOBILE))).toEqual([[fx.wang, maskIdNumber(WANG_ID)]]);
      expect(await found(actor, ZHANG_ID.slice(-4))).toContainEqual([fx.zhang, maskIdNumber(ZHANG_ID)]);
      // the birth date and sequence are hidden: searching for them finds nobody
      expect(await found(actor, ZHANG_ID.slice(6, 14))).toEqual([]);
      expect(await found(actor, ZHANG_ID.slice(0, 10))).toEqual([]);
      expect(await found(actor, ZHANG_MOBILE.slice(3, 7))).toEqual([]);
    }
    expect(await found(ADMIN, ZHANG_ID.slice(6, 14))).toEqual([[fx.zhang, ZHANG_ID]]);
  });

  it('no read returns a whole ID number or mobile to a 考核员 or a 文书, whatever it is asked', async () => {
    const candidates = [
      {},
      { id: fx.zhang },
      { id: fx.wang },
      { personId: fx.zhang },
      { personId: fx.wang },
      { monthId: fx.openMonth },
      { monthId: fx.finalisedMonth },
      { batchId: fx.awardBatch },
      { id: fx.awardBatch },
      { status: '全部' },
      { search: ZHANG_ID },
      { search: WANG_MOBILE },
      { limit: 1000 },
      { kind: 'month', period: '2026-10' },
      { periodId: await fixturePeriod(), personId: fx.zhang },
      { periodId: await fixturePeriod(), personId: fx.wang },
      { periodId: await fixturePeriod(), list: 'excellent' },
    ];
    let answered = 0;
    for (const name of reads) {
      // the records check and the recovery screen: not reads of people
      if (name === 'audit.verify' || name.startsWith('recovery.')) continue;
      for (const input of candidates) {
        for (const actor of [fx.evaluator, SECRETARY]) {
          const r = await run(actor, name, input);
          if (!r.ok) continue;
          answered++;
          const text = JSON.stringify(r.data);
          for (const v of FULL_VALUES) expect(text.includes(v), `${name} ${JSON.stringify(input)} as ${actor.name}`).toBe(false);
        }
      }
    }
    expect(answered).toBeGreaterThan(50);
  });
});

describe('the audit log by role', () => {
  type Page = { rows: { entity: string; entityId: number | null; action: string; oldValue: unknown; newValue: unknown }[] };
  const page = async (actor: Actor, input: object = {}) => (await succeeds(actor, 'audit.list', { limit: 1000, ...input })) as Page;
  const personEntry = (p: Page, id: number) => p.rows.find((r) => r.entity === 'person' && r.action === 'create' && r.entityId === id);

  it('a 管理员 reads every entry as written', async () => {
    const all = await page(ADMIN);
    expect(personEntry(all, fx.zhang)!.newValue).toMatchObject({ idNumber: ZHANG_ID, mobile: ZHANG_MOBILE });
    expect(all.rows.some((r) => r.entity === 'scheme')).toBe(true);
  });

  it('a 文书 reads every entry, with the numbers masked', async () => {
    const all = await page(ADMIN);
    const masked = await page(SECRETARY);
    expect(masked.rows.map((r) => r.entityId)).toEqual(all.rows.map((r) => r.entityId));
    expect(personEntry(masked, fx.wang)!.newValue).toMatchObject({ idNumber: maskIdNumber(WANG_ID), mobile: maskMobile(WANG_MOBILE) });
    const text = JSON.stringify(masked);
    for (const v of FULL_VALUES) expect(text).not.toContain(v);
  });

  it('a 考核员 reads only the entries about the people of their units, masked; none about no one', async () => {
    const mine = await page(fx.evaluator);
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(personEntry(mine, fx.zhang)!.newValue).toMatchObject(maskedZhangOf());
    expect(personEntry(mine, fx.wang)).toBeUndefined();
    const ids = new Set(mine.rows.map((r) => r.entityId));
    const about = fx.t.core.db.prepare('SELECT id, person_id FROM audit_log').all() as { id: number; person_id: number | null }[];
    const reversals = fx.t.core.db
      .prepare("SELECT l.id, pe.person_id FROM audit_log l JOIN point_entries pe ON pe.id = l.entity_id WHERE l.entity = 'point_entry' AND l.action = 'reverse'")
      .all() as { id: number; person_id: number }[];
    const personOf = new Map(about.map((a) => [a.id, a.person_id]));
    for (const r of reversals) personOf.set(r.id, r.person_id);
    const listed = (await succeeds(fx.evaluator, 'audit.list', { limit: 1000 })) as { rows: { id: number }[] };
    expect(listed.rows.every((r) => personOf.get(r.id) === fx.zhang)).toBe(true);
    // the reversal of 张三's entry is among them, though it records only the entry
    expect(mine.rows.some((r) => r.entity === 'point_entry' && r.action === 'reverse')).toBe(true);
    expect(ids.size).toBeGreaterThan(0);
    // asking for someone else's entries gets none; the actors are those of the entries they may read
    expect((await page(fx.evaluator, { personId: fx.wang })).rows).toEqual([]);
    expect((await page(fx.evaluator, { kind: 'schemes' })).rows).toEqual([]);
    const actors = (await succeeds(fx.evaluator, 'audit.actors', {})) as string[];
    const listedActors = (await succeeds(fx.evaluator, 'audit.list', { limit: 1000 })) as { rows: { actor: string }[] };
    expect(actors).toEqual([...new Set(listedActors.rows.map((r) => r.actor))].sort());
    expect(actors).toContain('赵考核');
    expect(((await succeeds(SECRETARY, 'audit.actors', {})) as string[]).length).toBeGreaterThanOrEqual(actors.length);
  });

  function maskedZhangOf() {
    return { idNumber: maskIdNumber(ZHANG_ID), mobile: maskMobile(ZHANG_MOBILE) };
  }
});
