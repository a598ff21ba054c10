/** 积分排行榜 as printed: name, community, grid, role, points added and taken, balance, by rank. */
import { useEffect, useState } from 'react';
import type { PointsRankingReport } from '../../../../shared/contract/reports';
import { formatHundredths } from '../../../../shared/domain/scoring';
import type { BalanceKind } from '../../../../shared/domain/points';
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { DocumentSignature, PrintPage } from '../../components/PrintPage';

export function PointsRankingPrint({ kind, period, unitId }: { kind: BalanceKind; period: string; unitId: number | null }) {
  const [report, setReport] = useState<PointsRankingReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('reports.pointsRanking', { kind, period, unitId }).then(setReport, (e: unknown) => setError(errorMessage(e)));
  }, [kind, period, unitId]);
  return (
    <PrintPage
      title={report ? `${report.title}（${report.unitName}）` : '积分排行榜'}
      excel={report ? { report: 'points-ranking', kind, period, unitId } : null}
      ready={report !== null}
      error={error}
    >
      {report ? (
        <>
          <h1 className="doc-title">{report.title}</h1>
          <div className="doc-meta">
            <span>范围：{report.unitName}</span>
            <span>共 {report.rows.length} 人</span>
          </div>
          <table className="doc-table fixed" aria-label="积分排行榜">
            <thead>
              <tr>
                <th style={{ width: '10mm' }}>名次</th>
                <th style={{ width: '17mm' }}>姓名</th>
                <th style={{ width: '22mm' }}>社区</th>
                <th>网格</th>
                <th style={{ width: '20mm' }}>岗位</th>
                <th style={{ width: '13mm' }}>加分</th>
                <th style={{ width: '13mm' }}>扣分</th>
                <th style={{ width: '13mm' }}>积分</th>
              </tr>
            </thead>
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
          <div className="doc-end">
            <div className="doc-foot">注：同积分同名次，同名次按姓氏笔画排列。</div>
            <DocumentSignature officeName={report.header.officeName} date={formatDocumentDate(report.header.date)} />
          </div>
        </>
      ) : null}
    </PrintPage>
  );
}
