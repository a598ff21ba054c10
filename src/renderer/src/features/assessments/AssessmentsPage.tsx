/** 月度考核: open a month, score it on one screen with the keyboard, see results, finalise and reopen. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Evaluator, MonthSummary } from '../../../../shared/contract/assessments';
import { call, errorMessage } from '../../api/client';
import { NONE, useCall, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Tabs } from '../../components/Tabs';
import { useFormSubmit } from '../../components/useFormSubmit';
import { ScoringView } from './ScoringView';
import { GroupPicker } from '../schemes/GroupPicker';
import { communitiesOf, CommunitySelect } from '../../components/CommunitySelect';
import { useSession } from '../../session';
import { hashParams, idParam } from '../../hash-params';
import { GRADES } from '../../../../shared/domain/scoring';

// 结果 draws charts: loaded when first shown, so the scoring sheet does not wait for the chart library
const ResultsView = lazy(() => import('./ResultsView').then((m) => ({ default: m.ResultsView })));

type Tab = 'score' | 'results';
const TABS: [Tab, string][] = [
  ['score', '打分'],
  ['results', '结果'],
];

/** What a link (from 首页) chose: `#/assessments?month=12&unit=5&tab=results&unscored=1`, `…&evaluator=3`, `unit=all` for 全部. */
function linkFromHash() {
  const p = hashParams();
  const grade = p.get('grade');
  return {
    monthId: idParam(p, 'month'),
    unitId: idParam(p, 'unit'),
    allUnits: p.get('unit') === 'all',
    evaluatorId: idParam(p, 'evaluator'),
    tab: (p.get('tab') === 'results' ? 'results' : 'score') as Tab,
    unscored: p.get('unscored') === '1',
    grade: GRADES.find((g) => g === grade) ?? null,
  };
}

