/**
 * District store, version 20: each package's people and months counted once at import (the streets list shows them
 * for every package in the history without reading its rows); packages imported before are counted from their rows.
 * Frozen once released: never import live app constants here.
 */
export const version = 20;
export const name = 'package_counts';
export const sql = `
  ALTER TABLE packages ADD COLUMN people integer, ADD COLUMN months integer;
  UPDATE packages p SET
    people = (SELECT count(*) FROM package_people x WHERE x.package_id = p.id),
    months = (SELECT count(DISTINCT month) FROM package_months x WHERE x.package_id = p.id);
  ALTER TABLE packages ALTER COLUMN people SET NOT NULL, ALTER COLUMN months SET NOT NULL;
`;
