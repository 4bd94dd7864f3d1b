// A readability indication for Dutch text written for a household (B1, "eenvoudige taal").
// It uses the Flesch-Douma formula, the Dutch adaptation of Flesch reading ease:
//   206.835 - 0.93 × (words per sentence) - 77 × (syllables per word).
// A formula cannot judge whether a text is clear, so the writer also gets the two things it
// counts that they can act on: long sentences and long words. The thresholds are a guide, not
// a B1 certificate; the level names say so.

/** Sentences longer than this are hard to follow for many readers (a common B1 guideline). */
export const LONG_SENTENCE_WORDS = 15;
/** Words of this many syllables or more are flagged as long. */
export const LONG_WORD_SYLLABLES = 4;

export type ReadabilityLevel = 'leeg' | 'eenvoudig' | 'redelijk' | 'moeilijk';

export interface Readability {
  level: ReadabilityLevel;
  /** Flesch-Douma reading ease, rounded; null for an empty text. */
  score: number | null;
  words: number;
  sentences: number;
  longSentences: number;
  longWords: string[];
}

export const READABILITY_LABELS: Record<ReadabilityLevel, string> = {
  leeg: 'Nog geen tekst',
  eenvoudig: 'Goed leesbaar (ongeveer B1)',
  redelijk: 'Redelijk leesbaar: maak zinnen of woorden korter',
  moeilijk: 'Moeilijk leesbaar: kortere zinnen en gewone woorden helpen',
};

const VOWEL = 'aeiouyàáâäèéêëìíîïòóôöùúûü';
const DIAERESIS = 'äëïöü';

/** Syllables of one Dutch word: vowel groups, where a diaeresis starts a new one (ideeën, geïnd). */
export function syllables(word: string): number {
  let count = 0;
  let inVowels = false;
  for (const ch of word.toLowerCase()) {
    if (VOWEL.includes(ch)) {
      if (!inVowels || DIAERESIS.includes(ch)) count++;
      inVowels = true;
    } else inVowels = false;
  }
  return Math.max(1, count);
}

export function readability(text: string): Readability {
  const sentenceTexts = text
    .split(/[.!?…]+(?=\s|$)|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
  const wordsOf = (s: string) => s.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) ?? [];
  const words = sentenceTexts.flatMap(wordsOf);
  if (words.length === 0) return { level: 'leeg', score: null, words: 0, sentences: 0, longSentences: 0, longWords: [] };

  const syllableCounts = words.map(syllables);
  const totalSyllables = syllableCounts.reduce((a, b) => a + b, 0);
  const score = Math.round(206.835 - 0.93 * (words.length / sentenceTexts.length) - 77 * (totalSyllables / words.length));
  const longSentences = sentenceTexts.filter((s) => wordsOf(s).length > LONG_SENTENCE_WORDS).length;
  const longWords = [...new Set(words.filter((_, i) => syllableCounts[i]! >= LONG_WORD_SYLLABLES).map((w) => w.toLowerCase()))];
  const level: ReadabilityLevel = score >= 60 && longSentences === 0 ? 'eenvoudig' : score >= 45 ? 'redelijk' : 'moeilijk';
  return { level, score, words: words.length, sentences: sentenceTexts.length, longSentences, longWords };
}
