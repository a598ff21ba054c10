/**
 * A period's results: counts per grade, the months still missing, the ties at the 优秀 line waiting for a decision, a
 * table of every member (components, total, grade, ranks, quota mark, 解聘预警), the derivation of any line, and
 * 归档 / 重新开启 for the administrator.
 */
import type { ColDef, GridApi, ValueFormatterParams } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { PeriodRow, PeriodSummary } from '../../../../shared/contract/periods';
import { COMPONENT_LABELS, type ComponentKind } from '../../../../shared/domain/periods';
import { fixed2, GRADES } from '../../../../shared/domain/scoring';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { gradeText, QUOTA_MARKS } from './labels';
import { ExportPackageButton } from '../district/ExportPackageButton';
import { PeriodDerivationDialog } from './PeriodDerivationDialog';
import { PERIOD_REPORTS } from './reports';

const num: ExportContext = { exportType: 'number' };
const points = (p: ValueFormatterParams<PeriodRow>) => (typeof p.value === 'number' ? fixed2(Math.round(p.value * 100)) : '');
const inPoints = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 100);

function componentColumn(k: ComponentKind): ColDef<PeriodRow> {
  return { colId: k, headerName: COMPONENT_LABELS[k], width: 76, valueGetter: (p) => inPoints(p.data?.components[k]), valueFormatter: points, context: num, filter: false };
}

interface Props {
  period: PeriodSummary;
  unitId: number | null;
  /** The unit's name, for the export's title and file name. */
  unitName: string;
  isAdmin: boolean;
  version: number;
  onChanged: () => void;
}

