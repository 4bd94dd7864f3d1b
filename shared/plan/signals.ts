// Records that are decided on the server (signatures, conclusions, goals) are not CRDT fields.
// To let everyone at the table see such a change at once, the server bumps a counter in the
// plan's Y.Doc after it committed; clients observe it and fetch the records again. A client
// that bumps a counter itself only causes a harmless refetch.
import type * as Y from 'yjs';

// 'overleg' lives in a conference's own room: attendance, timer, decisions or the close changed.
export const SIGNALS = ['toets', 'doelen', 'overleg'] as const;
export type Signal = (typeof SIGNALS)[number];

const signals = (doc: Y.Doc) => doc.getMap<unknown>('signalen');

export function readSignal(doc: Y.Doc, key: Signal): number {
  const v = signals(doc).get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function bumpSignal(doc: Y.Doc, key: Signal): void {
  signals(doc).set(key, readSignal(doc, key) + 1);
}
