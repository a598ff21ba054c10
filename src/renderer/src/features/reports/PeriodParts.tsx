/** What the reports of a period share on paper: the 未归档（草稿） mark and the signature lines. */
import type { PeriodReportHead } from '../../../../shared/contract/reports';

/** An open period's sheets carry this mark: its figures may still change. */
export function DraftMark({ report }: { report: Pick<PeriodReportHead, 'finalised'> }) {
  return report.finalised ? null : (
    <div className="draft-mark" role="note" aria-label="未归档">
      未归档（草稿）
    </div>
  );
}

/** Signature lines: who signs, a line, and the date. */
export function SignatureLines({ who }: { who: string[] }) {
  return (
    <div className="signatures" aria-label="签字">
      {who.map((w) => (
        <div key={w}>
          <span className="who">{w}：</span>
          <span className="line" />
          <span>{'日期：\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</span>
        </div>
      ))}
    </div>
  );
}
