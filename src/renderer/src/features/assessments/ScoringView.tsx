/**
 * The scoring sheet: a row per worker, a column per criterion grouped by category. It keeps the habits of Excel:
 * type and Enter or Tab (Tab wraps to the next row, Enter returns to the column the Tab run began in), Shift+arrows
 * mark a block and Ctrl+C copies it, a block copied from Excel pastes in from the focused cell, Ctrl+Z / Ctrl+Y take
 * saves back and forth (each itself a saved, audited change). Each committed cell is saved at once; wrong values are
 * refused with a Chinese message, and the focus always comes back to the grid.
 */
import type { CellClassParams, CellValueChangedEvent, ColDef, ColGroupDef, Column, GridApi, TabToNextCellParams, ValueSetterParams } from 'ag-grid-community';
import type { AgGridReactProps } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Evaluator, MonthSummary, ResultRow, ScoreCell, SheetRow } from '../../../../shared/contract/assessments';
import type { UnitNode } from '../../../../shared/contract/org';
import { noteRequired, parseScoreText as parseCell, unreadableMessage as unreadable } from '../../../../shared/domain/score-entry';
import { CRITERION_KINDS, formatHundredths, fixed2, sheetOf, valueError, type Criterion } from '../../../../shared/domain/scoring';
import { reasonAsked } from '../../../../shared/domain/sheet-reasons';
import { conflictMessage, type ScoreConflict } from '../../../../shared/domain/score-conflict';
import { call, errorMessage } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, type ExportContext } from '../../components/DataGrid';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { EvaluatorPicker } from './EvaluatorPicker';
import { markProvisional, provisionalTip } from './provisional';
import { PickerFilter } from '../../components/ChoicePicker';
import { ExportWorkbookDialog, ImportWorkbookDialog } from './EvaluatorWorkbook';
import { inRange, rangeText, SheetHistory, tabTarget, type CellAt, type CellRange } from './sheet-keys';

interface Props {
  month: MonthSummary;
  unitId: number | null;
  /** The communities a 考核表 can be exported for. */
  communities: UnitNode[];
  evaluators: Evaluator[];
  /** The evaluator a link chose (首页's 考核人进度). */
  initialEvaluatorId?: number | null;
  onAddEvaluator: () => void;
  onChanged: () => void;
  version: number;
}

interface Row extends SheetRow {
  combined: Pick<ResultRow, 'total' | 'grade' | 'rankInUnit' | 'veto' | 'provisional'> | null;
}

/** Counts (deductions, bonuses, vetoes) waiting for their note: one typed, or several pasted, which share one note. */
type NoteRequest = { cells: ScoreCell[]; asking: { row: Row; criterion: Criterion; count: number }[]; before: ScoreCell[] };

const criterionOf = (col: Column | null | undefined): Criterion | undefined => (col?.getColDef().context as { criterion?: Criterion } | undefined)?.criterion;
const cellOf = (row: Row, criterionId: number): ScoreCell => ({ personId: row.personId, criterionId, value: row.values[criterionId] ?? null, note: row.notes[criterionId] ?? '' });
/** Not yet scored by this evaluator: a 评分项 empty, and not exempt. */
const unscored = (r: SheetRow) => !r.complete && !r.exemptReason;
const editingTarget = (target: EventTarget | null) => target instanceof HTMLElement && Boolean(target.closest('.ag-cell-editor, input, textarea, select'));

