/**
 * Version 10: the organisation tree, the roster with dated history, settings and the audit log.
 * Frozen once released: never import live app constants here.
 */
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE org_units (
      id          INTEGER PRIMARY KEY,
      parent_id   INTEGER REFERENCES org_units(id),
      kind        TEXT NOT NULL CHECK (kind IN ('street','community','village','grid_l2','grid_l3','grid_basic',
                                                'grid_special','micro_grid')),
      name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      code        TEXT NOT NULL UNIQUE,
      sort_order  INTEGER NOT NULL DEFAULT 0,
      retired_on  TEXT,
      retire_reason TEXT,
      created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX org_units_parent ON org_units(parent_id, sort_order);

    CREATE TABLE people (
      id            INTEGER PRIMARY KEY,
      name          TEXT NOT NULL,
      name_pinyin   TEXT NOT NULL,
      name_initials TEXT NOT NULL,
      gender        TEXT NOT NULL CHECK (gender IN ('男','女')),
      id_number     TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
      birth_date    TEXT NOT NULL,
      mobile        TEXT NOT NULL DEFAULT '',
      party_member  INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0,1)),
      hire_date     TEXT NOT NULL,
      note          TEXT NOT NULL DEFAULT '',
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX people_pinyin ON people(name_pinyin);

    -- A person's unit, roles and status over time: one row per stretch, valid_to exclusive, NULL while current.
    CREATE TABLE person_terms (
      id          INTEGER PRIMARY KEY,
      person_id   INTEGER NOT NULL REFERENCES people(id),
      valid_from  TEXT NOT NULL,
      valid_to    TEXT,
      unit_id     INTEGER NOT NULL REFERENCES org_units(id),
      roles       TEXT NOT NULL CHECK (json_valid(roles)),
      status      TEXT NOT NULL CHECK (status IN ('在岗','离岗')),
      change      TEXT NOT NULL,
      reason      TEXT NOT NULL DEFAULT '',
      created_at  TEXT NOT NULL,
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    ) STRICT;
    CREATE UNIQUE INDEX person_terms_current ON person_terms(person_id) WHERE valid_to IS NULL;
    CREATE INDEX person_terms_person ON person_terms(person_id, valid_from);
    CREATE INDEX person_terms_unit ON person_terms(unit_id, valid_from);

    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- Append-only: who changed what, when, from what to what, and why.
    CREATE TABLE audit_log (
      id         INTEGER PRIMARY KEY,
      at         TEXT NOT NULL,
      actor      TEXT NOT NULL,
      action     TEXT NOT NULL,
      entity     TEXT NOT NULL,
      entity_id  INTEGER,
      old_value  TEXT,
      new_value  TEXT,
      reason     TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
}
