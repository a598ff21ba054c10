/**
 * 批量添加: many nominees with one reason, either ticked in a list of those who may be nominated (filtered by community
 * and name) or pasted as names or ID numbers (a line each, or tab/comma separated), checked line by line before adding.
 */
import type { ColDef, GridApi, IRowNode } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AddCandidatesResult, AwardBatchSummary, NomineeLine, NomineePoolRow } from '../../../../shared/contract/awards';
import { CANDIDATE_STATUSES } from '../../../../shared/domain/awards';
import { call } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { ChoicePicker, PickerFilter } from '../../components/ChoicePicker';
import { DataGrid } from '../../components/DataGrid';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Tabs } from '../../components/Tabs';
import { useDebounced } from '../../components/useDebounced';
import { useFormSubmit } from '../../components/useFormSubmit';

type Mode = 'paste' | 'pick';
const MODES: [Mode, string][] = [
  ['paste', '粘贴名单'],
  ['pick', '从名单勾选'],
];

const selectable = (r: NomineePoolRow | undefined) => r !== undefined && (r.status === null || r.status === 'removed');

/** The people a checked paste adds: its lines found, with each shared name's choice; null while a line blocks. */
function pastedPeople(lines: NomineeLine[], choices: Record<number, number>): number[] {
  const ids: number[] = [];
  for (const l of lines) {
    if (l.status === 'ok' && l.personId !== null) ids.push(l.personId);
    else if (l.status === 'ambiguous' && choices[l.line] !== undefined) ids.push(choices[l.line]!);
  }
  return [...new Set(ids)];
}

