/**
 * The district views as tables: one layout for the page, the printout and the Excel export (main/district/excel.ts).
 * Scores are shown as points with two decimals (formatHundredths); shares as percentages.
 */
import { fixed2, GRADES } from '../domain/scoring';
import type { CriteriaByStreet, DistrictEvaluatorRow, DistrictResultRow, DistrictView, StreetComparisonRow } from './views';
import { DISTRICT_VIEW_LABELS } from './views';

export interface DistrictTable {
  title: string;
  headers: string[];
  /** Column widths in characters, for Excel. */
  widths: number[];
  rows: (string | number)[][];
  note: string;
}

const pts = (v: number | null) => (v === null ? '' : fixed2(v));
const pct = (v: number | null) => (v === null ? '' : `${fixed2(v)}%`);
const flags = (e: DistrictEvaluatorRow) => [e.lenient ? '偏宽' : '', e.harsh ? '偏严' : '', e.flat ? '打分过于平均' : ''].filter(Boolean).join('、');

export type DistrictViewData =
  | { view: 'compare'; data: StreetComparisonRow[] }
  | { view: 'criteria'; data: CriteriaByStreet }
  | { view: 'evaluators'; data: DistrictEvaluatorRow[] }
  | { view: 'results'; data: DistrictResultRow[] }
  | { view: 'excellent'; data: DistrictResultRow[] };

export function districtTable(periodLabel: string, v: DistrictViewData): DistrictTable {
  const title = `${periodLabel} ${DISTRICT_VIEW_LABELS[v.view as DistrictView]}`;
  switch (v.view) {
    case 'compare':
      return {
        title,
        headers: ['排名', '街道', '人数', '已归档月份', '月度平均分', '期间平均分', ...GRADES, '不定等次', '优秀占比', '一票否决'],
        widths: [6, 14, 8, 10, 11, 11, 7, 7, 7, 9, 8, 9, 10, 9],
        rows: v.data.map((r) => [r.rank ?? '', r.street, r.people, r.months, pts(r.meanMonthly), pts(r.meanPeriod), ...GRADES.map((g) => r.grades[g]), r.grades.不定等次, pct(r.excellentShare), r.vetoes]),
        note: '月度平均分：期间内已归档月份每人每月总分的平均（免考除外）；排名按月度平均分。',
      };
    case 'criteria':
      return {
        title,
        headers: ['类别', '指标', ...v.data.streets],
        widths: [12, 22, ...v.data.streets.map(() => 12)],
        rows: v.data.rows.map((r) => [r.category, r.criterion, ...r.cells.map((c) => (c ? `${pct(c.share)}（${c.sheets}）` : '—'))]),
        note: '每格：各街道考核表在该指标上保留的分数占满分的平均比例（括号内为考核表份数）；比例越低，失分越多。',
      };
    case 'evaluators':
      return {
        title,
        headers: ['街道', '考核人', '分组', '评分人次', '平均分', '共评人次', '宽严度', '提示'],
        widths: [12, 10, 12, 9, 9, 9, 9, 16],
        rows: v.data.map((e) => [e.street, e.name, e.group, e.workers, pts(e.mean), e.shared, e.leniency === null ? '' : `${e.leniency > 0 ? '+' : ''}${fixed2(e.leniency)}`, flags(e)]),
        note: '宽严度：考核人给出的总分与同一人其他考核人平均分之差的平均，正数偏宽、负数偏严（各街道内比较）。',
      };
    case 'results':
      return {
        title,
        headers: ['全区排名', '街道', '姓名', '身份证号', '社区', '总分', '等次', '街道排名'],
        widths: [9, 12, 10, 21, 16, 9, 9, 9],
        rows: v.data.map((r) => [r.rankInDistrict ?? '', r.street, r.name, r.idMasked, r.community, pts(r.total), r.grade ?? '不定等次', r.rankInStreet ?? '']),
        note: `优秀 ${v.data.filter((r) => r.grade === '优秀').length} 人；身份证号已遮蔽。`,
      };
    case 'excellent': {
      const list = v.data.filter((r) => r.grade === '优秀').sort((a, b) => a.street.localeCompare(b.street, 'zh') || (a.rankInStreet ?? 1e9) - (b.rankInStreet ?? 1e9));
      const streets = [...new Set(list.map((r) => r.street))];
      return {
        title,
        headers: ['序号', '街道', '姓名', '身份证号', '社区', '总分', '街道排名', '全区排名'],
        widths: [6, 12, 10, 21, 16, 9, 9, 9],
        rows: list.map((r, i) => [i + 1, r.street, r.name, r.idMasked, r.community, pts(r.total), r.rankInStreet ?? '', r.rankInDistrict ?? '']),
        note: `共 ${list.length} 人：${streets.map((s) => `${s} ${list.filter((r) => r.street === s).length} 人`).join('，')}；身份证号已遮蔽。`,
      };
    }
  }
}
