// Signals about internal records (an internal deviation decided, linked or unlinked) travel
// through the internal room only, never the shared plan (shared/plan/signals.ts, and
// server/plan/plan-doc.ts signalPlan). The internal room is opened once, by InternSection,
// for staff only; it lends its document here so other sections of the same case page can
// follow those signals without a second connection.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readSignal, type Signal } from '../../../shared/plan/signals';

const docs = new Map<string, Y.Doc>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Called by InternSection while its room is open; returns the way to take it back. */
export function lendInternDoc(caseId: string, doc: Y.Doc): () => void {
  docs.set(caseId, doc);
  notify();
  return () => {
    if (docs.get(caseId) === doc) docs.delete(caseId);
    notify();
  };
}

const subscribe = (onChange: () => void) => {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
};

/** Like useSignal, for the internal room of this case; does nothing for people without one. */
export function useInternSignal(caseId: string, signal: Signal, reload: () => void): void {
  const doc = useSyncExternalStore(subscribe, () => docs.get(caseId) ?? null);
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });
  useEffect(() => {
    if (!doc) return;
    let last = readSignal(doc, signal);
    const onUpdate = () => {
      const now = readSignal(doc, signal);
      if (now === last) return;
      last = now;
      reloadRef.current();
    };
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [doc, signal]);
}
