/**
 * Printable reports (ARCHITECTURE.md rule 7): each report is one call that returns everything its print route shows,
 * and one member of `reportRequest`, from which the core builds the same report as an Excel workbook. A new report
 * adds its data call, its member of the union, a builder in src/main/core/reports/ and a route in the renderer's
 * features/reports/.
 */
import { z } from 'zod';
import type { Role } from '../domain/people';
import type { Aggregation, CriterionKind, Grade } from '../domain/scoring';
import type { Stars } from '../domain/stars';
import { call, idField, returns } from './define';
import type { AwardPrintSettings, CommendationLayout } from './awards';
import type { ExportedFile } from './io';

/** What every report prints above and below its body, from the settings. */
export interface ReportHeader {
  officeName: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  shortNameFirst: boolean;
}

export interface SummaryCategory {
  name: string;
  /** Full marks of the category (its 评分项 and 扣分项), hundredths. */
  max: number;
}

export interface SummaryRow {
  seq: number;
  personId: number;
  name: string;
  /** The grid (or unit) below the community. */
  unit: string;
  role: Role;
  /** Per category of the report, hundredths; null when not scored. */
  categories: (number | null)[];
  total: number | null;
  /** The grade, or 免考 / 未评分. */
  grade: string;
  rank: number | null;
  note: string;
}

export interface SummaryGroup {
  community: string;
  rows: SummaryRow[];
}

export interface MonthSummaryReport {
  header: ReportHeader;
  title: string;
  /** Scheme, version, unit and state. */
  subtitle: string;
  period: string;
  schemeName: string;
  version: number;
  unitName: string;
  finalised: boolean;
  categories: SummaryCategory[];
  fullMarks: number;
  groups: SummaryGroup[];
  count: number;
  gradeCounts: Record<Grade, number>;
  exempt: number;
  unscored: number;
}

export interface ScoreCardLine {
  category: string;
  name: string;
  kind: CriterionKind;
  /** 评分项 the maximum; 扣分项 the points it starts from; bonus the cap. */
  max: number;
  perUnit: number;
  guide: string;
  /** One per evaluator of the card, in the order of `evaluators`: what was entered and what it came to. */
  entries: { value: number | null; points: number; note: string }[];
}

export interface ScoreCardEvidence {
  evaluator: string;
  criterion: string;
  kind: CriterionKind;
  count: number;
  /** What the entries add (bonus) or take (deduction, negative), hundredths. */
  points: number;
  note: string;
}

export interface ScoreCardReport {
  header: ReportHeader;
  title: string;
  period: string;
  schemeName: string;
  version: number;
  person: { id: number; name: string; unitPath: string; role: Role };
  aggregation: Aggregation;
  aggregationLabel: string;
  evaluators: { name: string; group: string; total: number; veto: boolean; complete: boolean; dropped: boolean }[];
  lines: ScoreCardLine[];
  evidence: ScoreCardEvidence[];
  fullMarks: number;
  total: number | null;
  grade: string;
  veto: boolean;
  rankInUnit: number | null;
  unitCount: number;
  community: string;
  exemptReason: string;
}

/** One recipient on the 表彰名单 or a 荣誉证书. */
export interface CommendationName {
  personId: number;
  name: string;
  /** The unit below the community (第一网格), or the community itself. */
  unit: string;
  deeds: string;
  community: string;
}

export interface CommendationGroup {
  community: string;
  names: CommendationName[];
}

/** One award of the list (a batch names one award) with its recipients by unit (community). */
export interface CommendationAward {
  name: string;
  count: number;
  groups: CommendationGroup[];
}

export type CommendationOrder = 'stroke' | 'custom';

