import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME, openCore } from '../../src/main/core/app';
import { backupDatabase, ensureDailyBackup, listBackups, verifyDatabaseFile } from '../../src/main/core/db/backup';
import { latestVersion, migrate, MIGRATIONS, parseMigrations, schemaVersion, type Migration } from '../../src/main/core/db/migrate';
import { openStore } from '../../src/main/core/db/open';
import { AppError } from '../../src/shared/errors';
import { FIXED_NOW, onCleanup, openTestCore, tempDir } from './helpers';

const noop = () => undefined;

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A raw connection closed after the test. */
function rawDb(file: string, options?: Database.Options): Database.Database {
  const db = new Database(file, options);
  onCleanup(() => db.close());
  return db;
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

/** A store at the real latest version with some rows, closed. */
async function makeStore(dir: string, rows = 10): Promise<string> {
  const file = join(dir, 'store.db');
  const { db } = await openStore(file, { backupDir: join(dir, 'backups') });
  const insert = db.prepare(
    "INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (NULL, 'street', ?, ?, '2026-01-01T00:00:00Z')",
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`单位${i}`.padEnd(30, '名'), `CODE${i}`);
  })();
  db.close();
  return file;
}

/** The migrations up to version 10, the base the shape tests below build on with a test migration 20. */
const UP_TO_10 = MIGRATIONS.filter((m) => m.version <= 10);

const V20: Migration = {
  version: 20,
  name: 'test_add_column',
  up: (db) => db.exec("ALTER TABLE org_units ADD COLUMN note TEXT NOT NULL DEFAULT '（无）'"),
};

describe('parseMigrations', () => {
  it('finds every file in migrations/ by its name, in rising order', () => {
    const files = readdirSync(join(__dirname, '../../src/main/core/db/migrations')).filter((f) => f.endsWith('.ts'));
    expect(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}.ts`)).toEqual(files.sort());
    expect(MIGRATIONS[0]).toMatchObject({ version: 10, name: 'init' });
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('sorts by version whatever the order of the modules', () => {
    const list = parseMigrations({ './migrations/0020_b.ts': { up: noop }, './migrations/0010_a.ts': { up: noop } });
    expect(list.map((m) => [m.version, m.name])).toEqual([
      [10, 'a'],
      [20, 'b'],
    ]);
  });

  it('rejects two migrations with one version', () => {
    expect(() =>
      parseMigrations({ './migrations/0010_a.ts': { up: noop }, './migrations/0010_b.ts': { up: noop } }),
    ).toThrow(/share version 10/);
  });

  it.each(['./migrations/10_init.ts', './migrations/0010-init.ts', './migrations/0010_Init.ts', './migrations/0010_init.js', './migrations/init.ts'])(
    'rejects the bad file name %s',
    (path) => {
      expect(() => parseMigrations({ [path]: { up: noop } })).toThrow(/NNNN_name\.ts/);
    },
  );

  it('rejects version 0 and a module without up()', () => {
    expect(() => parseMigrations({ './migrations/0000_zero.ts': { up: noop } })).toThrow(/positive/);
    expect(() => parseMigrations({ './migrations/0010_x.ts': {} as { up: () => void } })).toThrow(/no up\(\)/);
  });
});

describe('migrate', () => {
  it('builds an empty file up to the latest version', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toEqual({ from: 0, to: latestVersion() });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const all = [
      'account_units',
      'accounts',
      'assessment_months',
      'audit_log',
      'award_batches',
      'award_candidates',
      'award_stage_log',
      'criteria',
      'discipline_records',
      'evaluators',
      'import_log',
      'month_members',
      'month_results',
      'org_units',
      'people',
      'person_terms',
      'platform_rules',
      'point_entries',
      'point_rules',
      'scheme_versions',
      'schemes',
      'scores',
      'settings',
      'star_grid_ratings',
      'star_ratings',
      'star_rule_sets',
      'star_runs',
    ];
    expect(tables).toEqual(all);
    // new tables are STRICT
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1 AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(strict.sort()).toEqual(all);
  });

  it('running it twice is a no-op', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    migrate(db);
    const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    expect(migrate(db)).toEqual({ from: latestVersion(), to: latestVersion() });
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schema);
  });

  it('a migration that fails leaves the schema and user_version as they were', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    migrate(db);
    const broken: Migration = {
      version: latestVersion() + 10,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
  });

  it('shape test for 0010 → 20: rows written at N−1 are kept at N', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    expect(schemaVersion(db)).toBe(10);
    db.prepare("INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x')").run();
    db.prepare("INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'community', '固戍社区', 'C', 'x')").run();
    expect(migrate(db, [...UP_TO_10, V20])).toEqual({ from: 10, to: 20 });
    expect(db.prepare('SELECT id, name, code, note FROM org_units ORDER BY id').all()).toEqual([
      { id: 1, name: '西乡街道', code: 'S', note: '（无）' },
      { id: 2, name: '固戍社区', code: 'C', note: '（无）' },
    ]);
  });
});

describe('the 0010 schema', () => {
  it('keeps one current term per person and dated terms in order', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    migrate(db);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', 'S', 'S', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at)
        VALUES (1, '2020-01-01', 1, '["网格员"]', '在岗', '入职', 'x');`);
    const second = "INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at) VALUES (1, '2021-01-01', 1, '[]', '在岗', '调动', 'x')";
    expect(() => db.exec(second)).toThrow(/UNIQUE/);
    expect(() => db.exec("UPDATE person_terms SET valid_to = '2019-01-01'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE person_terms SET roles = 'not json'")).toThrow(/CHECK/);
  });
});

