/**
 * Reading an evaluator workbook (考核表) back: refuse a file that is not the one exported for this month, scheme
 * version, unit and evaluator, or whose layout was changed, or a finalised month; then check every cell as the scoring
 * grid does (score-entry.ts, scoreCellIssue) and compare it with what is stored. Empty cells are left alone: the
 * import adds and changes scores, it never clears one. A worker whose row was deleted (or emptied) is named in the
 * preview and taken as not scored, while every other row is still checked and its errors shown. Writing goes through saveScoreCells, as a grid save does.
 */
import ExcelJS from 'exceljs';
import type { ImportPreviewRow } from '../../../shared/contract/io';
import { maskIdNumber } from '../../../shared/domain/mask';
import { parseScoreText, unreadableMessage } from '../../../shared/domain/score-entry';
import { formatHundredths, valueError, type Criterion } from '../../../shared/domain/scoring';
import { AppError } from '../../../shared/errors';
import { assertEvaluatorCounts, openMonth, saveScoreCells, scoreCellIssue, type CellToSave } from './save';
import type { HandlerContext } from '../context';
import type { ImportPlanner } from '../io/import-run';
import { cellText, cellValue, columnLetter, type CellValue } from '../io/read';
import {
  CATEGORY_ROW,
  evaluatorLabel,
  FIRST_DATA_ROW,
  HEADER_ROW,
  layoutChecksum,
  layoutOf,
  loadEvaluatorSheet,
  META_KEYS,
  META_SHEET,
  RULE_ROW,
  SHEET_NAME,
  WORKBOOK_FORMAT,
  WORKBOOK_FORMAT_VERSION,
  type EvaluatorSheetData,
  type LayoutColumn,
  type WorkbookMeta,
} from './workbook';

export const EVALUATOR_IMPORT_KIND = 'evaluator';

export interface EvaluatorTarget {
  monthId: number;
  unitId: number | null;
  evaluatorId: number;
}

const MAX_NOTE = 200;
/** The line under the table (考核人（签字）：…) in the 姓名 column ends the rows. */
const SIGNATURE_RE = /签字/;

const refuse = (message: string) => new AppError('VALIDATION', message, [{ field: 'file', message }]);

const NOT_OURS = '这个文件不是本系统导出的考核表（找不到考核表信息）。请在“月度考核 → 打分”中点击“导出考核表”，填好后再导入';

function layoutChanged(detail: string): AppError {
  return refuse(`考核表的格式被改动过（${detail}），无法可靠地读取。请重新导出考核表，把分数填入新表后再导入`);
}

/** The meta sheet's key/value rows, checked for shape (a missing or wrong-typed key means it is not our file). */
function readMeta(wb: ExcelJS.Workbook): WorkbookMeta {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) throw refuse(NOT_OURS);
  const raw = new Map<string, CellValue>();
  ws.eachRow((row) => {
    const key = cellValue(row.getCell(1));
    if (typeof key === 'string') raw.set(key, cellValue(row.getCell(2)));
  });
  if (raw.get('format') !== WORKBOOK_FORMAT) throw refuse(NOT_OURS);
  const version = raw.get('formatVersion');
  if (typeof version === 'number' && version > WORKBOOK_FORMAT_VERSION) throw refuse('这份考核表由更新版本的网格考评导出，请升级程序后再导入');
  if (version !== WORKBOOK_FORMAT_VERSION) throw refuse('这份考核表是旧版程序导出的，格式已经更新。请重新导出考核表，把分数填入新表后再导入');
  const meta: Record<string, string | number> = {};
  for (const key of META_KEYS) {
    const v = raw.get(key);
    if (typeof v !== 'string' && typeof v !== 'number') throw layoutChanged(`考核表信息缺少“${key}”`);
    meta[key] = v;
  }
  const numbers: (keyof WorkbookMeta)[] = ['monthId', 'schemeId', 'versionId', 'version', 'unitId', 'evaluatorId', 'rows'];
  for (const key of numbers) if (typeof meta[key] !== 'number') throw layoutChanged(`考核表信息中“${key}”不是数字`);
  return meta as unknown as WorkbookMeta;
}

/** The file must be the one exported for this month, scheme version, unit and evaluator. */
function checkIdentity(meta: WorkbookMeta, d: EvaluatorSheetData): void {
  const { month } = d;
  const here = `${month.period}“${month.schemeName}”`;
  if (meta.monthId !== month.id || meta.period !== month.period || meta.schemeId !== month.schemeId) {
    throw refuse(`这份考核表是${meta.period}“${meta.schemeName}”的，不能导入到${here}。请选择对应的方案和月份，或重新导出本月的考核表`);
  }
  if (meta.versionId !== month.versionId || meta.version !== month.version) {
    throw refuse(`这份考核表按“${month.schemeName}”第${meta.version}版导出，${month.period}使用第${month.version}版，考核指标可能不同，不能导入。请重新导出考核表`);
  }
  if (meta.unitId !== (d.unit.id ?? 0)) {
    throw refuse(`这份考核表是“${meta.unitName}”的，当前选择的单位是“${d.unit.name}”。请选择“${meta.unitName}”后再导入`);
  }
  if (meta.evaluatorId !== d.evaluator.id) {
    throw refuse(`这份考核表是考核人“${meta.evaluatorName}”的，当前选择的考核人是“${d.evaluator.name}”。请选择“${meta.evaluatorName}”后再导入`);
  }
}

