/** Submitting a form to the core: busy while it runs, each field's Chinese error from the call, or one message. */
import { useCallback, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';

export interface FormSubmit {
  busy: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  submit: () => Promise<void>;
  setFieldError: (field: string, message: string | null) => void;
}

export function useFormSubmit(action: () => Promise<void>): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const setFieldError = useCallback((field: string, message: string | null) => {
    setFieldErrors((all) => {
      const next = { ...all };
      if (message) next[field] = message;
      else delete next[field];
      return next;
    });
  }, []);
  const submit = useCallback(async () => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        setFieldErrors(Object.fromEntries(e.issues.map((i) => [i.field, i.message])));
        // Issues that name no field on the form still need to be read.
        setError(e.issues.length > 1 ? `有 ${e.issues.length} 处需要修改，请看标红的内容` : e.message);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }, [action]);
  return { busy, error, fieldErrors, submit, setFieldError };
}
