/**
 * The criteria of a scheme version as an editable AG Grid (Community cell editing): type to edit, Enter to commit
 * and move down, Tab to the next cell. Rows keep the category order; the first row of each category starts a band.
 */
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import {
  type CellClassParams,
  type CellKeyDownEvent,
  type CellValueChangedEvent,
  type ColDef,
  type EditableCallbackParams,
  type GridApi,
  type GetRowIdParams,
  type ValueFormatterParams,
  type ValueParserParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  CRITERION_KIND_KEYS,
  CRITERION_KINDS,
  formatHundredths,
  parseHundredths,
  type CriterionKind,
  type DeductionFloor,
} from '../../../../shared/domain/scoring';
import { gridTheme } from '../../components/DataGrid';
import { newKey, type CriterionRow } from './form';



/** 扣分止于: what each choice does, as the list and the cell say it. */
const FLOORS: Record<DeductionFloor, string> = { criterion: '扣完本项为止', category: '扣完本类为止' };

type Amount = 'max' | 'perUnit' | 'cap';

/** Which amounts a kind uses; the others stay 0 and are shown as —. */
const USES: Record<CriterionKind, readonly (Amount | 'floor')[]> = {
  score: ['max'],
  deduction: ['max', 'perUnit', 'floor'],
  bonus: ['perUnit', 'cap'],
  veto: [],
};

/** A row after its kind changed: the amounts the new kind does not use are cleared. */
function withKind(row: CriterionRow, kind: CriterionKind): CriterionRow {
  const uses = USES[kind];
  return {
    ...row,
    kind,
    max: uses.includes('max') ? row.max : 0,
    perUnit: uses.includes('perUnit') ? row.perUnit : 0,
    cap: uses.includes('cap') ? row.cap : 0,
    floor: uses.includes('floor') ? row.floor : 'criterion',
  };
}

export interface GridRow extends CriterionRow {
  index: number;
  /** The first row of a run of one category. */
  categoryStart: boolean;
  issues: Record<string, string> | null;
}

export interface CriteriaGridProps {
  rows: CriterionRow[];
  readOnly: boolean;
  /** Problems the core named, by row key and field (max, perUnit, cap, name …). */
  issues: ReadonlyMap<string, Record<string, string>>;
  onChange: (rows: CriterionRow[]) => void;
  onInvalid: (message: string) => void;
  /** The grid's API once it is ready (the editor commits a cell in edit before saving). */
  onApi?: (api: GridApi<GridRow>) => void;
  /** Shown at the right of the toolbar (the sum of maxima). */
  summary: ReactNode;
}

