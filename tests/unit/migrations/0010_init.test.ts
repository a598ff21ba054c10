/** Version 10: the organisation tree, the roster with dated terms, settings and the audit log. Before it: an empty file. */
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/db/migrate';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0010 migration: init', () => {
  it('an empty file (version 0) gets the first tables at 10, STRICT, with an append-only audit log', () => {
    const db = tempDb();
    // N−1 is the empty file: nothing below 10 to run, no rows to keep
    expect(migrateBelow(db, 10)).toEqual({ from: 0, to: 0 });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    expect(migrateTo(db, 10)).toEqual({ from: 0, to: 10 });
    const tables = ['audit_log', 'org_units', 'people', 'person_terms', 'settings'];
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(tables);
    expect(db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1 ORDER BY name").pluck().all()).toEqual(tables);
    db.exec("INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value, reason) VALUES ('x', '测试', 'create', 'person', 1, NULL, '{}', '')");
    expect(() => db.exec("UPDATE audit_log SET reason = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });

  it('keeps one current term per person and dated terms in order', () => {
    const db = tempDb();
    // at the latest version, so a later migration that loosened these rules would fail here
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