export function BulkAddDialog({ batch, onClose, onDone }: { batch: AwardBatchSummary; onClose: () => void; onDone: (r: AddCandidatesResult) => void }) {
  const [mode, setMode] = useState<Mode>('paste');
  const [reason, setReason] = useState('');
  // paste
  const [text, setText] = useState('');
  const asked = useDebounced(text.trim(), 250);
  const { data: checked, loading: checking } = useCall('awards.resolveNominees', asked === '' ? null : { batchId: batch.id, text: asked }, []);
  const lines = asked === '' ? NONE : (checked ?? NONE);
  const [choices, setChoices] = useState<Record<number, number>>({});
  // pick
  const { data: pool } = useCall('awards.nomineePool', { batchId: batch.id }, []);
  const [api, setApi] = useState<GridApi<NomineePoolRow> | null>(null);
  const [community, setCommunity] = useState('');
  const [nameFilter, setNameFilter] = useState('');
  const [picked, setPicked] = useState(0);
  const filters = useRef({ community, name: nameFilter });
  useEffect(() => {
    filters.current = { community, name: nameFilter.trim() };
    api?.onFilterChanged();
  }, [api, community, nameFilter]);

  const communityChoices = useMemo(() => [...new Set((pool ?? NONE).map((r) => r.community))].filter(Boolean).map((c) => ({ value: c, label: c })), [pool]);
  const problems = lines.filter((l) => l.status === 'unknown' || l.status === 'ineligible' || (l.status === 'ambiguous' && choices[l.line] === undefined));
  const noted = lines.filter((l) => l.status === 'already' || l.status === 'duplicate');
  const pasted = pastedPeople(lines, choices);
  const pending = asked !== text.trim() || checking;
  const count = mode === 'paste' ? pasted.length : picked;

  const columns = useMemo<ColDef<NomineePoolRow>[]>(
    () => [
      { field: 'name', headerName: '姓名', width: 110 },
      { field: 'community', headerName: '社区', width: 110 },
      { field: 'unitPath', headerName: '单位', flex: 1, minWidth: 160, tooltipField: 'unitPath' },
      { field: 'roles', headerName: '岗位', width: 110, valueFormatter: (p) => (p.value as string[] | undefined)?.join('、') ?? '' },
      { field: 'status', headerName: '本批次', width: 100, valueFormatter: (p) => (p.value ? `已${CANDIDATE_STATUSES[p.value as NonNullable<NomineePoolRow['status']>]}` : '') },
    ],
    [],
  );

  const save = useCallback(async () => {
    let personIds: number[];
    if (mode === 'paste') {
      if (pending) throw new Error('正在核对名单，请稍候');
      if (lines.length === 0) throw new Error('请粘贴姓名或身份证号，一行一个');
      if (problems.length > 0) throw new Error(`名单中有${problems.length}行需要处理：${problems.map((l) => l.message || `第${l.line}行“${l.text}”：请选择是哪一位`).join('；')}`);
      personIds = pasted;
      if (personIds.length === 0) throw new Error('名单中的人员都已在候选名单中，没有可添加的人员');
    } else {
      personIds = (api?.getSelectedRows() ?? []).filter(selectable).map((r) => r.personId);
      if (personIds.length === 0) throw new Error('请勾选要添加的人员');
    }
    onDone(await call('awards.addCandidates', { batchId: batch.id, personIds, reason }));
  }, [mode, pending, lines, problems, pasted, api, batch.id, reason, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);

  return (
    <Dialog title="批量添加候选人" onClose={onClose} onSubmit={submit} busy={busy} error={fieldErrors.reason ? null : error} submitLabel={count > 0 ? `添加 ${count} 人` : '添加'} width={900}>
      <Tabs label="添加方式" tabs={MODES} value={mode} onChange={setMode} />
      {mode === 'paste' ? (
        <div className="bulk-paste">
          <Field label="粘贴名单" hint="从Excel或文档中复制姓名或身份证号，一行一个，或用Tab、逗号、顿号隔开" span2>
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} placeholder={'张三\n李四\n440306199005151234'} autoFocus />
          </Field>
          <div className="bulk-check" aria-label="核对结果" aria-busy={pending}>
            {text.trim() === '' ? (
              <span className="muted">粘贴后自动与花名册核对（表彰日期 {batch.date} 时在岗{batch.role ? `的${batch.role}` : ''}）。</span>
            ) : pending ? (
              <span className="muted">正在核对…</span>
            ) : (
              <>
                <div className="bulk-summary">
                  共 {lines.length} 项：可添加 <b>{pasted.length}</b> 人
                  {noted.length > 0 ? `，${noted.filter((l) => l.status === 'already').length} 人已在名单中，重复 ${noted.filter((l) => l.status === 'duplicate').length} 项` : ''}
                  {problems.length > 0 ? <b className="field-error">，{problems.length} 项需要处理</b> : null}
                </div>
                <ul className="bulk-lines">
                  {lines
                    .filter((l) => l.status !== 'ok')
                    .map((l) => (
                      <li key={`${l.line}-${l.text}`} className={l.status === 'already' || l.status === 'duplicate' ? 'muted' : 'field-error'}>
                        {l.message}
                        {l.status === 'ambiguous' ? (
                          <select
                            aria-label={`第${l.line}行${l.text}是哪一位`}
                            value={choices[l.line] ?? ''}
                            onChange={(e) => setChoices((c) => ({ ...c, [l.line]: Number(e.target.value) }))}
                          >
                            <option value="">请选择…</option>
                            {l.options.map((o) => (
                              <option key={o.personId} value={o.personId}>
                                {o.name}（{o.unitPath}）
                              </option>
                            ))}
                          </select>
                        ) : null}
                      </li>
                    ))}
                </ul>
              </>
            )}
          </div>
        </div>
      ) : (
        <div className="bulk-pick">
          <div className="toolbar">
            <PickerFilter label="社区">
              <ChoicePicker aria-label="按社区筛选" choices={communityChoices} value={community || null} onChange={(c) => setCommunity(c ?? '')} none="全部社区" />
            </PickerFilter>
            <label>
              姓名 <input type="search" aria-label="按姓名筛选" value={nameFilter} onChange={(e) => setNameFilter(e.target.value)} placeholder="输入姓名筛选" />
            </label>
            <span className="grow" />
            <span className="count" aria-label="已勾选人数">
              已勾选 {picked} 人
            </span>
          </div>
          <div className="bulk-grid">
            <DataGrid<NomineePoolRow>
              label="可提名人员"
              rows={pool ?? NONE}
              columns={columns}
              rowId={(r) => String(r.personId)}
              onReady={setApi}
              options={{
                rowSelection: { mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: true, isRowSelectable: (n) => selectable(n.data) },
                onCellFocused: undefined,
                onSelectionChanged: (e) => setPicked(e.api.getSelectedRows().length),
                isExternalFilterPresent: () => filters.current.community !== '' || filters.current.name !== '',
                doesExternalFilterPass: (n: IRowNode<NomineePoolRow>) =>
                  !!n.data && (filters.current.community === '' || n.data.community === filters.current.community) && n.data.name.includes(filters.current.name),
              }}
            />
          </div>
        </div>
      )}
      <Field label="添加原因（所有人共用）" required error={fieldErrors.reason}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="例如：防汛抢险表现突出，社区推荐" />
      </Field>
    </Dialog>
  );
}

export function bulkAddMessage(r: AddCandidatesResult): string {
  return `已添加 ${r.added.length} 人${r.skipped.length > 0 ? `，${r.skipped.length} 人已在候选名单中：${r.skipped.join('、')}` : ''}`;
}
