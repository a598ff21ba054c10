/**
 * 积分规则: the catalogue. A rule that has entries keeps its points per unit and unit (history stays true): to change
 * them, end the rule with a 停用日期 and add a new one.
 */
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import type { PointRule, PointRuleInput } from '../../../../shared/contract/points';
import { CAP_PERIODS, DERIVED_KIND_KEYS, DERIVED_KINDS, POINT_UNITS, type CapPeriod, type DerivedKind, type PointUnit } from '../../../../shared/domain/points';
import { formatHundredths, parseHundredths } from '../../../../shared/domain/scoring';
import { ApiError, call } from '../../api/client';
import { useAppState } from '../../app-state';
import type { ExportContext } from '../../components/DataGrid';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { derivedShort, formatSigned, ruleCap, ruleState } from './format';
import { ruleFieldError, RuleStateFields, RuleTable } from './RuleTable';

const num: ExportContext = { exportType: 'number' };

export function RulesView({ rules, today, onChanged }: { rules: PointRule[]; today: string; onChanged: () => void }) {
  const { notify } = useAppState();
  const [editing, setEditing] = useState<PointRule | 'new' | null>(null);
  const columns = useMemo<ColDef<PointRule>[]>(
    () => [
      { field: 'category', headerName: '类别', width: 90 },
      { field: 'name', headerName: '规则名称', width: 160, tooltipField: 'name' },
      {
        colId: 'rate',
        headerName: '分值',
        width: 70,
        valueGetter: (p) => (p.data ? p.data.pointsPerUnit / 100 : null),
        valueFormatter: (p) => (p.data ? formatSigned(p.data.pointsPerUnit) : ''),
        cellClass: (p) => `num ${p.data && p.data.pointsPerUnit < 0 ? 'minus' : 'plus'}`,
        context: num,
      },
      { field: 'unit', headerName: '单位', width: 72 },
      { colId: 'cap', headerName: '上限', width: 110, valueGetter: (p) => (p.data ? ruleCap(p.data) : '') },
      { field: 'validFrom', headerName: '生效日期', width: 100 },
      { field: 'validTo', headerName: '停用日期', width: 100 },
      { field: 'derived', headerName: '自动记分', width: 130, valueFormatter: (p) => derivedShort((p.value as string | null) ?? null), tooltipValueGetter: (p) => (p.value ? DERIVED_KINDS[p.value as DerivedKind] : '') },
      { colId: 'state', headerName: '状态', width: 76, valueGetter: (p) => (p.data ? ruleState(p.data, today) : ''), cellClass: (p) => (p.value === '施行中' ? 'plus' : 'muted') },
      { field: 'entries', headerName: '记录数', width: 90, context: num },
      { field: 'note', headerName: '说明', flex: 1, minWidth: 180, tooltipField: 'note' },
    ],
    [today],
  );
  return (
    <div className="month-body">
      <RuleTable<PointRule>
        label="积分规则"
        hint="已有记录的规则不能改分值和单位；如需调整，请设置停用日期，再新建规则。“自动记分”的规则在月度考核归档时按等次记分。"
        rows={rules}
        columns={columns}
        minHeight={300}
        onEdit={setEditing}
        onNew={() => setEditing('new')}
      />
      {editing ? (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          today={today}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            notify(editing === 'new' ? `已新增规则“${r.name}”` : `已保存规则“${r.name}”`);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function RuleDialog({ rule, today, onClose, onSaved }: { rule: PointRule | null; today: string; onClose: () => void; onSaved: (r: PointRule) => void }) {
  const used = (rule?.entries ?? 0) > 0;
  const [name, setName] = useState(rule?.name ?? '');
  const [category, setCategory] = useState(rule?.category ?? '');
  const [rate, setRate] = useState(rule ? formatHundredths(rule.pointsPerUnit) : '');
  const [unit, setUnit] = useState<PointUnit>(rule?.unit ?? '次');
  const [cap, setCap] = useState(rule?.cap ? formatHundredths(rule.cap) : '');
  const [capPeriod, setCapPeriod] = useState<CapPeriod | ''>(rule?.capPeriod ?? '');
  const [validFrom, setValidFrom] = useState(rule?.validFrom ?? today);
  const [validTo, setValidTo] = useState(rule?.validTo ?? '');
  const [derived, setDerived] = useState<DerivedKind | ''>(rule?.derived ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [note, setNote] = useState(rule?.note ?? '');

  const save = useCallback(async () => {
    const pointsPerUnit = parseHundredths(rate);
    const capValue = cap.trim() === '' ? null : parseHundredths(cap);
    if (pointsPerUnit === null) throw ApiError.forField('pointsPerUnit', '分值应为数字，最多两位小数；扣分填负数，如 -5');
    if (capValue === null && cap.trim() !== '') throw ApiError.forField('cap', '上限应为正数，最多两位小数');
    const input: PointRuleInput = {
      name,
      category,
      pointsPerUnit,
      unit,
      cap: capValue,
      capPeriod: capPeriod === '' ? null : capPeriod,
      validFrom,
      validTo: validTo.trim() === '' ? null : validTo,
      derived: derived === '' ? null : derived,
      active,
      note,
    };
    onSaved(rule ? await call('points.updateRule', { id: rule.id, rule: input }) : await call('points.createRule', input));
  }, [rate, cap, name, category, unit, capPeriod, validFrom, validTo, derived, active, note, rule, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const field = (key: string) => ruleFieldError(fieldErrors, key);
  const lockedHint = used ? `已有${rule!.entries}条记录，不能修改` : undefined;
  return (
    <Dialog title={rule ? `编辑积分规则：${rule.name}` : '新增积分规则'} onClose={onClose} onSubmit={submit} busy={busy} error={error} wide>
      <div className="form-grid rule-form">
        <Field label="规则名称" required error={field('name')}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={40} />
        </Field>
        <Field label="类别" error={field('category')} hint="如 安全排查、纪律作风">
          <input type="text" value={category} onChange={(e) => setCategory(e.target.value)} maxLength={20} />
        </Field>
        <Field label="每单位分值" required error={field('pointsPerUnit')} hint={lockedHint ?? '加分填正数，扣分填负数，如 0.5、-5'}>
          <input type="text" inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} disabled={used} />
        </Field>
        <Field label="计量单位" required error={field('unit')} hint={lockedHint}>
          <select value={unit} onChange={(e) => setUnit(e.target.value as PointUnit)} disabled={used}>
            {POINT_UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </Field>
        <Field label="上限（分）" error={field('cap')} hint="不填则不设上限；扣分规则的上限指最多扣多少分">
          <input type="text" inputMode="decimal" value={cap} onChange={(e) => setCap(e.target.value)} />
        </Field>
        <Field label="上限周期" error={field('capPeriod')}>
          <select value={capPeriod} onChange={(e) => setCapPeriod(e.target.value as CapPeriod | '')}>
            <option value="">不设上限</option>
            {(Object.keys(CAP_PERIODS) as CapPeriod[]).map((k) => (
              <option key={k} value={k}>
                {CAP_PERIODS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="生效日期" required error={field('validFrom')}>
          <DateInput value={validFrom} onChange={setValidFrom} />
        </Field>
        <Field label="停用日期" error={field('validTo')} hint="含当天；不填则长期有效">
          <DateInput value={validTo} onChange={setValidTo} />
        </Field>
        <Field label="自动记分" error={field('derived')} hint={used ? lockedHint : '月度考核等次规则在归档时自动记分，不能手工录入'}>
          <select value={derived} onChange={(e) => setDerived(e.target.value as DerivedKind | '')} disabled={used}>
            <option value="">无（手工录入）</option>
            {DERIVED_KIND_KEYS.map((k) => (
              <option key={k} value={k}>
                {DERIVED_KINDS[k]}
              </option>
            ))}
          </select>
        </Field>
        <RuleStateFields active={active} onActive={setActive} activeText="启用（停用后不能再录入，已有记录保留）" note={note} onNote={setNote} noteError={field('note')} />
      </div>
    </Dialog>
  );
}
