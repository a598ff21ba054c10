/**
 * The evaluator workbook (考核表): one open month × one unit × one evaluator as an .xlsx for evaluators who do not use
 * the app. A fixed layout: header rows with each criterion's category, name and what may be entered (the scoring
 * guide as the header cell's note and on a 填表说明 sheet); a row per worker with a stable key (the person's id);
 * the evaluator's existing scores filled in; dropdowns of the allowed values (long lists on a hidden sheet, by name);
 * a 说明 column beside every count that needs one; headers and key columns locked, entry cells unlocked; frozen panes;
 * printed as every export is (io/print-setup.ts): too wide for one A4 page at a readable size, it prints across two
 * landscape pages with 编号 and 姓名 repeated. A finalised month's 考核表 is read-only: every cell locked, no dropdowns,
 * its title saying so (已归档 · 只读); it cannot be imported. A very hidden sheet says which month, scheme version, unit and evaluator it was made for, with a
 * checksum of its layout, so the import (evaluator-import.ts) can refuse a file that is not this one.
 */
import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import type { MonthSummary } from '../../../shared/contract/assessments';
import { takesNote } from '../../../shared/domain/score-entry';
import { formatDocumentPeriod } from '../../../shared/domain/stroke-order';
import { CRITERION_KINDS, formatHundredths, type Criterion } from '../../../shared/domain/scoring';
import { safeFileName } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import { loadEvaluators, loadMembers, loadScores, monthHeader, type EvaluatorInfo, type Member } from './compute';
import { evaluatorExists } from './save';
import { subtreeIds, unitPaths } from '../org/queries';
import { getVersion, loadCriteria, type SchemeVersion } from '../schemes/queries';
import { firstPageColumns, setUpPrinting } from '../io/print-setup';
import { columnLetter } from '../io/read';

export const WORKBOOK_FORMAT = 'grid-appraisal/evaluator-workbook';
/** Raised when the layout changes in a way an older import could misread. */
export const WORKBOOK_FORMAT_VERSION = 1;
export const SHEET_NAME = '考核表';
export const GUIDE_SHEET = '填表说明';
export const LISTS_SHEET = '选项';
export const META_SHEET = '考核表信息';

export const TITLE_ROW = 1;
export const INFO_ROW = 2;
export const CATEGORY_ROW = 3;
export const HEADER_ROW = 4;
export const RULE_ROW = 5;
export const FIRST_DATA_ROW = 6;
/** Excel refuses an inline list longer than this (the quoted, comma-joined values). */
const MAX_INLINE_LIST = 255;

export type ColumnPart = 'key' | 'name' | 'unit' | 'role' | 'value' | 'note' | 'remark';

export interface LayoutColumn {
  part: ColumnPart;
  /** value and note: the criterion the column is for. */
  criterion: Criterion | null;
  category: string;
  header: string;
  /** The line under the header: what may be entered. */
  rule: string;
  width: number;
}

/** The largest count the dropdown offers (more can still be typed, after Excel's warning). */
export function countListMax(c: Criterion): number {
  const reach = c.perUnit > 0 ? Math.ceil((c.kind === 'bonus' ? c.cap : c.max) / c.perUnit) : 0;
  return Math.min(99, Math.max(10, reach));
}

function ruleOf(c: Criterion): string {
  switch (c.kind) {
    case 'score':
      return `0–${formatHundredths(c.max)}分`;
    case 'deduction':
      return `次数，每次扣${formatHundredths(c.perUnit)}分`;
    case 'bonus':
      return `次数，每次加${formatHundredths(c.perUnit)}分`;
    case 'veto':
      return '是 / 否';
  }
}

