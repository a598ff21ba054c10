/** 表彰记录: a person's published awards, shown in the roster's person dialog under 任职经历. */
import { awardLevelLabel } from '../../../../shared/domain/awards';
import { NONE, useCall } from '../../api/useCall';
import { SimpleTable } from '../../components/SimpleTable';

export function PersonAwards({ personId }: { personId: number }) {
  const { data, error } = useCall('awards.personAwards', { personId });
  // a failure shows as no awards: the dialog around is about the person, not the awards
  const awards = data ?? (error ? NONE : null);
  if (awards === null) return null;
  return (
    <div style={{ marginTop: 14 }}>
      <div style={{ fontWeight: 600, marginBottom: 6 }}>表彰记录</div>
      {awards.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          暂无表彰记录
        </p>
      ) : (
        <SimpleTable label="表彰记录" heads={['表彰日期', '表彰名称', '级别', '发文单位', '事迹']} rows={awards}>
          {(a) => (
            <tr key={a.batchId}>
              <td>{a.date}</td>
              <td>{a.name}</td>
              <td>{awardLevelLabel(a.level)}</td>
              <td>{a.issuer}</td>
              <td>{a.deeds}</td>
            </tr>
          )}
        </SimpleTable>
      )}
    </div>
  );
}
