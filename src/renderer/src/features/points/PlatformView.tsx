/**
 * 平台统计: the rules that turn the grid platform's monthly export (采集信息, 上报事件, 办结率 …) into points or into
 * criterion counts of the month's scheme, and the import of a month's export by those rules.
 */
import type { ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlatformRule, PlatformRuleInput } from '../../../../shared/contract/points-platform';
import type { PointRule } from '../../../../shared/contract/points';
import type { SchemeSummary } from '../../../../shared/contract/schemes';
import {
  COUNTABLE_CRITERION_KINDS,
  countRuleText,
  PLATFORM_MODE_KEYS,
  PLATFORM_MODES,
  THRESHOLD_OP_KEYS,
  THRESHOLD_OPS,
  type PlatformMode,
  type PlatformTarget,
  type ThresholdOp,
} from '../../../../shared/domain/platform-stats';
import { isGradeRule, periodLabel, recentPeriods } from '../../../../shared/domain/points';
import { CRITERION_KINDS, formatHundredths, parseHundredths } from '../../../../shared/domain/scoring';
import { ApiError, call, errorMessage } from '../../api/client';
import { NONE, useCall, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ImportDialog } from '../../components/ImportDialog';
import { PickerFilter } from '../../components/ChoicePicker';
import { Select } from '../../components/Select';
import { useFormSubmit } from '../../components/useFormSubmit';
import { EvaluatorPicker } from '../assessments/EvaluatorPicker';
import { ruleRate } from './format';
import { ruleFieldError, RuleStateFields, RuleTable } from './RuleTable';

/** '积分：上报安全隐患', '考核指标：网格员月度考核·考勤'. */
function targetText(r: PlatformRule): string {
  return r.target === 'points' ? `积分：${r.pointRuleName}` : `考核指标：${r.schemeName}·${r.criterionName}`;
}

