import type { reportsContract } from '../../../shared/contract/reports';
import type { Handlers } from '../handler-types';
import { buildCertificates, buildCommendation } from './commendation';
import { commendationWorkbook, monthSummaryWorkbook, pointsRankingWorkbook, scoreCardWorkbook } from './excel';
import { buildMonthSummary } from './month-summary';
import { buildPointsRanking } from './points-ranking';
import { buildScoreCard, scoreCardTitle } from './score-card';

const safe = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_');

export const reportsHandlers: Handlers<typeof reportsContract> = {
  'reports.monthSummary': (ctx, input) => buildMonthSummary(ctx, input),
  'reports.scoreCard': (ctx, input) => buildScoreCard(ctx, input),
  'reports.commendation': (ctx, input) => buildCommendation(ctx, input),
  'reports.certificates': (ctx, input) => buildCertificates(ctx, input),
  'reports.pointsRanking': (ctx, input) => buildPointsRanking(ctx, input),

  // tx 'none': every database read happens in the synchronous stretch before the first await.
  'reports.excel': async (ctx, input) => {
    switch (input.report) {
      case 'month-summary': {
        const report = ctx.db.transaction(() => buildMonthSummary(ctx, input))();
        const buffer = await monthSummaryWorkbook(report, ctx.now());
        return { fileName: `${safe(report.title)}_${safe(report.unitName)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'score-card': {
        const report = ctx.db.transaction(() => buildScoreCard(ctx, input))();
        const buffer = await scoreCardWorkbook(report, ctx.now());
        return { fileName: `${safe(scoreCardTitle(report))}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'commendation': {
        const report = ctx.db.transaction(() => buildCommendation(ctx, input))();
        const buffer = await commendationWorkbook(report, ctx.now());
        return { fileName: `${safe(report.title)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'points-ranking': {
        const report = ctx.db.transaction(() => buildPointsRanking(ctx, input))();
        const buffer = await pointsRankingWorkbook(report, ctx.now());
        return { fileName: `${safe(report.title)}_${safe(report.unitName)}.xlsx`, base64: buffer.toString('base64') };
      }
    }
  },
};
