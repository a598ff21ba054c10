/** 表彰记录: a person's published awards, shown in the roster's person dialog under 任职经历. */
import { useEffect, useState } from 'react';
import type { PersonAward } from '../../../../shared/contract/awards';
import { awardLevelLabel } from '../../../../shared/domain/awards';
import { call } from '../../api/client';

export function PersonAwards({ personId }: { personId: number }) {
  const [awards, setAwards] = useState<PersonAward[] | null>(null);
  useEffect(() => {
    let live = true;
    call('awards.personAwards', { personId }).then(
      (list) => live && setAwards(list),
      () => live && setAwards([]),
    );
    return () => {
      live = false;
    };
  }, [personId]);
  if (awards === null) return null;
  return (
    <div style={{ marginTop: 14 }}>
      <div style={{ fontWeight: 600, marginBottom: 6 }}>表彰记录</div>
      {awards.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          暂无表彰记录
        </p>
      ) : (
        <table className="simple" aria-label="表彰记录">
          <thead>
            <tr>
              <th>表彰日期</th>
              <th>表彰名称</th>
              <th>级别</th>
              <th>发文单位</th>
              <th>事迹</th>
            </tr>
          </thead>
          <tbody>
            {awards.map((a) => (
              <tr key={a.batchId}>
                <td>{a.date}</td>
                <td>{a.name}</td>
                <td>{awardLevelLabel(a.level)}</td>
                <td>{a.issuer}</td>
                <td>{a.deeds}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
