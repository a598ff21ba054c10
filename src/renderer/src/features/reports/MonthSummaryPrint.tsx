/** 月度考核汇总表 as printed: per community, ranked, scores by category, grade counts at the foot. */
import type { MonthSummaryReport } from '../../../../shared/contract/reports';
import { formatHundredths, GRADES } from '../../../../shared/domain/scoring';
import { padName } from '../../../../shared/domain/stroke-order';
import { DocHead, DocumentEnd, DocumentMeta, GroupedRows } from '../../components/PrintPage';
import { printRoute, titleWithUnit, type SheetProps } from './ReportPrint';

const pts = (v: number | null) => (v === null ? '' : formatHundredths(v));
/** Beyond eight categories the columns no longer fit across a portrait page. */
const isLandscape = (r: MonthSummaryReport) => r.categories.length > 8;

export const MonthSummaryPrint = printRoute('month-summary', { untitled: '月度考核汇总表', title: titleWithUnit, landscape: isLandscape, Sheet: MonthSummarySheet });

function MonthSummarySheet({ report }: SheetProps<'month-summary'>) {
  const landscape = isLandscape(report);
  const grouped = report.groups.length > 1 || report.groups[0]?.community !== report.unitName;
  return (
    <>
      <h1 className="doc-title">{report.title}</h1>
      <div className="doc-subtitle">
        {report.schemeName}（第{report.version}版）{report.finalised ? '' : '　录入中，结果未归档'}
      </div>
      <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
      <table className="doc-table fixed" aria-label="月度考核汇总表">
        <DocHead
          columns={[
            ['序号', '7mm'],
            ['姓名', '15mm'],
            ['网格', landscape ? '44mm' : '27mm'],
            ['岗位', '18mm'],
            ...report.categories.map((c) => [
              <>
                {c.name}
                {c.max ? <div style={{ fontWeight: 400 }}>（{formatHundredths(c.max)}分）</div> : null}
              </>,
            ] as const),
            ['总分', '11mm'],
            ['等次', '13mm'],
            ['排名', '8mm'],
          ]}
        />
        <GroupedRows groups={report.groups} columns={7 + report.categories.length} name={(g) => g.community} rows={(g) => g.rows} headed={grouped}>
          {(r) => (
            <tr key={r.personId}>
              <td>{r.seq}</td>
              <td>{padName(r.name)}</td>
              <td className="left">{r.unit}</td>
              <td>{r.role}</td>
              {r.categories.map((v, i) => (
                <td key={i}>{pts(v)}</td>
              ))}
              <td>{pts(r.total)}</td>
              <td>{r.note === '一票否决' ? `${r.grade}*` : r.grade}</td>
              <td>{r.rank ?? ''}</td>
            </tr>
          )}
        </GroupedRows>
      </table>
      <DocumentEnd header={report.header} label="等次人数">
        合计 {report.count} 人：{GRADES.map((g) => `${g} ${report.gradeCounts[g]} 人`).join('，')}
        {report.exempt ? `，免考 ${report.exempt} 人` : ''}
        {report.unscored ? `，未评分 ${report.unscored} 人` : ''}。
        <br />
        注：排名为所在社区内排名，同分同名次，同名次按姓氏笔画排列；标 * 者为一票否决。
      </DocumentEnd>
    </>
  );
}
