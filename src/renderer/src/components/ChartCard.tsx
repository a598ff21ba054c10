/**
 * A chart as 首页 and 分析 show it: its title (and 未完成 when a month in it is still open), the chart, the numbers
 * behind it (查看数据), and 保存图片 (PNG), 打印 (just this chart and its numbers) and 导出Excel (those numbers, built
 * by the core's io.exportGrid).
 */
import { useRef, useState, type ReactNode } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { call, errorMessage } from '../api/client';
import { saveFile } from '../api/platform';
import { useAppState } from '../app-state';
import { Chart, type ChartInstance, type ChartOption } from './Chart';
import { fixed2 } from './chart-kit';

export type ChartCell = string | number | null;

export interface ChartColumn {
  header: string;
  /** hundredths: an integer in hundredths (scores, points, shares), shown as 92.50 and exported as 92.5. */
  kind?: 'text' | 'count' | 'hundredths';
}

/** The numbers a chart shows, as a table: what 查看数据, 打印 and 导出Excel give. */
export interface ChartTable {
  columns: ChartColumn[];
  rows: ChartCell[][];
}

export function cellText(value: ChartCell, column: ChartColumn): string {
  if (value === null) return '—';
  return column.kind === 'hundredths' && typeof value === 'number' ? fixed2(value) : String(value);
}

/** A file name from a title: no characters Windows refuses. */
function fileBase(title: string): string {
  return title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
}

export interface ChartCardProps {
  title: string;
  /** What the chart covers (months, unit, scheme), under the title and on paper. */
  subtitle?: string;
  /** A month in the chart is still open: its figures may change. True, or the months in words. */
  incomplete?: boolean | string;
  option: ChartOption;
  height?: number;
  table: ChartTable;
  /** Controls in the head (a month to show, a community). */
  extra?: ReactNode;
  /** Below the chart: a legend in words, a hint. */
  note?: ReactNode;
  onItemClick?: (item: { seriesIndex: number; dataIndex: number; name: string }) => void;
  /** Instead of the chart while there is nothing to draw. */
  empty?: string | null;
  className?: string;
}

export function ChartCard({ title, subtitle, incomplete, option, height = 260, table, extra, note, onItemClick, empty, className }: ChartCardProps) {
  const { notify } = useAppState();
  const chart = useRef<ChartInstance | null>(null);
  const image = useRef<HTMLImageElement | null>(null);
  const [printing, setPrinting] = useState<string | null>(null);
  const [showData, setShowData] = useState(false);
  const incompleteText = incomplete === true ? '含未归档月份，数字可能还会变化' : incomplete || '';
  const blank = Boolean(empty);

  const pictureUrl = () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null;

  const savePicture = async () => {
    const url = pictureUrl();
    if (!url) return;
    try {
      const r = await saveFile(`${fileBase(title)}.png`, url.slice(url.indexOf(',') + 1));
      if (r.saved) notify('已保存图片');
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  const print = async () => {
    const url = pictureUrl();
    if (!url) return;
    flushSync(() => setPrinting(url));
    await image.current?.decode().catch(() => undefined);
    // the page prints only this card's sheet (styles.css, @media print) until the print dialog closes
    document.body.classList.add('printing-chart');
    const done = () => {
      document.body.classList.remove('printing-chart');
      setPrinting(null);
    };
    window.addEventListener('afterprint', done, { once: true });
    try {
      window.print();
    } finally {
      done();
    }
  };

  const exportExcel = async () => {
    try {
      const file = await call('io.exportGrid', {
        title: title.slice(0, 80),
        subtitle: [subtitle, incompleteText].filter(Boolean).join('　').slice(0, 200),
        columns: table.columns.map((c) => ({
          header: c.header.slice(0, 60),
          width: Math.min(40, Math.max(8, c.header.length * 2 + 2)),
          type: c.kind === 'text' || c.kind === undefined ? ('text' as const) : ('number' as const),
        })),
        rows: table.rows.map((row) => row.map((v, i) => (table.columns[i]?.kind === 'hundredths' && typeof v === 'number' ? v / 100 : v))),
      });
      if ((await saveFile(file.fileName, file.base64)).saved) notify('已导出Excel');
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return (
    <section className={`card chart-card${className ? ` ${className}` : ''}`} aria-label={title}>
      <div className="chart-head">
        <h2>{title}</h2>
        {incompleteText ? (
          <span className="badge draft" title={incompleteText}>
            未完成
          </span>
        ) : null}
        <span className="grow" />
        {extra}
        <span className="chart-actions">
          <button type="button" className="btn small" disabled={blank} onClick={() => void savePicture()}>
            保存图片
          </button>
          <button type="button" className="btn small" disabled={blank} onClick={() => void print()}>
            打印
          </button>
          <button type="button" className="btn small" disabled={blank || table.rows.length === 0} onClick={() => void exportExcel()}>
            导出Excel
          </button>
        </span>
      </div>
      {subtitle ? <div className="chart-subtitle muted">{subtitle}</div> : null}
      {blank ? (
        <div className="chart-empty muted" style={{ height }}>
          {empty}
        </div>
      ) : (
        <Chart option={option} height={height} label={title} chartRef={chart} onClick={onItemClick} />
      )}
      {note ? <div className="chart-note muted">{note}</div> : null}
      {blank ? null : (
        <details className="chart-data" onToggle={(e) => setShowData(e.currentTarget.open)}>
          <summary>查看数据（{table.rows.length} 行）</summary>
          {showData ? <NumbersTable table={table} label={`${title}的数据`} /> : null}
        </details>
      )}
      {printing
        ? createPortal(
            <div className="chart-print" aria-hidden="true">
              <h1>{title}</h1>
              {subtitle ? <p className="chart-print-subtitle">{subtitle}</p> : null}
              {incompleteText ? <p className="chart-print-subtitle">未完成：{incompleteText}</p> : null}
              <img ref={image} src={printing} alt={title} />
              <NumbersTable table={table} label={`${title}的数据`} />
            </div>,
            document.body,
          )
        : null}
    </section>
  );
}

function NumbersTable({ table, label }: { table: ChartTable; label: string }) {
  return (
    <table className="simple chart-numbers" aria-label={label}>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c.header} className={c.kind === 'text' || !c.kind ? undefined : 'num'}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>
            {row.map((v, i) => (
              <td key={i} className={table.columns[i]?.kind === 'text' || !table.columns[i]?.kind ? undefined : 'num'}>
                {cellText(v, table.columns[i] ?? { header: '' })}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
