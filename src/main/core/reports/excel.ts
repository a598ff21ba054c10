/** Reports as Excel workbooks: the same data as the print routes, with title rows; names and IDs kept as text. */
import ExcelJS from 'exceljs';
import type {
  CertificateReport,
  CommendationReport,
  MonthSummaryReport,
  PeriodListReport,
  PeriodListRow,
  PeriodRegisterReport,
  PeriodReportHead,
  PeriodSummaryReport,
  PointsRankingReport,
  RankingReport,
  ScoreCardReport,
  StarRosterReport,
} from '../../../shared/contract/reports';
import { RANKING_NOTE } from '../../../shared/contract/reports';
import { COMPONENT_LABELS } from '../../../shared/domain/periods';
import { CRITERION_KINDS, formatHundredths, GRADES, fixed2 } from '../../../shared/domain/scoring';
import { starCountsText, starText } from '../../../shared/domain/stars';
import { formatDocumentDate, padName } from '../../../shared/domain/stroke-order';
import { fitRowHeight, setUpPrinting } from '../io/print-setup';

const FONT = { name: '宋体', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** 公文 margins (天头 37 mm, 订口 28 mm): reports are filed. */
const DOCUMENT_MARGINS = { top: 1.46, left: 1.1, right: 1.02, bottom: 1.38, header: 0.5, footer: 0.5 };

const pts = (v: number | null): number | null => (v === null ? null : v / 100);

function newBook(now: Date, sheetName: string): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  wb.created = now;
  const ws = wb.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  return { wb, ws };
}

/** The workbook's bytes, its sheet set up to print (io/print-setup.ts) with the table's header row on every page. */
async function bytesOf(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, headerRow: number | null): Promise<Buffer> {
  if (headerRow !== null) fitRowHeight(ws, headerRow, FONT.size);
  setUpPrinting(ws, { headerRows: headerRow === null ? null : [headerRow, headerRow], titleColumns: [1, 2], fontSize: FONT.size, margins: DOCUMENT_MARGINS });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function titleRow(ws: ExcelJS.Worksheet, text: string, width: number, size = 16): void {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, width);
  row.font = { ...FONT, size, bold: true };
  row.alignment = { horizontal: 'center', vertical: 'middle' };
  row.height = size + 10;
}

function lineRow(ws: ExcelJS.Worksheet, text: string, width: number, align: 'left' | 'right' | 'center' = 'left'): ExcelJS.Row {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, width);
  row.font = FONT;
  row.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  return row;
}

function tableRow(ws: ExcelJS.Worksheet, values: (string | number | null)[], options: { header?: boolean } = {}): ExcelJS.Row {
  const row = ws.addRow(values);
  row.font = { ...FONT, bold: options.header === true };
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    if (col > values.length) return;
    cell.border = BORDER;
    cell.alignment = { horizontal: options.header || typeof cell.value === 'number' ? 'center' : 'left', vertical: 'middle', wrapText: true };
    if (options.header) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDF2F7' } };
  });
  return row;
}

export async function monthSummaryWorkbook(r: MonthSummaryReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, `${r.period}汇总表`);
  const headers = ['序号', '姓名', '网格', '岗位', ...r.categories.map((c) => (c.max ? `${c.name}（${formatHundredths(c.max)}）` : c.name)), '总分', '等次', '排名', '备注'];
  const n = headers.length;
  titleRow(ws, r.title, n);
  lineRow(ws, `${r.header.officeName ? `${r.header.officeName}\u3000` : ''}${r.subtitle}`, n);
  const headerRow = tableRow(ws, headers, { header: true });
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  [6, 10, 18, 10, ...r.categories.map(() => 10), 8, 8, 6, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(3).numFmt = '@';
  for (const g of r.groups) {
    if (r.groups.length > 1 || g.community !== r.unitName) {
      const row = lineRow(ws, `${g.community}（${g.rows.length}人）`, n);
      row.font = { ...FONT, bold: true };
      row.getCell(1).border = BORDER;
    }
    for (const x of g.rows) {
      tableRow(ws, [x.seq, x.name, x.unit, x.role, ...x.categories.map(pts), pts(x.total), x.grade, x.rank, x.note]);
    }
  }
  lineRow(ws, `合计 ${r.count} 人：${GRADES.map((g) => `${g} ${r.gradeCounts[g]} 人`).join('，')}${r.exempt ? `，免考 ${r.exempt} 人` : ''}${r.unscored ? `，未评分 ${r.unscored} 人` : ''}`, n);
  ws.addRow([]);
  lineRow(ws, r.header.officeName || '', n, 'right');
  lineRow(ws, formatDocumentDate(r.header.date), n, 'right');
  return bytesOf(wb, ws, headerRow.number);
}

