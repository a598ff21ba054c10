/**
 * 模拟测算: a finalised month recomputed with other grade bands, another aggregation or another (draft) version of its
 * scheme. Nothing is written; the counts per grade before → after and every person whose total, grade or rank would
 * change are shown, and can be exported.
 */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { MonthSummary } from '../../../../shared/contract/assessments';
import type { WhatIfChange, WhatIfInput, WhatIfView as WhatIf } from '../../../../shared/contract/analysis';
import type { SchemeDetail, SchemeSummary } from '../../../../shared/contract/schemes';
import { AGGREGATIONS, bandsError, GRADES, parseHundredths, type Aggregation, type Band, type Grade } from '../../../../shared/domain/scoring';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import type { ChartOption } from '../../components/Chart';
import { ChartCard } from '../../components/ChartCard';
import { AXIS_LABEL, DECALS, fixed2, orDash, PALETTE, TOOLTIP } from '../../components/chart-kit';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { FilterSelect } from '../../components/Select';

const AGGREGATION_CHOICES = (Object.keys(AGGREGATIONS) as Aggregation[]).map((a) => ({ value: a, label: AGGREGATIONS[a] }));

export function WhatIfView({ scheme, months, unitId }: { scheme: SchemeSummary; months: MonthSummary[]; unitId: number | null }) {
  const { notifyError } = useAppState();
  const finished = useMemo(() => months.filter((m) => m.status === 'finalised').sort((a, b) => b.period.localeCompare(a.period)), [months]);
  const [chosen, setChosen] = useState<number | null>(null);
  const month = finished.find((m) => m.id === chosen) ?? finished[0] ?? null;
  const { data: detail } = useCall('schemes.get', month ? { schemeId: scheme.id, version: month.version } : null, [], { onError: notifyError });
  const picker = (
    <div className="whatif-month">
      <FilterSelect
        label="已归档月份"
        choices={finished.map((m) => ({ value: m.id, label: `${m.period}（第${m.version}版方案，${m.members} 人）` }))}
        value={month?.id ?? null}
        onChange={setChosen}
        none={finished.length ? null : '（没有已归档的月份）'}
      />
      <span className="muted small">测算只在屏幕上计算，不会改动任何考核结果。</span>
    </div>
  );
  const ready = month && detail && detail.version === month.version && detail.schemeId === scheme.id;
  return (
    <div className="analysis-body">
      {ready ? (
        <WhatIfForm key={`${month.id}-${unitId}`} month={month} detail={detail} unitId={unitId} picker={picker} />
      ) : (
        <div className="card whatif-form">
          {picker}
          {!month ? <p className="muted">这个方案还没有已归档的月份：模拟测算针对已归档的月份进行。</p> : null}
        </div>
      )}
    </div>
  );
}

/** The grades of a scheme's bands, highest first, with their minimum as typed (points). */
function minimumsOf(bands: Band[]): Record<string, string> {
  return Object.fromEntries(bands.map((b) => [b.grade, fixed2(b.min).replace(/\.00$/, '')]));
}

