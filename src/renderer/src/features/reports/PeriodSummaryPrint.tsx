/** 考核结果汇总表 of a period as printed (landscape): by community, ranked, components, ranks, quota and 解聘预警. */
import { COMPONENT_LABELS } from '../../../../shared/domain/periods';
import { formatHundredths, GRADES } from '../../../../shared/domain/scoring';
import { padName } from '../../../../shared/domain/stroke-order';
import { DocHead, DocumentEnd, DocumentMeta, GroupedRows } from '../../components/PrintPage';
import { DraftMark, SignatureLines } from './PeriodParts';
import { printRoute, titleWithUnit, type SheetProps } from './ReportPrint';

const pts = (v: number | null) => (v === null ? '' : formatHundredths(v));

export const PeriodSummaryPrint = printRoute('period-summary', { untitled: '考核结果汇总表', title: titleWithUnit, landscape: () => true, Sheet: PeriodSummarySheet });

function PeriodSummarySheet({ report }: SheetProps<'period-summary'>) {
  const parts = (['months', 'appraisal', 'points'] as const).filter((k) => report.weights[k] > 0);
  return (
    <>
      <DraftMark report={report} />
      <h1 className="doc-title">{report.title}</h1>
      <div className="doc-subtitle">
        {report.schemeName}（第{report.version}版）{'\u3000'}总分 = {parts.map((k) => `${COMPONENT_LABELS[k]} × ${report.weights[k]}%`).join(' + ')}
        {'\u3000'}
        {report.quotaText}
      </div>
      <DocumentMeta officeName={report.header.officeName} unitName={report.unitName} />
      <table className="doc-table fixed" aria-label="考核结果汇总表">
        <DocHead
          columns={[
            ['序号', '8mm'],
            ['姓名', '16mm'],
            ['网格'],
            ['岗位', '18mm'],
            ...parts.map((k) => [<>{COMPONENT_LABELS[k]}<div style={{ fontWeight: 400 }}>（{report.weights[k]}%）</div></>, '15mm'] as const),
            ['总分', '13mm'],
            ['等次', '15mm'],
            ['网格排名', '10mm'],
            ['社区排名', '10mm'],
            ['岗位排名', '10mm'],
            ['街道排名', '10mm'],
            ['优秀名额', '15mm'],
            ['解聘预警', '10mm'],
          ]}
        />
        <GroupedRows groups={report.groups} columns={12 + parts.length} name={(g) => g.label} rows={(g) => g.rows}>
          {(r) => (
            <tr key={r.personId}>
              <td>{r.seq}</td>
              <td>{padName(r.name)}</td>
              <td className="left">{r.unit}</td>
              <td>{r.role}</td>
              {parts.map((k) => (
                <td key={k}>{pts(r.components[k])}</td>
              ))}
              <td>{pts(r.total)}</td>
              <td>{r.grade}</td>
              <td>{r.ranks.grid ?? ''}</td>
              <td>{r.ranks.community ?? ''}</td>
              <td>{r.ranks.role ?? ''}</td>
              <td>{r.ranks.street ?? ''}</td>
              <td>{r.quota}</td>
              <td>{r.warning ? '是' : ''}</td>
            </tr>
          )}
        </GroupedRows>
      </table>
      <DocumentEnd header={report.header} label="等次人数">
        合计 {report.count} 人：{GRADES.map((g) => `${g} ${report.counts[g]} 人`).join('，')}，不定等次 {report.counts.不定等次} 人
        {report.warnings ? `；解聘预警 ${report.warnings} 人` : ''}。
        <br />
        注：排名为网格、社区、岗位、街道内按总分的名次，同分同名次，不定等次者不排名；优秀名额一栏：名额内、名额外（降为良好）、并列保留、并列降等（经研究决定）。
        <SignatureLines who={['制表人（签字）', '审核人（签字）']} />
      </DocumentEnd>
    </>
  );
}
