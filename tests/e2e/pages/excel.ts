/** Reading back a workbook the page saved (导出Excel): the rows under the header row that starts with `first`. */
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';

export interface SheetRows {
  headers: string[];
  rows: Record<string, unknown>[];
}

/** Clicks `click`, waits for the download and reads its first sheet. */
export async function downloadedSheet(page: Page, click: () => Promise<void>, first = '姓名'): Promise<SheetRows> {
  const download = page.waitForEvent('download');
  await click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await (await download).path());
  const ws = wb.worksheets[0]!;
  let headerRow = 0;
  for (let r = 1; r <= Math.min(ws.rowCount, 6) && !headerRow; r++) if (ws.getRow(r).getCell(1).value === first) headerRow = r;
  if (!headerRow) throw new Error(`no header row starting with ${first}`);
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  }
  return { headers, rows };
}
