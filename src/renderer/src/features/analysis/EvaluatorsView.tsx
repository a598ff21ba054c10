/**
 * 考核人: leniency (the evaluator's total against the other evaluators' mean for the same worker), flat scoring and
 * ceiling per evaluator, with n and spread, flagged as the core's rules say; an evaluator's pairs on a click.
 */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { AnalysisFilter, EvaluatorReport, PairsView } from '../../../../shared/contract/analysis';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import type { ChartOption } from '../../components/Chart';
import { ChartCard, type ChartTable } from '../../components/ChartCard';
import { AXIS_LABEL, DECALS, escapeHtml, fixed2, orDash, PALETTE, signed2, TOOLTIP } from '../../components/chart-kit';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { SimpleTable } from '../../components/SimpleTable';
import { incompleteOf, Loading } from './parts';

type Row = EvaluatorReport['evaluators'][number];

export function flagsOf(e: Pick<Row, 'lenient' | 'harsh' | 'flat'>): string[] {
  return [e.lenient ? '偏松' : '', e.harsh ? '偏严' : '', e.flat ? '打分过于集中' : ''].filter(Boolean);
}

export function EvaluatorsView({ filter, scope }: { filter: AnalysisFilter; scope: string }) {
  const { notifyError } = useAppState();
  const { data, loading } = useCall('analysis.evaluators', filter, [], { onError: notifyError });
  const [chosen, setChosen] = useState<number | null>(null);
  if (!data) return <Loading loading={loading} />;
  if (data.evaluators.length === 0) return <div className="card muted">所选月份还没有完整的评分表。</div>;
  const evaluator = data.evaluators.find((e) => e.evaluatorId === chosen) ?? null;
  return (
    <div className="analysis-body">
      <EvaluatorsCard data={data} scope={scope} chosen={chosen} onChoose={setChosen} />
      {evaluator ? <PairsPanel filter={filter} evaluator={evaluator} scope={scope} /> : null}
    </div>
  );
}

