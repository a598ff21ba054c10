/** 新建方案: a name, and a blank scheme or one of the built-in templates to start from. */
import { useCallback, useState } from 'react';
import type { SchemeDetail } from '../../../../shared/contract/schemes';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';

/** The template's name, or the first of "name（2）", "name（3）" … that no scheme has yet. */
function freeName(name: string, taken: readonly string[]): string {
  if (!name || !taken.includes(name)) return name;
  for (let n = 2; ; n++) if (!taken.includes(`${name}（${n}）`)) return `${name}（${n}）`;
}

export function NewSchemeDialog({ taken, onClose, onCreated }: { taken: string[]; onClose: () => void; onCreated: (d: SchemeDetail) => void }) {
  const [template, setTemplate] = useState('');
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  // the first template is offered, under a name no scheme has yet
  const { data: templates, error: loadError } = useCall('schemes.templates', {}, [], {
    onData: (list) => {
      const first = list[0];
      if (first) {
        setTemplate(first.key);
        setName((n) => n || freeName(first.name, taken));
      }
    },
  });

  const choose = (key: string) => {
    setTemplate(key);
    if (!nameTouched && key) setName(freeName(templates?.find((t) => t.key === key)?.name ?? '', taken));
  };

  const save = useCallback(async () => onCreated(await call('schemes.create', { name, template })), [name, template, onCreated]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);

  return (
    <Dialog title="新建考核方案" onClose={onClose} onSubmit={submit} busy={busy} error={error ?? loadError} submitLabel="创建" wide
      hint="创建后为草稿，可修改指标，发布后用于月度考核">
      <Field label="方案名称" required error={fieldErrors.name}>
        <input type="text" value={name} maxLength={60} autoFocus
          onChange={(e) => {
            setName(e.target.value);
            setNameTouched(true);
          }} />
      </Field>
      <div className="field" role="radiogroup" aria-label="从何开始" style={{ marginTop: 12 }}>
        <span className="label">从何开始</span>
        <div className="template-list">
          {(templates ?? []).map((t) => (
            <label key={t.key} className={`template${template === t.key ? ' chosen' : ''}`}>
              <input type="radio" name="template" value={t.key} checked={template === t.key} onChange={() => choose(t.key)} />
              <span>
                <b>{t.name}</b>
                <span className="muted small">{t.description}</span>
              </span>
            </label>
          ))}
          <label className={`template${template === '' ? ' chosen' : ''}`}>
            <input type="radio" name="template" value="" checked={template === ''} onChange={() => choose('')} />
            <span>
              <b>空白方案</b>
              <span className="muted small">没有指标，满分100分，等次按默认划分，自行添加指标。</span>
            </span>
          </label>
        </div>
        {fieldErrors.template ? <span className="field-error">{fieldErrors.template}</span> : null}
      </div>
    </Dialog>
  );
}
