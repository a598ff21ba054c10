/** Workbooks the import tests make for themselves with exceljs, the way offices make theirs. */
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';

export type Cell = string | number | Date | null | { formula: string; result: number | string };

/** A sheet: an optional title row merged across, then the header rows, then the data rows. */
export async function sheetFile(
  rows: Cell[][],
  options: { title?: string; headerRows?: Cell[][]; merges?: string[]; sheetName?: string; textColumns?: number[] } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(options.sheetName ?? 'Sheet1');
  const width = Math.max(...(options.headerRows ?? rows).map((r) => r.length), 1);
  if (options.title) {
    ws.addRow([options.title]);
    ws.mergeCells(1, 1, 1, width);
  }
  for (const r of options.headerRows ?? []) ws.addRow(r);
  for (const c of options.textColumns ?? []) ws.getColumn(c).numFmt = '@';
  for (const r of rows) ws.addRow(r);
  for (const m of options.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** A zip holding one entry that inflates to `size` bytes of zeros while claiming far less: a small zip bomb. */
export function zipBomb(size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size));
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1000, 22); // the lie
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1000, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** The first bytes of an Excel 97-2003 file (an OLE compound document), as a .xls renamed to .xlsx starts. */
export function oldXls(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
}
