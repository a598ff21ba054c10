/**
 * The scoring sheet: a row per worker, a column per criterion grouped by category. Type, Enter or Tab moves on; each
 * committed cell is saved at once; a block copied from Excel pastes in from the focused cell. Wrong values are
 * refused in the cell with a Chinese message.
 */
import type { CellValueChangedEvent, ColDef, ColGroupDef, GridApi, ValueSetterParams } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import type { Evaluator, MonthSummary, ResultRow, ScoreCell, SheetRow } from '../../../../shared/contract/assessments';
import type { UnitNode } from '../../../../shared/contract/org';
import { noteRequired, parseScoreText as parseCell, unreadableMessage as unreadable } from '../../../../shared/domain/score-entry';
import { CRITERION_KINDS, formatHundredths, valueError, type Criterion } from '../../../../shared/domain/scoring';
import { reasonAsked } from '../../../../shared/domain/sheet-reasons';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, type ExportContext } from '../../components/DataGrid';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FilterSelect } from '../../components/Select';
import { useFormSubmit } from '../../components/useFormSubmit';
import { evaluatorLabel } from './evaluator-label';
import { ExportWorkbookDialog, ImportWorkbookDialog } from './EvaluatorWorkbook';

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
  combined: Pick<ResultRow, 'total' | 'grade' | 'rankInUnit' | 'veto'> | null;
}

type NoteRequest = { row: Row; criterion: Criterion; count: number };

