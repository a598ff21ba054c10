/** 荣誉证书: one page per recipient of a published award batch, landscape. */
import { useEffect, useState } from 'react';
import type { CertificateReport } from '../../../../shared/contract/reports';
import { formatDocumentDate } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { PrintPage } from '../../components/PrintPage';

export function CertificatePrint({ batchId }: { batchId: number }) {
  const [report, setReport] = useState<CertificateReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('reports.certificates', { batchId }).then(setReport, (e: unknown) => setError(errorMessage(e)));
  }, [batchId]);
  return (
    <PrintPage title={report ? `${report.batchName}荣誉证书` : '荣誉证书'} excel={report ? { report: 'certificate', batchId } : null} ready={report !== null} error={error}>
      {report
        ? report.recipients.map((r) => (
            <section key={r.personId} className="cert-page" aria-label={`荣誉证书 ${r.name}`}>
              <div className="cert-frame">
                <div className="cert-heading">荣誉证书</div>
                <div className="cert-name">
                  {r.name}
                  <span className="cert-salute">同志：</span>
                </div>
                <div className="cert-text indent">
                  在{r.community}
                  {r.unit && r.unit !== r.community ? r.unit : ''}工作中表现突出，被评为<span className="cert-award">{report.awardName}</span>。
                </div>
                <div className="cert-text indent">特发此证，以资鼓励。</div>
                <div className="cert-sign">
                  <div>{report.issuer}</div>
                  <div>{formatDocumentDate(report.date)}</div>
                </div>
              </div>
            </section>
          ))
        : null}
      {report && report.recipients.length === 0 ? <p>本批次没有受表彰人员。</p> : null}
    </PrintPage>
  );
}
