/** Reading the organisation tree. */
import type { Database } from 'better-sqlite3';
import type { UnitNode } from '../../../shared/contract/org';
import { treeOrderOf, unitPathsOf, type UnitKind } from '../../../shared/domain/org';
import { AppError } from '../../../shared/errors';
import { prepared } from '../db/statements';
import { keptWhileUnchanged } from '../db/unchanged';

type UnitNodeLike = { id: number; parentId: number | null; name: string };

interface UnitRow {
  id: number;
  parent_id: number | null;
  kind: UnitKind;
  name: string;
  code: string;
  sort_order: number;
  retired_on: string | null;
  people_in_post: number;
}

/**
 * The units with the people in post directly in each on `asOf` (the term in force that day, so a transfer dated in the
 * future moves nobody yet and the count agrees with the roster as of that day); without a date, by the latest terms.
 */
const selectUnits = (asOf: string | undefined) => `
  SELECT u.id, u.parent_id, u.kind, u.name, u.code, u.sort_order, u.retired_on,
         coalesce(c.n, 0) AS people_in_post
  FROM org_units u
  LEFT JOIN (SELECT unit_id, count(*) AS n FROM person_terms
             WHERE ${asOf === undefined ? 'valid_to IS NULL' : 'valid_from <= @asOf AND (valid_to IS NULL OR valid_to > @asOf)'}
               AND status = '在岗' GROUP BY unit_id) c ON c.unit_id = u.id`;

function toNode(r: UnitRow): UnitNode {
  return {
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind,
    name: r.name,
    code: r.code,
    sortOrder: r.sort_order,
    retiredOn: r.retired_on,
    peopleInPost: r.people_in_post,
  };
}

/** Every unit, with its people in post on `asOf` (see selectUnits). */
export function listUnits(db: Database, asOf?: string): UnitNode[] {
  const statement = db.prepare(`${selectUnits(asOf)} ORDER BY u.sort_order, u.id`);
  return ((asOf === undefined ? statement.all() : statement.all({ asOf })) as UnitRow[]).map(toNode);
}

export function getUnit(db: Database, id: number): UnitNode {
  const row = db.prepare(`${selectUnits(undefined)} WHERE u.id = ?`).get(id) as UnitRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该单位不存在，可能已被删除');
  return toNode(row);
}

/** The unit and every unit below it. */
export function subtreeIds(db: Database, id: number): number[] {
  return (
    db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT o.id FROM org_units o JOIN sub ON o.parent_id = sub.id)
         SELECT id FROM sub`,
      )
      .pluck()
      .all(id) as number[]
  );
}

/** Each unit's display path ('固戍社区 / 第03网格'); kept while the file is unchanged (callers only read it). */
export function unitPaths(db: Database): ReadonlyMap<number, string> {
  return keptWhileUnchanged(db, 'org.unitPaths', () => unitPathsOf(prepared(db, 'SELECT id, parent_id AS parentId, name FROM org_units').all() as UnitNodeLike[]));
}

/** Each unit's place in the tree read top to bottom (see treeOrderOf): communities listed as the tree lists them. */
export function treeOrder(db: Database): Map<number, number> {
  return treeOrderOf(db.prepare('SELECT id, parent_id AS parentId, sort_order AS sortOrder FROM org_units').all() as { id: number; parentId: number | null; sortOrder: number }[]);
}

interface UnitLite {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  name: string;
}

export interface UnitIndex {
  paths: Map<number, string>;
  byId: Map<number, UnitLite>;
  /** The nearest grid at or above a unit (a micro-grid's worker belongs to its grid), or null. */
  gridOf: (unitId: number) => UnitLite | null;
  /** The community or village a unit lies in. */
  communityOf: (unitId: number) => UnitLite | null;
}

export function unitIndex(db: Database): UnitIndex {
  const units = db.prepare('SELECT id, parent_id AS parentId, kind, name FROM org_units').all() as UnitLite[];
  const byId = new Map(units.map((u) => [u.id, u]));
  const up = (unitId: number, match: (u: UnitLite) => boolean): UnitLite | null => {
    for (let u = byId.get(unitId); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) if (match(u)) return u;
    return null;
  };
  return {
    paths: unitPathsOf(units),
    byId,
    gridOf: (id) => up(id, (u) => u.kind.startsWith('grid_')),
    communityOf: (id) => up(id, (u) => u.kind === 'community' || u.kind === 'village'),
  };
}
