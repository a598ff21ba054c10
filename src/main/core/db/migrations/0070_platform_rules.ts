/**
 * Version 70: platform statistics rules (平台统计规则) — how a column of the grid platform's monthly export (上报事件,
 * 办结率 …) becomes points under a points rule, or occurrences of a criterion of a scheme (named, so the rule holds
 * across the scheme's versions). The count is the value itself, one for every `per`, or one when the value meets
 * a threshold. Values in hundredths.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE platform_rules (
      id             INTEGER PRIMARY KEY,
      column_name    TEXT NOT NULL CHECK (length(column_name) BETWEEN 1 AND 40),
      target         TEXT NOT NULL CHECK (target IN ('points','criterion')),
      point_rule_id  INTEGER REFERENCES point_rules(id),
      scheme_id      INTEGER REFERENCES schemes(id),
      criterion_name TEXT NOT NULL DEFAULT '',
      mode           TEXT NOT NULL CHECK (mode IN ('value','per','threshold')),
      per            INTEGER CHECK (per IS NULL OR per > 0),
      op             TEXT CHECK (op IS NULL OR op IN ('>=','>','<=','<')),
      threshold      INTEGER,
      active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      note           TEXT NOT NULL DEFAULT '',
      sort_order     INTEGER NOT NULL DEFAULT 0,
      created_at     TEXT NOT NULL,
      CHECK ((target = 'points') = (point_rule_id IS NOT NULL)),
      CHECK ((target = 'criterion') = (scheme_id IS NOT NULL AND criterion_name <> '')),
      CHECK ((mode = 'per') = (per IS NOT NULL)),
      CHECK ((mode = 'threshold') = (op IS NOT NULL AND threshold IS NOT NULL))
    ) STRICT;
  `);
}
