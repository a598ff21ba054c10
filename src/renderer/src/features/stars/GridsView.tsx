/** 星级网格: each grid's stars from the mean of its workers' stars in a rating run. */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StarGridRow, StarRunSummary } from '../../../../shared/contract/stars';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { StarCounts, starColumn } from './parts';

const num: ExportContext = { exportType: 'number' };

export function GridsView({ runs }: { runs: StarRunSummary[] }) {
  const { notifyError } = useAppState();
  const [runId, setRunId] = useState<number | null>(null);
  const api = useRef<GridApi<StarGridRow> | null>(null);

  useEffect(() => {
    setRunId((id) => (id !== null && runs.some((r) => r.id === id) ? id : (runs.find((r) => r.status === 'published') ?? runs[0])?.id ?? null));
  }, [runs]);
  const { data } = useCall('stars.grids', runId === null ? null : { runId }, [], { onError: notifyError });
  const rows = data ?? NONE;

  const run = runs.find((r) => r.id === runId) ?? null;
  const counts = useMemo(() => {
    const c = [0, 0, 0, 0, 0];
    for (const r of rows) c[r.stars - 1]!++;
    return c;
  }, [rows]);
  const columns = useMemo<ColDef<StarGridRow>[]>(
    () => [
      { field: 'name', headerName: '网格', width: 190, pinned: 'left' },
      { field: 'community', headerName: '所属社区', width: 130 },
      { field: 'workers', headerName: '参评人数', width: 96, context: num },
      { colId: 'mean', headerName: '平均星级', width: 96, valueGetter: (p) => (p.data ? p.data.mean / 100 : null), valueFormatter: (p) => (typeof p.value === 'number' ? p.value.toFixed(2) : ''), context: num },
      starColumn<StarGridRow>('stars', '网格星级', (r) => r.stars, { width: 116 }),
      { field: 'unitPath', headerName: '完整路径', flex: 1, minWidth: 240 },
    ],
    [],
  );
  const exportGrid = useExportGrid();
  const exportExcel = async () => {
    if (run) await exportGrid(api.current, `${run.periodLabel}${run.ruleSetName}星级网格`, `${run.ruleSetName}\u3000${run.status === 'published' ? '已发布' : '草稿'}`);
  };

  return (
    <div className="stars-body">
      <div className="toolbar card">
        <label>
          评定
          <select aria-label="评定" value={runId ?? ''} onChange={(e) => setRunId(Number(e.target.value))}>
            {runs.length === 0 ? <option value="">（还没有评定）</option> : null}
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.periodLabel} {r.ruleSetName}
                {r.status === 'published' ? '（已发布）' : '（草稿）'}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">网格星级按其网格员星级的平均值，对照规则中的网格星级线评定；微网格的人员计入所属网格。</span>
        <span className="grow" />
        <button type="button" className="btn" disabled={!rows.length} onClick={() => void exportExcel()}>
          导出Excel
        </button>
      </div>
      <div className="run-summary">
        <StarCounts counts={counts} unit="个" label="各星级网格数" />
        <span className="muted">共 {rows.length} 个网格</span>
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 280 }}>
        <DataGrid<StarGridRow> label="星级网格" rows={rows} columns={columns} rowId={(r) => String(r.unitId)} onReady={(a) => (api.current = a)} />
      </div>
    </div>
  );
}
