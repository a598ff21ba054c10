/**
 * Version 20: assessment schemes with versions and criteria, evaluators, months, their members and scores.
 * A published version and a finalised month are read-only, enforced here as well as in the handlers.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE schemes (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
      description TEXT NOT NULL DEFAULT '',
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE scheme_versions (
      id           INTEGER PRIMARY KEY,
      scheme_id    INTEGER NOT NULL REFERENCES schemes(id),
      version      INTEGER NOT NULL CHECK (version > 0),
      status       TEXT NOT NULL CHECK (status IN ('draft','published')),
      roles        TEXT NOT NULL CHECK (json_valid(roles)),
      full_score   INTEGER NOT NULL CHECK (full_score > 0),
      aggregation  TEXT NOT NULL CHECK (aggregation IN ('mean','trimmed_mean','group_weights')),
      groups       TEXT NOT NULL CHECK (json_valid(groups)),
      bands        TEXT NOT NULL CHECK (json_valid(bands)),
      created_at   TEXT NOT NULL,
      published_at TEXT,
      UNIQUE (scheme_id, version)
    ) STRICT;
    CREATE UNIQUE INDEX scheme_versions_one_draft ON scheme_versions(scheme_id) WHERE status = 'draft';
    CREATE TRIGGER scheme_versions_published_no_update BEFORE UPDATE ON scheme_versions
      WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published scheme version is read-only'); END;
    CREATE TRIGGER scheme_versions_published_no_delete BEFORE DELETE ON scheme_versions
      WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published scheme version is read-only'); END;

    CREATE TABLE criteria (
      id          INTEGER PRIMARY KEY,
      version_id  INTEGER NOT NULL REFERENCES scheme_versions(id),
      sort_order  INTEGER NOT NULL,
      category    TEXT NOT NULL,
      name        TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('score','deduction','bonus','veto')),
      max_points  INTEGER NOT NULL CHECK (max_points >= 0),
      per_unit    INTEGER NOT NULL DEFAULT 0 CHECK (per_unit >= 0),
      cap         INTEGER NOT NULL DEFAULT 0 CHECK (cap >= 0),
      floor       TEXT NOT NULL DEFAULT 'criterion' CHECK (floor IN ('criterion','category')),
      guide       TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX criteria_version ON criteria(version_id, sort_order);

    CREATE TRIGGER criteria_published_no_insert BEFORE INSERT ON criteria
      WHEN (SELECT status FROM scheme_versions WHERE id = NEW.version_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published scheme version is read-only'); END;
    CREATE TRIGGER criteria_published_no_update BEFORE UPDATE ON criteria
      WHEN (SELECT status FROM scheme_versions WHERE id = OLD.version_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published scheme version is read-only'); END;
    CREATE TRIGGER criteria_published_no_delete BEFORE DELETE ON criteria
      WHEN (SELECT status FROM scheme_versions WHERE id = OLD.version_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published scheme version is read-only'); END;

    CREATE TABLE evaluators (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
      group_name  TEXT NOT NULL DEFAULT '',
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE assessment_months (
      id            INTEGER PRIMARY KEY,
      scheme_id     INTEGER NOT NULL REFERENCES schemes(id),
      version_id    INTEGER NOT NULL REFERENCES scheme_versions(id),
      period        TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
      status        TEXT NOT NULL CHECK (status IN ('open','finalised')),
      opened_at     TEXT NOT NULL,
      finalised_at  TEXT,
      UNIQUE (scheme_id, period)
    ) STRICT;

    -- Who is assessed in a month, where they were and in which role, read from the dated roster at opening.
    CREATE TABLE month_members (
      month_id       INTEGER NOT NULL REFERENCES assessment_months(id),
      person_id      INTEGER NOT NULL REFERENCES people(id),
      unit_id        INTEGER NOT NULL REFERENCES org_units(id),
      role           TEXT NOT NULL,
      exempt_reason  TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (month_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX month_members_person ON month_members(person_id);

    -- One evaluator's entry for one criterion: a 评分项's score in hundredths, or a count of occurrences.
    CREATE TABLE scores (
      month_id      INTEGER NOT NULL,
      person_id     INTEGER NOT NULL,
      evaluator_id  INTEGER NOT NULL REFERENCES evaluators(id),
      criterion_id  INTEGER NOT NULL REFERENCES criteria(id),
      value         INTEGER NOT NULL,
      note          TEXT NOT NULL DEFAULT '',
      updated_at    TEXT NOT NULL,
      PRIMARY KEY (month_id, person_id, evaluator_id, criterion_id),
      FOREIGN KEY (month_id, person_id) REFERENCES month_members(month_id, person_id)
    ) STRICT, WITHOUT ROWID;

    -- The results a month was finalised with, kept for history and reports; removed when the month is reopened.
    CREATE TABLE month_results (
      month_id      INTEGER NOT NULL REFERENCES assessment_months(id),
      person_id     INTEGER NOT NULL REFERENCES people(id),
      total         INTEGER,
      grade         TEXT,
      veto          INTEGER NOT NULL CHECK (veto IN (0,1)),
      rank_in_unit  INTEGER,
      rank_in_role  INTEGER,
      PRIMARY KEY (month_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX month_results_person ON month_results(person_id);

    CREATE TRIGGER month_members_finalised_no_insert BEFORE INSERT ON month_members
      WHEN (SELECT status FROM assessment_months WHERE id = NEW.month_id) = 'finalised'
      BEGIN SELECT RAISE(ABORT, 'a finalised month is read-only'); END;
    CREATE TRIGGER month_members_finalised_no_update BEFORE UPDATE ON month_members
      WHEN (SELECT status FROM assessment_months WHERE id = OLD.month_id) = 'finalised'
      BEGIN SELECT RAISE(ABORT, 'a finalised month is read-only'); END;
    CREATE TRIGGER month_members_finalised_no_delete BEFORE DELETE ON month_members
      WHEN (SELECT status FROM assessment_months WHERE id = OLD.month_id) = 'finalised'
      BEGIN SELECT RAISE(ABORT, 'a finalised month is read-only'); END;

    CREATE TRIGGER scores_finalised_no_insert BEFORE INSERT ON scores
      WHEN (SELECT status FROM assessment_months WHERE id = NEW.month_id) = 'finalised'
      BEGIN SELECT RAISE(ABORT, 'a finalised month is read-only'); END;
    CREATE TRIGGER scores_finalised_no_update BEFORE UPDATE ON scores
      WHEN (SELECT status FROM assessment_months WHERE id = OLD.month_id) = 'finalised'
      BEGIN SELECT RAISE(ABORT, 'a finalised month is read-only'); END;
    CREATE TRIGGER scores_finalised_no_delete BEFORE DELETE ON scores
      WHEN (SELECT status FROM assessment_months WHERE id = OLD.month_id) = 'finalised'
      BEGIN SELECT RAISE(ABORT, 'a finalised month is read-only'); END;
  `);
}
