/**
 * The evaluator workbook's calls (考核表): export for a month × unit × evaluator (a finalised month's read-only), preview
 * and import back (an open month only).
 */
import type { assessmentsContract } from '../../../shared/contract/assessments';
import { assertEvaluatorCounts } from './save';
import type { Handlers } from '../handler-types';
import { EVALUATOR_IMPORT_KIND, evaluatorPlanner } from './workbook-import';
import { buildEvaluatorWorkbook, loadEvaluatorSheet, workbookFileName } from './workbook';
import { commitImport, previewImport } from '../io/import-run';

type EvaluatorCalls = 'assessments.exportWorkbook' | 'assessments.previewWorkbook' | 'assessments.importWorkbook';

export const workbookHandlers: Pick<Handlers<typeof assessmentsContract>, EvaluatorCalls> = {
  'assessments.exportWorkbook': async (ctx, input) => {
    // every read in one snapshot, before the first await
    const data = ctx.db
      .transaction(() => {
        // a finalised month's workbook is written read-only (workbook.ts), for reading and printing
        const d = loadEvaluatorSheet(ctx.db, input.monthId, input.unitId, input.evaluatorId);
        assertEvaluatorCounts(ctx.db, d.month.versionId, input.evaluatorId);
        return d;
      })
      .deferred();
    const buffer = await buildEvaluatorWorkbook(data, ctx.now().toISOString(), ctx.today);
    return { fileName: workbookFileName(data), base64: buffer.toString('base64') };
  },

  'assessments.previewWorkbook': (ctx, input) => previewImport(ctx, EVALUATOR_IMPORT_KIND, input, evaluatorPlanner(ctx, input)),

  'assessments.importWorkbook': (ctx, input) => commitImport(ctx, EVALUATOR_IMPORT_KIND, input, evaluatorPlanner(ctx, input)),
};