export async function scoreCardWorkbook(r: ScoreCardReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, `评分表_${r.person.name}`);
  const evaluators = r.evaluators.length ? r.evaluators : [];
  const headers = ['类别', '考核项目', '类型', '分值', ...evaluators.map((e) => e.name)];
  const n = Math.max(headers.length, 6);
  titleRow(ws, r.title, n);
  lineRow(ws, `${r.header.officeName ? `${r.header.officeName}\u3000` : ''}考核月份：${r.period}\u3000方案：${r.schemeName}（第${r.version}版）`, n);
  lineRow(ws, `姓名：${r.person.name}\u3000单位：${r.person.unitPath}\u3000岗位：${r.person.role}`, n);
  tableRow(ws, headers, { header: true });
  [10, 24, 8, 8, ...evaluators.map(() => 12)].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(2).numFmt = '@';
  for (const l of r.lines) {
    tableRow(ws, [
      l.category,
      l.name,
      CRITERION_KINDS[l.kind],
      l.kind === 'veto' ? null : l.max / 100,
      ...l.entries.map((e) => (l.kind === 'score' ? pts(e.value) : e.value ? `${e.value}次` : null)),
    ]);
  }
  tableRow(ws, ['', '评分人合计', '', r.fullMarks / 100, ...evaluators.map((e) => (e.complete ? e.total / 100 : '未评完'))]);
  ws.addRow([]);
  lineRow(ws, '扣分、加分及说明', n).font = { ...FONT, bold: true };
  tableRow(ws, ['考核人', '考核项目', '类型', '次数', '分值', '说明'], { header: true });
  if (r.evidence.length === 0) lineRow(ws, '无', n);
  for (const e of r.evidence) tableRow(ws, [e.evaluator, e.criterion, CRITERION_KINDS[e.kind], e.count || null, e.points / 100, e.note]);
  ws.addRow([]);
  lineRow(ws, `综合得分：${r.total === null ? '—' : fixed2(r.total)}（${r.aggregationLabel}）\u3000等次：${r.grade}\u3000${r.community}排名：${r.rankInUnit ?? '—'} / ${r.unitCount}${r.veto ? '\u3000一票否决' : ''}`, n);
  ws.addRow([]);
  lineRow(ws, '被考核人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日', n);
  lineRow(ws, '考核人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日', n);
  lineRow(ws, '审核人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日', n);
  ws.addRow([]);
  lineRow(ws, r.header.officeName || '', n, 'right');
  lineRow(ws, formatDocumentDate(r.header.date), n, 'right');
  return bytesOf(wb, ws, null);
}

export async function commendationWorkbook(r: CommendationReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, r.title);
  const n = 5;
  titleRow(ws, r.title, n, 18);
  lineRow(ws, r.intro, n).height = 36;
  const headerRow = tableRow(ws, ['序号', '社区', '姓名', '单位', '事迹'], { header: true });
  [6, 16, 12, 22, 50].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(3).numFmt = '@';
  let seq = 0;
  for (const award of r.awards) {
    if (r.awards.length > 1) lineRow(ws, `${award.name}（${award.count}名）`, n).font = { ...FONT, bold: true };
    for (const g of award.groups) for (const x of g.names) tableRow(ws, [++seq, x.community, r.padNames ? padName(x.name) : x.name, x.unit, x.deeds]);
  }
  lineRow(ws, `共 ${r.count} 名${r.order === 'custom' ? '（按自定顺序）' : '（按姓氏笔画排序）'}`, n);
  ws.addRow([]);
  lineRow(ws, r.issuer, n, 'right');
  lineRow(ws, formatDocumentDate(r.date), n, 'right');
  return bytesOf(wb, ws, headerRow.number);
}

