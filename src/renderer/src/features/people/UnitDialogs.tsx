/** Adding, editing, moving and retiring units of the organisation tree. */
import { useCallback, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import { kindsAllowedUnder, UNIT_KINDS, unitKindLabel, type UnitKind } from '../../../../shared/domain/org';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { UnitPicker } from '../../components/UnitPicker';

interface BaseProps {
  units: UnitNode[];
  onClose: () => void;
  onSaved: (unit: UnitNode) => void;
}

/** parent: where a new unit goes (null: the street itself); unit: the unit to edit. */
export function UnitFormDialog({ units, parent, unit, onClose, onSaved }: BaseProps & { parent: UnitNode | null; unit: UnitNode | null }) {
  const parentKind = unit ? (units.find((u) => u.id === unit.parentId)?.kind ?? null) : (parent?.kind ?? null);
  const kinds = kindsAllowedUnder(parentKind);
  // A new unit is most often one level down: a community under the street, a grid under a community.
  const below = kinds.find((k) => parentKind !== null && UNIT_KINDS[k].level > UNIT_KINDS[parentKind].level);
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? below ?? kinds[0]!);
  const [name, setName] = useState(unit?.name ?? '');
  const [code, setCode] = useState(unit?.code ?? '');
  const save = useCallback(async () => {
    onSaved(
      unit
        ? await call('org.update', { id: unit.id, kind, name, code })
        : await call('org.create', { parentId: parent?.id ?? null, kind, name, code }),
    );
  }, [unit, parent, kind, name, code, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const title = unit ? `编辑单位：${unit.name}` : parent ? `在“${parent.name}”下新增单位` : '新建街道';
  return (
    <Dialog title={title} onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <div className="form-grid">
        <Field label="类型" required error={fieldErrors.kind}>
          <select value={kind} onChange={(e) => setKind(e.target.value as UnitKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {unitKindLabel(k)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="名称" required error={fieldErrors.name}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={40} />
        </Field>
        <Field label="编码" required={unit !== null} error={fieldErrors.code} hint={unit ? undefined : '留空则按上级编码自动生成'} span2>
          <input type="text" value={code} onChange={(e) => setCode(e.target.value)} maxLength={32} />
        </Field>
      </div>
      {fieldErrors.parentId ? <p className="field-error">{fieldErrors.parentId}</p> : null}
    </Dialog>
  );
}

export function MoveUnitDialog({ units, unit, onClose, onSaved }: BaseProps & { unit: UnitNode }) {
  const [parentId, setParentId] = useState<number | null>(null);
  const save = useCallback(async () => onSaved(await call('org.move', { id: unit.id, parentId: parentId ?? 0 })), [unit, parentId, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`移动单位：${unit.name}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="移动">
      <Field label="移到此单位之下" required error={fieldErrors.parentId}>
        <UnitPicker units={units} value={parentId} onChange={setParentId} allow={(u) => !u.retiredOn && u.id !== unit.id} autoFocus />
      </Field>
    </Dialog>
  );
}

export function RetireUnitDialog({ unit, today, onClose, onSaved }: Omit<BaseProps, 'units'> & { unit: UnitNode; today: string }) {
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const save = useCallback(async () => onSaved(await call('org.retire', { id: unit.id, date, reason })), [unit, date, reason, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`撤销单位：${unit.name}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="撤销">
      <p className="muted" style={{ marginTop: 0 }}>
        撤销后单位及其下级不再安排人员，历史记录全部保留，可随时恢复。
      </p>
      <div className="form-grid">
        <Field label="撤销日期" required error={fieldErrors.date}>
          <DateInput value={date} onChange={setDate} />
        </Field>
        <Field label="撤销原因" required error={fieldErrors.reason}>
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} />
        </Field>
      </div>
    </Dialog>
  );
}
