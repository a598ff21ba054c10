/** 考核方案: the schemes on the left, the chosen scheme's current (or an older, read-only) version on the right. */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SchemeDetail } from '../../../../shared/contract/schemes';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { NewSchemeDialog } from './NewSchemeDialog';
import { SchemeEditor } from './SchemeEditor';

const LEAVE_UNSAVED = '当前方案有未保存的修改，离开将丢失这些修改。确定离开吗？';

export function SchemesPage() {
  const { notify, notifyError } = useAppState();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  /** null: the current version (the draft, or the newest published one). */
  const [version, setVersion] = useState<number | null>(null);
  /** Bumped to rebuild the editor from the store (another scheme or version, a new scheme). */
  const [loadCount, setLoadCount] = useState(0);
  const [creating, setCreating] = useState(false);
  const [dirty, setDirty] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  const { data: schemes, refresh: loadList } = useCall('schemes.list', {}, [], {
    onError: notifyError,
    onData: (list) => setSelectedId((id) => (id !== null && list.some((s) => s.id === id) ? id : (list[0]?.id ?? null))),
  });
  const { data: detail, setData: setDetail } = useCall(
    'schemes.get',
    selectedId === null ? null : { schemeId: selectedId, ...(version === null ? {} : { version }) },
    [],
    {
      onError: notifyError,
      onData: () => {
        setDirty(false);
        setLoadCount((n) => n + 1);
      },
    },
  );

  // Closing the window or reloading with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const select = (id: number) => {
    if (id === selectedId) return;
    if (dirty && !window.confirm(LEAVE_UNSAVED)) return;
    setSelectedId(id);
    setVersion(null);
  };
  const pickVersion = (v: number) => {
    if (!detail || v === detail.version) return;
    if (dirty && !window.confirm(LEAVE_UNSAVED)) return;
    setVersion(v === detail.versions[0]?.version ? null : v);
  };
  const onSaved = useCallback(
    (d: SchemeDetail) => {
      setDetail(d);
      void loadList();
    },
    [loadList, setDetail],
  );

  // Arrow keys walk the list, as in the roster tree.
  const onListKey = (e: KeyboardEvent) => {
    if (!schemes || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const at = schemes.findIndex((s) => s.id === selectedId);
    const next = schemes[Math.max(0, Math.min(schemes.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      select(next.id);
      listRef.current?.querySelector<HTMLElement>(`[data-id="${next.id}"]`)?.focus();
    }
  };

  return (
    <div className="page" style={{ padding: 12 }}>
      <div className="schemes">
        <section className="panel" aria-label="方案列表">
          <div className="panel-head">
            <h2>考核方案</h2>
            <button type="button" className="btn small primary" onClick={() => (!dirty || window.confirm(LEAVE_UNSAVED)) && setCreating(true)}>
              新建方案
            </button>
          </div>
          <div className="panel-body">
            {schemes === undefined ? null : schemes.length === 0 ? (
              <div style={{ padding: 16 }}>
                <p className="muted">还没有考核方案。可以从“微网格长月度考核”或“网格员月度考核”模板开始，再按本街道的要求修改。</p>
                <button type="button" className="btn primary" onClick={() => setCreating(true)}>
                  新建方案
                </button>
              </div>
            ) : (
              <ul className="scheme-list" role="listbox" aria-label="考核方案" ref={listRef} onKeyDown={onListKey}>
                {schemes.map((s) => (
                  <li
                    key={s.id}
                    role="option"
                    data-id={s.id}
                    aria-selected={s.id === selectedId}
                    tabIndex={s.id === selectedId || (selectedId === null && s === schemes[0]) ? 0 : -1}
                    onClick={() => select(s.id)}
                    onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select(s.id))}
                  >
                    <div className="scheme-name" title={s.name}>
                      {s.name}
                    </div>
                    <div className="scheme-meta">
                      {s.publishedVersion !== null ? <span className="badge ok">第{s.publishedVersion}版 已发布</span> : null}
                      {s.hasDraft ? <span className="badge draft">草稿</span> : null}
                      <span className="muted">{s.months > 0 ? `已用于${s.months}个月` : '未用于考核'}</span>
                    </div>
                    <div className="scheme-roles muted" title={s.roles.join('、')}>
                      {s.roles.join('、')}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>

        {detail ? (
          <SchemeEditor
            key={`${detail.schemeId}:${loadCount}`}
            detail={detail}
            onSaved={onSaved}
            onPickVersion={pickVersion}
            onDirtyChange={setDirty}
          />
        ) : (
          <section className="panel scheme-editor empty" aria-label="方案编辑">
            <p className="muted">{schemes?.length ? '请在左侧选择一个方案' : '新建方案后在这里编辑考核指标、满分和等次。'}</p>
          </section>
        )}
      </div>

      {creating ? (
        <NewSchemeDialog
          taken={schemes?.map((s) => s.name) ?? []}
          onClose={() => setCreating(false)}
          onCreated={(d) => {
            setCreating(false);
            notify(`已创建“${d.name}”，当前为第${d.version}版草稿`);
            setDirty(false);
            setSelectedId(d.schemeId);
            setVersion(null);
            void loadList();
          }}
        />
      ) : null}
    </div>
  );
}