export function AssessmentsPage() {
  const { info, notify, notifyError } = useAppState();
  const [link] = useState(linkFromHash);
  const { me } = useSession();
  const isAdmin = me.role === 'admin';
  // a 考核员 account scores only in its own units, and as its own evaluator record when it has one
  const scopeUnitIds = me.role === 'evaluator' && me.accountId !== null ? me.unitIds : null;
  const today = info?.today ?? '';
  const [schemeId, setSchemeId] = useState<number | null>(null);
  const [monthId, setMonthId] = useState<number | null>(link.monthId);
  const [unitId, setUnitId] = useState<number | null>(link.unitId);
  const [tab, setTab] = useState<Tab>(link.tab);
  const [sheetOf, setSheetOf] = useState<number | null>(link.evaluatorId);
  const [dialog, setDialog] = useState<'open' | 'reopen' | 'evaluator' | null>(null);
  const [version, setVersion] = useState(0);

  // Everything the page needs at once, the months of every scheme included (a handful a year each): the sheet's own
  // call then follows at once, not after a second round for the chosen scheme's months.
  const { data: base, setData: setBase } = useLoad(() => Promise.all([call('schemes.list', {}), call('org.tree', {}), call('assessments.evaluators', {})]), [me.evaluatorId], {
    onError: notifyError,
  });
  const { data: allMonths } = useCall('assessments.months', {}, [version], { onError: notifyError });
  const schemes = useMemo(() => (base?.[0] ?? NONE).filter((x) => x.publishedVersion !== null), [base]);
  const units = base?.[1] ?? NONE;
  const evaluators = useMemo(() => {
    const all = base?.[2] ?? NONE;
    return me.evaluatorId === null ? all : all.filter((x) => x.id === me.evaluatorId);
  }, [base, me.evaluatorId]);
  // the scheme of a linked month, else the first published one
  useEffect(() => {
    if (!base || !allMonths) return;
    const linked = allMonths.find((m) => m.id === link.monthId);
    setSchemeId((id) => id ?? linked?.schemeId ?? base[0].find((x) => x.publishedVersion !== null)?.id ?? null);
  }, [base, allMonths, link.monthId]);
  const months = useMemo(() => (allMonths ?? NONE).filter((m) => m.schemeId === schemeId), [allMonths, schemeId]);
  // once the scheme is known (not before: a linked month would be dropped while its scheme is still being chosen)
  useEffect(() => {
    if (allMonths && schemeId !== null) setMonthId((id) => (id !== null && months.some((m) => m.id === id) ? id : (months[0]?.id ?? null)));
  }, [allMonths, months, schemeId]);

  const communities = useMemo(() => (scopeUnitIds ? units.filter((u) => scopeUnitIds.includes(u.id)) : communitiesOf(units)), [units, scopeUnitIds]);
  useEffect(() => {
    if (!link.allUnits || scopeUnitIds) setUnitId((id) => id ?? communities[0]?.id ?? null);
  }, [communities, link.allUnits, scopeUnitIds]);

  const month = months.find((m) => m.id === monthId) ?? null;
  const refresh = () => setVersion((v) => v + 1);

  const finalise = async () => {
    if (!month) return;
    try {
      // refused before it is asked: nobody confirms something that then fails
      const { refusal } = await call('assessments.finaliseCheck', { monthId: month.id });
      if (refusal) return notify(refusal, 'error');
      if (!window.confirm(`确定将${month.period}“${month.schemeName}”归档吗？归档后只读。`)) return;
      await call('assessments.finalise', { monthId: month.id });
      notify(`${month.period}已归档`);
      refresh();
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return (
    <div className="page months">
      <div className="toolbar card" style={{ marginBottom: 10 }}>
        <label>
          考核方案
          <select aria-label="考核方案" value={schemeId ?? ''} onChange={(e) => setSchemeId(Number(e.target.value))}>
            {schemes.length === 0 ? <option value="">（没有已发布的方案）</option> : null}
            {schemes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          月份
          <select aria-label="考核月份" value={monthId ?? ''} onChange={(e) => setMonthId(Number(e.target.value))}>
            {months.length === 0 ? <option value="">（尚未开启）</option> : null}
            {months.map((m) => (
              <option key={m.id} value={m.id}>
                {m.period} {m.status === 'open' ? '录入中' : '已归档'}
              </option>
            ))}
          </select>
        </label>
        {isAdmin ? (
          <button type="button" className="btn" disabled={schemeId === null} onClick={() => setDialog('open')}>
            开启月份
          </button>
        ) : null}
        {month ? (
          <>
            <span className={`badge ${month.status}`} aria-label="考核状态">
              {month.status === 'open' ? '录入中' : '已归档'}
            </span>
            <span className="muted" aria-label="完成情况">
              第{month.version}版方案 · 已打分 {month.scored}/{month.members - month.exempt} 人{month.exempt ? ` · 免考 ${month.exempt} 人` : ''}
            </span>
          </>
        ) : null}
        <span className="grow" />
        {month?.status === 'open' && isAdmin ? (
          <button type="button" className="btn primary" onClick={() => void finalise()}>
            归档
          </button>
        ) : null}
        {month?.status === 'finalised' && isAdmin ? (
          <button type="button" className="btn" onClick={() => setDialog('reopen')}>
            重新开启
          </button>
        ) : null}
      </div>

      {month ? (
        <>
          <Tabs label="月度考核" tabs={TABS} value={tab} onChange={setTab}>
            <span style={{ width: 12 }} />
            <CommunitySelect label="单位" communities={communities} value={unitId} onChange={setUnitId} allowAll={scopeUnitIds === null} />
          </Tabs>
          {tab === 'score' ? (
            <ScoringView
              month={month}
              initialEvaluatorId={sheetOf}
              unitId={unitId}
              communities={communities}
              evaluators={evaluators}
              onAddEvaluator={() => setDialog('evaluator')}
              onChanged={refresh}
              version={version}
            />
          ) : (
            <Suspense fallback={<div className="card muted">正在载入…</div>}>
              <ResultsView
                month={month}
                unitId={unitId}
                unitName={unitId === null ? '全部单位' : (communities.find((u) => u.id === unitId)?.name ?? '')}
                version={version}
                initialFilter={{ unscored: link.unscored, grade: link.grade }}
                onOpenSheet={(evaluatorId) => {
                  setSheetOf(evaluatorId);
                  setTab('score');
                }}
              />
            </Suspense>
          )}
        </>
      ) : (
        <div className="card muted">
          {schemes.length === 0 ? '还没有已发布的考核方案，请先到“考核方案”中建立并发布。' : '这个方案还没有开启任何月份，请点击“开启月份”。'}
        </div>
      )}

      {dialog === 'open' && schemeId !== null ? (
        <OpenMonthDialog
          schemeId={schemeId}
          defaultPeriod={today.slice(0, 7)}
          onClose={() => setDialog(null)}
          onOpened={(m) => {
            setDialog(null);
            setMonthId(m.id);
            notify(`已开启${m.period}，共 ${m.members} 名考核对象`);
            refresh();
          }}
        />
      ) : null}
      {dialog === 'reopen' && month ? (
        <ReopenDialog
          month={month}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            notify(`${month.period}已重新开启`);
            refresh();
          }}
        />
      ) : null}
      {dialog === 'evaluator' ? (
        <EvaluatorDialog
          onClose={() => setDialog(null)}
          onCreated={(e) => {
            setDialog(null);
            setBase((b) => b && [b[0], b[1], [...b[2], e]]);
            notify(`已新增考核人“${e.name}”`);
          }}
        />
      ) : null}
    </div>
  );
}

function OpenMonthDialog({ schemeId, defaultPeriod, onClose, onOpened }: { schemeId: number; defaultPeriod: string; onClose: () => void; onOpened: (m: MonthSummary) => void }) {
  const [period, setPeriod] = useState(defaultPeriod);
  const save = useCallback(async () => onOpened(await call('assessments.open', { schemeId, period })), [schemeId, period, onOpened]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="开启考核月份" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="开启">
      <p className="muted" style={{ marginTop: 0 }}>
        按该月月底的人员名册，列出担任方案适用岗位的在岗人员；使用方案当前已发布的版本。
      </p>
      <Field label="考核月份" required error={fieldErrors.period} hint="例如 2026-11">
        <input type="text" value={period} onChange={(e) => setPeriod(e.target.value)} autoFocus maxLength={7} />
      </Field>
    </Dialog>
  );
}

function ReopenDialog({ month, onClose, onDone }: { month: MonthSummary; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const save = useCallback(async () => {
    await call('assessments.reopen', { monthId: month.id, reason });
    onDone();
  }, [month.id, reason, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`重新开启 ${month.period}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="重新开启">
      <p className="muted" style={{ marginTop: 0 }}>
        重新开启后可以修改分数；原因会记入操作日志。
      </p>
      <Field label="重新开启的原因" required error={fieldErrors.reason}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} />
      </Field>
    </Dialog>
  );
}

function EvaluatorDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (e: Evaluator) => void }) {
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const { data: groups } = useCall('schemes.groups', {}, []);
  const save = useCallback(async () => onCreated(await call('assessments.createEvaluator', { name, group })), [name, group, onCreated]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="新增考核人" onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <div className="form-grid">
        <Field label="考核人或考核组" required error={fieldErrors.name}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={40} />
        </Field>
        <Field label="所属考核组" error={fieldErrors.group} hint="按考核组加权的方案选择，如“街道中心”“社区”；列表中没有的选“新增考核组…”">
          <GroupPicker label="所属考核组" value={group} known={groups ?? NONE} none="（不属于考核组）" onChange={setGroup} />
        </Field>
      </div>
    </Dialog>
  );
}