export function ResultsView({ period, unitId, unitName, isAdmin, version, onChanged }: Props) {
  const { notify, notifyError } = useAppState();
  const [selected, setSelected] = useState<PeriodRow | null>(null);
  const [derivationOf, setDerivationOf] = useState<PeriodRow | null>(null);
  const [tie, setTie] = useState<{ row: PeriodRow; keep: boolean } | null>(null);
  const [reopening, setReopening] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const api = useRef<GridApi<PeriodRow> | null>(null);
  const open = period.status === 'open';

  const { data: view, refresh } = useCall('periods.view', { periodId: period.id, unitId }, [version], { onError: notifyError });
  const rows = view?.rows;
  const ties = useMemo(() => (rows ?? []).filter((r) => r.quota === 'tie'), [rows]);
  const warnings = useMemo(() => (rows ?? []).filter((r) => r.warning), [rows]);

  const columns = useMemo<ColDef<PeriodRow>[]>(
    () => [
      { field: 'name', headerName: '姓名', width: 80, pinned: 'left' },
      { field: 'unitPath', headerName: '所属单位', flex: 1, minWidth: 120, tooltipField: 'unitPath' },
      { field: 'role', headerName: '岗位', width: 70 },
      { field: 'monthsInPost', headerName: '在岗月数', width: 56, context: num, filter: false },
      componentColumn('months'),
      componentColumn('appraisal'),
      { field: 'ballots', headerName: '测评票数', width: 56, context: num, filter: false },
      componentColumn('points'),
      { colId: 'total', headerName: '总分', width: 76, valueGetter: (p) => inPoints(p.data?.total), valueFormatter: points, context: num, sort: 'desc', filter: false },
      { colId: 'grade', headerName: '等次', width: 80, valueGetter: (p) => (p.data ? gradeText(p.data) : ''), cellClass: (p) => `grade-${String(p.value)}` },
      { colId: 'rankGrid', headerName: '网格排名', width: 56, valueGetter: (p) => p.data?.ranks.grid ?? null, context: num, filter: false },
      { colId: 'rankCommunity', headerName: '社区排名', width: 56, valueGetter: (p) => p.data?.ranks.community ?? null, context: num, filter: false },
      { colId: 'rankRole', headerName: '岗位排名', width: 56, valueGetter: (p) => p.data?.ranks.role ?? null, context: num, filter: false },
      { colId: 'rankStreet', headerName: '街道排名', width: 56, valueGetter: (p) => p.data?.ranks.street ?? null, context: num, filter: false },
      {
        colId: 'quota',
        headerName: '优秀名额',
        width: 104,
        filter: false,
        valueGetter: (p) => (p.data?.quota ? QUOTA_MARKS[p.data.quota] : ''),
        tooltipValueGetter: (p) => (p.data?.quota === 'dropped' ? '在优秀名额外，降为良好' : p.data?.quota === 'tie' ? '与他人并列在优秀名额线上，待决定' : ''),
        cellClass: (p) => (p.data?.quota === 'tie' ? 'cell-tie' : undefined),
      },
      { colId: 'warning', headerName: '解聘预警', width: 64, filter: false, valueGetter: (p) => (p.data?.warning ? '预警' : ''), cellClass: (p) => (p.value ? 'grade-不合格' : undefined) },
    ],
    [],
  );

  const exportGrid = useExportGrid();
  const exportExcel = () => exportGrid(api.current, `${period.periodLabel}${period.schemeName}结果（${unitName}）`, `第${period.version}版\u3000${open ? '进行中' : '已归档'}`);
  const onReport = (key: string) => {
    if (key === 'excel') return void exportExcel();
    const report = PERIOD_REPORTS.find((r) => r.key === key);
    if (report) window.location.hash = report.href(period, unitId);
  };

  const finalise = async () => {
    setRefusal(null);
    try {
      // refused before it is asked: nobody confirms something that then fails
      const { refusal: why } = await call('periods.finaliseCheck', { periodId: period.id });
      if (why) {
        setRefusal(why);
        return notify(why, 'error');
      }
      if (!window.confirm(`确定将${period.periodLabel}“${period.schemeName}”归档吗？归档后结果封存、只读。`)) return;
      await call('periods.finalise', { periodId: period.id });
      notify(`${period.periodLabel}已归档`);
      onChanged();
    } catch (e) {
      setRefusal(errorMessage(e));
      notify(errorMessage(e), 'error');
    }
  };

  const counts = view?.counts;
  return (
    <div className="month-body">
      {view && view.monthsMissing.length > 0 ? (
        <div className="notice strong" role="note" aria-label="未归档的月份">
          还有 {view.monthsMissing.length} 个月的月度考核没有归档：{view.monthsMissing.join('、')}。这些月份不计入“月度考核”；归档本期前须先将它们归档。
        </div>
      ) : null}
      {!open ? (
        <div className="readonly-banner" style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <span>本期已归档，结果已封存，只能查看；如需修改请点击“重新开启”并填写原因。</span>
          {isAdmin ? <ExportPackageButton periodId={period.id} /> : null}
        </div>
      ) : null}
      {refusal ? (
        <div className="form-error" role="alert" aria-label="归档未完成">
          未能归档：{refusal}
        </div>
      ) : null}
      {ties.length > 0 ? (
        <section className="card tie-card" aria-label="名额线上并列">
          <div className="tie-title">
            优秀名额线上有 {ties.length} 人并列（总分 {fixed2(ties[0]!.total!)}），须逐一决定保留优秀或降为良好{isAdmin ? '，并写明理由' : '（由管理员决定）'}：
          </div>
          <ul className="tie-list">
            {ties.map((r) => (
              <li key={r.personId}>
                <b>{r.name}</b>
                <span className="muted">{r.unitPath}</span>
                <span>总分 {fixed2(r.total!)}</span>
                {isAdmin && open ? (
                  <>
                    <button type="button" className="btn small primary" onClick={() => setTie({ row: r, keep: true })} aria-label={`${r.name}保留优秀`}>
                      保留优秀
                    </button>
                    <button type="button" className="btn small" onClick={() => setTie({ row: r, keep: false })} aria-label={`${r.name}降为良好`}>
                      降为良好
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="toolbar card" style={{ marginBottom: 8, padding: '6px 10px' }}>
        <span aria-label="等次人数">
          {GRADES.map((g) => (
            <span key={g} className="count-chip">
              {g} <b>{counts?.[g] ?? 0}</b>
            </span>
          ))}
          <span className="count-chip">
            不定等次 <b>{counts?.不定等次 ?? 0}</b>
          </span>
          <span className={`count-chip${warnings.length ? ' bad' : ''}`}>
            解聘预警 <b>{warnings.length}</b>
          </span>
        </span>
        <span className="muted">共 {rows?.length ?? 0} 人 · 双击或回车查看得分明细</span>
        <span className="grow" />
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && setDerivationOf(selected)}>
          得分明细
        </button>
        <select aria-label="报表" className="report-menu" value="" disabled={!rows?.length} onChange={(e) => onReport(e.target.value)}>
          <option value="">报表（打印/导出）…</option>
          <option value="excel">导出Excel（当前表格）</option>
          {PERIOD_REPORTS.filter((r) => (!r.finalisedOnly || !open) && (!r.needsUnit || unitId !== null)).map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}
            </option>
          ))}
        </select>
        {isAdmin && open ? (
          <button type="button" className="btn primary" onClick={() => void finalise()}>
            归档
          </button>
        ) : null}
        {isAdmin && !open ? (
          <button type="button" className="btn" onClick={() => setReopening(true)}>
            重新开启
          </button>
        ) : null}
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 300 }}>
        <DataGrid<PeriodRow>
          label="考核结果"
          rows={rows ?? []}
          columns={columns}
          rowId={(r) => String(r.personId)}
          onReady={(a) => (api.current = a)}
          onSelectionChanged={setSelected}
          onRowActivated={setDerivationOf}
          options={{ suppressColumnVirtualisation: true, rowClassRules: { 'row-tie': (p) => p.data?.quota === 'tie', muted: (p) => p.data?.status === 'undetermined' } }}
        />
      </div>
      {derivationOf ? <PeriodDerivationDialog period={period} row={derivationOf} onClose={() => setDerivationOf(null)} /> : null}
      {tie ? (
        <TieDialog
          period={period}
          row={tie.row}
          keep={tie.keep}
          onClose={() => setTie(null)}
          onDone={() => {
            notify(`已决定：${tie.row.name}${tie.keep ? '保留优秀' : '降为良好'}`);
            setTie(null);
            void refresh();
          }}
        />
      ) : null}
      {reopening ? (
        <ReopenDialog
          period={period}
          onClose={() => setReopening(false)}
          onDone={() => {
            setReopening(false);
            notify(`${period.periodLabel}已重新开启`);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function TieDialog({ period, row, keep, onClose, onDone }: { period: PeriodSummary; row: PeriodRow; keep: boolean; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const save = useCallback(async () => {
    await call('periods.decideTie', { periodId: period.id, personId: row.personId, keep, reason });
    onDone();
  }, [period.id, row.personId, keep, reason, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`${keep ? '保留优秀' : '降为良好'}：${row.name}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="确定">
      <p className="muted" style={{ marginTop: 0 }}>
        {row.name}（{row.unitPath}）总分 {fixed2(row.total!)}，与他人并列在优秀名额线上。决定及理由记入操作日志和得分明细。
      </p>
      <Field label="决定的理由" required error={fieldErrors.reason}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} />
      </Field>
    </Dialog>
  );
}

function ReopenDialog({ period, onClose, onDone }: { period: PeriodSummary; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const save = useCallback(async () => {
    await call('periods.reopen', { periodId: period.id, reason });
    onDone();
  }, [period.id, reason, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`重新开启 ${period.periodLabel}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="重新开启">
      <p className="muted" style={{ marginTop: 0 }}>
        重新开启后结果按当前数据重新计算，可修改测评和决定；原因记入操作日志。
      </p>
      <Field label="重新开启的原因" required error={fieldErrors.reason}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} />
      </Field>
    </Dialog>
  );
}
