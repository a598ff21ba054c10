/** 第二备份文件夹: a USB disk or a network share that every checked backup is copied to as well. */
import { useCallback, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { useAppState } from '../../app-state';
import { Field } from '../../components/Field';
import { useFormSubmit } from '../../components/useFormSubmit';

export function SecondBackupDir({ current, onSaved }: { current: string | null; onSaved: () => void }) {
  const { notify } = useAppState();
  const [dir, setDir] = useState(current ?? '');
  const save = useCallback(async () => {
    const saved = await call('system.setSecondBackupDir', { dir });
    notify(saved.dir ? `以后每份备份校验通过后都会复制到 ${saved.dir}` : '已取消第二备份文件夹');
    onSaved();
  }, [dir, notify, onSaved]);
  const { submit, busy, error, fieldErrors } = useFormSubmit(save);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return (
    <form className="second-backup" onSubmit={onSubmit} aria-label="第二备份文件夹">
      <Field label="第二备份文件夹（U 盘或共享文件夹；留空则不复制）" error={fieldErrors.dir ?? error ?? undefined}>
        <input type="text" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="例如 E:\网格考评备份" style={{ width: 420 }} />
      </Field>
      <button type="submit" className="btn" disabled={busy}>
        {busy ? '正在检查…' : '保存'}
      </button>
    </form>
  );
}