export async function pointsRankingWorkbook(r: PointsRankingReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, r.title);
  const headers = ['名次', '姓名', '社区', '网格', '岗位', '加分', '扣分', '积分'];
  const n = headers.length;
  titleRow(ws, r.title, n);
  lineRow(ws, `范围：${r.unitName}\u3000共 ${r.rows.length} 人`, n);
  const headerRow = tableRow(ws, headers, { header: true });
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  [6, 10, 14, 18, 10, 8, 8, 8].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(2).numFmt = '@';
  for (const x of r.rows) tableRow(ws, [x.rank, x.name, x.community, x.unit, x.role, pts(x.plus), pts(-Math.abs(x.minus)), pts(x.points)]);
  ws.addRow([]);
  lineRow(ws, r.header.officeName || '', n, 'right');
  lineRow(ws, formatDocumentDate(r.header.date), n, 'right');
  return bytesOf(wb, ws, headerRow.number);
}

/** A group's heading row (固戍社区（25人）), bold, framed like the table. */
function groupRow(ws: ExcelJS.Worksheet, text: string, width: number): void {
  const row = lineRow(ws, text, width);
  row.font = { ...FONT, bold: true };
  row.getCell(1).border = BORDER;
}

/** 第N页 on paper and the frozen pane on screen keep the table's header row in view. */
function headerRowOf(ws: ExcelJS.Worksheet, headers: string[], widths: number[]): number {
  const headerRow = tableRow(ws, headers, { header: true });
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return headerRow.number;
}

function signature(ws: ExcelJS.Worksheet, officeName: string, date: string, width: number): void {
  ws.addRow([]);
  lineRow(ws, officeName, width, 'right');
  lineRow(ws, formatDocumentDate(date), width, 'right');
}

export async function rankingWorkbook(r: RankingReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, r.title);
  const headers = ['序号', '姓名', '社区', '网格', '岗位', '总分', '等次', '网格排名', '社区排名', '岗位排名', '备注'];
  const n = headers.length;
  titleRow(ws, r.title, n);
  lineRow(ws, `${r.header.officeName ? `${r.header.officeName}\u3000` : ''}范围：${r.unitName}\u3000方案：${r.schemeName}（第${r.version}版）\u3000${r.groupBy === 'role' ? '按岗位分组' : '按社区分组'}${r.finalised ? '' : '\u3000录入中，结果未归档'}`, n);
  const header = headerRowOf(ws, headers, [6, 10, 14, 16, 10, 8, 9, 8, 8, 8, 14]);
  ws.getColumn(2).numFmt = '@';
  for (const g of r.groups) {
    groupRow(ws, `${g.label}（${g.rows.length}人）`, n);
    for (const x of g.rows) tableRow(ws, [x.seq, x.name, x.community, x.unit, x.role, pts(x.total), x.grade, x.rankInGrid, x.rankInCommunity, x.rankInRole, x.note]);
  }
  lineRow(ws, `合计 ${r.count} 人，参加排名 ${r.ranked} 人。${RANKING_NOTE}`, n);
  signature(ws, r.header.officeName || '', r.header.date, n);
  return bytesOf(wb, ws, header);
}

export async function starRosterWorkbook(r: StarRosterReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, r.title);
  const headers = ['序号', '姓名', '社区', '网格', '星级', '评定期间', '评定依据'];
  const n = headers.length;
  titleRow(ws, r.title, n);
  lineRow(ws, `${r.header.officeName ? `${r.header.officeName}\u3000` : ''}范围：${r.unitName}\u3000截至 ${r.asOf} 在岗人员最近一次已发布的星级`, n);
  const header = headerRowOf(ws, headers, [6, 10, 14, 16, 12, 16, 40]);
  ws.getColumn(2).numFmt = '@';
  for (const g of r.groups) {
    groupRow(ws, `${g.community}（${g.rows.length}人）`, n);
    for (const x of g.rows) tableRow(ws, [x.seq, x.name, g.community, x.unit, starText(x.stars), x.periodLabel, x.reason]);
  }
  lineRow(ws, `合计 ${r.count} 人：${starCountsText(r.counts)}`, n);
  signature(ws, r.header.officeName || '', r.header.date, n);
  return bytesOf(wb, ws, header);
}

export function certificateListTitle(batchName: string): string {
  return `${batchName}荣誉证书名册`;
}

/** The recipients of a batch's certificates, one a row, for the district or the print shop. */
export async function certificateWorkbook(r: CertificateReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, certificateListTitle(r.batchName));
  const headers = ['序号', '姓名', '社区', '单位', '荣誉称号', '发证单位', '发证日期'];
  const n = headers.length;
  titleRow(ws, certificateListTitle(r.batchName), n);
  const header = headerRowOf(ws, headers, [6, 10, 14, 18, 24, 24, 12]);
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(7).numFmt = '@';
  r.recipients.forEach((x, i) => tableRow(ws, [i + 1, x.name, x.community, x.unit, r.awardName, r.issuer, r.date]));
  lineRow(ws, `共 ${r.recipients.length} 人`, n);
  return bytesOf(wb, ws, header);
}