function WhatIfForm({ month, detail, unitId, picker }: { month: MonthSummary; detail: SchemeDetail; unitId: number | null; picker: ReactNode }) {
  const { notifyError } = useAppState();
  const ordered = useMemo(() => [...detail.bands].sort((a, b) => b.min - a.min), [detail.bands]);
  const [mins, setMins] = useState<Record<string, string>>(() => minimumsOf(ordered));
  const [aggregation, setAggregation] = useState<Aggregation | null>(null);
  const [versionId, setVersionId] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [asked, setAsked] = useState<WhatIfInput | null>(null);
  const { data: result, loading, error } = useCall('analysis.whatIf', asked, [], { onError: notifyError });
  const otherVersions = detail.versions.filter((v) => v.version !== month.version);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bands: Band[] = [];
    for (const [i, b] of ordered.entries()) {
      const min = i === ordered.length - 1 ? b.min : parseHundredths(mins[b.grade] ?? '');
      if (min === null) return setProblem(`“${b.grade}”的下限应为数字，最多两位小数`);
      bands.push({ grade: b.grade, min, max: i === 0 ? null : bands[i - 1]!.min });
    }
    const bad = bandsError(bands);
    if (bad) return setProblem(bad);
    const same = bands.every((b) => ordered.some((o) => o.grade === b.grade && o.min === b.min && o.max === b.max));
    const input: WhatIfInput = {
      monthId: month.id,
      unitId,
      bands: same ? null : bands.map((b) => ({ grade: b.grade as Grade, min: b.min, max: b.max })),
      aggregation: aggregation === detail.aggregation ? null : aggregation,
      versionId,
    };
    if (input.bands === null && input.aggregation === null && input.versionId === null) return setProblem('请至少改变一项：方案版本、等次区间或汇总方式');
    setProblem(null);
    setAsked(input);
  };
  const reset = () => {
    setMins(minimumsOf(ordered));
    setAggregation(null);
    setVersionId(null);
    setProblem(null);
    setAsked(null);
  };

  return (
    <>
      <form className="card whatif-form" onSubmit={submit} aria-label="测算条件">
        {picker}
        <fieldset className="whatif-bands">
          <legend>等次下限（分）</legend>
          {ordered.map((b, i) => (
            <label key={b.grade}>
              {b.grade} ≥
              <input
                type="text"
                inputMode="decimal"
                aria-label={`${b.grade}下限`}
                value={mins[b.grade] ?? ''}
                readOnly={i === ordered.length - 1}
                onChange={(e) => setMins((m) => ({ ...m, [b.grade]: e.target.value }))}
              />
            </label>
          ))}
        </fieldset>
        <FilterSelect
          label="汇总方式"
          choices={AGGREGATION_CHOICES.map((c) => ({ ...c, label: c.value === detail.aggregation ? `${c.label}（现用）` : c.label }))}
          value={aggregation ?? detail.aggregation}
          onChange={setAggregation}
          none={null}
        />
        <FilterSelect
          label="方案版本"
          choices={otherVersions.map((v) => ({ value: v.versionId, label: `第${v.version}版（${v.status === 'draft' ? '草稿' : '已发布'}）` }))}
          value={versionId}
          onChange={setVersionId}
          none={`第${month.version}版（本月所用）`}
        />
        <span className="grow" />
        <button type="submit" className="btn primary" disabled={loading}>
          {loading ? '正在测算…' : '测算'}
        </button>
        <button type="button" className="btn" onClick={reset}>
          恢复本月设置
        </button>
        {problem ? (
          <div className="form-error whatif-problem" role="alert">
            {problem}
          </div>
        ) : null}
        {error && asked ? (
          <div className="form-error whatif-problem" role="alert">
            {error}
          </div>
        ) : null}
      </form>
      {result && asked ? <WhatIfResult result={result} /> : null}
    </>
  );
}

type ChangeRow = WhatIfChange & { what: string };
const num: ExportContext = { exportType: 'number' };
const gradeIndex = (g: Grade | null) => (g === null ? GRADES.length : GRADES.indexOf(g));

/** What changed for a person, in words: 等次下降 / 等次上升 / 总分 / 排名. */
function whatChanged(c: WhatIfChange): string {
  const parts: string[] = [];
  if (c.before.grade !== c.after.grade) parts.push(gradeIndex(c.after.grade) > gradeIndex(c.before.grade) ? '等次下降' : '等次上升');
  if (c.before.total !== c.after.total) parts.push('总分变化');
  if (c.before.rank !== c.after.rank) parts.push('排名变化');
  return parts.join('、');
}

