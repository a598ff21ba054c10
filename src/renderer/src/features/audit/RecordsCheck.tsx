/**
 * 校验完整性: walks the whole audit chain and every finalised month now, and says 完整 ✓, or the first row or month
 * that is not as the app wrote it and what the row now claims. The last result comes with the page (system.info).
 */
import { useState } from 'react';
import type { RecordsCheck as Check } from '../../../../shared/contract/audit';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { call, errorMessage } from '../../api/client';
import { useAppState } from '../../app-state';

export function RecordsCheck() {
  const { info, refreshInfo } = useAppState();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Check | null>(null);
  const check = fresh ?? info?.health.records ?? null;
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setFresh(await call('audit.verify', {}));
      await refreshInfo();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="toolbar card records-check" aria-label="完整性校验" role="status">
      <button type="button" className="btn" onClick={() => void verify()} disabled={busy}>
        {busy ? '正在校验…' : '校验完整性'}
      </button>
      {error ? <span className="error-text">{error}</span> : null}
      {check ? (
        check.ok ? (
          <span>
            完整 ✓ 共 {check.auditRows} 条记录、{check.months} 个已归档月份，均与写入时一致（{formatTimestamp(check.checkedAt)} 校验）
          </span>
        ) : (
          <span className="broken">
            ✗ {check.problems[0]!.message}
            {check.problems[0]!.claimed ? `；该条现在记载：${check.problems[0]!.claimed}` : ''}
            {check.problems.length > 1 ? `（另有 ${check.problems.length - 1} 处）` : ''}
          </span>
        )
      ) : (
        <span className="muted">每次启动和备份后会在后台校验操作日志和已归档月份是否被改动过</span>
      )}
    </div>
  );
}
