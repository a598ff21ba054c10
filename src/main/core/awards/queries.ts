/**
 * What the awards area reads: batches with their counts, candidates, the stage log, a period's facts for each person
 * (average, vetoes, points, stars, 在岗, 通报批评), and the published recipients that stars and the roster read.
 */
import type { Database } from 'better-sqlite3';
import type {
  AwardBatchSummary,
  AwardBatchView,
  AwardCandidateRow,
  AwardStageLogRow,
  NominationSummary,
  PersonAward,
} from '../../../shared/contract/awards';
import { DEFAULT_ELIGIBILITY, type AwardBasis, type AwardLevel, type AwardStage, type CandidateStatus, type EligibilityOptions, type NomineeFacts } from '../../../shared/domain/awards';
import { roundHalfUp } from '../../../shared/domain/scoring';
import { periodEndDate } from '../../../shared/domain/dates';
import { starPeriodLabel } from '../../../shared/domain/stars';
import { AppError } from '../../../shared/errors';
import { unitIndex } from '../org/queries';
import { latestPublished } from '../stars/queries';

interface BatchRow {
  id: number;
  name: string;
  level: AwardLevel;
  issuer: string;
  date: string;
  role: string | null;
  quota_total: number | null;
  quota_per_unit: number | null;
  stage: AwardStage;
  note: string;
  period_from: string | null;
  period_to: string | null;
  basis: AwardBasis | null;
  eligibility: string;
  nomination: string;
  published_at: string | null;
  published_by: string | null;
  period_id: number | null;
  source_period: string | null;
  source_scheme: string | null;
  nominated: number;
  tied: number;
  removed: number;
}

const SELECT_BATCHES = `
  SELECT b.*, pa.period AS source_period, ps.name AS source_scheme,
    (SELECT count(*) FROM award_candidates c WHERE c.batch_id = b.id AND c.status = 'nominated') AS nominated,
    (SELECT count(*) FROM award_candidates c WHERE c.batch_id = b.id AND c.status = 'tied') AS tied,
    (SELECT count(*) FROM award_candidates c WHERE c.batch_id = b.id AND c.status = 'removed') AS removed
  FROM award_batches b LEFT JOIN period_assessments pa ON pa.id = b.period_id LEFT JOIN period_schemes ps ON ps.id = pa.period_scheme_id`;

function toSummary(r: BatchRow): AwardBatchSummary {
  const eligibility = JSON.parse(r.eligibility) as Partial<EligibilityOptions>;
  return {
    id: r.id,
    name: r.name,
    level: r.level,
    issuer: r.issuer,
    date: r.date,
    role: r.role,
    quotaTotal: r.quota_total,
    quotaPerUnit: r.quota_per_unit,
    stage: r.stage,
    note: r.note,
    nominated: r.nominated,
    tied: r.tied,
    removed: r.removed,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    basis: r.basis,
    eligibility: 'noVeto' in eligibility ? { ...DEFAULT_ELIGIBILITY, ...eligibility } : null,
    periodId: r.period_id,
    periodLabel: r.source_period === null ? null : `${starPeriodLabel(r.source_period)}${r.source_scheme}`,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  };
}

export function listBatches(db: Database): AwardBatchSummary[] {
  return (db.prepare(`${SELECT_BATCHES} ORDER BY b.date DESC, b.id DESC`).all() as BatchRow[]).map(toSummary);
}

