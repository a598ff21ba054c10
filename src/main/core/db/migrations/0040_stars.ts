/**
 * Version 40: star ratings (星级评定) — rule sets, rating runs with each person's stars and the reason for them, grid
 * ratings — and discipline records (通报批评 etc.), which star rules read (issue 6 builds the awards area on them).
 * A published run is read-only, enforced here as well as in the handlers. A run keeps the rules it was computed
 * with, so editing a rule set never rewrites a published rating.
 * Frozen once released: never import live app constants here (the default rule set is written out below).
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    -- 星级规则. Averages and points in hundredths; a grid's mean star in hundredths of a star (3.5★ → 350).
    -- thresholds: [{stars, minAverage, minPoints|null}]; quota: [{stars, percent, minPoints|null}];
    -- grid_thresholds: [{stars, minMean}]; 1★ is what no line reaches. scheme_id NULL: every scheme's months.
    CREATE TABLE star_rule_sets (
      id                        INTEGER PRIMARY KEY,
      name                      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
      period_kind               TEXT NOT NULL CHECK (period_kind IN ('quarter','half','year')),
      method                    TEXT NOT NULL CHECK (method IN ('thresholds','quota')),
      thresholds                TEXT NOT NULL CHECK (json_valid(thresholds)),
      quota                     TEXT NOT NULL CHECK (json_valid(quota)),
      grid_thresholds           TEXT NOT NULL CHECK (json_valid(grid_thresholds)),
      veto_cap                  INTEGER NOT NULL CHECK (veto_cap IN (0,1)),
      criticism_blocks_upgrade  INTEGER NOT NULL CHECK (criticism_blocks_upgrade IN (0,1)),
      dynamic                   INTEGER NOT NULL CHECK (dynamic IN (0,1)),
      award_upgrade             INTEGER NOT NULL CHECK (award_upgrade IN (0,1)),
      scheme_id                 INTEGER REFERENCES schemes(id),
      created_at                TEXT NOT NULL,
      updated_at                TEXT NOT NULL
    ) STRICT;

    -- A rating of one period with one rule set: draft while previewed and adjusted, then published (read-only).
    -- period: '2026-Q3', '2026-H1' or '2026'; start and end are its first and last day. rules: the rule set as the
    -- run was computed with it. One published run per period.
    CREATE TABLE star_runs (
      id            INTEGER PRIMARY KEY,
      rule_set_id   INTEGER NOT NULL REFERENCES star_rule_sets(id),
      period        TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'
                                         OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
      period_start  TEXT NOT NULL,
      period_end    TEXT NOT NULL CHECK (period_end > period_start),
      rules         TEXT NOT NULL CHECK (json_valid(rules)),
      status        TEXT NOT NULL CHECK (status IN ('draft','published')),
      created_at    TEXT NOT NULL,
      computed_at   TEXT NOT NULL,
      published_at  TEXT,
      published_by  TEXT,
      UNIQUE (rule_set_id, period)
    ) STRICT;
    CREATE UNIQUE INDEX star_runs_one_published ON star_runs(period) WHERE status = 'published';
    CREATE INDEX star_runs_end ON star_runs(status, period_end);

    -- Each person's stars in a run: what the rules gave (computed_stars, with the reason in words) and what stands
    -- (stars: the computed stars, or an override with its reason, who made it and when).
    CREATE TABLE star_ratings (
      run_id           INTEGER NOT NULL REFERENCES star_runs(id),
      person_id        INTEGER NOT NULL REFERENCES people(id),
      unit_id          INTEGER REFERENCES org_units(id),
      average          INTEGER NOT NULL,
      months           INTEGER NOT NULL CHECK (months > 0),
      points           INTEGER NOT NULL DEFAULT 0,
      vetoes           INTEGER NOT NULL DEFAULT 0,
      criticisms       INTEGER NOT NULL DEFAULT 0,
      previous_stars   INTEGER CHECK (previous_stars BETWEEN 1 AND 5),
      computed_stars   INTEGER NOT NULL CHECK (computed_stars BETWEEN 1 AND 5),
      stars            INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
      reason           TEXT NOT NULL,
      override_reason  TEXT NOT NULL DEFAULT '',
      overridden_by    TEXT,
      overridden_at    TEXT,
      PRIMARY KEY (run_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX star_ratings_person ON star_ratings(person_id);

    -- 星级网格: a grid's stars from the mean of its workers' stars (mean in hundredths of a star).
    CREATE TABLE star_grid_ratings (
      run_id   INTEGER NOT NULL REFERENCES star_runs(id),
      unit_id  INTEGER NOT NULL REFERENCES org_units(id),
      workers  INTEGER NOT NULL CHECK (workers > 0),
      mean     INTEGER NOT NULL,
      stars    INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
      PRIMARY KEY (run_id, unit_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER star_runs_published_no_update BEFORE UPDATE ON star_runs
      WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_runs_published_no_delete BEFORE DELETE ON star_runs
      WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_ratings_published_no_insert BEFORE INSERT ON star_ratings
      WHEN (SELECT status FROM star_runs WHERE id = NEW.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_ratings_published_no_update BEFORE UPDATE ON star_ratings
      WHEN (SELECT status FROM star_runs WHERE id = OLD.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_ratings_published_no_delete BEFORE DELETE ON star_ratings
      WHEN (SELECT status FROM star_runs WHERE id = OLD.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_grid_ratings_published_no_insert BEFORE INSERT ON star_grid_ratings
      WHEN (SELECT status FROM star_runs WHERE id = NEW.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_grid_ratings_published_no_update BEFORE UPDATE ON star_grid_ratings
      WHEN (SELECT status FROM star_runs WHERE id = OLD.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;
    CREATE TRIGGER star_grid_ratings_published_no_delete BEFORE DELETE ON star_grid_ratings
      WHEN (SELECT status FROM star_runs WHERE id = OLD.run_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published star rating is read-only'); END;

    -- 通报批评、诫勉谈话、警告: read by star rules now, by the awards area (issue 6) later. Changes are audited.
    CREATE TABLE discipline_records (
      id          INTEGER PRIMARY KEY,
      person_id   INTEGER NOT NULL REFERENCES people(id),
      date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      kind        TEXT NOT NULL CHECK (kind IN ('通报批评','诫勉谈话','警告')),
      reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
      created_by  TEXT NOT NULL,
      created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX discipline_records_person ON discipline_records(person_id, date);
    CREATE INDEX discipline_records_date ON discipline_records(date);
  `);
  // The default rule set offices start from: quarterly, 96/90/80/70, veto caps, 通报批评 blocks an upgrade, ±1.
  db.prepare(
    `INSERT INTO star_rule_sets (name, period_kind, method, thresholds, quota, grid_thresholds, veto_cap,
       criticism_blocks_upgrade, dynamic, award_upgrade, scheme_id, created_at, updated_at)
     VALUES ('季度星级评定', 'quarter', 'thresholds', ?, ?, ?, 1, 1, 1, 0, NULL,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  ).run(
    JSON.stringify([
      { stars: 5, minAverage: 9600, minPoints: null },
      { stars: 4, minAverage: 9000, minPoints: null },
      { stars: 3, minAverage: 8000, minPoints: null },
      { stars: 2, minAverage: 7000, minPoints: null },
    ]),
    JSON.stringify([
      { stars: 5, percent: 10, minPoints: null },
      { stars: 4, percent: 20, minPoints: null },
      { stars: 3, percent: 40, minPoints: null },
      { stars: 2, percent: 20, minPoints: null },
    ]),
    JSON.stringify([
      { stars: 5, minMean: 450 },
      { stars: 4, minMean: 350 },
      { stars: 3, minMean: 250 },
      { stars: 2, minMean: 150 },
    ]),
  );
}
