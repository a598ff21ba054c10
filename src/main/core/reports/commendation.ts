/**
 * 表彰名单 and 荣誉证书 of an award batch: its recipients (candidates still nominated) grouped by unit (community), in
 * 姓氏笔画 order (the settings' option for short names) or in the order the secretary set for the batch.
 */
import type {
  CertificateReport,
  CommendationGroup,
  CommendationName,
  CommendationOrder,
  CommendationReport,
} from '../../../shared/contract/reports';
import type { AwardCandidateRow } from '../../../shared/contract/awards';
import { awardLevelLabel } from '../../../shared/domain/awards';
import { strokeComparator } from '../../../shared/domain/stroke-order';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import { batchSummary, candidateRows } from '../awards/queries';
import { byCommunity, reportHeader } from './month-summary';

/** The unit below the community: 固戍社区 / 第一网格 → 第一网格; the community itself when the person is on its staff. */
function unitBelow(c: AwardCandidateRow): string {
  const parts = c.unitPath.split(' / ');
  const i = parts.indexOf(c.community);
  return i >= 0 && i < parts.length - 1 ? parts.slice(i + 1).join(' / ') : c.community || c.unitPath;
}

const toName = (c: AwardCandidateRow): CommendationName => ({ personId: c.personId, name: c.name, unit: unitBelow(c), deeds: c.deeds });

/** The recipients by community, communities in the organisation tree's order, names in the order asked for. */
function groupRecipients(ctx: HandlerContext, candidates: AwardCandidateRow[], order: CommendationOrder, shortNameFirst: boolean): CommendationGroup[] {
  const byStroke = strokeComparator<AwardCandidateRow>((c) => c.name, { shortNameFirst });
  return byCommunity(
    ctx,
    candidates.filter((x) => x.status === 'nominated'),
  ).map(([community, rows]) => ({
    community,
    names: [...rows].sort(order === 'custom' ? (a, b) => a.sortOrder - b.sortOrder : byStroke).map(toName),
  }));
}

export function commendationTitle(batchName: string, published: boolean): string {
  return `${batchName}${published ? '表彰名单' : '拟表彰名单'}`;
}

export function buildCommendation(ctx: HandlerContext, input: { batchId: number; order: CommendationOrder }): CommendationReport {
  const header = reportHeader(ctx);
  const batch = batchSummary(ctx.db, input.batchId);
  const groups = groupRecipients(ctx, candidateRows(ctx.db, batch.id), input.order, header.shortNameFirst);
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
    awards: [{ name: batch.name, count, groups }],
    count,
  };
}

export function buildCertificates(ctx: HandlerContext, input: { batchId: number }): CertificateReport {
  const header = reportHeader(ctx);
  const batch = batchSummary(ctx.db, input.batchId);
  if (batch.stage !== 'published') throw new AppError('CONFLICT', '表彰尚未发布，发布后才能打印荣誉证书');
  const groups = groupRecipients(ctx, candidateRows(ctx.db, batch.id), 'stroke', header.shortNameFirst);
  return {
    header,
    batchId: batch.id,
    batchName: batch.name,
    awardName: batch.name,
    issuer: batch.issuer || header.officeName,
    date: batch.date,
    recipients: groups.flatMap((g) => g.names.map((n) => ({ ...n, community: g.community }))),
  };
}
