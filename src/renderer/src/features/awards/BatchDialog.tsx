/** 新建表彰批次 (from a built-in template or blank) and 编辑批次. */
import { useCallback, useState } from 'react';
import type { AwardBatchSummary } from '../../../../shared/contract/awards';
import { AWARD_LEVELS, AWARD_TEMPLATES, awardLevelLabel, type AwardLevel } from '../../../../shared/domain/awards';
import { ROLES } from '../../../../shared/domain/people';
import { call } from '../../api/client';
import { useAppState } from '../../app-state';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';

export const quotaText = (v: number | null) => (v === null ? '' : String(v));
export const quotaValue = (s: string) => (s.trim() === '' ? null : Number(s));

/** 每社区名额 and 总名额, each empty for no limit: of a batch, and of its nomination. */
export function QuotaFields({
  perUnit,
  total,
  onPerUnit,
  onTotal,
  fieldErrors,
}: {
  perUnit: string;
  total: string;
  onPerUnit: (text: string) => void;
  onTotal: (text: string) => void;
  fieldErrors: Record<string, string>;
}) {
  return (
    <>
      <Field label="每社区名额" error={fieldErrors.quotaPerUnit} hint="留空为不限">
        <input type="number" min={1} value={perUnit} onChange={(e) => onPerUnit(e.target.value)} />
      </Field>
      <Field label="总名额" error={fieldErrors.quotaTotal} hint="留空为不限">
        <input type="number" min={1} value={total} onChange={(e) => onTotal(e.target.value)} />
      </Field>
    </>
  );
}

export function BatchDialog({ batch, onClose, onSaved }: { batch: AwardBatchSummary | null; onClose: () => void; onSaved: (b: AwardBatchSummary) => void }) {
  const { info } = useAppState();
  const today = info?.today ?? '';
  const [template, setTemplate] = useState('');
  const [name, setName] = useState(batch?.name ?? '');
  const [level, setLevel] = useState<AwardLevel>(batch?.level ?? '街道');
  const [issuer, setIssuer] = useState(batch?.issuer ?? '');
  const [date, setDate] = useState(batch?.date ?? today);
  const [role, setRole] = useState(batch?.role ?? '');
  const [quotaTotal, setQuotaTotal] = useState(quotaText(batch?.quotaTotal ?? null));
  const [quotaPerUnit, setQuotaPerUnit] = useState(quotaText(batch?.quotaPerUnit ?? null));
  const [note, setNote] = useState(batch?.note ?? '');

  const applyTemplate = (t: string) => {
    setTemplate(t);
    const tpl = AWARD_TEMPLATES.find((x) => x.name === t);
    if (!tpl) return;
    const year = (date || today).slice(0, 4);
    setName(`${year}年度${tpl.name}`);
    setLevel(tpl.level);
    setIssuer(tpl.issuer);
    setRole(tpl.role ?? '');
    setQuotaTotal(quotaText(tpl.quotaTotal));
    setQuotaPerUnit(quotaText(tpl.quotaPerUnit));
    setNote(tpl.note);
  };

  const save = useCallback(async () => {
    const input = {
      name,
      level,
      issuer,
      date,
      role: (role || null) as (typeof ROLES)[number] | null,
      quotaTotal: quotaValue(quotaTotal),
      quotaPerUnit: quotaValue(quotaPerUnit),
      note,
    };
    onSaved(await call('awards.saveBatch', batch ? { ...input, id: batch.id } : input));
  }, [batch, name, level, issuer, date, role, quotaTotal, quotaPerUnit, note, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);

  return (
    <Dialog title={batch ? '编辑表彰批次' : '新建表彰批次'} onClose={onClose} onSubmit={submit} busy={busy} error={error} wide>
      <div className="form-grid">
        {batch ? null : (
          <Field label="模板" hint="选择模板后可再修改各项" span2>
            <select value={template} onChange={(e) => applyTemplate(e.target.value)} autoFocus>
              <option value="">空白批次</option>
              {AWARD_TEMPLATES.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}（{awardLevelLabel(t.level)}
                  {t.role ? `，${t.role}` : ''}）
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="表彰名称" required error={fieldErrors.name} span2>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} placeholder="例如：2025年度优秀网格员" />
        </Field>
        <Field label="表彰级别" required error={fieldErrors.level}>
          <select value={level} onChange={(e) => setLevel(e.target.value as AwardLevel)}>
            {AWARD_LEVELS.map((l) => (
              <option key={l} value={l}>
                {awardLevelLabel(l)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="表彰日期" required error={fieldErrors.date}>
          <DateInput value={date} onChange={setDate} />
        </Field>
        <Field label="发文单位" error={fieldErrors.issuer} span2>
          <input type="text" value={issuer} onChange={(e) => setIssuer(e.target.value)} maxLength={60} placeholder="例如：西乡街道党工委、办事处" />
        </Field>
        <Field label="表彰对象岗位" error={fieldErrors.role} hint="只从该岗位人员中提名">
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">不限岗位</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <QuotaFields perUnit={quotaPerUnit} total={quotaTotal} onPerUnit={setQuotaPerUnit} onTotal={setQuotaTotal} fieldErrors={fieldErrors} />
        <Field label="说明" error={fieldErrors.note}>
          <input type="text" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
        </Field>
      </div>
    </Dialog>
  );
}
