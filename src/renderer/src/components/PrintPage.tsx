/**
 * The layout of every printed report (ARCHITECTURE.md rule 7): a toolbar (打印 / 导出PDF / 导出Excel), hidden on
 * paper, above one A4 sheet whose CSS (print.css) gives the page size, margins, repeated table headers and the
 * 第N页 共M页 footer. The screen preview, the printout and the PDF share this one layout.
 */
import { useEffect, type ReactNode } from 'react';
import type { ReportHeader, ReportRequest } from '../../../shared/contract/reports';
import { formatDocumentDate } from '../../../shared/domain/stroke-order';
import { call, errorMessage } from '../api/client';
import { canPrintToPdf, printToPdf, saveFile } from '../api/platform';
import { useAppState } from '../app-state';
import './print.css';

export interface PrintPageProps {
  /** The document's title, also the file name of its PDF. */
  title: string;
  /** The same report as an Excel workbook, built in the core; null while loading. */
  excel: ReportRequest | null;
  /** False while the report loads; the sheet carries data-ready for tests and for printing. */
  ready: boolean;
  error?: string | null;
  landscape?: boolean;
  children: ReactNode;
}

export function PrintPage({ title, excel, ready, error, landscape, children }: PrintPageProps) {
  const { notify } = useAppState();
  useEffect(() => {
    document.title = title;
  }, [title]);
  const back = () => {
    if (window.history.length > 1) window.history.back();
    else window.location.hash = '#/reports';
  };
  const exportPdf = async () => {
    try {
      const r = await printToPdf(`${title}.pdf`);
      if (r.saved) notify('已导出PDF');
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };
  const exportExcel = async () => {
    if (!excel) return;
    try {
      const file = await call('reports.excel', excel);
      const r = await saveFile(file.fileName, file.base64);
      if (r.saved) notify('已导出Excel');
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };
  return (
    <div className="print-root">
      <div className="print-toolbar" role="toolbar" aria-label="打印工具栏">
        <button type="button" className="btn" onClick={back}>
          ← 返回
        </button>
        <strong>{title}</strong>
        <span className="grow" />
        <button type="button" className="btn primary" disabled={!ready} onClick={() => window.print()}>
          打印
        </button>
        <button type="button" className="btn" disabled={!ready} onClick={() => void exportPdf()}>
          导出PDF
        </button>
        <button type="button" className="btn" disabled={!ready || !excel} onClick={() => void exportExcel()}>
          导出Excel
        </button>
        {canPrintToPdf() ? null : <span className="hint">浏览器中“导出PDF”会打开打印窗口，请在“目标打印机”中选择“另存为 PDF”。</span>}
      </div>
      {error ? (
        <div className="print-loading" role="alert">
          {error}
        </div>
      ) : ready ? (
        <article className={landscape ? 'print-sheet landscape' : 'print-sheet'} data-ready="true" aria-label={title}>
          {children}
        </article>
      ) : (
        <div className="print-loading">正在生成报表…</div>
      )}
    </div>
  );
}

/** The signature block at the end of a document: the office and the date, right-aligned. */
export function DocumentSignature({ officeName, date }: { officeName: string; date: string }) {
  return (
    <div className="doc-sign">
      {officeName ? <div>{officeName}</div> : null}
      <div>{date}</div>
    </div>
  );
}

/** The end of a table report, kept on one page: the note at its foot, then the signature from the settings. */
export function DocumentEnd({ header, label, children }: { header: ReportHeader; label?: string; children: ReactNode }) {
  return (
    <div className="doc-end">
      <div className="doc-foot" aria-label={label}>
        {children}
      </div>
      <DocumentSignature officeName={header.officeName} date={formatDocumentDate(header.date)} />
    </div>
  );
}

/** A printed table's head: each column's title and, for all but the widest, its width on paper. */
export function DocHead({ columns }: { columns: (readonly [ReactNode, string?])[] }) {
  return (
    <thead>
      <tr>
        {columns.map(([title, width], i) => (
          <th key={i} style={width ? { width } : undefined}>
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A table's rows in groups (by community or role), each under a line naming it and its head count. */
export function GroupedRows<G, R>({
  groups,
  columns,
  name,
  rows,
  extra,
  headed = true,
  children,
}: {
  groups: G[];
  columns: number;
  name: (g: G) => string;
  rows: (g: G) => R[];
  /** More on the group's line (counts by star). */
  extra?: (g: G) => ReactNode;
  /** False: no line above the rows (one group that is the whole report). */
  headed?: boolean;
  children: (row: R) => ReactNode;
}) {
  return groups.map((g) => (
    <tbody key={name(g)}>
      {headed ? (
        <tr className="community-row">
          <td colSpan={columns}>
            {name(g)}（{rows(g).length}人）
            {extra?.(g)}
          </td>
        </tr>
      ) : null}
      {rows(g).map(children)}
    </tbody>
  ));
}

/** The line under a table report's title: who fills it in (the office, from the settings) and the scope. */
export function DocumentMeta({ officeName, unitName }: { officeName: string; unitName: string }) {
  return (
    <div className="doc-meta">
      <span>填报单位：{officeName || unitName}</span>
      <span>范围：{unitName}</span>
    </div>
  );
}
