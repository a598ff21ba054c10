/** The core's shared file calls: a grid exported as it is shown, and the log of every import. */
import type { ImportLogEntry, ioContract } from '../../../shared/contract/io';
import { safeFileName } from '../../../shared/domain/text';
import type { Handlers } from '../handler-types';
import { buildGridWorkbook, exportProgress } from './grid-export';

export const ioHandlers: Handlers<typeof ioContract> = {
  'io.exportGrid': async (ctx, input) => {
    const buffer = await buildGridWorkbook(input, ctx.now());
    return { fileName: `${safeFileName(input.title)}_${ctx.today}.xlsx`, base64: buffer.toString('base64') };
  },

  'io.exportProgress': (_ctx, input) => exportProgress(input.jobId),

  'io.importLog': (ctx, input) =>
    ctx.db
      .prepare(
        `SELECT id, kind, file_name AS fileName, sheet, target, actor, at, new_rows AS newRows, changed_rows AS changedRows,
                same_rows AS sameRows, backup_file AS backupFile
           FROM import_log WHERE (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT 500`,
      )
      .all(input.kind ?? null, input.kind ?? null) as ImportLogEntry[],
};