/** How a criterion's cell is filled, in a sentence (header notes and the 填表说明 sheet). */
export function howToFill(c: Criterion): string {
  switch (c.kind) {
    case 'score':
      return `评分项：填0到${formatHundredths(c.max)}分，以0.5分为一档（可从下拉列表选择）`;
    case 'deduction':
      return `扣分项：填发生次数，每次扣${formatHundredths(c.perUnit)}分，${c.floor === 'category' ? '本类扣完为止' : `本项${formatHundredths(c.max)}分扣完为止`}；没有发生填0或留空；有次数须在右侧“说明”列写明事由、日期、案卷号`;
    case 'bonus':
      return `加分项：填发生次数，每次加${formatHundredths(c.perUnit)}分，最多加${formatHundredths(c.cap)}分；有次数须在右侧“说明”列写明事由、日期、案卷号`;
    case 'veto':
      return '一票否决：选“是”或“否”；选“是”须在右侧“说明”列写明事由，当月等次为不合格';
  }
}

export function layoutOf(criteria: readonly Criterion[]): LayoutColumn[] {
  const fixed = (part: ColumnPart, header: string, width: number): LayoutColumn => ({ part, criterion: null, category: '', header, rule: '', width });
  // narrow enough to print readably on two landscape pages: headers wrap (about four characters a line)
  const columns: LayoutColumn[] = [fixed('key', '编号', 7), fixed('name', '姓名', 9), fixed('unit', '所属网格', 16), fixed('role', '岗位', 11)];
  for (const c of criteria) {
    columns.push({ part: 'value', criterion: c, category: c.category, header: c.name, rule: ruleOf(c), width: c.kind === 'score' ? 9 : 10 });
    // a criterion's value column and, for the kinds counted with a note, its 说明 column
    if (takesNote(c)) columns.push({ part: 'note', criterion: c, category: c.category, header: `${c.name}·说明`, rule: '有次数时必填', width: 16 });
  }
  columns.push(fixed('remark', '备注', 12));
  return columns;
}

/** Everything the workbook is made from, read in one go. */
export interface EvaluatorSheetData {
  month: MonthSummary;
  version: SchemeVersion;
  criteria: Criterion[];
  unit: { id: number | null; name: string };
  evaluator: EvaluatorInfo;
  members: (Member & { unitLabel: string })[];
  /** This evaluator's scores: person → criterion → value, and their notes by `${personId}:${criterionId}`. */
  values: Map<number, Map<number, number>>;
  notes: Map<string, string>;
}

export function loadEvaluatorSheet(db: Database, monthId: number, unitId: number | null, evaluatorId: number): EvaluatorSheetData {
  const month = monthHeader(db, monthId);
  evaluatorExists(db, evaluatorId);
  const evaluator = loadEvaluators(db).get(evaluatorId)!;
  const version = getVersion(db, month.versionId);
  const criteria = loadCriteria(db, month.versionId);
  const paths = unitPaths(db);
  let unitName = '全部单位';
  let within: (u: number) => boolean = () => true;
  if (unitId !== null) {
    const name = db.prepare('SELECT name FROM org_units WHERE id = ?').pluck().get(unitId) as string | undefined;
    if (name === undefined) throw AppError.field('unitId', '该单位不存在');
    unitName = paths.get(unitId) ?? name;
    const ids = new Set(subtreeIds(db, unitId));
    within = (u) => ids.has(u);
  }
  const prefix = unitId === null ? '' : `${unitName} / `;
  const members = loadMembers(db, monthId)
    .filter((m) => within(m.unitId))
    .map((m) => {
      const path = paths.get(m.unitId) ?? '';
      return { ...m, unitLabel: prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path };
    });
  const all = loadScores(db, monthId);
  const values = new Map<number, Map<number, number>>();
  const notes = new Map<string, string>();
  for (const m of members) {
    const mine = all.values.get(m.personId)?.get(evaluatorId);
    if (mine) values.set(m.personId, mine);
    for (const c of criteria) {
      const note = all.notes.get(`${m.personId}:${evaluatorId}:${c.id}`);
      if (note) notes.set(`${m.personId}:${c.id}`, note);
    }
  }
  return { month, version, criteria, unit: { id: unitId, name: unitName }, evaluator, members, values, notes };
}