export function ScoringView({ month, unitId, communities, evaluators, initialEvaluatorId = null, onAddEvaluator, onChanged, version }: Props) {
  const { notify, notifyError } = useAppState();
  const [evaluatorId, setEvaluatorId] = useState<number | null>(initialEvaluatorId);
  const [rows, setRows] = useState<Row[]>([]);
  /**
   * Whose sheet `rows` are (month, unit, evaluator). Until the sheet of a newly picked evaluator or unit arrives the
   * grid shows no rows: a value typed into the old sheet meanwhile would be sent as the new evaluator's.
   */
  const sheetKey = `${month.id}:${unitId ?? ''}:${evaluatorId ?? ''}`;
  const [rowsFor, setRowsFor] = useState<string | null>(null);
  const [noteRequest, setNoteRequest] = useState<NoteRequest | null>(null);
  /** Cells someone else changed since this sheet showed them: the save waits for the user's choice. */
  const [conflict, setConflict] = useState<{ conflicts: ScoreConflict[]; cells: ScoreCell[] } | null>(null);
  const [exemptRow, setExemptRow] = useState<Row | null>(null);
  const [reasonRow, setReasonRow] = useState<Row | null>(null);
  const [selected, setSelected] = useState<Row | null>(null);
  const [workbook, setWorkbook] = useState<'export' | 'import' | null>(null);
  /** 只看未打分: the workers unscored when it was ticked; one scored meanwhile stays in view until it is ticked again. */
  const [unscoredOnly, setUnscoredOnly] = useState<ReadonlySet<number> | null>(null);
  const api = useRef<GridApi<Row> | null>(null);
  const open = month.status === 'open';
  const history = useRef(new SheetHistory());
  /** The last cell the grid had focus on, where every dialog gives the focus back to. */
  const lastFocus = useRef<{ rowIndex: number; colId: string } | null>(null);
  /** The column a run of Tabs began in (Enter returns to it on the next row), while the run lasts. */
  const tabRun = useRef<{ colId: string; at: string } | null>(null);
  /** Where an Enter ending a run of Tabs sends the focus once the grid has moved down. */
  const enterReturn = useRef<{ row: number; colId: string } | null>(null);
  /** The block Shift+arrows marked. */
  const range = useRef<CellRange | null>(null);

  // Evaluators who already scored this month come first; one of them is chosen to start with.
  const orderedEvaluators = useMemo(() => {
    const scored = new Set(month.evaluatorIds);
    return [...evaluators].sort((a, b) => Number(scored.has(b.id)) - Number(scored.has(a.id)));
  }, [evaluators, month.evaluatorIds]);
  useEffect(() => {
    setEvaluatorId((id) => (id !== null && evaluators.some((e) => e.id === id) ? id : (orderedEvaluators[0]?.id ?? null)));
  }, [evaluators, orderedEvaluators]);
  // Ctrl+Z walks back this evaluator's saves of this month only.
  useEffect(() => history.current.clear(), [month.id, evaluatorId]);

  /**
   * Changes rows in place and redraws just their cells: a new row object would make the grid redraw the row and close
   * an editor the user has just opened in it (a Tab moves on while the last value is still being saved).
   */
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const patchRows = useCallback((patch: (row: Row) => boolean) => {
    // the very objects the grid holds: changed at once, then the page drawn again and the grid's cells refreshed
    const changed = rowsRef.current.filter((row) => patch(row));
    if (changed.length === 0) return;
    setRows((list) => [...list]);
    const grid = api.current;
    if (!grid || grid.isDestroyed()) return;
    grid.refreshCells({ rowNodes: changed.flatMap((r) => grid.getRowNode(String(r.personId)) ?? []) });
  }, []);

  const loadResults = useCallback(async () => {
    const results = await call('assessments.results', { monthId: month.id, unitId });
    const byPerson = new Map(results.rows.map((r) => [r.personId, r]));
    patchRows((row) => {
      const r = byPerson.get(row.personId);
      row.combined = r ? { total: r.total, grade: r.grade, rankInUnit: r.rankInUnit, veto: r.veto, provisional: r.provisional } : null;
      return true;
    });
  }, [month.id, unitId, patchRows]);

  const { data: view, refresh: load, loading: sheetLoading } = useCall('assessments.sheet', evaluatorId === null ? null : { monthId: month.id, unitId, evaluatorId }, [version], {
    onError: notifyError,
    onData: (sheet) => {
      setRows(sheet.rows.map((r) => ({ ...r, combined: null })));
      setRowsFor(sheetKey);
      setUnscoredOnly((ids) => (ids ? new Set(sheet.rows.filter(unscored).map((r) => r.personId)) : null));
      loadResults().catch((e: unknown) => notifyError(errorMessage(e)));
    },
  });

  // the page's callback may change with every render of the page; the grid's options must not
  const onChangedRef = useRef(onChanged);
  useEffect(() => {
    onChangedRef.current = onChanged;
  }, [onChanged]);

  // Totals, grades and ranks follow the typing, a moment after the last save.
  const resultsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = useCallback(() => {
    if (resultsTimer.current) clearTimeout(resultsTimer.current);
    resultsTimer.current = setTimeout(() => {
      void loadResults().catch((e: unknown) => notify(errorMessage(e), 'error'));
      onChangedRef.current();
    }, 400);
  }, [loadResults, notify]);
  // leaving the page (or logging out) drops a refresh still waiting
  useEffect(
    () => () => {
      if (resultsTimer.current) clearTimeout(resultsTimer.current);
    },
    [],
  );

  const unscoredRef = useRef(unscoredOnly);
  useEffect(() => {
    unscoredRef.current = unscoredOnly;
    api.current?.onFilterChanged();
  }, [unscoredOnly]);

  /** Gives the focus back to the grid once the dialog that took it has gone (a closing <dialog> moves it itself). */
  const refocus = useCallback(() => {
    setTimeout(() => {
      const at = lastFocus.current;
      const grid = api.current;
      if (!at || !grid || grid.isDestroyed()) return;
      grid.ensureIndexVisible(at.rowIndex);
      grid.setFocusedCell(at.rowIndex, at.colId);
    });
  }, []);

  const save = useCallback(
    async (cells: ScoreCell[], seen: ScoreCell[]) => {
      if (evaluatorId === null) return false;
      try {
        // each cell says what it held when the change was made: a cell someone else changed since is not saved
        const seenOf = new Map(seen.map((c) => [`${c.personId}:${c.criterionId}`, c]));
        const sent = cells.map((c) => {
          const was = seenOf.get(`${c.personId}:${c.criterionId}`);
          return was ? { ...c, seen: was.value ?? null, seenNote: was.note ?? '' } : c;
        });
        const r = await call('assessments.saveScores', { monthId: month.id, evaluatorId, cells: sent });
        if (r.conflicts.length > 0) {
          setConflict({ conflicts: r.conflicts, cells });
          return false;
        }
        const byPerson = new Map(r.rows.map((x) => [x.personId, x]));
        patchRows((row) => {
          const totals = byPerson.get(row.personId);
          if (!totals) return false;
          const values = { ...row.values };
          const notes = { ...row.notes };
          for (const c of cells.filter((x) => x.personId === row.personId)) {
            if (c.value === null) delete values[c.criterionId];
            else values[c.criterionId] = c.value;
            if (c.note) notes[c.criterionId] = c.note;
            else delete notes[c.criterionId];
          }
          Object.assign(row, { values, notes }, totals);
          return true;
        });
        refreshSoon();
        return true;
      } catch (e) {
        notify(errorMessage(e), 'error');
        return false;
      }
    },
    [evaluatorId, month.id, notify, refreshSoon, patchRows],
  );

  /**
   * Saves run one after another, in the order they were made: an undo pressed while a typed value is still being
   * saved waits for that save, and takes back that value, not the one before it.
   */
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inTurn = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(work);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  /** A save the user made: Ctrl+Z can take it back (from the moment it is made; forgotten if the save is refused). */
  const commit = useCallback(
    (after: ScoreCell[], before: ScoreCell[]) => {
      const change = { before, after };
      history.current.record(change);
      return inTurn(async () => {
        const ok = await save(after, before);
        if (!ok) history.current.forget(change);
        return ok;
      });
    },
    [save, inTurn],
  );

  const undoOrRedo = useCallback(
    (redo: boolean) => {
      if (!open) return;
      const change = redo ? history.current.peekRedo() : history.current.peekUndo();
      if (!change) return notify(redo ? '没有可恢复的修改' : '没有可撤销的修改');
      // taken off at once, so a second Ctrl+Z goes one further back
      if (redo) history.current.redid();
      else history.current.undid();
      void inTurn(async () => {
        if (await save(redo ? change.after : change.before, redo ? change.before : change.after)) {
          notify(`${redo ? '已恢复' : '已撤销'} ${change.after.length} 个单元格的修改（已保存，并记入操作日志）`);
        } else if (redo) history.current.undid();
        else history.current.redid();
      });
    },
    [open, save, notify, inTurn],
  );

  const criterionColumn = useCallback(
    (c: Criterion): ColDef<Row> => ({
      colId: `c${c.id}`,
      headerName: c.kind === 'score' ? `${c.name}（${formatHundredths(c.max)}）` : `${c.name}（${CRITERION_KINDS[c.kind]}）`,
      headerTooltip: c.guide,
      width: Math.max(96, Math.min(170, 24 + c.name.length * 14)),
      columnGroupShow: 'open',
      editable: (p) => open && !p.data?.exemptReason,
      valueGetter: (p) => p.data?.values[c.id] ?? null,
      valueFormatter: (p) =>
        p.value === null || p.value === undefined ? '' : c.kind === 'score' ? formatHundredths(p.value as number) : `${p.value as number}次`,
      tooltipValueGetter: (p) => p.data?.notes[c.id] ?? c.guide,
      cellClass: (p) => (p.data?.notes[c.id] ? 'cell-note' : undefined),
      valueSetter: (p: ValueSetterParams<Row>) => {
        const value = parseCell(c, p.newValue);
        if (value === undefined) {
          notify(`${p.data.name}：${unreadable(c)}`, 'error');
          return false;
        }
        const error = value === null ? null : valueError(c, value);
        if (error) {
          notify(`${p.data.name}：${error}`, 'error');
          return false;
        }
        if (value !== null && noteRequired(c, value)) {
          // A deduction, bonus or veto needs its note before it is saved.
          const cell = { ...cellOf(p.data, c.id), value };
          setNoteRequest({ cells: [cell], asking: [{ row: p.data, criterion: c, count: value }], before: [cellOf(p.data, c.id)] });
          return false;
        }
        if (value === (p.data.values[c.id] ?? null)) return false;
        // Shown at once; onCellValueChanged saves it, and puts it back if the save is refused.
        const values = { ...p.data.values };
        if (value === null) delete values[c.id];
        else values[c.id] = value;
        p.data.values = values;
        return true;
      },
      context: { criterion: c, exportType: 'text' } satisfies ExportContext & { criterion: Criterion },
    }),
    [open, notify],
  );

  const columns = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    if (!view) return [];
    const categories = [...new Set(view.criteria.map((c) => c.category))];
    const subtotal = (row: Row, category: string) =>
      sheetOf(view.criteria, new Map(Object.entries(row.values).map(([id, v]) => [Number(id), v]))).categories.find((x) => x.category === category)?.points ?? 0;
    return [
      { field: 'name', headerName: '姓名', width: 84, pinned: 'left', editable: false },
      { field: 'unitPath', headerName: '所属单位', width: 150, editable: false, tooltipField: 'unitPath' },
      { field: 'role', headerName: '岗位', width: 84, editable: false },
      ...categories.map(
        (cat): ColGroupDef<Row> => ({
          groupId: `g:${cat}`,
          headerName: cat,
          openByDefault: true,
          marryChildren: true,
          children: [
            ...view.criteria.filter((c) => c.category === cat).map(criterionColumn),
            {
              colId: `sub:${cat}`,
              headerName: '小计',
              headerTooltip: `${cat}的得分（展开分类可逐项打分）`,
              width: 72,
              columnGroupShow: 'closed',
              valueGetter: (p) => (p.data && Object.keys(p.data.values).length > 0 ? subtotal(p.data, cat) : null),
              valueFormatter: (p) => (p.value === null ? '' : formatHundredths(p.value as number)),
            },
          ],
        }),
      ),
      {
        colId: 'sheetTotal',
        headerName: '当前考核人评分',
        headerTooltip: '所选考核人给此人的评分合计（不是本人自评）',
        width: 120,
        pinned: 'right',
        valueGetter: (p) => (p.data && (p.data.complete || Object.keys(p.data.values).length > 0) ? p.data.total : null),
        valueFormatter: (p) => (p.value === null ? '' : fixed2(p.value as number)),
        cellClass: (p) => (p.data && !p.data.complete && Object.keys(p.data.values).length > 0 ? 'muted' : undefined),
        tooltipValueGetter: (p) => (p.data && !p.data.complete ? '评分项尚未填完' : ''),
      },
      {
        colId: 'reason',
        headerName: '评分说明',
        width: 96,
        pinned: 'right',
        valueGetter: (p) => (p.data?.reasonNeeded && !p.data.reason ? '需填写说明' : (p.data?.reason ?? '')),
        cellClass: (p) => (p.data?.reasonNeeded ? (p.data.reason ? 'reason-given' : 'reason-missing') : undefined),
        tooltipValueGetter: (p) =>
          p.data?.reasonNeeded ? `${reasonAsked(p.data.total, view.reasonLimits)}${open ? '（按回车或单击填写）' : ''}` : (p.data?.reason ?? ''),
      },
      {
        colId: 'combined',
        headerName: '综合得分',
        width: 84,
        pinned: 'right',
        valueGetter: (p) => p.data?.combined?.total ?? null,
        valueFormatter: (p) => (p.value === null ? '' : markProvisional(fixed2(p.value as number), p.data?.combined?.provisional)),
        cellClass: (p) => (p.data?.combined?.provisional ? 'provisional' : undefined),
        tooltipValueGetter: (p) => provisionalTip(p.data?.combined?.provisional),
      },
      {
        colId: 'grade',
        headerName: '等次',
        width: 76,
        pinned: 'right',
        valueGetter: (p) => (p.data?.exemptReason ? `免考` : (p.data?.combined?.grade ?? '')),
        valueFormatter: (p) => markProvisional(String(p.value ?? ''), p.data?.combined?.provisional),
        cellClass: (p) => `grade-${String(p.value)}${p.data?.combined?.provisional ? ' provisional' : ''}`,
        tooltipValueGetter: (p) =>
          p.data?.exemptReason ? `免考：${p.data.exemptReason}` : p.data?.combined?.veto ? '一票否决' : provisionalTip(p.data?.combined?.provisional),
      },
      { colId: 'rank', headerName: '社区排名', width: 80, pinned: 'right', valueGetter: (p) => p.data?.combined?.rankInUnit ?? null },
    ];
  }, [view, criterionColumn, open]);

  const onCellValueChanged = useCallback(
    (e: CellValueChangedEvent<Row>) => {
      const c = criterionOf(e.column);
      if (!c) return;
      const value = e.data.values[c.id] ?? null;
      const before = { personId: e.data.personId, criterionId: c.id, value: (e.oldValue as number | null | undefined) ?? null, note: e.data.notes[c.id] ?? '' };
      void commit([{ personId: e.data.personId, criterionId: c.id, value, note: '' }], [before]).then((ok) => {
        if (!ok) void load();
      });
    },
    [commit, load],
  );

  /** A block copied from Excel: tab-separated values pasted from the focused cell rightwards and downwards. */
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const grid = api.current;
    if (!grid || !open || editingTarget(e.target)) return;
    const focused = grid.getFocusedCell();
    if (!focused) return;
    e.preventDefault();
    const text = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n').replace(/\n$/, '');
    const columns = grid.getAllDisplayedColumns();
    const start = columns.indexOf(focused.column as (typeof columns)[number]);
    const cells: ScoreCell[] = [];
    const before: ScoreCell[] = [];
    const asking: NoteRequest['asking'] = [];
    const errors: string[] = [];
    text.split('\n').forEach((line, r) => {
      const node = grid.getDisplayedRowAtIndex(focused.rowIndex + r);
      if (!node?.data) return void errors.push(`粘贴的第${r + 1}行超出了表格`);
      const row = node.data;
      line.split('\t').forEach((raw, k) => {
        const col = columns[start + k];
        const c = criterionOf(col);
        const where = `第${r + 1}行第${k + 1}列（${row.name}·${col?.getColDef().headerName ?? '表格外'}）`;
        if (!c) return void errors.push(`${where}不是打分列`);
        if (row.exemptReason) return void errors.push(`${where}：本月免考`);
        const value = parseCell(c, raw);
        if (value === undefined) return void errors.push(`${where}：${unreadable(c)}`);
        const error = value === null ? null : valueError(c, value);
        if (error) return void errors.push(`${where}：${error}`);
        // a count pasted where there was none (or another count) asks for its note, once for the whole block
        if (value !== null && noteRequired(c, value) && !(row.notes[c.id] && row.values[c.id] === value)) asking.push({ row, criterion: c, count: value });
        cells.push({ personId: row.personId, criterionId: c.id, value, note: value === null ? '' : (row.notes[c.id] ?? '') });
        before.push(cellOf(row, c.id));
      });
    });
    if (errors.length > 0) {
      notify(`粘贴未保存，有${errors.length}处问题：${errors.slice(0, 3).join('；')}${errors.length > 3 ? '……' : ''}`, 'error');
      return;
    }
    if (asking.length > 0) return setNoteRequest({ cells, asking, before });
    void commit(cells, before).then((ok) => ok && notify(`已粘贴并保存 ${cells.length} 个单元格`));
  };

  const copyBlock = () => {
    const grid = api.current;
    const focused = grid?.getFocusedCell();
    if (!grid || !focused) return;
    const columns = grid.getAllDisplayedColumns();
    const here: CellAt = { row: focused.rowIndex, col: columns.indexOf(focused.column as Column) };
    const block = range.current ?? { anchor: here, end: here };
    const text = rangeText(block, (row, col) => {
      const node = grid.getDisplayedRowAtIndex(row);
      const column = columns[col];
      if (!node?.data || !column) return '';
      const c = criterionOf(column);
      const value = c ? node.data.values[c.id] : undefined;
      // as it would be typed back: 8.5, 2 (not 2次)
      if (c) return value === undefined ? '' : c.kind === 'score' ? formatHundredths(value) : String(value);
      const shown: unknown = grid.getCellValue({ rowNode: node, colKey: column, useFormatter: true });
      return shown === null || shown === undefined ? '' : String(shown);
    });
    const put = (e: globalThis.ClipboardEvent) => {
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
    };
    document.addEventListener('copy', put);
    try {
      document.execCommand('copy');
    } finally {
      document.removeEventListener('copy', put);
    }
    const b = text.split('\n').length - 1;
    notify(`已复制 ${b} 行 ${text.split('\n')[0]!.split('\t').length} 列`);
  };

  const showRange = useCallback((next: CellRange | null) => {
    const had = range.current;
    range.current = next;
    if (had || next) api.current?.refreshCells({ force: true });
  }, []);

  /** The next worker this evaluator has not scored, after the focused row (wrapping round), at the first empty 评分项. */
  const jumpToUnscored = () => {
    const grid = api.current;
    if (!grid || !view) return;
    const count = grid.getDisplayedRowCount();
    const from = grid.getFocusedCell()?.rowIndex ?? -1;
    for (let k = 1; k <= count; k++) {
      const node = grid.getDisplayedRowAtIndex((from + k + count) % count);
      if (!node?.data || !unscored(node.data)) continue;
      const empty = view.criteria.find((c) => c.kind === 'score' && node.data!.values[c.id] === undefined);
      const colId = `c${(empty ?? view.criteria[0]!).id}`;
      const group = grid.getColumn(colId) ? null : `g:${(empty ?? view.criteria[0]!).category}`;
      if (group) grid.setColumnGroupOpened(group, true);
      grid.ensureIndexVisible(node.rowIndex!, 'middle');
      grid.ensureColumnVisible(colId);
      grid.setFocusedCell(node.rowIndex!, colId);
      return;
    }
    notify('本考核人的打分表已全部打完');
  };

  /** Keys the grid leaves to us (or does otherwise than Excel): undo/redo, copy, Shift+arrows, Enter after Tabs, F3. */
  const onKeyDownCapture = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const grid = api.current;
    if (!grid || (e.target instanceof HTMLElement && e.target.closest('.ag-header'))) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const editing = editingTarget(e.target);
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const stop = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (key === 'Enter' && !e.shiftKey && !ctrl && tabRun.current) {
      const focused = grid.getFocusedCell();
      const colId = tabRun.current.colId;
      tabRun.current = null;
      if (!focused || focused.column.getColId() === colId || !criterionOf(focused.column)) return;
      const row = Math.min(focused.rowIndex + 1, grid.getDisplayedRowCount() - 1);
      // editing, the grid commits the value and moves down itself; onCellFocused then turns to the run's column
      if (editing) return void (enterReturn.current = { row, colId });
      stop();
      grid.ensureIndexVisible(row);
      grid.setFocusedCell(row, colId);
      return;
    }
    if (editing) return;
    if (ctrl && (key === 'z' || key === 'y')) {
      stop();
      undoOrRedo(key === 'y' || e.shiftKey);
    } else if (ctrl && key === 'c') {
      stop();
      copyBlock();
    } else if (key === 'F3') {
      stop();
      jumpToUnscored();
    } else if (e.shiftKey && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(key)) {
      const focused = grid.getFocusedCell();
      if (!focused) return;
      stop();
      const columns = grid.getAllDisplayedColumns();
      const here: CellAt = { row: focused.rowIndex, col: columns.indexOf(focused.column as Column) };
      const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[key as 'ArrowUp']!;
      const next: CellAt = {
        row: Math.max(0, Math.min(grid.getDisplayedRowCount() - 1, here.row + move[0]!)),
        col: Math.max(0, Math.min(columns.length - 1, here.col + move[1]!)),
      };
      showRange({ anchor: range.current?.anchor ?? here, end: next });
      grid.ensureIndexVisible(next.row);
      grid.ensureColumnVisible(columns[next.col]!);
      grid.setFocusedCell(next.row, columns[next.col]!);
    } else if (range.current && !['Shift', 'Control', 'Meta', 'Alt'].includes(key)) {
      showRange(null);
    }
  };

  const tabToNextCell = useCallback((p: TabToNextCellParams<Row>) => {
    const columns = p.api.getAllDisplayedColumns();
    const from: CellAt = { row: p.previousCellPosition.rowIndex, col: columns.indexOf(p.previousCellPosition.column as Column) };
    const next = tabTarget(
      from,
      columns.map((c) => Boolean(criterionOf(c))),
      p.api.getDisplayedRowCount(),
      p.backwards,
    );
    if (!next) return false;
    const startCol = criterionOf(p.previousCellPosition.column as Column) ? p.previousCellPosition.column.getColId() : null;
    const column = columns[next.col]!;
    if (!p.backwards && startCol) tabRun.current = { colId: tabRun.current?.colId ?? startCol, at: `${next.row}:${column.getColId()}` };
    return { rowIndex: next.row, column, rowPinned: null };
  }, []);

  const evaluator = evaluators.find((e) => e.id === evaluatorId);
  const lacking = rows.filter((r) => r.reasonNeeded && !r.reason);
  const unscoredCount = rows.filter(unscored).length;
  // One options object for the grid's life: a new one (a new defaultColDef above all) makes the grid redraw its
  // columns and close the editor the user is typing in.
  const gridOptions = useMemo<Partial<AgGridReactProps<Row>>>(
    () => ({
      // Every criterion column stays rendered, so headers and cells can be found and pasted into.
      suppressColumnVirtualisation: true,
      enterNavigatesVertically: true,
      enterNavigatesVerticallyAfterEdit: true,
      stopEditingWhenCellsLoseFocus: true,
      onCellValueChanged,
      tabToNextCell,
      tooltipShowDelay: 400,
      rowClassRules: { muted: (p) => Boolean(p.data?.exemptReason), 'needs-reason': (p) => Boolean(p.data?.reasonNeeded && !p.data.reason) },
      isExternalFilterPresent: () => unscoredRef.current !== null,
      doesExternalFilterPass: (node) => Boolean(node.data && unscoredRef.current?.has(node.data.personId)),
      onCellFocused: (e) => {
        if (e.rowIndex === null || e.rowIndex === undefined || !e.column || typeof e.column === 'string') return;
        e.api.getDisplayedRowAtIndex(e.rowIndex)?.setSelected(true, true);
        lastFocus.current = { rowIndex: e.rowIndex, colId: e.column.getColId() };
        // a Tab keeps its run going; any other move ends it
        if (tabRun.current?.at !== `${e.rowIndex}:${e.column.getColId()}`) tabRun.current = null;
        // (the grid may refocus the edited cell first: wait for the row below)
        const back = enterReturn.current;
        if (back && back.row === e.rowIndex) {
          enterReturn.current = null;
          if (back.colId !== e.column.getColId()) setTimeout(() => e.api.setFocusedCell(back.row, back.colId));
        }
      },
      // 评分说明: Enter or a click on the cell asks for the reason; a click ends a marked block
      onCellClicked: (e) => {
        if (range.current) showRange(null);
        if (open && e.column.getColId() === 'reason' && e.data?.reasonNeeded) setReasonRow(e.data);
      },
      onCellKeyDown: (e) => {
        if (open && 'column' in e && (e.event as KeyboardEvent | null)?.key === 'Enter' && e.column.getColId() === 'reason' && e.data?.reasonNeeded) setReasonRow(e.data);
      },
      defaultColDef: {
        sortable: true,
        resizable: true,
        filter: false,
        minWidth: 60,
        wrapHeaderText: true,
        autoHeaderHeight: true,
        // asked of every drawn cell: the column's place is looked up only while a block is marked
        cellClassRules: {
          'cell-range': (p: CellClassParams<Row>) =>
            range.current !== null && inRange(range.current, p.rowIndex, api.current?.getAllDisplayedColumns().indexOf(p.column as Column) ?? -1),
        },
      },
    }),
    [open, onCellValueChanged, tabToNextCell, showRange],
  );
  return (
    <div className="month-body">
      <div className="toolbar card" style={{ marginBottom: 8, padding: '6px 10px' }}>
        <PickerFilter label="考核人">
          <EvaluatorPicker
            aria-label="考核人"
            evaluators={orderedEvaluators}
            value={evaluatorId}
            onChange={(id) => id !== null && setEvaluatorId(id)}
            none={evaluators.length === 0 ? '（请先新增考核人）' : null}
          />
        </PickerFilter>
        <button type="button" className="btn small" onClick={onAddEvaluator}>
          新增考核人
        </button>
        <div className="progress" aria-label="打分进度">
          {view?.progress.map((p) => (
            <span key={p.evaluatorId} className={`chip${p.scored === p.toScore ? ' done' : ''}`}>
              {p.name}：{p.scored}/{p.toScore}
            </span>
          ))}
        </div>
        <label title="只显示本考核人尚未打完的人员（勾选时的名单；打完的人在重新勾选前仍留在表中）">
          <input
            type="checkbox"
            checked={unscoredOnly !== null}
            onChange={(e) => setUnscoredOnly(e.target.checked ? new Set(rows.filter(unscored).map((r) => r.personId)) : null)}
          />
          只看未打分（{unscoredCount} 人）
        </label>
        <button type="button" className="btn small" disabled={unscoredCount === 0} title="跳到下一个未打分的人（F3）" onClick={jumpToUnscored}>
          下一个未打分
        </button>
        <span className="grow" />
        <button type="button" className="btn" disabled={evaluators.length === 0} onClick={() => setWorkbook('export')} title={open ? undefined : '本月已归档：导出的考核表只读，供查阅和打印'}>
          导出考核表
        </button>
        {open ? (
          <button type="button" className="btn" disabled={!evaluator} onClick={() => setWorkbook('import')}>
            导入考核表
          </button>
        ) : null}
        {open && lacking.length > 0 ? (
          <button
            type="button"
            className="btn danger"
            title="评分合计达到高分线或低于低分线的考核表需填写说明（不影响归档）"
            onClick={() => setReasonRow(selected && lacking.includes(selected) ? selected : lacking[0]!)}
          >
            待填说明 {lacking.length}
          </button>
        ) : null}
        {open ? (
          <button type="button" className="btn" disabled={!selected} onClick={() => selected && setExemptRow(selected)}>
            {selected?.exemptReason ? '取消免考' : '标记免考'}
          </button>
        ) : null}
      </div>
      {!open ? <div className="readonly-banner">本月已归档，只能查看；如需修改请点击“重新开启”并填写原因。</div> : null}
      {evaluator ? (
        <div className="panel" style={{ flex: 1, minHeight: 360 }} onPaste={onPaste} onKeyDownCapture={onKeyDownCapture}>
          <DataGrid<Row>
            label="打分表"
            rows={rowsFor === sheetKey ? rows : NONE}
            loading={rowsFor !== sheetKey && sheetLoading}
            columns={columns as ColDef<Row>[]}
            rowId={(r) => String(r.personId)}
            onReady={(a) => (api.current = a)}
            onSelectionChanged={setSelected}
            options={gridOptions}
          />
        </div>
      ) : (
        <div className="card muted">请选择或新增考核人后开始打分。</div>
      )}
      {conflict ? (
        <ConflictDialog
          conflicts={conflict.conflicts}
          onKeepTheirs={() => {
            setConflict(null);
            notify('已保留对方的值');
            void load();
            refocus();
          }}
          onOverwrite={async () => {
            // sent again, now having seen their values: the user's own values win
            const theirs = new Map(conflict.conflicts.map((c) => [`${c.personId}:${c.criterionId}`, c]));
            const before = conflict.cells.map((c) => {
              const t = theirs.get(`${c.personId}:${c.criterionId}`);
              return t ? { ...c, value: t.theirs, note: t.theirNote } : c;
            });
            if (await commit(conflict.cells, before)) {
              setConflict(null);
              notify(`已用您的值覆盖 ${conflict.conflicts.length} 个单元格（已保存，并记入操作日志）`);
              refocus();
            }
          }}
        />
      ) : null}
      {noteRequest ? (
        <NoteDialog
          request={noteRequest}
          onClose={() => {
            setNoteRequest(null);
            refocus();
          }}
          onSave={async (note) => {
            const asked = new Set(noteRequest.asking.map((a) => `${a.row.personId}:${a.criterion.id}`));
            const cells = noteRequest.cells.map((c) => (asked.has(`${c.personId}:${c.criterionId}`) ? { ...c, note } : c));
            if (await commit(cells, noteRequest.before)) {
              setNoteRequest(null);
              if (cells.length > 1) notify(`已粘贴并保存 ${cells.length} 个单元格`);
              refocus();
            }
          }}
        />
      ) : null}
      {workbook === 'export' ? (
        <ExportWorkbookDialog
          month={month}
          communities={communities}
          evaluators={orderedEvaluators}
          unitId={unitId}
          evaluatorId={evaluatorId}
          onClose={() => {
            setWorkbook(null);
            refocus();
          }}
        />
      ) : null}
      {workbook === 'import' && evaluator ? (
        <ImportWorkbookDialog
          month={month}
          unitId={unitId}
          unitName={unitId === null ? '全部单位' : (communities.find((u) => u.id === unitId)?.name ?? '')}
          evaluator={evaluator}
          onClose={() => {
            setWorkbook(null);
            refocus();
          }}
          onImported={() => {
            setWorkbook(null);
            history.current.clear(); // an import is not one of the grid's own saves
            onChanged(); // reloads this sheet, its totals and the month's counts
          }}
        />
      ) : null}
      {reasonRow && view && evaluator ? (
        <ReasonDialog
          month={month}
          row={reasonRow}
          evaluator={evaluator}
          asked={reasonAsked(reasonRow.total, view.reasonLimits)}
          onClose={() => {
            setReasonRow(null);
            refocus();
          }}
          onSaved={(personId, reason) => {
            setReasonRow(null);
            patchRows((r) => r.personId === personId && Boolean(Object.assign(r, { reason })));
            notify(reason ? '已保存评分说明' : '已清除评分说明');
            refocus();
          }}
        />
      ) : null}
      {exemptRow ? (
        <ExemptDialog
          month={month}
          row={exemptRow}
          onClose={() => {
            setExemptRow(null);
            refocus();
          }}
          onDone={() => {
            setExemptRow(null);
            void load();
            onChanged();
            refocus();
          }}
        />
      ) : null}
    </div>
  );
}

