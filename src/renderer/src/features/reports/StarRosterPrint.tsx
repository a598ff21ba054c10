/** 星级名册 as printed: each community's people with their stars (★) and the reason, the counts per star at the foot. */
import { starCountsText, starText } from '../../../../shared/domain/stars';
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { DocHead, DocumentEnd, DocumentMeta, GroupedRows } from '../../components/PrintPage';
import { printRoute, titleWithUnit, type SheetProps } from './ReportPrint';

export const StarRosterPrint = printRoute('star-roster', { untitled: '星级名册', title: titleWithUnit, Sheet: StarRosterSheet });

function StarRosterSheet({ report }: SheetProps<'star-roster'>) {
  return (
    <>
      <h1 className="doc-title">{report.title}</h1>
      <div className="doc-subtitle">截至 {formatDocumentDate(report.asOf)} 在岗人员最近一次已发布的星级</div>
      <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
      <table className="doc-table fixed" aria-label="星级名册">
        <DocHead
          columns={[
            ['序号', '8mm'],
            ['姓名', '15mm'],
            ['网格', '42mm'],
            ['星级', '20mm'],
            ...(report.mixedPeriods ? [['评定期间', '22mm'] as const] : []),
            ['评定依据'],
          ]}
        />
        <GroupedRows
          groups={report.groups}
          columns={report.mixedPeriods ? 6 : 5}
          name={(g) => g.community}
          rows={(g) => g.rows}
          extra={(g) => <span className="group-counts">{[5, 4, 3, 2, 1].map((s) => `${s}★ ${g.counts[s - 1] ?? 0}`).join('　')}</span>}
        >
          {(r) => (
            <tr key={r.personId}>
              <td>{r.seq}</td>
              <td>{padName(r.name)}</td>
              <td className="left">{r.unit}</td>
              <td className="doc-stars" aria-label={`${r.stars}星`}>
                {starText(r.stars)}
              </td>
              {report.mixedPeriods ? <td>{r.periodLabel}</td> : null}
              <td className="left">{r.reason}</td>
            </tr>
          )}
        </GroupedRows>
      </table>
      <DocumentEnd header={report.header} label="各星级人数">
        合计 {report.count} 人：{starCountsText(report.counts)}。
        <br />
        注：同一星级按姓氏笔画排列；“人工调整”者列出调整原因。
      </DocumentEnd>
    </>
  );
}
