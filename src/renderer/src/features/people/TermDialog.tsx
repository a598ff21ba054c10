/** Transfer, leave and rejoin: each starts a new dated term in the person's history. */
import { useCallback, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import type { PersonRow } from '../../../../shared/contract/people';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { UnitPicker } from '../../components/UnitPicker';

export type TermAction = 'transfer' | 'leave' | 'rejoin';

const TITLES: Record<TermAction, string> = { transfer: '调动', leave: '离岗', rejoin: '返岗' };

export interface TermDialogProps {
  action: TermAction;
  person: PersonRow;
  units: UnitNode[];
  today: string;
  onClose: () => void;
  onSaved: (row: PersonRow) => void;
}

export function TermDialog({ action, person, units, today, onClose, onSaved }: TermDialogProps) {
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [unitId, setUnitId] = useState<number | null>(action === 'rejoin' ? person.unitId : null);
  const save = useCallback(async () => {
    const row =
      action === 'transfer'
        ? await call('people.transfer', { id: person.id, unitId: unitId ?? 0, date, reason })
        : action === 'leave'
          ? await call('people.leave', { id: person.id, date, reason })
          : await call('people.rejoin', { id: person.id, unitId, date, reason });
    onSaved(row);
  }, [action, person.id, unitId, date, reason, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const label = TITLES[action];
  return (
    <Dialog title={`${label}：${person.name}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel={`确认${label}`}>
      <p className="muted" style={{ marginTop: 0 }}>
        现在：{person.unitPath} · {person.roles.join('、')} · {person.status}（自 {person.since}）
      </p>
      <div className="form-grid">
        {action !== 'leave' ? (
          <Field label={action === 'transfer' ? '调入单位' : '返岗单位'} required error={fieldErrors.unitId} span2>
            <UnitPicker units={units} value={unitId} onChange={setUnitId} autoFocus />
          </Field>
        ) : null}
        <Field label={`${label}日期`} required error={fieldErrors.date}>
          <DateInput value={date} onChange={setDate} autoFocus={action === 'leave'} />
        </Field>
        <Field label={action === 'leave' ? '离岗原因' : '说明'} required={action === 'leave'} error={fieldErrors.reason} span2>
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        </Field>
      </div>
      {fieldErrors.id ? <p className="field-error">{fieldErrors.id}</p> : null}
    </Dialog>
  );
}
