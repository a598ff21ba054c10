import type { appealsContract } from '../../../shared/contract/appeals';
import type { Handlers } from '../handler-types';
import { assertInScope } from '../accounts/scope';
import { appealableTargets, listAppeals } from './queries';
import { fileAppeal, reviewAppeal } from './write';

export const appealsHandlers: Handlers<typeof appealsContract> = {
  'appeals.list': (ctx, input) => listAppeals(ctx.db, ctx.actor, input.status),
  'appeals.targets': (ctx, input) => {
    const targets = appealableTargets(ctx.db, input.personId, ctx.today);
    // a 考核员 reads only the people of their units: judged by the person's unit now
    const person = ctx.db
      .prepare('SELECT p.name, t.unit_id AS unitId FROM people p JOIN person_terms t ON t.person_id = p.id WHERE p.id = ? ORDER BY t.valid_from DESC LIMIT 1')
      .get(input.personId) as { name: string; unitId: number } | undefined;
    if (person) assertInScope(ctx.db, ctx.actor, [person], '查看其申诉');
    return targets;
  },
  'appeals.file': fileAppeal,
  'appeals.review': reviewAppeal,
};
