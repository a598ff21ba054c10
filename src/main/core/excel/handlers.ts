import type { excelContract, ImportLogEntry } from '../../../shared/contract/excel';
import { safeFileName } from '../../../shared/domain/text';
import type { Handlers } from '../handler-types';
import { evaluatorWorkbookHandlers } from './evaluator-handlers';
import { buildGridWorkbook } from './grid-export';
import { commitImport, previewImport } from './import-run';
import { rosterPlanner, rosterTemplate } from './roster-import';
import { pointsImportHandlers } from './points-handlers';

export const excelHandlers: Handlers<typeof excelContract> = {
  'excel.exportGrid': async (ctx, input) => {
    const buffer = await buildGridWorkbook(input, ctx.now());
    return { fileName: `${safeFileName(input.title)}_${ctx.today}.xlsx`, base64: buffer.toString('base64') };
  },

  'excel.rosterTemplate': async (ctx) => ({ fileName: '人员导入模板.xlsx', base64: (await rosterTemplate(ctx)).toString('base64') }),
  'excel.previewRoster': (ctx, input) => previewImport(ctx, 'roster', input, rosterPlanner(ctx)),
  'excel.importRoster': (ctx, input) => commitImport(ctx, 'roster', input, rosterPlanner(ctx)),

  'excel.importLog': (ctx, input) =>
    ctx.db
      .prepare(
        `SELECT id, kind, file_name AS fileName, sheet, target, actor, at, new_rows AS newRows, changed_rows AS changedRows,
                same_rows AS sameRows, backup_file AS backupFile
           FROM import_log WHERE (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT 500`,
      )
      .all(input.kind ?? null, input.kind ?? null) as ImportLogEntry[],

  // 考核表 (evaluator workbook): export, preview, import
  ...evaluatorWorkbookHandlers,
  ...pointsImportHandlers,
};
