/**
 * 年终测评: one rater's ballots for the members of a unit on one keyboard grid. On the ballot column, 1/2/3/4 (or
 * y/c/j/b, the first letters of 优秀/称职/基本称职/不称职 in pinyin) set the cell and move down; Delete clears it;
 * Enter opens the list to choose from. Changes are kept on screen until 保存 (or Ctrl+S) sends the changed cells.
 */
import type { CellClassParams, ColDef, GridApi, ValueSetterParams } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Evaluator } from '../../../../shared/contract/assessments';
import type { PeriodSummary } from '../../../../shared/contract/periods';
import { BALLOTS, type Ballot } from '../../../../shared/domain/periods';
import type { ImportFileInput } from '../../../../shared/contract/io';
import { call, errorMessage } from '../../api/client';
import { saveFile } from '../../api/platform';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid } from '../../components/DataGrid';
import { ImportDialog } from '../../components/ImportDialog';
import { FilterSelect } from '../../components/Select';
import { evaluatorLabel } from '../assessments/evaluator-label';
import { LEAVE_UNSAVED } from './labels';

/** The keys that cast a ballot: the number in the order of BALLOTS, or the first letter of its pinyin. */
export const BALLOT_KEYS: Record<string, Ballot> = { '1': '优秀', '2': '称职', '3': '基本称职', '4': '不称职', y: '优秀', c: '称职', j: '基本称职', b: '不称职' };
const CLEAR = '（清除）';

interface Row {
  personId: number;
  name: string;
  unitPath: string;
  saved: Ballot | null;
  ballot: Ballot | null;
}

interface Props {
  period: PeriodSummary;
  unitId: number | null;
  /** The raters this account may choose: an evaluator account only its own. */
  evaluators: Evaluator[];
  canWrite: boolean;
  onDirtyChange: (dirty: boolean) => void;
  onSaved: () => void;
}