export function batchSummary(db: Database, id: number): AwardBatchSummary {
  const row = db.prepare(`${SELECT_BATCHES} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该表彰批次不存在，可能已被删除');
  return toSummary(row);
}

/** The batch for a change: refused once published (表彰). */
export function editableBatch(db: Database, id: number): AwardBatchSummary {
  const b = batchSummary(db, id);
  if (b.stage === 'published') throw new AppError('CONFLICT', `“${b.name}”已表彰发布，只能查看`);
  return b;
}

interface CandidateDb {
  person_id: number;
  name: string;
  unit_id: number | null;
  community_id: number | null;
  basis: AwardBasis | null;
  basis_value: number | null;
  rank: number | null;
  status: CandidateStatus;
  tie_mark: string;
  added_manually: number;
  add_reason: string;
  remove_reason: string;
  deeds: string;
  sort_order: number;
}

export function candidateRows(db: Database, batchId: number, personId?: number): AwardCandidateRow[] {
  const units = unitIndex(db);
  const rows = db
    .prepare(
      `SELECT c.*, p.name FROM award_candidates c JOIN people p ON p.id = c.person_id
       WHERE c.batch_id = ? ${personId === undefined ? '' : 'AND c.person_id = ?'}
       ORDER BY c.sort_order, c.id`,
    )
    .all(batchId, ...(personId === undefined ? [] : [personId])) as CandidateDb[];
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    unitId: r.unit_id,
    unitPath: r.unit_id === null ? '' : (units.paths.get(r.unit_id) ?? ''),
    communityId: r.community_id,
    community: r.community_id === null ? '' : (units.byId.get(r.community_id)?.name ?? ''),
    basis: r.basis,
    basisValue: r.basis_value,
    rank: r.rank,
    status: r.status,
    tieMark: r.tie_mark,
    addedManually: r.added_manually === 1,
    addReason: r.add_reason,
    removeReason: r.remove_reason,
    deeds: r.deeds,
    sortOrder: r.sort_order,
  }));
}

export function stageLog(db: Database, batchId: number): AwardStageLogRow[] {
  return (
    db.prepare('SELECT id, from_stage, to_stage, actor, at, note FROM award_stage_log WHERE batch_id = ? ORDER BY id').all(batchId) as {
      id: number;
      from_stage: AwardStage | null;
      to_stage: AwardStage;
      actor: string;
      at: string;
      note: string;
    }[]
  ).map((r) => ({ id: r.id, from: r.from_stage, to: r.to_stage, actor: r.actor, at: r.at, note: r.note }));
}

export const awardRef = (batchId: number) => `award:${batchId}`;

export function batchView(db: Database, id: number): AwardBatchView {
  const batch = batchSummary(db, id);
  const raw = db.prepare('SELECT nomination FROM award_batches WHERE id = ?').pluck().get(id) as string;
  const nomination = JSON.parse(raw) as Partial<NominationSummary>;
  const pointsPosted = db.prepare('SELECT coalesce(sum(points), 0) FROM point_entries WHERE source_ref = ?').pluck().get(awardRef(id)) as number;
  return {
    batch,
    candidates: candidateRows(db, id),
    log: stageLog(db, id),
    nomination: 'ranked' in nomination ? (nomination as NominationSummary) : null,
    pointsPosted,
  };
}

// ---- a period's facts ----

export interface PersonAtDate {
  personId: number;
  name: string;
  unitId: number;
  roles: string[];
  inPost: boolean;
}

/** Everyone's unit, roles and status on a date (the term valid then, or for those gone, their last term before it). */
export function peopleOn(db: Database, date: string): PersonAtDate[] {
  const rows = db
    .prepare(
      `SELECT t.person_id, p.name, t.unit_id, t.roles, t.status, t.valid_to
       FROM person_terms t JOIN people p ON p.id = t.person_id
       WHERE t.valid_from <= ? ORDER BY t.person_id, t.valid_from`,
    )
    .all(date) as { person_id: number; name: string; unit_id: number; roles: string; status: string; valid_to: string | null }[];
  const byPerson = new Map<number, PersonAtDate>();
  for (const r of rows) {
    const current = r.valid_to === null || r.valid_to > date;
    byPerson.set(r.person_id, {
      personId: r.person_id,
      name: r.name,
      unitId: r.unit_id,
      roles: JSON.parse(r.roles) as string[],
      inPost: current && r.status === '在岗',
    });
  }
  return [...byPerson.values()];
}

/** Each person's facts over months from..to (YYYY-MM): finalised averages and vetoes, points, stars at the end, 通报批评. */
export function periodFacts(db: Database, from: string, to: string): { facts: Map<number, Omit<NomineeFacts, 'inPost'>>; monthsIncluded: string[] } {
  const start = `${from}-01`;
  const end = periodEndDate(to);
  const facts = new Map<number, Omit<NomineeFacts, 'inPost'> & { sum: number }>();
  const get = (id: number) => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = { months: 0, average: null, vetoes: 0, points: 0, stars: null, criticisms: 0, sum: 0 }));
    return f;
  };
  const months = db
    .prepare(
      `SELECT r.person_id, r.total, r.veto, m.period FROM month_results r JOIN assessment_months m ON m.id = r.month_id
       WHERE m.status = 'finalised' AND m.period BETWEEN ? AND ?`,
    )
    .all(from, to) as { person_id: number; total: number | null; veto: number; period: string }[];
  const included = new Set<string>();
  for (const r of months) {
    included.add(r.period);
    const f = get(r.person_id);
    if (r.veto === 1) f.vetoes++;
    if (r.total !== null) {
      f.sum += r.total;
      f.months++;
    }
  }
  for (const r of db.prepare('SELECT person_id, sum(points) AS points FROM point_entries WHERE date BETWEEN ? AND ? GROUP BY person_id').all(start, end) as {
    person_id: number;
    points: number;
  }[])
    get(r.person_id).points = r.points;
  for (const [personId, s] of latestPublished(db, { onOrBefore: end })) get(personId).stars = s.stars;
  for (const r of db
    .prepare("SELECT person_id, count(*) AS n FROM discipline_records WHERE kind = '通报批评' AND date BETWEEN ? AND ? GROUP BY person_id")
    .all(start, end) as { person_id: number; n: number }[])
    get(r.person_id).criticisms = r.n;
  const out = new Map<number, Omit<NomineeFacts, 'inPost'>>();
  for (const [id, { sum, ...f }] of facts) out.set(id, { ...f, average: f.months > 0 ? roundHalfUp(sum, f.months) : null });
  return { facts: out, monthsIncluded: [...included].sort() };
}

// ---- recipients, read by others ----

export function personAwards(db: Database, personId: number): PersonAward[] {
  return (
    db
      .prepare(
        `SELECT b.id, b.name, b.level, b.issuer, b.date, c.deeds FROM award_candidates c JOIN award_batches b ON b.id = c.batch_id
         WHERE c.person_id = ? AND b.stage = 'published' AND c.status = 'nominated' ORDER BY b.date DESC, b.id DESC`,
      )
      .all(personId) as { id: number; name: string; level: AwardLevel; issuer: string; date: string; deeds: string }[]
  ).map((r) => ({ batchId: r.id, name: r.name, level: r.level, issuer: r.issuer, date: r.date, deeds: r.deeds }));
}
