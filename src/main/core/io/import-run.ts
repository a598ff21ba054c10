/**
 * The one way every import runs. Preview: read the file, plan the import in a read transaction, show it. Commit:
 * read and plan again, refuse if the plan is not the one the user saw (digest) or has a wrong row, take a verified
 * backup, then plan once more and write inside one write transaction with the import logged and audited.
 * Nothing is written before the user confirms, and nothing is half-written.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { z } from 'zod';
import type {
  importCommitInput,
  importFileInput,
  ImportPreview,
  ImportPreviewRow,
  ImportResult,
  ImportRowStatus,
  ImportTable,
} from '../../../shared/contract/io';
import { AppError } from '../../../shared/errors';
import type { HandlerContext } from '../context';
import { backupDatabase } from '../db/backup';
import { loadWorkbook, type LoadedWorkbook } from './read';

type FileInput = z.output<typeof importFileInput>;
type CommitInput = z.output<typeof importCommitInput>;

/** What a planner returns: the preview's body and the writes it stands for. */
export interface ImportPlan {
  target: string;
  table: ImportTable | null;
  columns: string[];
  rows: ImportPreviewRow[];
  notes: string[];
  /** Writes the plan's new and changed rows (inside the import's transaction; records its own audit entries). */
  apply: () => void;
}

/** Plans an import of a loaded file: synchronous, reads the database, writes nothing. */
export type ImportPlanner = (file: LoadedWorkbook, input: FileInput) => ImportPlan;

export function countRows(rows: ImportPreviewRow[]): Record<ImportRowStatus, number> {
  const counts: Record<ImportRowStatus, number> = { new: 0, changed: 0, unchanged: 0, wrong: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

function digestOf(kind: string, file: LoadedWorkbook, plan: ImportPlan): string {
  const body = { kind, file: file.sha256, target: plan.target, mapping: plan.table?.mapping ?? null, sheet: plan.table?.sheetName ?? '', rows: plan.rows };
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function previousImportNote(ctx: HandlerContext, kind: string, sha256: string): string | null {
  const prior = ctx.db
    .prepare('SELECT at, actor FROM import_log WHERE kind = ? AND file_sha256 = ? ORDER BY id DESC LIMIT 1')
    .get(kind, sha256) as { at: string; actor: string } | undefined;
  if (!prior) return null;
  const when = new Date(prior.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return `这个文件已于 ${when} 由${prior.actor}导入过`;
}

async function load(input: FileInput): Promise<LoadedWorkbook> {
  return loadWorkbook(basename(input.fileName), Buffer.from(input.base64, 'base64'));
}

function toPreview(ctx: HandlerContext, kind: string, file: LoadedWorkbook, plan: ImportPlan): ImportPreview {
  const prior = previousImportNote(ctx, kind, file.sha256);
  return {
    kind,
    fileName: file.fileName,
    fileSha256: file.sha256,
    target: plan.target,
    table: plan.table,
    columns: plan.columns,
    rows: plan.rows,
    counts: countRows(plan.rows),
    notes: prior ? [prior, ...plan.notes] : plan.notes,
    digest: digestOf(kind, file, plan),
  };
}

export async function previewImport(ctx: HandlerContext, kind: string, input: FileInput, planner: ImportPlanner): Promise<ImportPreview> {
  const file = await load(input);
  return ctx.db.transaction(() => toPreview(ctx, kind, file, planner(file, input))).deferred();
}

function assertCommittable(kind: string, file: LoadedWorkbook, plan: ImportPlan, digest: string): void {
  const counts = countRows(plan.rows);
  if (counts.wrong > 0) throw new AppError('VALIDATION', `还有 ${counts.wrong} 行有错误，改正后重新预览才能导入`);
  if (counts.new + counts.changed === 0) throw new AppError('VALIDATION', '文件中没有需要导入的新内容');
  if (digestOf(kind, file, plan) !== digest) {
    throw new AppError('CONFLICT', '预览之后数据或文件有了变化，请重新预览并核对后再导入');
  }
}

export async function commitImport(ctx: HandlerContext, kind: string, input: CommitInput, planner: ImportPlanner): Promise<ImportResult> {
  const file = await load(input);
  // Checked before the backup so a stale or wrong import fails fast, and again under the write lock.
  ctx.db.transaction(() => assertCommittable(kind, file, planner(file, input), input.digest)).deferred();
  const backup = await backupDatabase(ctx.db, ctx.backupDir, 'import', ctx.now());
  void ctx.maintenance.afterBackup(backup); // its full check runs after, off the request path
  return ctx.transact(() => {
    const plan = planner(file, input);
    assertCommittable(kind, file, plan, input.digest);
    plan.apply();
    const counts = countRows(plan.rows);
    const { lastInsertRowid } = ctx.db
      .prepare(
        `INSERT INTO import_log (kind, file_name, file_sha256, sheet, target, actor, at, new_rows, changed_rows, same_rows, backup_file)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(kind, file.fileName, file.sha256, plan.table?.sheetName ?? '', plan.target, ctx.actor.name, ctx.now().toISOString(),
        counts.new, counts.changed, counts.unchanged, backup.fileName);
    const logId = Number(lastInsertRowid);
    ctx.audit({
      action: 'import',
      entity: 'import',
      entityId: logId,
      newValue: { kind, fileName: file.fileName, sha256: file.sha256, target: plan.target, counts, backup: backup.fileName },
    });
    return { counts, backupFileName: backup.fileName, logId };
  });
}
