import { useCallback, useEffect, useState } from 'react';

/** Loads data on mount (and when `key` changes); `reload` fetches again, `set` replaces it. */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(() => {
    setError(null);
    load().then(setData, setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(run, [run]);
  return { data, error, reload: run, set: setData };
}
