/**
 * District store, version 10: registered streets, every package imported (the current one per street and period, and
 * the ones it replaced: history is kept), the package's rows, and the district's administrators.
 * Frozen once released: never import live app constants here.
 */
export const version = 10;
export const name = 'init';
export const sql = `
  CREATE TABLE streets (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
    public_key    text NOT NULL,
    fingerprint   text NOT NULL UNIQUE,
    registered_at timestamptz NOT NULL,
    registered_by text NOT NULL
  );

  CREATE TABLE packages (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    street_id     integer NOT NULL REFERENCES streets(id),
    period        text NOT NULL CHECK (period ~ '^[0-9]{4}(-H[12]|-Q[1-4])?$'),
    period_label  text NOT NULL,
    exported_at   timestamptz NOT NULL,
    imported_at   timestamptz NOT NULL,
    imported_by   text NOT NULL,
    digest        text NOT NULL UNIQUE,
    signature     text NOT NULL,
    format_version integer NOT NULL,
    is_current    boolean NOT NULL,
    replaced_by   bigint REFERENCES packages(id)
  );
  CREATE UNIQUE INDEX packages_one_current ON packages(street_id, period) WHERE is_current;

  CREATE TABLE package_people (
    package_id bigint NOT NULL REFERENCES packages(id),
    ref        integer NOT NULL,
    name       text NOT NULL,
    id_masked  text NOT NULL,
    community  text NOT NULL,
    PRIMARY KEY (package_id, ref)
  );

  CREATE TABLE package_months (
    package_id   bigint NOT NULL REFERENCES packages(id),
    month        text NOT NULL,
    person_ref   integer NOT NULL,
    community    text NOT NULL,
    role         text NOT NULL,
    exempt       boolean NOT NULL,
    total        integer,
    grade        text,
    veto         boolean NOT NULL,
    rank_in_unit integer,
    PRIMARY KEY (package_id, month, person_ref)
  );

  CREATE TABLE package_results (
    package_id        bigint NOT NULL REFERENCES packages(id),
    person_ref        integer NOT NULL,
    community         text NOT NULL,
    total             integer,
    grade             text,
    status            text NOT NULL CHECK (status IN ('graded','undetermined')),
    rank_in_street    integer,
    rank_in_community integer,
    PRIMARY KEY (package_id, person_ref)
  );

  CREATE TABLE package_criteria (
    package_id bigint NOT NULL REFERENCES packages(id),
    category   text NOT NULL,
    criterion  text NOT NULL,
    community  text NOT NULL,
    share      integer NOT NULL,
    sheets     integer NOT NULL CHECK (sheets >= 0)
  );
  CREATE INDEX package_criteria_package ON package_criteria(package_id);

  CREATE TABLE package_evaluators (
    package_id bigint NOT NULL REFERENCES packages(id),
    name       text NOT NULL,
    grp        text NOT NULL,
    workers    integer NOT NULL,
    mean       integer,
    shared     integer NOT NULL,
    leniency   integer,
    lenient    boolean NOT NULL,
    harsh      boolean NOT NULL,
    flat       boolean NOT NULL
  );
  CREATE INDEX package_evaluators_package ON package_evaluators(package_id);

  CREATE TABLE package_stars (
    package_id bigint NOT NULL REFERENCES packages(id),
    period     text NOT NULL,
    person_ref integer NOT NULL,
    stars      integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
    PRIMARY KEY (package_id, period, person_ref)
  );

  CREATE TABLE package_awards (
    package_id bigint NOT NULL REFERENCES packages(id),
    batch      text NOT NULL,
    level      text NOT NULL,
    date       date NOT NULL,
    person_ref integer NOT NULL
  );
  CREATE INDEX package_awards_package ON package_awards(package_id);

  CREATE TABLE admins (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login         text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL
  );

  -- append-only: who did what in the district store
  CREATE TABLE audit_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    action  text NOT NULL,
    detail  jsonb NOT NULL
  );
`;
