/** The handlers of the points imports (积分导入, 平台统计导入) and the points template, joined into the excel area. */
import type { excelContract } from '../../../shared/contract/excel';
import type { Handlers } from '../handler-types';
import { commitImport, previewImport } from './import-run';
import { PLATFORM_IMPORT_KIND, platformPlanner } from './platform-import';
import { buildPointsTemplate, POINTS_IMPORT_KIND, pointsPlanner } from './points-import';

type PointsImportCalls = 'excel.pointsTemplate' | 'excel.previewPoints' | 'excel.importPoints' | 'excel.previewPlatform' | 'excel.importPlatform';

export const pointsImportHandlers: Pick<Handlers<typeof excelContract>, PointsImportCalls> = {
  'excel.pointsTemplate': async (ctx) => {
    // the rules are read before the first await: tx 'none' handlers read in one synchronous stretch
    const built = buildPointsTemplate(ctx.db, ctx.today, ctx.now());
    return { fileName: `积分导入模板_${ctx.today}.xlsx`, base64: (await built).toString('base64') };
  },
  'excel.previewPoints': (ctx, input) => previewImport(ctx, POINTS_IMPORT_KIND, input, pointsPlanner(ctx)),
  'excel.importPoints': (ctx, input) => commitImport(ctx, POINTS_IMPORT_KIND, input, pointsPlanner(ctx)),
  'excel.previewPlatform': (ctx, input) => previewImport(ctx, PLATFORM_IMPORT_KIND, input, platformPlanner(ctx, input)),
  'excel.importPlatform': (ctx, input) => commitImport(ctx, PLATFORM_IMPORT_KIND, input, platformPlanner(ctx, input)),
};