/** Someone else saved these cells since this sheet showed them: keep their values, or save one's own over them. */
function ConflictDialog({ conflicts, onKeepTheirs, onOverwrite }: { conflicts: ScoreConflict[]; onKeepTheirs: () => void; onOverwrite: () => Promise<void> }) {
  const { busy, error, submit } = useFormSubmit(onOverwrite);
  return (
    <Dialog
      title={conflicts.length > 1 ? `${conflicts.length}个单元格已被他人修改` : '此单元格已被他人修改'}
      onClose={onKeepTheirs}
      onSubmit={submit}
      submitLabel="用我的值覆盖"
      cancelLabel="保留对方的值"
      busy={busy}
      error={error}
      width={560}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        在您打开本表之后，有人保存了不同的值，您的修改尚未保存：
      </p>
      <ul aria-label="冲突的单元格" style={{ maxHeight: 180, overflow: 'auto' }}>
        {conflicts.map((c) => (
          <li key={`${c.personId}:${c.criterionId}`}>{conflictMessage(c)}</li>
        ))}
      </ul>
    </Dialog>
  );
}

function NoteDialog({ request, onClose, onSave }: { request: NoteRequest; onClose: () => void; onSave: (note: string) => Promise<void> }) {
  const first = request.asking[0]!;
  const many = request.asking.length > 1;
  const [note, setNote] = useState(many ? '' : (first.row.notes[first.criterion.id] ?? ''));
  const save = useCallback(async () => {
    if (note.trim() === '') throw new Error('请填写说明（事由、日期、案卷号）');
    await onSave(note.trim());
  }, [note, onSave]);
  const { busy, error, submit } = useFormSubmit(save);
  const kinds = [...new Set(request.asking.map((a) => CRITERION_KINDS[a.criterion.kind]))].join('、');
  return (
    <Dialog
      title={many ? `粘贴的${request.asking.length}处${kinds}需要说明` : `${first.row.name}·${first.criterion.name}：${first.count}次`}
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      error={error}
      hint={many ? `这条说明用于全部${request.asking.length}处；粘贴的其余${request.cells.length - request.asking.length}个单元格一并保存` : undefined}
    >
      {many ? (
        <ul className="muted" style={{ marginTop: 0, maxHeight: 120, overflow: 'auto' }} aria-label="需要说明的单元格">
          {request.asking.map((a) => (
            <li key={`${a.row.personId}:${a.criterion.id}`}>
              {a.row.name}·{a.criterion.name}：{a.count}次
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" style={{ marginTop: 0 }}>
          {kinds}：{first.criterion.guide || '每次都应有据可查'}
        </p>
      )}
      <Field label="说明（事由、日期、案卷号）" required>
        <input type="text" value={note} onChange={(e) => setNote(e.target.value)} autoFocus maxLength={200} />
      </Field>
    </Dialog>
  );
}

/** 极端分说明: why this evaluator's total for the worker is at the top or under the low line; saved empty, it is cleared. */
function ReasonDialog({
  month,
  row,
  evaluator,
  asked,
  onClose,
  onSaved,
}: {
  month: MonthSummary;
  row: Row;
  evaluator: Evaluator;
  asked: string;
  onClose: () => void;
  onSaved: (personId: number, reason: string) => void;
}) {
  const [reason, setReason] = useState(row.reason);
  const save = useCallback(async () => {
    if (reason.trim() === '' && !row.reason) throw new Error('请填写说明：为什么给出这个分数（事实、依据）');
    const r = await call('assessments.setReason', { monthId: month.id, personId: row.personId, evaluatorId: evaluator.id, reason: reason.trim() });
    onSaved(row.personId, r.reason);
  }, [reason, row, month.id, evaluator.id, onSaved]);
  const { busy, error, submit } = useFormSubmit(save);
  return (
    <Dialog title={`${row.name}·评分说明`} onClose={onClose} onSubmit={submit} busy={busy} error={error} hint={row.reason ? '清空后保存即删除说明' : '不影响归档，但请在归档前补齐'}>
      <p className="muted" style={{ marginTop: 0 }}>
        {evaluator.name}：{asked}
      </p>
      <Field label="说明（事实、依据）" required>
        <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} />
      </Field>
    </Dialog>
  );
}

function ExemptDialog({ month, row, onClose, onDone }: { month: MonthSummary; row: Row; onClose: () => void; onDone: () => void }) {
  const clearing = Boolean(row.exemptReason);
  const [reason, setReason] = useState(clearing ? '' : '病假');
  const save = useCallback(async () => {
    if (!clearing && reason.trim() === '') throw new Error('请填写免考原因');
    await call('assessments.setExempt', { monthId: month.id, personId: row.personId, reason: clearing ? '' : reason });
    onDone();
  }, [clearing, reason, month.id, row.personId, onDone]);
  const { busy, error, submit } = useFormSubmit(save);
  return (
    <Dialog title={`${clearing ? '取消免考' : '标记免考'}：${row.name}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="确定">
      {clearing ? (
        <p>现免考原因：{row.exemptReason}。取消后需要为此人打分。</p>
      ) : (
        <Field label="免考原因" required hint="如 病假、产假、新入职、长期借调">
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={100} />
        </Field>
      )}
    </Dialog>
  );
}
