/**
 * 社区对比: each community's monthly totals as box plots (median, quartiles, range) — across the communities for one
 * month, and across the months for one community — and the communities' rank by median over time (1 at the top).
 */
import { useMemo, useState } from 'react';
import type { AnalysisFilter, CommunityComparison } from '../../../../shared/contract/analysis';
import type { Distribution } from '../../../../shared/domain/analysis';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import type { ChartOption } from '../../components/Chart';
import { ChartCard, type ChartTable } from '../../components/ChartCard';
import { AXIS_LABEL, DECALS, escapeHtml, fixed2, lineLook, PALETTE, scoreAxisBounds, shortPeriod, TOOLTIP } from '../../components/chart-kit';
import { ChoicePicker, PickerFilter } from '../../components/ChoicePicker';
import { FilterSelect } from '../../components/Select';
import { incompleteOf, Loading } from './parts';

const DIST_COLUMNS = [
  { header: '人数', kind: 'count' as const },
  { header: '最低分', kind: 'hundredths' as const },
  { header: '下四分位', kind: 'hundredths' as const },
  { header: '中位数', kind: 'hundredths' as const },
  { header: '上四分位', kind: 'hundredths' as const },
  { header: '最高分', kind: 'hundredths' as const },
  { header: '平均分', kind: 'hundredths' as const },
];
const distCells = (d: Distribution | null) => (d ? [d.n, d.min, d.q1, d.median, d.q3, d.max, d.mean] : [0, null, null, null, null, null, null]);

/** The box plot's tooltip: every figure of the box, two decimals. */
function boxTip(title: string, d: Distribution): string {
  return [
    `<b>${escapeHtml(title)}</b>（${d.n} 人）`,
    `最高分：${fixed2(d.max)}`,
    `上四分位：${fixed2(d.q3)}`,
    `中位数：<b>${fixed2(d.median)}</b>`,
    `下四分位：${fixed2(d.q1)}`,
    `最低分：${fixed2(d.min)}`,
    `平均分：${fixed2(d.mean)}`,
  ].join('<br/>');
}

/** A box plot of distributions along a category axis, with the mean as a diamond. */
function boxOption(labels: string[], dists: (Distribution | null)[], titles: string[], color: string): ChartOption {
  return {
    aria: DECALS,
    grid: { left: 48, right: 16, top: 28, bottom: labels.some((l) => l.length > 4) ? 48 : 28 },
    legend: { top: 0, data: ['得分分布', '平均分'], itemWidth: 14, itemHeight: 10 },
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const d = dists[p.dataIndex];
        return d ? boxTip(titles[p.dataIndex] ?? '', d) : `${escapeHtml(titles[p.dataIndex] ?? '')}：无数据`;
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { ...AXIS_LABEL, interval: 0, rotate: labels.some((l) => l.length > 4) ? 30 : 0 } },
    yAxis: { type: 'value', name: '分', ...scoreAxisBounds(), axisLabel: { formatter: (v: number) => String(v / 100) } },
    series: [
      {
        type: 'boxplot',
        name: '得分分布',
        itemStyle: { color: '#cfe3f3', borderColor: color, borderWidth: 1.5 },
        data: dists.map((d) => (d ? [d.min, d.q1, d.median, d.q3, d.max] : ['-', '-', '-', '-', '-'])),
      },
      {
        type: 'scatter',
        name: '平均分',
        symbol: 'diamond',
        symbolSize: 8,
        itemStyle: { color: PALETTE[1] },
        data: dists.map((d) => (d ? d.mean : '-')),
      },
    ],
  };
}

export function CompareView({ filter, scope }: { filter: AnalysisFilter; scope: string }) {
  const { notifyError } = useAppState();
  const { data, loading } = useCall('analysis.compare', filter, [], { onError: notifyError });
  if (!data) return <Loading loading={loading} />;
  if (data.months.length === 0) return <div className="card muted">所选月份没有考核数据。</div>;
  return <CompareCharts key={`${data.months.map((m) => m.monthId).join(',')}|${data.communities.map((c) => c.unitId).join(',')}`} data={data} scope={scope} />;
}

