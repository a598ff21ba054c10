/** 个人档案: one person's months, grades, points, stars, awards and discipline on one page, with charts. */
import { useMemo } from 'react';
import type { PersonProfile } from '../../../../shared/contract/analysis';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import type { ChartOption } from '../../components/Chart';
import { ChartCard, type ChartTable } from '../../components/ChartCard';
import { AXIS_LABEL, DECALS, escapeHtml, fixed2, lineLook, orDash, PALETTE, shortPeriod, signed2, TOOLTIP } from '../../components/chart-kit';
import { SimpleTable } from '../../components/SimpleTable';
import { assessmentsHref } from '../../hash-params';
import { PersonPicker } from '../../components/PersonPicker';

export function PersonView({ personId, onPick }: { personId: number | null; onPick: (id: number) => void }) {
  const { info, notifyError } = useAppState();
  const { data: profile, loading } = useCall('analysis.person', personId === null ? null : { personId }, [], { onError: notifyError });
  const shown = profile && profile.person.id === personId ? profile : null;
  return (
    <div className="analysis-body">
      <div className="toolbar card person-pick">
        <label>
          人员
          <PersonPicker
            key={shown?.person.id ?? 'none'}
            asOf={info?.today ?? ''}
            picked={shown ? { name: shown.person.name } : null}
            onPick={(p) => p && onPick(p.id)}
            includeDeparted
            label="查找人员"
          />
        </label>
        <span className="muted small">输入姓名、拼音首字母或身份证号，↑↓ 选择，回车确定</span>
      </div>
      {personId === null ? <div className="card muted">请选择一名人员，查看其历月考核、积分、星级、表彰和纪律记录。</div> : null}
      {personId !== null && !shown ? <div className="card muted">{loading ? '正在读取…' : '没有读取到这名人员。'}</div> : null}
      {shown ? <Profile profile={shown} /> : null}
    </div>
  );
}

