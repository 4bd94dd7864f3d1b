import { useState } from 'react';

/**
 * Runs one request at a time for a button or a form without field errors, keeping its error to
 * show beside it (forms with fields use useSubmit). `run` says whether it succeeded; a local
 * check that fails throws an Error with the Dutch message.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(fn: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