function CompareCharts({ data, scope }: { data: CommunityComparison; scope: string }) {
  const [monthIndex, setMonthIndex] = useState(data.months.length - 1);
  const [unitId, setUnitId] = useState<number | null>(data.communities[0]?.unitId ?? null);
  const month = data.months[monthIndex] ?? data.months.at(-1)!;

  // one month, every community, best median first
  const byCommunity = useMemo(() => {
    const rows = data.communities.map((c) => ({ name: c.name, unitId: c.unitId, d: c.distributions[monthIndex] ?? null, rank: c.ranks[monthIndex] ?? null }));
    return rows.sort((a, b) => (b.d?.median ?? -1) - (a.d?.median ?? -1));
  }, [data, monthIndex]);
  const monthOption = useMemo(
    () =>
      boxOption(
        byCommunity.map((r) => r.name),
        byCommunity.map((r) => r.d),
        byCommunity.map((r) => `${r.name} · ${month.period}`),
        PALETTE[0],
      ),
    [byCommunity, month],
  );
  const monthTable: ChartTable = {
    columns: [{ header: '社区' }, ...DIST_COLUMNS, { header: '名次（按中位数）', kind: 'count' }],
    rows: byCommunity.map((r) => [r.name, ...distCells(r.d), r.rank]),
  };

  // ranks over time
  const rankOption = useMemo<ChartOption>(() => {
    const n = data.communities.length;
    return {
      grid: { left: 40, right: 110, top: 12, bottom: 28 },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 0, bottom: 0, itemWidth: 22, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: {
        ...TOOLTIP,
        trigger: 'axis',
        formatter: (items: { dataIndex: number; marker: string; seriesName: string; value: number | null }[]) => {
          const i = items[0]?.dataIndex ?? 0;
          const m = data.months[i];
          const lines = [...items]
            .filter((x) => x.value !== null && x.value !== undefined)
            .sort((a, b) => a.value! - b.value!)
            .map((x) => `${x.marker}第 ${x.value} 名 ${escapeHtml(x.seriesName)}（中位数 ${fixed2(data.communities.find((c) => c.name === x.seriesName)?.distributions[i]?.median ?? 0)}）`);
          return [`${m?.period ?? ''}${m?.complete ? '' : '（未完成）'}`, ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: data.months.map((m) => `${shortPeriod(m.period)}${m.complete ? '' : '*'}`), axisLabel: AXIS_LABEL },
      yAxis: { type: 'value', inverse: true, min: 1, max: Math.max(1, n), interval: 1, name: '名次', nameLocation: 'start' },
      series: data.communities.map((c, i) => ({ type: 'line', name: c.name, data: c.ranks, ...lineLook(i) })),
    };
  }, [data]);
  const rankTable: ChartTable = {
    columns: [{ header: '社区' }, ...data.months.map((m) => ({ header: `${m.period}${m.complete ? '' : '（未完成）'}`, kind: 'count' as const }))],
    rows: data.communities.map((c) => [c.name, ...c.ranks]),
  };

  // one community, every month
  const community = data.communities.find((c) => c.unitId === unitId) ?? data.communities[0];
  const communityChoices = useMemo(() => data.communities.map((c) => ({ value: c.unitId, label: c.name })), [data.communities]);
  const seriesOption = useMemo(
    () =>
      community
        ? boxOption(
            data.months.map((m) => `${shortPeriod(m.period)}${m.complete ? '' : '*'}`),
            community.distributions,
            data.months.map((m) => `${community.name} · ${m.period}${m.complete ? '' : '（未完成）'}`),
            PALETTE[2],
          )
        : {},
    [community, data],
  );
  const seriesTable: ChartTable = {
    columns: [{ header: '月份' }, { header: '状态' }, ...DIST_COLUMNS, { header: '名次（按中位数）', kind: 'count' }],
    rows: data.months.map((m, i) => [m.period, m.complete ? '已归档' : '未完成', ...distCells(community?.distributions[i] ?? null), community?.ranks[i] ?? null]),
  };

  return (
    <div className="analysis-body">
      <ChartCard
        title={`各社区月度得分分布（${month.period}）`}
        subtitle={scope}
        incomplete={month.complete ? false : `${month.period} 尚未归档`}
        option={monthOption}
        height={300}
        table={monthTable}
        extra={
          <FilterSelect label="月份" choices={data.months.map((m, i) => ({ value: i, label: `${m.period}${m.complete ? '' : '（未完成）'}` }))} value={monthIndex} onChange={(i) => setMonthIndex(i ?? data.months.length - 1)} none={null} />
        }
        note="箱体为上下四分位，中间横线为中位数，须线为最低分和最高分，◆为平均分；按中位数从高到低排列。点击箱体查看该社区逐月的分布。"
        onItemClick={({ dataIndex }) => setUnitId(byCommunity[dataIndex]?.unitId ?? unitId)}
      />
      <div className="analysis-pair">
        <ChartCard
          title="社区名次变化（按中位数）"
          subtitle={scope}
          incomplete={incompleteOf(data.months)}
          option={rankOption}
          height={300}
          table={rankTable}
          note="第 1 名在最上方；* 为未归档月份。"
        />
        <ChartCard
          title={`${community?.name ?? ''}逐月得分分布`}
          subtitle={scope}
          incomplete={incompleteOf(data.months)}
          option={seriesOption}
          height={300}
          table={seriesTable}
          extra={
            <PickerFilter label="社区">
              <ChoicePicker aria-label="社区" choices={communityChoices} value={community?.unitId ?? null} onChange={(id) => id !== null && setUnitId(id)} />
            </PickerFilter>
          }
        />
      </div>
    </div>
  );
}
