/** 季度/半年/年度考核: period schemes, periods, ballots, ties, finalising. */
import type { periodsContract } from '../../../shared/contract/periods';
import type { PeriodRules } from '../../../shared/domain/periods';
import type { Handlers } from '../handler-types';
import { visibleUnits } from '../analysis/records';
import { commitImport, previewImport } from '../io/import-run';
import { BALLOT_IMPORT_KIND, ballotPlanner, buildBallotWorkbook, loadBallotSheet } from './ballot-workbook';
import { ballotSheet, listPeriods, listPeriodSchemes, periodScheme, periodView } from './queries';
import { copyPeriodScheme, createPeriodScheme, decideTie, finalisePeriod, finalisePeriodCheck, newPeriodVersion, openPeriod, publishPeriodScheme, reopenPeriod, saveBallots, savePeriodDraft } from './write';

export const periodsHandlers: Handlers<typeof periodsContract> = {
  'periods.schemes': (ctx) => listPeriodSchemes(ctx.db),
  'periods.getScheme': (ctx, input) => periodScheme(ctx.db, input.schemeId, input.version),
  'periods.createScheme': createPeriodScheme,
  'periods.copyScheme': copyPeriodScheme,
  'periods.newVersion': newPeriodVersion,
  'periods.saveDraft': (ctx, input) => savePeriodDraft(ctx, { ...input, rules: input.rules as PeriodRules }),
  'periods.publish': (ctx, input) => publishPeriodScheme(ctx, input.schemeId),
  'periods.list': (ctx) => listPeriods(ctx.db),
  'periods.open': openPeriod,
  'periods.view': (ctx, input) => periodView(ctx.db, ctx.actor, input.periodId, input.unitId),
  'periods.ballots': (ctx, input) => ballotSheet(ctx.db, input, visibleUnits(ctx.db, ctx.actor, input.unitId)),
  // every read in one snapshot, before the first await
  'periods.exportBallots': (ctx, input) => buildBallotWorkbook(ctx.db.transaction(() => loadBallotSheet(ctx.db, ctx.actor, input)).deferred(), ctx.now().toISOString()),
  'periods.previewBallots': (ctx, input) => previewImport(ctx, BALLOT_IMPORT_KIND, input, ballotPlanner(ctx, input)),
  'periods.importBallots': (ctx, input) => commitImport(ctx, BALLOT_IMPORT_KIND, input, ballotPlanner(ctx, input)),
  'periods.saveBallots': saveBallots,
  'periods.decideTie': decideTie,
  'periods.finalise': (ctx, input) => finalisePeriod(ctx, input.periodId),
  'periods.finaliseCheck': (ctx, input) => finalisePeriodCheck(ctx.db, input.periodId),
  'periods.reopen': reopenPeriod,
};
