/** 个人考核评分表 as printed: criteria with their points, each evaluator's entries, the evidence, signatures. */
import type { ScoreCardLine } from '../../../../shared/contract/reports';
import { CRITERION_KINDS, formatHundredths } from '../../../../shared/domain/scoring';
import { formatDocumentDate, formatDocumentPeriod } from '../../../../shared/domain/stroke-order';
import { DocumentSignature } from '../../components/PrintPage';
import { printRoute, type SheetProps } from './ReportPrint';

function maxText(l: ScoreCardLine): string {
  switch (l.kind) {
    case 'score':
      return formatHundredths(l.max);
    case 'deduction':
      return `${formatHundredths(l.max)}（每次扣${formatHundredths(l.perUnit)}）`;
    case 'bonus':
      return `每次加${formatHundredths(l.perUnit)}，至多${formatHundredths(l.max)}`;
    case 'veto':
      return '一票否决';
  }
}

function entryText(l: ScoreCardLine, e: ScoreCardLine['entries'][number]): string {
  if (l.kind === 'score') return e.value === null ? '—' : formatHundredths(e.value);
  if (!e.value) return l.kind === 'veto' ? '否' : '0';
  if (l.kind === 'veto') return '是';
  return `${e.value}次 ${l.kind === 'deduction' ? '−' : '+'}${formatHundredths(l.kind === 'deduction' ? l.max - e.points : e.points)}`;
}

export const ScoreCardPrint = printRoute('score-card', {
  untitled: '个人考核评分表',
  title: (card) => `${formatDocumentPeriod(card.period)}个人考核评分表（${card.person.name}）`,
  Sheet: ScoreCardSheet,
});

function ScoreCardSheet({ report: card }: SheetProps<'score-card'>) {
  return (
    <>
      <h1 className="doc-title">{card.title}</h1>
      <div className="doc-subtitle">
        {`${formatDocumentPeriod(card.period)}\u3000${card.schemeName}（第${card.version}版）`}
      </div>
      <table className="doc-table" aria-label="被考核人" style={{ marginBottom: '3mm' }}>
        <tbody>
          <tr>
            <th style={{ width: '18mm' }}>姓名</th>
            <td>{card.person.name}</td>
            <th style={{ width: '18mm' }}>岗位</th>
            <td>{card.person.role}</td>
          </tr>
          <tr>
            <th>所属单位</th>
            <td colSpan={3} className="left">
              {card.person.unitPath}
            </td>
          </tr>
        </tbody>
      </table>
      <table className="doc-table" aria-label="评分明细">
        <thead>
          <tr>
            <th style={{ width: '20mm' }}>类别</th>
            <th>考核项目</th>
            <th style={{ width: '26mm' }}>分值</th>
            {card.evaluators.map((e, i) => (
              <th key={i} style={{ width: '17mm' }}>
                {e.name}
                {e.dropped ? <div style={{ fontWeight: 400 }}>（去掉）</div> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {card.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.category}</td>
              <td className="left">
                {l.name}
                {l.kind === 'score' ? '' : `（${CRITERION_KINDS[l.kind]}）`}
              </td>
              <td>{maxText(l)}</td>
              {l.entries.map((e, j) => (
                <td key={j}>{entryText(l, e)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th colSpan={2}>评分人合计</th>
            <td>{formatHundredths(card.fullMarks)}</td>
            {card.evaluators.map((e, i) => (
              <td key={i}>
                {e.complete ? formatHundredths(e.total) : '未评完'}
                {e.veto ? '（否决）' : ''}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {card.evaluators.length === 0 ? <p>本月尚无考核人评分。</p> : null}
      <div className="doc-section">扣分、加分及说明</div>
      <table className="doc-table" aria-label="扣分加分说明">
        <thead>
          <tr>
            <th style={{ width: '18mm' }}>考核人</th>
            <th>考核项目</th>
            <th style={{ width: '13mm' }}>类型</th>
            <th style={{ width: '10mm' }}>次数</th>
            <th style={{ width: '12mm' }}>分值</th>
            <th>说明（依据）</th>
          </tr>
        </thead>
        <tbody>
          {card.evidence.length === 0 ? (
            <tr>
              <td colSpan={6}>无</td>
            </tr>
          ) : (
            card.evidence.map((e, i) => (
              <tr key={i}>
                <td>{e.evaluator}</td>
                <td className="left">{e.criterion}</td>
                <td>{CRITERION_KINDS[e.kind]}</td>
                <td>{e.count || ''}</td>
                <td>{e.points > 0 ? `+${formatHundredths(e.points)}` : e.points < 0 ? `−${formatHundredths(-e.points)}` : ''}</td>
                <td className="left">{e.note}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <table className="doc-table doc-block" aria-label="考核结果" style={{ marginTop: '4mm' }}>
        <tbody>
          <tr>
            <th style={{ width: '22mm' }}>综合得分</th>
            <td>{card.total === null ? '—' : formatHundredths(card.total)}</td>
            <th style={{ width: '14mm' }}>等次</th>
            <td>{card.grade}</td>
            <th style={{ width: '22mm' }}>社区排名</th>
            <td>{card.rankInUnit === null ? '—' : `${card.rankInUnit} / ${card.unitCount}`}</td>
          </tr>
          <tr>
            <th>计分方法</th>
            <td colSpan={5} className="left">
              {card.aggregationLabel}
              {card.veto ? '；本月有一票否决事项' : ''}
              {card.exemptReason ? `；免考：${card.exemptReason}` : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="signatures" aria-label="签字">
        {['被考核人', '考核人', '审核人'].map((who) => (
          <div key={who}>
            <span className="who">{who}（签字）：</span>
            <span className="line" />
            <span>{'日期：\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</span>
          </div>
        ))}
      </div>
      <DocumentSignature officeName={card.header.officeName} date={formatDocumentDate(card.header.date)} />
    </>
  );
}