/** The header cells must still say what the layout says, column by column, and nothing may follow the last one. */
function checkHeaders(ws: ExcelJS.Worksheet, columns: LayoutColumn[]): void {
  const text = (r: number, c: number) => cellText(cellValue(ws.getRow(r).getCell(c))).trim();
  const expect = (r: number, c: number, want: string) => {
    const got = text(r, c);
    if (got !== want) throw layoutChanged(`第${r}行${columnLetter(c)}列应为“${want}”，现为“${got}”`);
  };
  // the names first: a moved or inserted column is best told by them
  columns.forEach((col, i) => expect(HEADER_ROW, i + 1, col.header));
  columns.forEach((col, i) => {
    if (col.criterion) {
      expect(CATEGORY_ROW, i + 1, col.category);
      expect(RULE_ROW, i + 1, col.rule);
    }
  });
  const extra = text(HEADER_ROW, columns.length + 1);
  if (extra) throw layoutChanged(`第${HEADER_ROW}行${columnLetter(columns.length + 1)}列多了“${extra}”`);
}

function show(c: Criterion, value: number | undefined): string {
  if (value === undefined) return '空';
  if (c.kind === 'score') return formatHundredths(value);
  if (c.kind === 'veto') return value > 0 ? '是' : '否';
  return `${value}次`;
}

/** A cell as its criterion's value: null when empty, undefined when it cannot be read. */
function readEntry(c: Criterion, raw: CellValue, stored: number | undefined): number | null | undefined {
  if (raw === null) return null;
  if (typeof raw === 'number') {
    // a number as Excel keeps it (8.5, or 8.499999999 from a formula): six decimals are more than any score has
    return parseScoreText(c, String(Math.round(raw * 1e6) / 1e6));
  }
  if (typeof raw !== 'string') return undefined;
  if (c.kind === 'veto') {
    const t = raw.trim();
    if (t === '是') return stored !== undefined && stored > 0 ? stored : 1;
    if (t === '否') return 0;
  }
  return parseScoreText(c, raw);
}

interface RowPlan {
  row: ImportPreviewRow;
  cells: CellToSave[];
}

