/** 报表: the printable reports with their parameters; each opens its print route (A4 preview, 打印, PDF, Excel). */
import { useMemo, useState } from 'react';
import type { MonthSummary, ResultRow } from '../../../../shared/contract/assessments';
import type { PeriodSummary } from '../../../../shared/contract/periods';
import { PERIOD_LISTS, type PeriodListKind, type RankingGroupBy } from '../../../../shared/contract/reports';
import { AWARD_STAGES } from '../../../../shared/domain/awards';
import { strokeComparator } from '../../../../shared/domain/stroke-order';
import { call } from '../../api/client';
import { canPrintToPdf } from '../../api/platform';
import { NONE, useCall, useLoad } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { communitiesOf, CommunitySelect } from '../../components/CommunitySelect';
import { PersonPicker } from '../../components/PersonPicker';
import { periodReportHref, printHref } from './print-routes';

/** Newest month first; one month's schemes by name. */
function newestFirst(months: MonthSummary[]): MonthSummary[] {
  return [...months].sort((a, b) => b.period.localeCompare(a.period) || a.schemeName.localeCompare(b.schemeName, 'zh-CN'));
}

const byStroke = (rows: ResultRow[]) => [...rows].sort(strokeComparator((x) => x.name));

export function ReportsPage() {
  const { notifyError } = useAppState();
  const [monthId, setMonthId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [personId, setPersonId] = useState<number | null>(null);
  const [batchId, setBatchId] = useState<number | null>(null);
  const [groupBy, setGroupBy] = useState<RankingGroupBy>('community');
  const [runId, setRunId] = useState<number | null>(null);

  const { data: allRuns } = useCall('stars.runs', {}, [], {
    onError: notifyError,
    onData: (all) => setRunId((id) => id ?? all.find((r) => r.status === 'published')?.id ?? null),
  });
  const runs = useMemo(() => (allRuns ?? NONE).filter((r) => r.status === 'published'), [allRuns]);

  const batches = useCall('awards.batches', {}, [], {
    onError: notifyError,
    onData: (b) => setBatchId((id) => id ?? b.find((x) => x.stage === 'published')?.id ?? b[0]?.id ?? null),
  }).data ?? NONE;
  const batch = batches.find((b) => b.id === batchId) ?? null;
  const batchSelect = (
    <select aria-label="表彰批次" value={batchId ?? ''} onChange={(e) => setBatchId(e.target.value ? Number(e.target.value) : null)} style={{ maxWidth: 300 }}>
      {batches.map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}（{AWARD_STAGES[b.stage]}）
        </option>
      ))}
    </select>
  );

  const { data: monthsAndUnits } = useLoad(() => Promise.all([call('assessments.months', {}), call('org.tree', {})]), [], {
    onError: notifyError,
    onData: ([m]) => setMonthId((id) => id ?? newestFirst(m).find((x) => x.status === 'finalised')?.id ?? newestFirst(m)[0]?.id ?? null),
  });
  const months = useMemo(() => newestFirst(monthsAndUnits?.[0] ?? NONE), [monthsAndUnits]);
  const communities = useMemo(() => communitiesOf(monthsAndUnits?.[1] ?? NONE), [monthsAndUnits]);

  const { data: results } = useCall('assessments.results', monthId === null ? null : { monthId, unitId }, [], {
    onError: notifyError,
    onData: (r) => {
      const first = byStroke(r.rows)[0];
      setPersonId((id) => (r.rows.some((p) => p.personId === id) ? id : (first?.personId ?? null)));
    },
  });
  const people = useMemo(() => byStroke(results?.rows ?? NONE), [results]);
  const pickable = useMemo(() => people.map((p) => ({ id: p.personId, name: p.name, unitPath: p.unitPath, roles: [p.role] })), [people]);

  // 季度/半年/年度考核: the newest finalised period first chosen; the register for a person of it, or a whole unit
  const [periodId, setPeriodId] = useState<number | null>(null);
  const periods = useCall('periods.list', {}, [], {
    onError: notifyError,
    onData: (all) => setPeriodId((id) => id ?? all.find((p) => p.status === 'finalised')?.id ?? all[0]?.id ?? null),
  }).data ?? NONE;
  const period = periods.find((p) => p.id === periodId) ?? null;
  const [registerPerson, setRegisterPerson] = useState<number | null>(null);
  const { data: periodRows } = useCall('periods.view', periodId === null ? null : { periodId, unitId }, [], {
    onError: notifyError,
    onData: (v) => setRegisterPerson((id) => (v.rows.some((r) => r.personId === id) ? id : null)),
  });
  const registerChoices = useMemo(
    () => [...(periodRows?.rows ?? NONE)].sort(strokeComparator((x) => x.name)).map((p) => ({ id: p.personId, name: p.name, unitPath: p.unitPath })),
    [periodRows],
  );
  const periodLabel = (p: PeriodSummary) => `${p.periodLabel} ${p.schemeName}${p.status === 'open' ? '（未归档）' : ''}`;

  const years = useMemo(() => [...new Set(months.map((m) => m.period.slice(0, 4)))].sort().reverse(), [months]);
  const [pointsYear, setPointsYear] = useState('');
  const year = pointsYear || years[0] || '';
  const unitLabel = unitId ? (communities.find((u) => u.id === unitId)?.name ?? '') : '全部';
  const monthLabel = (m: MonthSummary) => `${m.period} ${m.schemeName}${m.status === 'open' ? '（录入中）' : ''}`;
  const periodParams = period ? `${period.periodLabel}，${unitLabel}` : '尚无周期考核，请先在“年度考核”中开启';
  const registerReady = periodId !== null && (registerPerson !== null || unitId !== null);

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
          <CommunitySelect label="单位" communities={communities} value={unitId} onChange={setUnitId} allLabel="全部（按社区分组）" />
          <label>
            考核期间{' '}
            <select aria-label="考核期间" value={periodId ?? ''} onChange={(e) => setPeriodId(e.target.value ? Number(e.target.value) : null)}>
              {periods.length === 0 ? <option value="">（尚无周期考核）</option> : null}
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {periodLabel(p)}
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
            <td>{monthId ? `${months.find((m) => m.id === monthId)?.period ?? ''}，${unitLabel}` : '请先开启考核月份'}</td>
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
<PersonPicker
                label="人员"
                people={pickable}
                picked={pickable.find((p) => p.id === personId) ?? null}
                onPick={(p) => p && setPersonId(p.id)}
                placeholder="姓名、拼音首字母，↓ 看全部"
              />
            </td>
            <td>
              <a className="btn primary" aria-disabled={!monthId || !personId} href={monthId && personId ? printHref('score-card', { monthId, personId }) : undefined}>
                预览打印
              </a>
            </td>
          </tr>
          <tr>
            <td>表彰名单</td>
            <td>所选表彰批次的受表彰人员，按社区分组，公文格式，姓氏笔画排序（也可按自定顺序），落款发文单位和日期</td>
            <td>{batches.length ? batchSelect : '尚无表彰批次'}</td>
            <td>
              <a
                className="btn primary"
                aria-disabled={batch?.stage !== 'published'}
                title={batch && batch.stage !== 'published' ? '表彰发布后才能打印' : undefined}
                href={batch?.stage === 'published' ? printHref('commendation', { batchId: batch.id }) : undefined}
              >
                预览打印
              </a>
            </td>
          </tr>
          <tr>
            <td>荣誉证书</td>
            <td>所选表彰批次每位受表彰人员一页（表彰发布后可打印），可导出受表彰人员名册（Excel）</td>
            <td>{batch ? `${batch.name}${batch.stage === 'published' ? `，${batch.nominated}人` : '（尚未发布）'}` : '尚无表彰批次'}</td>
            <td>
              <a
                className="btn primary"
                aria-disabled={batch?.stage !== 'published'}
                title={batch && batch.stage !== 'published' ? '表彰发布后才能打印' : undefined}
                href={batch?.stage === 'published' ? printHref('certificate', { batchId: batch.id }) : undefined}
              >
                预览打印
              </a>
            </td>
          </tr>
          <tr>
            <td>积分排行榜</td>
            <td>所选年度（或累计）、单位的积分余额和名次，列出加分、扣分</td>
            <td>
              <select aria-label="积分期间" value={year} onChange={(e) => setPointsYear(e.target.value)}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}年
                  </option>
                ))}
                <option value="all">累计</option>
              </select>
              {`，${unitLabel}`}
            </td>
            <td>
              <a
                className="btn primary"
                aria-disabled={!year}
                href={year ? printHref('points-ranking', year === 'all' ? { kind: 'all', period: '', unitId } : { kind: 'year', period: year, unitId }) : undefined}
              >
                预览打印
              </a>
            </td>
          </tr>
          <tr>
            <td>排名表</td>
            <td>所选月份、单位的考核人员按总分排名，列出社区排名和岗位排名，按社区或按岗位分组</td>
            <td>
              <select aria-label="排名表分组" value={groupBy} onChange={(e) => setGroupBy(e.target.value === 'role' ? 'role' : 'community')}>
                <option value="community">按社区分组</option>
                <option value="role">按岗位分组</option>
              </select>
              {monthId ? `，${months.find((m) => m.id === monthId)?.period ?? ''}，${unitLabel}` : '，请先开启考核月份'}
            </td>
            <td>
              <a className="btn primary" aria-disabled={!monthId} href={monthId ? printHref('ranking', { monthId, unitId, groupBy }) : undefined}>
                预览打印
              </a>
            </td>
          </tr>
          <tr>
            <td>星级名册</td>
            <td>所选评定期间（已发布）各社区在岗人员的星级和评定依据，表尾统计各星级人数</td>
            <td>
              {runs.length ? (
                <select aria-label="星级评定期间" value={runId ?? ''} onChange={(e) => setRunId(e.target.value ? Number(e.target.value) : null)}>
                  {runs.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.periodLabel}（{r.ruleSetName}）
                    </option>
                  ))}
                </select>
              ) : (
                '尚无已发布的星级评定'
              )}
              {runs.length ? `，${unitLabel}` : ''}
            </td>
            <td>
              <a className="btn primary" aria-disabled={!runId} href={runId ? printHref('star-roster', { runId, unitId }) : undefined}>
                预览打印
              </a>
            </td>
          </tr>
          <tr>
            <td>年度考核结果汇总表</td>
            <td>所选考核期间（年度、半年或季度）、单位的全部考核对象：月度考核、年终测评、积分、总分、等次，网格/社区/岗位/街道排名，优秀名额和解聘预警；不定等次另列；表尾统计各等次人数</td>
            <td>{periodParams}</td>
            <td>
              <a className="btn primary" aria-disabled={!periodId} href={periodId ? periodReportHref('period-summary', { periodId, unitId }) : undefined}>
                预览打印
              </a>
            </td>
          </tr>
          {(Object.keys(PERIOD_LISTS) as PeriodListKind[]).map((list) => (
            <tr key={list}>
              <td>{PERIOD_LISTS[list]}</td>
              <td>{LIST_TEXT[list]}</td>
              <td>{periodParams}</td>
              <td>
                <a className="btn primary" aria-disabled={!periodId} href={periodId ? periodReportHref('period-list', { periodId, unitId, list }) : undefined}>
                  预览打印
                </a>
              </td>
            </tr>
          ))}
          <tr>
            <td>年度考核登记表</td>
            <td>每人一页（A4）：基本情况、各月考核结果、积分和奖惩、各项得分、总分、等次和排名，考核组意见及签字栏；可打印一人或所选单位全部人员</td>
            <td>
              <PersonPicker
                label="登记表打印范围"
                people={registerChoices}
                picked={registerChoices.find((p) => p.id === registerPerson) ?? null}
                onPick={(p) => setRegisterPerson(p?.id ?? null)}
                placeholder={unitId ? `${unitLabel}全部人员（或输入姓名选一人）` : '输入姓名选一人，或先选择单位'}
              />
            </td>
            <td>
              <a
                className="btn primary"
                aria-disabled={!registerReady}
                href={registerReady ? periodReportHref('period-register', registerPerson !== null ? { periodId, personId: registerPerson } : { periodId, unitId }) : undefined}
              >
                预览打印
              </a>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

const LIST_TEXT: Record<PeriodListKind, string> = {
  excellent: '所选考核期间定为优秀且在优秀名额内的人员，按社区分组、姓氏笔画排序，列出总分和街道排名',
  undetermined: '在岗时间不足、不定等次的人员，列出在岗月数',
  warning: '连续两个月月度考核不合格、列入解聘预警的人员，列出不合格的月份和原因',
};
