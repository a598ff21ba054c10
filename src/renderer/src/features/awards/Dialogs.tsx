/** The batch view's dialogs: 从排名提名, a reason (移除/保留/退回), 添加候选人, and the discipline records of the period. */
import { useCallback, useMemo, useState } from 'react';
import type { AwardBatchSummary, AwardBatchView, NominateInput } from '../../../../shared/contract/awards';
import type { PersonRow } from '../../../../shared/contract/people';
import type { DisciplineRecord } from '../../../../shared/contract/stars';
import { AWARD_BASES, AWARD_BASIS_KEYS, DEFAULT_ELIGIBILITY, type AwardBasis } from '../../../../shared/domain/awards';
import { call } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid } from '../../components/DataGrid';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PersonPicker } from '../../components/PersonPicker';
import { QuotaFields, quotaText, quotaValue } from './BatchDialog';
import { disciplineColumns } from '../stars/DisciplineView';

export function NominateDialog({ batch, onClose, onDone }: { batch: AwardBatchSummary; onClose: () => void; onDone: (v: AwardBatchView) => void }) {
  const year = String(Number(batch.date.slice(0, 4)) - (batch.date.slice(5, 7) <= '03' ? 1 : 0));
  const [from, setFrom] = useState(batch.periodFrom ?? `${year}-01`);
  const [to, setTo] = useState(batch.periodTo ?? `${year}-12`);
  const [basis, setBasis] = useState<AwardBasis>(batch.basis ?? (batch.role === '楼栋长' ? 'points' : 'average'));
  const [quotaPerUnit, setQuotaPerUnit] = useState(quotaText(batch.quotaPerUnit));
  const [quotaTotal, setQuotaTotal] = useState(quotaText(batch.quotaTotal));
  const e0 = batch.eligibility ?? DEFAULT_ELIGIBILITY;
  const [noVeto, setNoVeto] = useState(e0.noVeto);
  const [inPost, setInPost] = useState(e0.inPost);
  const [noCriticism, setNoCriticism] = useState(e0.noCriticism);
  const [minStars, setMinStars] = useState(e0.minStars);
  const [periodExcellent, setPeriodExcellent] = useState(e0.periodExcellent);
  const [periodId, setPeriodId] = useState<number | null>(batch.periodId);
  const finalisedPeriods = (useCall('periods.list', {}).data ?? NONE).filter((p) => p.status === 'finalised');

  const save = useCallback(async () => {
    const input: NominateInput = {
      batchId: batch.id,
      from,
      to,
      basis,
      quotaPerUnit: quotaValue(quotaPerUnit),
      quotaTotal: quotaValue(quotaTotal),
      eligibility: { noVeto, inPost, noCriticism, minStars, periodExcellent: periodId !== null && periodExcellent },
      periodId,
    };
    onDone(await call('awards.nominate', input));
  }, [batch.id, from, to, basis, quotaPerUnit, quotaTotal, noVeto, inPost, noCriticism, minStars, periodExcellent, periodId, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="从排名提名" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="提名" hint="重新提名会替换按排名得出的候选人，手工添加的保留" wide>
      <div className="form-grid">
        <Field label="考核成绩" error={fieldErrors.periodId} hint={periodId === null ? '期间内已归档月份的总分取平均' : '取该期间已归档的周期考核总分，期间按其月份'}>
          <Select
            choices={finalisedPeriods.map((p) => ({ value: p.id, label: `${p.periodLabel}${p.schemeName}（已归档）` }))}
            value={periodId}
            onChange={setPeriodId}
            none="按月度考核平均分"
            autoFocus
          />
        </Field>
        {periodId === null ? (
          <>
            <Field label="起始月份" required error={fieldErrors.from}>
              <input type="text" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="例如 2025-01" maxLength={7} />
            </Field>
            <Field label="截止月份" required error={fieldErrors.to}>
              <input type="text" value={to} onChange={(e) => setTo(e.target.value)} placeholder="例如 2025-12" maxLength={7} />
            </Field>
          </>
        ) : null}
        <Field label="排名依据" required error={fieldErrors.basis} hint="并列时依次按其余依据比较">
          <select value={basis} onChange={(e) => setBasis(e.target.value as AwardBasis)}>
            {AWARD_BASIS_KEYS.map((b) => (
              <option key={b} value={b}>
                {b === 'stars' ? '最近星级' : b === 'points' ? '期间积分' : periodId === null ? '期间月度考核平均分' : '周期考核总分'}（{AWARD_BASES[b]}）
              </option>
            ))}
          </select>
        </Field>
        <Field label="最低星级" error={fieldErrors['eligibility.minStars']} hint="0 为不限">
          <input type="number" min={0} max={5} value={minStars} onChange={(e) => setMinStars(Number(e.target.value) || 0)} />
        </Field>
        <QuotaFields perUnit={quotaPerUnit} total={quotaTotal} onPerUnit={setQuotaPerUnit} onTotal={setQuotaTotal} fieldErrors={fieldErrors} />
        <fieldset className="award-checks" style={{ gridColumn: '1 / -1' }}>
          <legend>资格条件</legend>
          <label>
            <input type="checkbox" checked={noVeto} onChange={(e) => setNoVeto(e.target.checked)} /> 期间内无一票否决
          </label>
          <label>
            <input type="checkbox" checked={inPost} onChange={(e) => setInPost(e.target.checked)} /> 表彰日期时在岗
          </label>
          <label>
            <input type="checkbox" checked={noCriticism} onChange={(e) => setNoCriticism(e.target.checked)} /> 期间内未受通报批评
          </label>
          {periodId !== null ? (
            <label>
              <input type="checkbox" checked={periodExcellent} onChange={(e) => setPeriodExcellent(e.target.checked)} /> 周期考核定为优秀
            </label>
          ) : null}
        </fieldset>
      </div>
    </Dialog>
  );
}

export function ReasonDialog({
  title,
  label,
  submitLabel,
  placeholder,
  onClose,
  onSubmit,
}: {
  title: string;
  label: string;
  submitLabel: string;
  placeholder?: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const save = useCallback(() => onSubmit(reason), [onSubmit, reason]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={title} onClose={onClose} onSubmit={submit} busy={busy} error={fieldErrors.reason || fieldErrors.note ? null : error} submitLabel={submitLabel}>
      <Field label={label} required error={fieldErrors.reason ?? fieldErrors.note}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder={placeholder} autoFocus />
      </Field>
    </Dialog>
  );
}

export function AddCandidateDialog({ batch, onClose, onDone }: { batch: AwardBatchSummary; onClose: () => void; onDone: (v: AwardBatchView) => void }) {
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [reason, setReason] = useState('');
  const [deeds, setDeeds] = useState('');
  const save = useCallback(async () => onDone(await call('awards.addCandidate', { batchId: batch.id, personId: person?.id ?? 0, reason, deeds })), [batch.id, person, reason, deeds, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="添加候选人" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="添加">
      <div className="form-grid">
        <div className="span2">
          <PersonPicker asOf={batch.date} picked={person} onPick={setPerson} label="人员" />
          {fieldErrors.personId ? <span className="field-error">{fieldErrors.personId}</span> : null}
        </div>
        <Field label="添加原因" required error={fieldErrors.reason} span2>
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="例如：防汛抢险表现突出，社区推荐" />
        </Field>
        <Field label="事迹" error={fieldErrors.deeds} span2>
          <textarea value={deeds} onChange={(e) => setDeeds(e.target.value)} maxLength={1000} rows={3} />
        </Field>
      </div>
    </Dialog>
  );
}

/** 通报批评等记录 dated in the nomination period, read-only, for checking eligibility. */
export function DisciplineDialog({ from, to, onClose }: { from: string; to: string; onClose: () => void }) {
  const { notifyError } = useAppState();
  const { data } = useCall('stars.discipline', {}, [], { onError: notifyError });
  const rows = useMemo(() => (data ?? NONE).filter((r) => r.date.slice(0, 7) >= from && r.date.slice(0, 7) <= to), [data, from, to]);
  const columns = useMemo(() => disciplineColumns(), []);
  return (
    <Dialog title={`通报批评等记录（${from} 至 ${to}）`} onClose={onClose} onSubmit={onClose} closeOnly width={860}>
      <p className="muted" style={{ margin: '0 0 8px' }}>
        共 {rows.length} 条。勾选“期间内未受通报批评”时，受通报批评者不得提名。记录在“星级评定 → 通报批评记录”中登记。
      </p>
      <div style={{ height: 320, display: 'flex' }}>
        <DataGrid<DisciplineRecord> label="期间通报批评记录" rows={rows} columns={columns} rowId={(r) => String(r.id)} />
      </div>
    </Dialog>
  );
}
