import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from './api.ts';
import { useLocation } from './router.tsx';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(d: T): void;
}

/**
 * Loads something when `deps` change; a newer load aborts the older one, and unmounting aborts
 * the last, so a slow stale answer never overwrites a newer one. `loading` is true from the very
 * render in which `deps` change (the data shown until then belongs to the previous deps).
 */
export const useLoad = <T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> => {
  const [tick, setTick] = useState(0);
  const key = [...deps, tick].map(String).join('\u0000');
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loadedKey: string | null }>({ data: undefined, error: undefined, loadedKey: null });
  useEffect(() => {
    const ac = new AbortController();
    setState((s) => ({ ...s, error: undefined, loadedKey: null }));
    load(ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setState({ data, error: undefined, loadedKey: key });
      },
      (error: unknown) => {
        if (!ac.signal.aborted && !isAbort(error)) setState((s) => ({ ...s, error, loadedKey: key }));
      },
    );
    return () => ac.abort();
  }, [key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((data: T) => setState((s) => ({ ...s, data, error: undefined })), []);
  return { data: state.data, error: state.error, loading: state.loadedKey !== key, reload, setData };
};

/** Calls `fn` every `ms` while `active`; stops on unmount. `fn` returning false stops it too. */
export const usePoll = (fn: () => Promise<boolean | void>, ms: number, active: boolean): void => {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: number | undefined;
    const tickOnce = async () => {
      let again: boolean | void = true;
      try {
        again = await saved.current();
      } catch {
        again = true; // a failed poll (a blip on the line) tries again
      }
      if (!stopped && again !== false) timer = window.setTimeout(tickOnce, ms);
    };
    timer = window.setTimeout(tickOnce, ms);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [active, ms]);
};

/** 0.5 s, 1 s, 2 s, 4 s, then every 5 s: quick while a file is usually done, gentle after. */
const backoff = (n: number) => Math.min(5000, 500 * 2 ** Math.min(n, 4));

/**
 * `usePoll` with a growing pause between calls (a document being read and indexed), starting
 * over from the shortest pause each time it becomes active.
 */
export const useBackoffPoll = (fn: () => Promise<boolean | void>, active: boolean): void => {
  const polls = useRef(0);
  const [delay, setDelay] = useState(backoff(0));
  useEffect(() => {
    if (!active) return;
    polls.current = 0;
    setDelay(backoff(0));
  }, [active]);
  usePoll(
    async () => {
      const again = await fn();
      polls.current += 1;
      setDelay(backoff(polls.current));
      return again;
    },
    delay,
    active,
  );
};

/** Sets the tab title for a page. */
export const useTitle = (title: string, office?: string): void => {
  useEffect(() => {
    document.title = [title, office || 'Naskah'].filter(Boolean).join(' · ');
  }, [title, office]);
};

/** An object URL for a blob, revoked when the blob changes or the component goes away. */
export const useObjectUrl = (blob: Blob | null): string | null => {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
};

/**
 * A success message that does not outstay its news (issue 18): gone when the reader moves to
 * another page or address, or types or chooses anything anywhere on the page, so a "saved" never
 * sits beside a form already holding new, unsaved input.
 */
export const useSuccess = <T>(): [T | null, (v: T | null) => void] => {
  const [value, setValue] = useState<T | null>(null);
  const { href } = useLocation();
  useEffect(() => setValue(null), [href]);
  useEffect(() => {
    if (value === null) return;
    // After the event has run its course: the field's own handlers (a checkbox fires input, then
    // change) must store the new value first, or the re-render this causes would put the old
    // value back into a controlled field.
    const clear = () => setTimeout(() => setValue(null));
    document.addEventListener('input', clear);
    document.addEventListener('change', clear);
    return () => {
      document.removeEventListener('input', clear);
      document.removeEventListener('change', clear);
    };
  }, [value]);
  return [value, setValue];
};
