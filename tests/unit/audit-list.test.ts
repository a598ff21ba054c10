/**
 * audit.list reads its pages from several indexes (a person's entries and the reversals of their point entries; a kind
 * entity by entity; a date range as an id range from the day book, even once the clock was set back) and merges them:
 * paged through, it lists exactly the entries one plain query over the whole log finds, in the same order, for every
 * page size.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from '../../src/main/core/app';
import type { AuditPage } from '../../src/shared/contract/audit';
import { AUDIT_KINDS, shanghaiDayStartUtc, type AuditKind } from '../../src/shared/domain/audit';
import { addPerson, buildSmallTree, openTestCore, publishScheme, type TestCore } from './helpers';

interface Filters {
  personId?: number;
  kind?: AuditKind;
  from?: string;
  to?: string;
  actor?: string;
}

/** The entries the filters match, newest first, by one plain query over the whole log (no index chosen for it). */
function reference(t: TestCore, f: Filters): number[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.personId !== undefined) {
    where.push(`a.id IN (SELECT id FROM audit_log WHERE person_id = ? UNION ALL
      SELECT l.id FROM point_entries pe JOIN audit_log l ON l.entity = 'point_entry' AND l.entity_id = pe.id WHERE pe.person_id = ? AND l.action = 'reverse')`);
    params.push(f.personId, f.personId);
  }
  if (f.kind) where.push(`a.entity IN (${AUDIT_KINDS[f.kind].entities.map((e) => `'${e}'`).join(', ')})`);
  if (f.from) {
    where.push('a.at >= ?');
    params.push(shanghaiDayStartUtc(f.from));
  }
  if (f.to) {
    where.push('a.at < ?');
    params.push(shanghaiDayStartUtc(new Date(Date.parse(`${f.to}T00:00:00Z`) + 86400000).toISOString().slice(0, 10)));
  }
  if (f.actor) {
    where.push('a.actor = ?');
    params.push(f.actor);
  }
  return t.core.db
    .prepare(`SELECT a.id FROM audit_log a NOT INDEXED ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC`)
    .pluck()
    .all(...params) as number[];
}

async function paged(t: TestCore, f: Filters, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let before: number | null = null;
  for (;;) {
    const page: AuditPage = await t.call('audit.list', { ...f, before, limit });
    ids.push(...page.rows.map((r) => r.id));
    if (page.next === null) return ids;
    before = page.next;
  }
}

describe('audit.list, read from several indexes', () => {
  it('pages through exactly what one plain query finds, for people with reversals, kinds and date ranges', async () => {
    let now = new Date('2026-09-01T02:00:00.000Z');
    const t = await openTestCore({ now: () => now });
    const tree = await buildSmallTree(t);
    const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
    const li = await addPerson(t, tree.b.id, '李四', ['网格员']);
    const evaluator = (await t.call('assessments.createEvaluator', { name: '考核人甲', group: '' })).id;
    const scheme = await publishScheme(t, '测试方案', { roles: ['网格员'], criteria: [{ category: '业务工作', name: '任务完成情况', kind: 'score', max: 10000 }] });
    const month = await t.call('assessments.open', { schemeId: scheme.schemeId, period: '2026-08' });
    const criterionId = scheme.criteria[0]!.id;
    const rule = (await t.call('points.rules', {})).find((r) => r.name === '化解矛盾纠纷')!;
    for (let day = 0; day < 30; day++) {
      now = new Date(Date.parse('2026-09-01T02:00:00.000Z') + day * 86400000);
      const date = now.toISOString().slice(0, 10);
      await t.call('assessments.saveScores', {
        monthId: month.id,
        evaluatorId: evaluator,
        cells: [
          { personId: zhang, criterionId, value: 5000 + day * 50 },
          { personId: li, criterionId, value: 4000 + day * 100 },
        ],
      });
      const posted = await t.call('points.post', { ruleId: rule.id, date, lines: [{ personId: day % 3 === 0 ? li : zhang, quantity: 100 }] });
      if (day % 2 === 0) await t.call('points.reverse', { entryId: posted.entries[0]!.id, reason: '录错人员' });
      if (day % 10 === 5) {
        const moved = await t.raw('people.transfer', { id: li, unitId: day === 15 ? tree.b.id : tree.a.id, date, reason: '工作需要' }, { name: '文书小王', role: 'admin' });
        expect(moved.ok ? '' : JSON.stringify(moved.error)).toBe('');
      }
    }
    // the clock set back: 09-04's ids now reach past the entries of 09-05 … 09-30, whose times must sort them out
    now = new Date('2026-09-04T05:00:00.000Z');
    await t.call('points.post', { ruleId: rule.id, date: '2026-09-04', lines: [{ personId: zhang, quantity: 100 }] });
    const cases: Filters[] = [
      {},
      { from: '2026-09-05', to: '2026-09-06' },
      { kind: 'points', from: '2026-09-04', to: '2026-09-04' },
      { from: '2026-09-04' },
      { personId: zhang },
      { personId: li },
      { personId: zhang, kind: 'points' },
      { personId: zhang, kind: 'score' },
      { personId: li, from: '2026-09-10', to: '2026-09-20' },
      { kind: 'points' },
      { kind: 'score' },
      { kind: 'points', from: '2026-09-28', to: '2026-09-29' },
      { kind: 'score', from: '2026-09-05', to: '2026-09-05' },
      { from: '2026-09-03', to: '2026-09-04' },
      { kind: 'people', actor: '文书小王' },
    ];
    for (const f of cases) {
      const expected = reference(t, f);
      expect(expected.length, JSON.stringify(f)).toBeGreaterThan(0);
      for (const limit of [1, 3, 7, 100]) expect(await paged(t, f, limit), `${JSON.stringify(f)} by ${limit}`).toEqual(expected);
    }
    // reversals are among 张三's entries, found from his reversing point entries
    const his = await t.call('audit.list', { personId: zhang, kind: 'points' });
    expect(his.rows.filter((r) => r.action === 'reverse').length).toBeGreaterThan(5);
  });

  it('names the people as they are now: the names kept between pages are dropped after any write, from this connection or another', async () => {
    const t = await openTestCore();
    const tree = await buildSmallTree(t);
    const zhang = await addPerson(t, tree.a.id, '张三', ['网格员']);
    const rule = (await t.call('points.rules', {})).find((r) => r.name === '化解矛盾纠纷')!;
    await t.call('points.post', { ruleId: rule.id, date: '2026-09-01', lines: [{ personId: zhang, quantity: 100 }] });
    const summaries = async () => (await t.call('audit.list', { personId: zhang, kind: 'points' })).rows.map((r) => r.summary);
    expect((await summaries())[0]).toMatch(/^张三 · 录入 积分/);
    expect((await summaries())[0]).toMatch(/^张三 · /);
    t.core.db.prepare("UPDATE people SET name = '张叁' WHERE id = ?").run(zhang);
    expect((await summaries())[0]).toMatch(/^张叁 · /);
    const other = new Database(join(t.dataDir, DATA_FILE_NAME));
    other.prepare("UPDATE people SET name = '张仨' WHERE id = ?").run(zhang);
    other.close();
    expect((await summaries())[0]).toMatch(/^张仨 · /);
  });
});
