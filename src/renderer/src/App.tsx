import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { ACCOUNT_ROLE_LABELS } from '../../shared/domain/accounts';
import { backupReasonLabel } from '../../shared/domain/backups';
import { formatTimestamp } from '../../shared/domain/dates';
import { errorMessage, RECOVERY_EVENT } from './api/client';
import { AppStateProvider, useAppState } from './app-state';
import { PageLoading } from './components/PageLoading';
import { HomePage } from './features/home/HomePage';
import { printRouteOf } from './features/reports/print-routes';
import { AREAS, currentPath } from './routes';
import { SessionGate, useSession } from './session';

/** Each area's page is its own chunk, read the first time the area is opened; 首页 comes with the app. */
const PAGES: Record<string, ComponentType> = {
  home: HomePage,
  people: lazy(() => import('./features/people/PeoplePage').then((m) => ({ default: m.PeoplePage }))),
  schemes: lazy(() => import('./features/schemes/SchemesPage').then((m) => ({ default: m.SchemesPage }))),
  assessments: lazy(() => import('./features/assessments/AssessmentsPage').then((m) => ({ default: m.AssessmentsPage }))),
  periods: lazy(() => import('./features/periods/PeriodsPage').then((m) => ({ default: m.PeriodsPage }))),
  points: lazy(() => import('./features/points/PointsPage').then((m) => ({ default: m.PointsPage }))),
  stars: lazy(() => import('./features/stars/StarsPage').then((m) => ({ default: m.StarsPage }))),
  awards: lazy(() => import('./features/awards/AwardsPage').then((m) => ({ default: m.AwardsPage }))),
  appeals: lazy(() => import('./features/appeals/AppealsPage').then((m) => ({ default: m.AppealsPage }))),
  reports: lazy(() => import('./features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage }))),
  analysis: lazy(() => import('./features/analysis/AnalysisPage').then((m) => ({ default: m.AnalysisPage }))),
  audit: lazy(() => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage }))),
  system: lazy(() => import('./features/system/SystemPage').then((m) => ({ default: m.SystemPage }))),
};
const PrintView = lazy(() => import('./features/reports/PrintView').then((m) => ({ default: m.PrintView })));
const RecoveryPage = lazy(() => import('./features/recovery/RecoveryPage').then((m) => ({ default: m.RecoveryPage })));

/** Whether the data file is out of use: once a call says so, the app shows 数据恢复 until the page is reloaded. */
function useRecovery(): boolean {
  const [recovering, setRecovering] = useState(false);
  useEffect(() => {
    const onRecovery = () => setRecovering(true);
    window.addEventListener(RECOVERY_EVENT, onRecovery);
    return () => window.removeEventListener(RECOVERY_EVENT, onRecovery);
  }, []);
  return recovering;
}

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function UserStatus() {
  const { me, loginRequired, logout } = useSession();
  const { notify } = useAppState();
  if (!loginRequired) return null;
  return (
    <span className="status-user" aria-label="当前用户">
      当前用户：{me.displayName}（{ACCOUNT_ROLE_LABELS[me.role]}）
      <button type="button" className="btn" onClick={() => void logout().catch((e: unknown) => notify(errorMessage(e), 'error'))}>
        退出登录
      </button>
    </span>
  );
}

function StatusBar() {
  const { info } = useAppState();
  if (!info) return <footer className="status-bar">正在连接数据文件…</footer>;
  const backup = info.lastBackup;
  return (
    <footer className="status-bar" aria-label="状态栏">
      <span title={info.dataFile}>数据文件：{info.dataFile}</span>
      <span>
        最近备份：
        {backup ? `${formatTimestamp(backup.createdAt)}（${backupReasonLabel(backup.reason)}）` : '尚无备份'}
      </span>
      <span>今天：{info.today}</span>
      <span>版本 {info.appVersion}</span>
      <UserStatus />
    </footer>
  );
}

export function App() {
  const hash = useHash();
  const path = currentPath(hash);
  const area = AREAS.find((a) => a.path === path);
  const print = printRouteOf(hash);
  const isPrint = print !== null;
  const recovering = useRecovery();
  useEffect(() => {
    if (isPrint) return; // a report names its own document
    document.title = recovering ? '数据恢复 - 网格考评' : area ? `${area.label} - 网格考评` : '网格考评';
  }, [area, isPrint, recovering]);
  if (recovering) {
    return (
      <Suspense fallback={<PageLoading />}>
        <RecoveryPage />
      </Suspense>
    );
  }
  if (print) {
    return (
      <SessionGate>
        <AppStateProvider>
          <Suspense fallback={<PageLoading />}>
            <PrintView key={hash} route={print} />
          </Suspense>
        </AppStateProvider>
      </SessionGate>
    );
  }
  const Page = PAGES[path] ?? HomePage;
  return (
    <SessionGate>
      <AppStateProvider>
        <div className="app">
          <nav className="nav" aria-label="主导航">
            <div className="nav-title">网格考评</div>
            {AREAS.map((a) => (
              <a key={a.path} href={`#/${a.path}`} className={a.path === path ? 'active' : undefined} aria-current={a.path === path ? 'page' : undefined}>
                {a.label}
              </a>
            ))}
          </nav>
          <main className="main">
            <Suspense fallback={<PageLoading />}>
              <Page />
            </Suspense>
          </main>
          <StatusBar />
        </div>
      </AppStateProvider>
    </SessionGate>
  );
}
