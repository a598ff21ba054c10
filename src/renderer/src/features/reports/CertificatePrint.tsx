/**
 * 荣誉证书: one page per recipient, landscape; or 套打 (mode=overlay): only the variable fields at the saved positions,
 * for pre-printed certificate paper. A batch not yet published prints with 草稿 across every page.
 */
import type { CertificateReport, CommendationName } from '../../../../shared/contract/reports';
import { OVERLAY_FIELD_KEYS, type OverlayField } from '../../../../shared/contract/awards';
import { formatDocumentDate } from '../../../../shared/domain/stroke-order';
import { printRoute, type SheetProps } from './ReportPrint';

export const CertificatePrint = printRoute('certificate', {
  untitled: '荣誉证书',
  title: (r) => `${r.batchName}荣誉证书${r.mode === 'overlay' ? '（套打）' : ''}${r.draft ? '（草稿）' : ''}`,
  Sheet: Certificates,
});

/** The characters kept on the sentence's last line: the last two before the closing stop, and the stop. */
const TAIL = 3;

/** Splits text so that its last TAIL characters can be kept together (never one character alone on a line). */
export function splitTail(text: string): [string, string] {
  const chars = Array.from(text);
  const at = Math.max(0, chars.length - TAIL);
  return [chars.slice(0, at).join(''), chars.slice(at).join('')];
}

const DraftMark = ({ draft }: { draft: boolean }) =>
  draft ? (
    <div className="award-draft-mark" aria-label="草稿">
      草稿
    </div>
  ) : null;

function placeOf(r: CommendationName): string {
  return `${r.community}${r.unit && r.unit !== r.community ? r.unit : ''}`;
}

function Certificates({ report }: SheetProps<'certificate'>) {
  if (report.recipients.length === 0) return <p>本批次没有受表彰人员。</p>;
  return report.mode === 'overlay' ? <Overlay report={report} /> : <Full report={report} />;
}

function Full({ report }: { report: CertificateReport }) {
  // the award's name closes the sentence: its last characters and the stop go over together
  const [awardHead, awardTail] = splitTail(`${report.awardName}。`);
  return report.recipients.map((r) => (
    <section key={r.personId} className="cert-page" aria-label={`荣誉证书 ${r.name}`}>
      <DraftMark draft={report.draft} />
      <div className="cert-frame">
        <div className="cert-heading">荣誉证书</div>
        <div className="cert-name">
          {r.name}
          <span className="cert-salute">同志：</span>
        </div>
        <div className="cert-text indent">
          在{placeOf(r)}工作中表现突出，被评为<span className="cert-award">{awardHead}</span>
          <span className="keep-together">
            <span className="cert-award">{awardTail.slice(0, -1)}</span>。
          </span>
        </div>
        <div className="cert-text indent">
          特发此证，以资<span className="keep-together">鼓励。</span>
        </div>
        <div className="cert-sign">
          <div>{report.issuer}</div>
          <div>{formatDocumentDate(report.date)}</div>
        </div>
      </div>
    </section>
  ));
}

function Overlay({ report }: { report: CertificateReport }) {
  const { landscape, fields } = report.overlay;
  const value = (r: CommendationName, k: OverlayField): string =>
    ({ name: r.name, unit: placeOf(r), award: report.awardName, issuer: report.issuer, date: formatDocumentDate(report.date) })[k];
  return report.recipients.map((r) => (
    <section key={r.personId} className={landscape ? 'overlay-page' : 'overlay-page portrait'} aria-label={`套打证书 ${r.name}`}>
      <DraftMark draft={report.draft} />
      {OVERLAY_FIELD_KEYS.filter((k) => fields[k].show).map((k) => (
        <span key={k} className="overlay-field" data-field={k} style={{ left: `${fields[k].x}mm`, top: `${fields[k].y}mm`, fontSize: `${fields[k].size}pt` }}>
          {value(r, k)}
        </span>
      ))}
    </section>
  ));
}
