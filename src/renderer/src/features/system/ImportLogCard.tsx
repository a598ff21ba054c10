/** 导入记录: every Excel import, who made it, what it wrote and the backup taken just before it. */
import { useEffect, useState } from 'react';
import type { ImportLogEntry } from '../../../../shared/contract/io';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { call, errorMessage } from '../../api/client';
import { useAppState } from '../../app-state';

const KIND_LABELS: Record<string, string> = { roster: '人员导入', points: '积分导入', platform: '平台统计', evaluator: '考核表' };

export function ImportLogCard() {
  const { notify } = useAppState();
  const [entries, setEntries] = useState<ImportLogEntry[]>([]);
  useEffect(() => {
    call('io.importLog', {}).then(setEntries, (e: unknown) => notify(errorMessage(e), 'error'));
  }, [notify]);
  return (
    <div className="card" style={{ marginTop: 16 }}>
      <h2 style={{ fontSize: 16, margin: '0 0 10px' }}>导入记录</h2>
      <table className="simple" aria-label="导入记录">
        <thead>
          <tr>
            <th>时间</th>
            <th>类型</th>
            <th>导入到</th>
            <th>文件</th>
            <th>新增</th>
            <th>变更</th>
            <th>无变化</th>
            <th>操作人</th>
            <th>导入前备份</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={9} className="muted">
                尚无导入
              </td>
            </tr>
          ) : (
            entries.map((e) => (
              <tr key={e.id}>
                <td>{formatTimestamp(e.at)}</td>
                <td>{KIND_LABELS[e.kind] ?? e.kind}</td>
                <td>{e.target}</td>
                <td>{e.fileName}</td>
                <td>{e.newRows}</td>
                <td>{e.changedRows}</td>
                <td>{e.sameRows}</td>
                <td>{e.actor}</td>
                <td>{e.backupFile}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
