/**
 * Version 50: awards (表彰) — batches that move 初选 → 审核 → 公示 → 表彰 (each move logged with who and when), and their
 * candidates drawn from a period's ranking under quotas, with ties at the quota line kept and marked for the
 * secretary to decide. A published (表彰) batch is read-only, enforced here as well as in the handlers; its
 * candidates still nominated are the recipients, which star rules and the person's page read.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    -- stage: initial 初选, review 审核, notice 公示, published 表彰. Quotas: NULL for none. role: only people in this
    -- role are nominated (NULL: any). The nomination as last drawn: period 'YYYY-MM'..'YYYY-MM', basis, eligibility.
    CREATE TABLE award_batches (
      id             INTEGER PRIMARY KEY,
      name           TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
      level          TEXT NOT NULL CHECK (level IN ('市级','区级','街道','社区')),
      issuer         TEXT NOT NULL DEFAULT '' CHECK (length(issuer) <= 60),
      date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      role           TEXT,
      quota_total    INTEGER CHECK (quota_total IS NULL OR quota_total > 0),
      quota_per_unit INTEGER CHECK (quota_per_unit IS NULL OR quota_per_unit > 0),
      stage          TEXT NOT NULL CHECK (stage IN ('initial','review','notice','published')),
      period_from    TEXT CHECK (period_from IS NULL OR period_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
      period_to      TEXT CHECK (period_to IS NULL OR period_to >= period_from),
      basis          TEXT CHECK (basis IS NULL OR basis IN ('average','points','stars')),
      eligibility    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(eligibility)),
      nomination     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(nomination)),
      note           TEXT NOT NULL DEFAULT '',
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL,
      published_at   TEXT,
      published_by   TEXT
    ) STRICT;
    CREATE INDEX award_batches_date ON award_batches(stage, date);

    CREATE TABLE award_stage_log (
      id          INTEGER PRIMARY KEY,
      batch_id    INTEGER NOT NULL REFERENCES award_batches(id) ON DELETE CASCADE,
      from_stage  TEXT CHECK (from_stage IS NULL OR from_stage IN ('initial','review','notice','published')),
      to_stage    TEXT NOT NULL CHECK (to_stage IN ('initial','review','notice','published')),
      actor       TEXT NOT NULL,
      at          TEXT NOT NULL,
      note        TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX award_stage_log_batch ON award_stage_log(batch_id, id);

    -- A candidate: the unit at nomination (the batch date), the value ranked on (hundredths, or stars), the rank in
    -- the community, the status (nominated; tied at a quota line, to be decided; removed with a reason), whether the
    -- secretary added them by hand (with a reason), the tie mark, the deeds (事迹) and the order in lists.
    CREATE TABLE award_candidates (
      id              INTEGER PRIMARY KEY,
      batch_id        INTEGER NOT NULL REFERENCES award_batches(id) ON DELETE CASCADE,
      person_id       INTEGER NOT NULL REFERENCES people(id),
      unit_id         INTEGER REFERENCES org_units(id),
      community_id    INTEGER REFERENCES org_units(id),
      basis           TEXT CHECK (basis IS NULL OR basis IN ('average','points','stars')),
      basis_value     INTEGER,
      rank            INTEGER CHECK (rank IS NULL OR rank > 0),
      status          TEXT NOT NULL CHECK (status IN ('nominated','tied','removed')),
      tie_mark        TEXT NOT NULL DEFAULT '',
      added_manually  INTEGER NOT NULL DEFAULT 0 CHECK (added_manually IN (0,1)),
      add_reason      TEXT NOT NULL DEFAULT '',
      remove_reason   TEXT NOT NULL DEFAULT '',
      deeds           TEXT NOT NULL DEFAULT '' CHECK (length(deeds) <= 1000),
      sort_order      INTEGER NOT NULL DEFAULT 0,
      UNIQUE (batch_id, person_id),
      CHECK (status <> 'removed' OR remove_reason <> ''),
      CHECK (added_manually = 0 OR add_reason <> '')
    ) STRICT;
    CREATE INDEX award_candidates_person ON award_candidates(person_id, status);

    CREATE TRIGGER award_batches_published_no_update BEFORE UPDATE ON award_batches
      WHEN OLD.stage = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published award batch is read-only'); END;
    CREATE TRIGGER award_batches_published_no_delete BEFORE DELETE ON award_batches
      WHEN OLD.stage = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published award batch is read-only'); END;
    CREATE TRIGGER award_candidates_published_no_insert BEFORE INSERT ON award_candidates
      WHEN (SELECT stage FROM award_batches WHERE id = NEW.batch_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published award batch is read-only'); END;
    CREATE TRIGGER award_candidates_published_no_update BEFORE UPDATE ON award_candidates
      WHEN (SELECT stage FROM award_batches WHERE id = OLD.batch_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published award batch is read-only'); END;
    CREATE TRIGGER award_candidates_published_no_delete BEFORE DELETE ON award_candidates
      WHEN (SELECT stage FROM award_batches WHERE id = OLD.batch_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published award batch is read-only'); END;
    CREATE TRIGGER award_stage_log_no_update BEFORE UPDATE ON award_stage_log
      BEGIN SELECT RAISE(ABORT, 'award_stage_log is append-only'); END;
    CREATE TRIGGER award_stage_log_published_no_insert BEFORE INSERT ON award_stage_log
      WHEN (SELECT stage FROM award_batches WHERE id = NEW.batch_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published award batch is read-only'); END;
  `);
}
