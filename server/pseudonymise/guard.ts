// A last guard for what is internal (internal deviations, the internal notes): a text that
// quotes a sentence of it (five words or more, compared without case, accents, punctuation or
// spacing) is dropped whole from anything that leaves the internal room, whoever made it. The
// exports already leave internal records out; this catches internal content copied by hand
// into a shared text, a request or a decision note.
import { fold } from './normalise';

const words = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export type InternalGuard = (text: string) => boolean;

export function internalGuard(internalTexts: readonly string[]): InternalGuard {
  const sentences = [...new Set(internalTexts.flatMap((t) => t.split(/[.!?\n;]+/)).map(words).filter((s) => s.split(' ').length >= 5))];
  if (sentences.length === 0) return () => false;
  return (text) => {
    const w = ` ${words(text)} `;
    return sentences.some((s) => w.includes(` ${s} `));
  };
}

/** What stands in place of a text that quoted internal content. */
export const INTERNAL_DROPPED = '[weggelaten: bevat interne informatie]';
