/**
 * 模拟测算: a month recomputed under other rules — a draft version of its scheme, other grade bands, another way of
 * combining the evaluators — by the same computation the month itself uses, written nowhere. Each person whose total,
 * grade or rank in their community would change is listed before → after, with the counts per grade.
 */
import type { Database } from 'better-sqlite3';
import type { WhatIfInput, WhatIfView } from '../../../shared/contract/analysis';
import { AGGREGATIONS, bandsError, formatHundredths, GRADES, type Band, type Grade } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import { computeMonth } from '../assessments/compute';
import { getVersion, loadCriteria } from '../schemes/queries';
import { monthRecords, monthRef, visibleUnits } from './records';

type Input = Omit<Required<WhatIfInput>, 'versionId' | 'bands' | 'aggregation' | 'unitId'> & {
  versionId: number | null;
  bands: Band[] | null;
  aggregation: WhatIfView['aggregation']['after'] | null;
  unitId: number | null;
};

function counts(grades: (Grade | null)[]): Record<Grade, number> {
  const out = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const g of grades) if (g) out[g]++;
  return out;
}

const bandsText = (bands: Band[]) => bands.map((b) => `${b.grade} ≥ ${formatHundredths(b.min)}`).join('，');

export function whatIf(db: Database, actor: Actor, input: Input): WhatIfView {
  const month = monthRef(db, input.monthId);
  if (!month) throw new AppError('NOT_FOUND', '该月考核不存在');
  const before = getVersion(db, month.versionId);
  const base = input.versionId === null ? before : getVersion(db, input.versionId);
  if (base.schemeId !== before.schemeId) throw AppError.field('versionId', '只能选择同一考核方案的版本');
  const bands = input.bands ?? base.bands;
  const bandsProblem = bandsError(bands);
  if (bandsProblem) throw AppError.field('bands', bandsProblem);
  const aggregation = input.aggregation ?? base.aggregation;
  if (aggregation === 'group_weights' && base.groups.length === 0) throw AppError.field('aggregation', '该方案版本没有设置考核组，不能按考核组加权');
  const after = { ...base, bands, aggregation };

  const visible = visibleUnits(db, actor, input.unitId);
  const was = new Map(monthRecords(db, month).map((r) => [r.personId, r]));
  const now = computeMonth(db, month.id, { version: after, criteria: loadCriteria(db, base.versionId) }).rows.filter((r) => visible(r.unitId));

  const changes: WhatIfView['changes'] = [];
  for (const r of now) {
    const w = was.get(r.personId);
    const b = { total: w?.total ?? null, grade: w?.grade ?? null, rank: w?.rankInUnit ?? null };
    const a = { total: r.total, grade: r.grade, rank: r.rankInUnit };
    if (b.total !== a.total || b.grade !== a.grade || b.rank !== a.rank) changes.push({ personId: r.personId, name: r.name, unitPath: r.unitPath, before: b, after: a });
  }
  const gradeOrder = (g: Grade | null) => (g === null ? GRADES.length : GRADES.indexOf(g));
  changes.sort((x, y) => gradeOrder(x.before.grade) - gradeOrder(y.before.grade) || (y.before.total ?? -1) - (x.before.total ?? -1) || x.personId - y.personId);

  const changed: string[] = [];
  if (base.versionId !== before.versionId) changed.push(`方案版本：第${before.version}版 → 第${base.version}版${base.status === 'draft' ? '（草稿）' : ''}`);
  if (JSON.stringify(bands) !== JSON.stringify(before.bands)) changed.push(`等次区间：${bandsText(before.bands)} → ${bandsText(bands)}`);
  if (aggregation !== before.aggregation) changed.push(`汇总方式：${AGGREGATIONS[before.aggregation]} → ${AGGREGATIONS[aggregation]}`);
  const schemeName = db.prepare('SELECT name FROM schemes WHERE id = ?').pluck().get(month.schemeId) as string;
  return {
    month: { id: month.id, period: month.period, schemeName, version: before.version, complete: month.status === 'finalised' },
    changed,
    bands: { before: before.bands, after: bands },
    aggregation: { before: before.aggregation, after: aggregation },
    counts: { before: counts(now.map((r) => was.get(r.personId)?.grade ?? null)), after: counts(now.map((r) => r.grade)) },
    changes,
    people: now.length,
  };
}