// ---- reports of a period (季度/半年/年度考核) ----

const PERIOD_NOTE = '注：排名为网格、社区、岗位、街道内按总分的名次，同分同名次；名额一栏为优秀名额：名额内、名额外（降为良好）、并列保留、并列降等。';

function periodSubtitle(r: PeriodReportHead): string {
  return `${r.header.officeName ? `${r.header.officeName}\u3000` : ''}${r.subtitle}`;
}

function weightsText(r: PeriodReportHead): string {
  return `总分 = ${(['months', 'appraisal', 'points'] as const).filter((k) => r.weights[k] > 0).map((k) => `${COMPONENT_LABELS[k]} × ${r.weights[k]}%`).join(' + ')}`;
}

export function periodCountsText(r: PeriodSummaryReport): string {
  return `合计 ${r.count} 人：${GRADES.map((g) => `${g} ${r.counts[g]} 人`).join('，')}，不定等次 ${r.counts.不定等次} 人${r.warnings ? `；解聘预警 ${r.warnings} 人` : ''}`;
}

export async function periodSummaryWorkbook(r: PeriodSummaryReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, r.title);
  const headers = ['序号', '姓名', '网格', '岗位', '月度考核', '年终测评', '积分', '总分', '等次', '网格排名', '社区排名', '岗位排名', '街道排名', '优秀名额', '解聘预警'];
  const n = headers.length;
  titleRow(ws, r.title, n);
  lineRow(ws, periodSubtitle(r), n);
  lineRow(ws, `${weightsText(r)}\u3000${r.quotaText}`, n);
  const header = headerRowOf(ws, headers, [6, 10, 18, 10, 9, 9, 8, 8, 9, 8, 8, 8, 8, 10, 8]);
  ws.getColumn(2).numFmt = '@';
  for (const g of r.groups) {
    groupRow(ws, `${g.label}（${g.rows.length}人）`, n);
    for (const x of g.rows) {
      tableRow(ws, [x.seq, x.name, x.unit, x.role, pts(x.components.months), pts(x.components.appraisal), pts(x.components.points), pts(x.total), x.grade,
        x.ranks.grid, x.ranks.community, x.ranks.role, x.ranks.street, x.quota, x.warning ? '是' : '']);
    }
  }
  lineRow(ws, `${periodCountsText(r)}。${PERIOD_NOTE}`, n);
  signatureLines(ws, ['制表人', '审核人'], n);
  signature(ws, r.header.officeName || '', r.header.date, n);
  return bytesOf(wb, ws, header);
}

/** The columns each list prints, after 序号, 姓名, 社区, 网格 and 岗位. */
export function periodListColumns(list: PeriodListReport['list']): string[] {
  if (list === 'excellent') return ['总分', '街道排名', '备注'];
  if (list === 'undetermined') return ['在岗月数', '说明'];
  return ['总分', '等次', '连续不合格月份', '原因'];
}

function periodListCells(r: PeriodListReport, x: PeriodListRow): (string | number | null)[] {
  if (r.list === 'excellent') return [pts(x.total), x.rankInStreet, x.note];
  if (r.list === 'undetermined') return [`${x.monthsInPost} / ${r.monthsInPeriod}`, x.note];
  return [pts(x.total), x.grade, x.months, x.note];
}

export async function periodListWorkbook(r: PeriodListReport, now: Date): Promise<Buffer> {
  const { wb, ws } = newBook(now, r.title);
  const headers = ['序号', '姓名', '社区', '网格', '岗位', ...periodListColumns(r.list)];
  const n = headers.length;
  titleRow(ws, r.title, n);
  lineRow(ws, periodSubtitle(r), n);
  const wide = { excellent: [8, 8, 30], undetermined: [10, 30], warning: [8, 8, 18, 40] }[r.list];
  const header = headerRowOf(ws, headers, [6, 10, 14, 16, 10, ...wide]);
  ws.getColumn(2).numFmt = '@';
  for (const g of r.groups) {
    groupRow(ws, `${g.community}（${g.rows.length}人）`, n);
    for (const x of g.rows) tableRow(ws, [x.seq, x.name, x.community, x.unit, x.role, ...periodListCells(r, x)]);
  }
  lineRow(ws, `共 ${r.count} 人`, n);
  signature(ws, r.header.officeName || '', r.header.date, n);
  return bytesOf(wb, ws, header);
}

