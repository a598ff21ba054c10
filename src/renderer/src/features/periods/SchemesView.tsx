/** 考核方案 of 年度考核: the period schemes on the left, the chosen one's version on the right; 新建方案 by name and kind. */
import { useCallback, useEffect, useState } from 'react';
import type { PeriodSchemeDetail, PeriodSchemeSummary } from '../../../../shared/contract/periods';
import { STAR_PERIOD_KIND_KEYS, STAR_PERIOD_KINDS, type StarPeriodKind } from '../../../../shared/domain/stars';
import { call } from '../../api/client';
import { NONE, useCall } from '../../api/useCall';
import { useAppState } from '../../app-state';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { useFormSubmit } from '../../components/useFormSubmit';
import { SchemeList } from '../schemes/SchemeList';
import { PeriodSchemeEditor } from './PeriodSchemeEditor';

import { LEAVE_UNSAVED } from './labels';

export function SchemesView({
  schemes,
  canEdit,
  onChanged,
  onDirtyChange,
}: {
  schemes: PeriodSchemeSummary[];
  canEdit: boolean;
  onChanged: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const { notify, notifyError } = useAppState();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [loadCount, setLoadCount] = useState(0);
  const [creating, setCreating] = useState(false);
  const [dirty, setDirty] = useState(false);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    setSelectedId((id) => (id !== null && schemes.some((s) => s.id === id) ? id : (schemes[0]?.id ?? null)));
  }, [schemes]);

  const { data: monthSchemes } = useCall('schemes.list', {}, [], { onError: notifyError });
  const { data: detail, setData: setDetail } = useCall(
    'periods.getScheme',
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

  const leave = () => !dirty || window.confirm(LEAVE_UNSAVED);
  const select = (id: number) => {
    if (id === selectedId || !leave()) return;
    setSelectedId(id);
    setVersion(null);
  };
  const pickVersion = (v: number) => {
    if (!detail || v === detail.version || !leave()) return;
    setVersion(v === detail.versions.at(-1)?.version ? null : v);
  };
  const onSaved = useCallback(
    (d: PeriodSchemeDetail) => {
      setDetail(d);
      onChanged();
    },
    [onChanged, setDetail],
  );

  /** A scheme made here (新建, 复制方案) is chosen, at its current version. */
  const showNew = (d: PeriodSchemeDetail) => {
    setDirty(false);
    setSelectedId(d.schemeId);
    setVersion(null);
    onChanged();
  };

  return (
    <div className="schemes period-schemes">
      <SchemeList
        title="周期考核方案"
        label="周期考核方案"
        items={schemes.map((s) => ({
          id: s.id,
          name: s.name,
          meta: (
            <>
              <span className="badge">{STAR_PERIOD_KINDS[s.kind]}</span>
              {s.publishedVersion !== null ? <span className="badge ok">第{s.publishedVersion}版 已发布</span> : null}
              {s.hasDraft ? <span className="badge draft">草稿</span> : null}
              <span className="muted">{s.periods > 0 ? `已用于${s.periods}期` : '未用于考核'}</span>
            </>
          ),
        }))}
        selectedId={selectedId}
        onSelect={select}
        actions={
          canEdit ? (
            <button type="button" className="btn small primary" onClick={() => leave() && setCreating(true)}>
              新建方案
            </button>
          ) : null
        }
        empty={<p className="muted">还没有周期考核方案。{canEdit ? '请点击“新建方案”，选择季度、半年或年度。' : '请管理员新建。'}</p>}
      />
      {detail ? (
        <PeriodSchemeEditor
          key={`${detail.schemeId}:${loadCount}`}
          detail={detail}
          monthSchemes={monthSchemes ?? NONE}
          canEdit={canEdit}
          onSaved={onSaved}
          onPickVersion={pickVersion}
          onDirtyChange={setDirty}
          taken={schemes.map((s) => s.name)}
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
        <section className="panel scheme-editor empty" aria-label="周期考核方案编辑">
          <p className="muted">新建方案后在这里设置构成、权重、定等规则和等次。</p>
        </section>
      )}
      {creating ? (
        <NewPeriodSchemeDialog
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

function NewPeriodSchemeDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (d: PeriodSchemeDetail) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<StarPeriodKind | null>('year');
  const save = useCallback(async () => {
    if (!kind) throw new Error('请选择考核周期');
    onCreated(await call('periods.createScheme', { name, kind }));
  }, [name, kind, onCreated]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  return (
    <Dialog title="新建周期考核方案" onClose={onClose} onSubmit={submit} busy={busy} error={error} submitLabel="创建" hint="创建后为草稿，按默认规则填好，可修改后发布">
      <div className="form-grid">
        <Field label="方案名称" required error={fieldErrors.name}>
          <input type="text" value={name} maxLength={60} autoFocus onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="考核周期" required error={fieldErrors.kind}>
          <Select choices={STAR_PERIOD_KIND_KEYS.map((k) => ({ value: k, label: STAR_PERIOD_KINDS[k] }))} value={kind} onChange={setKind} />
        </Field>
      </div>
    </Dialog>
  );
}
