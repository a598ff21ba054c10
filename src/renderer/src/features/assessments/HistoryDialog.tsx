/** A worker's months as a table and a line chart: who is slipping shows at a glance. */
import { useMemo } from 'react';
import { formatHundredths } from '../../../../shared/domain/scoring';
import { NONE, useCall } from '../../api/useCall';
import { Chart, type ChartOption } from '../../components/Chart';
import { Dialog } from '../../components/Dialog';
import { SimpleTable } from '../../components/SimpleTable';

export function HistoryDialog({ personId, name, onClose }: { personId: number; name: string; onClose: () => void }) {
  const { data, error } = useCall('assessments.personHistory', { personId });
  const months = data ?? NONE;
  const schemes = useMemo(() => [...new Set(months.map((m) => m.schemeName))], [months]);
  const chart = useMemo<ChartOption>(
    () => ({
      grid: { left: 44, right: 16, top: 28, bottom: 30 },
      tooltip: { trigger: 'axis' },
      legend: { show: schemes.length > 1 },
      xAxis: { type: 'category', data: [...new Set(months.map((m) => m.period))] },
      yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 5) * 5 - 5), max: 100 },
      series: schemes.map((s) => ({
        name: s,
        type: 'line',
        smooth: false,
        data: months.filter((m) => m.schemeName === s).map((m) => [m.period, m.total === null ? null : m.total / 100]),
        markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#c62828' }, data: [{ yAxis: 60 }] },
      })),
    }),
    [months, schemes],
  );
  return (
    <Dialog title={`历次考核：${name}`} onClose={onClose} onSubmit={onClose} closeOnly width={860} error={error} wide>
      <Chart option={chart} height={220} label={`${name}的月度得分走势`} />
      <SimpleTable label="历次考核" heads={['月份', '考核方案', '总分', '等次', '社区排名', '状态']} rows={[...months].reverse()} style={{ marginTop: 8 }}>
        {(m) => (
          <tr key={m.monthId}>
            <td>{m.period}</td>
            <td>{m.schemeName}</td>
            <td>{m.total === null ? '' : formatHundredths(m.total)}</td>
            <td className={`grade-${m.grade ?? ''}`}>{m.exemptReason ? `免考（${m.exemptReason}）` : `${m.grade ?? ''}${m.veto ? '（一票否决）' : ''}`}</td>
            <td>{m.rankInUnit ?? ''}</td>
            <td>{m.status === 'open' ? '录入中' : '已归档'}</td>
          </tr>
        )}
      </SimpleTable>
    </Dialog>
  );
}
