/**
 * The migration list and the runner: every file in migrations/ is listed in migrations/index.ts, names are checked,
 * and migrate() is all-or-nothing per migration. Each migration's own N−1 → N test is in its NNNN_name.test.ts here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, MIGRATIONS, parseMigrations, schemaVersion, type Migration } from '../../../src/main/core/db/migrate';
import { tempDir } from '../helpers';
import { rawDb, UP_TO_10, V20 } from './support';

const noop = () => undefined;

describe('parseMigrations', () => {
  it('finds every file in migrations/ by its name, in rising order', () => {
    // read from the folder, not from index.ts: a file left out of the list fails here
    const files = readdirSync(join(__dirname, '../../../src/main/core/db/migrations')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}.ts`)).toEqual(files.sort());
    expect(MIGRATIONS[0]).toMatchObject({ version: 10, name: 'init' });
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('sorts by version whatever the order of the modules', () => {
    const list = parseMigrations({ '0020_b': { up: noop }, '0010_a': { up: noop } });
    expect(list.map((m) => [m.version, m.name])).toEqual([
      [10, 'a'],
      [20, 'b'],
    ]);
  });

  it('rejects two migrations with one version', () => {
    expect(() => parseMigrations({ '0010_a': { up: noop }, '0010_b': { up: noop } })).toThrow(/share version 10/);
  });

  it.each(['10_init', '0010-init', '0010_Init', '0010_init.ts', 'init'])('rejects the bad file name %s', (name) => {
    expect(() => parseMigrations({ [name]: { up: noop } })).toThrow(/NNNN_name\.ts/);
  });

  it('rejects version 0 and a module without up()', () => {
    expect(() => parseMigrations({ '0000_zero': { up: noop } })).toThrow(/positive/);
    expect(() => parseMigrations({ '0010_x': {} as { up: () => void } })).toThrow(/no up\(\)/);
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
      'appeals',
      'appraisal_ballots',
      'assessment_months',
      'audit_days',
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
      'period_assessments',
      'period_members',
      'period_results',
      'period_scheme_versions',
      'period_schemes',
      'period_tie_decisions',
      'person_terms',
      'platform_rules',
      'point_entries',
      'point_rules',
      'point_totals',
      'recusals',
      'scheme_versions',
      'schemes',
      'scores',
      'settings',
      'sheet_reasons',
      'star_grid_ratings',
      'star_ratings',
      'star_rule_sets',
      'star_runs',
      'star_tie_decisions',
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
