import type { Area } from '../../routes';

/** An area not built yet says so plainly, and what it will do. */
export function NotYetPage({ area }: { area: Area }) {
  return (
    <div className="page">
      <h1>{area.label}</h1>
      <div className="card placeholder">
        <p>
          <strong>“{area.label}”功能尚未开放</strong>，将在后续版本中提供。
        </p>
        <p className="muted">{area.plan}</p>
        <p className="muted">目前可以使用：组织人员、考核方案、月度考核、系统。</p>
      </div>
    </div>
  );
}
