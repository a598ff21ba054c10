/**
 * Every Excel import looks and works the same: pick a file (or drop it), check which column holds which field,
 * see each row as it will be taken — wrong cells in red with their message — and the counts, then confirm.
 * Nothing is written before 确认导入, and that is refused while any row is wrong. When some rows are wrong, a second,
 * explicit choice 只导入正确的 N 行 writes the good ones and downloads the wrong ones with their 错误原因 to fix.
 */
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  IMPORT_ROW_STATUS_LABELS,
  type ImportCommitInput,
  type ImportFileInput,
  type ImportMode,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportResult,
} from '../../../shared/contract/io';
import { errorMessage } from '../api/client';
import { saveFile } from '../api/platform';
import { useAppState } from '../app-state';
import { DataGrid } from './DataGrid';
import { Dialog } from './Dialog';

export interface ImportDialogProps {
  title: string;
  /** What the file should hold, shown above the file picker. */
  intro?: ReactNode;
  preview: (file: ImportFileInput) => Promise<ImportPreview>;
  commit: (file: ImportCommitInput) => Promise<ImportResult>;
  onDone: (result: ImportResult, preview: ImportPreview) => void;
  onClose: () => void;
}

const MAX_LISTED_ERRORS = 200;

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type PickedFile = Pick<ImportFileInput, 'fileName' | 'base64'>;

