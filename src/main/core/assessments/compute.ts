/** A month's results, computed from its scores with the scheme version it was opened with. */
import type { Database } from 'better-sqlite3';
import type { MonthSummary, ResultRow } from '../../../shared/contract/assessments';
import { unitPathsOf } from '../../../shared/domain/org';
import type { Role } from '../../../shared/domain/people';
import {
  combine,
  gradeOf,
  ranks,
  roundHalfUp,
  sheetOf,
  type Combined,
  type Criterion,
  type Sheet,
} from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import { getVersion, loadCriteria, type SchemeVersion } from '../schemes/queries';

interface MonthRow {
  id: number;
  scheme_id: number;
  scheme_name: string;
  version_id: number;
  version: number;
  period: string;
  status: 'open' | 'finalised';
  finalised_at: string | null;
}

export function monthSummary(db: Database, monthId: number): MonthSummary {
  const m = db
    .prepare(
      `SELECT m.*, s.name AS scheme_name, v.version FROM assessment_months m
       JOIN schemes s ON s.id = m.scheme_id JOIN scheme_versions v ON v.id = m.version_id WHERE m.id = ?`,
    )
    .get(monthId) as MonthRow | undefined;
  if (!m) throw new AppError('NOT_FOUND', '该月考核不存在');
  const counts = db
    .prepare(
      `SELECT count(*) AS members, sum(exempt_reason != '') AS exempt,
              sum(exempt_reason = '' AND person_id IN (
                SELECT person_id FROM (
                  SELECT s.person_id, count(*) AS n FROM scores s JOIN criteria c ON c.id = s.criterion_id AND c.kind = 'score'
                  WHERE s.month_id = @id GROUP BY s.person_id, s.evaluator_id)
                WHERE n = (SELECT count(*) FROM criteria WHERE version_id = @version AND kind = 'score'))) AS scored
       FROM month_members WHERE month_id = @id`,
    )
    .get({ id: monthId, version: m.version_id }) as { members: number; exempt: number | null; scored: number | null };
  return {
    id: m.id,
    schemeId: m.scheme_id,
    schemeName: m.scheme_name,
    versionId: m.version_id,
    version: m.version,
    period: m.period,
    status: m.status,
    members: counts.members,
    scored: counts.scored ?? 0,
    exempt: counts.exempt ?? 0,
    finalisedAt: m.finalised_at,
    evaluatorIds: db.prepare('SELECT DISTINCT evaluator_id FROM scores WHERE month_id = ? ORDER BY evaluator_id').pluck().all(monthId) as number[],
  };
}

export interface Member {
  personId: number;
  name: string;
  unitId: number;
  role: Role;
  exemptReason: string;
}

export function loadMembers(db: Database, monthId: number): Member[] {
  return db
    .prepare(
      `SELECT mm.person_id AS personId, p.name, mm.unit_id AS unitId, mm.role, mm.exempt_reason AS exemptReason
       FROM month_members mm JOIN people p ON p.id = mm.person_id WHERE mm.month_id = ? ORDER BY p.name_pinyin, p.id`,
    )
    .all(monthId) as Member[];
}

/** Scores of a month: person → evaluator → criterion → value, and the notes beside them. */
export function loadScores(db: Database, monthId: number, personId?: number) {
  const rows = db
    .prepare(
      `SELECT person_id, evaluator_id, criterion_id, value, note FROM scores WHERE month_id = ?
       ${personId === undefined ? '' : 'AND person_id = ?'}`,
    )
    .all(...(personId === undefined ? [monthId] : [monthId, personId])) as {
    person_id: number;
    evaluator_id: number;
    criterion_id: number;
    value: number;
    note: string;
  }[];
  const values = new Map<number, Map<number, Map<number, number>>>();
  const notes = new Map<string, string>();
  for (const r of rows) {
    let byEvaluator = values.get(r.person_id);
    if (!byEvaluator) values.set(r.person_id, (byEvaluator = new Map()));
    let sheet = byEvaluator.get(r.evaluator_id);
    if (!sheet) byEvaluator.set(r.evaluator_id, (sheet = new Map()));
    sheet.set(r.criterion_id, r.value);
    if (r.note) notes.set(`${r.person_id}:${r.evaluator_id}:${r.criterion_id}`, r.note);
  }
  return { values, notes };
}

export interface EvaluatorInfo {
  id: number;
  name: string;
  group: string;
}

export function loadEvaluators(db: Database): Map<number, EvaluatorInfo> {
  const rows = db.prepare('SELECT id, name, group_name AS "group" FROM evaluators').all() as EvaluatorInfo[];
  return new Map(rows.map((e) => [e.id, e]));
}