function WhatIfResult({ result }: { result: WhatIf }) {
  const api = useRef<GridApi<ChangeRow> | null>(null);
  const exportGrid = useExportGrid();
  const [only, setOnly] = useState<'all' | 'grade'>('all');
  const rows = useMemo<ChangeRow[]>(() => result.changes.map((c) => ({ ...c, what: whatChanged(c) })), [result]);
  const shown = useMemo(() => (only === 'grade' ? rows.filter((r) => r.before.grade !== r.after.grade) : rows), [rows, only]);
  const title = `${result.month.period}${result.month.schemeName}模拟测算`;

  const option = useMemo<ChartOption>(
    () => ({
      aria: DECALS,
      color: [PALETTE[5], PALETTE[1]],
      grid: { left: 40, right: 12, top: 30, bottom: 24 },
      legend: { top: 0 },
      tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: [...GRADES], axisLabel: AXIS_LABEL },
      yAxis: { type: 'value', minInterval: 1, name: '人' },
      series: [
        { type: 'bar', name: '测算前', data: GRADES.map((g) => result.counts.before[g]), label: { show: true, position: 'top', fontSize: 11 }, barMaxWidth: 30 },
        { type: 'bar', name: '测算后', data: GRADES.map((g) => result.counts.after[g]), label: { show: true, position: 'top', fontSize: 11 }, barMaxWidth: 30 },
      ],
    }),
    [result],
  );

  const columns = useMemo<ColDef<ChangeRow>[]>(() => {
    const hundredths = (pick: (r: ChangeRow) => number | null, header: string, colId: string): ColDef<ChangeRow> => ({
      colId,
      headerName: header,
      width: 96,
      valueGetter: (p) => {
        const v = p.data ? pick(p.data) : null;
        return v === null ? null : v / 100;
      },
      valueFormatter: (p) => orDash(p.value === null || p.value === undefined ? null : Math.round((p.value as number) * 100)),
      context: num,
    });
    return [
      { field: 'name', headerName: '姓名', width: 96, pinned: 'left' },
      { field: 'unitPath', headerName: '所属单位', width: 200, tooltipField: 'unitPath' },
      hundredths((r) => r.before.total, '原总分', 'beforeTotal'),
      hundredths((r) => r.after.total, '新总分', 'afterTotal'),
      { colId: 'beforeGrade', headerName: '原等次', width: 90, valueGetter: (p) => p.data?.before.grade ?? '' },
      { colId: 'afterGrade', headerName: '新等次', width: 90, valueGetter: (p) => p.data?.after.grade ?? '', cellClass: (p) => `grade-${String(p.value)}` },
      { colId: 'beforeRank', headerName: '原社区排名', width: 116, valueGetter: (p) => p.data?.before.rank ?? null, context: num },
      { colId: 'afterRank', headerName: '新社区排名', width: 116, valueGetter: (p) => p.data?.after.rank ?? null, context: num },
      { field: 'what', headerName: '变化', width: 150 },
    ];
  }, []);

  const changedCount = (g: Grade) => result.counts.after[g] - result.counts.before[g];
  return (
    <div className="whatif-result" aria-label="测算结果">
      <div className="analysis-pair">
        <div className="card">
          <h3 className="section-title">
            {result.month.period} {result.month.schemeName}（第{result.month.version}版）
          </h3>
          <ul className="whatif-changed" aria-label="改变的设置">
            {result.changed.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <table className="simple whatif-counts" aria-label="等次人数对比">
            <thead>
              <tr>
                <th>等次</th>
                <th className="num">测算前</th>
                <th className="num">测算后</th>
                <th className="num">增减</th>
              </tr>
            </thead>
            <tbody>
              {GRADES.map((g) => (
                <tr key={g}>
                  <td className={`grade-${g}`}>{g}</td>
                  <td className="num">{result.counts.before[g]}</td>
                  <td className="num">{result.counts.after[g]}</td>
                  <td className={`num ${changedCount(g) > 0 ? 'plus-text' : changedCount(g) < 0 ? 'minus-text' : ''}`}>{changedCount(g) > 0 ? `+${changedCount(g)}` : changedCount(g)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            共 {result.people} 人参与测算，其中 <b data-testid="whatif-changes">{result.changes.length}</b> 人的总分、等次或社区排名会变化。以上均为测算，未写入任何数据。
          </p>
        </div>
        <ChartCard
          title="等次人数：测算前后"
          subtitle={`${result.month.period} ${result.month.schemeName}`}
          option={option}
          height={240}
          table={{
            columns: [{ header: '等次' }, { header: '测算前（人）', kind: 'count' }, { header: '测算后（人）', kind: 'count' }],
            rows: GRADES.map((g) => [g, result.counts.before[g], result.counts.after[g]]),
          }}
        />
      </div>
      <section className="card whatif-changes" aria-label="会变化的人员">
        <div className="chart-head">
          <h2>会变化的人员（{shown.length} 人）</h2>
          <label>
            <input type="checkbox" checked={only === 'grade'} onChange={(e) => setOnly(e.target.checked ? 'grade' : 'all')} />
            只看等次变化
          </label>
          <span className="grow" />
          <button type="button" className="btn small" disabled={shown.length === 0} onClick={() => void exportGrid(api.current, title, result.changed.join('；').slice(0, 200))}>
            导出Excel
          </button>
        </div>
        {rows.length === 0 ? (
          <p className="muted">按新的设置，没有人的总分、等次或排名会变化。</p>
        ) : (
          <div className="whatif-grid">
            <DataGrid<ChangeRow> label="会变化的人员明细" rows={shown} columns={columns} rowId={(r) => String(r.personId)} onReady={(a) => (api.current = a)} />
          </div>
        )}
      </section>
    </div>
  );
}
