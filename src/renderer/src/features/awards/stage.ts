import type { AwardBatchSummary } from '../../../../shared/contract/awards';

/** The badge of a batch's stage: published in green, on notice in its own colour, the rest as drafts. */
export function stageBadgeClass(stage: AwardBatchSummary['stage']): string {
  return stage === 'published' ? 'badge ok' : stage === 'notice' ? 'badge award-notice' : 'badge draft';
}
