/** A grid's view as an .xlsx: a title, the view's description, a frozen header row, text kept as text. */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { gridExportInput } from '../../../shared/contract/io';
import { isValidDate } from '../../../shared/domain/dates';
import { dateForCell } from './read';

type GridExport = z.output<typeof gridExportInput>;

const FONT = { name: '宋体', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };

export async function buildGridWorkbook(input: GridExport, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  wb.created = now;
  const ws = wb.addWorksheet(input.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  const n = input.columns.length;

  ws.addRow([input.title]);
  ws.mergeCells(1, 1, 1, n);
  ws.getRow(1).font = { ...FONT, size: 16, bold: true };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 26;
  let headerRow = 2;
  if (input.subtitle) {
    ws.addRow([input.subtitle]);
    ws.mergeCells(2, 1, 2, n);
    ws.getRow(2).font = { ...FONT, size: 10, color: { argb: 'FF595959' } };
    headerRow = 3;
  }
  const header = ws.addRow(input.columns.map((c) => c.header));
  header.font = { ...FONT, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDF2F7' } };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });

  input.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.type === 'text') col.numFmt = '@';
    if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
  });
  for (const values of input.rows) {
    const row = ws.addRow(
      values.map((v, i) => {
        if (v === null) return null;
        const type = input.columns[i]?.type ?? 'text';
        if (type === 'number' && typeof v === 'number') return v;
        // A real date cell holding the wall-clock day (exceljs writes a Date's UTC fields as typed).
        if (type === 'date' && typeof v === 'string' && isValidDate(v)) return dateForCell(v);
        return typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
      }),
    );
    row.font = FONT;
  }
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
