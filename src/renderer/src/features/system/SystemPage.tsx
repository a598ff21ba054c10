import { useState } from 'react';
import { backupReasonLabel, type BackupInfo } from '../../../../shared/contract/system';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { call, errorMessage } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Dialog } from '../../components/Dialog';
import { SimpleTable } from '../../components/SimpleTable';
import { useSession } from '../../session';
import { AccountsCard } from '../accounts/AccountsCard';
import { StreetIdentityCard } from '../district/StreetIdentityCard';
import { ReportSettingsCard } from '../reports/ReportSettingsCard';
import { BackupHealth, sizeText } from './BackupHealth';
import { HelpCard } from './HelpCard';
import { ImportLogCard } from './ImportLogCard';
import { LanCard } from './LanCard';
import { SecondBackupDir } from './SecondBackupDir';

const INTEGRITY_LABELS: Record<BackupInfo['integrity'], string> = { ok: '通过', pending: '校验中', unknown: '未校验', failed: '未通过' };

export function SystemPage() {
  const { info, refreshInfo, notify, notifyError } = useAppState();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const { data: backups, refresh: load } = useCall('system.listBackups', {}, [], { onError: notifyError });
  const backupNow = async () => {
    setBusy(true);
    try {
      const b = await call('system.backupNow', {});
      notify(`已备份：${b.fileName}（完整性校验在后台进行）`);
      await Promise.all([load(), refreshInfo()]);
    } catch (e) {
      notify(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const restore = async (b: BackupInfo) => {
    setBusy(true);
    setRestoreError(null);
    try {
      const r = await call('system.restoreBackup', { fileName: b.fileName });
      setRestoring(null);
      notify(`已恢复到 ${formatTimestamp(b.createdAt)} 的备份；恢复前的数据已另存为 ${r.safety.fileName}`);
      await Promise.all([load(), refreshInfo()]);
    } catch (e) {
      setRestoreError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <h1>系统</h1>
      <div className="card" style={{ marginBottom: 16 }}>
        <table className="simple" style={{ width: 'auto' }}>
          <tbody>
            <tr>
              <th>数据文件</th>
              <td>{info?.dataFile}</td>
            </tr>
            <tr>
              <th>数据版本</th>
              <td>{info?.schemaVersion}</td>
            </tr>
            <tr>
              <th>程序版本</th>
              <td>{info?.appVersion}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <HelpCard />
      {info ? <BackupHealth info={info} /> : null}
      {me.role === 'admin' ? <AccountsCard /> : null}
      {me.role === 'admin' ? <LanCard /> : null}
      {me.role === 'admin' ? <StreetIdentityCard /> : null}
      <ReportSettingsCard />
      <div className="card">
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 10 }}>
          <h2 style={{ fontSize: 16, margin: 0 }}>备份</h2>
          <span className="muted">每天自动备份一次，保留今天的全部、此前12天每天一份、10周每周一份、9个月每月一份，其他备份各保留最近10份；每份备份都做完整性校验。</span>
          <button type="button" className="btn primary" style={{ marginLeft: 'auto' }} onClick={() => void backupNow()} disabled={busy}>
            {busy ? '正在备份…' : '立即备份'}
          </button>
        </div>
        <SimpleTable label="备份列表" heads={['时间', '类型', '大小', '校验', '文件', '']} rows={backups ?? NONE} empty={backups ? '尚无备份' : '正在读取…'}>
          {(b) => (
            <tr key={b.fileName}>
              <td>{formatTimestamp(b.createdAt)}</td>
              <td>{backupReasonLabel(b.reason)}</td>
              <td>{sizeText(b.sizeBytes)}</td>
              <td className={b.integrity === 'failed' ? 'error-text' : undefined}>{INTEGRITY_LABELS[b.integrity]}</td>
              <td title={b.file}>{b.fileName}</td>
              <td>
                <button type="button" className="btn small" aria-label={`恢复 ${formatTimestamp(b.createdAt)} 的备份`} onClick={() => setRestoring(b)}>
                  恢复
                </button>
              </td>
            </tr>
          )}
        </SimpleTable>
        {me.role === 'admin' ? <SecondBackupDir current={info?.secondBackupDir ?? null} onSaved={() => void refreshInfo()} /> : null}
      </div>
      <ImportLogCard />
      {restoring ? (
        <Dialog
          title="恢复备份"
          submitLabel="确定恢复"
          busy={busy}
          error={restoreError}
          onClose={() => setRestoring(null)}
          onSubmit={() => restore(restoring)}
        >
          <p>
            把数据恢复到 <strong>{formatTimestamp(restoring.createdAt)}</strong>（{backupReasonLabel(restoring.reason)}）时的状态？
          </p>
          <p className="muted">
            此后录入的数据会被替换，账号和密码也回到备份时的状态，所有人需要重新登录（备份早于建立账号时，恢复后不再要求登录）。
            恢复前程序会先把当前数据另存为“恢复前备份”，需要时可以再恢复回来。
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}
