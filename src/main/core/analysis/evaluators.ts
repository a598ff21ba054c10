/**
 * 考核人: leniency, flat scoring and ceiling of every evaluator over the filter's months (DOMAIN.md), and the pairs
 * behind a figure: each worker-month the evaluator shared with others, their total against the others' mean.
 */
import type { Database } from 'better-sqlite3';
import type { AnalysisFilter, EvaluatorReport, PairsView } from '../../../shared/contract/analysis';
import { DEFAULT_EVALUATOR_RULES, evaluatorFigures, pairsOf, type SheetTotal } from '../../../shared/domain/analysis';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import { loadEvaluators, loadMembers } from '../assessments/compute';
import { getVersion } from '../schemes/queries';
import { communities, covered, schemeMonths, sheetTotals, visibleUnits, type MonthRef } from './records';

type Filter = Required<Pick<AnalysisFilter, 'schemeId' | 'from' | 'to'>> & { unitId: number | null; role: string | null };

/** Worker-months are the units of comparison: a sheet's key is the month's place and the person, made one number. */
const KEY = 10_000_000;

function periodSheets(db: Database, actor: Actor, f: Filter): { months: MonthRef[]; sheets: SheetTotal[]; unitOf: Map<number, number> } {
  const months = schemeMonths(db, f.schemeId, f.from, f.to);
  const visible = visibleUnits(db, actor, f.unitId);
  const sheets: SheetTotal[] = [];
  const unitOf = new Map<number, number>();
  months.forEach((m, i) => {
    const members = new Map(loadMembers(db, m.id).map((x) => [x.personId, x]));
    const keep = (personId: number) => {
      const x = members.get(personId);
      return x !== undefined && !x.exemptReason && visible(x.unitId) && (f.role === null || x.role === f.role);
    };
    for (const s of sheetTotals(db, m, keep)) {
      const key = i * KEY + s.personId;
      sheets.push({ ...s, personId: key });
      unitOf.set(key, members.get(s.personId)!.unitId);
    }
  });
  return { months, sheets, unitOf };
}

export function evaluatorReport(db: Database, actor: Actor, f: Filter): EvaluatorReport {
  const { months, sheets } = periodSheets(db, actor, f);
  const latest = months.at(-1);
  const fullScore = latest ? getVersion(db, latest.versionId).fullScore : 10000;
  const names = loadEvaluators(db);
  return {
    months: covered(months),
    fullScore,
    rules: DEFAULT_EVALUATOR_RULES,
    evaluators: evaluatorFigures(sheets, fullScore).map((e) => ({ ...e, name: names.get(e.evaluatorId)?.name ?? '', group: names.get(e.evaluatorId)?.group ?? '' })),
  };
}

export function evaluatorPairs(db: Database, actor: Actor, f: Filter & { evaluatorId: number }): PairsView {
  const evaluator = loadEvaluators(db).get(f.evaluatorId);
  if (!evaluator) throw new AppError('NOT_FOUND', '该考核人不存在');
  const { months, sheets, unitOf } = periodSheets(db, actor, f);
  const units = communities(db);
  const names = new Map((db.prepare('SELECT id, name FROM people').raw().all() as [number, string][]).map(([id, name]) => [id, name]));
  return {
    evaluator: { id: evaluator.id, name: evaluator.name },
    pairs: pairsOf(f.evaluatorId, sheets).map((p) => {
      const personId = p.personId % KEY;
      return { ...p, personId, name: names.get(personId) ?? '', unitPath: units.paths.get(unitOf.get(p.personId)!) ?? '', period: months[Math.floor(p.personId / KEY)]!.period };
    }),
  };
}
