import type { reportsContract } from '../../../shared/contract/reports';
import type { Handlers } from '../handler-types';
import { monthSummaryWorkbook, scoreCardWorkbook } from './excel';
import { buildMonthSummary } from './month-summary';
import { buildScoreCard, scoreCardTitle } from './score-card';

const safe = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_');

export const reportsHandlers: Handlers<typeof reportsContract> = {
  'reports.monthSummary': (ctx, input) => buildMonthSummary(ctx, input),
  'reports.scoreCard': (ctx, input) => buildScoreCard(ctx, input),

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
    }
  },
};
