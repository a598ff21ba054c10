/** One award batch: its stage stepper and moves, the nomination, the candidates (with ties marked) and their deeds. */
import type { CellValueChangedEvent, ColDef, GridApi, RowClassParams } from 'ag-grid-community';
import { Fragment, useCallback, useMemo, useState } from 'react';
import type { AwardBatchView, AwardCandidateRow } from '../../../../shared/contract/awards';
import { formatTimestamp } from '../../../../shared/domain/dates';
import { AWARD_BASES, AWARD_STAGE_KEYS, AWARD_STAGES, CANDIDATE_STATUSES, awardLevelLabel, type AwardStage } from '../../../../shared/domain/awards';
import { fixed2, formatHundredths } from '../../../../shared/domain/scoring';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { DataGrid, exportGridView, type ExportContext } from '../../components/DataGrid';
import { SimpleTable } from '../../components/SimpleTable';
import { printHref } from '../reports/print-routes';
import { BatchDialog } from './BatchDialog';
import { BulkAddDialog, bulkAddMessage } from './BulkAddDialog';
import { OverlayDialog } from './OverlayDialog';
import { AddCandidateDialog, DisciplineDialog, NominateDialog, ReasonDialog } from './Dialogs';
import { ReorderDialog } from './ReorderDialog';
import { stageBadgeClass } from './stage';

type Open = null | 'edit' | 'nominate' | 'add' | 'bulk' | 'remove' | 'keep' | 'back' | 'discipline' | 'reorder' | 'overlay';

const GRID = '候选人名单';
const UNPUBLISHED_TIP = '表彰发布后才能打印：请先完成审核、公示并发布表彰';

