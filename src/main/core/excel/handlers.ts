import type { excelContract, ImportLogEntry } from '../../../shared/contract/excel';
import type { Handlers } from '../handler-types';
import { buildGridWorkbook } from './grid-export';
import { pointsImportHandlers } from './points-handlers';

export const excelHandlers: Handlers<typeof excelContract> = {
  'excel.exportGrid': async (ctx, input) => {
    const buffer = await buildGridWorkbook(input, ctx.now());
    const safeTitle = input.title.replace(/[\\/:*?"<>|\s]+/g, '_');
    return { fileName: `${safeTitle}_${ctx.today}.xlsx`, base64: buffer.toString('base64') };
  },

  'excel.importLog': (ctx, input) =>
    ctx.db
      .prepare(
        `SELECT id, kind, file_name AS fileName, sheet, target, actor, at, new_rows AS newRows, changed_rows AS changedRows,
                same_rows AS sameRows, backup_file AS backupFile
           FROM import_log WHERE (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT 500`,
      )
      .all(input.kind ?? null, input.kind ?? null) as ImportLogEntry[],

  ...pointsImportHandlers,
};
