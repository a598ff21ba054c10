/** Adding or editing a person; each wrong field shows its Chinese message under it. */
import { useCallback, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import type { PersonDetail } from '../../../../shared/contract/people';
import { previousDay } from '../../../../shared/domain/dates';
import { checkIdNumber } from '../../../../shared/domain/idcard';
import { mobileError } from '../../../../shared/domain/mobile';
import { ROLES, type Role } from '../../../../shared/domain/people';
import { POLITICAL_STATUSES, type PoliticalStatusOrNone } from '../../../../shared/domain/political';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { SimpleTable } from '../../components/SimpleTable';
import { useFormSubmit } from '../../components/useFormSubmit';
import { UnitPicker } from '../../components/UnitPicker';
import { PersonAwards } from '../awards/PersonAwards';

export interface PersonDialogProps {
  units: UnitNode[];
  today: string;
  /** The person to edit; null to add one. */
  personId: number | null;
  defaultUnitId: number | null;
  onClose: () => void;
  onSaved: (personId: number, name: string) => void;
}

interface Form {
  name: string;
  idNumber: string;
  gender: '' | '男' | '女';
  birthDate: string;
  mobile: string;
  roles: Role[];
  politicalStatus: PoliticalStatusOrNone;
  unitId: number | null;
  hireDate: string;
  rolesEffective: string;
  note: string;
}

export function PersonDialog({ units, today, personId, defaultUnitId, onClose, onSaved }: PersonDialogProps) {
  const [form, setForm] = useState<Form>({
    name: '',
    idNumber: '',
    gender: '',
    birthDate: '',
    mobile: '',
    roles: ['网格员'],
    politicalStatus: '',
    unitId: defaultUnitId,
    // asked, not assumed: today would silently leave a new person out of every past month
    hireDate: '',
    rolesEffective: today,
    note: '',
  });
  const { data: detail, error: loadError } = useCall('people.get', personId === null ? null : { id: personId }, [today], {
    onData: (p) =>
      setForm({
        name: p.name,
        idNumber: p.idNumber,
        gender: p.gender,
        birthDate: p.birthDate,
        mobile: p.mobile,
        roles: p.roles,
        politicalStatus: p.politicalStatus,
        unitId: p.unitId,
        hireDate: p.hireDate,
        rolesEffective: today,
        note: p.note,
      }),
  });
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const save = useCallback(async () => {
    const common = {
      name: form.name,
      idNumber: form.idNumber,
      gender: form.gender as '男' | '女',
      birthDate: form.birthDate,
      mobile: form.mobile,
      roles: form.roles,
      politicalStatus: form.politicalStatus,
      hireDate: form.hireDate,
      note: form.note,
    };
    const saved =
      personId === null
        ? await call('people.create', { ...common, unitId: form.unitId ?? 0 })
        : await call('people.update', { ...common, id: personId, rolesEffective: form.rolesEffective });
    onSaved(saved.id, saved.name);
  }, [form, personId, onSaved]);
  const { busy, error, fieldErrors, submit, setFieldError } = useFormSubmit(save);

  /** Reads birth date and gender from the ID number as soon as it is typed. */
  const onIdBlur = () => {
    if (form.idNumber.trim() === '') return;
    const id = checkIdNumber(form.idNumber, today);
    if (!id.ok) return setFieldError('idNumber', id.message);
    setFieldError('idNumber', null);
    setForm((f) => ({ ...f, idNumber: id.idNumber, gender: id.gender, birthDate: id.birthDate }));
  };
  const rolesChanged = detail !== undefined && [...detail.roles].sort().join() !== [...form.roles].sort().join();

  return (
    <Dialog
      title={personId === null ? '新增人员' : `编辑人员：${detail?.name ?? ''}`}
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      error={error ?? loadError}
      wide
      hint="按 Enter 保存，Esc 取消"
    >
      <div className="form-grid">
        <Field label="姓名" required error={fieldErrors.name}>
          <input type="text" value={form.name} onChange={(e) => set('name', e.target.value)} autoFocus maxLength={30} />
        </Field>
        <Field label="身份证号" required error={fieldErrors.idNumber} hint="18位，填好后自动识别出生日期和性别">
          <input
            type="text"
            value={form.idNumber}
            onChange={(e) => set('idNumber', e.target.value)}
            onBlur={onIdBlur}
            maxLength={22}
            autoComplete="off"
          />
        </Field>
        <Field label="性别" required error={fieldErrors.gender}>
          <select value={form.gender} onChange={(e) => set('gender', e.target.value as Form['gender'])}>
            <option value="">请选择</option>
            <option value="男">男</option>
            <option value="女">女</option>
          </select>
        </Field>
        <Field label="出生日期" error={fieldErrors.birthDate} hint="由身份证号读出">
          <DateInput value={form.birthDate} onChange={(v) => set('birthDate', v)} />
        </Field>
        <Field label="手机号" error={fieldErrors.mobile}>
          <input
            type="text"
            inputMode="numeric"
            value={form.mobile}
            onChange={(e) => set('mobile', e.target.value)}
            onBlur={() => setFieldError('mobile', form.mobile.trim() ? mobileError(form.mobile) : null)}
            maxLength={16}
          />
        </Field>
        <Field label="政治面貌" error={fieldErrors.politicalStatus}>
          <select value={form.politicalStatus} onChange={(e) => set('politicalStatus', e.target.value as PoliticalStatusOrNone)}>
            <option value="">（未填）</option>
            {POLITICAL_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field label="入职日期" required error={fieldErrors.hireDate} hint={fieldErrors.hireDate ? undefined : '按实际填写：各月是否在岗、能否参加考核都以此为准'}>
          <DateInput value={form.hireDate} onChange={(v) => set('hireDate', v)} />
        </Field>
        {personId === null ? (
          <Field label="所属单位" required error={fieldErrors.unitId} span2>
            <UnitPicker units={units} value={form.unitId} onChange={(v) => set('unitId', v)} />
          </Field>
        ) : (
          <Field label="所属单位" hint="更换单位请用“调动”，以便保留历史" span2>
            <input type="text" value={detail?.unitPath ?? ''} readOnly />
          </Field>
        )}
        <div className={`field span2${fieldErrors.roles ? ' invalid' : ''}`} role="group" aria-label="岗位">
          <span className="label required">岗位</span>
          <div className="checks">
            {ROLES.map((r) => (
              <label key={r}>
                <input
                  type="checkbox"
                  checked={form.roles.includes(r)}
                  onChange={(e) => set('roles', e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r))}
                />
                {r}
              </label>
            ))}
          </div>
          {fieldErrors.roles ? <span className="field-error">{fieldErrors.roles}</span> : null}
        </div>
        {rolesChanged ? (
          <Field label="岗位变更生效日期" required error={fieldErrors.rolesEffective}>
            <DateInput value={form.rolesEffective} onChange={(v) => set('rolesEffective', v)} />
          </Field>
        ) : null}
        <Field label="备注" error={fieldErrors.note} span2>
          <input type="text" value={form.note} onChange={(e) => set('note', e.target.value)} maxLength={500} />
        </Field>
      </div>
      {detail ? <TermHistory detail={detail} /> : null}
      {detail ? <PersonAwards personId={detail.id} /> : null}
      {detail ? <p style={{ margin: '12px 0 0' }}><a href={`#/audit?person=${detail.id}`}>操作记录</a> <span className="muted small">此人的分数、积分、星级和人事变动的全部修改记录</span></p> : null}
    </Dialog>
  );
}

function TermHistory({ detail }: { detail: PersonDetail }) {
  return (
    <div style={{ marginTop: 14 }}>
      <div style={{ fontWeight: 600, marginBottom: 6 }}>任职经历</div>
      <SimpleTable label="任职经历" heads={['起始日期', '截止日期', '单位', '岗位', '状态', '变动', '说明']} rows={detail.terms}>
        {(t) => (
          <tr key={t.validFrom}>
            <td>{t.validFrom}</td>
            <td>{t.validTo ? previousDay(t.validTo) : '至今'}</td>
            <td>{t.unitPath}</td>
            <td>{t.roles.join('、')}</td>
            <td>{t.status}</td>
            <td>{t.change}</td>
            <td>{t.reason}</td>
          </tr>
        )}
      </SimpleTable>
    </div>
  );
}
