/** 表彰名单 as an official document: title, opening paragraph, names by award and community, issuer and date. */
import { useEffect, useState } from 'react';
import type { CommendationOrder, CommendationReport } from '../../../../shared/contract/reports';
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { DocumentSignature, PrintPage } from '../../components/PrintPage';
import { printHref } from './print-routes';

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function CommendationPrint({ batchId, order }: { batchId: number; order: CommendationOrder }) {
  const [report, setReport] = useState<CommendationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('reports.commendation', { batchId, order }).then(setReport, (e: unknown) => setError(errorMessage(e)));
  }, [batchId, order]);
  return (
    <PrintPage title={report ? report.title : '表彰名单'} excel={report ? { report: 'commendation', batchId, order } : null} ready={report !== null} error={error}>
      {report ? (
        <div className="commendation">
          <div className="no-print commendation-order">
            <label>
              名单顺序{' '}
              <select
                aria-label="名单顺序"
                value={order}
                onChange={(e) => window.location.replace(printHref('commendation', { batchId, order: e.target.value }))}
              >
                <option value="stroke">姓氏笔画</option>
                <option value="custom">自定顺序</option>
              </select>
            </label>
            {order === 'custom' ? <span className="hint">{'\u3000'}自定顺序在“表彰 → 调整名单顺序”中设定</span> : null}
          </div>
          <h1 className="doc-title">{report.title}</h1>
          <p className="commendation-intro">{report.intro}</p>
          {report.awards.map((a, i) => (
            <section key={a.name} aria-label={a.name}>
              <h2 className="commendation-award">
                {report.awards.length > 1 ? `${CHINESE_NUMBERS[i] ?? i + 1}、` : ''}
                {a.name}（{a.count}名）
              </h2>
              {a.groups.map((g) => (
                <div key={g.community} className="commendation-group" aria-label={g.community}>
                  <div className="commendation-unit">
                    {g.community}（{g.names.length}名）
                  </div>
                  <div className="commendation-names">
                    {g.names.map((n) => (
                      <span key={n.personId}>{padName(n.name)}</span>
                    ))}
                  </div>
                </div>
              ))}
            </section>
          ))}
          {report.count === 0 ? <p>本批次没有入选人员。</p> : null}
          <DocumentSignature officeName={report.issuer} date={formatDocumentDate(report.date)} />
        </div>
      ) : null}
    </PrintPage>
  );
}