export interface CommendationReport {
  header: ReportHeader;
  batchId: number;
  title: string;
  /** The opening paragraph of the document. */
  intro: string;
  batchName: string;
  levelLabel: string;
  /** The issuing body: the batch's issuer, else the office's name. */
  issuer: string;
  /** 'YYYY-MM-DD', the batch's date. */
  date: string;
  published: boolean;
  order: CommendationOrder;
  /** grouped: a heading a community; combined: one list across the communities (one group named ''). */
  layout: CommendationLayout;
  /** 单名 padding: 张三 printed 张\u3000三. */
  padNames: boolean;
  awards: CommendationAward[];
  count: number;
}

export interface CertificateReport {
  header: ReportHeader;
  batchId: number;
  batchName: string;
  /** The award as the certificate words it (优秀网格员). */
  awardName: string;
  issuer: string;
  date: string;
  recipients: CommendationName[];
  /** Not yet published (表彰): every page prints 草稿 across it. */
  draft: boolean;
  mode: CertificateMode;
  /** 套打 (mode 'overlay'): where each field goes on the pre-printed paper. */
  overlay: AwardPrintSettings['overlay'];
}

export type CertificateMode = 'full' | 'overlay';

export interface PointsRankingRow {
  rank: number;
  personId: number;
  name: string;
  community: string;
  unit: string;
  role: Role;
  plus: number;
  minus: number;
  points: number;
  entries: number;
}

export interface PointsRankingReport {
  header: ReportHeader;
  title: string;
  /** The period as the ledger words it (2025年, 累计). */
  label: string;
  unitName: string;
  rows: PointsRankingRow[];
}

export type RankingGroupBy = 'community' | 'role';

export interface RankingRow {
  seq: number;
  personId: number;
  name: string;
  community: string;
  /** The grid (or unit) below the community. */
  unit: string;
  role: Role;
  total: number | null;
  /** The grade, or 免考 / 未评分. */
  grade: string;
  veto: boolean;
  /** Rank within the grid (网格排名), the community (社区排名) and the role across the month (岗位排名); null when not ranked. */
  rankInGrid: number | null;
  rankInCommunity: number | null;
  rankInRole: number | null;
  note: string;
}

export const RANKING_NOTE = '注：网格排名为所在网格内排名，社区排名为所在社区内排名，岗位排名为本月同岗位全部人员中的排名；同分同名次，同名次按姓氏笔画排列；一票否决者排在最后。';

export interface RankingGroup {
  /** The community, or the role. */
  label: string;
  rows: RankingRow[];
}

export interface RankingReport {
  header: ReportHeader;
  title: string;
  period: string;
  schemeName: string;
  version: number;
  unitName: string;
  finalised: boolean;
  groupBy: RankingGroupBy;
  groups: RankingGroup[];
  count: number;
  /** Rows with a rank (a total): the rest are 免考 or 未评分. */
  ranked: number;
}

export interface StarRosterReportRow {
  seq: number;
  personId: number;
  name: string;
  /** The grid (or unit) below the community. */
  unit: string;
  stars: Stars;
  /** The period the stars were given in: the report's own, or an earlier one for those not rated in it. */
  periodLabel: string;
  overridden: boolean;
  reason: string;
}

export interface StarRosterGroup {
  community: string;
  rows: StarRosterReportRow[];
  /** People per star, index 0 for 1★ … 4 for 5★. */
  counts: number[];
}

export interface StarRosterReport {
  header: ReportHeader;
  title: string;
  runId: number;
  period: string;
  periodLabel: string;
  /** The period's last day: the roster stands as of it. */
  asOf: string;
  unitName: string;
  groups: StarRosterGroup[];
  count: number;
  counts: number[];
  /** Some rows carry stars from an earlier period (not rated in this one): the report then shows each row's period. */
  mixedPeriods: boolean;
}

/** What heads every report of a period (季度/半年/年度考核): the period, its scheme and whether it is finalised. */
export interface PeriodReportHead {
  header: ReportHeader;
  title: string;
  /** Scope, scheme and version, and 未归档（草稿） while the period is open. */
  subtitle: string;
  periodId: number;
  period: string;
  periodLabel: string;
  schemeName: string;
  version: number;
  unitName: string;
  /** False while the period is open: the sheet carries the 未归档（草稿） mark. */
  finalised: boolean;
  weights: Record<PeriodComponent, number>;
}

