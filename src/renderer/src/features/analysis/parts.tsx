/** Small pieces the 分析 tabs share. */
import type { CoveredMonth } from '../../../../shared/contract/analysis';

/** The months of a view still open, in words for a chart's 未完成 mark; false when all are finalised. */
export function incompleteOf(months: readonly CoveredMonth[]): string | false {
  const open = months.filter((m) => !m.complete).map((m) => m.period);
  return open.length ? `${open.join('、')} 尚未归档，按已打分的人员计算` : false;
}

export function Loading({ loading, what = '正在计算…' }: { loading: boolean; what?: string }) {
  return <div className="card muted">{loading ? what : '没有读取到数据。'}</div>;
}