describe('the 0020 migration: assessments', () => {
  it('rows written at 10 are kept at 20, and the new tables exist and work with them', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, UP_TO_10);
    expect(schemaVersion(db)).toBe(10);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'community', '固戍社区', 'C', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO person_terms (person_id, valid_from, unit_id, roles, status, change, created_at)
        VALUES (1, '2020-01-01', 2, '["网格员"]', '在岗', '入职', 'x');
      INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason)
        VALUES ('x', '测试', 'create', 'person', 1, NULL, '{}', '');`);
    const before = ['org_units', 'people', 'person_terms', 'audit_log'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());

    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 20))).toEqual({ from: 10, to: 20 });
    expect(['org_units', 'people', 'person_terms', 'audit_log'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    for (const t of ['schemes', 'scheme_versions', 'criteria', 'evaluators', 'assessment_months', 'month_members', 'scores', 'month_results']) {
      expect(strict).toContain(t);
    }
    // the new tables take rows that point at the old ones
    db.exec(`
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'draft', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO criteria (id, version_id, sort_order, category, name, kind, max_points) VALUES (1, 1, 1, '业务', '任务', 'score', 10000);
      UPDATE scheme_versions SET status = 'published' WHERE id = 1;
      INSERT INTO evaluators (id, name, created_at) VALUES (1, '甲', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-10', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (1, 1, 2, '网格员');
      INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES (1, 1, 1, 1, 9550, 'x');`);
    expect(db.prepare('SELECT value FROM scores').pluck().get()).toBe(9550);
    // a score for someone outside the month is refused by the foreign key
    expect(() =>
      db.exec("INSERT INTO scores (month_id, person_id, evaluator_id, criterion_id, value, updated_at) VALUES (1, 2, 1, 1, 0, 'x')"),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("INSERT INTO assessment_months (scheme_id, version_id, period, status, opened_at) VALUES (1, 1, '2026-1', 'open', 'x')")).toThrow(/CHECK/);
  });
});

describe('the 0040 migration: star ratings and discipline records', () => {
  it('rows written at 30 are kept at 40; the default rule set is there; a published run is read-only', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 40));
    expect(schemaVersion(db)).toBeLessThan(40);
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'grid_basic', '第01网格', 'G', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO schemes (id, name, created_at) VALUES (1, '方案', 'x');
      INSERT INTO scheme_versions (id, scheme_id, version, status, roles, full_score, aggregation, groups, bands, created_at)
        VALUES (1, 1, 1, 'published', '["网格员"]', 10000, 'mean', '[]', '[]', 'x');
      INSERT INTO assessment_months (id, scheme_id, version_id, period, status, opened_at) VALUES (1, 1, 1, '2026-07', 'open', 'x');
      INSERT INTO month_members (month_id, person_id, unit_id, role) VALUES (1, 1, 2, '网格员');
      INSERT INTO month_results (month_id, person_id, total, grade, veto) VALUES (1, 1, 9550, '优秀', 0);
      UPDATE assessment_months SET status = 'finalised' WHERE id = 1;`);
    const tables = ['org_units', 'people', 'assessment_months', 'month_members', 'month_results'];
    const before = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());

    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 40)).to).toBe(40);
    expect(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    for (const t of ['star_rule_sets', 'star_runs', 'star_ratings', 'star_grid_ratings', 'discipline_records']) expect(strict).toContain(t);
    expect(db.prepare('SELECT name, period_kind, method, veto_cap, criticism_blocks_upgrade, dynamic FROM star_rule_sets').all()).toEqual([
      { name: '季度星级评定', period_kind: 'quarter', method: 'thresholds', veto_cap: 1, criticism_blocks_upgrade: 1, dynamic: 1 },
    ]);
    db.exec(`
      INSERT INTO star_runs (id, rule_set_id, period, period_start, period_end, rules, status, created_at, computed_at)
        VALUES (1, 1, '2026-Q3', '2026-07-01', '2026-09-30', '{}', 'draft', 'x', 'x');
      INSERT INTO star_ratings (run_id, person_id, unit_id, average, months, computed_stars, stars, reason)
        VALUES (1, 1, 2, 9550, 1, 4, 4, '季度平均 95.50 分 → 4★');
      INSERT INTO star_grid_ratings (run_id, unit_id, workers, mean, stars) VALUES (1, 2, 1, 400, 4);
      INSERT INTO discipline_records (person_id, date, kind, reason, created_by, created_at) VALUES (1, '2026-08-01', '通报批评', '巡查脱岗', '测试', 'x');
      UPDATE star_ratings SET stars = 5, override_reason = '表现突出' WHERE run_id = 1;
      UPDATE star_runs SET status = 'published' WHERE id = 1;`);
    expect(() => db.exec('UPDATE star_ratings SET stars = 3')).toThrow(/read-only/);
    expect(() => db.exec('DELETE FROM star_grid_ratings')).toThrow(/read-only/);
    expect(() => db.exec("UPDATE star_runs SET status = 'draft'")).toThrow(/read-only/);
    expect(() => db.exec("INSERT INTO star_runs (rule_set_id, period, period_start, period_end, rules, status, created_at, computed_at) VALUES (1, '2026-7', 'a', 'b', '{}', 'draft', 'x', 'x')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO discipline_records (person_id, date, kind, reason, created_by, created_at) VALUES (1, '2026-08-01', '表扬', 'x', 'x', 'x')")).toThrow(/CHECK/);
  });

  it('rows written at 40 are kept at 50; award batches work with them and a published batch is read-only', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 40));
    db.exec(`
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x');
      INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (2, 1, 'community', '固戍社区', 'C', 'x');
      INSERT INTO people (id, name, name_pinyin, name_initials, gender, id_number, birth_date, hire_date, created_at, updated_at)
        VALUES (1, '张三', 'zhangsan', 'zs', '男', '440306199005150233', '1990-05-15', '2020-01-01', 'x', 'x');
      INSERT INTO discipline_records (person_id, date, kind, reason, created_by, created_at) VALUES (1, '2026-08-01', '通报批评', '巡查脱岗', '测试', 'x');`);
    const before = ['org_units', 'people', 'discipline_records'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 50)).to).toBe(50);
    expect(['org_units', 'people', 'discipline_records'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    const strict = db.prepare('SELECT name FROM pragma_table_list WHERE schema = ? AND strict = 1').pluck().all('main');
    for (const t of ['award_batches', 'award_stage_log', 'award_candidates']) expect(strict).toContain(t);
    db.exec(`
      INSERT INTO award_batches (id, name, level, issuer, date, stage, created_at, updated_at) VALUES (1, '2025年度优秀网格员', '街道', '街道办', '2026-01-15', 'notice', 'x', 'x');
      INSERT INTO award_stage_log (batch_id, from_stage, to_stage, actor, at) VALUES (1, 'review', 'notice', '测试', 'x');
      INSERT INTO award_candidates (batch_id, person_id, unit_id, community_id, basis, basis_value, rank, status, deeds) VALUES (1, 1, 2, 2, 'average', 9550, 1, 'nominated', '全年无差错');`);
    expect(() => db.exec("INSERT INTO award_candidates (batch_id, person_id, status) VALUES (1, 1, 'nominated')")).toThrow(/UNIQUE/);
    expect(() => db.exec("UPDATE award_candidates SET status = 'removed'")).toThrow(/CHECK/); // a removal needs its reason
    expect(() => db.exec("INSERT INTO award_batches (name, level, date, stage, created_at, updated_at) VALUES ('x', '省级', '2026-01-01', 'initial', 'x', 'x')")).toThrow(/CHECK/);
    db.exec("UPDATE award_batches SET stage = 'published' WHERE id = 1");
    expect(() => db.exec("UPDATE award_candidates SET deeds = '改'")).toThrow(/read-only/);
    expect(() => db.exec('DELETE FROM award_batches')).toThrow(/read-only/);
    expect(() => db.exec("UPDATE award_batches SET stage = 'notice'")).toThrow(/read-only/);
    expect(() => db.exec("INSERT INTO award_stage_log (batch_id, from_stage, to_stage, actor, at) VALUES (1, 'published', 'notice', '测试', 'x')")).toThrow(/read-only/);
  });

  it('rows written at 50 are kept at 60; the import log is append-only', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 50));
    db.exec("INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x')");
    const before = db.prepare('SELECT * FROM org_units').all();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 60)).to).toBe(60);
    expect(db.prepare('SELECT * FROM org_units').all()).toEqual(before);
    const sha = 'a'.repeat(64);
    db.prepare(
      `INSERT INTO import_log (kind, file_name, file_sha256, actor, at, new_rows, changed_rows, same_rows, backup_file)
       VALUES ('roster', '花名册.xlsx', ?, '管理员', 'x', 3, 1, 0, 'b.db')`,
    ).run(sha);
    expect(() => db.exec("INSERT INTO import_log (kind, file_name, file_sha256, actor, at, new_rows, changed_rows, same_rows, backup_file) VALUES ('roster', 'x', 'short', 'a', 'x', 0, 0, 0, 'b')")).toThrow(/CHECK/);
    expect(() => db.exec('UPDATE import_log SET new_rows = 4')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM import_log')).toThrow(/append-only/);
  });

  it('rows written at 70 are kept at 90; entries are found by the person they are about, and stay append-only', () => {
    const db = rawDb(join(tempDir(), 'a.db'));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 70));
    const insert = db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('2026-11-01T00:00:00.000Z', '管理员', 'update', 'person', 7, '{"id":7,"name":"张三"}', '{"id":7,"name":"张三"}', '');
    insert.run('2026-11-02T00:00:00.000Z', '管理员', 'score', 'score', 3, null, '{"personId":7,"value":1800}', '');
    insert.run('2026-11-03T00:00:00.000Z', '考核员', 'override', 'star_rating', 1, '{"personId":8,"stars":3}', '{"personId":8,"stars":4}', '复核');
    insert.run('2026-11-04T00:00:00.000Z', '管理员', 'load-demo', 'system', null, null, '{"people":1000}', '');
    insert.run('2026-11-05T00:00:00.000Z', '管理员', 'import', 'import', 2, null, '{"personId":"7"}', '');
    const before = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 90)).to).toBe(90);
    const after = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map(({ person_id: _p, ...rest }) => rest)).toEqual(before);
    expect(after.map((r) => r.person_id)).toEqual([7, 7, 8, null, null]);
    insert.run('2026-11-06T00:00:00.000Z', '管理员', 'post', 'point_entry', 5, null, '{"personId":7,"points":200}', '');
    const byPerson = db.prepare('SELECT id FROM audit_log WHERE person_id = ? ORDER BY id DESC').pluck();
    expect(byPerson.all(7)).toEqual([6, 2, 1]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT id FROM audit_log WHERE person_id = 7 ORDER BY id DESC LIMIT 100')).toContain('audit_log_person');
    expect(plan("SELECT id FROM audit_log WHERE entity = 'score' ORDER BY id DESC LIMIT 100")).toMatch(/audit_log_kind/);
    expect(plan("SELECT id FROM audit_log WHERE actor = 'x' ORDER BY id DESC LIMIT 100")).toMatch(/audit_log_actor/);
    expect(() => db.exec('UPDATE audit_log SET reason = 1')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });
});