export type PeriodComponent = 'months' | 'appraisal' | 'points';

export interface PeriodSummaryRow {
  seq: number;
  personId: number;
  name: string;
  /** The grid (or unit) below the community. */
  unit: string;
  role: Role;
  components: Record<PeriodComponent, number | null>;
  total: number | null;
  /** The grade, 不定等次, or 未定等 (nothing to grade). */
  grade: string;
  ranks: { grid: number | null; community: number | null; role: number | null; street: number | null };
  /** The 优秀 quota: 名额内, 名额外, 并列待定, 并列保留, 并列降等; '' when not in the 优秀 band. */
  quota: string;
  /** 解聘预警: two consecutive monthly 不合格. */
  warning: boolean;
}

export interface PeriodSummaryGroup {
  /** The community; the last group, apart, holds the 不定等次. */
  label: string;
  undetermined: boolean;
  rows: PeriodSummaryRow[];
}

export interface PeriodSummaryReport extends PeriodReportHead {
  /** '优秀名额：全街道定等人数的20%（165名）'. */
  quotaText: string;
  groups: PeriodSummaryGroup[];
  count: number;
  counts: Record<Grade, number> & { 不定等次: number };
  warnings: number;
}

export type PeriodListKind = 'excellent' | 'undetermined' | 'warning';
export const PERIOD_LISTS: Record<PeriodListKind, string> = { excellent: '优秀名单', undetermined: '不定等次名单', warning: '解聘预警名单' };

export interface PeriodListRow {
  seq: number;
  personId: number;
  name: string;
  community: string;
  unit: string;
  role: Role;
  total: number | null;
  grade: string;
  rankInStreet: number | null;
  monthsInPost: number;
  /** 解聘预警: the two consecutive months of 不合格 ('2025-05、2025-06'). */
  months: string;
  /** Why the person is on the list, from the period's derivation. */
  note: string;
}

export interface PeriodListReport extends PeriodReportHead {
  list: PeriodListKind;
  groups: { community: string; rows: PeriodListRow[] }[];
  count: number;
  /** The months of the period and the time in post the rules ask. */
  monthsInPeriod: number;
  minMonthsInPost: number;
}

/** One month of the period on a 登记表: the sealed total and grade, or why there is none. */
export interface PeriodRegisterMonth {
  period: string;
  total: number | null;
  /** The grade, or 免考 / 未评分 / 未归档 / 未在册. */
  grade: string;
  veto: boolean;
}

/** One person's page of the 年度考核登记表. */
export interface PeriodRegisterPage {
  personId: number;
  name: string;
  gender: '男' | '女';
  /** Masked for a 考核员 and a 文书, as everywhere (shared/domain/mask.ts). */
  idNumber: string;
  birthDate: string;
  /** 政治面貌 as written; '' when not known (printed empty, never guessed). */
  politicalStatus: string;
  unitPath: string;
  role: Role;
  hireDate: string;
  months: PeriodRegisterMonth[];
  monthsInPost: number;
  /** Points in the period (the ledger's sum), hundredths. */
  points: number;
  awards: { date: string; name: string; level: string }[];
  discipline: { date: string; kind: string; reason: string }[];
  ballots: number;
  components: Record<PeriodComponent, number | null>;
  total: number | null;
  grade: string;
  ranks: PeriodSummaryRow['ranks'];
  quota: string;
  warning: boolean;
  /** The rules that decided the grade (time in post, veto, consecutive 不合格, quota), from the derivation. */
  notes: string[];
}

export interface PeriodRegisterReport extends PeriodReportHead {
  pages: PeriodRegisterPage[];
}