export function evaluatorPlanner(ctx: HandlerContext, target: EvaluatorTarget): ImportPlanner {
  return (file) => {
    const { db } = ctx;
    const meta = readMeta(file.workbook);
    const d = loadEvaluatorSheet(db, target.monthId, target.unitId, target.evaluatorId);
    checkIdentity(meta, d);
    openMonth(db, d.month.id);
    assertEvaluatorCounts(db, d.month.versionId, d.evaluator.id);
    if (meta.checksum !== layoutChecksum(d)) throw layoutChanged('格式校验码不符');
    const ws = file.workbook.getWorksheet(SHEET_NAME);
    if (!ws) throw layoutChanged(`找不到工作表“${SHEET_NAME}”`);
    const columns = layoutOf(d.criteria);
    checkHeaders(ws, columns);

    // The preview shows the key, name and unit, then every criterion column (values and notes) as the file has them.
    const shown = columns.flatMap((col, i) => (col.part === 'role' || col.part === 'remark' ? [] : [i]));
    const previewIndex = new Map(shown.map((layoutIndex, k) => [layoutIndex, k]));
    const at = (part: LayoutColumn['part'], c?: Criterion) => columns.findIndex((col) => col.part === part && (c === undefined || col.criterion?.id === c.id));
    const keyAt = at('key');
    const nameAt = at('name');

    const members = new Map(d.members.map((m) => [m.personId, m]));
    const inMonth = db.prepare('SELECT 1 FROM month_members WHERE month_id = ? AND person_id = ?').pluck();
    const seen = new Map<number, number>();
    const plans: RowPlan[] = [];
    let keptBlank = 0;

    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
      const sheetRow = ws.getRow(r);
      const raw = (i: number) => cellValue(sheetRow.getCell(i + 1));
      const keyRaw = raw(keyAt);
      const nameText = cellText(raw(nameAt)).trim();
      if (keyRaw === null && nameText === '') continue; // an emptied row: its worker is named below as missing
      if (keyRaw === null && SIGNATURE_RE.test(nameText)) break; // the signature line under the table

      const errors: ImportPreviewRow['errors'] = [];
      const values = shown.map((i) => cellText(raw(i)));
      const where = (i: number) => `第${r}行（${nameText || '无姓名'}）${columnLetter(i + 1)}列“${columns[i]!.header}”`;
      const wrong = (i: number, message: string) => errors.push({ column: previewIndex.get(i)!, message });
      const rowOf = (status: ImportPreviewRow['status'], change = ''): ImportPreviewRow => ({ line: r, status, values, errors, change });

      const keyText = cellText(keyRaw).trim();
      const personId = /^\d{1,9}$/.test(keyText) ? Number(keyText) : null;
      if (personId === null) {
        wrong(keyAt, `${where(keyAt)}的编号“${keyText}”无效，请勿改动编号`);
        plans.push({ row: rowOf('wrong'), cells: [] });
        continue;
      }
      const earlier = seen.get(personId);
      seen.set(personId, r);
      const member = members.get(personId);
      if (earlier !== undefined) wrong(keyAt, `${where(keyAt)}：编号${personId}与第${earlier}行重复`);
      else if (!member) {
        wrong(keyAt, inMonth.get(d.month.id, personId) ? `${where(keyAt)}：编号${personId}的人员不属于“${d.unit.name}”` : `${where(keyAt)}：编号${personId}的人员不是本月的考核对象`);
      } else if (nameText !== member.name) {
        wrong(nameAt, `${where(nameAt)}：编号${personId}是“${member.name}”，表中姓名为“${nameText}”，编号和姓名不符，请勿改动编号和姓名`);
      }
      if (errors.length > 0 || !member) {
        plans.push({ row: rowOf('wrong'), cells: [] });
        continue;
      }

      const stored = d.values.get(personId) ?? new Map<number, number>();
      const cells: CellToSave[] = [];
      const changes: string[] = [];
      for (const c of d.criteria) {
        const vi = at('value', c);
        const ni = at('note', c);
        const cell = raw(vi);
        const note = ni >= 0 ? cellText(raw(ni)).trim() : '';
        const before = stored.get(c.id);
        const beforeNote = d.notes.get(`${personId}:${c.id}`) ?? '';
        if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
          wrong(vi, `${where(vi)}：公式出错（${cell.error}），请改为直接填写`);
          continue;
        }
        const value = readEntry(c, cell, before);
        if (value === undefined) {
          wrong(vi, `${where(vi)}填了“${cellText(cell)}”：${c.kind === 'veto' ? `“${c.name}”请选择“是”或“否”` : unreadableMessage(c)}`);
          continue;
        }
        if (note.length > MAX_NOTE) {
          wrong(ni, `${where(ni)}：说明不能超过${MAX_NOTE}字（现有${note.length}字）`);
          continue;
        }
        if (value === null) {
          if (ni >= 0 && note !== '' && !member.exemptReason) wrong(ni, `${where(ni)}：填写了说明，但“${c.name}”没有填次数（没有发生请填0）`);
          if (before !== undefined) keptBlank++;
          continue;
        }
        const issue = scoreCellIssue(member, c, value, note);
        if (issue) {
          const onValue = member.exemptReason || valueError(c, value) !== null || ni < 0;
          wrong(onValue ? vi : ni, `${where(onValue ? vi : ni)}${onValue ? `填了“${cellText(cell)}”` : ''}：${issue}`);
          continue;
        }
        const kept = c.kind === 'score' ? '' : note;
        if (before === value && beforeNote === kept) continue;
        cells.push({ personId, criterionId: c.id, value, note: kept });
        const noteChange = c.kind !== 'score' && kept !== beforeNote ? `（说明：${kept || '无'}）` : '';
        changes.push(`${c.name} ${show(c, before)}→${show(c, value)}${noteChange}`);
      }
      if (errors.length > 0) plans.push({ row: rowOf('wrong'), cells: [] });
      else if (cells.length === 0) plans.push({ row: rowOf('unchanged'), cells });
      else if (stored.size === 0) plans.push({ row: rowOf('new', `新填${cells.length}项`), cells });
      else plans.push({ row: rowOf('changed', changes.join('；')), cells });
    }

    const notes: string[] = [];
    if (keptBlank > 0) notes.push(`有${keptBlank}个单元格在表中留空而系统中已有分数：导入不会清除它们，原分数保留`);
    // Workers of the month and unit with no row (deleted or emptied, or joined after the export): named one by one and
    // taken as not scored by this file; what is stored for them stays.
    const missing = d.members.filter((m) => !seen.has(m.personId) && !m.exemptReason);
    const idOf = db.prepare('SELECT id_number FROM people WHERE id = ?').pluck();
    for (const m of missing) {
      const who = `${m.name}（编号${m.personId}，身份证${maskIdNumber(idOf.get(m.personId) as string)}${m.unitLabel ? `，${m.unitLabel}` : ''}）`;
      notes.push(d.values.has(m.personId) ? `${who}不在表中，本次不导入其分数，系统中已有的分数保留` : `${who}不在表中，视为未打分`);
    }
    if (missing.length > 0 && plans.length < meta.rows) {
      notes.push(`导出时表中有${meta.rows}行人员，现在有${plans.length}行：请核对是否误删了行`);
    }
    const toSave = plans.flatMap((p) => p.cells);
    return {
      target: `${d.month.period}“${d.month.schemeName}”（第${d.month.version}版）· ${d.unit.name} · 考核人：${evaluatorLabel(d.evaluator)}`,
      table: null,
      columns: shown.map((i) => columns[i]!.header),
      rows: plans.map((p) => p.row),
      notes,
      apply: () => {
        saveScoreCells(ctx, d.month.id, d.evaluator.id, toSave, `导入考核表：${file.fileName}`);
      },
    };
  };
}
