/** 规则: the star rule sets — period, method (score lines or quota), conditions, grid lines, which scheme's months. */
import { useEffect, useRef, useState } from 'react';
import type { StarRuleSet, StarRuleSetInput } from '../../../../shared/contract/stars';
import { formatHundredths, parseHundredths } from '../../../../shared/domain/scoring';
import {
  DEFAULT_CONDITIONS,
  DEFAULT_GRID_THRESHOLDS,
  DEFAULT_QUOTA,
  DEFAULT_THRESHOLDS,
  RULE_STARS,
  STAR_METHODS,
  STAR_PERIOD_KINDS,
  starText,
  type RuleStars,
  type StarConditions,
  type StarMethod,
  type StarPeriodKind,
} from '../../../../shared/domain/stars';
import { ApiError, call, errorMessage } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';

type Line = { a: string; b: string };
interface Form {
  id: number | undefined;
  name: string;
  periodKind: StarPeriodKind;
  method: StarMethod;
  schemeId: number | null;
  /** A period scheme whose finalised result is rated on instead of the months' average. */
  periodSchemeId: number | null;
  /** a: the minimum average; b: the minimum points. */
  thresholds: Record<RuleStars, Line>;
  /** a: the percent; b: the minimum points. */
  quota: Record<RuleStars, Line>;
  grid: Record<RuleStars, string>;
  conditions: StarConditions;
}

const text = (v: number | null) => (v === null ? '' : formatHundredths(v));

function formOf(rs: StarRuleSet | null): Form {
  const t = rs?.thresholds ?? DEFAULT_THRESHOLDS;
  const q = rs?.quota ?? DEFAULT_QUOTA;
  const g = rs?.gridThresholds ?? DEFAULT_GRID_THRESHOLDS;
  const per = <T,>(f: (s: RuleStars) => T) => Object.fromEntries(RULE_STARS.map((s) => [s, f(s)])) as Record<RuleStars, T>;
  return {
    id: rs?.id,
    name: rs?.name ?? '',
    periodKind: rs?.periodKind ?? 'quarter',
    method: rs?.method ?? 'thresholds',
    schemeId: rs?.schemeId ?? null,
    periodSchemeId: rs?.periodSchemeId ?? null,
    thresholds: per((s) => {
      const line = t.find((x) => x.stars === s);
      return { a: line ? text(line.minAverage) : '', b: line ? text(line.minPoints) : '' };
    }),
    quota: per((s) => {
      const line = q.find((x) => x.stars === s);
      return { a: line ? String(line.percent) : '', b: line ? text(line.minPoints) : '' };
    }),
    grid: per((s) => {
      const line = g.find((x) => x.stars === s);
      return line ? (line.minMean / 100).toFixed(1) : '';
    }),
    conditions: rs?.conditions ?? DEFAULT_CONDITIONS,
  };
}

/** The form as the call's input, or the first thing wrong with it. */
function inputOf(f: Form): StarRuleSetInput | string {
  const thresholds: StarRuleSetInput['thresholds'] = [];
  const quota: StarRuleSetInput['quota'] = [];
  const gridThresholds: StarRuleSetInput['gridThresholds'] = [];
  for (const s of RULE_STARS) {
    const t = f.thresholds[s];
    if (t.a.trim()) {
      const minAverage = parseHundredths(t.a);
      const minPoints = t.b.trim() ? parseHundredths(t.b) : null;
      if (minAverage === null) return `${s}★的分数线“${t.a}”不是有效的分数`;
      if (t.b.trim() && minPoints === null) return `${s}★的最低积分“${t.b}”不是有效的数`;
      thresholds.push({ stars: s, minAverage, minPoints });
    }
    const q = f.quota[s];
    if (q.a.trim()) {
      const percent = Number(q.a);
      const minPoints = q.b.trim() ? parseHundredths(q.b) : null;
      if (!Number.isInteger(percent) || percent < 0 || percent > 100) return `${s}★的名额比例“${q.a}”应为0到100的整数`;
      if (q.b.trim() && minPoints === null) return `${s}★的最低积分“${q.b}”不是有效的数`;
      quota.push({ stars: s, percent, minPoints });
    }
    const g = f.grid[s];
    if (g.trim()) {
      const minMean = parseHundredths(g);
      if (minMean === null) return `网格${s}★的平均星级线“${g}”不是有效的数`;
      gridThresholds.push({ stars: s, minMean });
    }
  }
  return { id: f.id, name: f.name, periodKind: f.periodKind, method: f.method, schemeId: f.schemeId, periodSchemeId: f.periodSchemeId, thresholds, quota, gridThresholds, conditions: f.conditions };
}