export const monthSummaryInput = z.object({ monthId: idField, unitId: idField.nullable().default(null) });
export const scoreCardInput = z.object({ monthId: idField, personId: idField });
/** layout and pad left out: as saved in the awards' print settings. */
export const commendationInput = z.object({
  batchId: idField,
  order: z.enum(['stroke', 'custom']).default('stroke'),
  layout: z.enum(['grouped', 'combined'], { error: '名单样式不正确' }).optional(),
  pad: z.enum(['on', 'off'], { error: '两字姓名加空的选项不正确' }).optional(),
});
/** mode 'overlay' is 套打: only the variable fields, at the saved positions, for pre-printed paper. */
export const certificateInput = z.object({ batchId: idField, mode: z.enum(['full', 'overlay'], { error: '证书打印方式不正确' }).default('full') });
export const pointsRankingInput = z.object({
  kind: z.enum(['month', 'quarter', 'year', 'all']),
  period: z.string().max(10).default(''),
  unitId: idField.nullable().default(null),
});

export const rankingInput = z.object({
  monthId: idField,
  unitId: idField.nullable().default(null),
  groupBy: z.enum(['community', 'role'], { error: '请选择分组方式' }).default('community'),
});
export const starRosterInput = z.object({ runId: idField, unitId: idField.nullable().default(null) });

export const periodSummaryInput = z.object({ periodId: idField, unitId: idField.nullable().default(null) });
export const periodListInput = periodSummaryInput.extend({
  list: z.enum(['excellent', 'undetermined', 'warning'], { error: '名单应为优秀名单、不定等次名单或解聘预警名单' }),
});
/** One person, or everyone of a unit (a community or a grid), a page each. */
export const periodRegisterInput = z.object({ periodId: idField, unitId: idField.nullable().default(null), personId: idField.nullable().default(null) });

/** Every report that can be exported to Excel, by its route name. */
export const reportRequest = z.discriminatedUnion('report', [
  monthSummaryInput.extend({ report: z.literal('month-summary') }),
  scoreCardInput.extend({ report: z.literal('score-card') }),
  commendationInput.extend({ report: z.literal('commendation') }),
  certificateInput.extend({ report: z.literal('certificate') }),
  pointsRankingInput.extend({ report: z.literal('points-ranking') }),
  rankingInput.extend({ report: z.literal('ranking') }),
  starRosterInput.extend({ report: z.literal('star-roster') }),
  periodSummaryInput.extend({ report: z.literal('period-summary') }),
  periodListInput.extend({ report: z.literal('period-list') }),
  periodRegisterInput.extend({ report: z.literal('period-register') }),
]);
export type ReportRequest = z.input<typeof reportRequest>;

export const reportsContract = {
  'reports.monthSummary': call({ input: monthSummaryInput, output: returns<MonthSummaryReport>(), tx: 'read' }),
  'reports.scoreCard': call({ input: scoreCardInput, output: returns<ScoreCardReport>(), tx: 'read' }),
  'reports.commendation': call({ input: commendationInput, output: returns<CommendationReport>(), tx: 'read' }),
  'reports.certificates': call({ input: certificateInput, output: returns<CertificateReport>(), tx: 'read' }),
  'reports.pointsRanking': call({ input: pointsRankingInput, output: returns<PointsRankingReport>(), tx: 'read' }),
  'reports.ranking': call({ input: rankingInput, output: returns<RankingReport>(), tx: 'read' }),
  'reports.starRoster': call({ input: starRosterInput, output: returns<StarRosterReport>(), tx: 'read' }),
  'reports.periodSummary': call({ input: periodSummaryInput, output: returns<PeriodSummaryReport>(), tx: 'read' }),
  'reports.periodList': call({ input: periodListInput, output: returns<PeriodListReport>(), tx: 'read' }),
  'reports.periodRegister': call({ input: periodRegisterInput, output: returns<PeriodRegisterReport>(), tx: 'read' }),
  'reports.excel': call({ input: reportRequest, output: returns<ExportedFile>(), tx: 'none' }),
};
