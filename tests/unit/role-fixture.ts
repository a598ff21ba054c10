/**
 * A small street for the tests of what each role may do: 固戍社区 (grids 第01, 第02) and 河西社区 (grid 第01); 张三 in
 * 固戍 第01 (inside the 考核员's units) and 王五 in 河西 第01 (outside), each with a known ID number and mobile; a
 * finalised month (2026-09) whose grade points went to both, an open month (2026-10) to score, a published 区级
 * award to both (its points posted), a manual entry for each; and the three actors: 管理员, a 考核员 for 固戍社区
 * scoring as 考核人甲, a 文书.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../src/main/core/app';
import type { Actor } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/rpc';
import type { CallOutput } from '../../src/shared/contract';
import { ADMIN as TEST_ADMIN, buildSmallTree, CallFailed, FIXED_NOW, makeId, publishScheme, type TestCore } from './helpers';

export const ADMIN: Actor = { name: '王主任', role: 'admin' };
export const SECRETARY: Actor = { name: '钱文书', role: 'secretary' };

export const ZHANG_ID = makeId('1990-05-15', 123); // odd sequence: a man
export const ZHANG_MOBILE = '13812345678';
export const WANG_ID = makeId('1985-03-02', 457);
export const WANG_MOBILE = '13987654321';

/**
 * A core shared by the tests of a file (opened in beforeAll, closed by `dispose` in afterAll): the helpers' own
 * openTestCore closes its core after each test.
 */
export async function openSharedCore(now: () => Date = () => FIXED_NOW): Promise<{ t: TestCore; dispose: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grid-appraisal-shared-'));
  const core = await openCore({ dataDir, appVersion: 'test', now });
  const raw = (name: string, input: unknown, actor: Actor = TEST_ADMIN) => dispatch(core, actor, name, input);
  const t: TestCore = {
    core,
    dataDir,
    raw,
    call: async (name, input) => {
      const result = await raw(name, input);
      if (!result.ok) throw new CallFailed(result.error);
      return result.data as CallOutput<typeof name>;
    },
    callError: async (name, input, actor) => {
      const result = await raw(name, input, actor);
      if (result.ok) throw new Error(`expected ${name} to fail`);
      return result.error;
    },
  };
  const dispose = () => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { t, dispose };
}

export interface RoleFixture {
  dispose: () => void;
  t: TestCore;
  tree: Awaited<ReturnType<typeof buildSmallTree>>;
  zhang: number;
  wang: number;
  evaluators: { a: number; b: number };
  schemeId: number;
  criterion: number;
  finalisedMonth: number;
  openMonth: number;
  awardBatch: number;
  evaluator: Actor;
  /** A point entry of each person by source. */
  entries: Record<'month' | 'award' | 'manual', { zhang: number; wang: number }>;
  ruleId: number;
}

export async function roleFixture(options: { now?: () => Date } = {}): Promise<RoleFixture> {
  const { t, dispose } = await openSharedCore(options.now);
  const tree = await buildSmallTree(t);
  const person = async (unitId: number, name: string, idNumber: string, mobile: string) =>
    (await t.call('people.create', { name, gender: '男', idNumber, mobile, hireDate: '2024-01-01', roles: ['网格员'], unitId })).id;
  const zhang = await person(tree.a.id, '张三', ZHANG_ID, ZHANG_MOBILE);
  const wang = await person(tree.c.id, '王五', WANG_ID, WANG_MOBILE);
  const evaluators = {
    a: (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id,
    b: (await t.call('assessments.createEvaluator', { name: '考核人乙', group: '' })).id,
  };
  const scheme = await publishScheme(t, '测试方案', {
    roles: ['网格员'],
    aggregation: 'mean',
    criteria: [
      { category: '业务工作', name: '任务完成', kind: 'score', max: 6000 },
      { category: '业务工作', name: '工作台账', kind: 'score', max: 4000 },
    ],
  });
  const [task, book] = scheme.criteria.map((c) => c.id) as [number, number];
  // 2026-09: both score 95 (优秀) and the month is finalised: its grade points go to both
  const september = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-09' });
  await t.call('assessments.saveScores', {
    monthId: september.id,
    evaluatorId: evaluators.a,
    cells: [zhang, wang].flatMap((personId) => [
      { personId, criterionId: task, value: 6000 },
      { personId, criterionId: book, value: 3500 },
    ]),
  });
  await t.call('assessments.finalise', { monthId: september.id });
  const october = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-10' });
  // a 区级 award to both, published: its points go to both
  const batch = await t.call('awards.saveBatch', { name: '2026年度优秀网格员', level: '区级', issuer: '宝安区委', date: '2026-06-10' });
  for (const personId of [zhang, wang]) await t.call('awards.addCandidate', { batchId: batch.id, personId, reason: '表现突出' });
  for (const to of ['review', 'notice', 'published'] as const) await t.call('awards.moveStage', { batchId: batch.id, to });
  const rule = (await t.call('points.rules', {})).find((r) => r.name === '化解矛盾纠纷')!;
  const manual = await t.call('points.post', {
    ruleId: rule.id,
    date: '2026-10-08',
    lines: [
      { personId: zhang, quantity: 100 },
      { personId: wang, quantity: 100 },
    ],
  });
  const entryOf = (ref: string, personId: number) =>
    t.core.db.prepare('SELECT id FROM point_entries WHERE source_ref = ? AND person_id = ? AND reverses_id IS NULL').pluck().get(ref, personId) as number;
  const entries = {
    month: { zhang: entryOf(`month:${september.id}`, zhang), wang: entryOf(`month:${september.id}`, wang) },
    award: { zhang: entryOf(`award:${batch.id}`, zhang), wang: entryOf(`award:${batch.id}`, wang) },
    manual: { zhang: manual.entries[0]!.id, wang: manual.entries[1]!.id },
  };
  for (const e of [...Object.values(entries.month), ...Object.values(entries.award)]) {
    if (typeof e !== 'number') throw new Error('the fixture expected derived point entries for both people');
  }
  const evaluator: Actor = { name: '赵考核', role: 'evaluator', unitIds: [tree.c1.id], evaluatorId: evaluators.a };
  return {
    dispose,
    t,
    tree,
    zhang,
    wang,
    evaluators,
    schemeId: scheme.schemeId,
    criterion: task,
    finalisedMonth: september.id,
    openMonth: october.id,
    awardBatch: batch.id,
    evaluator,
    entries,
    ruleId: rule.id,
  };
}

/** What a database holds, row for row: equal before and after a call that wrote nothing (rolled back or not begun). */
export function contentHash(t: TestCore): string {
  const db = t.core.db;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  for (const table of tables) {
    const rows = (db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).raw().all() as unknown[][]).map(text).sort();
    hash.update(`${table}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}
