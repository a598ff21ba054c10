/** 街道概览 on 首页: grades this month against last, the 24-month trend, stars and the points top 10 (a lazy chunk). */
import { useMemo } from 'react';
import type { HomeView } from '../../../../shared/contract/analysis';
import { GRADES } from '../../../../shared/domain/scoring';
import { ChartCard, type ChartTable } from '../../components/ChartCard';
import type { ChartOption } from '../../components/Chart';
import { AXIS_LABEL, DECALS, escapeHtml, fixed2, lineLook, PALETTE, shortPeriod, TOOLTIP } from '../../components/chart-kit';
import { analysisHref, assessmentsHref } from '../../hash-params';

const HEIGHT = 190;

export function HomeGlance({ home }: { home: HomeView }) {
  return (
    <div className="home-glance">
      <GradesCard home={home} />
      <TrendCard home={home} />
      <StarsCard home={home} />
      <PointsTopCard home={home} />
    </div>
  );
}

function GradesCard({ home }: { home: HomeView }) {
  const grades = home.glance.grades;
  const current = grades.find((g) => g.period === home.period) ?? grades.at(-1);
  const option = useMemo<ChartOption>(
    () => ({
      aria: DECALS,
      color: [PALETTE[5], PALETTE[0]],
      grid: { left: 40, right: 12, top: 30, bottom: 24 },
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: [...GRADES], axisLabel: AXIS_LABEL },
      yAxis: { type: 'value', minInterval: 1, name: '人', nameGap: 6, nameTextStyle: { align: 'right' } },
      series: grades.map((g) => ({
        type: 'bar',
        name: `${g.period}${g.complete ? '' : '（未完成）'}`,
        data: GRADES.map((grade) => g.counts[grade]),
        label: { show: true, position: 'top', fontSize: 11 },
        barMaxWidth: 28,
      })),
    }),
    [grades],
  );
  const table: ChartTable = {
    columns: [{ header: '等次' }, ...grades.map((g) => ({ header: `${g.period}${g.complete ? '' : '（未完成）'}（人）`, kind: 'count' as const }))],
    rows: GRADES.map((grade) => [grade, ...grades.map((g) => g.counts[grade])]),
  };
  const month = home.months[0];
  return (
    <ChartCard
      title="等次分布（本月与上月）"
      subtitle={grades.map((g) => g.period).join(' 与 ')}
      incomplete={grades.some((g) => !g.complete) ? `${grades.filter((g) => !g.complete).map((g) => g.period).join('、')} 尚未归档，按已打分的人员统计` : false}
      option={option}
      height={HEIGHT}
      table={table}
      empty={grades.length === 0 ? '还没有考核结果' : null}
      note={month && current?.period === home.period ? '点击本月的柱子，查看该等次的人员' : undefined}
      onItemClick={({ seriesIndex, dataIndex }) => {
        if (month && grades[seriesIndex]?.period === home.period) window.location.hash = assessmentsHref({ month: month.monthId, tab: 'results', grade: GRADES[dataIndex] });
      }}
    />
  );
}

