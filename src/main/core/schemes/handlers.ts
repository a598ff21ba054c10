import type { schemesContract } from '../../../shared/contract/schemes';
import type { Handlers } from '../handler-types';
import { schemeDetail, listSchemes } from './queries';
import { TEMPLATES } from './templates';
import { createScheme, discardDraft, publishScheme, saveDraft } from './write';

export const schemesHandlers: Handlers<typeof schemesContract> = {
  'schemes.list': (ctx) => listSchemes(ctx.db),

  'schemes.get': (ctx, input) => schemeDetail(ctx.db, input.schemeId, input.version),

  'schemes.templates': () => TEMPLATES.map(({ key, name, description }) => ({ key, name, description })),

  'schemes.create': createScheme,

  'schemes.saveDraft': saveDraft,

  'schemes.publish': publishScheme,

  'schemes.discardDraft': discardDraft,
};
