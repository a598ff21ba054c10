/// <reference lib="dom" />
/** Page model of the points imports: 积分导入 (from the 积分 page) and 平台统计 (its tab), both in ImportDialog. */
import { expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';

export type Cell = ExcelJS.CellValue;

/** An .xlsx made in memory: a title row merged across, a header and the rows. */
export async function xlsx(title: string, header: string[], rows: Cell[][], textColumns: number[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  for (const c of textColumns) ws.getColumn(c).numFmt = '@';
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export class ImportDialogModel {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async pick(name: string, buffer: Buffer): Promise<void> {
    await this.dialog().getByLabel('选择Excel文件').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
  }

  summary(): Locator {
    return this.dialog().getByRole('status', { name: '导入预览统计' });
  }

  /** Waits for a preview of the file with these counts. */
  async expectCounts(c: { new: number; changed?: number; unchanged?: number; wrong: number }): Promise<void> {
    const s = this.summary();
    await expect(s).toContainText(`新增 ${c.new}`);
    await expect(s).toContainText(`有错误 ${c.wrong}`);
    if (c.changed !== undefined) await expect(s).toContainText(`变更 ${c.changed}`);
    if (c.unchanged !== undefined) await expect(s).toContainText(`无变化 ${c.unchanged}`);
  }

  grid(): Locator {
    return this.dialog().getByRole('region', { name: '导入预览' });
  }

  /** The preview's red cells. */
  wrongCells(): Locator {
    return this.grid().locator('.ag-cell.cell-wrong');
  }

  errors(): Locator {
    return this.dialog().getByRole('list', { name: '错误清单' }).getByRole('listitem');
  }

  notes(): Locator {
    return this.dialog().locator('.import-note');
  }

  confirm(): Locator {
    return this.dialog().getByRole('button', { name: /^确认导入/ });
  }
}
