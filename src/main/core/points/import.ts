/**
 * 积分导入: an office's sheet of point events — 姓名, 身份证号, 日期, 积分规则, 数量, 备注 — checked row by row as quick
 * entry checks a line (rule in force on the date, person in post on the date, a deduction needs its grounds, caps),
 * and posted through the ledger with source 'import'. A row identical to a live imported entry (same person, date,
 * rule, quantity and note) is unchanged, so importing a file twice posts nothing the second time.
 */
import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import type { ImportPreviewRow, ImportRowStatus } from '../../../shared/contract/io';
import type { PointRule } from '../../../shared/contract/points';
import { formatTimestamp } from '../../../shared/domain/dates';
import {
  capMessage,
  capPeriodRange,
  CAP_PERIODS,
  formatSigned,
  isGradeRule,
  applyCap,
  entryPoints,
  notInForceMessage,
} from '../../../shared/domain/points';
import { formatHundredths } from '../../../shared/domain/scoring';
import { stripAllSpaces, toHalfWidth } from '../../../shared/domain/text';
import type { HandlerContext } from '../context';
import { insertEntry, pointsInCapPeriod } from './ledger';
import { listRules } from './queries';
import { personFinder, type FoundPerson } from '../people/find';
import { readDate, readHundredths, textOf, type Read } from '../io/cells';
import type { ImportPlan, ImportPlanner } from '../io/import-run';
import { setUpPrinting } from '../io/print-setup';
import { dateForCell } from '../io/read';
import { cellPlace, readTable, type FieldSpec } from '../io/table';

export const POINTS_IMPORT_KIND = 'points';

