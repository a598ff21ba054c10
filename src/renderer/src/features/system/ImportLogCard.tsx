/** 导入记录: every Excel import, who made it, what it wrote and the backup taken just before it. */
import { formatTimestamp } from '../../../../shared/domain/dates';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { SimpleTable } from '../../components/SimpleTable';

const KIND_LABELS: Record<string, string> = { roster: '人员导入', points: '积分导入', platform: '平台统计', evaluator: '考核表' };

export function ImportLogCard() {
  const { notifyError } = useAppState();
  const { data: entries } = useCall('io.importLog', {}, [], { onError: notifyError });
  return (
    <div className="card" style={{ marginTop: 16 }}>
      <h2 style={{ fontSize: 16, margin: '0 0 10px' }}>导入记录</h2>
      <SimpleTable label="导入记录" heads={['时间', '类型', '导入到', '文件', '新增', '变更', '无变化', '操作人', '导入前备份']} rows={entries ?? NONE} empty={entries ? '尚无导入' : '正在读取…'}>
        {(e) => (
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
        )}
      </SimpleTable>
    </div>
  );
}
