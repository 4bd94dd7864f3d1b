import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from the Y.Doc through one of the accessors in shared/plan/doc.ts, kept
 * current on every change. Re-renders only when the read value really changed, so typing
 * in a text section does not redraw the household table.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const cache = useRef<{ doc: Y.Doc; key: string; value: T } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    [doc],
  );
  const snapshot = () => {
    const value = read(doc);
    const key = JSON.stringify(value);
    if (!cache.current || cache.current.doc !== doc || cache.current.key !== key) cache.current = { doc, key, value };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, snapshot);
}
