/**
 * The baseline of the scoring-page benchmark: the least a page can do to show a month's scoring sheet — the same
 * call with the host's token, then a bare AG Grid (Community) with the same rows and columns (name, unit, role, one
 * column per criterion, the totals), built by Vite like the app. No app shell, no other calls, no editing logic.
 */
import { AllCommunityModule, ModuleRegistry, type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

ModuleRegistry.registerModules([AllCommunityModule]);

type Row = { personId: number; name: string; unitPath: string; role: string; values: Record<number, number>; total: number };
type Sheet = { criteria: { id: number; name: string }[]; rows: Row[] };

function Bare() {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const input = { monthId: Number(params.get('month')), evaluatorId: Number(params.get('evaluator')), unitId: null };
    void fetch('/rpc/assessments.sheet', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Grid-Token': params.get('token') ?? '' },
      body: JSON.stringify(input),
    })
      .then((r) => r.json() as Promise<{ data: Sheet }>)
      .then((r) => setSheet(r.data));
  }, []);
  if (!sheet) return null;
  const columns: ColDef<Row>[] = [
    { field: 'name', headerName: '姓名', pinned: 'left' },
    { field: 'unitPath', headerName: '所属单位' },
    { field: 'role', headerName: '岗位' },
    ...sheet.criteria.map((c): ColDef<Row> => ({ colId: `c${c.id}`, headerName: c.name, valueGetter: (p) => p.data?.values[c.id] ?? null })),
    ...['当前考核人评分', '评分说明', '综合得分', '等次', '社区排名'].map((h): ColDef<Row> => ({ colId: h, headerName: h, pinned: 'right', valueGetter: (p) => p.data?.total })),
  ];
  return (
    <div style={{ height: '100%' }} role="region" aria-label="打分表">
      <AgGridReact<Row> rowData={sheet.rows} columnDefs={columns} getRowId={(p) => String(p.data.personId)} suppressColumnVirtualisation />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Bare />);
