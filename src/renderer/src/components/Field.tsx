/** A labelled form field with its Chinese error right under it. */
import { cloneElement, useId, type ReactElement } from 'react';

export interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  span2?: boolean;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

export function Field({ label, error, hint, required, span2, children }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={`field${span2 ? ' span2' : ''}${error ? ' invalid' : ''}`}>
      <label htmlFor={id} className={required ? 'required' : undefined}>
        {label}
      </label>
      {cloneElement(children, { id, 'aria-invalid': Boolean(error), 'aria-describedby': noteId })}
      {error ? (
        <span id={noteId} className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span id={noteId} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