function signatureLines(ws: ExcelJS.Worksheet, who: string[], width: number): void {
  ws.addRow([]);
  for (const w of who) lineRow(ws, `${w}（签字）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日`, width);
}

const rankText = (v: number | null) => (v === null ? '—' : String(v));

/** 登记表: one worksheet a person, laid out as the printed page. */
export async function periodRegisterWorkbook(r: PeriodRegisterReport, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格考评';
  wb.created = now;
  const n = 6;
  const names = new Map<string, number>();
  for (const p of r.pages) {
    const base = p.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 26);
    const seen = names.get(base) ?? 0;
    names.set(base, seen + 1);
    const ws = wb.addWorksheet(seen ? `${base}(${seen + 1})` : base);
    [14, 16, 14, 16, 14, 16].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    titleRow(ws, r.title, n);
    lineRow(ws, periodSubtitle(r), n);
    tableRow(ws, ['姓名', p.name, '性别', p.gender, '政治面貌', p.politicalStatus]);
    tableRow(ws, ['身份证号', p.idNumber, '岗位', p.role, '入职日期', p.hireDate]);
    const unit = tableRow(ws, ['所在单位', p.unitPath, '', '', '在岗月数', `${p.monthsInPost}个月`]);
    ws.mergeCells(unit.number, 2, unit.number, 4);
    ws.addRow([]);
    lineRow(ws, '月度考核情况', n).font = { ...FONT, bold: true };
    tableRow(ws, ['月份', '总分', '等次', '月份', '总分', '等次'], { header: true });
    const half = Math.ceil(p.months.length / 2);
    for (let i = 0; i < half; i++) {
      const a = p.months[i]!;
      const b = p.months[i + half];
      tableRow(ws, [a.period, pts(a.total), a.veto ? `${a.grade}（否决）` : a.grade, b?.period ?? '', b ? pts(b.total) : null, b ? (b.veto ? `${b.grade}（否决）` : b.grade) : '']);
    }
    ws.addRow([]);
    lineRow(ws, `本期积分：${formatHundredths(p.points)} 分`, n);
    lineRow(ws, `奖励：${p.awards.length ? p.awards.map((a) => `${a.date} ${a.name}（${a.level}）`).join('；') : '无'}`, n);
    lineRow(ws, `惩处：${p.discipline.length ? p.discipline.map((d) => `${d.date} ${d.kind}：${d.reason}`).join('；') : '无'}`, n);
    ws.addRow([]);
    lineRow(ws, '考核结果', n).font = { ...FONT, bold: true };
    tableRow(ws, [`月度考核（${r.weights.months}%）`, `年终测评（${r.weights.appraisal}%）`, `积分（${r.weights.points}%）`, '总分', '等次', '解聘预警'], { header: true });
    tableRow(ws, [pts(p.components.months), pts(p.components.appraisal), pts(p.components.points), pts(p.total), p.grade, p.warning ? '是' : '否']);
    tableRow(ws, ['网格排名', '社区排名', '岗位排名', '街道排名', '优秀名额', '测评票数'], { header: true });
    tableRow(ws, [rankText(p.ranks.grid), rankText(p.ranks.community), rankText(p.ranks.role), rankText(p.ranks.street), p.quota || '—', p.ballots]);
    for (const note of p.notes) lineRow(ws, note, n);
    ws.addRow([]);
    const opinion = lineRow(ws, '考核组意见：', n);
    opinion.height = 80;
    opinion.alignment = { vertical: 'top', wrapText: true };
    opinion.getCell(1).border = BORDER;
    ws.addRow([]);
    lineRow(ws, '本人签字：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日', n);
    lineRow(ws, '考核组负责人签字：\u3000\u3000\u3000\u3000\u3000\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日', n);
    lineRow(ws, `单位盖章：${r.header.officeName}\u3000\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日`, n);
    setUpPrinting(ws, { headerRows: null, fontSize: FONT.size, margins: DOCUMENT_MARGINS, onePage: true });
  }
  if (r.pages.length === 0) setUpPrinting(wb.addWorksheet('登记表'), { headerRows: null, margins: DOCUMENT_MARGINS, onePage: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
