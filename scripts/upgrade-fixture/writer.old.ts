/**
 * Runs INSIDE an old checkout of this repository (copied there as tests/unit/zz-upgrade-fixture.test.ts by
 * scripts/upgrade-fixture/make.mjs) under that version's vitest: it writes a small data file through that version's
 * own calls, then reads back what that version sees, for tests/unit/upgrade.test.ts to compare after migrating.
 * It uses only what the old tree has (its test helpers, its dispatcher); areas the version lacks are skipped.
 * Not type-checked here: the old tree's modules are resolved there, not in this repository.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
// resolved in the old checkout, where this file is tests/unit/zz-upgrade-fixture.test.ts
import { buildSmallTree, makeId, openTestCore, tempDir } from './helpers';

const OUT = process.env.UPGRADE_FIXTURE_OUT ?? '';
const has = (area: string) => existsSync(join(process.cwd(), 'src/main/core', area));

it('writes the upgrade fixture through this version’s own calls', async () => {
  expect(OUT, 'UPGRADE_FIXTURE_OUT').not.toBe('');
  const dataDir = tempDir('grid-appraisal-fixture-');
  const t = await openTestCore({ dataDir });
  const tree = await buildSmallTree(t);

  let seq = 500;
  const person = async (unitId: number, name: string, roles: string[], gender: '男' | '女', extra: Record<string, unknown> = {}) => {
    seq += 2;
    const row = await t.call('people.create', {
      name,
      gender,
      idNumber: makeId('1988-03-09', gender === '男' ? seq + 1 : seq),
      hireDate: '2024-01-01',
      roles,
      unitId,
      ...extra,
    });
    return row.id as number;
  };
  const p = {
    zhang: await person(tree.a.id, '张三', ['网格员'], '男', { mobile: '13800138000', partyMember: true, note: '党员示范岗' }),
    li: await person(tree.a.id, '李四', ['网格员'], '女'),
    wang: await person(tree.b.id, '王五', ['网格员'], '男', { partyMember: true }),
    chen: await person(tree.b.id, '陈七', ['网格员', '楼栋长'], '女'),
    zhao: await person(tree.c.id, '赵六', ['网格员'], '男'),
    sun: await person(tree.c.id, '孙八', ['网格员'], '女', { mobile: '13900139000' }),
  };
  // dated history: 陈七 moved to 河西 in 2025-02, 孙八 left and came back
  await t.call('people.transfer', { id: p.chen, unitId: tree.c.id, date: '2025-02-01', reason: '工作调整' });
  await t.call('people.leave', { id: p.sun, date: '2025-01-20', reason: '病假' });
  await t.call('people.rejoin', { id: p.sun, date: '2025-01-27', reason: '病愈返岗' });

  const areas: string[] = ['org', 'people'];
  if (has('schemes') && has('assessments')) {
    areas.push('schemes', 'assessments');
    const blank = await t.call('schemes.create', { name: '网格员月度考核（测试）', template: '' });
    const { schemeId, name, description, fullScore, aggregation, groups, bands } = blank;
    await t.call('schemes.saveDraft', {
      schemeId,
      name,
      description,
      fullScore,
      aggregation,
      groups,
      bands,
      roles: ['网格员'],
      criteria: [
        { category: '业务工作', name: '信息采集', kind: 'score', max: 5000 },
        { category: '业务工作', name: '巡查走访', kind: 'score', max: 4000 },
        { category: '扣分项', name: '迟到早退', kind: 'deduction', max: 1000, perUnit: 200 },
        { category: '否决项', name: '违纪', kind: 'veto', max: 0 },
      ],
    });
    const scheme = await t.call('schemes.publish', { schemeId });
    const c = Object.fromEntries(scheme.criteria.map((x: { name: string; id: number }) => [x.name, x.id]));
    const ev = (await t.call('evaluators.create', { name: '考核人甲', group: '' })).id;
    const ev2 = (await t.call('evaluators.create', { name: '考核人乙', group: '' })).id;
    const scores: Record<number, [number, number]> = {
      [p.zhang]: [4800, 3900],
      [p.li]: [4400, 3600],
      [p.wang]: [4400, 3600],
      [p.chen]: [4000, 3000],
      [p.zhao]: [4900, 3950],
      [p.sun]: [3500, 2800],
    };
    const sheet = (monthId: number, evaluatorId: number, bump: number, late: number[], vetoed: number[]) =>
      t.call('assessments.saveScores', {
        monthId,
        evaluatorId,
        cells: Object.entries(scores).flatMap(([id, [a, b]]) => [
          { personId: Number(id), criterionId: c['信息采集'], value: a - bump },
          { personId: Number(id), criterionId: c['巡查走访'], value: b },
          late.includes(Number(id))
            ? { personId: Number(id), criterionId: c['迟到早退'], value: 2, note: '两次迟到' }
            : { personId: Number(id), criterionId: c['迟到早退'], value: 0 },
          ...(vetoed.includes(Number(id)) ? [{ personId: Number(id), criterionId: c['违纪'], value: 1, note: '责任事故' }] : []),
        ]),
      });
    for (const [period, late, vetoed] of [
      ['2025-01', [p.li], []],
      ['2025-02', [], [p.zhao]],
      ['2025-03', [p.sun], []],
    ] as const) {
      const m = await t.call('assessments.open', { schemeId, period });
      await sheet(m.id, ev, 0, [...late], [...vetoed]);
      await sheet(m.id, ev2, 100, [], []);
      await t.call('assessments.finalise', { monthId: m.id });
    }
    // an open month, partly scored
    const open = await t.call('assessments.open', { schemeId, period: '2025-04' });
    await sheet(open.id, ev, 0, [], []);
  }
  if (has('points')) {
    areas.push('points');
    const rules = await t.call('points.rules', {});
    const rule = (n: string) => rules.find((r: { name: string }) => r.name === n)!.id as number;
    await t.call('points.post', { ruleId: rule('上报安全隐患'), date: '2025-03-10', note: '燃气隐患排查', lines: [
      { personId: p.zhang, quantity: 300 },
      { personId: p.li, quantity: 100 },
    ] });
    const posted = await t.call('points.post', { ruleId: rule('化解矛盾纠纷'), date: '2025-03-12', lines: [{ personId: p.wang, quantity: 100 }] });
    await t.call('points.reverse', { entryId: posted.entries[0].id, reason: '重复录入' });
    await t.call('points.post', { ruleId: rule('无故缺勤'), date: '2025-03-20', lines: [{ personId: p.sun, quantity: 100, note: '未请假' }] });
  }
  if (has('stars')) {
    areas.push('stars');
    await t.call('discipline.create', { personId: p.chen, date: '2025-02-10', kind: '通报批评', reason: '巡查脱岗' });
    const ruleSet = (await t.call('stars.ruleSets', {}))[0];
    const { run } = await t.call('stars.preview', { ruleSetId: ruleSet.id, period: '2025-Q1' });
    await t.call('stars.publish', { runId: run.id });
  }
  if (has('awards')) {
    areas.push('awards');
    const batch = await t.call('awards.saveBatch', { name: '2025年第一季度优秀网格员', level: '区级', issuer: '宝安区委', date: '2025-04-10', quotaPerUnit: 1 });
    await t.call('awards.nominate', {
      batchId: batch.id,
      from: '2025-01',
      to: '2025-03',
      basis: 'average',
      quotaPerUnit: 1,
      quotaTotal: null,
      eligibility: { noVeto: true, minStars: 0, inPost: true, noCriticism: true },
    });
    let view = await t.call('awards.batch', { id: batch.id });
    for (const c of view.candidates.filter((x: { status: string }) => x.status === 'tied')) {
      await t.call('awards.keepCandidate', { batchId: batch.id, personId: c.personId, reason: '并列均予推荐' });
    }
    await t.call('awards.saveDeeds', { batchId: batch.id, personId: p.zhang, deeds: '全年上报安全隐患120件' });
    for (const to of ['review', 'notice', 'published']) await t.call('awards.moveStage', { batchId: batch.id, to });
    view = await t.call('awards.batch', { id: batch.id });
    expect(view.batch?.stage ?? view.stage ?? 'published').toBe('published');
  }

  // ---- what this version reads back ----
  const db = t.core.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const counts = Object.fromEntries(tables.map((n) => [n, (db.prepare(`SELECT count(*) AS n FROM "${n}"`).get() as { n: number }).n]));
  const people = (await t.call('people.list', { status: '全部' })).map((r: Record<string, unknown>) => ({
    id: r.id,
    name: r.name,
    gender: r.gender,
    idNumber: r.idNumber,
    mobile: r.mobile,
    status: r.status,
    unitId: r.unitId,
    roles: r.roles,
    partyMember: r.partyMember,
  }));
  const reads: Record<string, unknown> = { people, unitNames: Object.fromEntries(Object.entries(tree).map(([k, u]) => [k, (u as { name: string }).name])) };
  if (areas.includes('assessments')) {
    const months = await t.call('assessments.months', {});
    reads.months = months.map((m: Record<string, unknown>) => ({ id: m.id, period: m.period, status: m.status }));
    reads.results = {} as Record<string, unknown>;
    for (const m of months) {
      const r = await t.call('assessments.results', { monthId: m.id });
      const rows = (r.rows ?? r) as Record<string, unknown>[];
      (reads.results as Record<string, unknown>)[m.period as string] = rows.map((x) => ({ personId: x.personId, total: x.total, grade: x.grade, veto: x.veto, rankInUnit: x.rankInUnit }));
    }
  }
  if (areas.includes('points')) {
    const b = await t.call('points.balances', { kind: 'year', period: '2025' });
    reads.pointsYear2025 = b.rows.map((r: Record<string, unknown>) => ({ personId: r.personId, points: r.points ?? r.total ?? r.balance }));
  }
  if (areas.includes('stars')) {
    const runs = await t.call('stars.runs', {});
    reads.starRuns = runs.map((r: Record<string, unknown>) => ({ period: r.period, status: r.status }));
    const roster = await t.call('stars.roster', { asOf: '2025-06-30' });
    const rows = (roster.rows ?? roster) as Record<string, unknown>[];
    reads.stars = rows.map((r) => ({ personId: r.personId, stars: r.stars }));
  }
  if (areas.includes('awards')) {
    const batches = await t.call('awards.batches', {});
    reads.awards = [];
    for (const b of batches) {
      const view = await t.call('awards.batch', { id: b.id });
      (reads.awards as unknown[]).push({
        name: b.name,
        level: b.level,
        stage: b.stage,
        candidates: view.candidates.map((c: Record<string, unknown>) => ({ personId: c.personId, status: c.status })),
      });
    }
  }

  // one self-contained file, written by this version's SQLite
  mkdirSync(OUT, { recursive: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  const file = join(OUT, `v${version}.db`);
  rmSync(file, { force: true });
  db.prepare('VACUUM INTO ?').run(file);
  writeFileSync(
    join(OUT, `v${version}.json`),
    JSON.stringify({ commit: process.env.UPGRADE_FIXTURE_COMMIT ?? '', schemaVersion: version, areas, tables: counts, reads }, null, 2) + '\n',
  );
});
