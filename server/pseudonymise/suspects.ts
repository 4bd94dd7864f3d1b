// Layer c, the flags for review: what the first two layers left that may still identify
// someone. Flagged are: a capitalised word in the middle of a sentence (Dutch capitalises
// names, not nouns) unless it is a term of the field; a capitalised word at the start of a
// sentence that is no Dutch word (dictionary.ts); a word in capitals that is no Dutch word;
// a group of three or more digits that layer b kept as safe (an amount, a count); and anything
// left that looks like a handle or an e-mail address. Nothing is removed here: the person who
// prepares the copy resolves each flag before anyone else sees it.
import { isDutchWord } from './dictionary';
import type { Marker } from './marker';
import { safeNumber } from './numbers';
import { isFieldTerm } from './terms';

const WORD = /(?<![\p{L}\p{N}@])(?:[@#][\p{L}\p{N}_.]+|[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)*|\d[\d.,:/-]*\d|\d)/gu;
const SENTENCE_START = /(?:^|[.!?:;]\s+|\n[\s\-•*–]*|^[\s\-•*–]*)["'„“(\[]*$/u;

export function markSuspects(text: string, marker: Marker): string {
  return text.replace(WORD, (w: string, offset: number, whole: string) => {
    if (w.startsWith('@') || w.startsWith('#')) return w.length > 1 ? marker.suspect(w, 'handle') : w;
    if (/^\d/.test(w)) {
      const digits = w.replace(/\D/g, '').length;
      if (digits < 3) return w;
      const verdict = safeNumber(w, whole.slice(0, offset), whole.slice(offset + w.length));
      return verdict === 'artikel' || verdict === 'wetjaar' || verdict === 'tijd' ? w : marker.suspect(w, 'cijfers');
    }
    if (/@/.test(w)) return marker.suspect(w, 'e-mail');
    if (!/^\p{Lu}/u.test(w)) return w;
    const bare = w.replace(/['’]s$/, '');
    if (isFieldTerm(bare) || bare.length < 2) return w;
    const allCaps = /^[\p{Lu}\-'’]+$/u.test(bare);
    if (allCaps) return isDutchWord(bare) ? w : marker.suspect(w, 'onbekend-woord');
    const atStart = SENTENCE_START.test(whole.slice(0, offset));
    if (!atStart) return marker.suspect(w, 'hoofdletter');
    return isDutchWord(bare) ? w : marker.suspect(w, 'onbekend-woord');
  });
}
