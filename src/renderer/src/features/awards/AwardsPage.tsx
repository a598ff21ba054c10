/** 表彰: award batches (with their stages), nominations from a period's ranking, candidates with deeds, publishing. */
import { useState } from 'react';
import { AWARD_STAGES, awardLevelLabel } from '../../../../shared/domain/awards';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { BatchDialog } from './BatchDialog';
import { BatchView } from './BatchView';
import { stageBadgeClass } from './stage';

export function AwardsPage() {
  const { notify, notifyError } = useAppState();
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const { data: batches, refresh: reload } = useCall('awards.batches', {}, [], {
    onError: notifyError,
    // the batch shown stays while it exists, else the first
    onData: (list) => setSelected((s) => (s !== null && list.some((b) => b.id === s) ? s : (list[0]?.id ?? null))),
  });

  return (
    <div className="page" style={{ padding: 12 }}>
      <div className="schemes awards">
        <section className="panel" aria-label="表彰批次列表">
          <div className="panel-head">
            <h2>表彰批次</h2>
            <button type="button" className="btn small primary" onClick={() => setCreating(true)}>
              新建表彰批次
            </button>
          </div>
          <div className="panel-body">
            {batches?.length === 0 ? (
              <div style={{ padding: 12 }}>
                <p className="muted">还没有表彰批次。可以从“年度优秀网格员”“十佳楼栋长”“抗疫先进个人”等模板开始。</p>
              </div>
            ) : (
              <ul className="scheme-list" role="listbox" aria-label="表彰批次">
                {(batches ?? []).map((b) => (
                  <li
                    key={b.id}
                    role="option"
                    aria-selected={b.id === selected}
                    tabIndex={0}
                    onClick={() => setSelected(b.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setSelected(b.id);
                      }
                    }}
                  >
                    <div className="scheme-name" title={b.name}>
                      {b.name}
                    </div>
                    <div className="scheme-meta">
                      <span className={stageBadgeClass(b.stage)}>{AWARD_STAGES[b.stage]}</span>
                      <span className="muted">
                        {awardLevelLabel(b.level)} · {b.date}
                      </span>
                    </div>
                    <div className="muted small">
                      {b.stage === 'published' ? `受表彰 ${b.nominated} 人` : `入选 ${b.nominated} 人`}
                      {b.tied > 0 ? `，并列待定 ${b.tied} 人` : ''}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
        {selected !== null ? (
          <BatchView key={selected} batchId={selected} onChanged={reload} />
        ) : (
          <section className="panel scheme-editor empty" aria-label="表彰批次详情">
            <p className="muted" style={{ padding: 16 }}>
              新建表彰批次后，在这里从排名中提名、审核、公示并发布表彰。
            </p>
          </section>
        )}
      </div>
      {creating ? (
        <BatchDialog
          batch={null}
          onClose={() => setCreating(false)}
          onSaved={(b) => {
            setCreating(false);
            notify(`已新建表彰批次“${b.name}”`);
            setSelected(b.id);
            void reload();
          }}
        />
      ) : null}
    </div>
  );
}
