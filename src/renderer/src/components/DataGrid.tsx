/**
 * AG Grid (Community) set up the way every page wants it: Chinese locale, our theme, single-row selection,
 * Enter or double-click to open a row, and 导出Excel of exactly what is on screen.
 */
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  DateFilterModule,
  ExternalFilterModule,
  LargeTextEditorModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  RenderApiModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  themeQuartz,
  type CellKeyDownEvent,
  type ColDef,
  type GridApi,
  type GetRowIdParams,
} from 'ag-grid-community';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useCallback, useMemo, useRef } from 'react';
import type { EXPORT_COLUMN_TYPES } from '../../../shared/contract/io';
import { call, errorMessage } from '../api/client';
import { saveFile } from '../api/platform';
import { useAppState } from '../app-state';

// Only what the app's grids use (each grid of the app imports this file, CriteriaGrid for gridTheme); a grid that
// needs another feature says which module is missing in the console, and the e2e tests fail on it.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  LocaleModule,
  RowSelectionModule,
  // filters: a column's filter follows its data (text, numbers, 'YYYY-MM-DD' dates); the 积分排行 search box
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  QuickFilterModule,
  // filters kept outside the grid: the scoring sheet's 只看未打分, 批量添加's community and name
  ExternalFilterModule,
  // editing: scores, criteria, deeds
  TextEditorModule,
  SelectEditorModule,
  LargeTextEditorModule,
  TooltipModule,
  CellStyleModule,
  RowStyleModule,
  // the import preview sizes its columns to their contents
  ColumnAutoSizeModule,
  // the grid api calls the app makes (export, keyboard selection, the scoring sheet, the criteria editor)
  CellApiModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  ClientSideRowModelApiModule,
  // the scoring sheet redraws the cells a save changed without closing an open editor
  RenderApiModule,
]);

/** The grid look every page shares. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
  accentColor: '#2563c9',
  borderRadius: 0,
  wrapperBorderRadius: 0,
});

/** Per-column export hint: how the column's values go into Excel. */
export interface ExportContext {
  exportType?: (typeof EXPORT_COLUMN_TYPES)[number];
}

export interface DataGridProps<T> {
  rows: T[];
  columns: ColDef<T>[];
  rowId: (row: T) => string;
  onRowActivated?: (row: T) => void;
  onSelectionChanged?: (row: T | null) => void;
  onReady?: (api: GridApi<T>) => void;
  label: string;
  /** The rows are on their way: the grid says 加载中 instead of 无显示行. */
  loading?: boolean;
  /** Further AG Grid options for a page that needs them (editing, navigation). */
  options?: Partial<AgGridReactProps<T>>;
}

export function DataGrid<T>({ rows, columns, rowId, onRowActivated, onSelectionChanged, onReady, label, loading = false, options }: DataGridProps<T>) {
  const apiRef = useRef<GridApi<T> | null>(null);
  const getRowId = useCallback((p: GetRowIdParams<T>) => rowId(p.data), [rowId]);
  const defaultColDef = useMemo<ColDef<T>>(
    () => ({ sortable: true, resizable: true, filter: true, minWidth: 60, wrapHeaderText: true, autoHeaderHeight: true }),
    [],
  );
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<T>) => {
      const key = (e.event as KeyboardEvent | null)?.key;
      if (key === 'Enter' && e.data) onRowActivated?.(e.data);
    },
    [onRowActivated],
  );
  return (
    <div className="grid-wrap" aria-label={label} role="region">
      <AgGridReact<T>
        theme={gridTheme}
        localeText={AG_GRID_LOCALE_CN}
        rowData={rows}
        loading={loading}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onGridReady={(e) => {
          apiRef.current = e.api;
          onReady?.(e.api);
        }}
        onRowDoubleClicked={(e) => e.data && onRowActivated?.(e.data)}
        onCellKeyDown={onCellKeyDown}
        onCellFocused={(e) => {
          // Keyboard users select by moving the focus.
          if (e.rowIndex !== null && e.rowIndex !== undefined) e.api.getDisplayedRowAtIndex(e.rowIndex)?.setSelected(true, true);
        }}
        onSelectionChanged={(e) => onSelectionChanged?.(e.api.getSelectedRows()[0] ?? null)}
        animateRows={false}
        suppressDragLeaveHidesColumns
        {...options}
      />
    </div>
  );
}

/** 导出Excel as every page offers it: the grid as shown (a large one says how far it has come), then 已导出Excel, or why it failed. */
export function useExportGrid(): <T>(api: GridApi<T> | null, title: string, subtitle: string) => Promise<void> {
  const { notify } = useAppState();
  return useCallback(
    async <T,>(api: GridApi<T> | null, title: string, subtitle: string) => {
      if (!api) return;
      let told = 0;
      const onProgress = (done: number, total: number) => {
        const percent = Math.floor((done / total) * 100);
        if (percent >= told + 25) notify(`正在导出Excel：已写入 ${done} / ${total} 行`);
        told = Math.max(told, percent - (percent % 25));
      };
      try {
        if (await exportGridView(api, title, subtitle, onProgress)) notify('已导出Excel');
      } catch (e) {
        notify(errorMessage(e), 'error');
      }
    },
    [notify],
  );
}

/** How often a running export is asked how far it has come. */
const PROGRESS_EVERY_MS = 700;

/**
 * Sends the grid's visible columns and its rows, filtered and sorted as shown, to the core's Excel export; while it
 * runs, `onProgress` hears how many rows are written.
 */
export async function exportGridView<T>(api: GridApi<T>, title: string, subtitle: string, onProgress?: (done: number, total: number) => void): Promise<boolean> {
  const columns = api.getAllDisplayedColumns();
  const rows: (string | number | null)[][] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    rows.push(
      columns.map((col) => {
        const type = (col.getColDef().context as ExportContext | undefined)?.exportType ?? 'text';
        const value = api.getCellValue({ rowNode: node, colKey: col, useFormatter: type !== 'number' });
        if (value === null || value === undefined) return null;
        return type === 'number' && typeof value === 'number' ? value : String(value);
      }),
    );
  });
  const jobId = `export-${crypto.randomUUID()}`;
  const poll = onProgress
    ? setInterval(() => {
        void call('io.exportProgress', { jobId })
          .then((p) => p && p.done < p.total && onProgress(p.done, p.total))
          .catch(() => undefined);
      }, PROGRESS_EVERY_MS)
    : undefined;
  const file = await call('io.exportGrid', {
    jobId,
    title,
    subtitle,
    columns: columns.map((col) => ({
      header: col.getColDef().headerName ?? col.getColId(),
      width: Math.min(120, Math.max(6, Math.round(col.getActualWidth() / 7.5))),
      type: (col.getColDef().context as ExportContext | undefined)?.exportType ?? 'text',
    })),
    rows,
  }).finally(() => clearInterval(poll));
  return (await saveFile(file.fileName, file.base64)).saved;
}
