import type { reportsContract } from '../../../shared/contract/reports';
import { safeFileName } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import type { Handlers } from '../handler-types';
import { buildCertificates, buildCommendation } from './commendation';
import {
  certificateListTitle,
  certificateWorkbook,
  commendationWorkbook,
  monthSummaryWorkbook,
  periodListWorkbook,
  periodRegisterWorkbook,
  periodSummaryWorkbook,
  pointsRankingWorkbook,
  rankingWorkbook,
  scoreCardWorkbook,
  starRosterWorkbook,
} from './excel';
import { buildMonthSummary } from './month-summary';
import { buildPeriodList } from './period-lists';
import { buildPeriodRegister } from './period-register';
import { buildPeriodSummary } from './period-summary';
import { buildPointsRanking } from './points-ranking';
import { buildRanking } from './ranking';
import { buildScoreCard, scoreCardTitle } from './score-card';
import { buildStarRoster } from './star-roster';


export const reportsHandlers: Handlers<typeof reportsContract> = {
  'reports.monthSummary': (ctx, input) => buildMonthSummary(ctx, input),
  'reports.scoreCard': (ctx, input) => buildScoreCard(ctx, input),
  'reports.commendation': (ctx, input) => buildCommendation(ctx, input),
  'reports.certificates': (ctx, input) => buildCertificates(ctx, input),
  'reports.pointsRanking': (ctx, input) => buildPointsRanking(ctx, input),
  'reports.ranking': (ctx, input) => buildRanking(ctx, input),
  'reports.starRoster': (ctx, input) => buildStarRoster(ctx, input),
  'reports.periodSummary': (ctx, input) => buildPeriodSummary(ctx, input),
  'reports.periodList': (ctx, input) => buildPeriodList(ctx, input),
  'reports.periodRegister': (ctx, input) => buildPeriodRegister(ctx, input),

  // tx 'none': every database read happens in the synchronous stretch before the first await.
  'reports.excel': async (ctx, input) => {
    switch (input.report) {
      case 'month-summary': {
        const report = ctx.db.transaction(() => buildMonthSummary(ctx, input))();
        const buffer = await monthSummaryWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.title)}_${safeFileName(report.unitName)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'score-card': {
        const report = ctx.db.transaction(() => buildScoreCard(ctx, input))();
        const buffer = await scoreCardWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.schemeName)}_${safeFileName(scoreCardTitle(report))}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'commendation': {
        const report = ctx.db.transaction(() => buildCommendation(ctx, input))();
        const buffer = await commendationWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.title)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'certificate': {
        const report = ctx.db.transaction(() => buildCertificates(ctx, input))();
        // a draft prints only with 草稿 across it; a workbook cannot carry that, so the roster waits for publishing
        if (report.draft) throw new AppError('CONFLICT', '表彰尚未发布，发布后才能导出荣誉证书名册');
        const buffer = await certificateWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(certificateListTitle(report.batchName))}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'ranking': {
        const report = ctx.db.transaction(() => buildRanking(ctx, input))();
        const buffer = await rankingWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.title)}_${safeFileName(report.unitName)}${report.groupBy === 'role' ? '_按岗位' : ''}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'star-roster': {
        const report = ctx.db.transaction(() => buildStarRoster(ctx, input))();
        const buffer = await starRosterWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.title)}_${safeFileName(report.unitName)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'period-summary': {
        const report = ctx.db.transaction(() => buildPeriodSummary(ctx, input))();
        const buffer = await periodSummaryWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.title)}_${safeFileName(report.schemeName)}_${safeFileName(report.unitName)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'period-list': {
        const report = ctx.db.transaction(() => buildPeriodList(ctx, input))();
        const buffer = await periodListWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.title)}_${safeFileName(report.schemeName)}_${safeFileName(report.unitName)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'period-register': {
        const report = ctx.db.transaction(() => buildPeriodRegister(ctx, input))();
        const buffer = await periodRegisterWorkbook(report, ctx.now());
        const who = report.pages.length === 1 ? report.pages[0]!.name : report.unitName;
        return { fileName: `${safeFileName(report.title)}_${safeFileName(report.schemeName)}_${safeFileName(who)}.xlsx`, base64: buffer.toString('base64') };
      }
      case 'points-ranking': {
        const report = ctx.db.transaction(() => buildPointsRanking(ctx, input))();
        const buffer = await pointsRankingWorkbook(report, ctx.now());
        return { fileName: `${safeFileName(report.title)}_${safeFileName(report.unitName)}.xlsx`, base64: buffer.toString('base64') };
      }
    }
  },
};
