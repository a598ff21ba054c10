import type { awardsContract } from '../../../shared/contract/awards';
import type { Handlers } from '../handler-types';
import { addCandidates, nomineePool, resolveNominees } from './bulk';
import { readAwardPrintSettings, saveAwardPrintSettings } from './print-settings';
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

  'awards.nomineePool': (ctx, { batchId }) => nomineePool(ctx.db, batchId),

  'awards.resolveNominees': (ctx, input) => resolveNominees(ctx.db, input),

  'awards.addCandidates': addCandidates,

  'awards.removeCandidate': removeCandidate,

  'awards.keepCandidate': keepCandidate,

  'awards.saveDeeds': saveDeeds,

  'awards.reorderCandidates': reorderCandidates,

  'awards.moveStage': moveStage,

  'awards.printSettings': (ctx) => readAwardPrintSettings(ctx.db),

  'awards.savePrintSettings': saveAwardPrintSettings,

  'awards.personAwards': (ctx, { personId }) => personAwards(ctx.db, personId),
};
