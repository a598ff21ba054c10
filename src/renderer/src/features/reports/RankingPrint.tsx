/** 排名表 as printed: ranked by total within each community or role, with the ranks in the grid, community and role. */
import { RANKING_NOTE } from '../../../../shared/contract/reports';
import { fixed2 } from '../../../../shared/domain/scoring';
import { padName } from '../../../../shared/domain/stroke-order';
import { DocHead, DocumentEnd, DocumentMeta, GroupedRows } from '../../components/PrintPage';
import { printRoute, titleWithUnit, type SheetProps } from './ReportPrint';

export const RankingPrint = printRoute('ranking', { untitled: '排名表', title: titleWithUnit, Sheet: RankingSheet });

function RankingSheet({ report }: SheetProps<'ranking'>) {
  return (
    <>
      <h1 className="doc-title">{report.title}</h1>
      <div className="doc-subtitle">
        {report.schemeName}（第{report.version}版）{report.groupBy === 'role' ? '\u3000按岗位分组' : '\u3000按社区分组'}
        {report.finalised ? '' : '　录入中，结果未归档'}
      </div>
      <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
      <table className="doc-table fixed" aria-label="排名表">
        <DocHead
          columns={[
            ['序号', '8mm'],
            ['姓名', '15mm'],
            ['社区', '18mm'],
            ['网格'],
            ['岗位', '20mm'],
            ['总分', '11mm'],
            ['等次', '15mm'],
            ['网格排名', '10mm'],
            ['社区排名', '10mm'],
            ['岗位排名', '10mm'],
            ['备注', '16mm'],
          ]}
        />
        <GroupedRows groups={report.groups} columns={11} name={(g) => g.label} rows={(g) => g.rows}>
          {(r) => (
            <tr key={r.personId}>
              <td>{r.seq}</td>
              <td>{padName(r.name)}</td>
              <td>{r.community}</td>
              <td className="left">{r.unit}</td>
              <td>{r.role}</td>
              <td>{r.total === null ? '' : fixed2(r.total)}</td>
              <td>{r.grade}</td>
              <td>{r.rankInGrid ?? ''}</td>
              <td>{r.rankInCommunity ?? ''}</td>
              <td>{r.rankInRole ?? ''}</td>
              <td className="left">{r.note}</td>
            </tr>
          )}
        </GroupedRows>
      </table>
      <DocumentEnd header={report.header} label="排名人数">
        合计 {report.count} 人，参加排名 {report.ranked} 人。
        <br />
        {RANKING_NOTE}
      </DocumentEnd>
    </>
  );
}
