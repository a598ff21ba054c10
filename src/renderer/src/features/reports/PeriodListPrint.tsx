/** 优秀名单, 不定等次名单, 解聘预警名单 of a period as printed: by community, 姓氏笔画 within it. */
import type { PeriodListReport, PeriodListRow } from '../../../../shared/contract/reports';
import { formatHundredths } from '../../../../shared/domain/scoring';
import { padName } from '../../../../shared/domain/stroke-order';
import { DocHead, DocumentEnd, DocumentMeta, GroupedRows } from '../../components/PrintPage';
import { DraftMark } from './PeriodParts';
import { printRoute, titleWithUnit, type SheetProps } from './ReportPrint';

export const PeriodListPrint = printRoute('period-list', { untitled: '考核名单', title: titleWithUnit, Sheet: PeriodListSheet });

const pts = (v: number | null) => (v === null ? '' : formatHundredths(v));

/** The list's own columns after 序号, 姓名, 网格 and 岗位: [title, width, cell]. */
function columnsOf(r: PeriodListReport): [string, string | undefined, (x: PeriodListRow) => string][] {
  if (r.list === 'excellent') return [['总分', '14mm', (x) => pts(x.total)], ['街道排名', '17mm', (x) => String(x.rankInStreet ?? '')], ['备注', undefined, (x) => x.note]];
  if (r.list === 'undetermined') return [['在岗月数', '18mm', (x) => `${x.monthsInPost} / ${r.monthsInPeriod}`], ['说明', undefined, (x) => x.note]];
  return [['总分', '13mm', (x) => pts(x.total)], ['等次', '14mm', (x) => x.grade], ['连续不合格月份', '22mm', (x) => x.months], ['原因', undefined, (x) => x.note]];
}

const FOOT: Record<PeriodListReport['list'], (r: PeriodListReport) => string> = {
  excellent: () => '注：优秀名单为定为优秀且在优秀名额内的人员（含名额线上并列、经研究保留者）。',
  undetermined: (r) => `注：在岗不满${r.minMonthsInPost}个月者不定等次（当月1日在岗计为在岗一个月，免考月份计入）。`,
  warning: () => '注：考核期内连续两个月月度考核不合格者，年度定为不合格并列入解聘预警名单。',
};

function PeriodListSheet({ report }: SheetProps<'period-list'>) {
  const columns = columnsOf(report);
  return (
    <>
      <DraftMark report={report} />
      <h1 className="doc-title">{report.title}</h1>
      <div className="doc-subtitle">
        {report.schemeName}（第{report.version}版）{report.finalised ? '' : '\u3000未归档（草稿）'}
      </div>
      <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
      <table className="doc-table fixed" aria-label={report.title}>
        <DocHead columns={[['序号', '9mm'], ['姓名', '16mm'], ['网格', '26mm'], ['岗位', '18mm'], ...columns.map(([t, w]) => [t, w] as const)]} />
        <GroupedRows groups={report.groups} columns={4 + columns.length} name={(g) => g.community} rows={(g) => g.rows}>
          {(x) => (
            <tr key={x.personId}>
              <td>{x.seq}</td>
              <td>{padName(x.name)}</td>
              <td className="left">{x.unit}</td>
              <td>{x.role}</td>
              {columns.map(([t, w, cell]) => (
                <td key={t} className={w ? undefined : 'left'}>
                  {cell(x)}
                </td>
              ))}
            </tr>
          )}
        </GroupedRows>
      </table>
      {report.count === 0 ? <p>本期没有列入此名单的人员。</p> : null}
      <DocumentEnd header={report.header} label="人数">
        共 {report.count} 人。
        <br />
        {FOOT[report.list](report)}
      </DocumentEnd>
    </>
  );
}
