/**
 * Version 30: the points (积分) rule catalogue and the append-only points ledger, with the default rules offices use.
 * A correction is a reversing entry linked to the one it reverses; the ledger refuses UPDATE and DELETE.
 * Frozen once released: never import live app constants here (the default rules are written out below).
 */
import type { Database } from 'better-sqlite3';

/** [name, category, points per unit (hundredths), unit, cap (hundredths) or null, cap period or null, derived or null, note] */
type DefaultRule = [string, string, number, '次' | '件' | '天', number | null, 'month' | 'year' | null, string | null, string];

const DEFAULT_RULES: DefaultRule[] = [
  ['上报安全隐患', '安全排查', 50, '件', 1000, 'month', null, '上报经核实的消防、燃气、用电等安全隐患，每件0.5分'],
  ['化解矛盾纠纷', '矛盾调处', 200, '次', 1000, 'month', null, '成功调解邻里、家庭、物业等矛盾纠纷，需有调解记录'],
  ['采集更新人口信息', '基础信息', 10, '件', 500, 'month', null, '新增或更新实有人口、房屋信息，每件0.1分'],
  ['参加志愿服务', '社会参与', 100, '次', 500, 'month', null, '参加社区组织的志愿服务活动，每月最多5分'],
  ['关爱走访特殊群体', '关爱巡访', 50, '次', 500, 'month', null, '走访独居老人、困难家庭等，有走访记录'],
  ['提出合理化建议被采纳', '社会参与', 300, '件', 1200, 'year', null, '建议被街道或社区采纳，每年最多12分'],
  ['获街道级表彰', '表彰奖励', 500, '次', null, null, 'award:街道', '街道发文表彰'],
  ['获区级表彰', '表彰奖励', 1000, '次', null, null, 'award:区级', '区级发文表彰'],
  ['获市级表彰', '表彰奖励', 2000, '次', null, null, 'award:市级', '市级发文表彰'],
  ['月度考核优秀', '月度考核', 300, '次', null, null, 'grade:优秀', '月度考核归档时按等次自动记分'],
  ['月度考核不合格', '月度考核', -300, '次', null, null, 'grade:不合格', '月度考核归档时按等次自动记分'],
  ['投诉属实', '纪律作风', -500, '次', null, null, null, '群众投诉经核查属实'],
  ['无故缺勤', '纪律作风', -200, '天', null, null, null, '未请假且无正当理由缺勤'],
  ['巡查不到位被通报', '纪律作风', -100, '次', null, null, null, '街道或社区督查通报巡查不到位'],
  ['台账弄虚作假', '纪律作风', -1000, '次', null, null, null, '工作台账、走访记录弄虚作假，经查实'],
];

export function up(db: Database): void {
  db.exec(`
    -- 积分规则. Points and caps in hundredths (0.5 → 50); a cap bounds the points a rule gives one person in a
    -- calendar month or year (for a deducting rule, the points it takes). valid_to is inclusive; NULL while in force.
    -- derived names what posts the rule automatically: 'grade:优秀' when a month is finalised, 'award:市级' for awards.
    CREATE TABLE point_rules (
      id              INTEGER PRIMARY KEY,
      name            TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
      category        TEXT NOT NULL DEFAULT '',
      points_per_unit INTEGER NOT NULL CHECK (points_per_unit <> 0),
      unit            TEXT NOT NULL CHECK (unit IN ('次','件','天')),
      cap             INTEGER CHECK (cap IS NULL OR cap > 0),
      cap_period      TEXT CHECK (cap_period IN ('month','year')),
      valid_from      TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      valid_to        TEXT CHECK (valid_to IS NULL OR valid_to >= valid_from),
      derived         TEXT CHECK (derived IS NULL OR derived GLOB 'grade:*' OR derived GLOB 'award:*'),
      active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      note            TEXT NOT NULL DEFAULT '',
      sort_order      INTEGER NOT NULL DEFAULT 0,
      created_at      TEXT NOT NULL,
      CHECK ((cap IS NULL) = (cap_period IS NULL))
    ) STRICT;
    CREATE INDEX point_rules_derived ON point_rules(derived) WHERE derived IS NOT NULL;

    -- The ledger. quantity and points in hundredths (0.5天 → 50); points are after the cap, uncapped before it.
    -- A reversal (冲销) negates its original and points at it; an entry is reversed at most once.
    CREATE TABLE point_entries (
      id           INTEGER PRIMARY KEY,
      date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      person_id    INTEGER NOT NULL REFERENCES people(id),
      rule_id      INTEGER NOT NULL REFERENCES point_rules(id),
      quantity     INTEGER NOT NULL,
      points       INTEGER NOT NULL,
      uncapped     INTEGER NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('manual','import','month','award')),
      source_ref   TEXT NOT NULL DEFAULT '',
      note         TEXT NOT NULL DEFAULT '',
      reverses_id  INTEGER UNIQUE REFERENCES point_entries(id),
      entered_by   TEXT NOT NULL,
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX point_entries_person ON point_entries(person_id, date);
    CREATE INDEX point_entries_date ON point_entries(date, person_id);
    CREATE INDEX point_entries_rule ON point_entries(rule_id, person_id, date);
    CREATE INDEX point_entries_source_ref ON point_entries(source_ref) WHERE source_ref <> '';

    CREATE TRIGGER point_entries_no_update BEFORE UPDATE ON point_entries
      BEGIN SELECT RAISE(ABORT, 'point_entries is append-only: reverse an entry instead'); END;
    CREATE TRIGGER point_entries_no_delete BEFORE DELETE ON point_entries
      BEGIN SELECT RAISE(ABORT, 'point_entries is append-only: reverse an entry instead'); END;
    -- A reversal must negate a real, unreversed, non-reversal entry of the same person and rule.
    CREATE TRIGGER point_entries_reversal_matches BEFORE INSERT ON point_entries
      WHEN NEW.reverses_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM point_entries o WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
          AND o.person_id = NEW.person_id AND o.rule_id = NEW.rule_id AND o.points = -NEW.points)
      BEGIN SELECT RAISE(ABORT, 'a reversal must negate an original entry'); END;
  `);
  const insert = db.prepare(
    `INSERT INTO point_rules (name, category, points_per_unit, unit, cap, cap_period, valid_from, derived, note, sort_order, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '2020-01-01', ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  );
  DEFAULT_RULES.forEach(([name, category, perUnit, unit, cap, capPeriod, derived, note], i) =>
    insert.run(name, category, perUnit, unit, cap, capPeriod, derived, note, (i + 1) * 10),
  );
}
