/** 积分: quick entry, the ledger with 冲销, leaderboards by period, the rule catalogue, Excel import and platform statistics. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { UnitNode } from '../../../../shared/contract/org';
import type { PointRule } from '../../../../shared/contract/points';
import { call, errorMessage } from '../../api/client';
import { useAppState } from '../../app-state';
import { Leaderboard } from './Leaderboard';
import { PlatformView } from './PlatformView';
import { PointsImportDialog } from './PointsImport';
import { LedgerView } from './LedgerView';
import { QuickEntry } from './QuickEntry';
import { RulesView } from './RulesView';

const TABS = { entry: '快速录入', ledger: '积分台账', ranking: '积分排行', rules: '积分规则', platform: '平台统计' } as const;
type Tab = keyof typeof TABS;

export function PointsPage() {
  const { info, notify } = useAppState();
  const today = info?.today ?? '';
  const [tab, setTab] = useState<Tab>('entry');
  const [rules, setRules] = useState<PointRule[]>([]);
  const [units, setUnits] = useState<UnitNode[]>([]);
  // Bumped by every change, so each tab reads afresh.
  const [version, setVersion] = useState(0);
  const [importing, setImporting] = useState(false);
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    void Promise.all([call('points.rules', {}), call('org.tree', {})]).then(
      ([r, u]) => {
        setRules(r);
        setUnits(u);
      },
      (e: unknown) => notify(errorMessage(e), 'error'),
    );
  }, [notify, version]);

  const communities = useMemo(() => {
    const root = units.find((u) => u.parentId === null);
    return units.filter((u) => root && u.parentId === root.id && !u.retiredOn);
  }, [units]);

  return (
    <div className="page months points">
      <div className="tabs" role="tablist" aria-label="积分">
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {TABS[t]}
          </button>
        ))}
        <span className="grow" />
        <button type="button" className="btn" onClick={() => setImporting(true)}>
          导入Excel…
        </button>
      </div>
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
