import { z } from 'zod';
import { call, returns } from './define';

export const EXPORT_COLUMN_TYPES = ['text', 'number', 'date'] as const;

/** The most rows one export may hold: beyond it the page asks for a filter first. */
export const MAX_EXPORT_ROWS = 200_000;
const MAX_EXPORT_CELLS = 2_000_000;

/** What a grid shows, as it shows it: the columns in order and the rows after filtering and sorting. */
export const gridExportInput = z
  .object({
    title: z.string().trim().min(1, '请填写标题').max(80, '标题不能超过80字'),
    /** A line under the title saying what the view is: unit, filters, date. */
    subtitle: z.string().max(200).default(''),
    columns: z
      .array(
        z.object({
          header: z.string().max(60),
          /** In characters, as Excel measures columns. */
          width: z.number().min(4).max(120).default(12),
          /** text keeps digits as typed (ID numbers never become numbers). */
          type: z.enum(EXPORT_COLUMN_TYPES).default('text'),
        }),
      )
      .min(1, '没有可导出的列')
      .max(200, '一次最多导出200列'),
    rows: z.array(z.array(z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))).max(MAX_EXPORT_ROWS, '一次最多导出20万行，请先筛选再导出'),
    /** Chosen by the page to ask io.exportProgress while the export runs. */
    jobId: z.string().regex(/^[\w-]{8,64}$/).optional(),
  })
  .refine((v) => v.rows.length * v.columns.length <= MAX_EXPORT_CELLS, { message: '要导出的单元格过多（超过200万个），请先筛选或隐藏不需要的列', path: ['rows'] });
export type GridExportInput = z.input<typeof gridExportInput>;

export interface ExportedFile {
  fileName: string;
  base64: string;
}

/** A field an import reads, as the mapping step shows it. */
export interface ImportField {
  key: string;
  label: string;
  required: boolean;
}

/** A column of the user's sheet: its number, letters, header text and a few values, for the mapping step. */
export interface ImportSourceColumn {
  index: number;
  letter: string;
  header: string;
  samples: string[];
}

/** Where the import found its table and which column holds which field (the user may correct it). */
export interface ImportTable {
  sheets: string[];
  sheetName: string;
  headerRow: number;
  columns: ImportSourceColumn[];
  fields: ImportField[];
  /** Field key → column number, or null when not imported. */
  mapping: Record<string, number | null>;
}

export const IMPORT_ROW_STATUSES = ['new', 'changed', 'unchanged', 'wrong'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];
export const IMPORT_ROW_STATUS_LABELS: Record<ImportRowStatus, string> = {
  new: '新增',
  changed: '变更',
  unchanged: '无变化',
  wrong: '有错误',
};

/** A row of the file as the import will take it. */
export interface ImportPreviewRow {
  /** The row's number in Excel. */
  line: number;
  status: ImportRowStatus;
  /** One per preview column. */
  values: string[];
  /** Wrong cells: the preview column and why (the message names the row and the sheet's column). */
  errors: { column: number; message: string }[];
  /** For a changed row: what changes (手机号 138… → 139…). */
  change: string;
}

export interface ImportPreview {
  kind: string;
  fileName: string;
  fileSha256: string;
  /** What the import writes to, in words (人员名册; 2026年11月 月度考核 · 固戍社区 · 李考核). */
  target: string;
  /** Null when the import reads a fixed layout (the evaluator workbook) rather than an office's own sheet. */
  table: ImportTable | null;
  columns: string[];
  rows: ImportPreviewRow[];
  counts: Record<ImportRowStatus, number>;
  /** Things to know that are not errors of a row: empty rows left out, a file imported before. */
  notes: string[];
  /** What the user confirms: the commit is refused if the file or the data now give a different preview. */
  digest: string;
}

export interface ImportResult {
  counts: Record<ImportRowStatus, number>;
  /** How many wrong rows were left out (only under 只导入正确的行; 0 otherwise). */
  skipped: number;
  /** The rows left out, as the user's own columns plus 错误原因, to fix and import again (null when none were). */
  wrongRows: ExportedFile | null;
  /** The verified backup taken just before the write. */
  backupFileName: string;
  logId: number;
}

export interface ImportLogEntry {
  id: number;
  kind: string;
  fileName: string;
  sheet: string;
  target: string;
  actor: string;
  at: string;
  newRows: number;
  changedRows: number;
  sameRows: number;
  backupFile: string;
}

/** 20 MB as base64. */
const MAX_BASE64 = Math.ceil((20 * 1024 * 1024 * 4) / 3) + 4;

/** A file the user picked, with the sheet and column mapping they chose (both optional: found automatically). */
export const importFileInput = z.object({
  fileName: z.string().trim().min(1, '请选择文件').max(255),
  base64: z.string().min(1, '文件是空的').max(MAX_BASE64, '文件过大，一次最多导入 20 MB 的文件'),
  sheet: z.string().max(31).optional(),
  mapping: z.record(z.string(), z.number().int().positive().nullable()).optional(),
});
/**
 * How a commit treats wrong rows: 'all' (the default) writes nothing while any row is wrong; 'goodOnly' is the
 * user's explicit 只导入正确的 N 行: the good rows are written and the wrong ones come back as a workbook.
 */
export const IMPORT_MODES = ['all', 'goodOnly'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const importCommitInput = importFileInput.extend({
  digest: z.string().regex(/^[0-9a-f]{64}$/, '缺少预览结果，请先预览'),
  mode: z.enum(IMPORT_MODES).default('all'),
});
export type ImportFileInput = z.input<typeof importFileInput>;
export type ImportCommitInput = z.input<typeof importCommitInput>;

export const ioContract = {
  'io.exportGrid': call({ input: gridExportInput, output: returns<ExportedFile>(), tx: 'none' }),
  /** How far an export with this job id has come (rows written of rows in all); null when unknown or long done. */
  'io.exportProgress': call({ input: z.object({ jobId: z.string().regex(/^[\w-]{8,64}$/) }), output: returns<{ done: number; total: number } | null>(), tx: 'read' }),
  'io.importLog': call({ input: z.object({ kind: z.string().max(30).optional() }), output: returns<ImportLogEntry[]>(), tx: 'read' }),
};
