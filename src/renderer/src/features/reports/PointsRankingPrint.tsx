/** 积分排行榜 as printed: name, community, grid, role, points added and taken, balance, by rank. */
import { formatHundredths } from '../../../../shared/domain/scoring';
import { padName } from '../../../../shared/domain/stroke-order';
import { DocHead, DocumentEnd } from '../../components/PrintPage';
import { printRoute, titleWithUnit, type SheetProps } from './ReportPrint';

export const PointsRankingPrint = printRoute('points-ranking', { untitled: '积分排行榜', title: titleWithUnit, Sheet: PointsRankingSheet });

function PointsRankingSheet({ report }: SheetProps<'points-ranking'>) {
  return (
    <>
      <h1 className="doc-title">{report.title}</h1>
      <div className="doc-meta">
        <span>范围：{report.unitName}</span>
        <span>共 {report.rows.length} 人</span>
      </div>
      <table className="doc-table fixed" aria-label="积分排行榜">
        <DocHead
          columns={[
            ['名次', '10mm'],
            ['姓名', '17mm'],
            ['社区', '22mm'],
            ['网格'],
            ['岗位', '20mm'],
            ['加分', '13mm'],
            ['扣分', '13mm'],
            ['积分', '13mm'],
          ]}
        />
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.personId}>
              <td>{r.rank}</td>
              <td>{padName(r.name)}</td>
              <td>{r.community}</td>
              <td className="left">{r.unit}</td>
              <td>{r.role}</td>
              <td>{formatHundredths(r.plus)}</td>
              <td>{formatHundredths(r.minus)}</td>
              <td>{formatHundredths(r.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <DocumentEnd header={report.header}>注：同积分同名次，同名次按姓氏笔画排列。</DocumentEnd>
    </>
  );
}
