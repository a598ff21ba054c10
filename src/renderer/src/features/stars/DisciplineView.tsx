/**
 * 通报批评记录: discipline records (通报批评、诫勉谈话、警告) that star rules read. A small page until the awards area
 * (issue 6) takes them over.
 */
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import type { PersonRow } from '../../../../shared/contract/people';
import type { DisciplineRecord } from '../../../../shared/contract/stars';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { DISCIPLINE_KINDS, type DisciplineKind } from '../../../../shared/domain/stars';
import { call } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid } from '../../components/DataGrid';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { PersonPicker } from '../../components/PersonPicker';
import { useFormSubmit } from '../../components/useFormSubmit';

/** What a discipline record shows wherever it is listed (here, and for a nomination period in 表彰). */
export function disciplineColumns(): ColDef<DisciplineRecord>[] {
  return [
    { field: 'date', headerName: '日期', width: 110, sort: 'desc' },
    { field: 'name', headerName: '姓名', width: 96 },
    { field: 'unitPath', headerName: '所属单位', width: 200, tooltipField: 'unitPath' },
    { field: 'kind', headerName: '类别', width: 100 },
    { field: 'reason', headerName: '事由', flex: 1, minWidth: 240, tooltipField: 'reason' },
  ];
}

export function DisciplineView() {
  const { notify, notifyError } = useAppState();
  const [adding, setAdding] = useState(false);
  const { data, refresh } = useCall('stars.discipline', {}, [], { onError: notifyError });
  const rows = data ?? NONE;

  const columns = useMemo<ColDef<DisciplineRecord>[]>(
    () => [
      ...disciplineColumns(),
      { field: 'createdBy', headerName: '登记人', width: 90 },
      { field: 'createdAt', headerName: '登记时间', width: 140, valueFormatter: (p) => (p.value ? formatTimestamp(String(p.value)) : '') },
    ],
    [],
  );

  return (
    <div className="stars-body">
      <div className="toolbar card">
        <button type="button" className="btn primary" onClick={() => setAdding(true)}>
          新增记录
        </button>
        <span className="muted">受通报批评的，按规则当期不得升星；“表彰”提名时可设为不得提名。</span>
        <span className="grow" />
        <span className="count">共 {rows.length} 条</span>
      </div>
      <div className="panel" style={{ flex: 1, minHeight: 240, marginTop: 8 }}>
        <DataGrid<DisciplineRecord> label="通报批评记录" rows={rows} columns={columns} rowId={(r) => String(r.id)} />
      </div>
      {adding ? (
        <DisciplineDialog
          onClose={() => setAdding(false)}
          onCreated={(r) => {
            setAdding(false);
            notify(`已登记${r.name}的${r.kind}`);
            void refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function DisciplineDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (r: DisciplineRecord) => void }) {
  const { info } = useAppState();
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [date, setDate] = useState(info?.today ?? '');
  const [kind, setKind] = useState<DisciplineKind>('通报批评');
  const [reason, setReason] = useState('');

  const save = useCallback(async () => onCreated(await call('stars.createDiscipline', { personId: person?.id ?? 0, date, kind, reason })), [person, date, kind, reason, onCreated]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="新增通报批评等记录" onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <div className="form-grid">
        <Field label="人员" required error={fieldErrors.personId} hint="输入姓名、拼音首字母（如 zs）或身份证号，↑↓ 选择，回车确定" span2>
          <PersonPicker picked={person} onPick={setPerson} asOf={info?.today ?? ''} includeDeparted autoFocus />
        </Field>
        <Field label="日期" required error={fieldErrors.date}>
          <DateInput value={date} onChange={setDate} />
        </Field>
        <Field label="类别" required error={fieldErrors.kind}>
          <select value={kind} onChange={(e) => setKind(e.target.value as DisciplineKind)}>
            {DISCIPLINE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </Field>
        <Field label="事由" required error={fieldErrors.reason} span2>
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="例如：巡查脱岗，街道督查通报（宝西网格〔2026〕12号）" />
        </Field>
      </div>
    </Dialog>
  );
}
