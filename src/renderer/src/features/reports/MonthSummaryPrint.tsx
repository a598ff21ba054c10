/** 月度考核汇总表 as printed: per community, ranked, scores by category, grade counts at the foot. */
import { useEffect, useState } from 'react';
import type { MonthSummaryReport } from '../../../../shared/contract/reports';
import { formatHundredths, GRADES } from '../../../../shared/domain/scoring';
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { DocumentMeta, DocumentSignature, PrintPage } from '../../components/PrintPage';

const pts = (v: number | null) => (v === null ? '' : formatHundredths(v));

export function MonthSummaryPrint({ monthId, unitId }: { monthId: number; unitId: number | null }) {
  const [report, setReport] = useState<MonthSummaryReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('reports.monthSummary', { monthId, unitId }).then(setReport, (e: unknown) => setError(errorMessage(e)));
  }, [monthId, unitId]);
  const columns = report ? 7 + report.categories.length : 0;
  /** Beyond eight categories the columns no longer fit across a portrait page. */
  const landscape = report !== null && report.categories.length > 8;
  const grouped = report !== null && (report.groups.length > 1 || report.groups[0]?.community !== report.unitName);
  return (
    <PrintPage
      title={report ? `${report.title}（${report.unitName}）` : '月度考核汇总表'}
      excel={report ? { report: 'month-summary', monthId, unitId } : null}
      ready={report !== null}
      error={error}
      landscape={landscape}
    >
      {report ? (
        <>
          <h1 className="doc-title">{report.title}</h1>
          <div className="doc-subtitle">
            {report.schemeName}（第{report.version}版）{report.finalised ? '' : '　录入中，结果未归档'}
          </div>
          <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
          <table className="doc-table fixed" aria-label="月度考核汇总表">
            <thead>
              <tr>
                <th style={{ width: '7mm' }}>序号</th>
                <th style={{ width: '15mm' }}>姓名</th>
                <th style={{ width: landscape ? '44mm' : '27mm' }}>网格</th>
                <th style={{ width: '18mm' }}>岗位</th>
                {report.categories.map((c) => (
                  <th key={c.name}>
                    {c.name}
                    {c.max ? <div style={{ fontWeight: 400 }}>（{formatHundredths(c.max)}分）</div> : null}
                  </th>
                ))}
                <th style={{ width: '11mm' }}>总分</th>
                <th style={{ width: '13mm' }}>等次</th>
                <th style={{ width: '8mm' }}>排名</th>
              </tr>
            </thead>
            {report.groups.map((g) => (
              <tbody key={g.community}>
                {grouped ? (
                  <tr className="community-row">
                    <td colSpan={columns}>
                      {g.community}（{g.rows.length}人）
                    </td>
                  </tr>
                ) : null}
                {g.rows.map((r) => (
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
                ))}
              </tbody>
            ))}
          </table>
          <div className="doc-end">
            <div className="doc-foot" aria-label="等次人数">
              合计 {report.count} 人：{GRADES.map((g) => `${g} ${report.gradeCounts[g]} 人`).join('，')}
              {report.exempt ? `，免考 ${report.exempt} 人` : ''}
              {report.unscored ? `，未评分 ${report.unscored} 人` : ''}。
              <br />
              注：排名为所在社区内排名，同分同名次，同名次按姓氏笔画排列；标 * 者为一票否决。
            </div>
            <DocumentSignature officeName={report.header.officeName} date={formatDocumentDate(report.header.date)} />
          </div>
        </>
      ) : null}
    </PrintPage>
  );
}
