/**
 * 申诉复核: the appeals against finalised results, the open ones first. The 管理员 records an appeal for a worker
 * (within the set days of finalising), reviews it — 维持, or 更正, which reopens the month or period to be changed
 * and finalised again — and opens any appeal's chain in 操作日志.
 */
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { APPEAL_STATUS_LABELS, type AppealableTarget, type AppealRow } from '../../../../shared/contract/appeals';
import type { PersonRow } from '../../../../shared/contract/people';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { fixed2 } from '../../../../shared/domain/scoring';
import { call } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid } from '../../components/DataGrid';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FilterSelect } from '../../components/Select';
import { useFormSubmit } from '../../components/useFormSubmit';
import { assessmentsHref } from '../../hash-params';
import { useSession } from '../../session';
import { PersonPicker } from '../../components/PersonPicker';

const resultText = (total: number | null, grade: string | null) => (total === null ? '—' : `${fixed2(total)}分${grade ? ` · ${grade}` : ''}`);

/** 操作日志 of one appeal: filed, reviewed, and for a correction the reopening, the changes and the re-finalise. */
export const appealLogHref = (id: number) => `#/audit?appeal=${id}`;

export function AppealsPage() {
  const { notify, notifyError } = useAppState();
  const { me } = useSession();
  const isAdmin = me.role === 'admin';
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [selected, setSelected] = useState<AppealRow | null>(null);
  const [dialog, setDialog] = useState<'file' | 'review' | 'days' | null>(null);
  const { data, refresh, loading } = useCall('appeals.list', { status }, [], { onError: notifyError });
  const rows = data ?? NONE;
  const settings = useCall('settings.appeals', {}, [], { onError: notifyError });
  const days = settings.data?.appealDays;

  const columns = useMemo<ColDef<AppealRow>[]>(
    () => [
      { colId: 'id', headerName: '编号', width: 78, valueGetter: (p) => (p.data ? `申诉#${p.data.id}` : '') },
      { field: 'name', headerName: '申诉人', width: 90 },
      { field: 'unitPath', headerName: '所属单位', width: 140, tooltipField: 'unitPath' },
      { field: 'subject', headerName: '申诉对象', width: 170, tooltipField: 'subject' },
      { colId: 'result', headerName: '现结果', width: 110, valueGetter: (p) => (p.data ? (p.data.targetStatus === 'open' ? '已重新开启' : resultText(p.data.total, p.data.grade)) : '') },
      { field: 'filedOn', headerName: '申诉日期', width: 104 },
      { field: 'reason', headerName: '申诉理由', flex: 1, minWidth: 120, tooltipField: 'reason' },
      {
        colId: 'status',
        headerName: '状态',
        width: 84,
        valueGetter: (p) => (p.data ? APPEAL_STATUS_LABELS[p.data.status] : ''),
        cellClass: (p) => `appeal-${p.data?.status ?? ''}`,
      },
      { field: 'reviewer', headerName: '复核人', width: 76 },
      { field: 'reviewReason', headerName: '复核意见', flex: 1, minWidth: 120, tooltipField: 'reviewReason' },
      { colId: 'reviewedAt', headerName: '复核时间', width: 128, valueGetter: (p) => (p.data?.reviewedAt ? formatTimestamp(p.data.reviewedAt) : '') },
    ],
    [],
  );

  const activate = (row: AppealRow) => {
    if (isAdmin && row.status === 'open') {
      setSelected(row);
      setDialog('review');
    } else window.location.hash = appealLogHref(row.id);
  };
  const reopened = selected?.status === 'corrected' && selected.targetStatus === 'open';

  return (
    <div className="page months appeals">
      <h1>申诉复核</h1>
      <div className="toolbar card" style={{ marginBottom: 8, padding: '6px 10px' }}>
        <FilterSelect
          label="状态"
          choices={[
            { value: 'open', label: '待复核' },
            { value: 'all', label: '全部' },
          ]}
          value={status}
          none={null}
          onChange={(v) => setStatus(v ?? 'open')}
        />
        <span className="muted" aria-label="申诉期限">
          申诉期限：归档后 {days ?? '—'} 天内
          {isAdmin ? (
            <button type="button" className="link" style={{ marginLeft: 6 }} onClick={() => setDialog('days')}>
              修改
            </button>
          ) : null}
        </span>
        <span className="grow" />
        {isAdmin ? (
          <button type="button" className="btn primary" onClick={() => setDialog('file')}>
            登记申诉
          </button>
        ) : null}
        {isAdmin ? (
          <button type="button" className="btn" disabled={selected?.status !== 'open'} onClick={() => setDialog('review')}>
            复核
          </button>
        ) : null}
        {reopened && selected.target === 'month' ? (
          <a className="btn" href={assessmentsHref({ month: selected.targetId, unit: selected.communityId, tab: 'score' })}>
            去修改分数
          </a>
        ) : null}
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && (window.location.hash = appealLogHref(selected.id))}>
          查看操作日志
        </button>
      </div>
      {reopened ? (
        <div className="readonly-banner" role="status" aria-label="更正提示">
          申诉#{selected.id}已更正，{selected.subject}已重新开启：请{selected.target === 'month' ? '在打分页修改分数' : '修改后'}再归档，归档记录会关联本申诉。
        </div>
      ) : null}
      <div className="panel" style={{ flex: 1, minHeight: 320 }}>
        <DataGrid<AppealRow>
          label="申诉列表"
          rows={rows}
          columns={columns}
          rowId={(r) => String(r.id)}
          onSelectionChanged={setSelected}
          onRowActivated={activate}
          options={{
            overlayNoRowsTemplate: `<span class="muted">${loading ? '正在读取…' : status === 'open' ? '没有待复核的申诉' : '还没有申诉'}</span>`,
            tooltipShowDelay: 400,
          }}
        />
      </div>
      <p className="muted small">双击或按回车：待复核的申诉打开复核，其余打开其操作日志。</p>
      {dialog === 'file' ? (
        <FileAppealDialog
          days={days ?? null}
          onClose={() => setDialog(null)}
          onFiled={(a) => {
            setDialog(null);
            notify(`已登记申诉#${a.id}（${a.name}，${a.subject}）`);
            void refresh();
          }}
        />
      ) : null}
      {dialog === 'review' && selected?.status === 'open' ? (
        <ReviewDialog
          appeal={selected}
          onClose={() => setDialog(null)}
          onReviewed={(a) => {
            setDialog(null);
            setSelected(a);
            notify(a.status === 'corrected' ? `申诉#${a.id}已更正，${a.subject}已重新开启，请修改后重新归档` : `申诉#${a.id}已复核：维持原结果`);
            void refresh();
          }}
        />
      ) : null}
      {dialog === 'days' && days !== undefined ? (
        <DaysDialog
          days={days}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void settings.refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function FileAppealDialog({ days, onClose, onFiled }: { days: number | null; onClose: () => void; onFiled: (a: AppealRow) => void }) {
  const { info } = useAppState();
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [target, setTarget] = useState<AppealableTarget | null>(null);
  const [reason, setReason] = useState('');
  const { data: targets, loading } = useCall('appeals.targets', person ? { personId: person.id } : null, [], {
    onData: (list) => setTarget(list[0] ?? null),
  });
  const save = async () => {
    if (!person) throw new Error('请选择申诉人');
    if (!target) throw new Error('请选择申诉的考核结果');
    const a = await call('appeals.file', {
      personId: person.id,
      monthId: target.target === 'month' ? target.targetId : null,
      periodId: target.target === 'period' ? target.targetId : null,
      reason,
    });
    onFiled(a);
  };
  const { busy, error, submit } = useFormSubmit(save);
  const key = (t: AppealableTarget) => `${t.target}:${t.targetId}`;
  return (
    <Dialog title="登记申诉" onClose={onClose} onSubmit={submit} busy={busy} error={error} hint={days ? `归档后 ${days} 天内可申诉` : undefined} width={560}>
      <Field label="申诉人" required>
        <PersonPicker asOf={info?.today ?? ''} picked={person} onPick={setPerson} label="申诉人" includeDeparted />
      </Field>
      <Field label="申诉的考核结果" required hint={person && targets?.length === 0 ? '此人没有仍在申诉期内的已归档考核结果' : undefined}>
        <select
          value={target ? key(target) : ''}
          disabled={!person || loading || !targets?.length}
          onChange={(e) => setTarget(targets?.find((t) => key(t) === e.target.value) ?? null)}
        >
          {!person ? <option value="">（请先选择申诉人）</option> : null}
          {person && !targets?.length ? <option value="">（无可申诉的结果）</option> : null}
          {(targets ?? []).map((t) => (
            <option key={key(t)} value={key(t)}>
              {t.subject}：{resultText(t.total, t.grade)}（{t.lastDay}前）
            </option>
          ))}
        </select>
      </Field>
      <Field label="申诉理由" required>
        <textarea rows={4} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="申诉人认为哪一项评分有误、依据是什么" />
      </Field>
    </Dialog>
  );
}

function ReviewDialog({ appeal, onClose, onReviewed }: { appeal: AppealRow; onClose: () => void; onReviewed: (a: AppealRow) => void }) {
  const [decision, setDecision] = useState<'uphold' | 'correct'>('uphold');
  const [reason, setReason] = useState('');
  const save = async () => onReviewed(await call('appeals.review', { appealId: appeal.id, decision, reason }));
  const { busy, error, submit } = useFormSubmit(save);
  return (
    <Dialog title={`复核申诉#${appeal.id}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel={decision === 'correct' ? '更正并重新开启' : '维持原结果'} width={600}>
      <table className="simple" aria-label="申诉内容" style={{ marginBottom: 10 }}>
        <tbody>
          <tr>
            <th>申诉人</th>
            <td>
              {appeal.name}
              <span className="muted">（{appeal.unitPath}）</span>
            </td>
          </tr>
          <tr>
            <th>申诉对象</th>
            <td>
              {appeal.subject}：{resultText(appeal.total, appeal.grade)}
            </td>
          </tr>
          <tr>
            <th>申诉理由</th>
            <td>{appeal.reason}</td>
          </tr>
          <tr>
            <th>登记</th>
            <td>
              {appeal.filedOn} · {appeal.filedBy}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="field" role="radiogroup" aria-label="复核结论">
        <span className="label required">复核结论</span>
        <div className="checks">
          <label>
            <input type="radio" name="decision" checked={decision === 'uphold'} onChange={() => setDecision('uphold')} />
            维持原结果
          </label>
          <label>
            <input type="radio" name="decision" checked={decision === 'correct'} onChange={() => setDecision('correct')} />
            更正
          </label>
        </div>
      </div>
      {decision === 'correct' ? (
        <p className="muted" style={{ margin: '4px 0 8px' }}>
          更正将重新开启{appeal.subject}（原因记为“申诉#{appeal.id} 更正：…”），请随后{appeal.target === 'month' ? '在打分页修改分数' : '修改'}并重新归档。
        </p>
      ) : null}
      <Field label="复核意见" required>
        <textarea rows={3} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </Dialog>
  );
}

function DaysDialog({ days, onClose, onSaved }: { days: number; onClose: () => void; onSaved: () => void }) {
  const [text, setText] = useState(String(days));
  const save = async () => {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(n)) throw new Error('申诉期限应为整数天');
    await call('settings.saveAppeals', { appealDays: n });
    onSaved();
  };
  const { busy, error, submit } = useFormSubmit(save);
  return (
    <Dialog title="申诉期限" onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <Field label="归档后可申诉的天数" required>
        <input type="text" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      </Field>
    </Dialog>
  );
}
