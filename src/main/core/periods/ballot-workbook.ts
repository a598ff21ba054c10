/**
 * The year-end appraisal sheet (年终测评表): one period × one rater (× one unit) as an .xlsx for raters who do not use
 * the app, and read back through the one import path (preview, then commit with a backup). A row per member with
 * its key (编号), name and unit; the 测评结果 column has a dropdown of the four values; the rater's ballots already
 * cast are filled in. A very hidden sheet says which period and rater it was made for, so a sheet made for another
 * cannot be read into this one. An empty 测评结果 leaves that member's ballot as it is.
 */
import ExcelJS from 'exceljs';
import type { ImportPreviewRow, ImportRowStatus } from '../../../shared/contract/io';
import type { BallotSheet } from '../../../shared/contract/periods';
import { BALLOTS, type Ballot } from '../../../shared/domain/periods';
import { safeFileName, stripAllSpaces, toHalfWidth } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import type { Database } from 'better-sqlite3';
import { assertScoresAs } from '../accounts/scope';
import type { Actor, HandlerContext } from '../context';
import { visibleUnits } from '../analysis/records';
import { loadEvaluators } from '../assessments/compute';
import { getUnit, subtreeIds } from '../org/queries';
import { setUpPrinting } from '../io/print-setup';
import { cellValue, columnLetter } from '../io/read';
import type { ImportPlan, ImportPlanner } from '../io/import-run';
import { cellPlace, readTable, type FieldSpec } from '../io/table';
import { textOf } from '../io/cells';
import { ballotSheet } from './queries';
import { saveBallots } from './write';

export const BALLOT_IMPORT_KIND = 'ballots';
const FORMAT = 'grid-appraisal/ballot-sheet';
const SHEET = '年终测评表';
const META_SHEET = '测评表信息';
const HEADER_ROW = 3;
const COLUMNS = ['编号', '姓名', '单位', '测评结果'];
const COL = { key: 0, name: 1, unit: 2, ballot: 3 } as const;

const FIELDS: FieldSpec[] = [
  { key: 'key', label: '编号', required: true, aliases: ['编号'] },
  { key: 'name', label: '姓名', required: true, aliases: ['姓名'] },
  { key: 'unit', label: '单位', required: false, aliases: ['单位'] },
  { key: 'ballot', label: '测评结果', required: true, aliases: ['测评结果', '测评等次', '评价'] },
];

interface Target {
  periodId: number;
  evaluatorId: number;
  unitId: number | null;
}

function raterName(db: Database, evaluatorId: number): string {
  const rater = loadEvaluators(db).get(evaluatorId);
  if (!rater) throw AppError.field('evaluatorId', '该测评人不存在');
  return rater.name;
}

/** What a sheet holds, read in one go (the workbook is written after, off the transaction). */
export function loadBallotSheet(db: Database, actor: Actor, target: Target): { sheet: BallotSheet; rater: string; unitName: string; target: Target } {
  const unitName = target.unitId === null ? '全部单位' : getUnit(db, target.unitId).name;
  return { sheet: ballotSheet(db, target, visibleUnits(db, actor, target.unitId)), rater: raterName(db, target.evaluatorId), unitName, target };
}