function Profile({ profile }: { profile: PersonProfile }) {
  const { person, months, points, stars, awards, discipline, flags } = profile;
  const totalsOption = useMemo<ChartOption>(() => {
    const periods = [...new Set(months.map((m) => m.period))].sort();
    const schemes = [...new Set(months.map((m) => m.schemeName))];
    return {
      grid: { left: 44, right: 16, top: schemes.length > 1 ? 30 : 16, bottom: 28 },
      legend: schemes.length > 1 ? { top: 0 } : undefined,
      tooltip: {
        ...TOOLTIP,
        trigger: 'item',
        formatter: (p: { seriesIndex: number; dataIndex: number }) => {
          const m = months.find((x) => x.schemeName === schemes[p.seriesIndex] && x.period === periods[p.dataIndex]);
          if (!m) return '';
          return [
            `<b>${escapeHtml(m.period)}</b> ${escapeHtml(m.schemeName)}${m.complete ? '' : '（未完成）'}`,
            m.exempt ? '免考' : `总分：<b>${orDash(m.total)}</b>，等次：${escapeHtml(m.grade ?? '—')}`,
            m.rankInUnit !== null ? `社区排名：第 ${m.rankInUnit} 名` : '',
            m.veto ? '<b>一票否决</b>' : '',
          ]
            .filter(Boolean)
            .join('<br/>');
        },
      },
      xAxis: { type: 'category', data: periods.map(shortPeriod), axisLabel: AXIS_LABEL },
      yAxis: { type: 'value', scale: true, name: '分', axisLabel: { formatter: (v: number) => String(v / 100) } },
      series: schemes.map((name, i) => ({
        type: 'line',
        name,
        ...lineLook(i),
        connectNulls: false,
        data: periods.map((p) => {
          const m = months.find((x) => x.schemeName === name && x.period === p);
          if (!m || m.total === null) return '-';
          // an open month is drawn hollow; a veto as a triangle
          return { value: m.total, symbol: m.veto ? 'triangle' : m.complete ? undefined : 'emptyCircle', symbolSize: m.veto ? 10 : 6 };
        }),
        label: { show: periods.length <= 14, position: 'top', fontSize: 10, formatter: (p: { value: number }) => fixed2(p.value) },
      })),
    };
  }, [months]);
  const totalsTable: ChartTable = {
    columns: [{ header: '月份' }, { header: '考核方案' }, { header: '总分', kind: 'hundredths' }, { header: '等次' }, { header: '社区排名', kind: 'count' }, { header: '一票否决' }, { header: '状态' }],
    rows: months.map((m) => [m.period, m.schemeName, m.total, m.exempt ? '免考' : m.grade, m.rankInUnit, m.veto ? '是' : '', m.complete ? '已归档' : '未完成']),
  };

  const pointsOption = useMemo<ChartOption>(
    () => ({
      aria: DECALS,
      grid: { left: 48, right: 52, top: 30, bottom: 28 },
      legend: { top: 0, data: ['当月积分', '累计积分'] },
      tooltip: {
        ...TOOLTIP,
        trigger: 'axis',
        formatter: (items: { dataIndex: number }[]) => {
          const p = points[items[0]?.dataIndex ?? 0];
          return p ? `<b>${p.period}</b><br/>当月积分：<b>${signed2(p.points)}</b><br/>累计积分：<b>${fixed2(p.balance)}</b>` : '';
        },
      },
      xAxis: { type: 'category', data: points.map((p) => shortPeriod(p.period)), axisLabel: AXIS_LABEL },
      yAxis: [
        { type: 'value', name: '当月', axisLabel: { formatter: (v: number) => String(v / 100) } },
        { type: 'value', name: '累计', axisLabel: { formatter: (v: number) => String(v / 100) }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: '当月积分', data: points.map((p) => p.points), itemStyle: { color: PALETTE[5] }, barMaxWidth: 18 },
        { type: 'line', name: '累计积分', yAxisIndex: 1, data: points.map((p) => p.balance), ...lineLook(0), lineStyle: { color: PALETTE[0], width: 2, type: 'solid' } },
      ],
    }),
    [points],
  );
  const pointsTable: ChartTable = {
    columns: [{ header: '月份' }, { header: '当月积分', kind: 'hundredths' }, { header: '累计积分', kind: 'hundredths' }],
    rows: points.map((p) => [p.period, p.points, p.balance]),
  };

  const first = months[0]?.period;
  const last = months.at(-1)?.period;
  return (
    <>
      <div className="card person-head" aria-label="人员信息">
        <h2>{person.name}</h2>
        <span>{person.unitPath}</span>
        <span className="muted">{person.roles.join('、')}</span>
        <span className={`badge ${person.status === '在岗' ? 'ok' : 'off'}`}>{person.status}</span>
        <span className="muted">入职 {person.hireDate}</span>
        {flags.map((f) => (
          <span key={f} className="badge bad">
            {f}
          </span>
        ))}
      </div>
      <div className="analysis-pair">
        <ChartCard
          title={`${person.name}的月度得分`}
          subtitle={first ? `${first} 至 ${last}` : ''}
          incomplete={months.some((m) => !m.complete) ? '空心点为尚未归档的月份' : false}
          option={totalsOption}
          height={240}
          table={totalsTable}
          empty={months.some((m) => m.total !== null) ? null : '还没有考核得分'}
          note="▲ 为一票否决的月份。"
        />
        <ChartCard
          title={`${person.name}的积分`}
          subtitle={points.length ? `${points[0]!.period} 至 ${points.at(-1)!.period}` : ''}
          option={pointsOption}
          height={240}
          table={pointsTable}
          empty={points.length ? null : '还没有积分记录'}
        />
      </div>
      <div className="analysis-pair">
        <div className="card">
          <h3 className="section-title">月度考核</h3>
          <div className="person-months">
            <SimpleTable label="月度考核记录" heads={['月份', '考核方案', '总分', '等次', '社区排名', '状态']} rows={[...months].reverse()} empty="没有考核记录">
              {(m) => (
                <tr key={m.monthId}>
                  <td>
                    <a href={assessmentsHref({ month: m.monthId, tab: 'results' })}>{m.period}</a>
                  </td>
                  <td>{m.schemeName}</td>
                  <td className="num">{m.exempt ? '免考' : orDash(m.total)}</td>
                  <td className={m.grade ? `grade-${m.grade}` : undefined}>
                    {m.grade ?? ''}
                    {m.veto ? '（一票否决）' : ''}
                  </td>
                  <td className="num">{m.rankInUnit ?? ''}</td>
                  <td>{m.complete ? '已归档' : <span className="badge draft">未完成</span>}</td>
                </tr>
              )}
            </SimpleTable>
          </div>
        </div>
        <div className="card person-records">
          <h3 className="section-title">星级</h3>
          <SimpleTable label="星级记录" heads={['期间', '星级', '说明']} rows={stars} empty="没有星级记录">
            {(s, i) => (
              <tr key={i}>
                <td>{s.periodLabel}</td>
                <td className="stars-text">{'★'.repeat(s.stars)}</td>
                <td>{s.reason}</td>
              </tr>
            )}
          </SimpleTable>
          <h3 className="section-title">表彰</h3>
          <SimpleTable label="表彰记录" heads={['表彰', '级别', '授予单位', '日期', '事迹']} rows={awards} empty="没有表彰记录">
            {(a) => (
              <tr key={a.batchId}>
                <td>{a.name}</td>
                <td>{a.level}</td>
                <td>{a.issuer}</td>
                <td>{a.date}</td>
                <td>{a.deeds}</td>
              </tr>
            )}
          </SimpleTable>
          <h3 className="section-title">纪律</h3>
          <SimpleTable label="纪律记录" heads={['日期', '类别', '事由']} rows={discipline} empty="没有纪律记录">
            {(d, i) => (
              <tr key={i}>
                <td>{d.date}</td>
                <td>{d.kind}</td>
                <td>{d.reason}</td>
              </tr>
            )}
          </SimpleTable>
        </div>
      </div>
    </>
  );
}
