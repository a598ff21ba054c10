/** 组织人员: the organisation tree on the left, the chosen unit's people on the right. */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import type { PersonRow } from '../../../../shared/contract/people';
import { ageOn, isValidDate } from '../../../../shared/domain/dates';
import { call, errorMessage } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { DateInput } from '../../components/DateInput';
import { OrgTree } from './OrgTree';
import { PersonDialog } from './PersonDialog';
import { PeopleImportDialog } from './PeopleImportDialog';
import { TermDialog, type TermAction } from './TermDialog';
import { MoveUnitDialog, RetireUnitDialog, UnitFormDialog } from './UnitDialogs';
import { useDebounced } from '../../components/useDebounced';

type StatusFilter = '在岗' | '离岗' | '全部';

type Modal =
  | { kind: 'person'; personId: number | null }
  | { kind: 'term'; action: TermAction; person: PersonRow }
  | { kind: 'unit'; parent: UnitNode | null; unit: UnitNode | null }
  | { kind: 'move'; unit: UnitNode }
  | { kind: 'retire'; unit: UnitNode }
  | { kind: 'import' };

const text: ExportContext = { exportType: 'text' };


export function PeoplePage() {
  const { info, refreshInfo, notify, notifyError } = useAppState();
  const today = info?.today ?? '';
  const [unitId, setUnitId] = useState<number | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const [includeSubunits, setIncludeSubunits] = useState(true);
  const [status, setStatus] = useState<StatusFilter>('在岗');
  const [search, setSearch] = useState('');
  const [asOf, setAsOf] = useState('');
  const [selected, setSelected] = useState<PersonRow | null>(null);
  const [modal, setModal] = useState<Modal | null>(null);
  const gridApi = useRef<GridApi<PersonRow> | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const debouncedSearch = useDebounced(search, 200);
  const asOfDate = isValidDate(asOf) ? asOf : undefined;

  // counted as of the list's date, so the tree's numbers are the list's
  const { data: unitList, refresh: loadUnits } = useCall('org.tree', { asOf: asOfDate }, [info?.counts.units], {
    onError: notifyError,
    onData: (list) => setUnitId((id) => id ?? list.find((u) => u.parentId === null)?.id ?? null),
  });
  const units = unitList ?? NONE;
  const { data: rowList, refresh: loadRows } = useCall(
    'people.list',
    { unitId, includeSubunits, status, search: debouncedSearch, asOf: asOfDate },
    [],
    { onError: notifyError },
  );
  const rows = rowList ?? NONE;
  // Ctrl+F goes to the search box, as in Excel.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const unit = units.find((u) => u.id === unitId) ?? null;
  const refreshAll = useCallback(async () => {
    await Promise.all([loadUnits(), loadRows(), refreshInfo()]);
  }, [loadUnits, loadRows, refreshInfo]);
  const closeAndRefresh = (message: string) => {
    setModal(null);
    notify(message);
    void refreshAll();
  };

  const columns = useMemo<ColDef<PersonRow>[]>(
    () => [
      { field: 'name', headerName: '姓名', width: 110, pinned: 'left', tooltipField: 'name', context: text },
      { field: 'gender', headerName: '性别', width: 70, context: text },
      { field: 'idNumber', headerName: '身份证号', width: 180, context: text },
      {
        colId: 'age',
        headerName: '年龄',
        width: 70,
        valueGetter: (p) => (p.data ? ageOn(p.data.birthDate, asOfDate ?? today) : null),
        context: { exportType: 'number' } satisfies ExportContext,
      },
      { field: 'mobile', headerName: '手机号', width: 124, context: text },
      { field: 'roles', headerName: '岗位', width: 150, valueFormatter: (p) => (p.value as string[]).join('、'), context: text },
      { field: 'politicalStatus', headerName: '政治面貌', width: 110, context: text },
      { field: 'unitPath', headerName: '所属单位', flex: 1, minWidth: 200, context: text },
      { field: 'status', headerName: '状态', width: 76, context: text },
      { field: 'hireDate', headerName: '入职日期', width: 110, context: { exportType: 'date' } satisfies ExportContext },
      { field: 'since', headerName: '现任起始', width: 110, context: { exportType: 'date' } satisfies ExportContext },
    ],
    [asOfDate, today],
  );

  const exportGrid = useExportGrid();
  const exportExcel = () => {
    const parts = [unit ? `单位：${unit.name}${includeSubunits ? '（含下级）' : ''}` : '全部单位', `状态：${status}`];
    if (debouncedSearch) parts.push(`搜索：${debouncedSearch}`);
    parts.push(`日期：${asOfDate ?? today}`);
    return exportGrid(gridApi.current, `人员名册（${unit ? unit.name : '全部单位'}${asOfDate ? `，截至${asOfDate}` : ''}）`, parts.join('　'));
  };

  // refused before it is asked: a unit with people or units below says so at once, with no confirmation first
  const deleteUnit = async (u: UnitNode) => {
    try {
      const { refusal } = await call('org.deleteCheck', { id: u.id });
      if (refusal) return notify(refusal, 'error');
      if (!window.confirm(`确定删除“${u.name}”吗？`)) return;
      await call('org.delete', { id: u.id });
      setUnitId(u.parentId);
      closeAndRefresh(`已删除“${u.name}”`);
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return (
    <div className="page" style={{ padding: 12 }}>
      <div className="roster">
        <section className="panel" aria-label="组织架构">
          <div className="panel-head">
            <h2>组织架构</h2>
            <button type="button" className="btn small" disabled={!unit || Boolean(unit.retiredOn) || unit.kind === 'micro_grid'}
              onClick={() => unit && setModal({ kind: 'unit', parent: unit, unit: null })}>
              新增下级
            </button>
            <button type="button" className="btn small" disabled={!unit} onClick={() => unit && setModal({ kind: 'unit', parent: null, unit })}>
              编辑
            </button>
            <button type="button" className="btn small" disabled={!unit || unit.parentId === null} onClick={() => unit && setModal({ kind: 'move', unit })}>
              移动
            </button>
            <button type="button" className="btn small danger" disabled={!unit || unit.parentId === null} title="只能删除没有人员记录、没有下级的单位；有记录的请撤销"
              onClick={() => unit && void deleteUnit(unit)}>
              删除
            </button>
            {unit?.retiredOn ? (
              <button type="button" className="btn small" onClick={() => void call('org.restore', { id: unit.id }).then(() => closeAndRefresh(`已恢复“${unit.name}”`), (e: unknown) => notify(errorMessage(e), 'error'))}>
                恢复
              </button>
            ) : (
              <button type="button" className="btn small danger" disabled={!unit || unit.parentId === null} onClick={() => unit && setModal({ kind: 'retire', unit })}>
                撤销
              </button>
            )}
          </div>
          <div className="panel-body">
            {units.length === 0 ? (
              <div style={{ padding: 16 }}>
                <p className="muted">还没有组织架构。</p>
                <button type="button" className="btn primary" onClick={() => setModal({ kind: 'unit', parent: null, unit: null })}>
                  新建街道
                </button>
              </div>
            ) : (
              <OrgTree units={units} selectedId={unitId} onSelect={setUnitId} showRetired={showRetired} />
            )}
          </div>
          <div className="panel-head" style={{ borderTop: '1px solid var(--border)', borderBottom: 'none' }}>
            <label className="muted">
              <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} /> 显示已撤销单位
            </label>
          </div>
        </section>

        <section className="panel" aria-label="人员">
          <div className="toolbar">
            <input
              ref={searchRef}
              type="search"
              placeholder="姓名 / 拼音首字母 / 身份证号"
              aria-label="搜索人员"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <label>
              <input type="checkbox" checked={includeSubunits} onChange={(e) => setIncludeSubunits(e.target.checked)} />
              含下级单位
            </label>
            <label>
              状态
              <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} aria-label="状态">
                <option value="在岗">在岗</option>
                <option value="离岗">离岗</option>
                <option value="全部">全部</option>
              </select>
            </label>
            <label title="查看某一天的人员情况（按当天所在单位、岗位和状态）">
              查询日期
              <DateInput value={asOf} onChange={setAsOf} aria-label="查询日期" style={{ width: 110 }} placeholder={today} />
            </label>
            <span className="grow" />
            <span className="count" aria-live="polite">
              共 {rows.length} 人
            </span>
          </div>
          <div className="toolbar">
            <button type="button" className="btn primary" disabled={units.length === 0} onClick={() => setModal({ kind: 'person', personId: null })}>
              新增人员
            </button>
            <button type="button" className="btn" disabled={!selected} onClick={() => selected && setModal({ kind: 'person', personId: selected.id })}>
              编辑
            </button>
            <button type="button" className="btn" disabled={!selected || selected.status !== '在岗'}
              onClick={() => selected && setModal({ kind: 'term', action: 'transfer', person: selected })}>
              调动
            </button>
            <button type="button" className="btn" disabled={!selected || selected.status !== '在岗'}
              onClick={() => selected && setModal({ kind: 'term', action: 'leave', person: selected })}>
              离岗
            </button>
            <button type="button" className="btn" disabled={!selected || selected.status !== '离岗'}
              onClick={() => selected && setModal({ kind: 'term', action: 'rejoin', person: selected })}>
              返岗
            </button>
            <span className="grow" />
            <button type="button" className="btn" onClick={() => setModal({ kind: 'import' })}>
              导入Excel
            </button>
            <button type="button" className="btn" onClick={() => void exportExcel()} disabled={rows.length === 0}>
              导出Excel
            </button>
          </div>
          <DataGrid<PersonRow>
            label="人员名单"
            rows={rows}
            columns={columns}
            rowId={(r) => String(r.id)}
            onReady={(api) => (gridApi.current = api)}
            onSelectionChanged={setSelected}
            onRowActivated={(r) => setModal({ kind: 'person', personId: r.id })}
          />
        </section>
      </div>

      {modal?.kind === 'person' ? (
        <PersonDialog
          units={units}
          today={today}
          personId={modal.personId}
          defaultUnitId={unit && unit.kind !== 'street' && !unit.retiredOn ? unit.id : null}
          onClose={() => setModal(null)}
          onSaved={(_id, name) => closeAndRefresh(modal.personId === null ? `已新增“${name}”` : `已保存“${name}”`)}
        />
      ) : null}
      {modal?.kind === 'term' ? (
        <TermDialog
          action={modal.action}
          person={modal.person}
          units={units}
          today={today}
          onClose={() => setModal(null)}
          onSaved={(row) => closeAndRefresh(`已办理“${row.name}”的${{ transfer: '调动', leave: '离岗', rejoin: '返岗' }[modal.action]}`)}
        />
      ) : null}
      {modal?.kind === 'unit' ? (
        <UnitFormDialog
          units={units}
          parent={modal.parent}
          unit={modal.unit}
          onClose={() => setModal(null)}
          onSaved={(u) => {
            setUnitId(u.id);
            closeAndRefresh(`已保存“${u.name}”`);
          }}
        />
      ) : null}
      {modal?.kind === 'move' ? (
        <MoveUnitDialog units={units} unit={modal.unit} onClose={() => setModal(null)} onSaved={(u) => closeAndRefresh(`已移动“${u.name}”`)} />
      ) : null}
      {modal?.kind === 'import' ? (
        <PeopleImportDialog
          onClose={() => setModal(null)}
          onDone={(r) => closeAndRefresh(`已导入：新增 ${r.counts.new} 人，更新 ${r.counts.changed} 人（导入前已备份）`)}
        />
      ) : null}
      {modal?.kind === 'retire' ? (
        <RetireUnitDialog unit={modal.unit} today={today} onClose={() => setModal(null)} onSaved={(u) => closeAndRefresh(`已撤销“${u.name}”`)} />
      ) : null}
    </div>
  );
}
