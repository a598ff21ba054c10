/** Version 70: platform statistics rules. */
import { describe, expect, it } from 'vitest';
import { migrateBelow, migrateTo, tempDb } from './support';

describe('the 0070 migration: platform rules', () => {
  it('rows written at 60 are kept at 70; a rule names one target and the parameters its mode needs', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    migrateBelow(db, 70);
    db.exec("INSERT INTO org_units (id, parent_id, kind, name, code, created_at) VALUES (1, NULL, 'street', '西乡街道', 'S', 'x')");
    const before = ['org_units', 'point_rules'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
    expect(migrateTo(db, 70).to).toBe(70);
    expect(['org_units', 'point_rules'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).toEqual(before);
    expect(db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').pluck().get('platform_rules')).toBe(1);
    const insert = (values: string) =>
      db.exec(`INSERT INTO platform_rules (column_name, target, point_rule_id, scheme_id, criterion_name, mode, per, op, threshold, created_at) VALUES (${values}, 'x')`);
    insert("'上报事件', 'points', 1, NULL, '', 'value', NULL, NULL, NULL");
    insert("'采集信息', 'points', 3, NULL, '', 'per', 1000, NULL, NULL");
    expect(() => insert("'x', 'points', NULL, NULL, '', 'value', NULL, NULL, NULL")).toThrow(/CHECK/);
    expect(() => insert("'x', 'criterion', NULL, NULL, '考勤', 'value', NULL, NULL, NULL")).toThrow(/CHECK/);
    expect(() => insert("'x', 'points', 1, NULL, '', 'per', NULL, NULL, NULL")).toThrow(/CHECK/);
    expect(() => insert("'x', 'points', 1, NULL, '', 'threshold', NULL, '>=', NULL")).toThrow(/CHECK/);
    expect(() => insert("'x', 'points', 999, NULL, '', 'value', NULL, NULL, NULL")).toThrow(/FOREIGN KEY/);
  });
});
