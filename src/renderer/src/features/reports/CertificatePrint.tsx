/** 荣誉证书: one page per recipient of a published award batch, landscape. */
import { formatDocumentDate } from '../../../../shared/domain/stroke-order';
import { printRoute, type SheetProps } from './ReportPrint';

export const CertificatePrint = printRoute('certificate', { untitled: '荣誉证书', title: (r) => `${r.batchName}荣誉证书`, Sheet: Certificates });

function Certificates({ report }: SheetProps<'certificate'>) {
  return (
    <>
      {report.recipients.map((r) => (
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
      ))}
      {report.recipients.length === 0 ? <p>本批次没有受表彰人员。</p> : null}
    </>
  );
}
