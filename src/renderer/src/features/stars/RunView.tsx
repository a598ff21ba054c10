/** 评定: choose a rule set and a period, preview who gets what and why, adjust one person with a reason, publish. */
import type { ColDef, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StarRatingRow, StarRuleSet, StarRunSummary, StarRunView, StarTieView } from '../../../../shared/contract/stars';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { fixed2 } from '../../../../shared/domain/scoring';
import { recentStarPeriods, STAR_PERIOD_KINDS, starPeriodDates, starPeriodLabel, starText, type Stars } from '../../../../shared/domain/stars';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, useExportGrid, type ExportContext } from '../../components/DataGrid';
import { FilterSelect } from '../../components/Select';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { StarCounts, starColumn, StarsText } from './parts';

const num: ExportContext = { exportType: 'number' };

export function RunView({ ruleSets, runs, onChanged }: { ruleSets: StarRuleSet[]; runs: StarRunSummary[]; onChanged: () => Promise<void> }) {
  const { info, notify, notifyError } = useAppState();
  const today = info?.today ?? '';
  const [ruleSetId, setRuleSetId] = useState<number | null>(null);
  const [period, setPeriod] = useState('');
  const [selected, setSelected] = useState<StarRatingRow | null>(null);
  const [adjusting, setAdjusting] = useState<StarRatingRow | null>(null);
  const [deciding, setDeciding] = useState<{ tie: StarTieView; person: StarTieView['people'][number]; keep: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const api = useRef<GridApi<StarRatingRow> | null>(null);

  useEffect(() => {
    setRuleSetId((id) => (id !== null && ruleSets.some((r) => r.id === id) ? id : (ruleSets[0]?.id ?? null)));
  }, [ruleSets]);
  const ruleSet = ruleSets.find((r) => r.id === ruleSetId) ?? null;

  const periods = useMemo(() => (ruleSet && today ? recentStarPeriods(ruleSet.periodKind, today.slice(0, 7), 12) : []), [ruleSet, today]);
  useEffect(() => {
    // the latest period that has ended
    setPeriod((p) => (periods.includes(p) ? p : (periods.find((x) => starPeriodDates(x).end < today) ?? periods[0] ?? '')));
  }, [periods, today]);

  const run = runs.find((r) => r.ruleSetId === ruleSetId && r.period === period) ?? null;
  const publishedByOther = runs.find((r) => r.period === period && r.status === 'published' && r.ruleSetId !== ruleSetId) ?? null;

  const { data: view, setData: setView, refresh } = useCall('stars.run', run ? { runId: run.id } : null, [], { onError: notifyError });

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    try {
      await what();
    } catch (e) {
      notify(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const preview = () =>
    act(async () => {
      if (ruleSetId === null) return;
      const v = await call('stars.preview', { ruleSetId, period });
      setView(v);
      notify(`已计算${v.run.periodLabel}星级，共 ${v.run.rated} 人`);
      await onChanged();
    });
  const publish = () =>
    act(async () => {
      if (!view) return;
      const { run: r } = view;
      // refused before it is asked: nobody confirms something that then fails
      const { refusal } = await call('stars.publishCheck', { runId: r.id });
      if (refusal) return notify(refusal, 'error');
      if (!window.confirm(`确定发布${r.periodLabel}的星级评定吗？发布后不能再修改。`)) return;
      await call('stars.publish', { runId: r.id });
      notify(`${r.periodLabel}星级评定已发布`);
      await onChanged();
      await refresh();
    });
  const discard = () =>
    act(async () => {
      if (!view || !window.confirm(`确定放弃${view.run.periodLabel}的评定草稿吗？人工调整也会一并放弃。`)) return;
      await call('stars.discard', { runId: view.run.id });
      notify('已放弃评定草稿');
      setView(undefined);
      await onChanged();
    });

  const columns = useMemo<ColDef<StarRatingRow>[]>(
    () => [
      { field: 'name', headerName: '姓名', width: 92, pinned: 'left' },
      { field: 'unitPath', headerName: '所属单位', width: 160, tooltipField: 'unitPath' },
      { field: 'months', headerName: '月数', width: 60, filter: false, context: num },
      { colId: 'average', headerName: '平均分', width: 84, valueGetter: (p) => (p.data ? p.data.average / 100 : null), context: num },
      { colId: 'points', headerName: '积分', width: 76, valueGetter: (p) => (p.data ? p.data.points / 100 : null), context: num },
      { field: 'vetoes', headerName: '否决', width: 62, filter: false, context: num, valueFormatter: (p) => (p.value ? `${String(p.value)}次` : '') },
      { field: 'criticisms', headerName: '通报批评', width: 86, filter: false, context: num, valueFormatter: (p) => (p.value ? `${String(p.value)}次` : '') },
      starColumn<StarRatingRow>('previousStars', '上期星级', (r) => r.previousStars, { width: 100 }),
      starColumn<StarRatingRow>('computedStars', '计算星级', (r) => r.computedStars, { width: 100 }),
      starColumn<StarRatingRow>('stars', '评定星级', (r) => r.stars, {
        width: 100,
        cellClass: (p) => (p.data && p.data.stars !== p.data.computedStars ? 'stars-cell overridden' : 'stars-cell'),
      }),
      {
        colId: 'tie',
        headerName: '名额并列',
        width: 96,
        valueGetter: (p) => (p.data?.tie ? TIE_LABELS[p.data.tie] : ''),
        cellClass: (p) => (p.data?.tie === 'open' ? 'cell-tie' : undefined),
      },
      { field: 'reason', headerName: '评定依据', flex: 1, minWidth: 300, tooltipField: 'reason' },
      { field: 'overrideReason', headerName: '调整原因', width: 180, tooltipField: 'overrideReason' },
    ],
    [],
  );

  const exportGrid = useExportGrid();
  const exportExcel = async () => {
    if (view) await exportGrid(api.current, `${view.run.periodLabel}${view.run.ruleSetName}星级评定`, `${view.run.ruleSetName}\u3000${view.run.status === 'published' ? '已发布' : '草稿'}`);
  };

  const status = view?.run.status ?? null;
  const openTies = view?.ties.filter((t) => t.people.some((p) => p.decision === 'open')) ?? [];
  return (
    <div className="stars-body">
      <div className="toolbar card">
        <FilterSelect label="星级规则" choices={ruleSets.map((r) => ({ value: r.id, label: r.name }))} value={ruleSetId} onChange={setRuleSetId} none={null} />
        <label>
          评定期间
          <select aria-label="评定期间" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {periods.map((p) => {
              const r = runs.find((x) => x.ruleSetId === ruleSetId && x.period === p);
              return (
                <option key={p} value={p}>
                  {starPeriodLabel(p)}
                  {r ? (r.status === 'published' ? '（已发布）' : '（草稿）') : ''}
                </option>
              );
            })}
          </select>
        </label>
        <button type="button" className="btn primary" disabled={busy || !ruleSet || !period || status === 'published' || publishedByOther !== null} onClick={() => void preview()}>
          {status === 'draft' ? '重新计算' : '预览'}
        </button>
        {status ? (
          <span className={`badge ${status === 'published' ? 'ok' : 'draft'}`} aria-label="评定状态">
            {status === 'published' ? '已发布' : '草稿'}
          </span>
        ) : null}
        <span className="grow" />
        <button type="button" className="btn" disabled={!selected || status !== 'draft'} onClick={() => selected && setAdjusting(selected)}>
          调整
        </button>
        <button type="button" className="btn" disabled={!view?.rows.length} onClick={() => void exportExcel()}>
          导出Excel
        </button>
        <button type="button" className="btn danger" disabled={busy || status !== 'draft'} onClick={() => void discard()}>
          放弃草稿
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={busy || status !== 'draft' || publishedByOther !== null || (view?.monthsMissing.length ?? 0) > 0 || openTies.length > 0}
          title={
            publishedByOther
              ? '本期已按其他规则发布'
              : view?.monthsMissing.length
                ? '期间内还有月份未归档'
                : openTies.length
                  ? '名额线上有并列待决定'
                  : undefined
          }
          onClick={() => void publish()}
        >
          发布
        </button>
      </div>

      {view ? (
        <>
          <div className="run-summary">
            <StarCounts counts={view.run.counts} />
            <span className="muted" aria-label="评定说明">
              共 {view.run.rated} 人{view.run.overridden ? `，人工调整 ${view.run.overridden} 人` : ''}
              {' · '}
              {STAR_PERIOD_KINDS[view.rules.periodKind]}平均分取自 {view.monthsIncluded.length ? view.monthsIncluded.join('、') : '—'}
              {' · '}
              {view.run.status === 'published' && view.run.publishedAt ? `发布于 ${formatTimestamp(view.run.publishedAt)}` : `计算于 ${formatTimestamp(view.run.computedAt)}`}
            </span>
          </div>
          {view.monthsMissing.length ? (
            <div className="notice strong">{view.monthsMissing.join('、')}的月度考核还没有归档：可以先预览，归档后重新计算再发布。</div>
          ) : null}
          {view.run.status === 'published' ? <div className="readonly-banner">本期星级已发布，只能查看。</div> : null}
          {view.ties.map((tie) => (
            <section key={`${tie.higher}:${tie.average}`} className="card tie-card" aria-label={`${tie.line}并列`}>
              <div className="tie-title">
                {tie.text}
                {tie.people.some((p) => p.decision === 'open') && view.run.status === 'draft'
                  ? `：须逐一决定保留${tie.higher}★或降为${tie.lower}★，并写明理由，决定后才能发布。`
                  : '。'}
              </div>
              <ul className="tie-list">
                {tie.people.map((p) => (
                  <li key={p.personId}>
                    <b>{p.name}</b>
                    <span className="muted">{p.unitPath}</span>
                    <span>{fixed2(tie.average)} 分</span>
                    <span className={p.decision === 'open' ? 'cell-tie' : undefined}>
                      {p.decision === 'open' ? '待决定' : `${p.decision === 'kept' ? `保留${tie.higher}★` : `降为${tie.lower}★`}：${p.reason}（${p.decidedBy ?? ''}）`}
                    </span>
                    {view.run.status === 'draft' ? (
                      <>
                        <button type="button" className="btn small primary" onClick={() => setDeciding({ tie, person: p, keep: true })} aria-label={`${p.name}保留${tie.higher}星`}>
                          保留{tie.higher}★
                        </button>
                        <button type="button" className="btn small" onClick={() => setDeciding({ tie, person: p, keep: false })} aria-label={`${p.name}降为${tie.lower}星`}>
                          降为{tie.lower}★
                        </button>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <div className="panel" style={{ flex: 1, minHeight: 280 }}>
            <DataGrid<StarRatingRow>
              label="星级评定结果"
              rows={view.rows}
              columns={columns}
              rowId={(r) => String(r.personId)}
              onReady={(a) => (api.current = a)}
              onSelectionChanged={setSelected}
              onRowActivated={(r) => view.run.status === 'draft' && setAdjusting(r)}
              options={{ rowClassRules: { 'row-tie': (p) => p.data?.tie === 'open' } }}
            />
          </div>
        </>
      ) : (
        <div className="card muted" style={{ marginTop: 8 }}>
          {publishedByOther
            ? `${publishedByOther.periodLabel}已按“${publishedByOther.ruleSetName}”发布了星级评定，可在“星级名册”中查看。`
            : ruleSet
              ? `${period ? starPeriodLabel(period) : ''}尚未评定。点击“预览”，按“${ruleSet.name}”计算每个人的星级和依据；确认无误后发布。`
              : '还没有星级规则，请先到“规则”中新建。'}
        </div>
      )}

      {adjusting && view ? (
        <OverrideDialog
          runId={view.run.id}
          row={adjusting}
          onClose={() => setAdjusting(null)}
          onDone={async (r) => {
            setAdjusting(null);
            notify(`已将${r.name}调整为${r.stars}星`);
            await refresh();
            await onChanged();
          }}
        />
      ) : null}

      {deciding && view ? (
        <TieDialog
          runId={view.run.id}
          tie={deciding.tie}
          person={deciding.person}
          keep={deciding.keep}
          onClose={() => setDeciding(null)}
          onDone={async (v) => {
            const { person, keep, tie } = deciding;
            setDeciding(null);
            setView(v);
            notify(`已决定：${person.name}${keep ? `保留${tie.higher}★` : `降为${tie.lower}★`}`);
            await onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

const TIE_LABELS = { open: '待决定', kept: '已决定保留', dropped: '已决定降星' } as const;

function TieDialog({
  runId,
  tie,
  person,
  keep,
  onClose,
  onDone,
}: {
  runId: number;
  tie: StarTieView;
  person: StarTieView['people'][number];
  keep: boolean;
  onClose: () => void;
  onDone: (view: StarRunView) => Promise<void>;
}) {
  const [reason, setReason] = useState(person.reason);
  const save = useCallback(
    async () => onDone(await call('stars.decideTie', { runId, personId: person.personId, keep, reason })),
    [runId, person.personId, keep, reason, onDone],
  );
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const action = keep ? `保留${tie.higher}★` : `降为${tie.lower}★`;
  return (
    <Dialog title={`${action}：${person.name}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="确定" width={640}>
      <p className="muted" style={{ marginTop: 0 }}>
        {person.name}（{person.unitPath}）{fixed2(tie.average)} 分，与他人并列在{tie.line}的线上，只余 {tie.places - tie.above} 个名额。决定及理由记入操作日志和评定依据。
      </p>
      <Field label="决定的理由" required error={fieldErrors.reason}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} />
      </Field>
    </Dialog>
  );
}

function OverrideDialog({ runId, row, onClose, onDone }: { runId: number; row: StarRatingRow; onClose: () => void; onDone: (r: StarRatingRow) => Promise<void> }) {
  const [stars, setStars] = useState<Stars>(row.stars);
  const [reason, setReason] = useState(row.overrideReason);
  const save = useCallback(async () => onDone(await call('stars.override', { runId, personId: row.personId, stars, reason })), [runId, row.personId, stars, reason, onDone]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title={`调整星级：${row.name}`} onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="确定调整" width={640}>
      <p className="muted" style={{ marginTop: 0 }}>
        计算星级 <StarsText stars={row.computedStars} />（平均 {fixed2(row.average)} 分）。调整及原因记入操作日志。
      </p>
      <p className="small" style={{ marginTop: 0 }}>
        依据：{row.reason}
      </p>
      <div className="field" style={{ marginBottom: 10 }}>
        <span className="label">调整为</span>
        <div className="star-choice" role="radiogroup" aria-label="调整为">
          {([5, 4, 3, 2, 1] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="stars" checked={stars === s} onChange={() => setStars(s)} aria-label={`${s}星`} />
              <span className="stars-text">{starText(s)}</span>
            </label>
          ))}
        </div>
      </div>
      <Field label="调整原因" required error={fieldErrors.reason}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={200} placeholder="例如：参与防汛抢险表现突出，经中心会议研究" />
      </Field>
    </Dialog>
  );
}
