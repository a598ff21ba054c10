/**
 * 表彰名单 and 荣誉证书 of an award batch: its recipients (candidates still nominated) grouped by unit (community), in
 * 姓氏笔画 order (the settings' option for short names) or in the order the secretary set for the batch.
 */
import type { CommendationLayout } from '../../../shared/contract/awards';
import type {
  CertificateMode,
  CertificateReport,
  CommendationGroup,
  CommendationName,
  CommendationOrder,
  CommendationReport,
} from '../../../shared/contract/reports';
import type { AwardCandidateRow } from '../../../shared/contract/awards';
import { awardLevelLabel } from '../../../shared/domain/awards';
import { strokeComparator } from '../../../shared/domain/stroke-order';
import type { HandlerContext } from '../context';
import { readAwardPrintSettings } from '../awards/print-settings';
import { batchSummary, candidateRows } from '../awards/queries';
import { byCommunity, reportHeader } from './month-summary';

/** The unit below the community: 固戍社区 / 第一网格 → 第一网格; the community itself when the person is on its staff. */
function unitBelow(c: AwardCandidateRow): string {
  const parts = c.unitPath.split(' / ');
  const i = parts.indexOf(c.community);
  return i >= 0 && i < parts.length - 1 ? parts.slice(i + 1).join(' / ') : c.community || c.unitPath;
}

const toName = (c: AwardCandidateRow): CommendationName => ({ personId: c.personId, name: c.name, unit: unitBelow(c), deeds: c.deeds, community: c.community });

/**
 * The recipients by community, communities in the organisation tree's order, names in the order asked for; or, as one
 * combined list, everyone in one group named '' (姓氏笔画 across the communities, or the batch's own order).
 */
function groupRecipients(
  ctx: HandlerContext,
  candidates: AwardCandidateRow[],
  order: CommendationOrder,
  shortNameFirst: boolean,
  layout: CommendationLayout = 'grouped',
): CommendationGroup[] {
  const byStroke = strokeComparator<AwardCandidateRow>((c) => c.name, { shortNameFirst });
  const sort = (rows: AwardCandidateRow[]) => [...rows].sort(order === 'custom' ? (a, b) => a.sortOrder - b.sortOrder : byStroke).map(toName);
  const recipients = candidates.filter((x) => x.status === 'nominated');
  if (layout === 'combined') return recipients.length === 0 ? [] : [{ community: '', names: sort(recipients) }];
  return byCommunity(ctx, recipients).map(([community, rows]) => ({ community, names: sort(rows) }));
}

export function commendationTitle(batchName: string, published: boolean): string {
  return `${batchName}${published ? '表彰名单' : '拟表彰名单'}`;
}

export function buildCommendation(
  ctx: HandlerContext,
  input: { batchId: number; order: CommendationOrder; layout?: CommendationLayout | undefined; pad?: 'on' | 'off' | undefined },
): CommendationReport {
  const header = reportHeader(ctx);
  const batch = batchSummary(ctx.db, input.batchId);
  const saved = readAwardPrintSettings(ctx.db);
  const layout = input.layout ?? saved.listLayout;
  const padNames = input.pad === undefined ? saved.padNames : input.pad === 'on';
  const groups = groupRecipients(ctx, candidateRows(ctx.db, batch.id), input.order, header.shortNameFirst, layout);
  const count = groups.reduce((s, g) => s + g.names.length, 0);
  const published = batch.stage === 'published';
  const issuer = batch.issuer || header.officeName;
  return {
    header,
    batchId: batch.id,
    title: commendationTitle(batch.name, published),
    intro: published
      ? `经评选${issuer ? `，${issuer}决定` : '，决定'}对以下${count}名同志予以表彰。希望受表彰的同志珍惜荣誉、再接再厉，充分发挥示范带动作用。`
      : `以下${count}名同志拟予表彰，现予公示。`,
    batchName: batch.name,
    levelLabel: awardLevelLabel(batch.level),
    issuer,
    date: batch.date,
    published,
    order: input.order,
    layout,
    padNames,
    awards: [{ name: batch.name, count, groups }],
    count,
  };
}

/** The certificates of a batch; one not yet published prints as a draft (草稿 across every page). */
export function buildCertificates(ctx: HandlerContext, input: { batchId: number; mode?: CertificateMode }): CertificateReport {
  const header = reportHeader(ctx);
  const batch = batchSummary(ctx.db, input.batchId);
  const groups = groupRecipients(ctx, candidateRows(ctx.db, batch.id), 'stroke', header.shortNameFirst);
  return {
    header,
    batchId: batch.id,
    batchName: batch.name,
    awardName: batch.name,
    issuer: batch.issuer || header.officeName,
    date: batch.date,
    recipients: groups.flatMap((g) => g.names),
    draft: batch.stage !== 'published',
    mode: input.mode ?? 'full',
    overlay: readAwardPrintSettings(ctx.db).overlay,
  };
}
