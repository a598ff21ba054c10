/** 星级评定: rate a period (preview, adjust, publish), the star roster as of a date, star grids, rule sets, 通报批评. */
import { useCallback, useEffect, useState } from 'react';
import type { StarRuleSet, StarRunSummary } from '../../../../shared/contract/stars';
import { call, errorMessage } from '../../api/client';
import { useAppState } from '../../app-state';
import { DisciplineView } from './DisciplineView';
import { GridsView } from './GridsView';
import { RosterView } from './RosterView';
import { RulesView } from './RulesView';
import { RunView } from './RunView';

type Tab = 'run' | 'roster' | 'grids' | 'rules' | 'discipline';

const TABS: [Tab, string][] = [
  ['run', '评定'],
  ['roster', '星级名册'],
  ['grids', '星级网格'],
  ['rules', '规则'],
  ['discipline', '通报批评记录'],
];

export function StarsPage() {
  const { notify } = useAppState();
  const [tab, setTab] = useState<Tab>('run');
  const [ruleSets, setRuleSets] = useState<StarRuleSet[]>([]);
  const [runs, setRuns] = useState<StarRunSummary[]>([]);

  const reload = useCallback(async () => {
    try {
      const [r, s] = await Promise.all([call('stars.ruleSets', {}), call('stars.runs', {})]);
      setRuleSets(r);
      setRuns(s);
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  }, [notify]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="page stars">
      <div className="tabs" role="tablist" aria-label="星级评定">
        {TABS.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'run' ? <RunView ruleSets={ruleSets} runs={runs} onChanged={reload} /> : null}
      {tab === 'roster' ? <RosterView /> : null}
      {tab === 'grids' ? <GridsView runs={runs} /> : null}
      {tab === 'rules' ? <RulesView ruleSets={ruleSets} onChanged={reload} /> : null}
      {tab === 'discipline' ? <DisciplineView /> : null}
    </div>
  );
}
