/**
 * 调整名单顺序: the recipients of each community in the order the 表彰名单 prints in 自定顺序. 上移/下移, or Alt+↑ /
 * Alt+↓ on a name (↑ / ↓ alone walk the list); 保存顺序 saves each community whose order changed.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AwardBatchView, AwardCandidateRow } from '../../../../shared/contract/awards';
import { treeOrderOf } from '../../../../shared/domain/org';
import { padName } from '../../../../shared/domain/stroke-order';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { Dialog } from '../../components/Dialog';
import { useFormSubmit } from '../../components/useFormSubmit';

interface Group {
  community: string;
  /** The recipients' person ids in the order wanted. */
  ids: number[];
}

/** The batch's recipients by community (communities in the tree's order), each in the batch's order. */
function groupsOf(candidates: AwardCandidateRow[], place: (c: AwardCandidateRow) => number): Group[] {
  const groups = new Map<number | string, { community: string; rows: AwardCandidateRow[] }>();
  for (const c of candidates.filter((x) => x.status === 'nominated')) {
    const key = c.communityId ?? c.community;
    const g = groups.get(key);
    if (g) g.rows.push(c);
    else groups.set(key, { community: c.community || '其他', rows: [c] });
  }
  return [...groups.values()]
    .sort((a, b) => place(a.rows[0]!) - place(b.rows[0]!))
    .map((g) => ({ community: g.community, ids: [...g.rows].sort((a, b) => a.sortOrder - b.sortOrder).map((c) => c.personId) }));
}

/** The unit below the community (固戍社区 / 第01网格 → 第01网格). */
function unitOf(c: AwardCandidateRow): string {
  return c.community && c.unitPath.startsWith(`${c.community} / `) ? c.unitPath.slice(c.community.length + 3) : c.unitPath;
}

export function ReorderDialog({ view, onClose, onDone }: { view: AwardBatchView; onClose: () => void; onDone: (v: AwardBatchView | null) => void }) {
  // the communities in the tree's order; without the tree, in the batch's
  const { data: units, error: treeError } = useCall('org.tree', {});
  const order = useMemo(() => (units ? treeOrderOf(units) : treeError ? new Map<number, number>() : null), [units, treeError]);
  const byId = useMemo(() => new Map(view.candidates.map((c) => [c.personId, c])), [view]);
  const initial = useMemo(
    () => (order ? groupsOf(view.candidates, (c) => order.get(c.communityId ?? -1) ?? order.get(c.unitId ?? -1) ?? Infinity) : []),
    [view, order],
  );
  const [groups, setGroups] = useState<Group[]>([]);
  useEffect(() => setGroups(initial), [initial]);

  // After a move the moved name keeps the focus, so Alt+↑ can be pressed again and again.
  const items = useRef(new Map<number, HTMLLIElement>());
  const [focusId, setFocusId] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (focusId !== null) items.current.get(focusId)?.focus();
  }, [focusId, groups]);

  const move = (g: number, i: number, delta: -1 | 1) => {
    const ids = [...groups[g]!.ids];
    const j = i + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    setGroups(groups.map((x, k) => (k === g ? { ...x, ids } : x)));
    setFocusId(ids[j]!);
  };

  const onKey = (e: KeyboardEvent<HTMLLIElement>, g: number, i: number) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const delta = e.key === 'ArrowUp' ? -1 : 1;
    if (e.altKey) move(g, i, delta);
    else {
      const next = groups[g]!.ids[i + delta];
      if (next !== undefined) items.current.get(next)?.focus();
    }
  };

  const changed = groups.filter((g, k) => g.ids.join() !== initial[k]?.ids.join());
  const save = useCallback(async () => {
    let last: AwardBatchView | null = null;
    for (const g of changed) last = await call('awards.reorderCandidates', { batchId: view.batch.id, personIds: g.ids });
    onDone(last);
  }, [changed, view.batch.id, onDone]);
  const { busy, error, submit } = useFormSubmit(save);

  return (
    <Dialog
      title="调整名单顺序"
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      error={error}
      submitLabel="保存顺序"
      hint="选中姓名后按 Alt+↑ / Alt+↓ 移动；打印表彰名单时选“自定顺序”即按此顺序排列"
      wide
    >
      {groups.length === 0 ? <p className="muted">{order ? '没有入选人员。' : '正在读取…'}</p> : null}
      <div className="reorder-groups">
        {groups.map((g, k) => (
          <section key={`${k}-${g.community}`} className="reorder-group" aria-label={g.community}>
            <h3>
              {g.community}（{g.ids.length}名）{changed.includes(g) ? <span className="reorder-changed">已调整</span> : null}
            </h3>
            <ol className="reorder-list" aria-label={`${g.community}名单顺序`}>
              {g.ids.map((id, i) => {
                const c = byId.get(id)!;
                return (
                  <li
                    key={id}
                    tabIndex={0}
                    aria-label={c.name}
                    ref={(el) => {
                      if (el) items.current.set(id, el);
                      else items.current.delete(id);
                    }}
                    onKeyDown={(e) => onKey(e, k, i)}
                  >
                    <span className="reorder-seq">{i + 1}</span>
                    <span className="reorder-name">{padName(c.name)}</span>
                    <span className="reorder-unit muted">{unitOf(c)}</span>
                    <button type="button" className="btn small" tabIndex={-1} disabled={i === 0} onClick={() => move(k, i, -1)}>
                      上移
                    </button>
                    <button type="button" className="btn small" tabIndex={-1} disabled={i === g.ids.length - 1} onClick={() => move(k, i, 1)}>
                      下移
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
