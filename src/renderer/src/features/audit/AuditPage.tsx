/**
 * 操作日志: who changed what, when, from what to what, and why — read-only, newest first, 100 at a time (加载更多),
 * with filters, a detail dialog (Enter or double-click) and 导出Excel of the filtered entries.
 */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditRow } from '../../../../shared/contract/audit';
import type { PersonRow } from '../../../../shared/contract/people';
import { AUDIT_ACTIONS, AUDIT_KIND_KEYS, AUDIT_KINDS, auditFieldRows, type AuditKind } from '../../../../shared/domain/audit';
import { formatTimestamp, isValidDate } from '../../../../shared/domain/dates';
import { call, errorMessage } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, exportGridView } from '../../components/DataGrid';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { FilterSelect } from '../../components/Select';
import { PersonPicker } from '../../components/PersonPicker';
import { useDebounced } from '../../components/useDebounced';
import { useSession } from '../../session';
import { RecordsCheck } from './RecordsCheck';

const PAGE = 100;
/** 导出Excel reads the remaining pages first, up to this many entries. */
const EXPORT_MAX = 20_000;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);
}

/** The entries on screen and where the next page starts (null: none older). */
interface Shown {
  rows: AuditRow[];
  next: number | null;
}

/** `#/audit?person=12`: the log of one person, opened from 组织人员. */
function personFromHash(): number | null {
  const id = Number(new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('person'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** `#/audit?appeal=7`: the chain of one appeal, opened from 申诉复核. */
function appealFromHash(): number | null {
  const id = Number(new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('appeal'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** Waits (a few frames at most) until the grid shows `count` rows. */
async function untilShown(api: GridApi<AuditRow>, count: number): Promise<void> {
  for (let i = 0; i < 120 && api.getDisplayedRowCount() < count; i++) await new Promise((r) => requestAnimationFrame(r));
}


export function AuditPage() {
  const { info, notify, notifyError } = useAppState();
  const { me } = useSession();
  const today = info?.today ?? '';
  const [linkedPerson] = useState(personFromHash);
  const [appeal, setAppeal] = useState(appealFromHash);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<AuditKind | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [actor, setActor] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<AuditRow | null>(null);
  const [detail, setDetail] = useState<AuditRow | null>(null);
  const api = useRef<GridApi<AuditRow> | null>(null);
  const reason = useDebounced(text, 250);

  // The last 30 days by default; a person's log opened from 组织人员 (or an appeal's from 申诉复核) shows all of it.
  useEffect(() => {
    if (!today || linkedPerson !== null || appeal !== null) return;
    setFrom(daysBefore(today, 30));
    setTo(today);
  }, [today, linkedPerson, appeal]);
  useCall('people.get', linkedPerson === null ? null : { id: linkedPerson }, [], {
    onError: notifyError,
    onData: (p) => {
      setPerson(p);
      setPickerKey((k) => k + 1);
    },
  });
  const actors = useCall('audit.actors', {}, [], { onError: notifyError }).data ?? NONE;

  const filters = useMemo(
    () => ({
      from: isValidDate(from) ? from : null,
      to: isValidDate(to) ? to : null,
      kind,
      action,
      actor,
      personId: person?.id ?? null,
      appealId: appeal,
      text: reason,
    }),
    [from, to, kind, action, actor, person, appeal, reason],
  );
  const waitingForPerson = linkedPerson !== null && person === null;

  const { data: page, loading, setData: setPage } = useCall('audit.list', waitingForPerson ? null : { ...filters, limit: PAGE }, [], { onError: notifyError });
  const rows = page?.rows ?? NONE;
  const next = page?.next ?? null;
  // the filters of the rows shown: 加载更多 answered for other filters is dropped
  const shownFilters = useRef(filters);
  useEffect(() => {
    shownFilters.current = filters;
  }, [filters]);

  /** The next `limit` entries after `shown`, put on screen; null when the filters changed meanwhile. */
  const loadMore = useCallback(
    async (shown: Shown, limit = PAGE): Promise<Shown | null> => {
      if (shown.next === null) return shown;
      const more = await call('audit.list', { ...filters, before: shown.next, limit });
      if (shownFilters.current !== filters) return null;
      const all = { rows: [...shown.rows, ...more.rows], next: more.next };
      setPage(all);
      return all;
    },
    [filters, setPage],
  );

  const columns = useMemo<ColDef<AuditRow>[]>(
    () => [
      { colId: 'at', headerName: '时间', width: 136, valueGetter: (p) => (p.data ? formatTimestamp(p.data.at) : '') },
      { field: 'actor', headerName: '操作人', width: 90 },
      { colId: 'client', headerName: '客户端', width: 110, valueGetter: (p) => p.data?.client ?? '' },
      { field: 'kindLabel', headerName: '类别', width: 90 },
      { field: 'actionLabel', headerName: '操作', width: 110 },
      { field: 'summary', headerName: '内容', flex: 1, minWidth: 320, tooltipField: 'summary' },
      { field: 'reason', headerName: '原因', width: 200, tooltipField: 'reason' },
    ],
    [],
  );

  const subtitle = () =>
    [
      filters.from || filters.to ? `${filters.from ?? '最早'} 至 ${filters.to ?? '今天'}` : '全部日期',
      kind ? AUDIT_KINDS[kind].label : '',
      action ? (AUDIT_ACTIONS[action] ?? action) : '',
      actor ? `操作人：${actor}` : '',
      person ? `人员：${person.name}` : '',
      reason ? `原因含“${reason}”` : '',
      appeal ? `申诉#${appeal}的处理过程` : '',
    ]
      .filter(Boolean)
      .join('，');

  const exportExcel = async () => {
    try {
      // everything the filters match, not only the pages on screen
      // each page read follows the one before (not the rows of this render)
      let state: Shown | null = { rows, next };
      while (state && state.next !== null && state.rows.length < EXPORT_MAX) state = await loadMore(state, Math.min(1000, EXPORT_MAX - state.rows.length));
      if (!state || !api.current) return;
      await untilShown(api.current, state.rows.length); // the grid takes the rows just read on its next render
      const dates = filters.from || filters.to ? `${filters.from ?? '最早'}至${filters.to ?? '今天'}` : '全部日期';
      if (await exportGridView(api.current, `操作日志（${dates}）`, subtitle())) {
        notify(state.next === null ? `已导出Excel（${state.rows.length} 条）` : `已导出最近的 ${state.rows.length} 条；更早的请缩小日期范围后再导出`);
      }
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  const clearAppeal = () => {
    setAppeal(null);
    window.history.replaceState(null, '', '#/audit');
  };

  const clearPerson = () => {
    setPerson(null);
    setPickerKey((k) => k + 1);
    if (linkedPerson !== null) window.history.replaceState(null, '', '#/audit');
  };

  return (
    <div className="page months points audit">
      <h1>操作日志</h1>
      {me.role !== 'evaluator' ? <RecordsCheck /> : null}
      <div className="toolbar card filters" aria-label="筛选">
        <label>
          日期
          <DateInput aria-label="起始日期" value={from} onChange={setFrom} className="date" />
          至
          <DateInput aria-label="截止日期" value={to} onChange={setTo} className="date" />
        </label>
        <FilterSelect label="类别" choices={AUDIT_KIND_KEYS.map((k) => ({ value: k, label: AUDIT_KINDS[k].label }))} value={kind} onChange={setKind} />
        <FilterSelect label="操作" choices={Object.entries(AUDIT_ACTIONS).map(([k, label]) => ({ value: k, label }))} value={action} onChange={setAction} />
        <FilterSelect label="操作人" choices={actors.map((a) => ({ value: a, label: a }))} value={actor} onChange={setActor} />
        <label>
          人员
          <PersonPicker key={pickerKey} asOf={today} picked={person} onPick={setPerson} label="人员" includeDeparted />
          {person ? (
            <button type="button" className="btn small" onClick={clearPerson} aria-label="清除人员">
              ×
            </button>
          ) : null}
        </label>
        <input type="search" aria-label="查找原因" placeholder="原因中的文字" value={text} onChange={(e) => setText(e.target.value)} />
        {appeal !== null ? (
          <span className="chip" aria-label="申诉筛选">
            申诉#{appeal}的处理过程（申诉 → 复核 → 重新开启 → 修改 → 归档）
            <button type="button" className="btn small" onClick={clearAppeal} aria-label="清除申诉筛选">
              ×
            </button>
          </span>
        ) : null}
      </div>
      <div className="toolbar card" style={{ padding: '6px 10px', marginBottom: 8 }}>
        <span aria-label="日志条数">
          {loading ? '正在读取…' : `已显示 ${rows.length} 条${next === null ? '' : '，还有更早的记录'}`}
        </span>
        <span className="muted small">操作日志只能查看，不能修改或删除；双击或按回车查看详情</span>
        <span className="grow" />
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && setDetail(selected)}>
          查看详情
        </button>
        <button type="button" className="btn" disabled={rows.length === 0} onClick={() => void exportExcel()}>
          导出Excel
        </button>
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 300 }}>
        <DataGrid<AuditRow>
          label="操作日志"
          rows={rows}
          columns={columns}
          rowId={(r) => String(r.id)}
          onReady={(a) => (api.current = a)}
          onSelectionChanged={setSelected}
          onRowActivated={setDetail}
          options={{ overlayNoRowsTemplate: '<span class="muted">没有符合条件的操作记录</span>' }}
        />
      </div>
      <div className="audit-more">
        {next !== null ? (
          <button type="button" className="btn" onClick={() => void loadMore({ rows, next }).catch((e: unknown) => notify(errorMessage(e), 'error'))}>
            加载更多
          </button>
        ) : rows.length > 0 ? (
          <span className="muted small">已到最早的记录</span>
        ) : null}
      </div>
      {detail ? <AuditDetail row={detail} onClose={() => setDetail(null)} /> : null}
    </div>
  );
}

function AuditDetail({ row, onClose }: { row: AuditRow; onClose: () => void }) {
  const fields = auditFieldRows(row.oldValue, row.newValue, row.names, row.display);
  return (
    <Dialog title="操作详情" onClose={onClose} onSubmit={onClose} closeOnly width={760}>
      <table className="simple audit-head" aria-label="操作概要" style={{ marginBottom: 12 }}>
        <tbody>
          <tr>
            <th>时间</th>
            <td>{formatTimestamp(row.at)}</td>
            <th>操作人</th>
            <td>{row.actor}</td>
          </tr>
          <tr>
            <th>类别</th>
            <td>{row.kindLabel}</td>
            <th>操作</th>
            <td>{row.actionLabel}</td>
          </tr>
          <tr>
            <th>内容</th>
            <td colSpan={3}>{row.summary}</td>
          </tr>
          <tr>
            <th>原因</th>
            <td colSpan={3}>{row.reason || <span className="muted">（未填写）</span>}</td>
          </tr>
          {row.client ? (
            <tr>
              <th>客户端</th>
              <td colSpan={3}>{row.client}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {fields.length === 0 ? (
        <p className="muted">这条记录没有保存具体的数值。</p>
      ) : (
        <div className="audit-fields">
          <table className="simple" aria-label="变更前后">
            <thead>
              <tr>
                <th>项目</th>
                <th>原值</th>
                <th>新值</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f.key} className={f.changed ? 'changed' : undefined}>
                  <th>{f.label}</th>
                  <td>{f.old ?? <span className="muted">—</span>}</td>
                  <td>{f.new ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
