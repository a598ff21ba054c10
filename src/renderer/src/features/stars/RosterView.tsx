/** 星级名册: everyone's latest published stars as of a date, by unit, with counts, 导出Excel and each person's history. */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StarRosterRow } from '../../../../shared/contract/stars';
import { isValidDate } from '../../../../shared/domain/dates';
import { formatHundredths } from '../../../../shared/domain/scoring';
import { starText } from '../../../../shared/domain/stars';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Chart, type ChartOption } from '../../components/Chart';
import { DataGrid, useExportGrid } from '../../components/DataGrid';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { SimpleTable } from '../../components/SimpleTable';
import { StarCounts, starColumn, useCommunities } from './parts';
import { CommunitySelect } from '../../components/CommunitySelect';

export function RosterView() {
  const { info, notifyError } = useAppState();
  const [asOf, setAsOf] = useState(info?.today ?? '');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [historyOf, setHistoryOf] = useState<StarRosterRow | null>(null);
  const [find, setFind] = useState('');
  const communities = useCommunities();
  const api = useRef<GridApi<StarRosterRow> | null>(null);

  useEffect(() => {
    if (!asOf && info?.today) setAsOf(info.today);
  }, [asOf, info?.today]);
  // a date being typed keeps the roster of the last whole one
  const [validAsOf, setValidAsOf] = useState(asOf);
  useEffect(() => {
    if (isValidDate(asOf)) setValidAsOf(asOf);
  }, [asOf]);
  const { data: roster } = useCall('stars.roster', isValidDate(validAsOf) ? { asOf: validAsOf, unitId } : null, [], { onError: notifyError });

  const columns = useMemo<ColDef<StarRosterRow>[]>(
    () => [
      { field: 'name', headerName: '姓名', width: 96, pinned: 'left' },
      { field: 'unitPath', headerName: '所属单位', width: 220, tooltipField: 'unitPath' },
      starColumn<StarRosterRow>('stars', '星级', (r) => r.stars, { width: 112, sort: 'desc' }),
      { field: 'periodLabel', headerName: '评定期间', width: 140 },
      { field: 'overridden', headerName: '人工调整', width: 96, filter: false, cellDataType: false, valueFormatter: (p) => (p.value ? '是' : '') },
      { field: 'reason', headerName: '评定依据', flex: 1, minWidth: 360, tooltipField: 'reason' },
    ],
    [],
  );

  const unitName = communities.find((u) => u.id === unitId)?.name ?? '全街道';
  const exportGrid = useExportGrid();
  const exportExcel = () => exportGrid(api.current, `星级名册（${unitName}，截至${asOf}）`, `${unitName}\u3000截至 ${asOf}`);

  return (
    <div className="stars-body">
      <div className="toolbar card">
        <label>
          截至日期
          <DateInput aria-label="截至日期" value={asOf} onChange={setAsOf} style={{ width: 120 }} />
        </label>
        <CommunitySelect label="单位" communities={communities} value={unitId} onChange={setUnitId} />
        <input type="search" aria-label="查找姓名" placeholder="查找姓名" value={find} onChange={(e) => setFind(e.target.value)} style={{ width: 140 }} />
        <span className="muted">双击一行查看此人的星级历史</span>
        <span className="grow" />
        <button type="button" className="btn" disabled={!roster?.rows.length} onClick={() => void exportExcel()}>
          导出Excel
        </button>
      </div>
      <div className="run-summary">
        <StarCounts counts={roster?.counts ?? []} />
        <span className="muted" aria-label="名册人数">
          共 {roster?.rows.length ?? 0} 人：在岗人员截至 {asOf} 最近一次已发布的星级
        </span>
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 280 }}>
        <DataGrid<StarRosterRow>
          label="星级名册"
          rows={find.trim() ? (roster?.rows ?? []).filter((r) => r.name.includes(find.trim())) : (roster?.rows ?? [])}
          columns={columns}
          rowId={(r) => String(r.personId)}
          onReady={(a) => (api.current = a)}
          onRowActivated={setHistoryOf}
        />
      </div>
      {historyOf ? <StarHistoryDialog personId={historyOf.personId} name={historyOf.name} onClose={() => setHistoryOf(null)} /> : null}
    </div>
  );
}

export function StarHistoryDialog({ personId, name, onClose }: { personId: number; name: string; onClose: () => void }) {
  const { data, error } = useCall('stars.personHistory', { personId });
  const items = data ?? NONE;
  const chart = useMemo<ChartOption>(
    () => ({
      grid: { left: 78, right: 20, top: 20, bottom: 30 },
      tooltip: { trigger: 'axis', formatter: (p: { name: string; value: number }[]) => `${p[0]?.name ?? ''}<br/>${starText(p[0]?.value ?? 0)}` },
      xAxis: { type: 'category', data: items.map((i) => i.periodLabel.replace('年', '年\n')) },
      yAxis: { type: 'value', min: 1, max: 5, interval: 1, axisLabel: { formatter: (v: number) => starText(v), color: '#d49a00' } },
      series: [{ type: 'line', step: 'middle', symbolSize: 8, lineStyle: { width: 2, color: '#d49a00' }, itemStyle: { color: '#d49a00' }, data: items.map((i) => i.stars) }],
    }),
    [items],
  );
  return (
    <Dialog title={`星级历史：${name}`} onClose={onClose} onSubmit={onClose} closeOnly width={880} error={error} wide>
      {items.length ? <Chart option={chart} height={230} label={`${name}的星级变化`} /> : <p className="muted">还没有已发布的星级评定。</p>}
      <SimpleTable label="星级历史" heads={['评定期间', '平均分', '星级', '评定依据']} rows={[...items].reverse()} style={{ marginTop: 8 }}>
        {(i) => (
          <tr key={i.runId}>
            <td style={{ whiteSpace: 'nowrap' }}>{i.periodLabel}</td>
            <td>{formatHundredths(i.average)}</td>
            <td className="stars-text" style={{ whiteSpace: 'nowrap' }}>
              {starText(i.stars)}
            </td>
            <td>
              {i.reason}
              {i.overrideReason ? `；人工调整为 ${i.stars}★：${i.overrideReason}` : ''}
            </td>
          </tr>
        )}
      </SimpleTable>
    </Dialog>
  );
}
