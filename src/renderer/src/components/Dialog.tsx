/** A modal built on <dialog>: focus stays inside, Esc closes, Enter in a field submits. */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onClose: () => void;
  onSubmit: () => void | Promise<void>;
  submitLabel?: string;
  /** The label of the button that closes without saving (取消). */
  cancelLabel?: string;
  busy?: boolean;
  /** The submit button greyed out without the busy label (nothing to submit yet). */
  submitDisabled?: boolean;
  error?: string | null;
  wide?: boolean;
  hint?: string;
  /** For dialogs that only show something: one 关闭 button. */
  closeOnly?: boolean;
  /** In pixels, for dialogs with wide tables. */
  width?: number;
  children: ReactNode;
}

export function Dialog({ title, onClose, onSubmit, submitLabel = '保存', cancelLabel = '取消', busy, submitDisabled, error, wide, hint, closeOnly, width, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy && !submitDisabled) void onSubmit();
  };
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' wide' : ''}`}
      style={width ? { width } : undefined}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <div className="dialog-head">{title}</div>
        <div className="dialog-body">
          {error ? (
            <div className="form-error" role="alert">
              {error}
            </div>
          ) : null}
          {children}
        </div>
        <div className="dialog-foot">
          {hint ? <span className="hint">{hint}</span> : null}
          {closeOnly ? (
            <button type="submit" className="btn primary">
              关闭
            </button>
          ) : (
            <>
              <button type="button" className="btn" onClick={onClose}>
                {cancelLabel}
              </button>
              <button type="submit" className="btn primary" disabled={busy || submitDisabled}>
                {busy ? '正在保存…' : submitLabel}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
