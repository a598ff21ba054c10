/** A district view as an Excel workbook (exceljs), laid out as on the page and set up to print like the street's. */
import ExcelJS from 'exceljs';
import type { DistrictTable } from '../../shared/district/tables';
import { setUpPrinting } from '../core/io/print-setup';

const FONT = { name: '宋体', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };

export async function districtWorkbook(table: DistrictTable, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评（区级汇总）';
  wb.created = now;
  const ws = wb.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  const n = table.headers.length;
  const title = ws.addRow([table.title]);
  ws.mergeCells(title.number, 1, title.number, n);
  title.font = { ...FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 26;
  const header = ws.addRow(table.headers);
  header.font = { ...FONT, bold: true };
  header.eachCell((cell) => {
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDF2F7' } };
  });
  table.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const values of table.rows) {
    const row = ws.addRow(values);
    row.font = FONT;
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col > n) return;
      cell.border = BORDER;
      cell.alignment = { horizontal: typeof cell.value === 'number' ? 'center' : 'left', vertical: 'middle', wrapText: true };
    });
  }
  const note = ws.addRow([table.note]);
  ws.mergeCells(note.number, 1, note.number, n);
  note.font = FONT;
  note.alignment = { wrapText: true };
  setUpPrinting(ws, { headerRows: [header.number, header.number], titleColumns: [1, 2], fontSize: FONT.size });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
