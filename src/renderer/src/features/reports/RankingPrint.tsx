/** 排名表 as printed: ranked by total within each community or role, with the rank in the community and in the role. */
import { useEffect, useState } from 'react';
import type { RankingGroupBy, RankingReport } from '../../../../shared/contract/reports';
import { formatHundredths } from '../../../../shared/domain/scoring';
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { DocumentMeta, DocumentSignature, PrintPage } from '../../components/PrintPage';

export function RankingPrint({ monthId, unitId, groupBy }: { monthId: number; unitId: number | null; groupBy: RankingGroupBy }) {
  const [report, setReport] = useState<RankingReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('reports.ranking', { monthId, unitId, groupBy }).then(setReport, (e: unknown) => setError(errorMessage(e)));
  }, [monthId, unitId, groupBy]);
  return (
    <PrintPage
      title={report ? `${report.title}（${report.unitName}）` : '排名表'}
      excel={report ? { report: 'ranking', monthId, unitId, groupBy } : null}
      ready={report !== null}
      error={error}
    >
      {report ? (
        <>
          <h1 className="doc-title">{report.title}</h1>
          <div className="doc-subtitle">
            {report.schemeName}（第{report.version}版）{report.groupBy === 'role' ? '\u3000按岗位分组' : '\u3000按社区分组'}
            {report.finalised ? '' : '　录入中，结果未归档'}
          </div>
          <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
          <table className="doc-table fixed" aria-label="排名表">
            <thead>
              <tr>
                <th style={{ width: '8mm' }}>序号</th>
                <th style={{ width: '15mm' }}>姓名</th>
                <th style={{ width: '18mm' }}>社区</th>
                <th>网格</th>
                <th style={{ width: '20mm' }}>岗位</th>
                <th style={{ width: '11mm' }}>总分</th>
                <th style={{ width: '15mm' }}>等次</th>
                <th style={{ width: '10mm' }}>社区排名</th>
                <th style={{ width: '10mm' }}>岗位排名</th>
                <th style={{ width: '16mm' }}>备注</th>
              </tr>
            </thead>
            {report.groups.map((g) => (
              <tbody key={g.label}>
                <tr className="community-row">
                  <td colSpan={10}>
                    {g.label}（{g.rows.length}人）
                  </td>
                </tr>
                {g.rows.map((r) => (
                  <tr key={r.personId}>
                    <td>{r.seq}</td>
                    <td>{padName(r.name)}</td>
                    <td>{r.community}</td>
                    <td className="left">{r.unit}</td>
                    <td>{r.role}</td>
                    <td>{r.total === null ? '' : formatHundredths(r.total)}</td>
                    <td>{r.grade}</td>
                    <td>{r.rankInCommunity ?? ''}</td>
                    <td>{r.rankInRole ?? ''}</td>
                    <td className="left">{r.note}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
          <div className="doc-end">
            <div className="doc-foot" aria-label="排名人数">
              合计 {report.count} 人，参加排名 {report.ranked} 人。
              <br />
              注：社区排名为所在社区内排名，岗位排名为本月同岗位全部人员中的排名；同分同名次，同名次按姓氏笔画排列；一票否决者排在最后。
            </div>
            <DocumentSignature officeName={report.header.officeName} date={formatDocumentDate(report.header.date)} />
          </div>
        </>
      ) : null}
    </PrintPage>
  );
}
