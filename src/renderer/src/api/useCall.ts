/**
 * Reading data for a component: `useCall('people.list', input, deps)` → { data, error, loading, refresh, setData }.
 * It reads again when the input (compared by value) or a dep changes, and drops an answer that comes after newer
 * inputs, a refresh or the component's unmounting, so a slow old answer never overwrites a newer one. Writes
 * triggered by buttons stay plain `call(...)`.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import { call, errorMessage } from './client';

export interface Loaded<T> {
  /** The last answer; undefined before the first one, and while there is nothing to read (a null input). */
  data: T | undefined;
  /** The failure of the last read, in Chinese; null after a good one. */
  error: string | null;
  loading: boolean;
  /** Reads again now (after a write); resolves once the answer is in. */
  refresh: () => Promise<void>;
  /** Puts data in place without reading (a write returned the new state); a read still on its way is dropped. */
  setData: (update: T | undefined | ((current: T | undefined) => T | undefined)) => void;
}

export interface LoadOptions<T> {
  /** A failure's message, besides `error`: most pages show it as a toast. */
  onError?: (message: string) => void;
  /** Each answer as it arrives (to pick a default selection from it). */
  onData?: (data: T) => void;
}

interface State<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
}

/** The general form: `load` (null: nothing to read) runs when a dep changes. */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: DependencyList, options: LoadOptions<T> = {}): Loaded<T> {
  const [state, setState] = useState<State<T>>({ data: undefined, error: null, loading: load !== null });
  // the newest load and options, for refresh(): callers need not keep them stable
  const latest = useRef({ load, options });
  useEffect(() => {
    latest.current = { load, options };
  });
  // each read has a number; only the newest one's answer is taken
  const seq = useRef(0);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async () => {
    const mine = ++seq.current;
    const { load: read, options: opts } = latest.current;
    if (!read) {
      setState({ data: undefined, error: null, loading: false });
      return;
    }
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    try {
      const data = await read();
      if (mine !== seq.current || !mounted.current) return;
      setState({ data, error: null, loading: false });
      opts.onData?.(data);
    } catch (e) {
      if (mine !== seq.current || !mounted.current) return;
      const message = errorMessage(e);
      setState((s) => ({ ...s, error: message, loading: false }));
      opts.onError?.(message);
    }
  }, []);

  useEffect(() => {
    void run();
    // the caller's deps say when to read again; the load itself is taken from `latest`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const setData = useCallback((update: T | undefined | ((current: T | undefined) => T | undefined)) => {
    seq.current++; // what a write returned is newer than any read still on its way
    setState((s) => ({
      data: typeof update === 'function' ? (update as (current: T | undefined) => T | undefined)(s.data) : update,
      error: null,
      loading: false,
    }));
  }, []);

  return { ...state, refresh: run, setData };
}

/** One call: read again when its input changes (by value) or a dep does; a null input reads nothing. */
export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N> | null,
  deps: DependencyList = [],
  options: LoadOptions<CallOutput<N>> = {},
): Loaded<CallOutput<N>> {
  const key = input === null ? null : JSON.stringify(input);
  return useLoad(input === null ? null : () => call(name, input), [name, key, ...deps], options);
}

/** The empty list to show before the first answer: one array, so what depends on it does not change each render. */
export const NONE: never[] = [];
