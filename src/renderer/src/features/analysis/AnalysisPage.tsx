/**
 * 分析: how each community is doing, which criteria are weak where, whether the evaluators are fair, one person's
 * record on one page, and what a rule change would do. Filters: months from–to, scheme, community, role. A link
 * (`#/analysis?tab=person&person=12`) opens a tab with its choice made.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AnalysisFilter } from '../../../../shared/contract/analysis';
import { call } from '../../api/client';
import { NONE, useCall, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { communitiesOf, CommunitySelect } from '../../components/CommunitySelect';
import { FilterSelect } from '../../components/Select';
import { Tabs } from '../../components/Tabs';
import { ANALYSIS_TABS, analysisHref, hashParams, idParam, type AnalysisTab } from '../../hash-params';
import { useSession } from '../../session';
import { CompareView } from './CompareView';
import { CriteriaView } from './CriteriaView';
import { EvaluatorsView } from './EvaluatorsView';
import { PersonView } from './PersonView';
import { WhatIfView } from './WhatIfView';

const TAB_TITLES: Record<AnalysisTab, string> = { compare: '社区对比', criteria: '指标', evaluators: '考核人', person: '个人档案', whatif: '模拟测算' };
/** Months shown by default: the last year. */
const DEFAULT_SPAN = 12;

