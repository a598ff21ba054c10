/** The handlers of the points imports (积分导入, 平台统计导入) and the points template, joined into the points area. */
import type { pointsContract } from '../../../shared/contract/points';
import type { Handlers } from '../handler-types';
import { commitImport, previewImport } from '../io/import-run';
import { PLATFORM_IMPORT_KIND, platformPlanner } from './platform-import';
import { buildPointsTemplate, POINTS_IMPORT_KIND, pointsPlanner } from './import';

type PointsImportCalls = 'points.importTemplate' | 'points.previewImport' | 'points.import' | 'points.previewPlatform' | 'points.importPlatform';

export const importHandlers: Pick<Handlers<typeof pointsContract>, PointsImportCalls> = {
  'points.importTemplate': async (ctx) => {
    // the rules are read before the first await: tx 'none' handlers read in one synchronous stretch
    const built = buildPointsTemplate(ctx.db, ctx.today, ctx.now());
    return { fileName: `积分导入模板_${ctx.today}.xlsx`, base64: (await built).toString('base64') };
  },
  'points.previewImport': (ctx, input) => previewImport(ctx, POINTS_IMPORT_KIND, input, pointsPlanner(ctx)),
  'points.import': (ctx, input) => commitImport(ctx, POINTS_IMPORT_KIND, input, pointsPlanner(ctx)),
  'points.previewPlatform': (ctx, input) => previewImport(ctx, PLATFORM_IMPORT_KIND, input, platformPlanner(ctx, input)),
  'points.importPlatform': (ctx, input) => commitImport(ctx, PLATFORM_IMPORT_KIND, input, platformPlanner(ctx, input)),
};
