import { z } from 'zod';
import { call, returns } from './define';

export const EXPORT_COLUMN_TYPES = ['text', 'number', 'date'] as const;

/** What a grid shows, as it shows it: the columns in order and the rows after filtering and sorting. */
export const gridExportInput = z.object({
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
    .max(200),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).max(200_000, '一次最多导出20万行'),
});
export type GridExportInput = z.input<typeof gridExportInput>;

export interface ExportedFile {
  fileName: string;
  base64: string;
}

export const excelContract = {
  'excel.exportGrid': call({ input: gridExportInput, output: returns<ExportedFile>(), tx: 'none' }),
};
