/**
 * 快速录入: one rule, then person after person from the keyboard — type a name or pinyin initials, Enter (or Tab)
 * picks and puts the cursor in the quantity, Enter adds the line and goes back to the person box. The quantity starts
 * empty (1) for every line: nothing carries over from the line before. 提交 posts the whole batch at once.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import type { PersonRow } from '../../../../shared/contract/people';
import type { PointRule, PostResult } from '../../../../shared/contract/points';
import { isValidDate } from '../../../../shared/domain/dates';
import { entryPoints, isGradeRule } from '../../../../shared/domain/points';
import { formatHundredths, parseHundredths } from '../../../../shared/domain/scoring';
import { ApiError, call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { UnitPicker } from '../../components/UnitPicker';
import { formatSigned, ruleCap, ruleRate } from './format';
import { PersonPicker } from '../../components/PersonPicker';

interface Line {
  person: Pick<PersonRow, 'id' | 'name' | 'unitPath'>;
  quantity: number;
}

/** A line's quantity in hundredths: empty is one (the usual count); null when it is not a number. */
function quantityOf(text: string): number | null {
  return text.trim() === '' ? 100 : parseHundredths(text);
}

export function QuickEntry({
  rules,
  units,
  today,
  onPosted,
  hidden,
}: {
  rules: PointRule[];
  units: UnitNode[];
  today: string;
  onPosted: () => void;
  hidden: boolean;
}) {
  const { notify } = useAppState();
  const choosable = useMemo(() => rules.filter((r) => r.active && !isGradeRule(r.derived)), [rules]);
  const categories = useMemo(() => [...new Set(choosable.map((r) => r.category))], [choosable]);
  const [ruleId, setRuleId] = useState<number | null>(null);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [picked, setPicked] = useState<PersonRow | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [quantity, setQuantity] = useState('');
  const [lineError, setLineError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [badRows, setBadRows] = useState<Map<number, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PostResult | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const personRef = useRef<HTMLInputElement>(null);
  const quantityRef = useRef<HTMLInputElement>(null);

  const rule = choosable.find((r) => r.id === ruleId) ?? null;
  useEffect(() => {
    if (today && date === '') setDate(today);
  }, [today, date]);
  // After a line is added the person box is a new one: put the cursor back in it.
  useEffect(() => {
    if (pickerKey > 0) personRef.current?.focus();
  }, [pickerKey]);

  const addLine = () => {
    setLineError(null);
    if (!picked) {
      setLineError('请先在人员框中选择一名人员');
      personRef.current?.focus();
      return;
    }
    const q = quantityOf(quantity);
    if (q === null || q <= 0) {
      setLineError('数量应为大于0的数，最多两位小数');
      quantityRef.current?.select();
      return;
    }
    const existing = lines.findIndex((l) => l.person.id === picked.id);
    if (existing >= 0) {
      setLineError(`${picked.name}已在第${existing + 1}行`);
      quantityRef.current?.select();
      return;
    }
    setLines((ls) => [...ls, { person: { id: picked.id, name: picked.name, unitPath: picked.unitPath }, quantity: q }]);
    setPicked(null);
    setQuantity('');
    setPickerKey((k) => k + 1);
  };

  const removeLine = (index: number) => {
    setLines((ls) => ls.filter((_, i) => i !== index));
    setBadRows(new Map());
  };

  const submit = useCallback(async () => {
    if (busy) return;
    setError(null);
    setFieldErrors({});
    setBadRows(new Map());
    if (ruleId === null) {
      setFieldErrors({ ruleId: '请选择积分规则' });
      return;
    }
    if (lines.length === 0) {
      setError('请至少添加一名人员');
      return;
    }
    setBusy(true);
    try {
      const r = await call('points.post', { ruleId, date, note, lines: lines.map((l) => ({ personId: l.person.id, quantity: l.quantity })) });
      setResult(r);
      setLines([]);
      notify(`已录入 ${r.entries.length} 条，合计 ${formatSigned(r.total)} 分${r.capped.length ? `，其中 ${r.capped.length} 条按上限计分` : ''}`);
      onPosted();
      setPickerKey((k) => k + 1);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) {
        const rows = new Map<number, string>();
        const fields: Record<string, string> = {};
        for (const issue of e.issues) {
          const m = /^lines\.(\d+)$/.exec(issue.field);
          if (m) rows.set(Number(m[1]), issue.message);
          else fields[issue.field] = issue.message;
        }
        setBadRows(rows);
        setFieldErrors(fields);
      }
    } finally {
      setBusy(false);
    }
  }, [busy, ruleId, lines, date, note, notify, onPosted]);

  const total = rule ? lines.reduce((s, l) => s + entryPoints(rule.pointsPerUnit, l.quantity), 0) : 0;
  const preview = (() => {
    const q = quantityOf(quantity);
    return rule && q !== null && q > 0 ? `${formatSigned(entryPoints(rule.pointsPerUnit, q))}分` : '';
  })();

  return (
    <div
      className="points-entry"
      style={hidden ? { display: 'none' } : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.ctrlKey) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <div className="card entry-head">
        <Field label="积分规则" required error={fieldErrors.ruleId}>
          <select value={ruleId ?? ''} onChange={(e) => setRuleId(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">请选择规则</option>
            {categories.map((c) => (
              <optgroup key={c} label={c || '其他'}>
                {choosable
                  .filter((r) => r.category === c)
                  .map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}（{ruleRate(r)}）
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field label="日期" required error={fieldErrors.date} hint="事项发生的日期">
          <DateInput value={date} onChange={setDate} />
        </Field>
        <Field label="依据说明" error={fieldErrors.note} hint={rule && rule.pointsPerUnit < 0 ? '扣分必填：事由、时间、案卷号' : '事由、案卷号等，可不填'}>
          <input type="text" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
        </Field>
        <div className="rule-facts" aria-label="规则说明">
          {rule ? (
            <>
              <b className={rule.pointsPerUnit < 0 ? 'minus' : 'plus'}>{ruleRate(rule)}</b>
              {ruleCap(rule) ? <span>{ruleCap(rule)}</span> : <span>不设上限</span>}
              {rule.note ? <span className="muted">{rule.note}</span> : null}
            </>
          ) : (
            <span className="muted">先选择规则，再逐个录入人员</span>
          )}
        </div>
      </div>

      <div className="card entry-line">
        <label className="entry-label">
          人员
          <PersonPicker
            key={pickerKey}
            asOf={isValidDate(date) ? date : today}
            picked={picked}
            onPick={setPicked}
            onPicked={() => {
              quantityRef.current?.focus();
              quantityRef.current?.select();
            }}
            inputRef={personRef}
          />
        </label>
        <label className="entry-label">
          数量
          <input
            ref={quantityRef}
            type="text"
            inputMode="decimal"
            aria-label="数量"
            className="quantity"
            placeholder="1"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            onFocus={(e) => e.target.select()}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey) {
                e.preventDefault();
                addLine();
              }
            }}
          />
          <span className="unit">{rule?.unit ?? ''}</span>
        </label>
        <button type="button" className="btn" onClick={addLine}>
          添加（Enter）
        </button>
        <span className="preview" aria-label="本行积分">
          {preview}
        </span>
        {lineError ? (
          <span className="field-error" role="alert">
            {lineError}
          </span>
        ) : (
          <span className="muted small">输入姓名、拼音首字母（如 zs）或身份证号，↑↓ 选择，Enter 确定后光标到数量；输入数量（不填为1）后 Enter 添加</span>
        )}
      </div>

      <div className="panel entry-lines">
        <table className="simple" aria-label="待提交">
          <thead>
            <tr>
              <th style={{ width: 48 }}>行</th>
              <th style={{ width: 140 }}>姓名</th>
              <th>所属单位</th>
              <th className="num" style={{ width: 110 }}>
                数量
              </th>
              <th className="num" style={{ width: 110 }}>
                积分
              </th>
              <th style={{ width: 64 }} />
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted empty-row">
                  还没有添加人员
                </td>
              </tr>
            ) : (
              lines.map((l, i) => (
                <tr key={l.person.id} className={badRows.has(i) ? 'row-invalid' : undefined} title={badRows.get(i)}>
                  <td>{i + 1}</td>
                  <td>{l.person.name}</td>
                  <td>{l.person.unitPath}</td>
                  <td className="num">
                    {formatHundredths(l.quantity)}
                    {rule?.unit ?? ''}
                  </td>
                  <td className="num">{rule ? formatSigned(entryPoints(rule.pointsPerUnit, l.quantity)) : ''}</td>
                  <td>
                    <button type="button" className="btn small" aria-label={`移除${l.person.name}`} onClick={() => removeLine(i)}>
                      移除
                    </button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      {error ? (
        <div className="form-error" role="alert">
          {error}
          {badRows.size > 1 ? (
            <ul>
              {[...badRows.values()].map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {result && result.capped.length > 0 ? (
        <div className="notice" role="status" aria-label="按上限计分">
          上次提交中按上限计分的：
          <ul>
            {result.capped.map((c) => (
              <li key={c.personId}>
                {c.name}：{c.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="entry-foot">
        <span aria-label="合计">
          共 <b>{lines.length}</b> 人，合计 <b>{formatSigned(total)}</b> 分{rule?.cap ? '（超过上限的部分提交后按上限计）' : ''}
        </span>
        <span className="grow" />
        <button type="button" className="btn" onClick={() => setBatchOpen(true)}>
          按单位批量…
        </button>
        <button type="button" className="btn" disabled={lines.length === 0} onClick={() => (setLines([]), setBadRows(new Map()))}>
          清空
        </button>
        <button type="button" className="btn primary" disabled={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交（Ctrl+Enter）'}
        </button>
      </div>

      {batchOpen ? (
        <BatchDialog
          units={units}
          date={isValidDate(date) ? date : today}
          unitLabel={rule?.unit ?? ''}
          onClose={() => setBatchOpen(false)}
          onAdd={(people, q) => {
            const have = new Set(lines.map((l) => l.person.id));
            const fresh = people.filter((p) => !have.has(p.id));
            setLines((ls) => [...ls, ...fresh.map((p) => ({ person: { id: p.id, name: p.name, unitPath: p.unitPath }, quantity: q }))]);
            setBatchOpen(false);
            notify(`已添加 ${fresh.length} 人${people.length > fresh.length ? `（${people.length - fresh.length} 人已在列表中）` : ''}`);
          }}
        />
      ) : null}
    </div>
  );
}

function BatchDialog({
  units,
  date,
  unitLabel,
  onClose,
  onAdd,
}: {
  units: UnitNode[];
  date: string;
  unitLabel: string;
  onClose: () => void;
  onAdd: (people: PersonRow[], quantity: number) => void;
}) {
  const [unitId, setUnitId] = useState<number | null>(null);
  const [quantity, setQuantity] = useState('1');
  const { data: inPost, loading } = useCall('people.list', unitId === null ? null : { unitId, status: '在岗', asOf: date });
  const count = loading ? null : (inPost?.length ?? null);
  const save = useCallback(async () => {
    if (unitId === null) throw ApiError.forField('unitId', '请选择单位');
    const q = parseHundredths(quantity);
    if (q === null || q <= 0) {
      throw new ApiError({ code: 'VALIDATION', message: '数量应为大于0的数', issues: [{ field: 'quantity', message: '数量应为大于0的数，最多两位小数' }] });
    }
    onAdd(await call('people.list', { unitId, status: '在岗', asOf: date }), q);
  }, [unitId, quantity, date, onAdd]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="按单位批量添加" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="添加到列表">
      <p className="muted" style={{ marginTop: 0 }}>
        把所选单位（含下级网格）在 {date} 在岗的全部人员加入待提交列表，数量相同；提交前仍可逐行移除。
      </p>
      <div className="form-grid">
        <Field label="单位" required error={fieldErrors.unitId} hint={count === null ? undefined : `在岗 ${count} 人`}>
          <UnitPicker units={units} value={unitId} onChange={setUnitId} autoFocus />
        </Field>
        <Field label={`数量${unitLabel ? `（${unitLabel}）` : ''}`} required error={fieldErrors.quantity}>
          <input type="text" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        </Field>
      </div>
    </Dialog>
  );
}
