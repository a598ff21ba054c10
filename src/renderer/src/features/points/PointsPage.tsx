/** 积分: quick entry, the ledger with 冲销, leaderboards by period, the rule catalogue, Excel import and platform statistics. */
import { useCallback, useMemo, useState } from 'react';
import { call } from '../../api/client';
import { NONE, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { communitiesOf } from '../../components/CommunitySelect';
import { Tabs } from '../../components/Tabs';
import { Leaderboard } from './Leaderboard';
import { PlatformView } from './PlatformView';
import { PointsImportDialog } from './PointsImport';
import { LedgerView } from './LedgerView';
import { QuickEntry } from './QuickEntry';
import { RulesView } from './RulesView';

type Tab = 'entry' | 'ledger' | 'ranking' | 'rules' | 'platform';
const TABS: [Tab, string][] = [
  ['entry', '快速录入'],
  ['ledger', '积分台账'],
  ['ranking', '积分排行'],
  ['rules', '积分规则'],
  ['platform', '平台统计'],
];

export function PointsPage() {
  const { info, notifyError } = useAppState();
  const today = info?.today ?? '';
  const [tab, setTab] = useState<Tab>('entry');
  // Bumped by every change, so each tab reads afresh.
  const [version, setVersion] = useState(0);
  const [importing, setImporting] = useState(false);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const { data } = useLoad(() => Promise.all([call('points.rules', {}), call('org.tree', {})]), [version], { onError: notifyError });
  const rules = data?.[0] ?? NONE;
  const units = data?.[1] ?? NONE;
  const communities = useMemo(() => communitiesOf(units), [units]);

  return (
    <div className="page months points">
      <Tabs label="积分" tabs={TABS} value={tab} onChange={setTab}>
        <span className="grow" />
        <button type="button" className="btn" onClick={() => setImporting(true)}>
          导入Excel…
        </button>
      </Tabs>
      {/* Kept while another tab is open: a half-entered batch is not lost by a look at the ranking. */}
      {today ? <QuickEntry rules={rules} units={units} today={today} onPosted={changed} hidden={tab !== 'entry'} /> : null}
      {tab === 'ledger' ? <LedgerView rules={rules} communities={communities} version={version} onChanged={changed} /> : null}
      {tab === 'ranking' ? <Leaderboard communities={communities} today={today} version={version} /> : null}
      {tab === 'rules' ? <RulesView rules={rules} today={today} onChanged={changed} /> : null}
      {tab === 'platform' ? <PlatformView rules={rules} today={today} onChanged={changed} /> : null}
      {importing ? (
        <PointsImportDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            changed();
          }}
        />
      ) : null}
    </div>
  );
}