/** What the meta sheet holds, key by key. */
export interface WorkbookMeta {
  format: string;
  formatVersion: number;
  monthId: number;
  period: string;
  schemeId: number;
  schemeName: string;
  versionId: number;
  version: number;
  /** 0 for 全部单位. */
  unitId: number;
  unitName: string;
  evaluatorId: number;
  evaluatorName: string;
  rows: number;
  exportedAt: string;
  checksum: string;
}

const META_LABELS: Record<keyof WorkbookMeta, string> = {
  format: '格式',
  formatVersion: '格式版本',
  monthId: '考核月份编号',
  period: '考核月份',
  schemeId: '考核方案编号',
  schemeName: '考核方案',
  versionId: '方案版本编号',
  version: '方案版本',
  unitId: '单位编号',
  unitName: '单位',
  evaluatorId: '考核人编号',
  evaluatorName: '考核人',
  rows: '人数',
  exportedAt: '导出时间',
  checksum: '格式校验码',
};
export const META_KEYS = Object.keys(META_LABELS) as (keyof WorkbookMeta)[];

/**
 * The checksum of what the import relies on: which month, version, unit and evaluator, and every column's place,
 * criterion, header and rule. A file whose meta or layout was edited no longer matches the one the data gives.
 */
export function layoutChecksum(d: Pick<EvaluatorSheetData, 'month' | 'criteria' | 'unit' | 'evaluator'>): string {
  const body = {
    format: WORKBOOK_FORMAT,
    formatVersion: WORKBOOK_FORMAT_VERSION,
    month: [d.month.id, d.month.period, d.month.schemeId, d.month.versionId, d.month.version],
    unit: d.unit.id ?? 0,
    evaluator: d.evaluator.id,
    columns: layoutOf(d.criteria).map((c) => [c.part, c.criterion?.id ?? 0, c.criterion?.kind ?? '', c.criterion?.max ?? 0, c.header, c.rule]),
  };
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export function metaOf(d: EvaluatorSheetData, exportedAt: string): WorkbookMeta {
  return {
    format: WORKBOOK_FORMAT,
    formatVersion: WORKBOOK_FORMAT_VERSION,
    monthId: d.month.id,
    period: d.month.period,
    schemeId: d.month.schemeId,
    schemeName: d.month.schemeName,
    versionId: d.month.versionId,
    version: d.month.version,
    unitId: d.unit.id ?? 0,
    unitName: d.unit.name,
    evaluatorId: d.evaluator.id,
    evaluatorName: d.evaluator.name,
    rows: d.members.length,
    exportedAt,
    checksum: layoutChecksum(d),
  };
}

export function evaluatorLabel(e: Pick<EvaluatorInfo, 'name' | 'group'>): string {
  return e.group ? `${e.name}（${e.group}）` : e.name;
}

/** A finalised month's 考核表 is only for reading and printing. */
export function isReadOnly(d: Pick<EvaluatorSheetData, 'month'>): boolean {
  return d.month.status !== 'open';
}

/** 考核表_2026-11_网格员月度考核_固戍社区_张三.xlsx; a finalised month's ends in _已归档_只读. */
export function workbookFileName(d: EvaluatorSheetData): string {
  return safeFileName(`考核表_${d.month.period}_${d.month.schemeName}_${d.unit.name}_${d.evaluator.name}${isReadOnly(d) ? '_已归档_只读' : ''}.xlsx`);
}

export function workbookTitle(d: Pick<EvaluatorSheetData, 'month'>): string {
  return `${formatDocumentPeriod(d.month.period)}“${d.month.schemeName}”考核表${isReadOnly(d) ? '（已归档 · 只读）' : ''}`;
}

// ---- writing ----

const FONT = { name: '宋体', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const NOTE_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
/** The rule line under each header, the smallest type of the sheet (printed no smaller than 9 pt). */
const RULE_SIZE = 10;

/** Values of a dropdown: 评分项 0..max by 0.5; counts 0..n; 一票否决 是/否. */
function listValues(c: Criterion): (number | string)[] {
  if (c.kind === 'veto') return ['是', '否'];
  if (c.kind === 'score') return Array.from({ length: Math.floor(c.max / 50) + 1 }, (_, i) => (i * 50) / 100);
  return Array.from({ length: countListMax(c) + 1 }, (_, i) => i);
}

/** The list formula for a criterion: inline when short, else a named range on the hidden 选项 sheet. */
class Lists {
  private readonly named = new Map<string, string>();
  private sheet: ExcelJS.Worksheet | null = null;

  constructor(private readonly wb: ExcelJS.Workbook) {}

  formula(c: Criterion): string {
    const values = listValues(c);
    const inline = `"${values.join(',')}"`;
    if (inline.length <= MAX_INLINE_LIST) return inline;
    const key = `${c.kind}_${values.length}`;
    const known = this.named.get(key);
    if (known) return known;
    this.sheet ??= this.wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    const col = this.named.size + 1;
    this.sheet.getCell(1, col).value = c.kind === 'score' ? `0–${formatHundredths(c.max)}分` : '次数';
    values.forEach((v, i) => (this.sheet!.getCell(i + 2, col).value = v));
    const name = `ga_${key}`;
    const letter = columnLetter(col);
    this.wb.definedNames.add(`'${LISTS_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`, name);
    this.named.set(key, name);
    return name;
  }

  async protect(): Promise<void> {
    await this.sheet?.protect('', {});
  }
}

function validationOf(c: Criterion, formula: string): ExcelJS.DataValidation {
  const common = { type: 'list' as const, allowBlank: true, formulae: [formula], showErrorMessage: true };
  if (c.kind === 'score') {
    return { ...common, errorStyle: 'stop', errorTitle: '分数无效', error: `“${c.name}”请填0到${formatHundredths(c.max)}分，以0.5分为一档，可从下拉列表选择` };
  }
  if (c.kind === 'veto') return { ...common, errorStyle: 'stop', errorTitle: '请选择是或否', error: `“${c.name}”请选择“是”或“否”` };
  return { ...common, errorStyle: 'warning', errorTitle: '请核对次数', error: `“${c.name}”填的是发生次数（整数）。次数超出下拉列表时请确认无误再继续` };
}

function cellValueOf(c: Criterion, value: number | undefined): number | string | null {
  if (value === undefined) return null;
  if (c.kind === 'score') return value / 100;
  if (c.kind === 'veto') return value > 0 ? '是' : '否';
  return value;
}

/** The workbook's bytes. `exportedAt` is an ISO timestamp. */
export async function buildEvaluatorWorkbook(d: EvaluatorSheetData, exportedAt: string, today: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  wb.created = new Date(exportedAt);
  const columns = layoutOf(d.criteria);
  const n = columns.length;
  const readOnly = isReadOnly(d);
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', xSplit: 2, ySplit: RULE_ROW }] });
  columns.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width;
    if (col.part === 'note' || col.part === 'name' || col.part === 'unit') ws.getColumn(i + 1).numFmt = '@';
  });
  const widths = columns.map((c) => c.width);
  const plan = setUpPrinting(ws, { headerRows: [CATEGORY_ROW, RULE_ROW], titleColumns: [1, 2], fontSize: RULE_SIZE, widths });
  // printed across pages, the title and the line under it stay on the first page
  const titleSpan = firstPageColumns(plan, widths);

  const title = ws.getCell(TITLE_ROW, 1);
  title.value = workbookTitle(d);
  title.font = { ...FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(TITLE_ROW).height = 28;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, titleSpan);
  const info = ws.getCell(INFO_ROW, 1);
  info.value = `单位：${d.unit.name}\u3000\u3000考核人：${evaluatorLabel(d.evaluator)}\u3000\u3000方案：${d.month.schemeName}（第${d.month.version}版）\u3000\u3000导出日期：${today}`;
  info.font = FONT;
  ws.mergeCells(INFO_ROW, 1, INFO_ROW, titleSpan);

  // Header: the fixed columns span the three header rows; each category spans its criteria's columns.
  const headerCell = (row: number, col: number, value: string, fill: ExcelJS.Fill = HEADER_FILL) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.font = { ...FONT, bold: row !== RULE_ROW, size: row === RULE_ROW ? RULE_SIZE : FONT.size };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = fill;
    cell.border = BORDER;
    return cell;
  };
  columns.forEach((col, i) => {
    const at = i + 1;
    if (col.criterion === null) {
      headerCell(CATEGORY_ROW, at, col.header);
      headerCell(HEADER_ROW, at, col.header);
      headerCell(RULE_ROW, at, col.header);
      ws.mergeCells(CATEGORY_ROW, at, RULE_ROW, at);
      return;
    }
    const fill = col.part === 'note' ? NOTE_HEADER_FILL : HEADER_FILL;
    headerCell(CATEGORY_ROW, at, col.category);
    const name = headerCell(HEADER_ROW, at, col.header, fill);
    headerCell(RULE_ROW, at, col.rule, fill);
    const c = col.criterion;
    name.note =
      col.part === 'value'
        ? `${howToFill(c)}${c.guide ? `\n评分标准：${c.guide}` : ''}`
        : `“${c.name}”有次数时必须填写说明：事由、日期、案卷号（不超过200字）`;
  });
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && columns[i]!.criterion && columns[j + 1]!.criterion && columns[j + 1]!.category === columns[i]!.category) j++;
    if (j > i) ws.mergeCells(CATEGORY_ROW, i + 1, CATEGORY_ROW, j + 1);
    i = j + 1;
  }
  // a criterion's name wraps over up to three lines, its rule over two
  ws.getRow(HEADER_ROW).height = 44;
  ws.getRow(RULE_ROW).height = 28;

  // Rows: one per worker, pre-filled; entry cells unlocked, exempt workers' cells left locked.
  const lists = new Lists(wb);
  const formulas = new Map(d.criteria.map((c) => [c.id, lists.formula(c)]));
  d.members.forEach((m, k) => {
    const r = FIRST_DATA_ROW + k;
    const row = ws.getRow(r);
    const mine = d.values.get(m.personId);
    columns.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: col.part === 'value' || col.part === 'key' ? 'center' : 'left', wrapText: col.part === 'note' };
      const c = col.criterion;
      switch (col.part) {
        case 'key':
          cell.value = m.personId;
          break;
        case 'name':
          cell.value = m.name;
          break;
        case 'unit':
          cell.value = m.unitLabel;
          break;
        case 'role':
          cell.value = m.role;
          break;
        case 'remark':
          cell.value = m.exemptReason ? `本月免考：${m.exemptReason}` : null;
          break;
        // an exempt worker's cells stay empty (and locked): the import would refuse any score for them
        case 'value':
          cell.value = m.exemptReason ? null : cellValueOf(c!, mine?.get(c!.id));
          break;
        case 'note':
          cell.value = m.exemptReason ? null : (d.notes.get(`${m.personId}:${c!.id}`) ?? null);
          break;
      }
      const entry = (col.part === 'value' || col.part === 'note') && !m.exemptReason && !readOnly;
      if (entry) cell.protection = { locked: false };
      else cell.fill = LOCKED_FILL;
    });
  });
  const last = FIRST_DATA_ROW + d.members.length - 1;
  if (d.members.length > 0 && !readOnly) {
    // exceljs writes a validation for a whole range (its typings lack the property)
    const validations = (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations;
    columns.forEach((col, i) => {
      const range = `${columnLetter(i + 1)}${FIRST_DATA_ROW}:${columnLetter(i + 1)}${last}`;
      if (col.part === 'value') validations.add(range, validationOf(col.criterion!, formulas.get(col.criterion!.id)!));
      if (col.part === 'note') {
        validations.add(range, {
          type: 'textLength',
          operator: 'lessThanOrEqual',
          allowBlank: true,
          formulae: [200],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: '说明过长',
          error: '说明不能超过200字',
        });
      }
    });
  }
  const sign = ws.getRow(last + 2).getCell(2);
  sign.value = '考核人（签字）：____________　　　　日期：____年__月__日';
  sign.font = FONT;

  // No password: the lock keeps the layout from being changed by accident, not on purpose; the import checks the
  // layout itself (the meta sheet's checksum and the header cells) either way. Columns may be widened.
  await ws.protect('', { formatColumns: true, formatRows: true, selectLockedCells: true, selectUnlockedCells: true });

  const guide = writeGuideSheet(wb, d);
  if (readOnly) await guide.protect('', { formatColumns: true, formatRows: true, selectLockedCells: true });
  await lists.protect();

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const values = metaOf(d, exportedAt);
  META_KEYS.forEach((key, i) => {
    meta.getCell(i + 1, 1).value = key;
    meta.getCell(i + 1, 2).value = values[key];
    meta.getCell(i + 1, 3).value = META_LABELS[key];
  });
  await meta.protect('', {});
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeGuideSheet(wb: ExcelJS.Workbook, d: EvaluatorSheetData): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  [12, 18, 10, 8, 46, 60].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const line = (text: string, bold = false) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 6);
    row.font = { ...FONT, bold };
    row.alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  const t = line(`${workbookTitle(d)} · ${isReadOnly(d) ? '说明' : '填表说明'}`, true);
  t.font = { ...FONT, size: 14, bold: true };
  line(`单位：${d.unit.name}\u3000\u3000考核人：${evaluatorLabel(d.evaluator)}\u3000\u3000方案：${d.month.schemeName}（第${d.month.version}版）`);
  const steps = isReadOnly(d)
    ? [
        `1. ${d.month.period}“${d.month.schemeName}”已归档，这份考核表只供查阅和打印：所有单元格已锁定，不能导入。`,
        '2. 表中是归档时系统里这名考核人的分数和说明；免考人员在备注列注明。',
        '3. 如需更正，请先在“月度考核”中说明原因重新开启本月，再导出新的考核表填写。',
      ]
    : [
        '1. 只在“考核表”的白色单元格中填写。灰色单元格（编号、姓名、所属网格、岗位、表头）已锁定，请勿改动；改动表头、编号或插入删除行列后将无法导入。',
        '2. 评分项填0到满分之间的分数，以0.5分为一档，可从单元格的下拉列表中选择。',
        '3. 扣分项、加分项填发生次数（整数），没有发生填0或留空；有次数时必须在右侧“说明”列写明事由、日期、案卷号。',
        '4. 一票否决项选择“是”或“否”；选“是”须填写说明，当月等次为不合格。',
        '5. 表中已填的是系统里现有的分数，可以修改。留空的单元格导入时不会清除系统里已有的分数。',
        '6. 填好后直接保存（.xlsx 格式，不要另存为 .xls 或 .csv），交回后在“月度考核 → 打分 → 导入考核表”中导入。导入前会逐格检查，全部正确才会写入。',
      ];
  steps.forEach((text) => (line(text).height = 30));
  ws.addRow([]);
  const header = ws.addRow(['类别', '考核指标', '类型', '分值', '填写方法', '评分标准']);
  const headerRow = header.number;
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  for (const c of d.criteria) {
    const points = c.kind === 'score' || c.kind === 'deduction' ? formatHundredths(c.max) : c.kind === 'bonus' ? `+${formatHundredths(c.cap)}` : '—';
    const row = ws.addRow([c.category, c.name, CRITERION_KINDS[c.kind], points, howToFill(c), c.guide]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  setUpPrinting(ws, { headerRows: [headerRow, headerRow], fontSize: FONT.size });
  return ws;
}
