/**
 * 数据恢复: shown instead of the app when the data file is refused (damaged, from a newer version, empty). It says
 * why, lists the backups that can be used, restores one in two clicks and opens the data folder. The refused file is
 * kept beside the data file; nothing is deleted.
 */
import { useState } from 'react';
import { backupReasonLabel, type BackupInfo } from '../../../../shared/contract/system';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { call, errorMessage } from '../../api/client';
import { openDataFolder } from '../../api/platform';
import { useCall } from '../../api/useCall';
import { Dialog } from '../../components/Dialog';
import { SimpleTable } from '../../components/SimpleTable';
import { sizeText } from '../system/BackupHealth';

const INTEGRITY_LABELS: Record<BackupInfo['integrity'], string> = { ok: '已校验', pending: '待校验', unknown: '恢复时校验', failed: '未通过' };

export function RecoveryPage() {
  const { data: status, error, refresh } = useCall('recovery.status', {});
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [folderNote, setFolderNote] = useState('');

  const restore = async (b: BackupInfo) => {
    setBusy(true);
    setRestoreError(null);
    try {
      await call('recovery.restore', { fileName: b.fileName });
      window.location.reload(); // the store is in use again: the app starts as usual
    } catch (e) {
      setRestoreError(errorMessage(e));
      await refresh();
    } finally {
      setBusy(false);
    }
  };
  const showFolder = async () => {
    if (!status) return;
    const opened = await openDataFolder();
    setFolderNote(opened ? '' : `请在文件管理器中打开：${status.dataDir}`);
  };

  return (
    <div className="page recovery-page" aria-label="数据恢复">
      <h1>数据恢复</h1>
      <div className="card recovery-problem" role="alert">
        <h2>数据文件无法使用，程序没有使用它</h2>
        <p>{status?.problem?.message ?? error ?? '正在读取…'}</p>
        <p className="muted">
          可以从下面的备份中选一份恢复：恢复前会先检查备份是否完好，当前无法使用的数据文件会原样另存在数据文件夹中，不会删除。
          {status?.problem?.code === 'DB_TOO_NEW' ? '如果数据文件来自更新版本的网格考评，更好的办法是安装新版本的程序。' : ''}
        </p>
        <p>
          数据文件夹：<code>{status?.dataDir ?? ''}</code>{' '}
          <button type="button" className="btn" onClick={() => void showFolder()} disabled={!status}>
            打开数据文件夹
          </button>
        </p>
        {folderNote ? <p className="muted">{folderNote}</p> : null}
      </div>
      <div className="card">
        <h2 style={{ fontSize: 16, marginTop: 0 }}>可用的备份</h2>
        <SimpleTable
          label="可用的备份"
          heads={['备份时间', '类型', '大小', '校验', '']}
          rows={status?.backups ?? []}
          empty={status ? `备份文件夹（${status.backupDir}）中没有可用的备份，请联系技术支持` : '正在读取…'}
        >
          {(b, i) => (
            <tr key={b.fileName}>
              <td>{formatTimestamp(b.createdAt)}</td>
              <td>{backupReasonLabel(b.reason)}</td>
              <td>{sizeText(b.sizeBytes)}</td>
              <td>{INTEGRITY_LABELS[b.integrity]}</td>
              <td>
                <button type="button" className={i === 0 ? 'btn primary' : 'btn'} onClick={() => setChosen(b)} disabled={busy}>
                  用此备份恢复
                </button>
              </td>
            </tr>
          )}
        </SimpleTable>
      </div>
      {chosen ? (
        <Dialog
          title="用备份恢复数据"
          submitLabel={busy ? '正在恢复…' : '恢复'}
          busy={busy}
          error={restoreError}
          onClose={() => setChosen(null)}
          onSubmit={() => restore(chosen)}
        >
          <p>
            将使用 {formatTimestamp(chosen.createdAt)} 的{backupReasonLabel(chosen.reason)}恢复数据。此后录入的内容需要重新录入。
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}
