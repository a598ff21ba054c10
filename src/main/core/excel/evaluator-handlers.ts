/** The evaluator workbook's calls (考核表): export for an open month × unit × evaluator, preview and import back. */
import type { excelContract } from '../../../shared/contract/excel';
import { assertEvaluatorCounts, openMonth } from '../assessments/save';
import type { Handlers } from '../handler-types';
import { EVALUATOR_IMPORT_KIND, evaluatorPlanner } from './evaluator-import';
import { buildEvaluatorWorkbook, loadEvaluatorSheet, workbookFileName } from './evaluator-workbook';
import { commitImport, previewImport } from './import-run';

type EvaluatorCalls = 'excel.exportEvaluatorWorkbook' | 'excel.previewEvaluatorWorkbook' | 'excel.importEvaluatorWorkbook';

export const evaluatorWorkbookHandlers: Pick<Handlers<typeof excelContract>, EvaluatorCalls> = {
  'excel.exportEvaluatorWorkbook': async (ctx, input) => {
    // every read in one snapshot, before the first await
    const data = ctx.db
      .transaction(() => {
        const d = loadEvaluatorSheet(ctx.db, input.monthId, input.unitId, input.evaluatorId);
        openMonth(ctx.db, input.monthId);
        assertEvaluatorCounts(ctx.db, d.month.versionId, input.evaluatorId);
        return d;
      })
      .deferred();
    const buffer = await buildEvaluatorWorkbook(data, ctx.now().toISOString(), ctx.today);
    return { fileName: workbookFileName(data), base64: buffer.toString('base64') };
  },

  'excel.previewEvaluatorWorkbook': (ctx, input) => previewImport(ctx, EVALUATOR_IMPORT_KIND, input, evaluatorPlanner(ctx, input)),

  'excel.importEvaluatorWorkbook': (ctx, input) => commitImport(ctx, EVALUATOR_IMPORT_KIND, input, evaluatorPlanner(ctx, input)),
};