function TrendCard({ home }: { home: HomeView }) {
  const trend = home.glance.trend;
  const option = useMemo<ChartOption>(() => {
    const labels = trend.periods.map((p, i) => `${shortPeriod(p)}${trend.complete[i] ? '' : '*'}`);
    const series = [
      { name: '全街道', data: trend.street, look: { color: '#000000', symbol: 'circle', symbolSize: 5, lineStyle: { color: '#000', width: 3, type: 'solid' }, itemStyle: { color: '#000' } } },
      ...trend.communities.map((c, i) => ({ name: c.name, data: c.means, look: lineLook(i) })),
    ];
    return {
      grid: { left: 44, right: 12, top: 34, bottom: 24 },
      legend: { type: 'scroll', top: 0, itemWidth: 22, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: {
        ...TOOLTIP,
        trigger: 'axis',
        formatter: (items: { axisIndex: number; dataIndex: number; marker: string; seriesName: string; value: number | null }[]) => {
          const i = items[0]?.dataIndex ?? 0;
          const head = `${trend.periods[i]}${trend.complete[i] ? '' : '（未完成）'}`;
          const lines = [...items]
            .filter((x) => x.value !== null && x.value !== undefined)
            .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
            .map((x) => `${x.marker}${escapeHtml(x.seriesName)}：<b>${fixed2(x.value!)}</b>`);
          return [escapeHtml(head), ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: labels, axisLabel: { ...AXIS_LABEL, fontSize: 11 } },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => String(v / 100) } },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.data, connectNulls: false, ...s.look })),
    };
  }, [trend]);
  const table: ChartTable = {
    columns: [{ header: '月份' }, { header: '状态' }, { header: '全街道平均分', kind: 'hundredths' }, ...trend.communities.map((c) => ({ header: c.name, kind: 'hundredths' as const }))],
    rows: trend.periods.map((p, i) => [p, trend.complete[i] ? '已归档' : '未完成', trend.street[i] ?? null, ...trend.communities.map((c) => c.means[i] ?? null)]),
  };
  const open = trend.periods.filter((_, i) => !trend.complete[i]);
  return (
    <ChartCard
      title="近24个月平均分走势"
      subtitle={trend.periods.length ? `${trend.periods[0]} 至 ${trend.periods.at(-1)}` : ''}
      incomplete={open.length ? `${open.join('、')} 尚未归档（图中标 *）` : false}
      option={option}
      height={HEIGHT}
      table={table}
      empty={trend.periods.length === 0 ? '还没有已归档的月份' : null}
      note="点击图线，到“分析·社区对比”查看各社区的得分分布"
      onItemClick={() => (window.location.hash = analysisHref({ tab: 'compare' }))}
    />
  );
}

function StarsCard({ home }: { home: HomeView }) {
  const stars = home.glance.stars;
  const labels = useMemo(() => (stars?.counts ?? []).map((_, i) => `${i + 1}星`), [stars]);
  const option = useMemo<ChartOption>(
    () => ({
      aria: DECALS,
      color: [PALETTE[4]],
      grid: { left: 40, right: 12, top: 20, bottom: 24 },
      tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: labels, axisLabel: AXIS_LABEL },
      yAxis: { type: 'value', minInterval: 1, name: '人', nameGap: 6, nameTextStyle: { align: 'right' } },
      series: [{ type: 'bar', name: '人数', data: stars?.counts ?? [], label: { show: true, position: 'top', fontSize: 11 }, barMaxWidth: 36 }],
    }),
    [stars, labels],
  );
  return (
    <ChartCard
      title="星级分布"
      subtitle={stars ? stars.periodLabel : ''}
      option={option}
      height={HEIGHT}
      table={{ columns: [{ header: '星级' }, { header: '人数', kind: 'count' }], rows: labels.map((l, i) => [l, stars?.counts[i] ?? 0]) }}
      empty={stars ? null : '还没有已发布的星级评定'}
      note="点击柱子到“星级评定”查看名册"
      onItemClick={() => (window.location.hash = '#/stars')}
    />
  );
}

function PointsTopCard({ home }: { home: HomeView }) {
  const top = home.glance.pointsTop;
  const option = useMemo<ChartOption>(() => {
    const ordered = [...top].reverse(); // the first at the top of a horizontal bar chart
    return {
      color: [PALETTE[2]],
      grid: { left: 64, right: 44, top: 6, bottom: 20 },
      tooltip: {
        ...TOOLTIP,
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const row = ordered[p.dataIndex];
          return row ? `${escapeHtml(row.name)}（${escapeHtml(row.community)}）<br/>积分：<b>${fixed2(row.points)}</b>` : '';
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => String(v / 100) } },
      yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { ...AXIS_LABEL, fontSize: 11 } },
      series: [{ type: 'bar', name: '积分', data: ordered.map((r) => r.points), label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => fixed2(p.value) }, barMaxWidth: 14 }],
    };
  }, [top]);
  const year = home.period?.slice(0, 4) ?? '';
  return (
    <ChartCard
      title={`${year}年积分前十`}
      option={option}
      height={HEIGHT}
      table={{
        columns: [{ header: '名次', kind: 'count' }, { header: '姓名' }, { header: '社区' }, { header: '积分', kind: 'hundredths' }],
        rows: top.map((r, i) => [i + 1, r.name, r.community, r.points]),
      }}
      empty={top.length === 0 ? '今年还没有积分' : null}
      note="点击姓名查看个人档案"
      onItemClick={({ dataIndex }) => {
        const row = [...top].reverse()[dataIndex];
        if (row) window.location.hash = analysisHref({ tab: 'person', person: row.personId });
      }}
    />
  );
}