export interface PersonResult {
  sheets: (Sheet & { evaluatorId: number })[];
  combined: Combined;
}

/** One worker's month: every evaluator's sheet, the complete ones combined, a veto from any sheet standing. */
export function personResult(
  version: SchemeVersion,
  criteria: Criterion[],
  evaluators: Map<number, EvaluatorInfo>,
  byEvaluator: Map<number, Map<number, number>> | undefined,
): PersonResult {
  const sheets = [...(byEvaluator ?? new Map<number, Map<number, number>>())].map(([evaluatorId, values]) => ({
    evaluatorId,
    ...sheetOf(criteria, values),
  }));
  const complete = sheets.filter((s) => s.complete);
  const combined = combine(
    complete.map((s) => ({
      evaluatorId: s.evaluatorId,
      evaluatorName: evaluators.get(s.evaluatorId)?.name ?? '',
      group: evaluators.get(s.evaluatorId)?.group ?? '',
      total: s.total,
      veto: s.veto,
    })),
    version.aggregation,
    version.groups,
  );
  return { sheets, combined: { ...combined, veto: sheets.some((s) => s.veto) } };
}

export interface ComputedMonth {
  summary: MonthSummary;
  version: SchemeVersion;
  criteria: Criterion[];
  categories: string[];
  rows: ResultRow[];
}

export function computeMonth(db: Database, monthId: number): ComputedMonth {
  const summary = monthSummary(db, monthId);
  const version = getVersion(db, summary.versionId);
  const criteria = loadCriteria(db, summary.versionId);
  const categories = [...new Set(criteria.filter((c) => c.kind !== 'veto').map((c) => c.category))];
  const kindById = new Map(criteria.map((c) => [c.id, c]));
  const evaluators = loadEvaluators(db);
  const { values } = loadScores(db, monthId);
  const units = db.prepare('SELECT id, parent_id AS parentId, name FROM org_units').all() as {
    id: number;
    parentId: number | null;
    name: string;
  }[];
  const paths = unitPathsOf(units);
  const byId = new Map(units.map((u) => [u.id, u]));
  const communityOf = (unitId: number): string => {
    let u = byId.get(unitId);
    while (u && u.parentId !== null && byId.get(u.parentId)?.parentId !== null) u = byId.get(u.parentId);
    return u?.name ?? '';
  };

  const rows: ResultRow[] = loadMembers(db, monthId).map((m) => {
    const { sheets, combined } = personResult(version, criteria, evaluators, values.get(m.personId));
    const complete = sheets.filter((s) => s.complete);
    const categoriesOf: Record<string, number> = {};
    if (complete.length > 0) {
      for (const cat of categories) {
        const sum = complete.reduce((s, sh) => s + categoryPoints(sh, cat, kindById), 0);
        categoriesOf[cat] = roundHalfUp(sum, complete.length);
      }
    }
    return {
      personId: m.personId,
      name: m.name,
      unitId: m.unitId,
      unitPath: paths.get(m.unitId) ?? '',
      community: communityOf(m.unitId),
      role: m.role,
      exemptReason: m.exemptReason,
      evaluators: complete.length,
      total: m.exemptReason ? null : combined.total,
      grade: m.exemptReason || combined.total === null ? null : gradeOf(combined.total, combined.veto, version.bands),
      veto: combined.veto,
      rankInUnit: null,
      rankInRole: null,
      categories: categoriesOf,
    };
  });
  const ranked = rows.filter((r) => r.total !== null);
  for (const [field, keyOf] of [
    ['rankInUnit', (r: ResultRow) => r.community],
    ['rankInRole', (r: ResultRow) => r.role],
  ] as const) {
    const groups = new Map<string, ResultRow[]>();
    for (const r of ranked) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
    for (const group of groups.values()) {
      const rankMap = ranks(group.map((r) => ({ key: r, total: r.total!, veto: r.veto })));
      for (const r of group) r[field] = rankMap.get(r)!;
    }
  }
  return { summary, version, criteria, categories, rows };
}

/** A category's points on one sheet: its floored items, plus its bonus items, which stand outside the floor. */
function categoryPoints(sheet: Sheet, category: string, criteria: Map<number, Criterion>): number {
  const floored = sheet.categories.find((c) => c.category === category)?.points ?? 0;
  return sheet.lines.reduce((s, l) => {
    const c = criteria.get(l.criterionId);
    return c && c.kind === 'bonus' && c.category === category ? s + l.points : s;
  }, floored);
}
