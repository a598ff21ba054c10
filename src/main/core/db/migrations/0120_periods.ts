/**
 * Version 120: period and annual assessment (季度/半年/年度考核) and the rater rules.
 * - period_schemes and their versions (rules as JSON: weights, ballot values, points worth 100, minimum months in post,
 *   veto cap, consecutive 不合格, the 优秀 quota, bands); a published version is read-only, a period keeps its version.
 * - period_assessments with their members, year-end ballots (优秀/称职/基本称职/不称职 per rater), decisions on ties at
 *   the quota line, and the results a finalised period was sealed with (read-only while finalised).
 * - recusals (回避) per month × worker × evaluator with a reason, and reasons for extreme sheet totals, both read-only in
 *   a finalised month; per-version limits for those totals (null: the full score, and 60 points).
 * - appeals (申诉) against a month or a period result, and their review (复核).
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

const readOnlyWhenFinalised = (table: string, parent: string, key: string, message: string) => `
    CREATE TRIGGER ${table}_finalised_no_insert BEFORE INSERT ON ${table}
      WHEN (SELECT status FROM ${parent} WHERE id = NEW.${key}) = 'finalised'
      BEGIN SELECT RAISE(ABORT, '${message}'); END;
    CREATE TRIGGER ${table}_finalised_no_update BEFORE UPDATE ON ${table}
      WHEN (SELECT status FROM ${parent} WHERE id = OLD.${key}) = 'finalised'
      BEGIN SELECT RAISE(ABORT, '${message}'); END;
    CREATE TRIGGER ${table}_finalised_no_delete BEFORE DELETE ON ${table}
      WHEN (SELECT status FROM ${parent} WHERE id = OLD.${key}) = 'finalised'
      BEGIN SELECT RAISE(ABORT, '${message}'); END;`;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE period_schemes (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
      kind        TEXT NOT NULL CHECK (kind IN ('quarter','half','year')),
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE period_scheme_versions (
      id                INTEGER PRIMARY KEY,
      period_scheme_id  INTEGER NOT NULL REFERENCES period_schemes(id),
      version           INTEGER NOT NULL CHECK (version >= 1),
      status            TEXT NOT NULL CHECK (status IN ('draft','published')),
      roles             TEXT NOT NULL CHECK (json_valid(roles)),
      -- the monthly scheme whose published totals make the 月度考核 component
      month_scheme_id   INTEGER REFERENCES schemes(id),
      rules             TEXT NOT NULL CHECK (json_valid(rules)),
      created_at        TEXT NOT NULL,
      published_at      TEXT,
      UNIQUE (period_scheme_id, version)
    ) STRICT;
    CREATE UNIQUE INDEX period_scheme_versions_one_draft ON period_scheme_versions(period_scheme_id) WHERE status = 'draft';
    CREATE TRIGGER period_scheme_versions_published_no_update BEFORE UPDATE ON period_scheme_versions
      WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published period scheme version is read-only'); END;
    CREATE TRIGGER period_scheme_versions_published_no_delete BEFORE DELETE ON period_scheme_versions
      WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published period scheme version is read-only'); END;

    CREATE TABLE period_assessments (
      id                INTEGER PRIMARY KEY,
      period_scheme_id  INTEGER NOT NULL REFERENCES period_schemes(id),
      version_id        INTEGER NOT NULL REFERENCES period_scheme_versions(id),
      -- '2026' (year), '2026-H1' (half), '2026-Q3' (quarter)
      period            TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]' OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
      status            TEXT NOT NULL CHECK (status IN ('open','finalised')),
      opened_at         TEXT NOT NULL,
      finalised_at      TEXT,
      digest            TEXT NOT NULL DEFAULT '',
      UNIQUE (period_scheme_id, period)
    ) STRICT;

    CREATE TABLE period_members (
      period_id  INTEGER NOT NULL REFERENCES period_assessments(id),
      person_id  INTEGER NOT NULL REFERENCES people(id),
      unit_id    INTEGER NOT NULL REFERENCES org_units(id),
      role       TEXT NOT NULL,
      PRIMARY KEY (period_id, person_id)
    ) STRICT;
    ${readOnlyWhenFinalised('period_members', 'period_assessments', 'period_id', 'a finalised period is read-only')}

    CREATE TABLE appraisal_ballots (
      period_id     INTEGER NOT NULL,
      person_id     INTEGER NOT NULL,
      evaluator_id  INTEGER NOT NULL REFERENCES evaluators(id),
      ballot        TEXT NOT NULL CHECK (ballot IN ('优秀','称职','基本称职','不称职')),
      updated_at    TEXT NOT NULL,
      PRIMARY KEY (period_id, person_id, evaluator_id),
      FOREIGN KEY (period_id, person_id) REFERENCES period_members(period_id, person_id)
    ) STRICT;
    ${readOnlyWhenFinalised('appraisal_ballots', 'period_assessments', 'period_id', 'a finalised period is read-only')}

    CREATE TABLE period_tie_decisions (
      period_id   INTEGER NOT NULL,
      person_id   INTEGER NOT NULL,
      keep        INTEGER NOT NULL CHECK (keep IN (0,1)),
      reason      TEXT NOT NULL CHECK (length(reason) >= 1),
      decided_by  TEXT NOT NULL,
      decided_at  TEXT NOT NULL,
      PRIMARY KEY (period_id, person_id),
      FOREIGN KEY (period_id, person_id) REFERENCES period_members(period_id, person_id)
    ) STRICT;
    ${readOnlyWhenFinalised('period_tie_decisions', 'period_assessments', 'period_id', 'a finalised period is read-only')}

    CREATE TABLE period_results (
      period_id        INTEGER NOT NULL,
      person_id        INTEGER NOT NULL,
      months_score     INTEGER,
      appraisal_score  INTEGER,
      points_score     INTEGER,
      total            INTEGER,
      grade            TEXT CHECK (grade IS NULL OR grade IN ('优秀','良好','合格','基本合格','不合格')),
      status           TEXT NOT NULL CHECK (status IN ('graded','undetermined')),
      warning          INTEGER NOT NULL DEFAULT 0 CHECK (warning IN (0,1)),
      quota            TEXT CHECK (quota IS NULL OR quota IN ('kept','dropped')),
      rank_grid        INTEGER,
      rank_community   INTEGER,
      rank_role        INTEGER,
      rank_street      INTEGER,
      derivation       TEXT NOT NULL CHECK (json_valid(derivation)),
      PRIMARY KEY (period_id, person_id),
      FOREIGN KEY (period_id, person_id) REFERENCES period_members(period_id, person_id)
    ) STRICT;
    ${readOnlyWhenFinalised('period_results', 'period_assessments', 'period_id', 'a finalised period is read-only')}

    CREATE TABLE recusals (
      month_id      INTEGER NOT NULL,
      person_id     INTEGER NOT NULL,
      evaluator_id  INTEGER NOT NULL REFERENCES evaluators(id),
      reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
      created_by    TEXT NOT NULL,
      created_at    TEXT NOT NULL,
      PRIMARY KEY (month_id, person_id, evaluator_id),
      FOREIGN KEY (month_id, person_id) REFERENCES month_members(month_id, person_id)
    ) STRICT;
    ${readOnlyWhenFinalised('recusals', 'assessment_months', 'month_id', 'a finalised month is read-only')}

    CREATE TABLE sheet_reasons (
      month_id      INTEGER NOT NULL,
      person_id     INTEGER NOT NULL,
      evaluator_id  INTEGER NOT NULL REFERENCES evaluators(id),
      reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
      PRIMARY KEY (month_id, person_id, evaluator_id),
      FOREIGN KEY (month_id, person_id) REFERENCES month_members(month_id, person_id)
    ) STRICT;
    ${readOnlyWhenFinalised('sheet_reasons', 'assessment_months', 'month_id', 'a finalised month is read-only')}

    ALTER TABLE scheme_versions ADD COLUMN reason_high INTEGER;
    ALTER TABLE scheme_versions ADD COLUMN reason_low INTEGER;

    CREATE TABLE appeals (
      id             INTEGER PRIMARY KEY,
      target         TEXT NOT NULL CHECK (target IN ('month','period')),
      target_id      INTEGER NOT NULL,
      person_id      INTEGER NOT NULL REFERENCES people(id),
      filed_on       TEXT NOT NULL,
      filed_by       TEXT NOT NULL,
      reason         TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      status         TEXT NOT NULL CHECK (status IN ('open','upheld','corrected')),
      reviewer       TEXT,
      review_reason  TEXT,
      reviewed_at    TEXT,
      CHECK ((status = 'open') = (reviewed_at IS NULL))
    ) STRICT;
    CREATE INDEX appeals_open ON appeals(status, filed_on);
    CREATE INDEX appeals_person ON appeals(person_id);
  `);
}
