/**
 * 数据安全: what the background checks found (system.info's health): the newest checked backup and the space left,
 * warnings of a backup that failed, the last full check of the data file and of the records. On 首页 and 系统.
 */
import type { SystemInfo } from '../../../../shared/contract/system';
import { formatTimestamp } from '../../../../shared/domain/dates';

export function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The warnings of a store's health, in Chinese, most serious first; none when all is well. */
export function healthWarnings(info: SystemInfo): string[] {
  const h = info.health;
  const warnings: string[] = [];
  if (h.integrity && !h.integrity.ok) warnings.push(`数据文件未通过完整性检查（${formatTimestamp(h.integrity.checkedAt)}）：${h.integrity.problems.slice(0, 2).join('；')}`);
  if (h.records && !h.records.ok) warnings.push(`操作日志或归档数据与记录不符：${h.records.problems[0]?.message ?? ''}，请到“操作日志”查看`);
  if (h.backupWarning) warnings.push(h.backupWarning);
  if (h.secondBackupWarning) warnings.push(h.secondBackupWarning);
  if (!info.lastVerifiedBackup && info.lastBackup?.integrity !== 'pending') warnings.push('还没有校验通过的备份');
  if (info.freeBytes !== null && info.lastBackup && info.freeBytes < info.lastBackup.sizeBytes * 5) {
    warnings.push(`备份所在磁盘只剩 ${sizeText(info.freeBytes)}，不够再做几次备份，请清理磁盘`);
  }
  return warnings;
}

export function BackupHealth({ info }: { info: SystemInfo }) {
  const h = info.health;
  const warnings = healthWarnings(info);
  return (
    <div className="card backup-health" aria-label="数据安全">
      <h2 style={{ fontSize: 16, marginTop: 0 }}>数据安全</h2>
      {warnings.length > 0 ? (
        <ul className="warnings" role="alert">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : (
        <p className="ok-line">一切正常</p>
      )}
      <table className="simple" style={{ width: 'auto' }}>
        <tbody>
          <tr>
            <th>最近校验通过的备份</th>
            <td>{info.lastVerifiedBackup ? formatTimestamp(info.lastVerifiedBackup.createdAt) : '无'}</td>
          </tr>
          <tr>
            <th>备份磁盘剩余空间</th>
            <td>{info.freeBytes === null ? '未知' : sizeText(info.freeBytes)}</td>
          </tr>
          <tr>
            <th>第二备份文件夹</th>
            <td>{info.secondBackupDir ?? '未设置'}</td>
          </tr>
          <tr>
            <th>数据文件完整性检查</th>
            <td>{h.integrity ? `${formatTimestamp(h.integrity.checkedAt)} · ${h.integrity.ok ? '通过' : '未通过'}` : '尚未检查'}</td>
          </tr>
          <tr>
            <th>操作日志校验</th>
            <td>
              {h.records
                ? `${formatTimestamp(h.records.checkedAt)} · ${h.records.ok ? `完整 ✓（${h.records.auditRows} 条记录，${h.records.months} 个已归档月份）` : '发现问题'}`
                : '尚未校验'}
            </td>
          </tr>
          {h.running.length > 0 ? (
            <tr>
              <th>正在进行</th>
              <td>{h.running.join('、')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
