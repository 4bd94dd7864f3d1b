// Realistic Yjs edit histories for the collaboration benchmark, from a real Y.Doc: one
// update per keystroke, typed in runs at the cursor with now and then a jump elsewhere or a
// backspace. Deterministic per seed, so ours and the reference get the same documents.
import * as Y from 'yjs';
import { prng } from './prng';

export const TEXT_FIELD = 'bench';

const LETTERS = 'eeeeeeeaaaannnnttrrooiisdlghkmuvjwzbcpf    ,.';

export interface History {
  updates: Uint8Array[];
  bytes: number;
  /** Length of the text after all updates. */
  length: number;
}

export function makeHistory(n: number, seed: number): History {
  const rand = prng(seed);
  const doc = new Y.Doc();
  doc.clientID = 1_000_000 + seed;
  const text = doc.getText(TEXT_FIELD);
  const updates: Uint8Array[] = [];
  let bytes = 0;
  doc.on('update', (u: Uint8Array) => {
    updates.push(u);
    bytes += u.byteLength;
  });
  let cursor = 0;
  while (updates.length < n) {
    const r = rand();
    if (r < 0.05 && text.length > 0) cursor = Math.floor(rand() * (text.length + 1));
    if (r > 0.92 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor -= 1;
    } else {
      text.insert(cursor, LETTERS[Math.floor(rand() * LETTERS.length)]!);
      cursor += 1;
    }
  }
  const length = text.length;
  doc.destroy();
  return { updates, bytes, length };
}