const CONDITION_LABELS: [keyof StarConditions, string, string][] = [
  ['vetoCap', '一票否决封顶一星', '期间内有一票否决的，最高评为 1★'],
  ['criticismBlocksUpgrade', '通报批评不得升星', '期间内受通报批评的，星级不得高于上期'],
  ['dynamic', '星级动态管理', '较上期最多升一星或降一星'],
  ['awardUpgrade', '获表彰升一星', '期间内获表彰（已发布的表彰批次）的升一星'],
];

/** One input of a star's line. */
interface StarCell {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A star rule's lines, 5★ to 2★ (1★ takes the rest): the heads, then each star's inputs. */
function StarTable({ label, heads, cells, rest }: { label: string; heads: string[]; cells: (s: RuleStars) => StarCell[]; rest?: string }) {
  return (
    <table className="simple rule-table" aria-label={label}>
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {RULE_STARS.map((s) => (
          <tr key={s}>
            <td className="stars-text">{starText(s)}</td>
            {cells(s).map((c) => (
              <td key={c.label}>
                <input type="text" aria-label={c.label} value={c.value} onChange={(e) => c.onChange(e.target.value)} />
              </td>
            ))}
          </tr>
        ))}
        {rest ? (
          <tr>
            <td className="stars-text">{starText(1)}</td>
            <td colSpan={heads.length - 1} className="muted">
              {rest}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

export function RulesView({ ruleSets, onChanged }: { ruleSets: StarRuleSet[]; onChanged: () => Promise<void> }) {
  const { notify } = useAppState();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [form, setForm] = useState<Form>(() => formOf(null));
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const schemes = useCall('schemes.list', {}).data ?? NONE;
  const periodSchemes = useCall('periods.schemes', {}).data ?? NONE;
  const chosenFirst = useRef(false);
  useEffect(() => {
    if (chosenFirst.current || !ruleSets[0]) return;
    chosenFirst.current = true;
    setSelectedId(ruleSets[0].id);
  }, [ruleSets]);
  useEffect(() => {
    const rs = ruleSets.find((r) => r.id === selectedId);
    if (rs) setForm(formOf(rs));
    setError(null);
    setNameError(undefined);
  }, [selectedId, ruleSets]);

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const save = async () => {
    const input = inputOf(form);
    if (typeof input === 'string') return setError(input);
    setBusy(true);
    setError(null);
    setNameError(undefined);
    try {
      const saved = await call('stars.saveRuleSet', input);
      notify(`已保存星级规则“${saved.name}”`);
      await onChanged();
      setSelectedId(saved.id);
      setForm(formOf(saved));
    } catch (e) {
      if (e instanceof ApiError && e.fieldMessage('name')) setNameError(e.fieldMessage('name'));
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    const rs = ruleSets.find((r) => r.id === form.id);
    if (!rs || !window.confirm(`确定删除星级规则“${rs.name}”吗？`)) return;
    try {
      await call('stars.deleteRuleSet', { id: rs.id });
      notify(`已删除“${rs.name}”`);
      setSelectedId(null);
      setForm(formOf(null));
      await onChanged();
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };
  const startNew = () => {
    setSelectedId(null);
    setForm({ ...formOf(null), name: '' });
    setError(null);
  };

  const line = (kind: 'thresholds' | 'quota', s: RuleStars, key: 'a' | 'b', value: string) =>
    setForm((f) => ({ ...f, [kind]: { ...f[kind], [s]: { ...f[kind][s], [key]: value } } }));

  return (
    <div className="rules-layout">
      <div className="panel">
        <div className="panel-head">
          <h2>星级规则</h2>
          <button type="button" className="btn small" onClick={startNew}>
            新建
          </button>
        </div>
        <ul className="scheme-list" role="listbox" aria-label="星级规则列表">
          {ruleSets.map((r) => (
            <li key={r.id} role="option" aria-selected={r.id === form.id} tabIndex={0} onClick={() => setSelectedId(r.id)} onKeyDown={(e) => e.key === 'Enter' && setSelectedId(r.id)}>
              <div className="scheme-name">{r.name}</div>
              <div className="scheme-meta muted">
                {STAR_PERIOD_KINDS[r.periodKind]} · {STAR_METHODS[r.method]} · 已评定 {r.runs} 次
              </div>
            </li>
          ))}
        </ul>
      </div>
      <div className="panel">
        <div className="panel-head">
          <h2>{form.id === undefined ? '新建星级规则' : form.name || '（未命名）'}</h2>
        </div>
        <div className="panel-body rules-form">
          {error ? (
            <div className="form-error" role="alert">
              {error}
            </div>
          ) : null}
          <div className="form-grid three">
            <Field label="规则名称" required error={nameError}>
              <input type="text" value={form.name} onChange={(e) => set({ name: e.target.value })} maxLength={40} />
            </Field>
            <Field label="评定周期">
              <select value={form.periodKind} onChange={(e) => set({ periodKind: e.target.value as StarPeriodKind })}>
                {Object.entries(STAR_PERIOD_KINDS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="评定依据" hint={form.periodSchemeId === null ? '期间内已归档月份的总分取平均' : '该期间已归档的周期考核总分（不定等次者不评定）'}>
              <Select
                choices={periodSchemes.filter((x) => x.kind === form.periodKind).map((x) => ({ value: x.id, label: `周期考核：${x.name}` }))}
                value={form.periodSchemeId}
                onChange={(periodSchemeId) => set({ periodSchemeId })}
                none="月度考核平均分"
              />
            </Field>
            <Field label="月度考核来源" hint={form.periodSchemeId === null ? '取平均的月份所属方案' : '一票否决、考核月数所依据的方案'}>
              <Select choices={schemes.map((x) => ({ value: x.id, label: x.name }))} value={form.schemeId} onChange={(schemeId) => set({ schemeId })} none="全部考核方案" />
            </Field>
          </div>

          <h3>评定方法</h3>
          <div className="checks" role="radiogroup" aria-label="评定方法">
            {(Object.keys(STAR_METHODS) as StarMethod[]).map((m) => (
              <label key={m}>
                <input type="radio" name="method" checked={form.method === m} onChange={() => set({ method: m })} />
                {STAR_METHODS[m]}
              </label>
            ))}
          </div>
          {form.method === 'thresholds' ? (
            <StarTable
              label="分数线"
              heads={['星级', '平均分不低于', '且积分不低于（可空）']}
              cells={(s) => [
                { label: `${s}星分数线`, value: form.thresholds[s].a, onChange: (v) => line('thresholds', s, 'a', v) },
                { label: `${s}星最低积分`, value: form.thresholds[s].b, onChange: (v) => line('thresholds', s, 'b', v) },
              ]}
              rest="其余"
            />
          ) : (
            <StarTable
              label="名额比例"
              heads={['星级', '按平均分排名，接着的比例（%）', '且积分不低于（可空）']}
              cells={(s) => [
                { label: `${s}星比例`, value: form.quota[s].a, onChange: (v) => line('quota', s, 'a', v) },
                { label: `${s}星最低积分`, value: form.quota[s].b, onChange: (v) => line('quota', s, 'b', v) },
              ]}
              rest="其余；名额线上同分的人一并评为较高星级"
            />
          )}

          <h3>条件</h3>
          <div className="conditions">
            {CONDITION_LABELS.map(([key, label, hint]) => (
              <label key={key}>
                <input type="checkbox" checked={form.conditions[key]} onChange={(e) => set({ conditions: { ...form.conditions, [key]: e.target.checked } })} />
                <b>{label}</b>
                <span className="muted">{hint}</span>
              </label>
            ))}
          </div>

          <h3>星级网格</h3>
          <StarTable
            label="网格星级线"
            heads={['网格星级', '网格员平均星级不低于']}
            cells={(s) => [{ label: `网格${s}星线`, value: form.grid[s], onChange: (v) => set({ grid: { ...form.grid, [s]: v } }) }]}
          />
          <p className="muted small">修改规则不影响已完成的评定：每次评定保存计算时使用的规则。</p>
        </div>
        <div className="editor-foot">
          <button type="button" className="btn primary" disabled={busy} onClick={() => void save()}>
            保存规则
          </button>
          <span className="grow" />
          {form.id !== undefined ? (
            <button type="button" className="btn danger" onClick={() => void remove()}>
              删除
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
