import { describe, expect, it } from 'vitest';
import { LONG_SENTENCE_WORDS, readability, syllables } from '../../shared/readability';

describe('syllables of Dutch words', () => {
  it.each([
    ['huis', 1],
    ['kinderen', 3],
    ['uitkering', 3],
    ['bijzondere', 4],
    ['ideeën', 3],
    ['geïnd', 2],
    ['schuldhulpverlening', 5],
  ])('%s has %i', (word, n) => {
    expect(syllables(word)).toBe(n);
  });
});

describe('readability of a text for the household', () => {
  it('short sentences in everyday words read as plain language', () => {
    const r = readability('Wij helpen u met uw geld. U krijgt elke maand een uitkering. Papa kookt op woensdag.');
    expect(r.level).toBe('eenvoudig');
    expect(r.sentences).toBe(3);
    expect(r.words).toBe(16);
    expect(r.longSentences).toBe(0);
    expect(r.longWords).toEqual([]);
  });

  it('the professional register reads as hard, and names what to change', () => {
    const r = readability(
      'Gelet op de vaststelling dat de belanghebbende onvoldoende zelfredzaam is op het leefgebied financiën, wordt in afwijking van artikel 18 van de Participatiewet afgezien van terugvordering gedurende de looptijd van het plan van aanpak.',
    );
    expect(r.level).toBe('moeilijk');
    expect(r.score!).toBeLessThan(45);
    expect(r.longSentences).toBe(1);
    expect(r.longWords).toEqual(expect.arrayContaining(['belanghebbende', 'terugvordering', 'participatiewet']));
  });

  it('one long sentence keeps an otherwise easy text from counting as plain', () => {
    const long = Array.from({ length: LONG_SENTENCE_WORDS + 1 }, () => 'wij').join(' ');
    const r = readability(`Wij gaan. ${long}.`);
    expect(r.longSentences).toBe(1);
    expect(r.level).not.toBe('eenvoudig');
  });

  it('an empty text or one of only marks has no score', () => {
    for (const t of ['', '   ', '... !?', '\n\n']) expect(readability(t)).toMatchObject({ level: 'leeg', score: null, words: 0 });
  });

  it('lines without a full stop count as sentences (lists in the plan)', () => {
    expect(readability('Papa kookt op woensdag\nMama rust uit\nDe kinderen gaan naar school').sentences).toBe(3);
  });
});