export function BallotsView({ period, unitId, evaluators, canWrite, onDirtyChange, onSaved }: Props) {
  const { notify, notifyError } = useAppState();
  const [evaluatorId, setEvaluatorId] = useState<number | null>(evaluators[0]?.id ?? null);
  const [rows, setRows] = useState<Row[]>([]);
  /** Whose sheet `rows` are: until a newly picked rater's (or unit's) arrives, none are shown, edited or saved. */
  const sheetKey = `${period.id}:${unitId ?? ''}:${evaluatorId ?? ''}`;
  const [rowsFor, setRowsFor] = useState<string | null>(null);
  const current = rowsFor === sheetKey;
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const api = useRef<GridApi<Row> | null>(null);
  const writable = canWrite && period.status === 'open';

  useEffect(() => {
    setEvaluatorId((id) => (id !== null && evaluators.some((e) => e.id === id) ? id : (evaluators[0]?.id ?? null)));
  }, [evaluators]);

  const { data: sheet, refresh, loading: sheetLoading } = useCall('periods.ballots', evaluatorId === null ? null : { periodId: period.id, evaluatorId, unitId }, [], {
    onError: notifyError,
    onData: (s) => {
      setRows(s.rows.map((r) => ({ personId: r.personId, name: r.name, unitPath: r.unitPath, saved: r.ballot, ballot: r.ballot })));
      setRowsFor(sheetKey);
    },
  });

  const changed = useMemo(() => rows.filter((r) => r.ballot !== r.saved), [rows]);
  const dirty = changed.length > 0;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // Closing the window or reloading with unsaved ballots asks first.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  /** 年终测评表 for raters who do not use the app: this rater and unit, the ballots cast so far filled in. */
  const exportSheet = useCallback(async () => {
    if (evaluatorId === null) return;
    setExporting(true);
    try {
      const file = await call('periods.exportBallots', { periodId: period.id, evaluatorId, unitId });
      if ((await saveFile(file.fileName, file.base64)).saved) notify(`已导出测评表：${file.fileName}`);
    } catch (e) {
      notifyError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }, [evaluatorId, period.id, unitId, notify, notifyError]);

  const setBallot = useCallback((personId: number, ballot: Ballot | null) => {
    setRows((list) => list.map((r) => (r.personId === personId ? { ...r, ballot } : r)));
  }, []);

  const save = useCallback(async () => {
    if (evaluatorId === null || busy || !current) return;
    const grid = api.current;
    if (grid && grid.getEditingCells().length > 0) grid.stopEditing();
    const cells = rows.filter((r) => r.ballot !== r.saved).map((r) => ({ personId: r.personId, ballot: r.ballot }));
    if (cells.length === 0) {
      notify('没有需要保存的修改');
      return;
    }
    setBusy(true);
    try {
      const { saved } = await call('periods.saveBallots', { periodId: period.id, evaluatorId, cells });
      notify(`已保存 ${saved} 个测评结果`);
      await refresh();
      onSaved();
    } catch (e) {
      notify(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  }, [evaluatorId, busy, current, rows, period.id, notify, refresh, onSaved]);

  // Ctrl+S saves wherever the focus is on this view.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    if (!writable) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [writable]);

  const chooseEvaluator = (id: number | null) => {
    if (id === evaluatorId || (dirty && !window.confirm(LEAVE_UNSAVED))) return;
    setEvaluatorId(id);
  };

  /** On the ballot column (not while the list is open): a ballot key sets the cell and moves down, Delete clears it; any other character does nothing. */
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const grid = api.current;
    if (!grid || !writable || e.ctrlKey || e.metaKey || e.altKey) return;
    if ((e.target as HTMLElement).closest('.ag-cell-editor, .ag-popup, input, select, textarea') || grid.getEditingCells().length > 0) return;
    const focused = grid.getFocusedCell();
    if (!focused || focused.column.getColId() !== 'ballot') return;
    const row = grid.getDisplayedRowAtIndex(focused.rowIndex)?.data;
    if (!row) return;
    const clear = e.key === 'Delete' || e.key === 'Backspace';
    if (!clear && e.key.length !== 1) return; // arrows, Enter, Tab, Escape: the grid's
    e.preventDefault();
    e.stopPropagation();
    if (clear) return setBallot(row.personId, null);
    const ballot = BALLOT_KEYS[e.key.toLowerCase()];
    if (!ballot) return;
    setBallot(row.personId, ballot);
    const next = Math.min(focused.rowIndex + 1, grid.getDisplayedRowCount() - 1);
    grid.setFocusedCell(next, 'ballot');
  };

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'name', headerName: '姓名', width: 100, pinned: 'left', editable: false },
      { field: 'unitPath', headerName: '所属单位', width: 220, editable: false, tooltipField: 'unitPath' },
      {
        colId: 'ballot',
        headerName: '测评结果（1优秀 2称职 3基本称职 4不称职）',
        width: 300,
        editable: writable,
        valueGetter: (p) => p.data?.ballot ?? '',
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...BALLOTS, CLEAR] },
        valueSetter: (p: ValueSetterParams<Row>) => {
          const value = p.newValue === CLEAR || p.newValue === '' ? null : (BALLOTS.find((b) => b === p.newValue) ?? undefined);
          if (value === undefined || value === p.data.ballot) return false;
          setBallot(p.data.personId, value);
          return false; // the row is replaced by setBallot
        },
        cellClass: (p: CellClassParams<Row>) => [p.data && p.data.ballot !== p.data.saved ? 'cell-dirty' : '', `ballot-${String(p.value)}`].filter(Boolean),
        tooltipValueGetter: (p) => (p.data && p.data.ballot !== p.data.saved ? `未保存（原为${p.data.saved ?? '空'}）` : ''),
      },
    ],
    [writable, setBallot],
  );

  const total = period.members;
  return (
    <div className="month-body">
      <div className="toolbar card" style={{ marginBottom: 8, padding: '6px 10px' }}>
        <FilterSelect
          label="测评人"
          choices={evaluators.map((e) => ({ value: e.id, label: evaluatorLabel(e) }))}
          value={evaluatorId}
          onChange={chooseEvaluator}
          none={evaluators.length === 0 ? '（没有可用的测评人）' : null}
        />
        <div className="progress" aria-label="测评进度">
          {sheet?.progress.map((p) => (
            <span key={p.evaluatorId} className={`chip${p.cast >= total ? ' done' : ''}`}>
              {p.name}：{p.cast}/{total}
            </span>
          ))}
        </div>
        <span className="grow" />
        {evaluatorId !== null ? (
          <button type="button" className="btn" disabled={exporting} onClick={() => void exportSheet()} title="为所选测评人和单位生成 Excel 测评表，填好后导入">
            导出测评表
          </button>
        ) : null}
        {writable ? (
          <>
            <button type="button" className="btn" disabled={dirty} onClick={() => setImporting(true)} title={dirty ? '请先保存或放弃未保存的修改' : '导入填好的测评表'}>
              导入测评表
            </button>
            <span className={dirty ? 'dirty-mark' : 'muted small'} aria-live="polite">
              {dirty ? `有 ${changed.length} 处未保存` : '全部已保存'}
            </span>
            <button type="button" className="btn primary" disabled={busy || !dirty} onClick={() => void save()} title="Ctrl+S">
              {busy ? '正在保存…' : '保存'}
            </button>
          </>
        ) : null}
      </div>
      {period.status !== 'open' ? <div className="readonly-banner">本期已归档，测评结果只能查看。</div> : null}
      {importing && evaluatorId !== null ? (
        <ImportDialog
          title="导入测评表"
          intro={
            <>
              导入到：<strong>{period.periodLabel}“{period.schemeName}” · 测评人：{evaluators.find((e) => e.id === evaluatorId)?.name}</strong>
              <br />
              请选择从本系统导出、已填好的年终测评表。测评结果只能是优秀、称职、基本称职或不称职；留空的不会清除已有结果。
            </>
          }
          preview={(file: ImportFileInput) => call('periods.previewBallots', { ...file, periodId: period.id, evaluatorId, unitId })}
          commit={(file) => call('periods.importBallots', { ...file, periodId: period.id, evaluatorId, unitId })}
          onDone={(result) => {
            notify(`已导入测评表：新填 ${result.counts.new} 人，修改 ${result.counts.changed} 人`);
            setImporting(false);
            void refresh();
            onSaved();
          }}
          onClose={() => setImporting(false)}
        />
      ) : null}
      {writable ? <div className="muted small" style={{ marginBottom: 6 }}>在“测评结果”列输入 1/2/3/4 或 y/c/j/b（优秀/称职/基本称职/不称职），自动跳到下一行；Delete 清除；回车从列表选择；Ctrl+S 保存。</div> : null}
      {evaluatorId !== null ? (
        <div className="panel" style={{ flex: 1, minHeight: 320 }} onKeyDownCapture={onKeyDownCapture}>
          <DataGrid<Row>
            label="测评表"
            rows={current ? rows : NONE}
            loading={!current && sheetLoading}
            columns={columns}
            rowId={(r) => String(r.personId)}
            onReady={(a) => (api.current = a)}
            options={{ enterNavigatesVerticallyAfterEdit: true, stopEditingWhenCellsLoseFocus: true, tooltipShowDelay: 400, defaultColDef: { sortable: true, resizable: true, filter: false, minWidth: 60 } }}
          />
        </div>
      ) : (
        <div className="card muted">还没有测评人。请到“月度考核”中新增考核人（测评人）后再录入年终测评。</div>
      )}
    </div>
  );
}