function EvaluatorsCard({ data, scope, chosen, onChoose }: { data: EvaluatorReport; scope: string; chosen: number | null; onChoose: (id: number) => void }) {
  const { rules } = data;
  const option = useMemo<ChartOption>(() => {
    const list = data.evaluators;
    return {
      aria: DECALS,
      grid: { left: 52, right: 64, top: 16, bottom: list.some((e) => e.name.length > 4) ? 56 : 28 },
      tooltip: {
        ...TOOLTIP,
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const e = list[p.dataIndex]!;
          const flags = flagsOf(e);
          return [
            `<b>${escapeHtml(e.name)}</b>${e.group ? `（${escapeHtml(e.group)}）` : ''}${flags.length ? ` · <b>${flags.join('、')}</b>` : ''}`,
            `与他人平均之差：<b>${orDash(e.leniency, signed2)}</b>（共评 ${e.shared} 人次，差值标准差 ${fixed2(e.leniencySpread)}）`,
            `其所评分数：平均 ${orDash(e.mean)}，标准差 ${fixed2(e.spread)}（${e.workers} 人次）`,
            `满分占比：${fixed2(e.ceilingShare)}%`,
          ].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: list.map((e) => e.name), axisLabel: { ...AXIS_LABEL, interval: 0, rotate: list.some((e) => e.name.length > 4) ? 30 : 0 } },
      // the ± lines of the rule always in sight
      yAxis: {
        type: 'value',
        name: '分',
        min: (v: { min: number }) => Math.floor(Math.min(v.min, -rules.leniencyPoints * 1.3) / 100) * 100,
        max: (v: { max: number }) => Math.ceil(Math.max(v.max, rules.leniencyPoints * 1.3) / 100) * 100,
        axisLabel: { formatter: (v: number) => String(v / 100) },
      },
      series: [
        {
          type: 'bar',
          name: '与他人平均之差',
          barMaxWidth: 36,
          data: list.map((e) => ({
            value: e.leniency ?? 0,
            itemStyle: { color: e.lenient ? PALETTE[1] : e.harsh ? PALETTE[0] : '#9aa5b4', borderColor: e.evaluatorId === chosen ? '#000' : undefined, borderWidth: e.evaluatorId === chosen ? 2 : 0 },
          })),
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { dataIndex: number }) => orDash(list[p.dataIndex]!.leniency, signed2) },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#000' },
            data: [
              { yAxis: rules.leniencyPoints, label: { formatter: `偏松 ${signed2(rules.leniencyPoints)}`, fontSize: 11 } },
              { yAxis: -rules.leniencyPoints, label: { formatter: `偏严 ${signed2(-rules.leniencyPoints)}`, fontSize: 11 } },
            ],
          },
        },
      ],
    };
  }, [data, rules, chosen]);

  const table: ChartTable = {
    columns: [
      { header: '考核人' },
      { header: '考核组' },
      { header: '评分人次', kind: 'count' },
      { header: '平均分', kind: 'hundredths' },
      { header: '评分标准差', kind: 'hundredths' },
      { header: '满分占比（%）', kind: 'hundredths' },
      { header: '共评人次', kind: 'count' },
      { header: '与他人平均之差', kind: 'hundredths' },
      { header: '差值标准差', kind: 'hundredths' },
      { header: '标记' },
    ],
    rows: data.evaluators.map((e) => [e.name, e.group, e.workers, e.mean, e.spread, e.ceilingShare, e.shared, e.leniency, e.leniencySpread, flagsOf(e).join('、')]),
  };

  return (
    <>
      <ChartCard
        title="考核人宽严度"
        subtitle={scope}
        incomplete={incompleteOf(data.months)}
        option={option}
        height={240}
        table={table}
        note={`柱高为该考核人给分减去其他考核人对同一人员的平均分；虚线为 ±${fixed2(rules.leniencyPoints)} 分。点击柱子查看明细。`}
        onItemClick={({ dataIndex }) => {
          const e = data.evaluators[dataIndex];
          if (e) onChoose(e.evaluatorId);
        }}
      />
      <div className="card">
        <p className="muted small" style={{ marginTop: 0 }}>
          标记规则：共评 ≥ {rules.leniencyMinWorkers} 人次且与他人平均相差 ≥ {fixed2(rules.leniencyPoints)} 分为“偏松”（高）或“偏严”（低）；评分 ≥ {rules.flatMinWorkers} 人次且标准差 &lt;{' '}
          {fixed2(rules.flatSpread)} 分为“打分过于集中”；满分 {fixed2(data.fullScore)} 分。点击一行查看该考核人与他人对同一人员的评分对比。
        </p>
        <SimpleTable
          label="考核人评分情况"
          className="evaluator-table"
          heads={['考核人', '考核组', '评分人次', '平均分', '标准差', '满分占比', '共评人次', '与他人平均之差', '差值标准差', '标记', '']}
          rows={data.evaluators}
        >
          {(e) => {
            const flags = flagsOf(e);
            return (
              <tr key={e.evaluatorId} className={`${flags.length ? 'flagged' : ''}${e.evaluatorId === chosen ? ' chosen' : ''}`} onClick={() => onChoose(e.evaluatorId)}>
                <td>{e.name}</td>
                <td>{e.group}</td>
                <td className="num">{e.workers}</td>
                <td className="num">{orDash(e.mean)}</td>
                <td className="num">{fixed2(e.spread)}</td>
                <td className="num">{fixed2(e.ceilingShare)}%</td>
                <td className="num">{e.shared}</td>
                <td className="num strong">{orDash(e.leniency, signed2)}</td>
                <td className="num">{fixed2(e.leniencySpread)}</td>
                <td>
                  {flags.map((f) => (
                    <span key={f} className="badge bad" style={{ marginRight: 4 }}>
                      {f}
                    </span>
                  ))}
                </td>
                <td>
                  <button type="button" className="btn small" disabled={e.shared === 0} onClick={() => onChoose(e.evaluatorId)} aria-label={`查看${e.name}的评分对比`}>
                    查看明细
                  </button>
                </td>
              </tr>
            );
          }}
        </SimpleTable>
      </div>
    </>
  );
}

type PairRow = PairsView['pairs'][number];
const num: ExportContext = { exportType: 'number' };

