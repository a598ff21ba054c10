import type { starsContract } from '../../../shared/contract/stars';
import type { Handlers } from '../handler-types';
import { listRuleSets, listRuns, runView, disciplineRecords, gridRatings, personStars, starRoster } from './queries';
import { createDiscipline, decideTie, deleteRuleSet, discardRun, overrideRating, previewRun, publishCheck, publishRun, saveRuleSet } from './write';

export const starsHandlers: Handlers<typeof starsContract> = {
  'stars.ruleSets': (ctx) => listRuleSets(ctx.db),

  'stars.saveRuleSet': saveRuleSet,

  'stars.deleteRuleSet': deleteRuleSet,

  'stars.runs': (ctx) => listRuns(ctx.db),

  'stars.preview': previewRun,

  'stars.run': (ctx, input) => runView(ctx.db, input.runId),

  'stars.override': overrideRating,

  'stars.decideTie': decideTie,

  'stars.publish': publishRun,
  'stars.publishCheck': publishCheck,

  'stars.discard': discardRun,

  'stars.roster': starRoster,

  'stars.personHistory': personStars,

  'stars.grids': gridRatings,

  'stars.discipline': disciplineRecords,

  'stars.createDiscipline': createDiscipline,
};
