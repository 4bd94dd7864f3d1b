import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { readSignal, type Signal } from '../../../shared/plan/signals';
import { useDocValue } from './useDocValue';

/**
 * Calls `reload` whenever the server signals (through the plan's Y.Doc) that its records of
 * this kind changed, e.g. someone signed a verdict. Not on mount: the caller loads first.
 */
export function useSignal(doc: Y.Doc, signal: Signal, reload: () => void): void {
  const value = useDocValue(doc, (d) => readSignal(d, signal));
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reloadRef.current();
  }, [value]);
}