describe('openStore', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout', async () => {
    const dir = tempDir();
    const { db } = await openStore(join(dir, 'a.db'), { backupDir: join(dir, 'b') });
    onCleanup(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() =>
      db.prepare("INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (999, 'community', 'x', 'x', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('a new store is migrated to the latest version without a pre-migration backup', async () => {
    const dir = tempDir();
    const store = await openStore(join(dir, 'a.db'), { backupDir: join(dir, 'b') });
    onCleanup(() => store.db.close());
    expect(store).toMatchObject({ schemaVersion: latestVersion(), migratedFrom: 0, preMigrationBackup: null });
    expect(listBackups(join(dir, 'b'))).toEqual([]);
  });

  it('refuses a file from a newer app with DB_TOO_NEW and leaves it untouched', async () => {
    const dir = tempDir();
    const file = await makeStore(dir);
    const db = new Database(file);
    db.pragma('user_version = 9999');
    db.close();
    const before = sha(file);
    const e = await expectAppError(openStore(file, { backupDir: join(dir, 'b') }), 'DB_TOO_NEW');
    expect(e.message).toContain('9999');
    expect(e.message).toContain(String(latestVersion()));
    expect(sha(file)).toBe(before);
    expect(existsSync(join(dir, 'b'))).toBe(false);
    // still readable, still 9999: nothing was migrated down or over
    expect(rawDb(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(9999);
  });

  it('openCore refuses a newer file too', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, DATA_FILE_NAME));
    db.pragma('user_version = 9999');
    db.close();
    await expectAppError(openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW }), 'DB_TOO_NEW');
  });

  it('detects garbage written into the middle of a real store, and never uses it', async () => {
    const dir = tempDir();
    const file = await makeStore(dir, 2000);
    const bytes = readFileSync(file);
    const pageSize = 4096;
    expect(bytes.length).toBeGreaterThan(pageSize * 10);
    // a page in the middle of the org_units b-tree, header and cells alike
    const page = Math.floor(bytes.length / pageSize / 2);
    for (let i = page * pageSize; i < (page + 1) * pageSize; i++) bytes[i] = (i * 131) & 0xff;
    writeFileSync(file, bytes);
    const before = sha(file);
    const e = await expectAppError(openStore(file, { backupDir: join(dir, 'b') }), 'DB_DAMAGED');
    expect(e.message).toContain('数据文件已损坏');
    expect(e.message).toContain(file);
    expect(sha(file)).toBe(before);
    expect(listBackups(join(dir, 'b'))).toEqual([]);
  });

  it('detects a file that is not SQLite at all', async () => {
    const dir = tempDir();
    const file = join(dir, DATA_FILE_NAME);
    writeFileSync(file, '这不是数据库文件。'.repeat(2000));
    const before = sha(file);
    await expectAppError(openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW }), 'DB_DAMAGED');
    expect(sha(file)).toBe(before);
    expect(listBackups(join(dir, 'backups'))).toEqual([]);
  });

  it('takes a verified backup before migrating an existing older store', async () => {
    const dir = tempDir();
    const file = join(dir, 'store.db');
    const backupDir = join(dir, 'b');
    const first = await openStore(file, { backupDir, migrations: MIGRATIONS.filter((m) => m.version <= 10) });
    expect(first.schemaVersion).toBe(10);
    first.db.prepare("INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (NULL, 'street', '西乡街道', 'S', 'x')").run();
    first.db.close();

    const second = await openStore(file, { backupDir, migrations: [...UP_TO_10, V20] });
    onCleanup(() => second.db.close());
    expect(second).toMatchObject({ schemaVersion: 20, migratedFrom: 10 });
    const backup = second.preMigrationBackup!;
    expect(backup).not.toBeNull();
    expect(backup.reason).toBe('premigrate');
    expect(backup.fileName).toMatch(/^grid-appraisal-\d{8}-\d{6}-\d{3}-premigrate\.db$/);
    expect(existsSync(backup.file)).toBe(true);
    expect(listBackups(backupDir).map((b) => b.fileName)).toEqual([backup.fileName]);
    expect(verifyDatabaseFile(backup.file)).toBe(true);
    const copy = rawDb(backup.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('user_version', { simple: true })).toBe(10);
    expect(copy.prepare('SELECT name FROM org_units').pluck().all()).toEqual(['西乡街道']);
    expect(copy.prepare("SELECT 1 FROM pragma_table_info('org_units') WHERE name = 'note'").get()).toBeUndefined();
    // the live store has the rows and the new column
    expect(second.db.prepare('SELECT name, note FROM org_units').all()).toEqual([{ name: '西乡街道', note: '（无）' }]);
  });

  it('a migration that fails on open is not reported as a damaged file, and the store stays at its version', async () => {
    const dir = tempDir();
    const file = await makeStore(dir, 1);
    const broken: Migration = { version: latestVersion() + 10, name: 'broken', up: () => { throw new Error('boom'); } };
    const e = await expectAppError(openStore(file, { backupDir: join(dir, 'b'), migrations: [...MIGRATIONS, broken] }), 'INTERNAL');
    expect(e.message).not.toContain('已损坏');
    expect(e.message).toContain('boom');
    expect(e.message).toContain('备份');
    expect(rawDb(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(listBackups(join(dir, 'b'))).toHaveLength(1);
  });
});

