/** What the rule tabs (积分规则, 平台统计) share: a hint with 编辑 / 新增规则 over the rules' grid, and the rule form's last fields. */
import type { ColDef } from 'ag-grid-community';
import { useState } from 'react';
import { DataGrid } from '../../components/DataGrid';
import { Field } from '../../components/Field';

export function RuleTable<T extends { id: number }>({
  label,
  hint,
  rows,
  columns,
  minHeight,
  onEdit,
  onNew,
  onDelete,
}: {
  label: string;
  hint: string;
  rows: T[];
  columns: ColDef<T>[];
  minHeight: number;
  onEdit: (row: T) => void;
  onNew: () => void;
  /** Offers 删除 for the selected rule. */
  onDelete?: (row: T) => void;
}) {
  // by id: after a change the rows are read afresh, and the selection must see the new state
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = rows.find((r) => r.id === selectedId) ?? null;
  return (
    <>
      <div className="toolbar card" style={{ padding: '6px 10px', marginBottom: 8 }}>
        <span className="muted small">{hint}</span>
        <span className="grow" />
        {onDelete ? (
          <button type="button" className="btn" disabled={!selected} onClick={() => selected && onDelete(selected)}>
            删除
          </button>
        ) : null}
        <button type="button" className="btn" disabled={!selected} onClick={() => selected && onEdit(selected)}>
          编辑
        </button>
        <button type="button" className="btn primary" onClick={onNew}>
          新增规则
        </button>
      </div>
      <div className="panel" style={{ flex: 1, minHeight }}>
        <DataGrid<T> label={label} rows={rows} columns={columns} rowId={(r) => String(r.id)} onSelectionChanged={(r) => setSelectedId(r?.id ?? null)} onRowActivated={onEdit} />
      </div>
    </>
  );
}

/** A rule form's 状态 (启用) and 说明. */
export function RuleStateFields({
  active,
  onActive,
  activeText,
  note,
  onNote,
  noteError,
}: {
  active: boolean;
  onActive: (active: boolean) => void;
  /** What 启用 means for this kind of rule. */
  activeText: string;
  note: string;
  onNote: (note: string) => void;
  noteError: string | undefined;
}) {
  return (
    <>
      <div className="field">
        <span className="label">状态</span>
        <label className="checks">
          <input type="checkbox" checked={active} onChange={(e) => onActive(e.target.checked)} />
          {activeText}
        </label>
      </div>
      <Field label="说明" span2 error={noteError}>
        <input type="text" value={note} onChange={(e) => onNote(e.target.value)} maxLength={200} />
      </Field>
    </>
  );
}

/** A rule form's error for a field, named plainly or under `rule.`. */
export function ruleFieldError(fieldErrors: Record<string, string>, key: string): string | undefined {
  return fieldErrors[key] ?? fieldErrors[`rule.${key}`];
}
