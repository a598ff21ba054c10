/** 报表: the printable reports with their parameters; each opens its print route (A4 preview, 打印, PDF, Excel). */
import { useEffect, useMemo, useState } from 'react';
import type { MonthSummary, ResultRow } from '../../../../shared/contract/assessments';
import type { UnitNode } from '../../../../shared/contract/org';
import { strokeComparator } from '../../../../shared/domain/stroke-order';
import { call, errorMessage } from '../../api/client';
import { canPrintToPdf } from '../../api/platform';
import { useAppState } from '../../app-state';
import { printHref } from './print-routes';

/** Reports that come with the awards area, said plainly. */
const LATER = [
  { name: '排名表', what: '按单位、岗位列出一段时期的平均分和名次' },
  { name: '积分排行榜', what: '按月、季、年列出积分余额和名次' },
  { name: '星级名册', what: '按评定期列出一至五星人员' },
  { name: '表彰名单', what: '按表彰批次、单位列出受表彰人员，公文格式，姓氏笔画排序' },
  { name: '荣誉证书', what: '每位受表彰人员一页' },
];

export function ReportsPage() {
  const { notify } = useAppState();
  const [months, setMonths] = useState<MonthSummary[]>([]);
  const [units, setUnits] = useState<UnitNode[]>([]);
  const [monthId, setMonthId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [people, setPeople] = useState<ResultRow[]>([]);
  const [personId, setPersonId] = useState<number | null>(null);

  useEffect(() => {
    Promise.all([call('assessments.months', {}), call('org.tree', {})]).then(
      ([m, u]) => {
        const sorted = [...m].sort((a, b) => b.period.localeCompare(a.period) || a.schemeName.localeCompare(b.schemeName, 'zh-CN'));
        setMonths(sorted);
        setUnits(u);
        setMonthId((id) => id ?? sorted.find((x) => x.status === 'finalised')?.id ?? sorted[0]?.id ?? null);
      },
      (e: unknown) => notify(errorMessage(e), 'error'),
    );
  }, [notify]);

  const communities = useMemo(() => {
    const root = units.find((u) => u.parentId === null);
    return units.filter((u) => root && u.parentId === root.id && !u.retiredOn);
  }, [units]);

  useEffect(() => {
    if (monthId === null) return;
    void call('assessments.results', { monthId, unitId }).then(
      (r) => {
        const sorted = [...r.rows].sort(strokeComparator((x) => x.name));
        setPeople(sorted);
        setPersonId((id) => (sorted.some((p) => p.personId === id) ? id : (sorted[0]?.personId ?? null)));
      },
      (e: unknown) => notify(errorMessage(e), 'error'),
    );
  }, [monthId, unitId, notify]);

  const monthLabel = (m: MonthSummary) => `${m.period} ${m.schemeName}${m.status === 'open' ? '（录入中）' : ''}`;

  return (
    <div className="page">
      <h1>报表</h1>
      <div className="card" style={{ marginBottom: 16 }}>
        <div className="toolbar" style={{ flexWrap: 'wrap', gap: 12 }}>
          <label>
            考核月份{' '}
            <select aria-label="考核月份" value={monthId ?? ''} onChange={(e) => setMonthId(e.target.value ? Number(e.target.value) : null)}>
              {months.map((m) => (
                <option key={m.id} value={m.id}>
                  {monthLabel(m)}
                </option>
              ))}
            </select>
          </label>
          <label>
            单位{' '}
            <select aria-label="单位" value={unitId ?? ''} onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">全部（按社区分组）</option>
              {communities.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted" style={{ margin: '8px 0 0' }}>
          报表按 A4 纸排版（页边距依 GB/T 9704），每页重复表头并在页脚注明“第N页 共M页”；单位名称和落款日期在“系统 → 报表设置”中修改。
          {canPrintToPdf() ? '' : '在浏览器中使用时，“导出PDF”会打开打印窗口，请选择“另存为 PDF”。'}
        </p>
      </div>
      <table className="simple card" aria-label="可用报表" style={{ width: '100%' }}>
        <thead>
          <tr>
            <th style={{ width: 160 }}>报表</th>
            <th>内容</th>
            <th style={{ width: 320 }}>参数</th>
            <th style={{ width: 120 }} />
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>月度考核汇总表</td>
            <td>所选月份、单位的考核人员，分类得分、总分、等次和社区排名，表尾统计各等次人数</td>
            <td>{monthId ? `${months.find((m) => m.id === monthId)?.period ?? ''}，${unitId ? communities.find((u) => u.id === unitId)?.name : '全部'}` : '请先开启考核月份'}</td>
            <td>
              <a className="btn primary" aria-disabled={!monthId} href={monthId ? printHref('month-summary', { monthId, unitId }) : undefined}>
                预览打印
              </a>
            </td>
          </tr>
          <tr>
            <td>个人考核评分表</td>
            <td>一名人员当月的逐项得分、各考核人评分、扣分加分说明、综合得分与等次，附签字栏</td>
            <td>
              <select aria-label="人员" value={personId ?? ''} onChange={(e) => setPersonId(e.target.value ? Number(e.target.value) : null)} style={{ maxWidth: 300 }}>
                {people.map((p) => (
                  <option key={p.personId} value={p.personId}>
                    {p.name}（{p.unitPath}）
                  </option>
                ))}
              </select>
            </td>
            <td>
              <a className="btn primary" aria-disabled={!monthId || !personId} href={monthId && personId ? printHref('score-card', { monthId, personId }) : undefined}>
                预览打印
              </a>
            </td>
          </tr>
          {LATER.map((r) => (
            <tr key={r.name} className="muted">
              <td>{r.name}</td>
              <td>{r.what}</td>
              <td colSpan={2}>将随表彰功能提供</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
