/** Reading schemes, their versions and criteria. */
import type { Database } from 'better-sqlite3';
import type { KnownGroup, SchemeDetail, SchemeSummary } from '../../../shared/contract/schemes';
import type { Role } from '../../../shared/domain/people';
import type { Aggregation, Band, Criterion, CriterionKind, DeductionFloor, GroupWeight } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import { prepared } from '../db/statements';

interface VersionRow {
  id: number;
  scheme_id: number;
  version: number;
  status: 'draft' | 'published';
  roles: string;
  full_score: number;
  aggregation: Aggregation;
  groups: string;
  bands: string;
  reason_high: number | null;
  reason_low: number | null;
  published_at: string | null;
}

export interface SchemeVersion {
  versionId: number;
  schemeId: number;
  version: number;
  status: 'draft' | 'published';
  roles: Role[];
  fullScore: number;
  aggregation: Aggregation;
  groups: GroupWeight[];
  bands: Band[];
  /** 极端分说明's lines as the version sets them (null: the defaults, see shared/domain/sheet-reasons). */
  reasonHigh: number | null;
  reasonLow: number | null;
  publishedAt: string | null;
}

function toVersion(r: VersionRow): SchemeVersion {
  return {
    versionId: r.id,
    schemeId: r.scheme_id,
    version: r.version,
    status: r.status,
    roles: JSON.parse(r.roles) as Role[],
    fullScore: r.full_score,
    aggregation: r.aggregation,
    groups: JSON.parse(r.groups) as GroupWeight[],
    bands: JSON.parse(r.bands) as Band[],
    reasonHigh: r.reason_high,
    reasonLow: r.reason_low,
    publishedAt: r.published_at,
  };
}

export function getVersion(db: Database, versionId: number): SchemeVersion {
  const row = prepared(db, 'SELECT * FROM scheme_versions WHERE id = ?').get(versionId) as VersionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该考核方案版本不存在');
  return toVersion(row);
}

export function loadCriteria(db: Database, versionId: number): Criterion[] {
  const rows = prepared(db, 'SELECT * FROM criteria WHERE version_id = ? ORDER BY sort_order, id').all(versionId) as {
    id: number;
    category: string;
    name: string;
    kind: CriterionKind;
    max_points: number;
    per_unit: number;
    cap: number;
    floor: DeductionFloor;
    guide: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    name: r.name,
    kind: r.kind,
    max: r.max_points,
    perUnit: r.per_unit,
    cap: r.cap,
    floor: r.floor,
    guide: r.guide,
  }));
}

/** The draft if there is one, else the newest published version; or the version asked for. */
export function schemeDetail(db: Database, schemeId: number, version?: number): SchemeDetail {
  const scheme = db.prepare('SELECT id, name, description FROM schemes WHERE id = ?').get(schemeId) as
    | { id: number; name: string; description: string }
    | undefined;
  if (!scheme) throw new AppError('NOT_FOUND', '该考核方案不存在');
  const row = (
    version === undefined
      ? db.prepare("SELECT * FROM scheme_versions WHERE scheme_id = ? ORDER BY status = 'draft' DESC, version DESC LIMIT 1").get(schemeId)
      : db.prepare('SELECT * FROM scheme_versions WHERE scheme_id = ? AND version = ?').get(schemeId, version)
  ) as VersionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `方案“${scheme.name}”没有第${version}版`);
  const v = toVersion(row);
  const versions = db
    .prepare(
      `SELECT v.id AS versionId, v.version, v.status, v.published_at AS publishedAt,
              (SELECT count(*) FROM assessment_months m WHERE m.version_id = v.id) AS months
       FROM scheme_versions v WHERE v.scheme_id = ? ORDER BY v.version DESC`,
    )
    .all(schemeId) as SchemeDetail['versions'];
  const { schemeId: _s, ...rest } = v;
  return { schemeId, name: scheme.name, description: scheme.description, ...rest, criteria: loadCriteria(db, v.versionId), versions };
}

export function listSchemes(db: Database): SchemeSummary[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.name,
              (SELECT roles FROM scheme_versions v WHERE v.scheme_id = s.id ORDER BY v.version DESC LIMIT 1) AS roles,
              (SELECT max(version) FROM scheme_versions v WHERE v.scheme_id = s.id AND v.status = 'published') AS published,
              EXISTS (SELECT 1 FROM scheme_versions v WHERE v.scheme_id = s.id AND v.status = 'draft') AS has_draft,
              (SELECT count(*) FROM assessment_months m WHERE m.scheme_id = s.id) AS months
       FROM schemes s ORDER BY s.id`,
    )
    .all() as { id: number; name: string; roles: string; published: number | null; has_draft: number; months: number }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    roles: JSON.parse(r.roles) as Role[],
    publishedVersion: r.published,
    hasDraft: r.has_draft === 1,
    months: r.months,
  }));
}

/** 考核组 in use: each name evaluators carry or a scheme version weights, with how many of each, in name order. */
export function knownGroups(db: Database): KnownGroup[] {
  const out = new Map<string, KnownGroup>();
  const at = (name: string) => {
    let g = out.get(name);
    if (!g) out.set(name, (g = { name, evaluators: 0, schemes: 0 }));
    return g;
  };
  const evaluators = db.prepare("SELECT group_name, count(*) AS n FROM evaluators WHERE group_name <> '' GROUP BY group_name").all() as { group_name: string; n: number }[];
  for (const e of evaluators) at(e.group_name).evaluators = e.n;
  const schemes = db
    .prepare(
      `SELECT json_extract(g.value, '$.name') AS name, count(DISTINCT v.scheme_id) AS n
       FROM scheme_versions v, json_each(v.groups) g GROUP BY 1`,
    )
    .all() as { name: string | null; n: number }[];
  for (const s of schemes) if (s.name) at(s.name).schemes = s.n;
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
