import type { awardsContract } from '../../../shared/contract/awards';
import type { Handlers } from '../handler-types';
import { batchView, listBatches, personAwards } from './queries';
import {
  addCandidate,
  deleteBatch,
  keepCandidate,
  moveStage,
  nominate,
  removeCandidate,
  reorderCandidates,
  saveBatch,
  saveDeeds,
} from './write';

export const awardsHandlers: Handlers<typeof awardsContract> = {
  'awards.batches': (ctx) => listBatches(ctx.db),

  'awards.batch': (ctx, { id }) => batchView(ctx.db, id),

  'awards.saveBatch': saveBatch,

  'awards.deleteBatch': deleteBatch,

  'awards.nominate': nominate,

  'awards.addCandidate': addCandidate,

  'awards.removeCandidate': removeCandidate,

  'awards.keepCandidate': keepCandidate,

  'awards.saveDeeds': saveDeeds,

  'awards.reorderCandidates': reorderCandidates,

  'awards.moveStage': moveStage,

  'awards.personAwards': (ctx, { personId }) => personAwards(ctx.db, personId),
};