export function ImportDialog({ title, intro, preview, commit, onDone, onClose }: ImportDialogProps) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [mapping, setMapping] = useState<Record<string, number | null> | undefined>(undefined);
  const [result, setResult] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onlyWrong, setOnlyWrong] = useState(true);
  const fileInput = useRef<HTMLInputElement>(null);
  const { notify } = useAppState();

  const runPreview = useCallback(
    async (picked: PickedFile, options: { sheet?: string | undefined; mapping?: Record<string, number | null> | undefined }) => {
      setBusy(true);
      setError(null);
      try {
        const p = await preview({ ...picked, ...options });
        setResult(p);
        setSheet(p.table?.sheetName);
        setMapping(p.table?.mapping);
      } catch (e) {
        setResult(null);
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [preview],
  );

  const pick = async (f: File | undefined) => {
    if (!f) return;
    const picked = { fileName: f.name, base64: await fileToBase64(f) };
    setFile(picked);
    setMapping(undefined);
    setSheet(undefined);
    await runPreview(picked, {});
  };

  const confirm = async (mode: ImportMode = 'all') => {
    if (!file || !result) return;
    setBusy(true);
    setError(null);
    try {
      const done = await commit({ ...file, sheet, mapping, digest: result.digest, mode });
      if (done.wrongRows) {
        const saved = await saveFile(done.wrongRows.fileName, done.wrongRows.base64);
        notify(
          saved.saved
            ? `有错误的 ${done.skipped} 行未导入，已下载为“${done.wrongRows.fileName}”：按“错误原因”改正后，再导入这个文件即可`
            : `有错误的 ${done.skipped} 行未导入（未保存错误行文件，可在预览中查看原因）`,
        );
      }
      onDone(done, result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const counts = result?.counts;
  const toWrite = counts ? counts.new + counts.changed : 0;
  const canCommit = !!result && counts!.wrong === 0 && toWrite > 0;
  /** The rows that are right: written (new, changed) or already so (unchanged). */
  const goodRows = counts ? counts.new + counts.changed + counts.unchanged : 0;
  const canCommitGood = !!result && counts!.wrong > 0 && toWrite > 0;
  const shownRows = useMemo(
    () => (result ? (onlyWrong && result.counts.wrong > 0 ? result.rows.filter((r) => r.status === 'wrong') : result.rows) : []),
    [result, onlyWrong],
  );
  const columns = useMemo<ColDef<ImportPreviewRow>[]>(() => {
    if (!result) return [];
    const wrongAt = (row: ImportPreviewRow | undefined, i: number) => row?.errors.find((e) => e.column === i)?.message;
    return [
      { headerName: '行号', field: 'line', width: 70, pinned: 'left' },
      {
        headerName: '状态',
        width: 80,
        pinned: 'left',
        valueGetter: (p) => (p.data ? IMPORT_ROW_STATUS_LABELS[p.data.status] : ''),
        cellClass: (p) => `import-status-${p.data?.status ?? ''}`,
      },
      ...result.columns.map<ColDef<ImportPreviewRow>>((header, i) => ({
        headerName: header,
        colId: `c${i}`,
        minWidth: 70,
        valueGetter: (p) => p.data?.values[i] ?? '',
        cellClass: (p) => (wrongAt(p.data, i) ? 'cell-wrong' : ''),
        tooltipValueGetter: (p) => wrongAt(p.data, i),
      })),
      { headerName: '变更内容', field: 'change', minWidth: 160 },
    ];
  }, [result]);

  const errorLines = result ? result.rows.flatMap((r) => r.errors.map((e) => ({ line: r.line, ...e }))) : [];

  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={() => confirm('all')}
      submitLabel={toWrite > 0 ? `确认导入（${toWrite}行）` : '确认导入'}
      busy={busy}
      submitDisabled={!canCommit}
      error={error}
      width={1100}
      hint={result && counts!.wrong > 0 ? '确认导入须全部正确（有错误的行改正后重新选择文件预览）；或选择“只导入正确的行”' : '确认前不会写入任何数据；导入前自动备份'}
    >
      <div className="import-dialog">
        {intro ? <div className="import-intro">{intro}</div> : null}
        <div
          className="import-pick"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            void pick(e.dataTransfer.files[0]);
          }}
        >
          <button type="button" className="btn" autoFocus onClick={() => fileInput.current?.click()}>
            选择Excel文件…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label="选择Excel文件"
            hidden
            onChange={(e) => {
              void pick(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <span className="muted">{file ? file.fileName : '或把 .xlsx 文件拖到这里'}</span>
          {busy ? <span className="muted">正在读取…</span> : null}
        </div>

        {result?.table ? (
          <fieldset className="import-mapping" aria-label="列对应">
            <legend>
              列对应（工作表“{result.table.sheetName}”，表头在第{result.table.headerRow}行；如有不对请改正）
            </legend>
            {result.table.sheets.length > 1 ? (
              <label>
                工作表
                <select
                  value={result.table.sheetName}
                  onChange={(e) => file && void runPreview(file, { sheet: e.target.value })}
                >
                  {result.table.sheets.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            ) : null}
            {result.table.fields.map((f) => (
              <label key={f.key} className={f.required && !result.table!.mapping[f.key] ? 'missing' : ''}>
                <span className={f.required ? 'required' : ''}>{f.label}</span>
                <select
                  aria-label={`${f.label}所在列`}
                  value={result.table!.mapping[f.key] ?? ''}
                  onChange={(e) => {
                    if (!file) return;
                    const next = { ...result.table!.mapping, [f.key]: e.target.value === '' ? null : Number(e.target.value) };
                    void runPreview(file, { sheet, mapping: next });
                  }}
                >
                  <option value="">（不导入）</option>
                  {result.table!.columns.map((c) => (
                    <option key={c.index} value={c.index}>
                      {c.letter}列 {c.header || '（无表头）'}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        ) : null}

        {result ? (
          <>
            <div className="import-summary" role="status" aria-label="导入预览统计">
              <span className="muted">{result.target}</span>
              <span className="chip new">新增 {counts!.new}</span>
              <span className="chip changed">变更 {counts!.changed}</span>
              <span className="chip unchanged">无变化 {counts!.unchanged}</span>
              <span className={`chip ${counts!.wrong > 0 ? 'wrong' : ''}`}>有错误 {counts!.wrong}</span>
              {counts!.wrong > 0 ? (
                <label>
                  <input type="checkbox" checked={onlyWrong} onChange={(e) => setOnlyWrong(e.target.checked)} /> 只看有错误的行
                </label>
              ) : null}
            </div>
            {canCommitGood ? (
              <div className="import-partial">
                <span>
                  也可以先导入正确的 {goodRows} 行：有错误的 {counts!.wrong} 行不导入，并下载为 Excel 文件（原有各列加“错误原因”），改正后只需再导入这些行。
                </span>
                <button type="button" className="btn" disabled={busy} onClick={() => void confirm('goodOnly')}>
                  只导入正确的 {goodRows} 行
                </button>
              </div>
            ) : null}
            {result.notes.map((n) => (
              <div key={n} className="import-note">
                {n}
              </div>
            ))}
            <div className="import-grid">
              <DataGrid
                key={`${result.digest}-${onlyWrong}`}
                rows={shownRows}
                columns={columns}
                rowId={(r) => String(r.line)}
                label="导入预览"
                options={{ tooltipShowDelay: 200, autoSizeStrategy: { type: 'fitCellContents' }, suppressColumnVirtualisation: true }}
              />
            </div>
            {errorLines.length > 0 ? (
              <ol className="import-errors" aria-label="错误清单">
                {errorLines.slice(0, MAX_LISTED_ERRORS).map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
                {errorLines.length > MAX_LISTED_ERRORS ? <li>……另有 {errorLines.length - MAX_LISTED_ERRORS} 处错误</li> : null}
              </ol>
            ) : null}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
