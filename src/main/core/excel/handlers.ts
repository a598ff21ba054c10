import type { excelContract } from '../../../shared/contract/excel';
import type { Handlers } from '../handler-types';
import { buildGridWorkbook } from './grid-export';

export const excelHandlers: Handlers<typeof excelContract> = {
  'excel.exportGrid': async (ctx, input) => {
    const buffer = await buildGridWorkbook(input, ctx.now());
    const safeTitle = input.title.replace(/[\\/:*?"<>|\s]+/g, '_');
    return { fileName: `${safeTitle}_${ctx.today}.xlsx`, base64: buffer.toString('base64') };
  },
};