export const POINTS_FIELDS: FieldSpec[] = [
  { key: 'name', label: '姓名', required: true, aliases: ['姓名', '人员姓名', '网格员姓名', '名字'] },
  { key: 'idNumber', label: '身份证号', required: false, aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证'] },
  { key: 'unit', label: '所属单位', required: false, aliases: ['所属单位', '所属网格', '网格', '单位', '网格名称'] },
  { key: 'date', label: '日期', required: true, aliases: ['日期', '发生日期', '事项日期', '记分日期', '时间'] },
  { key: 'rule', label: '积分规则', required: true, aliases: ['积分规则', '积分项目', '积分事项', '规则名称', '规则编号', '规则', '加减分项目'] },
  { key: 'quantity', label: '数量', required: true, aliases: ['数量', '次数', '件数', '天数'] },
  { key: 'note', label: '备注', required: false, aliases: ['备注', '依据说明', '说明', '事由'] },
];

const COLUMNS = ['姓名', '身份证号', '所属单位', '日期', '积分规则', '数量', '积分', '备注'];
const COL = { name: 0, idNumber: 1, unit: 2, date: 3, rule: 4, quantity: 5, points: 6, note: 7 } as const;
const MAX_QUANTITY = 99_900;

type ImportRule = PointRule;

/** Finds a rule by its name (as the template's dropdown gives it, with or without the rate in brackets) or its 编号. */
function ruleFinder(rules: ImportRule[]): (text: string) => ImportRule | undefined {
  const key = (s: string) => stripAllSpaces(toHalfWidth(s)).toLowerCase();
  const byName = new Map(rules.map((r) => [key(r.name), r]));
  const byId = new Map(rules.map((r) => [String(r.id), r]));
  return (text) => {
    const k = key(text);
    return byName.get(k) ?? byId.get(k) ?? byName.get(k.replace(/[(（].*$/, ''));
  };
}

/** Why a rule cannot be used on a date, or null. */
function ruleError(rule: ImportRule, date: string | null): string | null {
  if (isGradeRule(rule.derived)) return `“${rule.name}”在月度考核归档时自动记分，不能导入`;
  if (!rule.active) return `“${rule.name}”已停用，不能再录入`;
  if (date !== null) {
    const notInForce = notInForceMessage(rule, date);
    if (notInForce) return notInForce;
  }
  return null;
}

interface Planned {
  line: number;
  date: string;
  person: FoundPerson;
  rule: ImportRule;
  quantity: number;
  note: string;
}

/** Live imported entries (neither reversed nor reversals) identical to a row: what makes a row 'unchanged'. */
function sameEntryFinder(db: Database) {
  const stmt = db.prepare(
    `SELECT e.id, e.points, e.created_at FROM point_entries e
     WHERE e.person_id = ? AND e.date = ? AND e.rule_id = ? AND e.quantity = ? AND e.note = ? AND e.source = 'import'
       AND e.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id)
     ORDER BY e.id LIMIT 1`,
  );
  const reversed = db.prepare(
    `SELECT 1 FROM point_entries e WHERE e.person_id = ? AND e.date = ? AND e.rule_id = ? AND e.quantity = ? AND e.note = ?
       AND e.source = 'import' AND e.reverses_id IS NULL AND EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id)`,
  );
  return (p: Omit<Planned, 'line'>) => {
    const args = [p.person.id, p.date, p.rule.id, p.quantity, p.note] as const;
    return {
      same: stmt.get(...args) as { id: number; points: number; created_at: string } | undefined,
      wasReversed: reversed.get(...args) !== undefined,
    };
  };
}

export function pointsPlanner(ctx: HandlerContext): ImportPlanner {
  return (file, input): ImportPlan => {
    const { db, today } = ctx;
    const read = readTable(file.workbook, POINTS_FIELDS, { sheet: input.sheet, mapping: input.mapping });
    const { table } = read;
    const notes: string[] = [];
    if (read.unmapped.length > 0) {
      notes.push(`没有找到这些列：${read.unmapped.map((f) => f.label).join('、')}。请在上方“列对应”中选择它们所在的列`);
      return { target: '积分台账', table, columns: COLUMNS, rows: [], notes, apply: () => undefined };
    }
    const rules = listRules(db, today);
    const findRule = ruleFinder(rules);
    const findPerson = personFinder(db, today);
    const findSame = sameEntryFinder(db);
    const capUsed = new Map<string, number>();
    const seen = new Map<string, number>();
    const toPost: Planned[] = [];
    let cappedRows = 0;

    const rows: ImportPreviewRow[] = read.rows.map((row) => {
      const errors: ImportPreviewRow['errors'] = [];
      const fail = (column: number, fieldKey: string, message: string) =>
        errors.push({ column, message: `${cellPlace(table, row.line, fieldKey)}：${message}` });
      const values = COLUMNS.map(() => '');
      values[COL.name] = textOf(row.get('name'));
      values[COL.idNumber] = textOf(row.get('idNumber'));
      values[COL.unit] = textOf(row.get('unit'));
      values[COL.rule] = textOf(row.get('rule'));
      values[COL.note] = textOf(row.get('note'));

      const date: Read<string> = readDate(row.get('date'));
      if (date.ok) {
        values[COL.date] = date.value;
        if (date.value > today) fail(COL.date, 'date', `日期${date.value}晚于今天（${today}）`);
      } else {
        values[COL.date] = textOf(row.get('date'));
        fail(COL.date, 'date', date.message);
      }

      const found = findPerson({ name: row.get('name'), idNumber: row.get('idNumber'), unit: row.get('unit') }, date.ok ? date.value : today);
      let person: FoundPerson | null = null;
      if (found.ok) {
        person = found.person;
        values[COL.name] = person.name;
        values[COL.unit] = person.unitPath;
      } else if (date.ok || !found.onDate) {
        fail(COL[found.field], found.field, found.message);
      }

      let rule: ImportRule | undefined;
      const ruleText = textOf(row.get('rule'));
      if (ruleText === '') fail(COL.rule, 'rule', '请填写积分规则');
      else {
        rule = findRule(ruleText);
        if (!rule) fail(COL.rule, 'rule', `没有名为“${ruleText}”的积分规则，请按模板“积分规则”表填写规则名称或编号`);
        else {
          values[COL.rule] = rule.name;
          const why = ruleError(rule, date.ok ? date.value : null);
          if (why) fail(COL.rule, 'rule', why);
        }
      }

      const q = readHundredths(row.get('quantity'), '数量');
      let quantity: number | null = null;
      if (!q.ok) fail(COL.quantity, 'quantity', q.message);
      else if (q.value === null) fail(COL.quantity, 'quantity', '请填写数量');
      else if (q.value <= 0) fail(COL.quantity, 'quantity', '数量应大于0');
      else if (q.value > MAX_QUANTITY) fail(COL.quantity, 'quantity', '数量不能超过999');
      else quantity = q.value;
      if (quantity !== null) values[COL.quantity] = `${formatHundredths(quantity)}${rule?.unit ?? ''}`;
      else if (q.ok && q.value !== null) values[COL.quantity] = formatHundredths(q.value);
      else values[COL.quantity] = textOf(row.get('quantity'));

      const note = textOf(row.get('note'));
      if (note.length > 200) fail(COL.note, 'note', '备注不能超过200字');
      if (rule && rule.pointsPerUnit < 0 && note === '') fail(COL.note, 'note', `“${rule.name}”是扣分，请在备注中填写依据（事由、时间、案卷号）`);
      if (rule && quantity !== null) values[COL.points] = formatSigned(entryPoints(rule.pointsPerUnit, quantity));

      let status: ImportRowStatus = 'wrong';
      let change = '';
      if (errors.length === 0 && person && rule && quantity !== null && date.ok) {
        const planned: Planned = { line: row.line, date: date.value, person, rule, quantity, note };
        const key = [person.id, date.value, rule.id, quantity, note].join('|');
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          fail(COL.name, 'name', `与第${earlier}行完全相同；如确有两次，请合并为一行并把数量改为合计，或在备注中写明区别`);
        } else {
          seen.set(key, row.line);
          const { same, wasReversed } = findSame(planned);
          if (same) {
            status = 'unchanged';
            values[COL.points] = formatSigned(same.points);
            change = `已于${formatTimestamp(same.created_at)}导入（第${same.id}号记录）`;
          } else {
            status = 'new';
            toPost.push(planned);
            if (wasReversed) change = '同样的记录曾导入并已冲销，这次将重新记入';
            if (rule.cap !== null && rule.capPeriod !== null) {
              const range = capPeriodRange(rule.capPeriod, date.value);
              const capKey = `${rule.id}|${person.id}|${range.from}`;
              const already = capUsed.get(capKey) ?? pointsInCapPeriod(db, rule, person.id, date.value);
              const result = applyCap(rule, quantity, already);
              capUsed.set(capKey, already + result.points);
              const message = capMessage(rule, result);
              if (message) {
                cappedRows++;
                values[COL.points] = `${formatSigned(result.points)}（应计${formatSigned(result.uncapped)}）`;
                change = message;
              }
            }
          }
        }
      }
      return { line: row.line, status: errors.length > 0 ? 'wrong' : status, values, errors, change };
    });

    if (read.emptyRows > 0) notes.push(`已跳过${read.emptyRows}个空行`);
    if (cappedRows > 0) notes.push(`有${cappedRows}行超过积分规则的上限，只计上限内剩余的分数（见“变更内容”）`);
    return {
      target: '积分台账（来源：导入）',
      table,
      columns: COLUMNS,
      rows,
      notes,
      apply: () => {
        const sourceRef = `file:${file.sha256.slice(0, 16)}`;
        const at = ctx.now().toISOString();
        for (const p of toPost) {
          const { id, result } = insertEntry(ctx, { date: p.date, personId: p.person.id, rule: p.rule, quantity: p.quantity, source: 'import', sourceRef, note: p.note }, at);
          ctx.audit({
            action: 'post',
            entity: 'point_entry',
            entityId: id,
            newValue: { date: p.date, personId: p.person.id, ruleId: p.rule.id, quantity: p.quantity, points: result.points, uncapped: result.uncapped, source: 'import', note: p.note, line: p.line },
          });
        }
      },
    };
  };
}

// ---- the template ----

const FONT = { name: '宋体', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const TEMPLATE_ROWS = 1000;

/** 积分导入模板: the data sheet (ID numbers as text, dates as dates, rules from a dropdown) and the rules it may name. */
export async function buildPointsTemplate(db: Database, today: string, now: Date): Promise<Buffer> {
  const rules = listRules(db, today).filter((r) => r.active && !isGradeRule(r.derived));
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  wb.created = now;
  const ws = wb.addWorksheet('积分导入');
  const headers = ['姓名', '身份证号', '所属单位', '日期', '积分规则', '数量', '备注'];
  const widths = [10, 22, 22, 13, 24, 8, 40];
  ws.addRow(['积分导入表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(1).font = { ...FONT, size: 16, bold: true };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 26;
  ws.addRow([
    '填写说明：身份证号按文本填写（可不填，但同名的在岗人员须填写身份证号或所属单位）；日期写作 2026-11-23；积分规则从下拉中选择（见“积分规则”表）；数量可有两位小数；扣分须在备注中写明依据。',
  ]);
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getRow(2).font = { ...FONT, size: 10, color: { argb: 'FF595959' } };
  ws.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 30;
  const header = ws.addRow(headers);
  header.font = { ...FONT, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDF2F7' } };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(4).numFmt = 'yyyy-mm-dd';
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 0 }];
  const first = 4;
  const last = first + TEMPLATE_ROWS - 1;
  const validations = (ws as unknown as { dataValidations: { add: (address: string, v: ExcelJS.DataValidation) => void } }).dataValidations;
  if (rules.length > 0) {
    validations.add(`E${first}:E${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'积分规则'!$B$2:$B$${rules.length + 1}`],
      showErrorMessage: true,
      errorTitle: '积分规则',
      error: '请从下拉列表中选择积分规则',
    });
  }
  validations.add(`F${first}:F${last}`, {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [0.01, 999],
    showErrorMessage: true,
    errorTitle: '数量',
    error: '数量应为大于0的数，最多两位小数',
  });
  validations.add(`D${first}:D${last}`, {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [dateForCell('2000-01-01'), dateForCell('2099-12-31')],
    showErrorMessage: true,
    errorTitle: '日期',
    error: '请填写日期，如 2026-11-23',
  });

  const list = wb.addWorksheet('积分规则');
  list.addRow(['编号', '规则名称', '类别', '分值', '单位', '上限', '施行期', '说明']);
  list.getRow(1).font = { ...FONT, bold: true };
  for (const r of rules) {
    list.addRow([
      r.id,
      r.name,
      r.category,
      formatSigned(r.pointsPerUnit),
      r.unit,
      r.cap === null || r.capPeriod === null ? '' : `${CAP_PERIODS[r.capPeriod]}${formatHundredths(r.cap)}分`,
      r.validTo === null ? `${r.validFrom}起` : `${r.validFrom}至${r.validTo}`,
      r.note,
    ]).font = FONT;
  }
  [6, 24, 12, 8, 6, 12, 24, 50].forEach((w, i) => (list.getColumn(i + 1).width = w));
  setUpPrinting(ws, { headerRows: [3, 3], titleColumns: [1, 1], fontSize: 10 });
  setUpPrinting(list, { headerRows: [1, 1], titleColumns: [1, 2] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
