import { useEffect, useState } from 'preact/hooks';

/** What a page loaded, its error, and a way to load it again after a change. */
export interface Loaded<T> {
  readonly value?: T;
  readonly error?: string;
  /**
   * True once a load succeeded (`value` may then be undefined: nothing there). Forms that start from the loaded value
   * wait for it: a late answer would otherwise change a choice the admin already made.
   */
  readonly loaded: boolean;
  reload(): void;
}

/** Loads `load()` when `keys` change (and on `reload`), keeping the last error message. */
export function useLoad<T>(load: () => Promise<T>, keys: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (result) => current && (setValue(result), setError(undefined), setLoaded(true)),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [...keys, version]);
  return { value, error, loaded, reload: () => setVersion((n) => n + 1) };
}