export function CriteriaGrid({ rows, readOnly, issues, onChange, onInvalid, onApi, summary }: CriteriaGridProps) {
  const [api, setApi] = useState<GridApi<GridRow> | null>(null);
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  /** A cell to focus (and perhaps edit) once the grid shows the new rows. */
  const pending = useRef<{ key: string; col: string; edit: boolean } | null>(null);

  const gridRows = useMemo<GridRow[]>(
    () =>
      rows.map((r, i) => ({
        ...r,
        index: i,
        categoryStart: i === 0 || rows[i - 1]!.category !== r.category,
        issues: issues.get(r.key) ?? null,
      })),
    [rows, issues],
  );

  useEffect(() => {
    const want = pending.current;
    if (!api || !want) return;
    pending.current = null;
    const index = rows.findIndex((r) => r.key === want.key);
    if (index < 0) return;
    api.ensureIndexVisible(index);
    api.setFocusedCell(index, want.col);
    if (want.edit) api.startEditingCell({ rowIndex: index, colKey: want.col });
  }, [api, rows]);

  const amountColumn = useCallback(
    (field: Amount, headerName: string, headerTooltip: string, width: number): ColDef<GridRow> => ({
      field,
      headerName,
      headerTooltip,
      width,
      type: 'rightAligned',
      cellDataType: false,
      editable: (p: EditableCallbackParams<GridRow>) => !readOnly && Boolean(p.data && USES[p.data.kind].includes(field)),
      valueFormatter: (p: ValueFormatterParams<GridRow, number>) =>
        p.data && USES[p.data.kind].includes(field) ? formatHundredths(p.value ?? 0) : '—',
      valueParser: (p: ValueParserParams<GridRow, number>) => {
        const text = String(p.newValue ?? '').trim();
        const value = text === '' ? 0 : parseHundredths(text);
        if (value === null || value < 0) {
          onInvalid(`“${headerName}”应为不小于0的数字，最多两位小数，不能填“${text}”`);
          return p.oldValue ?? 0;
        }
        return value;
      },
      cellEditorParams: { useFormatter: true },
      cellClassRules: {
        'cell-na': (p: CellClassParams<GridRow>) => Boolean(p.data && !USES[p.data.kind].includes(field)),
        'cell-invalid': (p: CellClassParams<GridRow>) => Boolean(p.data?.issues?.[field]),
      },
      tooltipValueGetter: (p) => p.data?.issues?.[field] ?? null,
    }),
    [readOnly, onInvalid],
  );

  const columns = useMemo(
    (): ColDef<GridRow>[] => [
      { colId: 'index', headerName: '序号', width: 62, valueGetter: (p) => (p.data ? p.data.index + 1 : null), editable: false, sortable: false },
      {
        field: 'category',
        headerName: '分类',
        width: 110,
        editable: !readOnly,
        cellClassRules: {
          'cat-repeat': (p: CellClassParams<GridRow>) => Boolean(p.data && !p.data.categoryStart),
          'cell-invalid': (p: CellClassParams<GridRow>) => Boolean(p.data?.issues?.category),
        },
        tooltipValueGetter: (p) => p.data?.issues?.category ?? null,
        cellEditorParams: { maxLength: 20 },
      },
      {
        field: 'name',
        headerName: '指标名称',
        width: 180,
        editable: !readOnly,
        cellClassRules: { 'cell-invalid': (p: CellClassParams<GridRow>) => Boolean(p.data?.issues?.name) },
        tooltipValueGetter: (p) => p.data?.issues?.name ?? p.data?.name ?? null,
        cellEditorParams: { maxLength: 40 },
      },
      {
        field: 'kind',
        headerName: '类型',
        width: 100,
        editable: !readOnly,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...CRITERION_KIND_KEYS] },
        refData: CRITERION_KINDS,
        cellClassRules: { 'cell-invalid': (p: CellClassParams<GridRow>) => Boolean(p.data?.issues?.kind) },
      },
      amountColumn('max', '分值', '评分项：最高分；扣分项：起扣的分值（计入满分）；加分项和一票否决不计入满分', 78),
      amountColumn('perUnit', '每次分值', '扣分项、加分项：每发生一次扣或加的分值', 88),
      amountColumn('cap', '上限', '加分项：最多加的分值', 72),
      {
        field: 'floor',
        headerName: '扣分止于',
        headerTooltip: '扣分项扣完为止：扣到本项0分为止，或扣到本类0分为止',
        width: 112,
        editable: (p) => !readOnly && p.data?.kind === 'deduction',
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: Object.keys(FLOORS) },
        refData: FLOORS,
        // the list of the editor formats each choice without a row: only a row of another kind shows —
        valueFormatter: (p) => (p.data && p.data.kind !== 'deduction' ? '—' : (FLOORS[p.value as DeductionFloor] ?? '—')),
        cellClassRules: { 'cell-na': (p: CellClassParams<GridRow>) => p.data?.kind !== 'deduction' },
      },
      {
        field: 'guide',
        headerName: '评分标准',
        flex: 1,
        minWidth: 180,
        editable: !readOnly,
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
        cellEditorParams: { maxLength: 500, rows: 6, cols: 56 },
        tooltipField: 'guide',
      },
    ],
    [readOnly, amountColumn],
  );

  const defaultColDef = useMemo<ColDef<GridRow>>(() => ({ sortable: false, resizable: true, suppressMovable: true, minWidth: 56 }), []);
  const getRowId = useCallback((p: GetRowIdParams<GridRow>) => p.data.key, []);

  const onCellValueChanged = useCallback(
    (e: CellValueChangedEvent<GridRow>) => {
      const changed = e.data;
      if (!changed) return;
      onChange(
        rows.map((r) => {
          if (r.key !== changed.key) return r;
          const next: CriterionRow = {
            key: r.key,
            category: changed.category.trim(),
            name: changed.name.trim(),
            kind: r.kind,
            max: changed.max,
            perUnit: changed.perUnit,
            cap: changed.cap,
            floor: changed.floor,
            guide: changed.guide,
          };
          return changed.kind !== r.kind ? withKind(next, changed.kind) : next;
        }),
      );
    },
    [rows, onChange],
  );

  const focusedIndex = focusedKey === null ? -1 : rows.findIndex((r) => r.key === focusedKey);

  const add = () => {
    const at = focusedIndex >= 0 ? focusedIndex + 1 : rows.length;
    const near = rows[focusedIndex >= 0 ? focusedIndex : rows.length - 1];
    const row: CriterionRow = {
      key: newKey('n'),
      category: near?.category ?? '',
      name: '',
      kind: 'score',
      max: 0,
      perUnit: 0,
      cap: 0,
      floor: 'criterion',
      guide: '',
    };
    pending.current = { key: row.key, col: near ? 'name' : 'category', edit: true };
    setFocusedKey(row.key);
    onChange([...rows.slice(0, at), row, ...rows.slice(at)]);
  };
  const remove = () => {
    if (focusedIndex < 0) return;
    const next = rows.filter((_, i) => i !== focusedIndex);
    const neighbour = next[Math.min(focusedIndex, next.length - 1)];
    if (neighbour) pending.current = { key: neighbour.key, col: api?.getFocusedCell()?.column.getColId() ?? 'name', edit: false };
    setFocusedKey(neighbour?.key ?? null);
    onChange(next);
  };
  const move = (by: -1 | 1) => {
    const to = focusedIndex + by;
    if (focusedIndex < 0 || to < 0 || to >= rows.length) return;
    const next = [...rows];
    [next[focusedIndex], next[to]] = [next[to]!, next[focusedIndex]!];
    pending.current = { key: rows[focusedIndex]!.key, col: api?.getFocusedCell()?.column.getColId() ?? 'name', edit: false };
    onChange(next);
  };

  const onCellKeyDown = (e: CellKeyDownEvent<GridRow>) => {
    const ev = e.event as KeyboardEvent | null;
    if (!ev || readOnly || e.api.getEditingCells().length > 0) return;
    if (ev.altKey && (ev.key === 'ArrowUp' || ev.key === 'ArrowDown')) {
      ev.preventDefault();
      move(ev.key === 'ArrowUp' ? -1 : 1);
    } else if (ev.key === 'Insert') {
      ev.preventDefault();
      add();
    }
  };

  const focused = focusedIndex >= 0 ? rows[focusedIndex]! : null;
  return (
    <div className="criteria">
      <div className="criteria-bar">
        {readOnly ? null : (
          <>
            <button type="button" className="btn" onClick={add} title="在选中行下方添加（Insert）">
              添加指标
            </button>
            <button type="button" className="btn danger" disabled={!focused} onClick={remove}
              title={focused ? `删除第${focusedIndex + 1}项“${focused.name}”` : '先在表格中选中一项'}>
              删除
            </button>
            <button type="button" className="btn" disabled={focusedIndex <= 0} onClick={() => move(-1)} title="Alt+↑">
              上移
            </button>
            <button type="button" className="btn" disabled={focusedIndex < 0 || focusedIndex >= rows.length - 1} onClick={() => move(1)} title="Alt+↓">
              下移
            </button>
          </>
        )}
        <span className="grow" />
        {summary}
      </div>
      <div className="criteria-grid" role="region" aria-label="考核指标">
        <AgGridReact<GridRow>
          theme={gridTheme}
          localeText={AG_GRID_LOCALE_CN}
          rowData={gridRows}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          getRowId={getRowId}
          domLayout="autoHeight"
          popupParent={document.body}
          rowClassRules={{
            'cat-start': (p) => Boolean(p.data && p.data.categoryStart && p.data.index > 0),
            'row-invalid': (p) => Boolean(p.data?.issues),
          }}
          onGridReady={(e) => {
            setApi(e.api);
            onApi?.(e.api);
          }}
          onCellFocused={(e) => {
            if (e.rowIndex === null || e.rowIndex === undefined) return;
            const key = e.api.getDisplayedRowAtIndex(e.rowIndex)?.id;
            if (key) setFocusedKey(key);
          }}
          onCellValueChanged={onCellValueChanged}
          onCellKeyDown={onCellKeyDown}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          singleClickEdit={false}
          tooltipShowDelay={300}
          animateRows={false}
          overlayNoRowsTemplate='<span class="muted">还没有考核指标，点“添加指标”开始</span>'
        />
      </div>
      {readOnly ? null : (
        <p className="field-hint criteria-hint">
          直接输入或按 Enter / F2 编辑单元格，Enter 确定并下移，Tab 到下一格，Esc 取消；评分标准中 Shift+Enter 换行。Insert 添加一行，Alt+↑/↓ 移动选中行。
        </p>
      )}
    </div>
  );
}
