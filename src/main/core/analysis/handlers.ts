/** 首页 and 分析: every figure from one query here; the pages draw them. */
import type { analysisContract } from '../../../shared/contract/analysis';
import type { Handlers } from '../handler-types';
import { compareCommunities, criteriaHeatmap } from './compare';
import { evaluatorPairs, evaluatorReport } from './evaluators';
import { homeView } from './home';
import { personProfile } from './person';
import { whatIf } from './whatif';

export const analysisHandlers: Handlers<typeof analysisContract> = {
  'analysis.home': (ctx) => homeView(ctx.db, ctx.actor, ctx.today),
  'analysis.compare': (ctx, input) => compareCommunities(ctx.db, ctx.actor, input),
  'analysis.criteria': (ctx, input) => criteriaHeatmap(ctx.db, ctx.actor, input),
  'analysis.evaluators': (ctx, input) => evaluatorReport(ctx.db, ctx.actor, input),
  'analysis.pairs': (ctx, input) => evaluatorPairs(ctx.db, ctx.actor, input),
  'analysis.person': (ctx, input) => personProfile(ctx.db, ctx.actor, input.personId, ctx.today),
  'analysis.whatIf': (ctx, input) => whatIf(ctx.db, ctx.actor, input),
};
