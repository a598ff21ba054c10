/**
 * 复制方案: a new name (checked against the schemes there are as it is typed, and by the core), and the copy is made as
 * a draft of everything in the source version. Shared by 考核方案 and 周期考核方案.
 */
import { useCallback, useState } from 'react';
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
