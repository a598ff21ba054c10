/**
 * Finding the table in an office's own sheet: the header row below a title (and across a two-row merged header),
 * its columns matched to the import's fields by name, the user's corrections to that mapping, and the data rows
 * with empty rows and signature lines (制表人：…) left out.
 */
import ExcelJS from 'exceljs';
import type { ImportField, ImportSourceColumn, ImportTable } from '../../../shared/contract/io';
import { stripAllSpaces, toHalfWidth } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import { cellText, cellValue, columnLetter, type CellValue } from './read';

/** A field of an import with the header names offices use for it, most usual first. */
export interface FieldSpec extends ImportField {
  aliases: string[];
}

export interface TableRow {
  /** The row's number in Excel. */
  line: number;
  /** By field key; null when the field is not mapped or the cell is empty. */
  get: (key: string) => CellValue;
}

export interface ReadTable {
  table: ImportTable;
  rows: TableRow[];
  /** Rows left out because they were empty. */
  emptyRows: number;
  /** Required fields with no column. */
  unmapped: ImportField[];
}

export interface TableOptions {
  sheet?: string | undefined;
  /** Field key → column number, as the user corrected it; null leaves a field out. */
  mapping?: Record<string, number | null> | undefined;
}

const HEADER_SCAN_ROWS = 20;
const SAMPLE_COUNT = 3;
/** A row holding only lines like these is a signature or note under the table, not data. */
const FOOTER_RE = /^(制表|填表|填报|审核|审批|负责人|联系人|联系电话|合计|总计|小计|注[:：]|说明|备注[:：]|单位[（(]?盖章)/;
/** A totals row: its first filled cell says so, whatever numbers follow. */
const TOTAL_RE = /^(合计|总计|小计)[:：]?$/;

/** A header as compared: no spaces, no required-field stars, half-width, brackets and what they hold dropped. */
export function headerKey(text: string): string {
  return stripAllSpaces(toHalfWidth(text))
    .replace(/[*＊]/g, '')
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .toLowerCase();
}

/** The aliases' keys, worked out once per field (a header guess compares every cell of 20 rows with every alias). */
const aliasKeys = new WeakMap<FieldSpec, string[]>();
function keysOf(field: FieldSpec): string[] {
  let keys = aliasKeys.get(field);
  if (!keys) aliasKeys.set(field, (keys = field.aliases.map(headerKey)));
  return keys;
}

function matchField(header: string, fields: FieldSpec[]): FieldSpec | null {
  const key = headerKey(header);
  if (key === '') return null;
  for (const f of fields) if (keysOf(f).includes(key)) return f;
  for (const f of fields) if (keysOf(f).some((a) => key.startsWith(a))) return f;
  return null;
}

function rowTexts(ws: ExcelJS.Worksheet, r: number, width: number): string[] {
  const row = ws.getRow(r);
  return Array.from({ length: width }, (_, i) => cellText(cellValue(row.getCell(i + 1))).trim());
}

function matchCount(texts: string[], fields: FieldSpec[]): number {
  return new Set(texts.map((t) => matchField(t, fields)).filter((f) => f !== null)).size;
}

interface HeaderGuess {
  headerRow: number;
  headers: string[];
  score: number;
  /** The sheet's column count (exceljs walks every row to count them: done once). */
  width: number;
}

/** The row (or two rows of a merged header) whose cells name the most fields. */
function guessHeader(ws: ExcelJS.Worksheet, fields: FieldSpec[]): HeaderGuess {
  const width = Math.max(ws.columnCount, 1);
  const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
  let best: HeaderGuess = { headerRow: 1, headers: rowTexts(ws, 1, width), score: -1, width };
  for (let r = 1; r <= last; r++) {
    const texts = rowTexts(ws, r, width);
    const score = matchCount(texts, fields);
    if (score <= best.score) continue;
    best = { headerRow: r, headers: texts, score, width };
  }
  // A two-row header: group titles (基本信息, 联系方式) above, the names below; a name merged down both rows reads
  // the same in each. The lower row's text wins where it has one.
  const below = best.headerRow + 1;
  if (below <= ws.rowCount) {
    const lower = rowTexts(ws, below, width);
    const combined = lower.map((t, i) => t || best.headers[i]!);
    const score = matchCount(combined, fields);
    if (score > best.score) best = { headerRow: below, headers: combined, score, width };
  }
  return best;
}

/** The sheet asked for, else the visible sheet whose header names the most fields; with its header. */
function pickSheet(wb: ExcelJS.Workbook, fields: FieldSpec[], wanted: string | undefined): { ws: ExcelJS.Worksheet; guess: HeaderGuess } {
  const visible = wb.worksheets.filter((ws) => ws.state === 'visible');
  if (wanted !== undefined) {
    const ws = visible.find((s) => s.name === wanted);
    if (!ws) throw AppError.field('sheet', `工作簿里没有名为“${wanted}”的工作表`);
    return { ws, guess: guessHeader(ws, fields) };
  }
  const first = visible[0] ?? wb.worksheets[0]!;
  let best = { ws: first, guess: guessHeader(first, fields) };
  for (const ws of visible.slice(1)) {
    const guess = guessHeader(ws, fields);
    if (guess.score > best.guess.score) best = { ws, guess };
  }
  return best;
}

const isEmpty = (v: CellValue) => v === null || (typeof v === 'string' && stripAllSpaces(v) === '');

/** The table of an import in the workbook: which sheet, which header row, which column holds which field. */
export function readTable(wb: ExcelJS.Workbook, fields: FieldSpec[], options: TableOptions = {}): ReadTable {
  const { ws, guess } = pickSheet(wb, fields, options.sheet);
  const { width } = guess;
  const firstData = guess.headerRow + 1;

  const mapping: Record<string, number | null> = Object.fromEntries(fields.map((f) => [f.key, null]));
  if (options.mapping) {
    for (const f of fields) {
      const col = options.mapping[f.key];
      mapping[f.key] = col !== undefined && col !== null && col >= 1 && col <= width ? col : null;
    }
  } else {
    guess.headers.forEach((h, i) => {
      const f = matchField(h, fields);
      if (f && mapping[f.key] === null) mapping[f.key] = i + 1;
    });
  }

  const rows: TableRow[] = [];
  let emptyRows = 0;
  const samples: string[][] = Array.from({ length: width }, () => []);
  for (let r = firstData; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1)));
    const filled = values.filter((v) => !isEmpty(v));
    if (filled.length === 0) {
      emptyRows++;
      continue;
    }
    if (filled.every((v) => typeof v === 'string' && FOOTER_RE.test(stripAllSpaces(v)))) continue;
    if (typeof filled[0] === 'string' && TOTAL_RE.test(stripAllSpaces(filled[0]))) continue;
    values.forEach((v, i) => {
      if (!isEmpty(v) && samples[i]!.length < SAMPLE_COUNT) samples[i]!.push(cellText(v));
    });
    rows.push({
      line: r,
      get: (key) => {
        const col = mapping[key];
        return col ? values[col - 1]! : null;
      },
    });
  }

  const columns: ImportSourceColumn[] = guess.headers.map((header, i) => ({
    index: i + 1,
    letter: columnLetter(i + 1),
    header,
    samples: samples[i]!,
  }));
  return {
    table: {
      sheets: wb.worksheets.filter((s) => s.state === 'visible').map((s) => s.name),
      sheetName: ws.name,
      headerRow: guess.headerRow,
      columns,
      fields: fields.map(({ key, label, required }) => ({ key, label, required })),
      mapping,
    },
    rows,
    emptyRows,
    unmapped: fields.filter((f) => f.required && mapping[f.key] === null),
  };
}

/** '第12行 C列（身份证号）' for messages. */
export function cellPlace(table: ImportTable, line: number, fieldKey: string): string {
  const col = table.mapping[fieldKey];
  const field = table.fields.find((f) => f.key === fieldKey);
  return `第${line}行${col ? ` ${columnLetter(col)}列` : ''}（${field?.label ?? fieldKey}）`;
}