describe('backups', () => {
  async function liveStore() {
    const dir = tempDir();
    const store = await openStore(join(dir, 'a.db'), { backupDir: join(dir, 'b') });
    onCleanup(() => store.db.close());
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    return { db: store.db, dir: join(dir, 'b') };
  }

  it('backupDatabase writes a verified copy with the data and leaves no partial file', async () => {
    const { db, dir } = await liveStore();
    const info = await backupDatabase(db, dir, 'manual', FIXED_NOW);
    expect(info).toMatchObject({
      fileName: 'grid-appraisal-20261123-020000-000-manual.db',
      createdAt: FIXED_NOW.toISOString(),
      reason: 'manual',
    });
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(verifyDatabaseFile(info.file)).toBe(true);
    expect(rawDb(info.file, { readonly: true }).prepare('SELECT value FROM settings').pluck().get()).toBe('v');
    // one self-contained file: no .partial, no -wal or -shm left beside it
    expect(readdirSync(dir)).toEqual([info.fileName]);
    expect(rawDb(info.file, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('delete');
  });

  it('a backup that cannot be written fails with BACKUP_FAILED', async () => {
    const { db, dir } = await liveStore();
    const notADir = join(dir, '..', 'a-file');
    writeFileSync(notADir, 'x');
    await expectAppError(backupDatabase(db, notADir, 'manual', FIXED_NOW), 'BACKUP_FAILED');
  });

  it('verifyDatabaseFile says no to a damaged or missing file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.db'), 'garbage'.repeat(1000));
    expect(verifyDatabaseFile(join(dir, 'x.db'))).toBe(false);
    expect(verifyDatabaseFile(join(dir, 'missing.db'))).toBe(false);
  });

  it('listBackups is newest first and ignores other files', async () => {
    const { db, dir } = await liveStore();
    const at = (iso: string) => new Date(iso);
    await backupDatabase(db, dir, 'daily', at('2026-11-20T01:00:00.000Z'));
    await backupDatabase(db, dir, 'manual', at('2026-11-22T01:00:00.000Z'));
    await backupDatabase(db, dir, 'daily', at('2026-11-21T01:00:00.000Z'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(join(dir, 'grid-appraisal-20261123-010000-000-daily.db.partial'), 'x');
    expect(listBackups(dir).map((b) => [b.createdAt, b.reason])).toEqual([
      ['2026-11-22T01:00:00.000Z', 'manual'],
      ['2026-11-21T01:00:00.000Z', 'daily'],
      ['2026-11-20T01:00:00.000Z', 'daily'],
    ]);
    expect(listBackups(join(dir, 'missing'))).toEqual([]);
  });

  it('ensureDailyBackup skips within 24 hours and takes one after', async () => {
    const { db, dir } = await liveStore();
    const t0 = Date.parse('2026-11-23T02:00:00.000Z');
    const first = await ensureDailyBackup(db, dir, new Date(t0));
    expect(first?.reason).toBe('daily');
    expect(await ensureDailyBackup(db, dir, new Date(t0 + 23 * 3600_000))).toBeNull();
    expect(await ensureDailyBackup(db, dir, new Date(t0 + 24 * 3600_000 - 1))).toBeNull();
    const next = await ensureDailyBackup(db, dir, new Date(t0 + 24 * 3600_000));
    expect(next?.createdAt).toBe('2026-11-24T02:00:00.000Z');
    expect(listBackups(dir)).toHaveLength(2);
  });

  it('keeps the newest 30 daily backups and every other kind', async () => {
    const { db, dir } = await liveStore();
    await backupDatabase(db, dir, 'manual', new Date('2026-01-01T00:00:00.000Z'));
    for (let d = 0; d < 32; d++) await backupDatabase(db, dir, 'daily', new Date(Date.UTC(2026, 1, 1 + d)));
    const all = listBackups(dir);
    expect(all.filter((b) => b.reason === 'daily')).toHaveLength(30);
    expect(all.filter((b) => b.reason === 'manual')).toHaveLength(1);
    expect(all.at(-2)?.createdAt).toBe('2026-02-03T00:00:00.000Z');
  });
});

describe('openCore', () => {
  it('a daily backup that cannot be taken fails the open and leaves the store closed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'backups'), 'not a folder');
    await expectAppError(openCore({ dataDir: dir, appVersion: 'test', now: () => FIXED_NOW }), 'BACKUP_FAILED');
    // closed cleanly: the WAL was checkpointed and removed, and the file is a good store
    expect(existsSync(join(dir, `${DATA_FILE_NAME}-wal`))).toBe(false);
    expect(verifyDatabaseFile(join(dir, DATA_FILE_NAME))).toBe(true);
  });

  it('opens a data folder: the store at the latest version and the day’s backup', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: join(dir, 'nested', 'data'), appVersion: 'test', now: () => FIXED_NOW });
    expect(core.schemaVersion).toBe(latestVersion());
    expect(existsSync(core.dataFile)).toBe(true);
    expect(listBackups(core.backupDir).map((b) => b.reason)).toEqual(['daily']);
    core.close();
    // reopened the same day: no second daily backup, no pre-migration backup
    const again = await openCore({ dataDir: join(dir, 'nested', 'data'), appVersion: 'test', now: () => FIXED_NOW });
    onCleanup(() => again.close());
    expect(listBackups(again.backupDir)).toHaveLength(1);
  });
});