export async function buildBallotWorkbook({ sheet, rater, unitName, target }: ReturnType<typeof loadBallotSheet>, exportedAt: string): Promise<{ fileName: string; base64: string }> {
  const title = `${sheet.period.periodLabel}${sheet.period.schemeName}年终测评表`;
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.columns = [{ width: 8 }, { width: 12 }, { width: 30 }, { width: 14 }];
  setUpPrinting(ws, { headerRows: [HEADER_ROW, HEADER_ROW], titleColumns: [1, 2] });
  ws.mergeCells(1, 1, 1, 4);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, 4);
  ws.getCell(2, 1).value = `测评人：${rater}\u3000共 ${sheet.rows.length} 人\u3000测评结果填：${BALLOTS.join('、')}（不填的不导入）`;
  ws.getRow(HEADER_ROW).values = COLUMNS;
  ws.getRow(HEADER_ROW).font = { bold: true };
  sheet.rows.forEach((r, i) => {
    ws.getRow(HEADER_ROW + 1 + i).values = [r.personId, r.name, r.unitPath, r.ballot ?? ''];
  });
  if (sheet.rows.length > 0) {
    // exceljs writes a validation for a whole range (its typings lack the property)
    const validations = (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations;
    const column = columnLetter(COL.ballot + 1);
    validations.add(`${column}${HEADER_ROW + 1}:${column}${HEADER_ROW + sheet.rows.length}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${BALLOTS.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '测评结果',
      error: `只能填${BALLOTS.join('、')}`,
    });
  }
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['format', FORMAT],
    ['periodId', target.periodId],
    ['evaluatorId', target.evaluatorId],
    ['exportedAt', exportedAt],
  ]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: safeFileName(`${title}_${unitName}_${rater}.xlsx`), base64: buffer.toString('base64') };
}

/** The file must be our sheet, made for this period and rater. */
function checkMeta(wb: ExcelJS.Workbook, target: Target, label: string, rater: string): void {
  const ws = wb.getWorksheet(META_SHEET);
  const values = new Map<string, unknown>();
  ws?.eachRow((row) => values.set(String(cellValue(row.getCell(1))), cellValue(row.getCell(2))));
  const refuse = (message: string) => new AppError('VALIDATION', message, [{ field: 'file', message }]);
  if (values.get('format') !== FORMAT) throw refuse('这个文件不是本系统导出的年终测评表。请在“年度考核 → 年终测评”中导出测评表，填好后再导入');
  if (values.get('periodId') !== target.periodId) throw refuse(`这个测评表不是为${label}导出的，请导入为本期导出的测评表`);
  if (values.get('evaluatorId') !== target.evaluatorId) throw refuse(`这个测评表是为另一位测评人导出的，不是“${rater}”的`);
}

export function ballotPlanner(ctx: HandlerContext, target: Target): ImportPlanner {
  return (file, input): ImportPlan => {
    const { db } = ctx;
    // every member of the unit: whether the reader may rate them is saveBallots' to say, as for the scoring page
    const within = target.unitId === null ? null : new Set(subtreeIds(db, target.unitId));
    const sheet = ballotSheet(db, target, (unit) => within === null || within.has(unit));
    const rater = raterName(db, target.evaluatorId);
    assertScoresAs(db, ctx.actor, target.evaluatorId);
    const label = `${sheet.period.periodLabel}“${sheet.period.schemeName}”`;
    if (sheet.period.status !== 'open') throw new AppError('CONFLICT', `${label}已归档，不能再导入测评表；如需修改请先重新开启`);
    checkMeta(file.workbook, target, label, rater);
    const read = readTable(file.workbook, FIELDS, { sheet: SHEET, mapping: input.mapping });
    const { table } = read;
    const members = new Map(sheet.rows.map((r) => [r.personId, r]));
    const seen = new Map<number, number>();
    const cells: { personId: number; ballot: Ballot }[] = [];
    const rows = read.rows.map((row): ImportPreviewRow => {
      const errors: ImportPreviewRow['errors'] = [];
      const fail = (column: number, fieldKey: string, message: string) => errors.push({ column, message: `${cellPlace(table, row.line, fieldKey)}：${message}` });
      const values = [textOf(row.get('key')), textOf(row.get('name')), textOf(row.get('unit')), textOf(row.get('ballot'))];
      const key = row.get('key');
      const member = typeof key === 'number' ? members.get(key) : undefined;
      if (!member) fail(COL.key, 'key', '编号不是本期本范围的考核对象，请勿改动编号列');
      else if (stripAllSpaces(values[COL.name]!) !== member.name) fail(COL.name, 'name', `编号${member.personId}是${member.name}，不是“${values[COL.name]}”；请勿调换行的顺序或改动姓名`);
      else if (seen.has(member.personId)) fail(COL.key, 'key', `与第${seen.get(member.personId)}行是同一人`);
      const text = stripAllSpaces(toHalfWidth(values[COL.ballot]!));
      const ballot = BALLOTS.find((b) => b === text);
      if (text !== '' && !ballot) fail(COL.ballot, 'ballot', `“${values[COL.ballot]}”不是测评结果，只能填${BALLOTS.join('、')}`);
      let status: ImportRowStatus = 'wrong';
      let change = '';
      if (errors.length === 0 && member) {
        seen.set(member.personId, row.line);
        if (!ballot || ballot === member.ballot) status = 'unchanged';
        else {
          status = member.ballot === null ? 'new' : 'changed';
          if (member.ballot !== null) change = `${member.ballot} → ${ballot}`;
          cells.push({ personId: member.personId, ballot });
        }
      }
      return { line: row.line, status, values, errors, change };
    });
    return {
      target: `${label} · 年终测评 · ${rater}`,
      table,
      columns: COLUMNS,
      rows,
      notes: [],
      apply: () => {
        if (cells.length > 0) saveBallots(ctx, { periodId: target.periodId, evaluatorId: target.evaluatorId, cells });
      },
    };
  };
}
