/**
 * Are the records as the app wrote them? The audit chain end to end (and against the heads recorded with backups), and
 * every finalised month against its digest and the digest its finalise entry (or migration 0110's seal) recorded.
 */
import type { Database } from 'better-sqlite3';
import type { RecordsCheck, RecordProblem } from '../../../shared/contract/audit';
import { formatTimestamp } from '../../../shared/domain/dates';
import { monthDigest } from '../assessments/digest';
import { periodDigest } from '../periods/digest';
import { verifyAuditChain, type ChainHead } from './chain';
import { NameBook, summarise } from './summary';

const KIND_LABELS = {
  changed: '内容与校验值不符（被改动过）',
  missing: '之前的记录被删除',
  rewritten: '与备份时记录的校验值不符（日志被整体改写）',
  truncated: '备份时已有的记录不见了',
} as const;

/** The digest each finalised month was sealed with: its latest finalise entry, else migration 0110's seal. */
function sealedDigests(db: Database): Map<number, string> {
  const sealed = new Map<number, string>();
  for (const v of db.prepare("SELECT new_value FROM audit_log WHERE action = 'seal' AND entity = 'system' ORDER BY id").pluck().all() as string[]) {
    const months = (JSON.parse(v) as { months?: Record<string, string> }).months ?? {};
    for (const [id, digest] of Object.entries(months)) sealed.set(Number(id), digest);
  }
  const finalised = db
    .prepare(
      `SELECT entity_id, json_extract(new_value, '$.digest') AS digest FROM audit_log
        WHERE entity = 'assessment_month' AND action = 'finalise' AND json_valid(new_value) ORDER BY id`,
    )
    .all() as { entity_id: number; digest: string | null }[];
  for (const f of finalised) if (f.digest) sealed.set(f.entity_id, f.digest);
  return sealed;
}

export async function verifyRecords(db: Database, heads: readonly ChainHead[], now: Date, stop: () => boolean = () => false): Promise<RecordsCheck | null> {
  const problems: RecordProblem[] = [];
  const chain = await verifyAuditChain(db, heads);
  if (!chain.ok) {
    const { broken } = chain;
    problems.push({
      kind: 'audit',
      id: broken.id,
      message: `操作日志第 ${broken.id} 条${KIND_LABELS[broken.kind]}`,
      claimed: broken.row
        ? `${formatTimestamp(broken.row.at)} ${broken.row.actor}：${summarise({ ...broken.row, id: broken.id }, new NameBook(db)).summary}${broken.row.reason ? `（原因：${broken.row.reason}）` : ''}`
        : '',
    });
  }
  if (stop()) return null;
  const months = db
    .prepare(
      `SELECT m.id, m.period, m.digest, s.name AS scheme FROM assessment_months m JOIN schemes s ON s.id = m.scheme_id
        WHERE m.status = 'finalised' ORDER BY m.period, m.id`,
    )
    .all() as { id: number; period: string; digest: string; scheme: string }[];
  const sealed = sealedDigests(db);
  for (const m of months) {
    const where = `${m.period} ${m.scheme}`;
    const recorded = sealed.get(m.id);
    if (monthDigest(db, m.id) !== m.digest) problems.push({ kind: 'month', id: m.id, message: `${where}（已归档）的分数或结果与归档时不符`, claimed: '' });
    else if (recorded !== undefined && recorded !== m.digest) {
      problems.push({ kind: 'month', id: m.id, message: `${where}（已归档）的校验值与操作日志中归档时记录的不符`, claimed: '' });
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (stop()) return null;
  }
  const periods = db
    .prepare(
      `SELECT a.id, a.period, a.digest, s.name AS scheme,
              (SELECT json_extract(l.new_value, '$.digest') FROM audit_log l WHERE l.entity = 'period_assessment' AND l.entity_id = a.id
                 AND l.action = 'finalise' AND json_valid(l.new_value) ORDER BY l.id DESC LIMIT 1) AS recorded
         FROM period_assessments a JOIN period_schemes s ON s.id = a.period_scheme_id WHERE a.status = 'finalised' ORDER BY a.period, a.id`,
    )
    .all() as { id: number; period: string; digest: string; scheme: string; recorded: string | null }[];
  for (const p of periods) {
    const where = `${p.period} ${p.scheme}`;
    if (periodDigest(db, p.id) !== p.digest) problems.push({ kind: 'period', id: p.id, message: `${where}（已归档）的结果或测评票与归档时不符`, claimed: '' });
    else if (p.recorded !== null && p.recorded !== p.digest) problems.push({ kind: 'period', id: p.id, message: `${where}（已归档）的校验值与操作日志中归档时记录的不符`, claimed: '' });
  }
  return { checkedAt: now.toISOString(), ok: problems.length === 0, auditRows: chain.rows, months: months.length, problems };
}
