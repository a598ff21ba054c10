import type { schemesContract } from '../../../shared/contract/schemes';
import type { Handlers } from '../handler-types';
import { knownGroups, schemeDetail, listSchemes } from './queries';
import { TEMPLATES } from './templates';
import { copyScheme, createScheme, discardDraft, newVersion, publishScheme, saveDraft } from './write';

export const schemesHandlers: Handlers<typeof schemesContract> = {
  'schemes.list': (ctx) => listSchemes(ctx.db),

  'schemes.get': (ctx, input) => schemeDetail(ctx.db, input.schemeId, input.version),

  'schemes.templates': () => TEMPLATES.map(({ key, name, description }) => ({ key, name, description })),

  'schemes.create': createScheme,

  'schemes.copy': copyScheme,

  'schemes.newVersion': newVersion,

  'schemes.groups': (ctx) => knownGroups(ctx.db),

  'schemes.saveDraft': saveDraft,

  'schemes.publish': publishScheme,

  'schemes.discardDraft': discardDraft,
};
