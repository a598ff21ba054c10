/** What every print route does around its sheet: read the report, name the document, offer it as Excel. */
import type { ComponentType, ReactNode } from 'react';
import type { CallName } from '../../../../shared/contract';
import type { ReportRequest } from '../../../../shared/contract/reports';
import { useCall } from '../../api/useCall';
import { PrintPage } from '../../components/PrintPage';
import { PRINT_CALLS, type PrintData, type PrintInput, type PrintReport } from './print-routes';

export interface ReportPrintProps<R extends PrintReport> {
  report: R;
  input: PrintInput<R>;
  /** The document's title (also its PDF's name) once the report is read … */
  title: (data: PrintData<R>) => string;
  /** … and before. */
  untitled: string;
  landscape?: (data: PrintData<R>) => boolean;
  children: (data: PrintData<R>) => ReactNode;
}

export function ReportPrint<R extends PrintReport>({ report, input, title, untitled, landscape, children }: ReportPrintProps<R>) {
  // the input came from the route through the call's own schema: the call and the input agree
  const { data, error } = useCall(PRINT_CALLS[report] as CallName, input as never) as { data: PrintData<R> | undefined; error: string | null };
  return (
    <PrintPage
      title={data ? title(data) : untitled}
      excel={data ? ({ report, ...input } as ReportRequest) : null}
      ready={data !== undefined}
      error={error}
      landscape={data && landscape ? landscape(data) : false}
    >
      {data ? children(data) : null}
    </PrintPage>
  );
}

/** A report's sheet as its print route shows it: the report read, and the route's input (a choice on the sheet). */
export type SheetProps<R extends PrintReport> = { report: PrintData<R>; input: PrintInput<R> };

/** The print route of a report: ReportPrint around its sheet. */
export function printRoute<R extends PrintReport>(
  report: R,
  spec: Pick<ReportPrintProps<R>, 'title' | 'untitled' | 'landscape'> & { Sheet: ComponentType<SheetProps<R>> },
): ComponentType<{ input: PrintInput<R> }> {
  const { Sheet, ...names } = spec;
  return function PrintRoute({ input }: { input: PrintInput<R> }) {
    return (
      <ReportPrint report={report} input={input} {...names}>
        {(data) => <Sheet report={data} input={input} />}
      </ReportPrint>
    );
  };
}

/** '2026年11月月度考核汇总表（固戍社区）': most reports are named by their title and unit. */
export const titleWithUnit = (r: { title: string; unitName: string }) => `${r.title}（${r.unitName}）`;
