/** A month's results for a unit: grade counts and their spread, a sortable table, the derivation of any total. */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { MonthSummary, ResultRow } from '../../../../shared/contract/assessments';
import { fixed2, GRADES, meanOf, type Grade } from '../../../../shared/domain/scoring';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Chart, type ChartOption } from '../../components/Chart';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { FilterSelect } from '../../components/Select';
import { printHref } from '../reports/print-routes';
import { DerivationDialog } from './DerivationDialog';
import { HistoryDialog } from './HistoryDialog';
import { markProvisional, provisionalTip } from './provisional';

const GRADE_COLORS: Record<string, string> = { 优秀: '#2e7d32', 良好: '#1d6fd6', 合格: '#6b7686', 基本合格: '#f0a020', 不合格: '#c62828' };
const num: ExportContext = { exportType: 'number' };

/** Who is listed: a link from 首页 may ask for the unscored workers, or one grade. */
export interface ResultsFilter {
  unscored: boolean;
  grade: Grade | null;
}

const unscoredRow = (r: ResultRow) => r.total === null && !r.exemptReason;

export function ResultsView({
  month,
  unitId,
  unitName,
  version,
  initialFilter,
  onOpenSheet,
}: {
  month: MonthSummary;
  unitId: number | null;
  /** The unit's name, for the export's title and file name. */
  unitName: string;
  version: number;
  initialFilter?: ResultsFilter;
  /** Opens an evaluator's scoring sheet (to give the reasons it lacks). */
  onOpenSheet: (evaluatorId: number) => void;
}) {
  const { notifyError } = useAppState();
  const [selected, setSelected] = useState<ResultRow | null>(null);
  const [derivationOf, setDerivationOf] = useState<ResultRow | null>(null);
  const [historyOf, setHistoryOf] = useState<ResultRow | null>(null);
  const [fallingOnly, setFallingOnly] = useState(false);
  const [unscoredOnly, setUnscoredOnly] = useState(initialFilter?.unscored ?? false);
  const [grade, setGrade] = useState<Grade | null>(initialFilter?.grade ?? null);
  const api = useRef<GridApi<ResultRow> | null>(null);

  const { data: results } = useCall('assessments.results', { monthId: month.id, unitId }, [version], { onError: notifyError });
  const extreme = useCall('assessments.extremeSheets', { monthId: month.id, unitId }, [version], { onError: notifyError }).data ?? [];
  const lacking = extreme.filter((x) => !x.reason);

  const columns = useMemo<ColDef<ResultRow>[]>(() => {
    const categories = results?.categories ?? [];
    return [
      { field: 'name', headerName: '姓名', width: 96, pinned: 'left' },
      { field: 'unitPath', headerName: '所属单位', width: 180, tooltipField: 'unitPath' },
      { field: 'role', headerName: '岗位', width: 96 },
      ...categories.map(
        (cat): ColDef<ResultRow> => ({
          colId: `cat-${cat}`,
          headerName: cat,
          width: 96,
          filter: false,
          valueGetter: (p) => (p.data?.categories[cat] === undefined ? null : p.data.categories[cat]! / 100),
          valueFormatter: (p) => (typeof p.value === 'number' ? p.value.toFixed(2) : ''),
          context: num,
        }),
      ),
      {
        colId: 'total',
        headerName: '总分',
        width: 100,
        valueGetter: (p) => (p.data?.total === null || p.data?.total === undefined ? null : p.data.total / 100),
        valueFormatter: (p) => (typeof p.value === 'number' ? markProvisional(fixed2(p.value), p.data?.provisional) : ''),
        cellClass: (p) => (p.data?.provisional ? 'provisional' : undefined),
        tooltipValueGetter: (p) => provisionalTip(p.data?.provisional),
        context: num,
        sort: 'desc',
      },
      {
        field: 'grade',
        headerName: '等次',
        width: 84,
        cellClass: (p) => `grade-${String(p.value)}${p.data?.provisional ? ' provisional' : ''}`,
        valueFormatter: (p) => (p.data?.exemptReason ? '免考' : markProvisional((p.value as string) ?? '', p.data?.provisional)),
        tooltipValueGetter: (p) => (p.data?.veto ? '一票否决' : provisionalTip(p.data?.provisional)),
      },
      { field: 'veto', headerName: '否决', width: 70, cellDataType: false, valueFormatter: (p) => (p.value ? '一票否决' : '') },
      {
        field: 'trend',
        headerName: '近四月走势',
        width: 110,
        cellDataType: false,
        valueFormatter: (p) => (p.value === 'falling' ? '↓ 连降三个月' : p.value === 'rising' ? '↑ 连升三个月' : ''),
        cellClass: (p) => (p.value === 'falling' ? 'trend-falling' : p.value === 'rising' ? 'trend-rising' : undefined),
      },
      { field: 'rankInGrid', headerName: '网格排名', width: 90, context: num },
      { field: 'rankInUnit', headerName: '社区排名', width: 90, context: num },
      { field: 'rankInRole', headerName: '岗位排名', width: 90, context: num },
      { field: 'evaluators', headerName: '评分人数', width: 90, context: num },
      { field: 'exemptReason', headerName: '免考原因', width: 110 },
    ];
  }, [results]);

  const chart = useMemo<ChartOption>(
    () => ({
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: [...GRADES] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barWidth: '45%',
          data: GRADES.map((g) => ({ value: results?.gradeCounts[g] ?? 0, itemStyle: { color: GRADE_COLORS[g] } })),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [results],
  );

  const shown = useMemo(
    () => (results?.rows ?? []).filter((r) => (!fallingOnly || r.trend === 'falling') && (!unscoredOnly || unscoredRow(r)) && (grade === null || r.grade === grade)),
    [results, fallingOnly, unscoredOnly, grade],
  );
  const scored = results?.rows.filter((r) => r.total !== null) ?? [];
  const mean = meanOf(scored.map((r) => r.total!));
  const toScore = results?.rows.filter((r) => !r.exemptReason).length ?? 0;
  // while the month is open, a figure some evaluator may still change is 暂计
  const provisional = month.status === 'open' && (scored.length < toScore || scored.some((r) => r.provisional));
  const exportGrid = useExportGrid();
  const exportExcel = async () => {
    // the title names the month, the scheme and the unit: it is the file's name too
    if (results) await exportGrid(api.current, `${month.period}${month.schemeName}结果（${unitName}）`, `${month.schemeName}（第${month.version}版）\u3000${month.status === 'open' ? '录入中' : '已归档'}`);
  };

  return (
    <div className="month-body">
      <div className="stat-row">
        <div className="card" style={{ minWidth: 320 }}>
          <div className="muted">人数 / 平均分</div>
          <div style={{ fontSize: 22, fontWeight: 700 }}>
            {results?.rows.length ?? 0} 人 · {mean === null ? '—' : fixed2(mean)} 分
          </div>
          <div aria-label="完成度" className={provisional ? 'provisional' : 'muted'}>
            已评 {scored.length}/{toScore} 人{provisional ? '（未完成：平均分、等次和排名为暂计）' : ''}
          </div>
          <div className="muted" aria-label="等次人数" style={{ marginTop: 6 }}>
            {GRADES.map((g) => `${g} ${results?.gradeCounts[g] ?? 0}`).join('　')}
          </div>
        </div>
        <div className="card" style={{ flex: 1 }}>
          <Chart option={chart} height={130} label="等次分布" />
        </div>
      </div>
      {extreme.length > 0 ? (
        <details className="card reasons-card" aria-label="评分说明" open={lacking.length > 0 && lacking.length <= 5}>
          <summary>
            评分说明：合计达到高分线或低于低分线的考核表 {extreme.length} 张，
            {lacking.length > 0 ? <b className="error-text">待填写 {lacking.length} 张</b> : <span className="ok-text">均已填写</span>}
            <span className="muted">（不影响归档）</span>
          </summary>
          <ul>
            {lacking.map((x) => (
              <li key={`${x.personId}:${x.evaluatorId}`}>
                <button type="button" className="link" onClick={() => onOpenSheet(x.evaluatorId)} title="打开该考核人的打分表填写说明">
                  {x.name} · {x.evaluatorName}
                </button>
                <span className="muted">{x.unitPath}</span>
                <span className="muted">{x.asked}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="toolbar card" style={{ marginBottom: 8, padding: '6px 10px' }}>
        <label>
          <input type="checkbox" checked={fallingOnly} onChange={(e) => setFallingOnly(e.target.checked)} />
          只看连降三个月（{results?.rows.filter((r) => r.trend === 'falling').length ?? 0} 人）
        </label>
        <label>
          <input type="checkbox" checked={unscoredOnly} onChange={(e) => setUnscoredOnly(e.target.checked)} />
          只看未打分（{results?.rows.filter(unscoredRow).length ?? 0} 人）
        </label>
        <FilterSelect label="等次" choices={GRADES.map((g) => ({ value: g, label: g }))} value={grade} onChange={setGrade} />
        <span className="muted">双击一行查看得分明细</span>
        <span className="grow" />
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && setDerivationOf(selected)}>
          得分明细
        </button>
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && setHistoryOf(selected)}>
          历次考核
        </button>
        <button type="button" className="btn" disabled={!results?.rows.length} onClick={() => void exportExcel()}>
          导出Excel
        </button>
        <button type="button" className="btn" disabled={!results?.rows.length} onClick={() => (window.location.hash = printHref('month-summary', { monthId: month.id, unitId }))}>
          打印汇总表
        </button>
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && (window.location.hash = printHref('score-card', { monthId: month.id, personId: selected.personId }))}>
          打印评分表
        </button>
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 300 }}>
        <DataGrid<ResultRow>
          label="考核结果"
          rows={shown}
          columns={columns}
          rowId={(r) => String(r.personId)}
          onReady={(a) => (api.current = a)}
          onSelectionChanged={setSelected}
          onRowActivated={setDerivationOf}
        />
      </div>
      {derivationOf ? <DerivationDialog monthId={month.id} personId={derivationOf.personId} onClose={() => setDerivationOf(null)} /> : null}
      {historyOf ? <HistoryDialog personId={historyOf.personId} name={historyOf.name} onClose={() => setHistoryOf(null)} /> : null}
    </div>
  );
}