export function PlatformView({ rules, today, onChanged }: { rules: PointRule[]; today: string; onChanged: () => void }) {
  const { notify, notifyError } = useAppState();
  const periods = useMemo(() => (today ? recentPeriods('month', today, 13) : []), [today]);
  const [period, setPeriod] = useState('');
  const [evaluatorId, setEvaluatorId] = useState<number | null>(null);
  const [editing, setEditing] = useState<PlatformRule | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const { data, refresh } = useLoad(
    () => Promise.all([call('points.platformRules', {}), call('schemes.list', {}), call('assessments.evaluators', {})]),
    [],
    { onError: notifyError },
  );
  const platformRules = data?.[0] ?? NONE;
  const schemes = useMemo(() => (data?.[1] ?? NONE).filter((x) => x.publishedVersion !== null), [data]);
  const evaluators = data?.[2] ?? NONE;
  // the month just ended: the platform exports a month once it is over
  useEffect(() => setPeriod((p) => p || (periods[1] ?? '')), [periods]);

  const active = platformRules.filter((r) => r.active);
  const needsEvaluator = active.some((r) => r.target === 'criterion');

  const columns = useMemo<ColDef<PlatformRule>[]>(
    () => [
      { field: 'column', headerName: '平台统计表的列', width: 150 },
      { colId: 'count', headerName: '计算方式', width: 130, valueGetter: (p) => (p.data ? countRuleText(p.data) : '') },
      { colId: 'target', headerName: '记入', flex: 1, minWidth: 240, valueGetter: (p) => (p.data ? targetText(p.data) : ''), tooltipValueGetter: (p) => (p.data ? targetText(p.data) : '') },
      { colId: 'state', headerName: '状态', width: 80, valueGetter: (p) => (p.data ? (p.data.active ? '启用' : '停用') : ''), cellClass: (p) => (p.value === '启用' ? 'plus' : 'muted') },
      { field: 'note', headerName: '说明', flex: 1, minWidth: 180, tooltipField: 'note' },
    ],
    [],
  );

  const remove = async (selected: PlatformRule) => {
    if (!window.confirm(`确定删除平台统计规则“${selected.column} ${countRuleText(selected)}”吗？已记入的积分和次数不受影响。`)) return;
    try {
      await call('points.deletePlatformRule', { id: selected.id });
      notify(`已删除规则“${selected.column}”`);
      await refresh();
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return (
    <div className="month-body">
      <div className="toolbar card platform-import-bar" aria-label="导入平台统计">
        <label>
          统计月份
          <select value={period} onChange={(e) => setPeriod(e.target.value)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel('month', p)}
              </option>
            ))}
          </select>
        </label>
        {needsEvaluator ? (
          <PickerFilter label="考核人">
            <EvaluatorPicker aria-label="考核人" evaluators={evaluators} value={evaluatorId} onChange={setEvaluatorId} placeholder="请选择（考核指标的次数记在其名下）" />
          </PickerFilter>
        ) : null}
        <button type="button" className="btn primary" disabled={active.length === 0 || !period} onClick={() => setImporting(true)}>
          导入平台统计…
        </button>
        <span className="muted small">
          {active.length === 0
            ? '先新增规则：平台统计表的哪一列、怎样折算、记入哪条积分规则或哪项考核指标'
            : `按下表 ${active.length} 条启用的规则折算；同一月份重复导入只改动有变化的数`}
        </span>
      </div>
      <RuleTable<PlatformRule>
        label="平台统计规则"
        hint="积分记在统计月份的最后一天（当月记在今天）；考核指标的次数记入该月“录入中”的考核，已归档的月份不能导入。空白的统计数不计。"
        rows={platformRules}
        columns={columns}
        minHeight={240}
        onEdit={setEditing}
        onNew={() => setEditing('new')}
        onDelete={(r) => void remove(r)}
      />
      {editing ? (
        <PlatformRuleDialog
          rule={editing === 'new' ? null : editing}
          pointRules={rules}
          schemes={schemes}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            notify(editing === 'new' ? `已新增规则“${r.column}”` : `已保存规则“${r.column}”`);
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
      {importing ? (
        <ImportDialog
          title={`导入平台统计：${periodLabel('month', period)}`}
          intro={
            <>
              平台导出的每人一行统计表（姓名，身份证号或网格，各项统计数）。按以下规则折算：
              <ul className="platform-rule-list">
                {active.map((r) => (
                  <li key={r.id}>
                    {r.column} {countRuleText(r)} → {targetText(r)}
                  </li>
                ))}
              </ul>
            </>
          }
          preview={(f) => call('points.previewPlatform', { ...f, period, evaluatorId })}
          commit={(f) => call('points.importPlatform', { ...f, period, evaluatorId })}
          onDone={(r) => {
            notify(`已导入平台统计：${r.counts.new} 人新增，${r.counts.changed} 人有变更，导入前已自动备份`);
            setImporting(false);
            onChanged();
          }}
          onClose={() => setImporting(false)}
        />
      ) : null}
    </div>
  );
}

function PlatformRuleDialog({
  rule,
  pointRules,
  schemes,
  onClose,
  onSaved,
}: {
  rule: PlatformRule | null;
  pointRules: PointRule[];
  schemes: SchemeSummary[];
  onClose: () => void;
  onSaved: (r: PlatformRule) => void;
}) {
  const [column, setColumn] = useState(rule?.column ?? '');
  const [target, setTarget] = useState<PlatformTarget>(rule?.target ?? 'points');
  const [pointRuleId, setPointRuleId] = useState<number | null>(rule?.pointRuleId ?? null);
  const [schemeId, setSchemeId] = useState<number | null>(rule?.schemeId ?? schemes[0]?.id ?? null);
  const [criterionName, setCriterionName] = useState(rule?.criterionName ?? '');
  const [mode, setMode] = useState<PlatformMode>(rule?.mode ?? 'value');
  const [per, setPer] = useState(rule?.per ? formatHundredths(rule.per) : '');
  const [op, setOp] = useState<ThresholdOp>(rule?.op ?? '>=');
  const [threshold, setThreshold] = useState(rule?.threshold !== null && rule?.threshold !== undefined ? formatHundredths(rule.threshold) : '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [note, setNote] = useState(rule?.note ?? '');
  const choosable = pointRules.filter((r) => r.active && !isGradeRule(r.derived));

  const { data: scheme } = useCall('schemes.get', target === 'criterion' && schemeId !== null ? { schemeId } : null);
  const criteria = useMemo(
    () => (scheme?.criteria ?? NONE).filter((c) => (COUNTABLE_CRITERION_KINDS as readonly string[]).includes(c.kind)),
    [scheme],
  );
  // the criterion chosen stays while the scheme has it, else the scheme's first
  useEffect(() => {
    if (scheme) setCriterionName((n) => (criteria.some((c) => c.name === n) ? n : (criteria[0]?.name ?? '')));
  }, [scheme, criteria]);

  const save = useCallback(async () => {
    const perValue = mode === 'per' ? parseHundredths(per) : null;
    const thresholdValue = mode === 'threshold' ? parseHundredths(threshold) : null;
    if (mode === 'per' && (perValue === null || perValue <= 0)) throw ApiError.forField('per', '请填写大于0的数，如 每满10条计1');
    if (mode === 'threshold' && thresholdValue === null) throw ApiError.forField('threshold', '请填写条件数值，如 95');
    const input: PlatformRuleInput = {
      column,
      target,
      pointRuleId: target === 'points' ? pointRuleId : null,
      schemeId: target === 'criterion' ? schemeId : null,
      criterionName: target === 'criterion' ? criterionName : '',
      mode,
      per: perValue,
      op: mode === 'threshold' ? op : null,
      threshold: thresholdValue,
      active,
      note,
    };
    onSaved(await call('points.savePlatformRule', { id: rule?.id ?? null, rule: input }));
  }, [column, target, pointRuleId, schemeId, criterionName, mode, per, op, threshold, active, note, rule, onSaved]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const field = (key: string) => ruleFieldError(fieldErrors, key);
  const unit = target === 'points' ? (choosable.find((r) => r.id === pointRuleId)?.unit ?? '件') : '次';

  return (
    <Dialog title={rule ? `编辑平台统计规则：${rule.column}` : '新增平台统计规则'} onClose={onClose} onSubmit={submit} busy={busy} error={error} wide>
      <div className="form-grid">
        <Field label="平台统计表的列" required error={field('column')} hint="与平台导出表的表头一致，如 上报事件、办结率；括号里的单位可不写">
          <input type="text" value={column} onChange={(e) => setColumn(e.target.value)} autoFocus maxLength={40} />
        </Field>
        <Field label="记入" required error={field('target')}>
          <select value={target} onChange={(e) => setTarget(e.target.value as PlatformTarget)}>
            <option value="points">积分规则（按规则分值记分）</option>
            <option value="criterion">月度考核指标（记扣分项、加分项的次数）</option>
          </select>
        </Field>
        {target === 'points' ? (
          <Field label="积分规则" required error={field('pointRuleId')} span2>
            <Select choices={choosable.map((r) => ({ value: r.id, label: `${r.name}（${ruleRate(r)}）` }))} value={pointRuleId} onChange={setPointRuleId} none="请选择规则" />
          </Field>
        ) : (
          <>
            <Field label="考核方案" required error={field('schemeId')}>
              <Select choices={schemes.map((x) => ({ value: x.id, label: x.name }))} value={schemeId} onChange={setSchemeId} />
            </Field>
            <Field label="考核指标" required error={field('criterionName')} hint="记入导入月份该方案的考核中">
              <select value={criterionName} onChange={(e) => setCriterionName(e.target.value)}>
                {criteria.map((c) => (
                  <option key={c.id} value={c.name}>
                    {c.name}（{CRITERION_KINDS[c.kind]}）
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
        <Field label="计算方式" required error={field('mode')}>
          <select value={mode} onChange={(e) => setMode(e.target.value as PlatformMode)}>
            {PLATFORM_MODE_KEYS.map((m) => (
              <option key={m} value={m}>
                {PLATFORM_MODES[m]}
              </option>
            ))}
          </select>
        </Field>
        {mode === 'value' ? (
          <div className="field">
            <span className="label">折算</span>
            <span className="muted small" style={{ paddingTop: 6 }}>
              统计数是几，就记几{unit}（如 上报事件 6件 → 6{unit}）
            </span>
          </div>
        ) : null}
        {mode === 'per' ? (
          <Field label={`每满多少计1${unit}`} required error={field('per')} hint={`如 10：采集信息 125条 → 12${unit}`}>
            <input type="text" inputMode="decimal" value={per} onChange={(e) => setPer(e.target.value)} />
          </Field>
        ) : null}
        {mode === 'threshold' ? (
          <div className="field threshold-field">
            <span className="label required">条件（满足时计1{unit}）</span>
            <span className="threshold-inputs">
              <select aria-label="比较方式" value={op} onChange={(e) => setOp(e.target.value as ThresholdOp)}>
                {THRESHOLD_OP_KEYS.map((o) => (
                  <option key={o} value={o}>
                    {THRESHOLD_OPS[o]}
                  </option>
                ))}
              </select>
              <input aria-label="条件数值" type="text" inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-invalid={Boolean(field('threshold'))} />
            </span>
            {field('threshold') || field('op') ? (
              <span className="field-error" role="alert">
                {field('threshold') ?? field('op')}
              </span>
            ) : (
              <span className="field-hint">百分数写数字，如 办结率 ≥ 95</span>
            )}
          </div>
        ) : null}
        <RuleStateFields active={active} onActive={setActive} activeText="启用（停用的规则导入时不用）" note={note} onNote={setNote} noteError={field('note')} />
      </div>
    </Dialog>
  );
}
