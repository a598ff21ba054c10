/**
 * 指标: a heat map of criterion × community, each cell the mean share of the criterion's maximum kept (hundredths of
 * a percent), so a weak criterion in one community shows as a dark cell.
 */
import { useMemo, useState } from 'react';
import type { AnalysisFilter, CriteriaHeatmap } from '../../../../shared/contract/analysis';
import { CRITERION_KINDS, type CriterionKind } from '../../../../shared/domain/scoring';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import type { ChartOption } from '../../components/Chart';
import { ChartCard, type ChartTable } from '../../components/ChartCard';
import { AXIS_LABEL, darkOnScale, escapeHtml, fixed2, SEQUENTIAL, signed2, TOOLTIP } from '../../components/chart-kit';
import { FilterSelect } from '../../components/Select';
import { incompleteOf, Loading } from './parts';

const kindLabel = (kind: string) => CRITERION_KINDS[kind as CriterionKind] ?? kind;

export function CriteriaView({ filter, scope }: { filter: AnalysisFilter; scope: string }) {
  const { notifyError } = useAppState();
  const { data, loading } = useCall('analysis.criteria', filter, [], { onError: notifyError });
  if (!data) return <Loading loading={loading} />;
  if (data.criteria.length === 0 || data.communities.length === 0) return <div className="card muted">所选月份没有考核数据。</div>;
  return <Heatmap data={data} scope={scope} />;
}

type Colouring = 'street' | 'share';
const COLOURINGS = [
  { value: 'street' as const, label: '与全街道比较' },
  { value: 'share' as const, label: '按得分率' },
];

/** The street's mean share of each criterion: the communities' shares weighted by their sheets. */
function streetShares(data: CriteriaHeatmap): (number | null)[] {
  return data.cells.map((row) => {
    const cells = row.flatMap((c) => (c ? [c] : []));
    const sheets = cells.reduce((s, c) => s + c.sheets, 0);
    return sheets ? Math.round(cells.reduce((s, c) => s + c.share * c.sheets, 0) / sheets) : null;
  });
}

function Heatmap({ data, scope }: { data: CriteriaHeatmap; scope: string }) {
  // by default a cell is coloured by how far it lies from the street on the same criterion: a weak criterion in one
  // community stands out even where criteria differ among themselves (扣分项 keep more of their points)
  const [colouring, setColouring] = useState<Colouring>('street');
  const street = useMemo(() => streetShares(data), [data]);
  const { option, low, high } = useMemo(() => {
    const metric = (y: number, share: number) => (colouring === 'share' ? share : share - (street[y] ?? share));
    const values = data.cells.flatMap((row, y) => row.flatMap((c) => (c ? [metric(y, c.share)] : [])));
    let lo: number;
    let hi: number;
    if (colouring === 'share') {
      // the scale spans the figures shown (to the whole percent), so small differences still show
      lo = values.length ? Math.floor(Math.min(...values) / 100) * 100 : 0;
      hi = values.length ? Math.max(lo + 100, Math.ceil(Math.max(...values) / 100) * 100) : 10000;
    } else {
      const reach = Math.max(50, ...values.map((v) => Math.abs(v)));
      lo = -reach;
      hi = reach;
    }
    const points = data.cells.flatMap((row, y) =>
      row.map((cell, x) => {
        if (!cell) return { value: [x, y, '-'] };
        const v = metric(y, cell.share);
        return { value: [x, y, v], share: cell.share, label: { color: darkOnScale((v - lo) / (hi - lo)) ? '#fff' : '#000' } };
      }),
    );
    const chart: ChartOption = {
      grid: { left: 150, right: 20, top: 10, bottom: 96 },
      tooltip: {
        ...TOOLTIP,
        trigger: 'item',
        formatter: (p: { value: [number, number, number | string] }) => {
          const [x, y] = p.value;
          const c = data.criteria[y]!;
          const cell = data.cells[y]?.[x];
          const mean = street[y];
          const head = `<b>${escapeHtml(c.name)}</b>（${escapeHtml(c.category)} · ${escapeHtml(kindLabel(c.kind))} · 分值 ${fixed2(c.max)}）<br/>${escapeHtml(data.communities[x]!.name)}`;
          if (!cell) return `${head}<br/>无数据`;
          const diff = mean === null || mean === undefined ? '' : `<br/>全街道平均：${fixed2(mean)}%（相差 ${signed2(cell.share - mean)} 个百分点）`;
          return `${head}<br/>平均得分率：<b>${fixed2(cell.share)}%</b>${diff}<br/>评分表：${cell.sheets} 份`;
        },
      },
      xAxis: { type: 'category', data: data.communities.map((c) => c.name), axisLabel: { ...AXIS_LABEL, interval: 0, rotate: 30 }, splitArea: { show: false } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: data.criteria.map((c) => c.name),
        axisLabel: { ...AXIS_LABEL, interval: 0, width: 140, overflow: 'truncate' },
      },
      visualMap: {
        type: 'continuous',
        dimension: 2,
        min: lo,
        max: hi,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 220,
        itemWidth: 12,
        inRange: { color: SEQUENTIAL },
        text: colouring === 'share' ? [`${fixed2(hi)}%（高）`, `${fixed2(lo)}%（低）`] : [`高于全街道 ${fixed2(hi)} 个百分点`, `低于全街道 ${fixed2(-lo)} 个百分点`],
      },
      series: [
        {
          type: 'heatmap',
          name: '平均得分率',
          data: points,
          // the cell always shows the share itself, whatever its colour says
          label: { show: true, fontSize: 11, formatter: (p: { data: { share?: number } }) => (p.data.share === undefined ? '—' : fixed2(p.data.share)) },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { itemStyle: { borderColor: '#000', borderWidth: 2 } },
        },
      ],
    };
    return { option: chart, low: lo, high: hi };
  }, [data, colouring, street]);

  const table: ChartTable = {
    columns: [
      { header: '指标' },
      { header: '分类' },
      { header: '类型' },
      { header: '分值', kind: 'hundredths' },
      { header: '全街道（%）', kind: 'hundredths' },
      ...data.communities.map((c) => ({ header: `${c.name}（%）`, kind: 'hundredths' as const })),
    ],
    rows: data.criteria.map((c, y) => [c.name, c.category, kindLabel(c.kind), c.max, street[y] ?? null, ...data.communities.map((_, x) => data.cells[y]?.[x]?.share ?? null)]),
  };
  return (
    <div className="analysis-body">
      <ChartCard
        title="各社区指标得分率"
        subtitle={scope}
        incomplete={incompleteOf(data.months)}
        option={option}
        height={Math.max(260, data.criteria.length * 30 + 110)}
        table={table}
        extra={<FilterSelect label="着色" choices={COLOURINGS} value={colouring} onChange={(v) => setColouring(v ?? 'street')} none={null} />}
        note={
          colouring === 'street'
            ? `格中数字为该社区在该指标上平均得到分值的百分之几；颜色按与全街道同一指标相比：越深越低于全街道（最多相差 ${fixed2(high)} 个百分点）。共 ${data.months.length} 个月。`
            : `格中数字为该社区在该指标上平均得到分值的百分之几（${fixed2(low)}% 至 ${fixed2(high)}%）；颜色越深得分率越低。共 ${data.months.length} 个月。`
        }
      />
    </div>
  );
}
