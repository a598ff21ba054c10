import type { assessmentsContract } from '../../../shared/contract/assessments';
import type { Handlers } from '../handler-types';
import { createEvaluator, finaliseMonth, finaliseMonthCheck, openNewMonth, reopenMonth, setExempt, setRecusal } from './month';
import { listEvaluators, listMonths, monthResults, personDerivation, personMonths, scoringSheet } from './queries';
import { extremeSheets, setSheetReason } from './reasons';
import { declareScoresChanged } from './results-cache';
import { saveScoreCells } from './save';
import { workbookHandlers } from './workbook-handlers';

export const assessmentsHandlers: Handlers<typeof assessmentsContract> = {
  'assessments.evaluators': (ctx) => listEvaluators(ctx.db),
  'assessments.createEvaluator': createEvaluator,
  'assessments.months': (ctx, input) => listMonths(ctx.db, input.schemeId),
  'assessments.open': openNewMonth,
  'assessments.sheet': (ctx, input) => scoringSheet(ctx.db, ctx.actor, input),
  'assessments.saveScores': (ctx, input) => {
    const saved = saveScoreCells(ctx, input.monthId, input.evaluatorId, input.cells);
    // the only change this call makes to what results are computed from: the kept results rework these workers alone
    declareScoresChanged(ctx.db, input.monthId, input.cells.map((c) => c.personId));
    return saved;
  },
  'assessments.results': (ctx, input) => monthResults(ctx.db, input.monthId, input.unitId),
  'assessments.derivation': (ctx, input) => personDerivation(ctx.db, input.monthId, input.personId),
  'assessments.setExempt': setExempt,
  'assessments.finalise': (ctx, input) => finaliseMonth(ctx, input.monthId),
  'assessments.finaliseCheck': (ctx, input) => finaliseMonthCheck(ctx.db, input.monthId),
  'assessments.reopen': reopenMonth,
  'assessments.recuse': setRecusal,
  'assessments.setReason': setSheetReason,
  'assessments.extremeSheets': (ctx, input) => extremeSheets(ctx.db, ctx.actor, input.monthId, input.unitId),
  'assessments.personHistory': (ctx, input) => personMonths(ctx.db, input.personId),
  ...workbookHandlers,
};
