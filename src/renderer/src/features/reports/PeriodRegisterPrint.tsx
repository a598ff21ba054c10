/**
 * 考核登记表 of a period as printed: one A4 page a person (a page of fixed height, the 考核组意见 box taking what is
 * left), for one person or a whole unit at once.
 */
import type { PeriodRegisterPage, PeriodRegisterReport } from '../../../../shared/contract/reports';
import { COMPONENT_LABELS } from '../../../../shared/domain/periods';
import { formatHundredths } from '../../../../shared/domain/scoring';
import { DraftMark } from './PeriodParts';
import { printRoute, type SheetProps } from './ReportPrint';

const pts = (v: number | null) => (v === null ? '—' : formatHundredths(v));
const rank = (v: number | null) => (v === null ? '—' : String(v));

export const PeriodRegisterPrint = printRoute('period-register', {
  untitled: '考核登记表',
  title: (r) => `${r.title}（${r.pages.length === 1 ? r.pages[0]!.name : r.unitName}）`,
  Sheet: PeriodRegisterSheet,
});

function PeriodRegisterSheet({ report }: SheetProps<'period-register'>) {
  if (report.pages.length === 0) return <p>所选单位没有本期的考核对象。</p>;
  return report.pages.map((p) => <RegisterPage key={p.personId} report={report} p={p} />);
}

function RegisterPage({ report, p }: { report: PeriodRegisterReport; p: PeriodRegisterPage }) {
  const half = Math.ceil(p.months.length / 2);
  const rows = Array.from({ length: half }, (_, i) => [p.months[i]!, p.months[i + half]] as const);
  const grade = (m: PeriodRegisterPage['months'][number]) => (m.veto ? `${m.grade}（否决）` : m.grade);
  const parts = (['months', 'appraisal', 'points'] as const).filter((k) => report.weights[k] > 0);
  return (
    <section className="register-page" aria-label={`考核登记表 ${p.name}`}>
      <DraftMark report={report} />
      <h1 className="doc-title">{report.title}</h1>
      <div className="doc-meta">
        <span>填报单位：{report.header.officeName || report.unitName}</span>
        <span>
          考核期间：{report.periodLabel}
          {'\u3000'}
          {report.schemeName}（第{report.version}版）
        </span>
      </div>
      <table className="doc-table fixed" aria-label="基本情况">
        <colgroup>
          <col style={{ width: '19mm' }} />
          <col />
          <col style={{ width: '17mm' }} />
          <col style={{ width: '22mm' }} />
          <col style={{ width: '17mm' }} />
          <col style={{ width: '22mm' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>姓名</th>
            <td>{p.name}</td>
            <th>性别</th>
            <td>{p.gender}</td>
            <th>政治面貌</th>
            <td>{p.politicalStatus}</td>
          </tr>
          <tr>
            <th>身份证号</th>
            <td>{p.idNumber}</td>
            <th>出生日期</th>
            <td>{p.birthDate}</td>
            <th>入职日期</th>
            <td>{p.hireDate}</td>
          </tr>
          <tr>
            <th>所在单位</th>
            <td className="left">{p.unitPath}</td>
            <th>岗位</th>
            <td>{p.role}</td>
            <th>在岗月数</th>
            <td>{p.monthsInPost}个月</td>
          </tr>
        </tbody>
      </table>
      <div className="doc-section">月度考核情况</div>
      <table className="doc-table fixed" aria-label="月度考核情况">
        <thead>
          <tr>
            <th>月份</th>
            <th>总分</th>
            <th>等次</th>
            <th>月份</th>
            <th>总分</th>
            <th>等次</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([a, b]) => (
            <tr key={a.period}>
              <td>{a.period}</td>
              <td>{pts(a.total)}</td>
              <td>{grade(a)}</td>
              <td>{b?.period ?? ''}</td>
              <td>{b ? pts(b.total) : ''}</td>
              <td>{b ? grade(b) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="doc-section">积分、奖励和惩处</div>
      <table className="doc-table fixed" aria-label="积分奖惩">
        <colgroup>
          <col style={{ width: '19mm' }} />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <th>本期积分</th>
            <td className="left">{formatHundredths(p.points)} 分</td>
          </tr>
          <tr>
            <th>奖励</th>
            <td className="left">
              <div className="clamp">{p.awards.length ? p.awards.map((a) => `${a.date} ${a.name}（${a.level}）`).join('；') : '无'}</div>
            </td>
          </tr>
          <tr>
            <th>惩处</th>
            <td className="left">
              <div className="clamp">{p.discipline.length ? p.discipline.map((d) => `${d.date} ${d.kind}：${d.reason}`).join('；') : '无'}</div>
            </td>
          </tr>
        </tbody>
      </table>
      <div className="doc-section">考核结果</div>
      <table className="doc-table fixed" aria-label="考核结果">
        <tbody>
          <tr>
            {parts.map((k) => (
              <th key={k}>
                {COMPONENT_LABELS[k]}（{report.weights[k]}%）
              </th>
            ))}
            <th>总分</th>
            <th>等次</th>
            <th>解聘预警</th>
          </tr>
          <tr>
            {parts.map((k) => (
              <td key={k}>
                {pts(p.components[k])}
                {k === 'appraisal' && p.ballots ? `（${p.ballots}票）` : ''}
              </td>
            ))}
            <td>
              <strong>{pts(p.total)}</strong>
            </td>
            <td>
              <strong>{p.grade}</strong>
            </td>
            <td>{p.warning ? '是' : '否'}</td>
          </tr>
          <tr>
            <th>网格排名</th>
            <th>社区排名</th>
            <th>岗位排名</th>
            <th>街道排名</th>
            <th colSpan={parts.length - 1 > 0 ? parts.length - 1 : 1}>优秀名额</th>
          </tr>
          <tr>
            <td>{rank(p.ranks.grid)}</td>
            <td>{rank(p.ranks.community)}</td>
            <td>{rank(p.ranks.role)}</td>
            <td>{rank(p.ranks.street)}</td>
            <td colSpan={parts.length - 1 > 0 ? parts.length - 1 : 1}>{p.quota || '—'}</td>
          </tr>
          {p.notes.length ? (
            <tr>
              <td colSpan={parts.length + 3} className="left">
                <div className="clamp">说明：{p.notes.join('；')}</div>
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <div className="register-opinion" aria-label="考核组意见">
        考核组意见：
      </div>
      <div className="register-signs" aria-label="签字">
        <div>
          <span>本人签字：</span>
          <span className="line" />
          <span>{'日期：\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</span>
        </div>
        <div>
          <span>考核组负责人签字：</span>
          <span className="line" />
          <span>{'日期：\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</span>
        </div>
        <div>
          <span>单位盖章：</span>
          <span className="line" />
          <span>{'日期：\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</span>
        </div>
      </div>
    </section>
  );
}
