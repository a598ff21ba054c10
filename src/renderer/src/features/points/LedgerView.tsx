/** 积分台账: every entry, newest first, with filters; a wrong entry is corrected by 冲销, never edited or deleted. */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import type { PointEntry, PointRule } from '../../../../shared/contract/points';
import { formatTimestamp, isValidDate } from '../../../../shared/domain/dates';
import { POINT_SOURCE_KEYS, POINT_SOURCES, type PointSource } from '../../../../shared/domain/points';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { entryState, formatSigned, quantityText } from './format';
import { CommunitySelect } from '../../components/CommunitySelect';
import { FilterSelect } from '../../components/Select';
import { useDebounced } from '../../components/useDebounced';

const num: ExportContext = { exportType: 'number' };


export function LedgerView({ rules, communities, version, onChanged }: { rules: PointRule[]; communities: UnitNode[]; version: number; onChanged: () => void }) {
  const { notify, notifyError } = useAppState();
  const [search, setSearch] = useState('');
  const [ruleId, setRuleId] = useState<number | null>(null);
  const [source, setSource] = useState<PointSource | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // by id: after a reversal the rows are read afresh, and the selection must see the new state
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [reversing, setReversing] = useState<PointEntry | null>(null);
  const api = useRef<GridApi<PointEntry> | null>(null);
  const q = useDebounced(search, 250);

  const { data: ledger } = useCall(
    'points.ledger',
    { search: q, ruleId, source, unitId, from: isValidDate(from) ? from : null, to: isValidDate(to) ? to : null },
    [version],
    { onError: notifyError },
  );

  const columns = useMemo<ColDef<PointEntry>[]>(
    () => [
      { field: 'id', headerName: '编号', width: 70, context: num },
      { field: 'date', headerName: '日期', width: 96 },
      { field: 'name', headerName: '姓名', width: 80 },
      { field: 'unitPath', headerName: '所属单位', width: 140, tooltipField: 'unitPath' },
      { field: 'ruleName', headerName: '积分规则', width: 130, tooltipField: 'ruleName' },
      { colId: 'quantity', headerName: '数量', width: 66, valueGetter: (p) => (p.data ? quantityText(p.data) : ''), cellClass: 'num' },
      {
        colId: 'points',
        headerName: '积分',
        width: 66,
        valueGetter: (p) => (p.data ? p.data.points / 100 : null),
        valueFormatter: (p) => (p.data ? formatSigned(p.data.points) : ''),
        cellClass: (p) => `num ${p.data && p.data.points < 0 ? 'minus' : 'plus'}`,
        context: num,
      },
      {
        colId: 'capped',
        headerName: '封顶',
        width: 76,
        filter: false,
        valueGetter: (p) => (p.data && p.data.points !== p.data.uncapped ? `应计${formatSigned(p.data.uncapped)}` : ''),
        headerTooltip: '超过规则上限时，只计上限内剩余的分数',
      },
      { field: 'source', headerName: '来源', width: 76, valueFormatter: (p) => POINT_SOURCES[p.value as PointSource] ?? '' },
      { field: 'note', headerName: '依据说明', flex: 1, minWidth: 150, tooltipField: 'note' },
      {
        colId: 'state',
        headerName: '冲销',
        width: 116,
        valueGetter: (p) => (p.data ? entryState(p.data) : ''),
        tooltipValueGetter: (p) => (p.data?.reversedBy ? `由第${p.data.reversedBy}号记录冲销` : ''),
      },
      {
        colId: 'entered',
        headerName: '录入',
        width: 190,
        valueGetter: (p) => (p.data ? `${p.data.enteredBy} ${formatTimestamp(p.data.createdAt)}` : ''),
        tooltipValueGetter: (p) => (p.data ? `${p.data.enteredBy}，${formatTimestamp(p.data.createdAt)}录入` : ''),
      },
    ],
    [],
  );

  const selected = ledger?.rows.find((r) => r.id === selectedId) ?? null;
  const canReverse = selected !== null && selected.reversesId === null && selected.reversedBy === null;
  const exportGrid = useExportGrid();
  const exportExcel = () =>
    exportGrid(api.current, `积分台账${isValidDate(from) || isValidDate(to) ? `（${isValidDate(from) ? from : '最早'}至${isValidDate(to) ? to : '今'}）` : ''}`, `${isValidDate(from) ? from : ''}${isValidDate(from) || isValidDate(to) ? ' 至 ' : ''}${isValidDate(to) ? to : ''}`);

  return (
    <div className="month-body">
      <div className="toolbar card filters">
        <input type="search" aria-label="搜索台账" placeholder="姓名、拼音首字母、身份证号或说明" value={search} onChange={(e) => setSearch(e.target.value)} />
        <FilterSelect label="规则" choices={rules.map((r) => ({ value: r.id, label: r.name }))} value={ruleId} onChange={setRuleId} />
        <FilterSelect label="来源" choices={POINT_SOURCE_KEYS.map((k) => ({ value: k, label: POINT_SOURCES[k] }))} value={source} onChange={setSource} />
        <CommunitySelect label="社区" communities={communities} value={unitId} onChange={setUnitId} />
        <label>
          日期
          <DateInput aria-label="起始日期" value={from} onChange={setFrom} className="date" />
          至
          <DateInput aria-label="截止日期" value={to} onChange={setTo} className="date" />
        </label>
      </div>
      <div className="toolbar card" style={{ padding: '6px 10px', marginBottom: 8 }}>
        <span aria-label="台账合计">
          共 {ledger?.matched ?? 0} 条，合计 {formatSigned(ledger?.points ?? 0)} 分
          {ledger && ledger.matched > ledger.rows.length ? `（显示最近 ${ledger.rows.length} 条，可用筛选缩小范围）` : ''}
        </span>
        <span className="muted small">记录不能修改或删除；录错的请选中后“冲销”，再重新录入</span>
        <span className="grow" />
        <button type="button" className="btn danger" disabled={!canReverse} onClick={() => selected && setReversing(selected)}>
          冲销
        </button>
        <button type="button" className="btn" disabled={!ledger?.rows.length} onClick={() => void exportExcel()}>
          导出Excel
        </button>
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 300 }}>
        <DataGrid<PointEntry>
          label="积分台账"
          rows={ledger?.rows ?? []}
          columns={columns}
          rowId={(r) => String(r.id)}
          onReady={(a) => (api.current = a)}
          onSelectionChanged={(r) => setSelectedId(r?.id ?? null)}
          options={{ rowClassRules: { 'row-reversed': (p) => p.data?.reversedBy != null, 'row-reversal': (p) => p.data?.reversesId != null } }}
        />
      </div>
      {reversing ? (
        <ReverseDialog
          entry={reversing}
          onClose={() => setReversing(null)}
          onDone={(r) => {
            setReversing(null);
            notify(`已冲销第${reversing.id}号记录（${reversing.name} ${formatSigned(reversing.points)}分），冲销记录为第${r.id}号`);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

export function ReverseDialog({ entry, onClose, onDone }: { entry: PointEntry; onClose: () => void; onDone: (reversal: PointEntry) => void }) {
  const [reason, setReason] = useState('');
  const save = useCallback(async () => onDone(await call('points.reverse', { entryId: entry.id, reason })), [entry.id, reason, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`冲销第${entry.id}号记录`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="冲销">
      <table className="simple" aria-label="要冲销的记录" style={{ marginBottom: 12 }}>
        <tbody>
          <tr>
            <th>人员</th>
            <td>
              {entry.name}（{entry.unitPath}）
            </td>
          </tr>
          <tr>
            <th>规则</th>
            <td>
              {entry.date} {entry.ruleName} {quantityText(entry)}
            </td>
          </tr>
          <tr>
            <th>积分</th>
            <td>{formatSigned(entry.points)}</td>
          </tr>
          <tr>
            <th>依据说明</th>
            <td>{entry.note || '（无）'}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted">冲销会新增一条 {formatSigned(-entry.points)} 分的记录抵消原记录，原记录保留不变；冲销后不能撤回。</p>
      <Field label="冲销原因" required error={fieldErrors.reason}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} placeholder="如：重复录入、录错人员、经复核不属实" />
      </Field>
    </Dialog>
  );
}
