/** How a worker's period result came about, line by line as the core derived it, so anyone can check it by hand. */
import type { PeriodRow, PeriodSummary } from '../../../../shared/contract/periods';
import { COMPONENT_LABELS } from '../../../../shared/domain/periods';
import { fixed2 } from '../../../../shared/domain/scoring';
import { Dialog } from '../../components/Dialog';
import { periodReportHref } from '../reports/print-routes';
import { COMPONENT_KINDS } from './period-form';
import { gradeText } from './labels';

export function PeriodDerivationDialog({ period, row, onClose }: { period: PeriodSummary; row: PeriodRow; onClose: () => void }) {
  return (
    <Dialog title={`得分明细：${row.name}（${period.periodLabel}）`} onClose={onClose} onSubmit={onClose} closeOnly width={760}>
      <p className="muted" style={{ marginTop: 0 }}>
        {period.schemeName} 第{period.version}版 · {row.unitPath} · {row.role} · 在岗 {row.monthsInPost} 个月
        {'\u3000'}
        <a href={periodReportHref('period-register', { periodId: period.id, personId: row.personId })}>打印考核登记表</a>
      </p>
      <table className="simple derivation" aria-label="各项得分">
        <thead>
          <tr>
            {COMPONENT_KINDS.map((k) => (
              <th key={k} className="num">
                {COMPONENT_LABELS[k]}
              </th>
            ))}
            <th className="num">总分</th>
            <th>等次</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {COMPONENT_KINDS.map((k) => (
              <td key={k} className="num">
                {row.components[k] === null ? '—' : fixed2(row.components[k])}
              </td>
            ))}
            <td className="num">{row.total === null ? '—' : fixed2(row.total)}</td>
            <td className={`grade-${gradeText(row)}`}>{gradeText(row)}</td>
          </tr>
        </tbody>
      </table>
      <ol className="derivation-lines" aria-label="计算过程">
        {row.derivation.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </Dialog>
  );
}
