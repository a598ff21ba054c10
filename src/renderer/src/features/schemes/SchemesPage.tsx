/** 考核方案: the schemes on the left, the chosen scheme's current (or an older, read-only) version on the right. */
import { useCallback, useEffect, useState } from 'react';
import type { SchemeDetail } from '../../../../shared/contract/schemes';
import { useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { NewSchemeDialog } from './NewSchemeDialog';
import { SchemeEditor } from './SchemeEditor';
import { SchemeList } from './SchemeList';

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

  /** A scheme made here (新建, 复制方案) is chosen, at its current version. */
  const showNew = (d: SchemeDetail) => {
    setDirty(false);
    setSelectedId(d.schemeId);
    setVersion(null);
    void loadList();
  };

  return (
    <div className="page" style={{ padding: 12 }}>
      <div className="schemes">
        <SchemeList
          title="考核方案"
          label="考核方案"
          items={schemes?.map((s) => ({
            id: s.id,
            name: s.name,
            note: s.roles.join('、'),
            meta: (
              <>
                {s.publishedVersion !== null ? <span className="badge ok">第{s.publishedVersion}版 已发布</span> : null}
                {s.hasDraft ? <span className="badge draft">草稿</span> : null}
                <span className="muted">{s.months > 0 ? `已用于${s.months}个月` : '未用于考核'}</span>
              </>
            ),
          }))}
          selectedId={selectedId}
          onSelect={select}
          actions={
            <button type="button" className="btn small primary" onClick={() => (!dirty || window.confirm(LEAVE_UNSAVED)) && setCreating(true)}>
              新建方案
            </button>
          }
          empty={
            <>
              <p className="muted">还没有考核方案。可以从“微网格长月度考核”或“网格员月度考核”模板开始，再按本街道的要求修改。</p>
              <button type="button" className="btn primary" onClick={() => setCreating(true)}>
                新建方案
              </button>
            </>
          }
        />

        {detail ? (
          <SchemeEditor
            key={`${detail.schemeId}:${loadCount}`}
            detail={detail}
            onSaved={onSaved}
            onPickVersion={pickVersion}
            onDirtyChange={setDirty}
            taken={schemes?.map((s) => s.name) ?? []}
            onCopied={(d) => {
              notify(`已复制为“${d.name}”，当前为第${d.version}版草稿`);
              showNew(d);
            }}
            onNewVersion={(d) => {
              notify(`已复制为第${d.version}版草稿，可修改后发布`);
              setVersion(null);
              onSaved(d);
            }}
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
            showNew(d);
          }}
        />
      ) : null}
    </div>
  );
}
