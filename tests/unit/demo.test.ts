import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { loadDemoStreet } from '../../src/main/core/demo/street';
import { checkIdNumber } from '../../src/shared/domain/idcard';
import { pinyinKeys } from '../../src/shared/domain/pinyin';
import { onCleanup, openTestCore, tempDir, TODAY } from './helpers';

interface Term {
  person_id: number;
  valid_from: string;
  valid_to: string | null;
  change: string;
  status: string;
}

function freshDb(): Database.Database {
  const db = new Database(join(tempDir(), 'demo.db'));
  onCleanup(() => db.close());
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Every person's terms follow each other without gaps or overlaps, the first on the hire date, none after today. */
function checkHistory(db: Database.Database, today: string): void {
  const terms = db.prepare('SELECT person_id, valid_from, valid_to, change, status FROM person_terms ORDER BY person_id, valid_from').all() as Term[];
  const hire = new Map((db.prepare('SELECT id, hire_date FROM people').all() as { id: number; hire_date: string }[]).map((p) => [p.id, p.hire_date]));
  const byPerson = new Map<number, Term[]>();
  for (const t of terms) byPerson.set(t.person_id, [...(byPerson.get(t.person_id) ?? []), t]);
  expect(byPerson.size).toBe(hire.size);
  const problems: string[] = [];
  for (const [id, list] of byPerson) {
    if (list[0]!.valid_from !== hire.get(id) || list[0]!.change !== '入职') problems.push(`${id}: first term`);
    list.forEach((t, i) => {
      if (t.valid_from > today) problems.push(`${id}: term from ${t.valid_from} is after ${today}`);
      const next = list[i + 1];
      if (next && t.valid_to !== next.valid_from) problems.push(`${id}: gap after ${t.valid_from}`);
      if (!next && t.valid_to !== null) problems.push(`${id}: last term closed`);
    });
  }
  expect(problems).toEqual([]);
}

describe('the demo street', () => {
  it('system.loadDemo fills an empty store with a believable street', async () => {
    const t = await openTestCore();
    const result = await t.call('system.loadDemo', {});
    const db = t.core.db;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;

    expect(count("SELECT count(*) FROM org_units WHERE kind = 'street'")).toBe(1);
    expect(count("SELECT count(*) FROM org_units WHERE kind IN ('community', 'village')")).toBe(12);
    expect(count("SELECT count(*) FROM org_units WHERE kind LIKE 'grid_%'")).toBe(90);
    expect(count("SELECT count(*) FROM org_units WHERE kind = 'micro_grid'")).toBeGreaterThan(0);
    expect(result.units).toBe(count('SELECT count(*) FROM org_units'));
    expect(result.people).toBe(count('SELECT count(*) FROM people'));
    expect(result.people).toBeGreaterThanOrEqual(950);
    expect(result.people).toBeLessThanOrEqual(1100);

    const people = db.prepare('SELECT id, name, gender, id_number, birth_date, name_pinyin, name_initials, mobile FROM people').all() as {
      id: number;
      name: string;
      gender: string;
      id_number: string;
      birth_date: string;
      name_pinyin: string;
      name_initials: string;
      mobile: string;
    }[];
    const bad = people.filter((p) => {
      const c = checkIdNumber(p.id_number, TODAY);
      return !c.ok || c.gender !== p.gender || c.birthDate !== p.birth_date;
    });
    expect(bad).toEqual([]);
    expect(new Set(people.map((p) => p.id_number)).size).toBe(people.length);
    expect(people.every((p) => /^1[3-9]\d{9}$/.test(p.mobile))).toBe(true);
    expect(people.filter((p) => p.name_pinyin !== pinyinKeys(p.name).full || p.name_initials !== pinyinKeys(p.name).initials)).toEqual([]);

    // exactly one current term each
    expect(count('SELECT count(*) FROM people p WHERE (SELECT count(*) FROM person_terms t WHERE t.person_id = p.id AND t.valid_to IS NULL) <> 1')).toBe(0);
    // two years of movement
    expect(count("SELECT count(*) FROM person_terms WHERE change = '调动'")).toBeGreaterThan(10);
    expect(count("SELECT count(*) FROM person_terms WHERE change = '离岗'")).toBeGreaterThan(5);
    expect(count("SELECT count(*) FROM person_terms WHERE change = '返岗'")).toBeGreaterThan(0);
    checkHistory(db, TODAY);

    // the roster reads through the calls
    const info = await t.call('system.info', {});
    expect(info.counts.peopleTotal).toBe(result.people);
    expect(info.counts.peopleInPost).toBe(await t.call('people.list', { unitId: null }).then((r) => r.length));
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'load-demo'").pluck().get()).toBe(1);

    // the year-end assessment: 年度考核 published, 2025 finalised with three raters' ballots, 2026 open
    const schemes = await t.call('periods.schemes', {});
    expect(schemes).toMatchObject([{ name: '年度考核', kind: 'year', publishedVersion: 1, hasDraft: false, periods: 2 }]);
    const scheme = await t.call('periods.getScheme', { schemeId: schemes[0]!.id });
    expect(scheme.roles).toEqual(['网格长', '专职网格员', '网格员']);
    expect(scheme.rules).toMatchObject({ weights: { months: 60, appraisal: 30, points: 10 }, quota: { percent: 20, scope: 'street' } });
    const periods = await t.call('periods.list', {});
    expect(periods.map((p) => [p.period, p.status])).toEqual([['2026', 'open'], ['2025', 'finalised']]);
    const year = await t.call('periods.view', { periodId: periods[1]!.id });
    expect(year.rows.length).toBeGreaterThan(700);
    expect(year.ties).toEqual([]);
    const graded = year.rows.filter((r) => r.status === 'graded');
    expect(graded.every((r) => r.ballots === 3)).toBe(true);
    // a realistic spread: mostly 称职 and 优秀, a few 基本称职 and 不称职
    const ballots = db.prepare('SELECT ballot, count(*) FROM appraisal_ballots WHERE period_id = ? GROUP BY ballot').raw().all(periods[1]!.id) as [string, number][];
    const share = Object.fromEntries(ballots.map(([b, n]) => [b, n / (year.rows.length * 3)]));
    expect(share['称职']! + share['优秀']!).toBeGreaterThan(0.85);
    expect(share['基本称职']).toBeGreaterThan(0.01);
    expect(share['不称职']).toBeGreaterThan(0);
    // 优秀 within 20% of those graded; the ties at the line decided with a reason
    const places = Math.floor((graded.filter((r) => r.total !== null).length * 20) / 100);
    expect(year.counts.优秀).toBe(places);
    const decisions = db.prepare('SELECT keep, reason FROM period_tie_decisions WHERE period_id = ?').all(periods[1]!.id) as { keep: number; reason: string }[];
    expect(decisions.length).toBeGreaterThanOrEqual(2);
    expect(decisions.some((d) => d.keep === 1)).toBe(true);
    expect(decisions.some((d) => d.keep === 0)).toBe(true);
    expect(decisions.every((d) => d.reason.length > 0)).toBe(true);
    expect(year.rows.filter((r) => r.derivation.some((l) => l.includes('经决定'))).length).toBe(decisions.length);
    // 2025年度优秀网格员 is drawn from those graded 优秀 in the year, by its total
    const batch = (await t.call('awards.batches', {})).find((b) => b.name === '2025年度优秀网格员')!;
    expect(batch).toMatchObject({ periodId: periods[1]!.id, periodLabel: '2025年度年度考核', stage: 'published' });
    const excellent = new Set(year.rows.filter((r) => r.grade === '优秀').map((r) => r.personId));
    const recipients = (await t.call('awards.batch', { id: batch.id })).candidates.filter((c) => c.status === 'nominated' && !c.addedManually);
    expect(recipients.length).toBeGreaterThan(10);
    expect(recipients.every((c) => excellent.has(c.personId))).toBe(true);
    // the recruits of 2025's second half are 不定等次; two workers' bad spell puts them on the 解聘预警 list
    expect(year.counts.不定等次).toBeGreaterThan(0);
    expect(year.rows.filter((r) => r.status === 'undetermined').every((r) => r.monthsInPost < 6)).toBe(true);
    expect(year.warnings.length).toBeGreaterThan(0);
    for (const id of year.warnings) expect(year.rows.find((r) => r.personId === id)!.derivation.join('\n')).toMatch(/2025-05、2025-06连续两个月不合格/);
    expect(year.counts.良好).toBeGreaterThan(year.counts.优秀);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('system.loadDemo refuses a store that is not empty', async () => {
    const t = await openTestCore();
    await t.call('org.create', { parentId: null, kind: 'street', name: '新安街道', code: '' });
    const e = await t.callError('system.loadDemo', {});
    expect(e).toEqual({ code: 'CONFLICT', message: '已有数据，示例数据只能载入到空的数据文件中' });
    expect(t.core.db.prepare('SELECT count(*) FROM org_units').pluck().get()).toBe(1);
  });

  it('is the same on every machine: a seed gives one street', () => {
    const opts = { today: TODAY, createdAt: '2026-11-23T02:00:00.000Z' };
    const a = freshDb();
    const b = freshDb();
    a.transaction(() => loadDemoStreet(a, opts))();
    b.transaction(() => loadDemoStreet(b, opts))();
    const dump = (db: Database.Database) => db.prepare('SELECT name, id_number, hire_date FROM people ORDER BY id').all();
    expect(dump(a)).toEqual(dump(b));
  });

  it('never writes a term dated after today, whatever today is', () => {
    for (const today of ['2026-03-01', '2025-12-31', '2024-07-15']) {
      const db = freshDb();
      db.transaction(() => loadDemoStreet(db, { today, createdAt: `${today}T00:00:00.000Z` }))();
      checkHistory(db, today);
    }
  });
});