function PairsPanel({ filter, evaluator, scope }: { filter: AnalysisFilter; evaluator: Row; scope: string }) {
  const { notifyError } = useAppState();
  const { data } = useCall('analysis.pairs', { ...filter, evaluatorId: evaluator.evaluatorId }, [], { onError: notifyError });
  const api = useRef<GridApi<PairRow> | null>(null);
  const exportGrid = useExportGrid();
  const pairs = useMemo(() => data?.pairs ?? [], [data]);
  const option = useMemo<ChartOption>(() => {
    const values = pairs.flatMap((p) => [p.total, p.others]);
    const lo = values.length ? Math.floor(Math.min(...values) / 500) * 500 : 0;
    const hi = values.length ? Math.ceil(Math.max(...values) / 500) * 500 : 10000;
    return {
      grid: { left: 52, right: 24, top: 24, bottom: 40 },
      tooltip: {
        ...TOOLTIP,
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const x = pairs[p.dataIndex];
          return x
            ? `<b>${escapeHtml(x.name)}</b> · ${escapeHtml(x.period)}<br/>${escapeHtml(x.unitPath)}<br/>${escapeHtml(evaluator.name)}：<b>${fixed2(x.total)}</b><br/>其他考核人平均：<b>${fixed2(x.others)}</b><br/>差：<b>${signed2(x.difference)}</b>`
            : '';
        },
      },
      xAxis: { type: 'value', min: lo, max: hi, name: '其他考核人平均', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => String(v / 100) } },
      yAxis: { type: 'value', min: lo, max: hi, name: `${evaluator.name}给分`, axisLabel: { formatter: (v: number) => String(v / 100) } },
      series: [
        {
          type: 'scatter',
          name: '人员',
          symbolSize: 6,
          itemStyle: { color: PALETTE[1], opacity: 0.75 },
          data: pairs.map((p) => [p.others, p.total]),
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#000', type: 'dashed' }, label: { formatter: '给分相同', position: 'insideEndTop' }, data: [[{ coord: [lo, lo] }, { coord: [hi, hi] }]] },
        },
      ],
    };
  }, [pairs, evaluator.name]);

  const columns = useMemo<ColDef<PairRow>[]>(
    () => [
      { field: 'name', headerName: '姓名', width: 84 },
      { field: 'unitPath', headerName: '所属单位', flex: 1, minWidth: 120, tooltipField: 'unitPath' },
      { field: 'period', headerName: '月份', width: 88 },
      { colId: 'total', headerName: '本人给分', headerTooltip: `${evaluator.name}给分`, width: 96, valueGetter: (p) => (p.data ? p.data.total / 100 : null), valueFormatter: (p) => fixed2(Math.round((p.value as number) * 100)), context: num },
      { colId: 'others', headerName: '他人平均', headerTooltip: '其他考核人的平均分', width: 96, valueGetter: (p) => (p.data ? p.data.others / 100 : null), valueFormatter: (p) => fixed2(Math.round((p.value as number) * 100)), context: num },
      {
        colId: 'difference',
        headerName: '差',
        width: 84,
        sort: 'desc',
        valueGetter: (p) => (p.data ? p.data.difference / 100 : null),
        valueFormatter: (p) => signed2(Math.round((p.value as number) * 100)),
        cellClass: (p) => ((p.value as number) > 0 ? 'plus-text' : (p.value as number) < 0 ? 'minus-text' : undefined),
        context: num,
      },
    ],
    [evaluator.name],
  );
  const flags = flagsOf(evaluator);
  const table: ChartTable = {
    columns: [{ header: '姓名' }, { header: '所属单位' }, { header: '月份' }, { header: `${evaluator.name}给分`, kind: 'hundredths' }, { header: '其他考核人平均', kind: 'hundredths' }, { header: '差', kind: 'hundredths' }],
    rows: pairs.map((p) => [p.name, p.unitPath, p.period, p.total, p.others, p.difference]),
  };
  return (
    <section className="pairs" aria-label={`${evaluator.name}的评分对比`}>
      <div className="analysis-pair">
        <ChartCard
          title={`${evaluator.name}与其他考核人给分对比`}
          subtitle={scope}
          option={option}
          height={300}
          table={table}
          empty={data ? (pairs.length === 0 ? '没有与其他考核人共同评分的人员' : null) : '正在读取…'}
          note="每个点是一名人员一个月的评分；在虚线上方表示该考核人给分高于其他考核人。"
        />
        <div className="card pairs-grid">
          <div className="chart-head">
            <h2>
              {evaluator.name} · 共评 {pairs.length} 人次
            </h2>
            {flags.map((f) => (
              <span key={f} className="badge bad">
                {f}
              </span>
            ))}
            <span className="muted small">平均差 {orDash(evaluator.leniency, signed2)} 分</span>
            <span className="grow" />
            <button type="button" className="btn small" disabled={pairs.length === 0} onClick={() => void exportGrid(api.current, `${evaluator.name}评分对比（${scope}）`, scope)}>
              导出Excel
            </button>
          </div>
          <div className="pairs-grid-body">
            <DataGrid<PairRow> label="评分对比明细" rows={pairs} columns={columns} rowId={(r) => `${r.personId}-${r.period}`} onReady={(a) => (api.current = a)} />
          </div>
        </div>
      </div>
    </section>
  );
}
