/** 星级名册 as printed: each community's people with their stars (★) and the reason, the counts per star at the foot. */
import { useEffect, useState } from 'react';
import type { StarRosterReport } from '../../../../shared/contract/reports';
import { starCountsText, starText } from '../../../../shared/domain/stars';
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { DocumentMeta, DocumentSignature, PrintPage } from '../../components/PrintPage';

export function StarRosterPrint({ runId, unitId }: { runId: number; unitId: number | null }) {
  const [report, setReport] = useState<StarRosterReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('reports.starRoster', { runId, unitId }).then(setReport, (e: unknown) => setError(errorMessage(e)));
  }, [runId, unitId]);
  const columns = report?.mixedPeriods ? 6 : 5;
  return (
    <PrintPage
      title={report ? `${report.title}（${report.unitName}）` : '星级名册'}
      excel={report ? { report: 'star-roster', runId, unitId } : null}
      ready={report !== null}
      error={error}
    >
      {report ? (
        <>
          <h1 className="doc-title">{report.title}</h1>
          <div className="doc-subtitle">截至 {formatDocumentDate(report.asOf)} 在岗人员最近一次已发布的星级</div>
          <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
          <table className="doc-table fixed" aria-label="星级名册">
            <thead>
              <tr>
                <th style={{ width: '8mm' }}>序号</th>
                <th style={{ width: '15mm' }}>姓名</th>
                <th style={{ width: '42mm' }}>网格</th>
                <th style={{ width: '20mm' }}>星级</th>
                {report.mixedPeriods ? <th style={{ width: '22mm' }}>评定期间</th> : null}
                <th>评定依据</th>
              </tr>
            </thead>
            {report.groups.map((g) => (
              <tbody key={g.community}>
                <tr className="community-row">
                  <td colSpan={columns}>
                    {g.community}（{g.rows.length}人）
                    <span className="group-counts">{[5, 4, 3, 2, 1].map((s) => `${s}★ ${g.counts[s - 1] ?? 0}`).join('　')}</span>
                  </td>
                </tr>
                {g.rows.map((r) => (
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
                ))}
              </tbody>
            ))}
          </table>
          <div className="doc-end">
            <div className="doc-foot" aria-label="各星级人数">
              合计 {report.count} 人：{starCountsText(report.counts)}。
              <br />
              注：同一星级按姓氏笔画排列；“人工调整”者列出调整原因。
            </div>
            <DocumentSignature officeName={report.header.officeName} date={formatDocumentDate(report.header.date)} />
          </div>
        </>
      ) : null}
    </PrintPage>
  );
}
