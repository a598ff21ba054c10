/** 表彰名单 as an official document: title, opening paragraph, names by award and community, issuer and date. */
import { formatDocumentDate, padName } from '../../../../shared/domain/stroke-order';
import { DocumentSignature } from '../../components/PrintPage';
import { printHref } from './print-routes';
import { printRoute, type SheetProps } from './ReportPrint';

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const CommendationPrint = printRoute('commendation', { untitled: '表彰名单', title: (r) => r.title, Sheet: CommendationSheet });

function CommendationSheet({ report, input: { batchId, order } }: SheetProps<'commendation'>) {
  return (
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
  );
}
