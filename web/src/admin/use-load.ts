import { useEffect, useState } from 'preact/hooks';

/** What a page loaded, its error, and a way to load it again after a change. */
export interface Loaded<T> {
  readonly value?: T;
  readonly error?: string;
  reload(): void;
}

/** Loads `load()` when `keys` change (and on `reload`), keeping the last error message. */
export function useLoad<T>(load: () => Promise<T>, keys: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (loaded) => current && (setValue(loaded), setError(undefined)),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [...keys, version]);
  return { value, error, reload: () => setVersion((n) => n + 1) };
}
