/** Picks the report of a print route ('#/print/<report>?…'). */
import { useEffect, useState } from 'react';
import { CertificatePrint } from './CertificatePrint';
import { CommendationPrint } from './CommendationPrint';
import { MonthSummaryPrint } from './MonthSummaryPrint';
import { PointsRankingPrint } from './PointsRankingPrint';
import { idParam, printRouteOf, type PrintRoute } from './print-routes';
import { RankingPrint } from './RankingPrint';
import { ScoreCardPrint } from './ScoreCardPrint';
import { StarRosterPrint } from './StarRosterPrint';

export function PrintView({ route }: { route: PrintRoute }) {
  const monthId = idParam(route.params, 'monthId');
  switch (route.report) {
    case 'month-summary':
      if (monthId) return <MonthSummaryPrint monthId={monthId} unitId={idParam(route.params, 'unitId')} />;
      break;
    case 'score-card': {
      const personId = idParam(route.params, 'personId');
      if (monthId && personId) return <ScoreCardPrint monthId={monthId} personId={personId} />;
      break;
    }
    case 'commendation': {
      const batchId = idParam(route.params, 'batchId');
      if (batchId) return <CommendationPrint batchId={batchId} order={route.params.get('order') === 'custom' ? 'custom' : 'stroke'} />;
      break;
    }
    case 'points-ranking': {
      const kind = route.params.get('kind');
      if (kind === 'month' || kind === 'quarter' || kind === 'year' || kind === 'all') {
        return <PointsRankingPrint kind={kind} period={route.params.get('period') ?? ''} unitId={idParam(route.params, 'unitId')} />;
      }
      break;
    }
    case 'ranking':
      if (monthId) return <RankingPrint monthId={monthId} unitId={idParam(route.params, 'unitId')} groupBy={route.params.get('groupBy') === 'role' ? 'role' : 'community'} />;
      break;
    case 'star-roster': {
      const runId = idParam(route.params, 'runId');
      if (runId) return <StarRosterPrint runId={runId} unitId={idParam(route.params, 'unitId')} />;
      break;
    }
    case 'certificate': {
      const batchId = idParam(route.params, 'batchId');
      if (batchId) return <CertificatePrint batchId={batchId} />;
      break;
    }
  }
  return (
    <div className="page">
      <h1>报表</h1>
      <p>没有这张报表，或缺少参数。</p>
      <a href="#/reports">返回报表</a>
    </div>
  );
}

/** The print route in the address bar, or null (then the app shows its pages). */
export function usePrintRoute(): { route: PrintRoute; hash: string } | null {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const route = printRouteOf(hash);
  return route ? { route, hash } : null;
}
