/** 积分排行: balances for a month, quarter, year or all time, ranked across the street, in each community and role. */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import type { BalanceRow } from '../../../../shared/contract/points';
import { ROLES } from '../../../../shared/domain/people';
import { BALANCE_KIND_KEYS, BALANCE_KINDS, periodLabel, POINT_SOURCES, recentPeriods, type BalanceKind } from '../../../../shared/domain/points';
import { formatHundredths, meanOf, fixed2 } from '../../../../shared/domain/scoring';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Chart, type ChartOption } from '../../components/Chart';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { Dialog } from '../../components/Dialog';
import { SimpleTable } from '../../components/SimpleTable';
import { entryState, formatSigned, quantityText } from './format';
import { CommunitySelect } from '../../components/CommunitySelect';
import { FilterSelect } from '../../components/Select';

const num: ExportContext = { exportType: 'number' };
const COUNTS: Record<BalanceKind, number> = { month: 36, quarter: 12, year: 6, all: 1 };
const hundredths = (v: number | undefined) => (v === undefined ? null : v / 100);

export function Leaderboard({ communities, today, version }: { communities: UnitNode[]; today: string; version: number }) {
  const { notifyError } = useAppState();
  const [kind, setKind] = useState<BalanceKind>('month');
  const periods = useMemo(() => (today ? recentPeriods(kind, today, COUNTS[kind]) : []), [kind, today]);
  const [period, setPeriod] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [role, setRole] = useState('');
  const [find, setFind] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [ledgerOf, setLedgerOf] = useState<BalanceRow | null>(null);
  const api = useRef<GridApi<BalanceRow> | null>(null);

  // A new kind starts at its newest period.
  const chosen = periods.includes(period) ? period : (periods[0] ?? '');
  const { data } = useCall('points.balances', today ? { kind, period: chosen, unitId, role } : null, [version], { onError: notifyError });

  const columns = useMemo<ColDef<BalanceRow>[]>(
    () => [
      { field: 'rank', headerName: '排名', width: 72, context: num, pinned: 'left' },
      { field: 'name', headerName: '姓名', width: 96, pinned: 'left' },
      { field: 'unitPath', headerName: '所属单位', width: 190, tooltipField: 'unitPath' },
      { field: 'role', headerName: '岗位', width: 100 },
      { colId: 'points', headerName: '积分', width: 90, valueGetter: (p) => hundredths(p.data?.points), context: num, cellClass: 'num strong' },
      { colId: 'plus', headerName: '加分', width: 84, valueGetter: (p) => hundredths(p.data?.plus), context: num, cellClass: (p) => (p.value ? 'num plus' : 'num') },
      { colId: 'minus', headerName: '扣分', width: 84, valueGetter: (p) => hundredths(p.data?.minus), context: num, cellClass: (p) => (p.value ? 'num minus' : 'num') },
      { field: 'entries', headerName: '记录数', width: 84, context: num },
      { field: 'community', headerName: '社区', width: 110 },
      { field: 'rankInCommunity', headerName: '社区排名', width: 96, context: num },
      { field: 'rankInRole', headerName: '岗位排名', width: 96, context: num },
      { field: 'status', headerName: '状态', width: 76 },
    ],
    [],
  );

  const rows = useMemo(() => data?.rows ?? [], [data]);
  const selected = rows.find((r) => r.personId === selectedId) ?? null;
  const total = rows.reduce((s, r) => s + r.points, 0);
  const chart = useMemo<ChartOption>(() => {
    const byCommunity = new Map<string, number[]>();
    for (const r of rows) {
      const points = byCommunity.get(r.community) ?? [];
      points.push(r.points);
      byCommunity.set(r.community, points);
    }
    const list = [...byCommunity].map(([name, points]) => ({ name, mean: meanOf(points)! / 100 })).sort((a, b) => b.mean - a.mean);
    return {
      grid: { left: 44, right: 12, top: 20, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: list.map((c) => c.name), axisLabel: { interval: 0, rotate: list.length > 8 ? 30 : 0, fontSize: 11 } },
      yAxis: { type: 'value', name: '人均', nameTextStyle: { fontSize: 11 } },
      series: [{ type: 'bar', barWidth: '50%', data: list.map((c) => c.mean), itemStyle: { color: '#2563c9' } }],
    };
  }, [rows]);

  const exportGrid = useExportGrid();
  const exportExcel = async () => {
    if (!data) return;
    const scope = [communities.find((c) => c.id === unitId)?.name, role].filter(Boolean).join(' · ');
    await exportGrid(api.current, `积分排行（${[data.label, scope].filter(Boolean).join('，')}）`, `${data.from ? `${data.from} 至 ${data.to}` : '全部记录'}${scope ? `\u3000${scope}` : ''}`);
  };

  return (
    <div className="month-body">
      <div className="toolbar card filters">
        <div className="seg" role="radiogroup" aria-label="统计方式">
          {BALANCE_KIND_KEYS.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={kind === k} className={kind === k ? 'on' : undefined} onClick={() => setKind(k)}>
              {BALANCE_KINDS[k]}
            </button>
          ))}
        </div>
        {kind !== 'all' ? (
          <label>
            期间
            <select aria-label="统计期间" value={chosen} onChange={(e) => setPeriod(e.target.value)}>
              {periods.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(kind, p)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <CommunitySelect label="社区" communities={communities} value={unitId} onChange={setUnitId} />
        <FilterSelect label="岗位" choices={ROLES.map((r) => ({ value: r, label: r }))} value={role || null} onChange={(r) => setRole(r ?? '')} />
        <input type="search" aria-label="查找人员" placeholder="在排行中查找姓名或单位" value={find} onChange={(e) => setFind(e.target.value)} />
        <span className="grow" />
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && setLedgerOf(selected)}>
          查看台账
        </button>
        <button type="button" className="btn" disabled={rows.length === 0} onClick={() => void exportExcel()}>
          导出Excel
        </button>
      </div>
      <div className="stat-row">
        <div className="card" style={{ minWidth: 300 }}>
          <div className="muted" aria-label="统计期间说明">
            {data?.label ?? ''}{data?.from ? `（${data.from} 至 ${data.to}）` : ''}
          </div>
          <div style={{ fontSize: 22, fontWeight: 700 }} aria-label="排行合计">
            {rows.length} 人 · 合计 {formatSigned(total)} 分
          </div>
          <div className="muted" style={{ marginTop: 6 }}>
            人均 {rows.length ? fixed2(meanOf(rows.map((r) => r.points))!) : '—'} 分 · 最高 {rows[0] ? formatSigned(rows[0].points) : '—'} 分
          </div>
        </div>
        <div className="card" style={{ flex: 1, minWidth: 0 }}>
          <Chart option={chart} height={120} label="各社区人均积分" />
        </div>
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 300 }}>
        <DataGrid<BalanceRow>
          label="积分排行"
          rows={rows}
          columns={columns}
          rowId={(r) => String(r.personId)}
          onReady={(a) => (api.current = a)}
          onSelectionChanged={(r) => setSelectedId(r?.personId ?? null)}
          onRowActivated={setLedgerOf}
          options={{ quickFilterText: find }}
        />
      </div>
      {ledgerOf ? <PersonLedgerDialog personId={ledgerOf.personId} onClose={() => setLedgerOf(null)} /> : null}
    </div>
  );
}

