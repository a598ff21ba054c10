/**
 * 年度考核 (季度/半年/年度考核): a period's results with its ties and 归档, the year-end ballots by keyboard, the periods
 * opened, and the period schemes.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PeriodSummary } from '../../../../shared/contract/periods';
import { call } from '../../api/client';
import { NONE, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { communitiesOf, CommunitySelect } from '../../components/CommunitySelect';
import { Tabs } from '../../components/Tabs';
import { useSession } from '../../session';
import { BallotsView } from './BallotsView';
import { LEAVE_UNSAVED } from './labels';
import { PERIOD_STATUS, PeriodsListView } from './PeriodsListView';
import { ResultsView } from './ResultsView';
import { SchemesView } from './SchemesView';

type Tab = 'results' | 'ballots' | 'periods' | 'schemes';
const TABS: [Tab, string][] = [
  ['results', '考核结果'],
  ['ballots', '年终测评'],
  ['periods', '考核期间'],
  ['schemes', '考核方案'],
];

export function PeriodsPage() {
  const { info, notify, notifyError } = useAppState();
  const { me } = useSession();
  const isAdmin = me.role === 'admin';
  // a 考核员 account sees and rates only its own units, as its own evaluator record when it has one
  const scopeUnitIds = me.role === 'evaluator' && me.accountId !== null ? me.unitIds : null;
  const [tab, setTab] = useState<Tab | null>(null);
  const [periodId, setPeriodId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);

  const { data: base } = useLoad(() => Promise.all([call('org.tree', {}), call('assessments.evaluators', {})]), [], { onError: notifyError });
  const { data: lists } = useLoad(() => Promise.all([call('periods.schemes', {}), call('periods.list', {})]), [version], {
    onError: notifyError,
    onData: ([schemes, periods]) => {
      setPeriodId((id) => (id !== null && periods.some((p) => p.id === id) ? id : (periods[0]?.id ?? null)));
      // the first time: the results when a period exists, else where to start
      setTab((t) => t ?? (periods.length > 0 ? 'results' : schemes.some((s) => s.publishedVersion !== null) ? 'periods' : 'schemes'));
    },
  });
  const schemes = lists?.[0] ?? NONE;
  const periods = lists?.[1] ?? NONE;
  const units = base?.[0] ?? NONE;
  const evaluators = useMemo(() => {
    const all = base?.[1] ?? NONE;
    return me.evaluatorId === null ? all : all.filter((x) => x.id === me.evaluatorId);
  }, [base, me.evaluatorId]);
  const communities = useMemo(() => (scopeUnitIds ? units.filter((u) => scopeUnitIds.includes(u.id)) : communitiesOf(units)), [units, scopeUnitIds]);
  useEffect(() => {
    if (scopeUnitIds) setUnitId((id) => id ?? communities[0]?.id ?? null);
  }, [communities, scopeUnitIds]);

  // Leaving for another area (a link of the navigation) with unsaved ballots or scheme edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const onClick = (e: MouseEvent) => {
      const link = (e.target as HTMLElement | null)?.closest('a[href^="#/"]');
      if (link && !window.confirm(LEAVE_UNSAVED)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [dirty]);

  const period = periods.find((p) => p.id === periodId) ?? null;
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  /** Leaving unsaved ballots or a scheme being edited asks first. */
  const guard = (go: () => void) => {
    if (dirty && !window.confirm(LEAVE_UNSAVED)) return;
    setDirty(false);
    go();
  };
  const show = (p: PeriodSummary) => {
    setPeriodId(p.id);
    setTab('results');
  };

  const periodTab = tab === 'results' || tab === 'ballots';
  return (
    <div className="page months periods">
      <Tabs label="年度考核" tabs={TABS} value={tab ?? 'results'} onChange={(t) => t !== tab && guard(() => setTab(t))}>
        {periodTab ? (
          <>
            <span style={{ width: 12 }} />
            <label>
              考核期间
              <select aria-label="考核期间" value={periodId ?? ''} onChange={(e) => guard(() => setPeriodId(Number(e.target.value)))}>
                {periods.length === 0 ? <option value="">（尚未开启）</option> : null}
                {periods.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.periodLabel} {p.schemeName}（{PERIOD_STATUS[p.status]}）
                  </option>
                ))}
              </select>
            </label>
            {period ? (
              <span className={`badge ${period.status}`} aria-label="考核状态">
                {PERIOD_STATUS[period.status]}
              </span>
            ) : null}
            <CommunitySelect label="单位" communities={communities} value={unitId} onChange={(id) => guard(() => setUnitId(id))} allowAll={scopeUnitIds === null} />
          </>
        ) : null}
      </Tabs>

      {periodTab && !period ? (
        <div className="card muted">
          {periods.length === 0 ? '还没有开启任何考核期间，请到“考核期间”中开启（需先在“考核方案”中发布方案）。' : '请选择考核期间。'}
        </div>
      ) : null}
      {tab === 'results' && period ? <ResultsView key={period.id} period={period} unitId={unitId} unitName={unitId === null ? '全部单位' : (communities.find((u) => u.id === unitId)?.name ?? '')} isAdmin={isAdmin} version={version} onChanged={refresh} /> : null}
      {tab === 'ballots' && period ? (
        <BallotsView
          key={`${period.id}:${period.status}:${unitId ?? 'all'}`}
          period={period}
          unitId={unitId}
          evaluators={evaluators}
          canWrite={me.role !== 'secretary'}
          onDirtyChange={setDirty}
          onSaved={refresh}
        />
      ) : null}
      {tab === 'periods' ? (
        <PeriodsListView
          periods={periods}
          schemes={schemes}
          canEdit={isAdmin}
          today={info?.today ?? ''}
          onShow={show}
          onOpened={(p) => {
            notify(`已开启${p.periodLabel}“${p.schemeName}”，共 ${p.members} 名考核对象`);
            show(p);
            refresh();
          }}
        />
      ) : null}
      {tab === 'schemes' ? <SchemesView schemes={schemes} canEdit={isAdmin} onChanged={refresh} onDirtyChange={setDirty} /> : null}
    </div>
  );
}
