/**
 * 复制方案: a new name (checked against the schemes there are as it is typed, and by the core), and the copy is made as
 * a draft of everything in the source version. Shared by 考核方案 and 周期考核方案.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { useAppState } from '../../app-state';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';
import { freeCopyName } from './SchemeList';

export function CopySchemeDialog<T>({
  source,
  what,
  taken,
  copy,
  onClose,
  onCopied,
}: {
  /** The scheme and version copied, as the user reads them: “网格员月度考核”第2版（已发布）. */
  source: { name: string; version: number; status: 'draft' | 'published' };
  /** What is copied, in words: 指标、分类、等次、考核组权重 … */
  what: string;
  taken: readonly string[];
  copy: (name: string) => Promise<T>;
  onClose: () => void;
  onCopied: (copied: T) => void;
}) {
  const [name, setName] = useState(() => freeCopyName(source.name, taken));
  const save = useCallback(async () => onCopied(await copy(name)), [copy, name, onCopied]);
  const { busy, error, fieldErrors, submit } = useFormSubmit(save);
  const clash = taken.includes(name.trim()) ? `已有名为“${name.trim()}”的方案，请换一个名称` : undefined;
  return (
    <Dialog title="复制方案" onClose={onClose} onSubmit={submit} submitDisabled={Boolean(clash)} busy={busy} error={error} submitLabel="复制"
      hint="复制后为新方案的第1版草稿，可修改后发布；原方案不变">
      <p className="muted" style={{ marginTop: 0 }}>
        复制“{source.name}”第{source.version}版（{source.status === 'draft' ? '草稿' : '已发布'}）的全部内容：{what}。
      </p>
      <Field label="新方案名称" required error={clash ?? fieldErrors.name}>
        <input type="text" value={name} maxLength={60} autoFocus onChange={(e) => setName(e.target.value)} onFocus={(e) => e.target.select()} />
      </Field>
    </Dialog>
  );
}

/**
 * 复制方案 and 复制为新版本 for an editor of either kind of scheme: each asks first when the form has unsaved changes (the
 * saved content is what is copied); 复制方案 then asks the new name in the dialog this returns.
 */
export function useSchemeCopies<T>(o: {
  source: { name: string; version: number; status: 'draft' | 'published' };
  dirty: boolean;
  run: (action: () => Promise<void>) => Promise<void>;
  what: string;
  taken: readonly string[];
  copy: (name: string) => Promise<T>;
  newVersion: () => Promise<T>;
  onCopied: (copied: T) => void;
  onNewVersion: (next: T) => void;
}): { openCopy: () => void; copyAsVersion: () => Promise<void>; dialog: ReactNode } {
  const { notify } = useAppState();
  const [copying, setCopying] = useState(false);
  const openCopy = () => {
    if (!o.dirty || window.confirm('当前有未保存的修改，复制的是已保存的内容。确定继续吗？')) setCopying(true);
  };
  const copyAsVersion = () =>
    o.run(async () => {
      if (o.dirty && !window.confirm('当前有未保存的修改，复制为新版本将不保存这些修改。确定继续吗？')) return;
      try {
        o.onNewVersion(await o.newVersion());
      } catch (e) {
        notify(errorMessage(e), 'error');
      }
    });
  const dialog = copying ? (
    <CopySchemeDialog
      source={o.source}
      what={o.what}
      taken={o.taken}
      copy={o.copy}
      onClose={() => setCopying(false)}
      onCopied={(copied) => {
        setCopying(false);
        o.onCopied(copied);
      }}
    />
  ) : null;
  return { openCopy, copyAsVersion, dialog };
}
