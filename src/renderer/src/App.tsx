import { useEffect, useState } from 'react';
import { ACCOUNT_ROLE_LABELS } from '../../shared/contract/accounts';
import { backupReasonLabel } from '../../shared/contract/system';
import { formatTimestamp } from '../../shared/domain/dates';
import { errorMessage } from './api/client';
import { AppStateProvider, useAppState } from './app-state';
import { AuditPage } from './features/audit/AuditPage';
import { AwardsPage } from './features/awards/AwardsPage';
import { HomePage } from './features/home/HomePage';
import { AssessmentsPage } from './features/assessments/AssessmentsPage';
import { NotYetPage } from './features/placeholder/NotYetPage';
import { PointsPage } from './features/points/PointsPage';
import { PrintView, usePrintRoute } from './features/reports/PrintView';
import { ReportsPage } from './features/reports/ReportsPage';
import { PeoplePage } from './features/people/PeoplePage';
import { SchemesPage } from './features/schemes/SchemesPage';
import { StarsPage } from './features/stars/StarsPage';
import { SystemPage } from './features/system/SystemPage';
import { AREAS, currentPath } from './routes';
import { SessionGate, useSession } from './session';

function useHashPath(): string {
  const [path, setPath] = useState(() => currentPath(window.location.hash));
  useEffect(() => {
    const onChange = () => setPath(currentPath(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
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

function Page({ path }: { path: string }) {
  switch (path) {
    case 'people':
      return <PeoplePage />;
    case 'schemes':
      return <SchemesPage />;
    case 'assessments':
      return <AssessmentsPage />;
    case 'points':
      return <PointsPage />;
    case 'stars':
      return <StarsPage />;
    case 'awards':
      return <AwardsPage />;
    case 'system':
      return <SystemPage />;
    case 'reports':
      return <ReportsPage />;
    case 'home':
      return <HomePage />;
    case 'audit':
      return <AuditPage />;
    default:
      return <NotYetPage area={AREAS.find((a) => a.path === path)!} />;
  }
}

export function App() {
  const path = useHashPath();
  const area = AREAS.find((a) => a.path === path);
  const print = usePrintRoute();
  const isPrint = print !== null;
  useEffect(() => {
    if (isPrint) return; // a report names its own document
    document.title = area ? `${area.label} - 网格考评` : '网格考评';
  }, [area, isPrint]);
  if (print) {
    return (
      <SessionGate>
        <AppStateProvider>
          <PrintView key={print.hash} route={print.route} />
        </AppStateProvider>
      </SessionGate>
    );
  }
  return (
    <SessionGate>
    <AppStateProvider>
      <div className="app">
        <nav className="nav" aria-label="主导航">
          <div className="nav-title">网格考评</div>
          {AREAS.map((a) => (
            <a key={a.path} href={`#/${a.path}`} className={a.path === path ? 'active' : undefined} aria-current={a.path === path ? 'page' : undefined}>
              {a.label}
              {a.built ? null : <span className="soon">建设中</span>}
            </a>
          ))}
        </nav>
        <main className="main">
          <Page path={path} />
        </main>
        <StatusBar />
      </div>
    </AppStateProvider>
    </SessionGate>
  );
}
