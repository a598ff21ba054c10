/**
 * The one way every import runs. Preview: read the file, plan the import in a read transaction, show it. Commit:
 * read and plan again, refuse if the plan is not the one the user saw (digest) or has a wrong row, take a verified
 * backup, then plan once more and write inside one write transaction with the import logged and audited.
 * Nothing is written before the user confirms, and nothing is half-written.
 *
 * The default is all or nothing. The user's explicit 只导入正确的 N 行 (mode 'goodOnly') writes the good rows in that
 * same one transaction (a planner's apply never writes a wrong row) and hands the wrong rows back as a workbook: the
 * user's own header and cells of those rows plus a 错误原因 column, so only they are fixed and imported again.
 */
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import type {
  ExportedFile,
  importCommitInput,
  ImportMode,
  importFileInput,
  ImportPreview,
  ImportPreviewRow,
  ImportResult,
  ImportRowStatus,
  ImportTable,
} from '../../../shared/contract/io';
import { AppError } from '../../../shared/errors';
import { formatTimestamp } from '../../../shared/domain/dates';
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
  return `这个文件已于 ${formatTimestamp(prior.at)} 由${prior.actor}导入过`;
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

function assertCommittable(kind: string, file: LoadedWorkbook, plan: ImportPlan, digest: string, mode: ImportMode): void {
  const counts = countRows(plan.rows);
  if (counts.wrong > 0 && mode === 'all') {
    throw new AppError('VALIDATION', `还有 ${counts.wrong} 行有错误，改正后重新预览才能导入；也可以选择“只导入正确的行”`);
  }
  if (counts.new + counts.changed === 0) {
    throw new AppError('VALIDATION', counts.wrong > 0 ? '除有错误的行外，文件中没有需要导入的新内容' : '文件中没有需要导入的新内容');
  }
  if (digestOf(kind, file, plan) !== digest) {
    throw new AppError('CONFLICT', '预览之后数据或文件有了变化，请重新预览并核对后再导入');
  }
}

export async function commitImport(ctx: HandlerContext, kind: string, input: CommitInput, planner: ImportPlanner): Promise<ImportResult> {
  const file = await load(input);
  // Checked before the backup so a stale or wrong import fails fast, and again under the write lock.
  ctx.db.transaction(() => assertCommittable(kind, file, planner(file, input), input.digest, input.mode)).deferred();
  const backup = await backupDatabase(ctx.db, ctx.backupDir, 'import', ctx.now());
  void ctx.maintenance.afterBackup(backup); // its full check runs after, off the request path
  const done = ctx.transact(() => {
    const plan = planner(file, input);
    assertCommittable(kind, file, plan, input.digest, input.mode);
    plan.apply();
    const counts = countRows(plan.rows);
    const wrong = plan.rows.filter((r) => r.status === 'wrong');
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
      newValue: {
        kind,
        fileName: file.fileName,
        sha256: file.sha256,
        target: plan.target,
        counts,
        backup: backup.fileName,
        ...(wrong.length > 0 ? { mode: input.mode, skippedLines: wrong.map((r) => r.line) } : {}),
      },
      reason: wrong.length > 0 ? `只导入正确的行，跳过有错误的 ${wrong.length} 行` : undefined,
    });
    return { counts, backupFileName: backup.fileName, logId, plan, wrong };
  });
  const wrongRows = done.wrong.length > 0 ? await wrongRowsWorkbook(file, done.plan, done.wrong) : null;
  return { counts: done.counts, backupFileName: done.backupFileName, logId: done.logId, skipped: done.wrong.length, wrongRows };
}

/** '第12行 C列（身份证号）：…' → 'C列（身份证号）：…': in the workbook of wrong rows the row has another number. */
function reasonOf(row: ImportPreviewRow): string {
  const prefix = `第${row.line}行`;
  return row.errors.map((e) => (e.message.startsWith(prefix) ? e.message.slice(prefix.length).replace(/^[\s：:]+/, '') : e.message)).join('；');
}

/** The plain value of a cell to copy: a formula gives its cached result (the copy must read as the original did). */
function copyValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) return ((v as { result?: unknown }).result ?? null) as ExcelJS.CellValue;
  return v;
}

/**
 * The wrong rows as a workbook to fix and import again: the user's sheet with its rows above the table (title,
 * header) and only the wrong rows, each cell as it was (a text ID stays text), and 错误原因 after the last column.
 * A fixed-layout import (no table found in an office's sheet) lists its preview columns instead.
 */
export async function wrongRowsWorkbook(file: LoadedWorkbook, plan: ImportPlan, wrong: ImportPreviewRow[]): Promise<ExportedFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  const source = plan.table ? file.workbook.getWorksheet(plan.table.sheetName) : undefined;
  const reasonFont: Partial<ExcelJS.Font> = { color: { argb: 'FFC00000' } };
  if (plan.table && source) {
    const { headerRow } = plan.table;
    const ws = wb.addWorksheet(source.name);
    const width = Math.max(source.columnCount, plan.table.columns.length, 1);
    const reasonCol = width + 1;
    for (let c = 1; c <= width; c++) {
      const col = source.getColumn(c);
      ws.getColumn(c).width = col.width ?? 12;
      if (col.numFmt) ws.getColumn(c).numFmt = col.numFmt;
    }
    ws.getColumn(reasonCol).width = 60;
    const copyRow = (from: number, to: number) => {
      const src = source.getRow(from);
      const dst = ws.getRow(to);
      for (let c = 1; c <= width; c++) {
        const cell = src.getCell(c);
        if (cell.isMerged && cell.master !== cell) continue;
        dst.getCell(c).value = copyValue(cell.value);
        dst.getCell(c).style = cell.style;
      }
    };
    for (let r = 1; r <= headerRow; r++) copyRow(r, r);
    // Merges above the table (a title across the sheet, a two-row header) are kept; none can reach the data rows.
    for (const range of source.model.merges ?? []) {
      const rows = range.match(/\d+/g)?.map(Number) ?? [];
      if (rows.length === 2 && rows[1]! <= headerRow) ws.mergeCells(range);
    }
    const head = ws.getCell(headerRow, reasonCol);
    head.value = '错误原因';
    head.font = { bold: true, ...reasonFont };
    wrong.forEach((row, i) => {
      copyRow(row.line, headerRow + 1 + i);
      const cell = ws.getCell(headerRow + 1 + i, reasonCol);
      cell.value = reasonOf(row);
      cell.font = reasonFont;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    ws.views = [{ state: 'frozen', ySplit: headerRow }];
  } else {
    const ws = wb.addWorksheet('有错误的行');
    const header = ws.addRow(['原行号', ...plan.columns, '错误原因']);
    header.font = { bold: true };
    for (const row of wrong) ws.addRow([row.line, ...row.values, reasonOf(row)]).getCell(plan.columns.length + 2).font = reasonFont;
    ws.columns.forEach((c, i) => (c.width = i === plan.columns.length + 1 ? 60 : 14));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const base = basename(file.fileName, extname(file.fileName));
  return { fileName: `${base}-有错误的行.xlsx`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