/** One person's ledger in date order with the running balance, and the balance as a line. */
export function PersonLedgerDialog({ personId, onClose }: { personId: number; onClose: () => void }) {
  const { data: ledger, error } = useCall('points.personLedger', { personId });
  const chart = useMemo<ChartOption>(() => {
    const rows = ledger?.rows ?? [];
    // the balance at the end of each day with entries
    const byDay = new Map<string, number>();
    for (const r of rows) byDay.set(r.date, r.balance / 100);
    return {
      grid: { left: 48, right: 16, top: 20, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value' },
      series: [{ type: 'line', step: 'end', symbol: 'none', data: [...byDay], areaStyle: { opacity: 0.08 } }],
    };
  }, [ledger]);
  const title = ledger ? `积分台账：${ledger.name}（${ledger.unitPath}）` : '积分台账';
  return (
    <Dialog title={title} onClose={onClose} onSubmit={onClose} closeOnly width={980} error={error}>
      <div className="ledger-summary" aria-label="积分小计">
        累计 <b>{formatSigned(ledger?.total ?? 0)}</b> 分 · 加分 {formatSigned(ledger?.plus ?? 0)} · 扣分 {formatSigned(ledger?.minus ?? 0)} · 共{' '}
        {ledger?.rows.length ?? 0} 条记录
      </div>
      <Chart option={chart} height={170} label="积分余额走势" />
      <div className="ledger-table">
        <SimpleTable
          label="个人积分台账"
          heads={['日期', '积分规则', { head: '数量', className: 'num' }, { head: '积分', className: 'num' }, { head: '余额', className: 'num' }, '来源', '依据说明', '冲销']}
          rows={[...(ledger?.rows ?? [])].reverse()}
        >
          {(r) => (
            <tr key={r.id} className={r.reversedBy !== null ? 'row-reversed' : r.reversesId !== null ? 'row-reversal' : undefined}>
              <td>{r.date}</td>
              <td>{r.ruleName}</td>
              <td className="num">{quantityText(r)}</td>
              <td className={`num ${r.points < 0 ? 'minus' : 'plus'}`}>{formatSigned(r.points)}</td>
              <td className="num">{formatHundredths(r.balance)}</td>
              <td>{POINT_SOURCES[r.source]}</td>
              <td className="note">{r.note}</td>
              <td>{entryState(r)}</td>
            </tr>
          )}
        </SimpleTable>
      </div>
    </Dialog>
  );
}