export function ScoringView({ month, unitId, communities, evaluators, initialEvaluatorId = null, onAddEvaluator, onChanged, version }: Props) {
  const { notify, notifyError } = useAppState();
  const [evaluatorId, setEvaluatorId] = useState<number | null>(initialEvaluatorId);
  const [rows, setRows] = useState<Row[]>([]);
  const [noteRequest, setNoteRequest] = useState<NoteRequest | null>(null);
  const [exemptRow, setExemptRow] = useState<Row | null>(null);
  const [reasonRow, setReasonRow] = useState<Row | null>(null);
  const [selected, setSelected] = useState<Row | null>(null);
  const [workbook, setWorkbook] = useState<'export' | 'import' | null>(null);
  const api = useRef<GridApi<Row> | null>(null);
  const open = month.status === 'open';

  // Evaluators who already scored this month come first; one of them is chosen to start with.
  const orderedEvaluators = useMemo(() => {
    const scored = new Set(month.evaluatorIds);
    return [...evaluators].sort((a, b) => Number(scored.has(b.id)) - Number(scored.has(a.id)));
  }, [evaluators, month.evaluatorIds]);
  useEffect(() => {
    setEvaluatorId((id) => (id !== null && evaluators.some((e) => e.id === id) ? id : (orderedEvaluators[0]?.id ?? null)));
  }, [evaluators, orderedEvaluators]);

  const loadResults = useCallback(async () => {
    const results = await call('assessments.results', { monthId: month.id, unitId });
    const byPerson = new Map(results.rows.map((r) => [r.personId, r]));
    setRows((list) =>
      list.map((row) => {
        const r = byPerson.get(row.personId);
        return { ...row, combined: r ? { total: r.total, grade: r.grade, rankInUnit: r.rankInUnit, veto: r.veto } : null };
      }),
    );
  }, [month.id, unitId]);

  const { data: view, refresh: load } = useCall('assessments.sheet', evaluatorId === null ? null : { monthId: month.id, unitId, evaluatorId }, [version], {
    onError: notifyError,
    onData: (sheet) => {
      setRows(sheet.rows.map((r) => ({ ...r, combined: null })));
      loadResults().catch((e: unknown) => notifyError(errorMessage(e)));
    },
  });

  // Totals, grades and ranks follow the typing, a moment after the last save.
  const resultsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = useCallback(() => {
    if (resultsTimer.current) clearTimeout(resultsTimer.current);
    resultsTimer.current = setTimeout(() => {
      void loadResults().catch((e: unknown) => notify(errorMessage(e), 'error'));
      onChanged();
    }, 400);
  }, [loadResults, onChanged, notify]);
  // leaving the page (or logging out) drops a refresh still waiting
  useEffect(
    () => () => {
      if (resultsTimer.current) clearTimeout(resultsTimer.current);
    },
    [],
  );

  const save = useCallback(
    async (cells: ScoreCell[]) => {
      if (evaluatorId === null) return false;
      try {
        const r = await call('assessments.saveScores', { monthId: month.id, evaluatorId, cells });
        const byPerson = new Map(r.rows.map((x) => [x.personId, x]));
        setRows((list) =>
          list.map((row) => {
            const totals = byPerson.get(row.personId);
            if (!totals) return row;
            const values = { ...row.values };
            const notes = { ...row.notes };
            for (const c of cells.filter((x) => x.personId === row.personId)) {
              if (c.value === null) delete values[c.criterionId];
              else values[c.criterionId] = c.value;
              if (c.note) notes[c.criterionId] = c.note;
              else delete notes[c.criterionId];
            }
            return { ...row, values, notes, ...totals };
          }),
        );
        refreshSoon();
        return true;
      } catch (e) {
        notify(errorMessage(e), 'error');
        return false;
      }
    },
    [evaluatorId, month.id, notify, refreshSoon],
  );

  const criterionColumn = useCallback(
    (c: Criterion): ColDef<Row> => ({
      colId: `c${c.id}`,
      headerName: c.kind === 'score' ? `${c.name}（${formatHundredths(c.max)}）` : `${c.name}（${CRITERION_KINDS[c.kind]}）`,
      headerTooltip: c.guide,
      width: Math.max(96, Math.min(170, 24 + c.name.length * 14)),
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
          setNoteRequest({ row: p.data, criterion: c, count: value });
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
    return [
      { field: 'name', headerName: '姓名', width: 96, pinned: 'left', editable: false },
      { field: 'unitPath', headerName: '所属单位', width: 170, editable: false, tooltipField: 'unitPath' },
      { field: 'role', headerName: '岗位', width: 96, editable: false },
      ...categories.map((cat) => ({
        headerName: cat,
        children: view.criteria.filter((c) => c.category === cat).map(criterionColumn),
      })),
      {
        colId: 'sheetTotal',
        headerName: '当前考核人评分',
        headerTooltip: '所选考核人给此人的评分合计（不是本人自评）',
        width: 112,
        pinned: 'right',
        valueGetter: (p) => (p.data && (p.data.complete || Object.keys(p.data.values).length > 0) ? p.data.total : null),
        valueFormatter: (p) => (p.value === null ? '' : formatHundredths(p.value as number)),
        cellClass: (p) => (p.data && !p.data.complete && Object.keys(p.data.values).length > 0 ? 'muted' : undefined),
        tooltipValueGetter: (p) => (p.data && !p.data.complete ? '评分项尚未填完' : ''),
      },
      {
        colId: 'reason',
        headerName: '评分说明',
        width: 110,
        pinned: 'right',
        valueGetter: (p) => (p.data?.reasonNeeded && !p.data.reason ? '需填写说明' : (p.data?.reason ?? '')),
        cellClass: (p) => (p.data?.reasonNeeded ? (p.data.reason ? 'reason-given' : 'reason-missing') : undefined),
        tooltipValueGetter: (p) =>
          p.data?.reasonNeeded ? `${reasonAsked(p.data.total, view.reasonLimits)}${open ? '（按回车或单击填写）' : ''}` : (p.data?.reason ?? ''),
      },
      {
        colId: 'combined',
        headerName: '综合得分',
        width: 92,
        pinned: 'right',
        valueGetter: (p) => p.data?.combined?.total ?? null,
        valueFormatter: (p) => (p.value === null ? '' : formatHundredths(p.value as number)),
      },
      {
        colId: 'grade',
        headerName: '等次',
        width: 84,
        pinned: 'right',
        valueGetter: (p) => (p.data?.exemptReason ? `免考` : (p.data?.combined?.grade ?? '')),
        cellClass: (p) => `grade-${String(p.value)}`,
        tooltipValueGetter: (p) => (p.data?.exemptReason ? `免考：${p.data.exemptReason}` : p.data?.combined?.veto ? '一票否决' : ''),
      },
      { colId: 'rank', headerName: '社区排名', width: 88, pinned: 'right', valueGetter: (p) => p.data?.combined?.rankInUnit ?? null },
    ];
  }, [view, criterionColumn, open]);

  const onCellValueChanged = useCallback(
    (e: CellValueChangedEvent<Row>) => {
      const c = (e.colDef.context as { criterion?: Criterion } | undefined)?.criterion;
      if (!c) return;
      const value = e.data.values[c.id] ?? null;
      void save([{ personId: e.data.personId, criterionId: c.id, value, note: '' }]).then((ok) => {
        if (!ok) void load();
      });
    },
    [save, load],
  );

  /** A block copied from Excel: tab-separated values pasted from the focused cell rightwards and downwards. */
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const grid = api.current;
    const target = e.target as HTMLElement;
    if (!grid || !open || target.closest('.ag-cell-editor, input, textarea')) return;
    const focused = grid.getFocusedCell();
    if (!focused) return;
    e.preventDefault();
    const text = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n').replace(/\n$/, '');
    const columns = grid.getAllDisplayedColumns();
    const start = columns.indexOf(focused.column as (typeof columns)[number]);
    const cells: ScoreCell[] = [];
    const errors: string[] = [];
    text.split('\n').forEach((line, r) => {
      const node = grid.getDisplayedRowAtIndex(focused.rowIndex + r);
      if (!node?.data) return void errors.push(`粘贴的第${r + 1}行超出了表格`);
      const row = node.data;
      line.split('\t').forEach((raw, k) => {
        const col = columns[start + k];
        const c = (col?.getColDef().context as { criterion?: Criterion } | undefined)?.criterion;
        const where = `第${r + 1}行第${k + 1}列（${row.name}·${col?.getColDef().headerName ?? '表格外'}）`;
        if (!c) return void errors.push(`${where}不是打分列`);
        if (row.exemptReason) return void errors.push(`${where}：本月免考`);
        const value = parseCell(c, raw);
        if (value === undefined) return void errors.push(`${where}：${unreadable(c)}`);
        const error = value === null ? null : valueError(c, value);
        if (error) return void errors.push(`${where}：${error}`);
        if (value !== null && noteRequired(c, value) && !row.notes[c.id]) {
          return void errors.push(`${where}：${CRITERION_KINDS[c.kind]}需逐项填写说明，请直接在单元格中录入`);
        }
        cells.push({ personId: row.personId, criterionId: c.id, value, note: row.notes[c.id] ?? '' });
      });
    });
    if (errors.length > 0) {
      notify(`粘贴未保存，有${errors.length}处问题：${errors.slice(0, 3).join('；')}${errors.length > 3 ? '……' : ''}`, 'error');
      return;
    }
    void save(cells).then((ok) => ok && notify(`已粘贴并保存 ${cells.length} 个单元格`));
  };

  const evaluator = evaluators.find((e) => e.id === evaluatorId);
  const lacking = rows.filter((r) => r.reasonNeeded && !r.reason);
  return (
    <div className="month-body">
      <div className="toolbar card" style={{ marginBottom: 8, padding: '6px 10px' }}>
        <FilterSelect
          label="考核人"
          choices={orderedEvaluators.map((e) => ({ value: e.id, label: evaluatorLabel(e) }))}
          value={evaluatorId}
          onChange={setEvaluatorId}
          none={evaluators.length === 0 ? '（请先新增考核人）' : null}
        />
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
        <div className="panel" style={{ flex: 1, minHeight: 360 }} onPaste={onPaste}>
          <DataGrid<Row>
            label="打分表"
            rows={rows}
            columns={columns as ColDef<Row>[]}
            rowId={(r) => String(r.personId)}
            onReady={(a) => (api.current = a)}
            onSelectionChanged={setSelected}
            options={{
              // Every criterion column stays rendered, so headers and cells can be found and pasted into.
              suppressColumnVirtualisation: true,
              enterNavigatesVertically: true,
              enterNavigatesVerticallyAfterEdit: true,
              stopEditingWhenCellsLoseFocus: true,
              onCellValueChanged,
              tooltipShowDelay: 400,
              rowClassRules: { muted: (p) => Boolean(p.data?.exemptReason), 'needs-reason': (p) => Boolean(p.data?.reasonNeeded && !p.data.reason) },
              // 评分说明: Enter or a click on the cell asks for the reason
              onCellClicked: (e) => {
                if (open && e.column.getColId() === 'reason' && e.data?.reasonNeeded) setReasonRow(e.data);
              },
              onCellKeyDown: (e) => {
                if (open && 'column' in e && (e.event as KeyboardEvent | null)?.key === 'Enter' && e.column.getColId() === 'reason' && e.data?.reasonNeeded) setReasonRow(e.data);
              },
              defaultColDef: { sortable: true, resizable: true, filter: false, minWidth: 60, wrapHeaderText: true, autoHeaderHeight: true },
            }}
          />
        </div>
      ) : (
        <div className="card muted">请选择或新增考核人后开始打分。</div>
      )}
      {noteRequest ? (
        <NoteDialog
          request={noteRequest}
          onClose={() => setNoteRequest(null)}
          onSave={async (note) => {
            const ok = await save([{ personId: noteRequest.row.personId, criterionId: noteRequest.criterion.id, value: noteRequest.count, note }]);
            if (ok) setNoteRequest(null);
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
          onClose={() => setWorkbook(null)}
        />
      ) : null}
      {workbook === 'import' && evaluator ? (
        <ImportWorkbookDialog
          month={month}
          unitId={unitId}
          unitName={unitId === null ? '全部单位' : (communities.find((u) => u.id === unitId)?.name ?? '')}
          evaluator={evaluator}
          onClose={() => setWorkbook(null)}
          onImported={() => {
            setWorkbook(null);
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
          onClose={() => setReasonRow(null)}
          onSaved={(personId, reason) => {
            setReasonRow(null);
            setRows((list) => list.map((r) => (r.personId === personId ? { ...r, reason } : r)));
            notify(reason ? '已保存评分说明' : '已清除评分说明');
          }}
        />
      ) : null}
      {exemptRow ? (
        <ExemptDialog
          month={month}
          row={exemptRow}
          onClose={() => setExemptRow(null)}
          onDone={() => {
            setExemptRow(null);
            void load();
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function NoteDialog({ request, onClose, onSave }: { request: NoteRequest; onClose: () => void; onSave: (note: string) => Promise<void> }) {
  const { row, criterion, count } = request;
  const [note, setNote] = useState(row.notes[criterion.id] ?? '');
  const save = useCallback(async () => {
    if (note.trim() === '') throw new Error('请填写说明（事由、日期、案卷号）');
    await onSave(note.trim());
  }, [note, onSave]);
  const { busy, error, submit } = useFormSubmit(save);
  const kind = CRITERION_KINDS[criterion.kind];
  return (
    <Dialog title={`${row.name}·${criterion.name}：${count}次`} onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <p className="muted" style={{ marginTop: 0 }}>
        {kind}：{criterion.guide || '每次都应有据可查'}
      </p>
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