describe('restoring a backup', () => {
  it('puts the backup back in place, after a verified safety backup of the current state, and logs it', async () => {
    let tick = 0;
    const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
    const street = await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    const backup = await t.call('system.backupNow', {});
    await t.call('org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
    const names = () => t.core.db.prepare('SELECT name FROM org_units ORDER BY id').pluck().all();
    expect(names()).toEqual(['西乡街道', '固戍社区']);

    const { restored, safety } = await t.call('system.restoreBackup', { fileName: backup.fileName });
    expect(restored.fileName).toBe(backup.fileName);
    expect(names()).toEqual(['西乡街道']);
    expect(t.core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(safety.reason).toBe('prerestore');
    expect(verifyDatabaseFile(safety.file)).toBe(true);
    const saved = rawDb(safety.file, { readonly: true });
    expect(saved.prepare('SELECT count(*) FROM org_units').pluck().get()).toBe(2);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'restore'").pluck().get()).toBe(1);

    // The store goes on working, and the restore can itself be undone from the safety backup.
    await t.call('org.create', { parentId: street.id, kind: 'community', name: '河西社区', code: 'C2' });
    await t.call('system.restoreBackup', { fileName: safety.fileName });
    expect(names()).toEqual(['西乡街道', '固戍社区']);
  });

  it('refuses an unknown name, a path, a damaged backup and one from a newer app, leaving the data as it was', async () => {
    let tick = 0;
    const t = await openTestCore({ now: () => new Date(FIXED_NOW.getTime() + 1000 * tick++) });
    await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
    expect((await t.callError('system.restoreBackup', { fileName: '../grid-appraisal.db' })).code).toBe('VALIDATION');
    expect((await t.callError('system.restoreBackup', { fileName: 'grid-appraisal-20200101-000000-000-manual.db' })).code).toBe('NOT_FOUND');

    const damaged = await t.call('system.backupNow', {});
    const bytes = readFileSync(damaged.file);
    bytes.fill(0x41, 4096, 8192);
    writeFileSync(damaged.file, bytes);
    const e = await t.callError('system.restoreBackup', { fileName: damaged.fileName });
    expect(e.code).toBe('DB_DAMAGED');
    expect(e.message).toMatch(/未通过完整性校验.*当前数据未作改动/);

    const newer = await t.call('system.backupNow', {});
    const db = rawDb(newer.file);
    db.pragma(`user_version = ${latestVersion() + 10}`);
    db.close();
    expect((await t.callError('system.restoreBackup', { fileName: newer.fileName })).code).toBe('DB_TOO_NEW');
    expect(t.core.db.prepare('SELECT name FROM org_units').pluck().all()).toEqual(['西乡街道']);
    expect(readdirSync(t.core.backupDir).filter((f) => f.includes('prerestore'))).toEqual([]);
  });
});