/** The hash's query: a link to another tab or person while the page is open starts it afresh. */
function useHashQuery(): string {
  const read = () => hashParams().toString();
  const [query, setQuery] = useState(read);
  useEffect(() => {
    const onChange = () => setQuery(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return query;
}

export function AnalysisPage() {
  const query = useHashQuery();
  return <AnalysisBody key={query} params={new URLSearchParams(query)} />;
}

function AnalysisBody({ params }: { params: URLSearchParams }) {
  const { notifyError } = useAppState();
  const { me } = useSession();
  const scopeUnitIds = me.role === 'evaluator' && me.accountId !== null ? me.unitIds : null;
  const tabs = useMemo(() => ANALYSIS_TABS.filter((t) => t !== 'whatif' || me.role !== 'evaluator').map((t) => [t, TAB_TITLES[t]] as const), [me.role]);
  const asked = params.get('tab');
  const [tab, setTab] = useState<AnalysisTab>(tabs.find(([t]) => t === asked)?.[0] ?? 'compare');
  const [personId, setPersonId] = useState<number | null>(idParam(params, 'person'));
  const [schemeId, setSchemeId] = useState<number | null>(idParam(params, 'scheme'));
  const [unitId, setUnitId] = useState<number | null>(idParam(params, 'unit'));
  const [role, setRole] = useState<string | null>(null);
  const [range, setRange] = useState<{ from: string | null; to: string | null }>({ from: params.get('from'), to: params.get('to') });

  // the address keeps the tab and the person, so a reload (or 返回) comes back to them
  useEffect(() => {
    const href = analysisHref({ tab, person: tab === 'person' ? personId : null });
    if (window.location.hash !== href) window.history.replaceState(null, '', href);
  }, [tab, personId]);

  const { data: base } = useLoad(() => Promise.all([call('schemes.list', {}), call('org.tree', {})]), [], {
    onError: notifyError,
    onData: ([schemes]) => setSchemeId((id) => id ?? schemes.find((s) => s.publishedVersion !== null && s.months > 0)?.id ?? schemes[0]?.id ?? null),
  });
  const schemes = useMemo(() => (base?.[0] ?? NONE).filter((s) => s.publishedVersion !== null), [base]);
  const scheme = schemes.find((s) => s.id === schemeId) ?? null;
  const units = base?.[1] ?? NONE;
  const communities = useMemo(() => (scopeUnitIds ? units.filter((u) => scopeUnitIds.includes(u.id)) : communitiesOf(units)), [units, scopeUnitIds]);

  const { data: monthList } = useCall('assessments.months', schemeId === null ? null : { schemeId }, [], {
    onError: notifyError,
    onData: (list) => {
      const periods = [...new Set(list.map((m) => m.period))].sort();
      setRange((r) => {
        if (r.from && r.to && periods.includes(r.from) && periods.includes(r.to)) return r;
        const to = periods.at(-1) ?? null;
        return { from: periods[Math.max(0, periods.length - DEFAULT_SPAN)] ?? null, to };
      });
    },
  });
  const months = monthList ?? NONE;
  const periods = useMemo(() => [...new Set(months.map((m) => m.period))].sort(), [months]);

  const filter = useMemo<AnalysisFilter | null>(
    () => (schemeId !== null && range.from && range.to && range.from <= range.to ? { schemeId, from: range.from, to: range.to, unitId, role } : null),
    [schemeId, range, unitId, role],
  );
  const unitName = unitId === null ? (scopeUnitIds ? '本人负责的单位' : '全街道') : (units.find((u) => u.id === unitId)?.name ?? '');
  const scope = filter ? [scheme?.name, `${filter.from} 至 ${filter.to}`, unitName, role].filter(Boolean).join(' · ') : '';
  const openInRange = filter ? months.filter((m) => m.period >= filter.from && m.period <= filter.to && m.status === 'open').map((m) => m.period) : [];

  const showFilters = tab !== 'person';
  const showRange = tab === 'compare' || tab === 'criteria' || tab === 'evaluators';
  const periodChoices = periods.map((p) => ({ value: p, label: p }));
  return (
    <div className="page analysis">
      <Tabs label="分析" tabs={tabs} value={tab} onChange={setTab}>
        <span className="grow" />
      </Tabs>
      {showFilters ? (
        <div className="toolbar card analysis-filters" role="group" aria-label="筛选">
          <FilterSelect
            label="考核方案"
            choices={schemes.map((s) => ({ value: s.id, label: s.name }))}
            value={schemeId}
            onChange={(id) => {
              setSchemeId(id);
              setRole(null);
            }}
            none={schemes.length === 0 ? '（没有已发布的方案）' : null}
          />
          {showRange ? (
            <>
              <FilterSelect label="从" choices={periodChoices} value={range.from} onChange={(from) => setRange((r) => ({ ...r, from }))} none={periods.length ? null : '（无月份）'} />
              <FilterSelect label="至" choices={periodChoices} value={range.to} onChange={(to) => setRange((r) => ({ ...r, to }))} none={periods.length ? null : '（无月份）'} />
            </>
          ) : null}
          <CommunitySelect label="社区" communities={communities} value={unitId} onChange={setUnitId} allLabel={scopeUnitIds ? '全部（本人负责）' : '全部'} />
          {showRange && scheme && scheme.roles.length > 1 ? (
            <FilterSelect label="岗位" choices={scheme.roles.map((r) => ({ value: r, label: r }))} value={role} onChange={setRole} />
          ) : null}
          {showRange && range.from && range.to && range.from > range.to ? <span className="error-text">结束月份不能早于开始月份</span> : null}
          {showRange && openInRange.length ? <span className="badge draft">含未归档月份：{openInRange.join('、')}</span> : null}
        </div>
      ) : null}
      {showRange && schemeId !== null && monthList && periods.length === 0 ? (
        <div className="card muted">这个方案还没有考核月份：请先到“月度考核”开启月份并打分。</div>
      ) : null}
      {tab === 'compare' && filter ? <CompareView filter={filter} scope={scope} /> : null}
      {tab === 'criteria' && filter ? <CriteriaView filter={filter} scope={scope} /> : null}
      {tab === 'evaluators' && filter ? <EvaluatorsView filter={filter} scope={scope} /> : null}
      {tab === 'person' ? <PersonView personId={personId} onPick={setPersonId} /> : null}
      {tab === 'whatif' && scheme ? <WhatIfView scheme={scheme} months={months} unitId={unitId} /> : null}
    </div>
  );
}
