/** 星级评定: rate a period (preview, adjust, publish), the star roster as of a date, star grids, rule sets, 通报批评. */
import { useState } from 'react';
import { call } from '../../api/client';
import { NONE, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Tabs } from '../../components/Tabs';
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
  const { notifyError } = useAppState();
  const [tab, setTab] = useState<Tab>('run');
  const { data, refresh } = useLoad(() => Promise.all([call('stars.ruleSets', {}), call('stars.runs', {})]), [], { onError: notifyError });
  const ruleSets = data?.[0] ?? NONE;
  const runs = data?.[1] ?? NONE;

  return (
    <div className="page stars">
      <Tabs label="星级评定" tabs={TABS} value={tab} onChange={setTab} />
      {tab === 'run' ? <RunView ruleSets={ruleSets} runs={runs} onChanged={refresh} /> : null}
      {tab === 'roster' ? <RosterView /> : null}
      {tab === 'grids' ? <GridsView runs={runs} /> : null}
      {tab === 'rules' ? <RulesView ruleSets={ruleSets} onChanged={refresh} /> : null}
      {tab === 'discipline' ? <DisciplineView /> : null}
    </div>
  );
}