export function BatchView({ batchId, onChanged }: { batchId: number; onChanged: () => void }) {
  const { notify, notifyError } = useAppState();
  const [picked, setPicked] = useState<AwardCandidateRow | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [api, setApi] = useState<GridApi<AwardCandidateRow> | null>(null);
  const { data: view, setData: setView, refresh: load } = useCall('awards.batch', { id: batchId }, [], { onError: notifyError });

  const changed = useCallback(
    (v: AwardBatchView, message: string) => {
      setView(v);
      setOpen(null);
      setPicked((p) => (p ? (v.candidates.find((c) => c.personId === p.personId) ?? null) : null));
      notify(message);
      onChanged();
    },
    [notify, onChanged, setView],
  );

  const batch = view?.batch;
  const published = batch?.stage === 'published';
  const fromPeriod = batch?.basis === 'average' && batch.periodLabel !== null;
  const basisLabel = fromPeriod ? '考核总分' : batch?.basis ? AWARD_BASES[batch.basis] : '依据';

  const rows = useMemo(
    () =>
      [...(view?.candidates ?? [])].sort(
        (a, b) => a.community.localeCompare(b.community, 'zh-CN') || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.sortOrder - b.sortOrder,
      ),
    [view],
  );

  const columns = useMemo<ColDef<AwardCandidateRow>[]>(
    () => [
      { field: 'community', headerName: '社区', width: 96 },
      { field: 'rank', headerName: '排名', headerTooltip: '社区内排名', width: 74, context: { exportType: 'number' } satisfies ExportContext },
      { field: 'name', headerName: '姓名', width: 76 },
      {
        field: 'unitPath',
        headerName: '网格',
        width: 100,
        tooltipField: 'unitPath',
        valueFormatter: (p) => (p.data && p.data.community && String(p.value).startsWith(`${p.data.community} / `) ? String(p.value).slice(p.data.community.length + 3) : String(p.value ?? '')),
      },
      {
        field: 'basisValue',
        headerName: basisLabel,
        width: 86,
        valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : p.data?.basis === 'stars' ? `${String(p.value)}星` : fixed2(Number(p.value))),
      },
      {
        field: 'status',
        headerName: '状态',
        width: 150,
        valueFormatter: (p) =>
          p.value === 'tied' ? (p.data?.tieMark ?? '') : p.value === 'nominated' && p.data?.tieMark ? '入选（并列保留）' : CANDIDATE_STATUSES[p.value as AwardCandidateRow['status']],
        tooltipValueGetter: (p) => p.data?.tieMark ?? '',
        cellClass: (p) => (p.value === 'tied' ? 'award-tied' : p.value === 'removed' ? 'award-removed' : ''),
      },
      {
        colId: 'source',
        headerName: '来源/原因',
        width: 150,
        valueGetter: (p) =>
          p.data?.status === 'removed' ? `移除：${p.data.removeReason}` : p.data?.addedManually ? `手工添加：${p.data.addReason}` : '按排名提名',
        tooltipValueGetter: (p) => String(p.value ?? ''),
      },
      {
        field: 'deeds',
        headerName: '事迹（双击编辑）',
        flex: 1,
        minWidth: 200,
        tooltipField: 'deeds',
        editable: !published,
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
        cellEditorParams: { maxLength: 1000, rows: 6, cols: 50 },
      },
    ],
    [basisLabel, published],
  );

  const onCellValueChanged = useCallback(
    (e: CellValueChangedEvent<AwardCandidateRow>) => {
      if (e.colDef.field !== 'deeds' || !e.data) return;
      const personId = e.data.personId;
      call('awards.saveDeeds', { batchId, personId, deeds: String(e.newValue ?? '') }).then(
        (row) => {
          setView((v) => (v ? { ...v, candidates: v.candidates.map((c) => (c.personId === personId ? row : c)) } : v));
          notify(`已保存${row.name}的事迹`);
        },
        (err: unknown) => {
          notify(errorMessage(err), 'error');
          void load();
        },
      );
    },
    [batchId, notify, load, setView],
  );

  const rowClass = useCallback((p: RowClassParams<AwardCandidateRow>) => (p.data?.status === 'tied' ? 'award-row-tied' : p.data?.status === 'removed' ? 'award-row-removed' : ''), []);

  if (!view || !batch) return <section className="panel" aria-label="表彰批次详情" />;

  const stageIndex = AWARD_STAGE_KEYS.indexOf(batch.stage);
  const next: AwardStage | undefined = AWARD_STAGE_KEYS[stageIndex + 1];
  const back: AwardStage | undefined = stageIndex > 0 && !published ? AWARD_STAGE_KEYS[stageIndex - 1] : undefined;

  const move = async (to: AwardStage, note = '') => {
    const v = await call('awards.moveStage', { batchId, to, note });
    changed(v, to === 'published' ? `“${batch.name}”已表彰发布，共 ${v.batch.nominated} 人` : `已进入${AWARD_STAGES[to]}阶段`);
  };
  const forward = () => {
    if (!next) return;
    if (next === 'published' && !window.confirm(`发布表彰后名单不能再修改，并按级别为受表彰人员记积分。确定发布“${batch.name}”？`)) return;
    move(next).catch((e: unknown) => notify(errorMessage(e), 'error'));
  };

  return (
    <section className="panel award-batch" aria-label="表彰批次详情">
      <div className="panel-head">
        <h2>{batch.name}</h2>
        <span className={stageBadgeClass(batch.stage)} aria-label="批次阶段">
          {AWARD_STAGES[batch.stage]}
        </span>
        <button type="button" className="btn small" disabled={published} onClick={() => setOpen('edit')}>
          编辑批次
        </button>
      </div>
      <div className="award-meta muted">
        {awardLevelLabel(batch.level)}表彰 · {batch.issuer || '未填发文单位'} · 表彰日期 {batch.date}
        {batch.role ? ` · 对象：${batch.role}` : ''} · 名额：{batch.quotaPerUnit ? `每社区${batch.quotaPerUnit}名` : '每社区不限'}，
        {batch.quotaTotal ? `共${batch.quotaTotal}名` : '总数不限'}
        {view.pointsPosted !== 0 ? ` · 已记积分 ${formatHundredths(view.pointsPosted)} 分` : ''}
      </div>
      <div className="award-stepper" role="list" aria-label="表彰阶段">
        {AWARD_STAGE_KEYS.map((s, i) => (
          <Fragment key={s}>
            {i > 0 ? <span className={`award-step-line${i <= stageIndex ? ' done' : ''}`} /> : null}
            <span role="listitem" className={`award-step${i < stageIndex ? ' done' : i === stageIndex ? ' current' : ''}`} aria-current={i === stageIndex ? 'step' : undefined}>
              <b>{i + 1}</b> {AWARD_STAGES[s]}
            </span>
          </Fragment>
        ))}
        <span className="grow" />
        {back ? (
          <button type="button" className="btn" onClick={() => setOpen('back')}>
            退回{AWARD_STAGES[back]}
          </button>
        ) : null}
        {next ? (
          <button type="button" className="btn primary" onClick={forward}>
            {next === 'published' ? '发布表彰' : `提交${AWARD_STAGES[next]}`}
          </button>
        ) : (
          <span className="muted">已于 {batch.publishedAt ? formatTimestamp(batch.publishedAt) : ''} 由{batch.publishedBy}发布，只能查看</span>
        )}
      </div>
      <div className="toolbar">
        <button type="button" className="btn" disabled={batch.stage !== 'initial'} onClick={() => setOpen('nominate')} title={batch.stage !== 'initial' ? '只有初选阶段可以从排名提名' : undefined}>
          从排名提名
        </button>
        <button type="button" className="btn" disabled={published} onClick={() => setOpen('add')}>
          添加
        </button>
        <button type="button" className="btn" disabled={published} onClick={() => setOpen('bulk')} title="勾选或粘贴多人，共用一个添加原因">
          批量添加
        </button>
        <button type="button" className="btn" disabled={published || !picked || picked.status === 'removed'} onClick={() => setOpen('remove')}>
          移除
        </button>
        <button type="button" className="btn" disabled={published || !picked || picked.status === 'nominated'} onClick={() => setOpen('keep')}>
          保留入选
        </button>
        <button type="button" className="btn" disabled={!batch.periodFrom} onClick={() => setOpen('discipline')}>
          通报批评记录
        </button>
        <span className="grow" />
        <span className="count" aria-label="名单人数">
          入选 {batch.nominated} 人{batch.tied > 0 ? <b className="award-tied-count">，并列待定 {batch.tied} 人</b> : null}
          {batch.removed > 0 ? `，已移除 ${batch.removed} 人` : ''}
        </span>
        <button
          type="button"
          className="btn"
          disabled={!api || rows.length === 0}
          onClick={() => {
            if (api) void exportGridView(api, batch.name, `${awardLevelLabel(batch.level)} · ${batch.issuer} · ${batch.date} · ${AWARD_STAGES[batch.stage]}`);
          }}
        >
          导出Excel
        </button>
        <button
          type="button"
          className="btn"
          disabled={published || batch.nominated === 0}
          title={published ? '已表彰发布，名单只读' : '表彰名单“自定顺序”的排列'}
          onClick={() => setOpen('reorder')}
        >
          调整名单顺序
        </button>
        {published ? (
          <>
            <a className="btn" href={printHref('commendation', { batchId: batch.id })}>
              打印表彰名单
            </a>
            <a className="btn" href={printHref('certificate', { batchId: batch.id })}>
              打印荣誉证书
            </a>
            <a className="btn" href={printHref('certificate', { batchId: batch.id, mode: 'overlay' })} title="只打印姓名、单位、荣誉称号、日期等，套在印好的证书纸上">
              套打证书
            </a>
          </>
        ) : (
          <>
            {(['打印表彰名单', '打印荣誉证书', '套打证书'] as const).map((label) => (
              <button key={label} type="button" className="btn" disabled title={UNPUBLISHED_TIP}>
                {label}
              </button>
            ))}
          </>
        )}
        <button type="button" className="btn" onClick={() => setOpen('overlay')} title="设置套打时各项在证书纸上的位置">
          套打设置
        </button>
      </div>
      {view.nomination ? (
        <div className="award-summary" aria-label="提名说明">
          {batch.periodFrom} 至 {batch.periodTo} 按{fromPeriod ? `${batch.periodLabel}总分` : basisLabel}排名：参与排名 {view.nomination.ranked} 人，入选 {view.nomination.selected} 人
          {view.nomination.tied > 0 ? `，名额线上并列 ${view.nomination.tied} 人（请逐一保留或移除）` : ''}；不符合条件 {view.nomination.ineligible} 人
          {Object.keys(view.nomination.reasons).length > 0
            ? `（${Object.entries(view.nomination.reasons)
                .map(([r, n]) => `${r} ${n}人`)
                .join('；')}）`
            : ''}
        </div>
      ) : view.candidates.length === 0 ? (
        <div className="award-summary muted">还没有提名。点“从排名提名”，按期间的考核平均分、积分或星级和名额生成候选名单；或点“批量添加”粘贴名单。</div>
      ) : (
        <div className="award-summary muted" aria-label="提名说明">
          候选人均为手工添加（{view.candidates.length} 人）。也可点“从排名提名”按期间的考核成绩补充候选人，手工添加的保留。
        </div>
      )}
      <div className="award-grid">
        <DataGrid<AwardCandidateRow>
          label={GRID}
          rows={rows}
          columns={columns}
          rowId={(r) => String(r.personId)}
          onSelectionChanged={setPicked}
          onReady={setApi}
          options={{ onCellValueChanged, getRowClass: rowClass, stopEditingWhenCellsLoseFocus: true, tooltipShowDelay: 400 }}
        />
      </div>
      <details className="award-log">
        <summary>阶段记录（{view.log.length}）</summary>
        <SimpleTable label="阶段记录" heads={['时间', '变更', '操作人', '说明']} rows={view.log}>
          {(l) => (
            <tr key={l.id}>
              <td>{formatTimestamp(l.at)}</td>
              <td>{l.from ? `${AWARD_STAGES[l.from]} → ${AWARD_STAGES[l.to]}` : AWARD_STAGES[l.to]}</td>
              <td>{l.actor}</td>
              <td>{l.note}</td>
            </tr>
          )}
        </SimpleTable>
      </details>

      {open === 'edit' ? (
        <BatchDialog
          batch={batch}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            notify('已保存表彰批次');
            void load();
            onChanged();
          }}
        />
      ) : null}
      {open === 'nominate' ? (
        <NominateDialog
          batch={batch}
          onClose={() => setOpen(null)}
          onDone={(v) => changed(v, `已提名 ${v.batch.nominated + v.batch.tied} 人${v.batch.tied > 0 ? `，其中名额线上并列 ${v.batch.tied} 人` : ''}`)}
        />
      ) : null}
      {open === 'add' ? <AddCandidateDialog batch={batch} onClose={() => setOpen(null)} onDone={(v) => changed(v, '已添加候选人')} /> : null}
      {open === 'bulk' ? (
        <BulkAddDialog
          batch={batch}
          onClose={() => setOpen(null)}
          onDone={(r) => changed(r.view, bulkAddMessage(r))}
        />
      ) : null}
      {open === 'overlay' ? <OverlayDialog onClose={() => setOpen(null)} onSaved={() => { setOpen(null); notify('已保存套打位置'); }} /> : null}
      {open === 'remove' && picked ? (
        <ReasonDialog
          title={`移除候选人：${picked.name}`}
          label="移除原因"
          submitLabel="移除"
          placeholder="例如：本年度调岗，经研究不予推荐"
          onClose={() => setOpen(null)}
          onSubmit={async (reason) => changed(await call('awards.removeCandidate', { batchId, personId: picked.personId, reason }), `已移除${picked.name}`)}
        />
      ) : null}
      {open === 'keep' && picked ? (
        <ReasonDialog
          title={`保留入选：${picked.name}`}
          label="保留原因"
          submitLabel="保留"
          placeholder="例如：并列者经考评小组研究均予推荐"
          onClose={() => setOpen(null)}
          onSubmit={async (reason) => changed(await call('awards.keepCandidate', { batchId, personId: picked.personId, reason }), `已保留${picked.name}`)}
        />
      ) : null}
      {open === 'back' && back ? (
        <ReasonDialog
          title={`退回${AWARD_STAGES[back]}阶段`}
          label="退回原因"
          submitLabel="退回"
          placeholder="例如：公示期间有异议，重新审核"
          onClose={() => setOpen(null)}
          onSubmit={(reason) => move(back, reason)}
        />
      ) : null}
      {open === 'reorder' ? (
        <ReorderDialog
          view={view}
          onClose={() => setOpen(null)}
          onDone={(v) => {
            if (v) changed(v, '已按此顺序保存名单');
            else setOpen(null);
          }}
        />
      ) : null}
      {open === 'discipline' && batch.periodFrom && batch.periodTo ? <DisciplineDialog from={batch.periodFrom} to={batch.periodTo} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
