// The pseudonymiser layer by layer, over a corpus of Dutch case notes with seeded identifiers
// of every class (tests/security/pseudonymise-corpus/). Each layer is proved on its own:
//   a. what the case knows is replaced wherever it occurs, in any spelling, by layer a (and
//      without layer a much of it would survive: the layer does the work);
//   b. every identifier nobody registered is removed by the generic detectors alone;
//   c. what neither can know is flagged, and the review blocks the release until each flag is
//      resolved; resolved, nothing flagged is left in the copy.
// Clean passages come out unchanged and unflagged: the layers do not eat ordinary case text.
import { describe, expect, it } from 'vitest';
import { KnownIndex, scrubPieces } from '../../server/pseudonymise';
import { knownNamesOfCase } from '../../server/pseudonymise';
import type { DatePolicy } from '../../server/pseudonymise/dates';
import type { Piece } from '../../server/pseudonymise/marker';
import { fold, normalise } from '../../server/pseudonymise/normalise';
import { resolveMarks, ReviewBuilder } from '../../server/pseudonymise/review';
import { CORPUS_CASE } from './pseudonymise-corpus/case';
import { PASSAGES } from './pseudonymise-corpus/passages';

const DATES: DatePolicy = { kind: 'relative', anchor: CORPUS_CASE.startedOn, referenceYear: 2026, oldest: '2023-09-01' };
const known = KnownIndex.build(knownNamesOfCase(CORPUS_CASE));

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A value as a whole word, folded (case, accents, full-width): "Noor" is not found in "Noordwijk". */
const wordIn = (value: string, text: string) => new RegExp(`(?<![\\p{L}\\p{N}])${esc(fold(value))}(?![\\p{L}\\p{N}])`, 'u').test(fold(text));
/** The digits of a value, with any separators between them, not inside a longer number. */
const digitsIn = (value: string, text: string) => {
  const d = normalise(value).replace(/\D/g, '');
  return new RegExp(`(?<!\\d)${[...d].join('[\\s.\\-()/+]*')}(?!\\d)`).test(normalise(text));
};
const plain = (pieces: Piece[]) => pieces.map((p) => ('t' in p ? p.t : 'r' in p ? p.r : '[?]')).join('');
const plainOnly = (pieces: Piece[]) => pieces.map((p) => ('t' in p ? p.t : ' ')).join('');

const scrub = (text: string, withKnown: boolean) => scrubPieces(text, { known: withKnown ? known : undefined, dates: DATES });

describe('the corpus', () => {
  it('is large and covers every class (so the tests below mean something)', () => {
    expect(PASSAGES.length).toBeGreaterThanOrEqual(45);
    const classes = new Set(PASSAGES.flatMap((p) => (p.unknown ?? []).map(([c]) => c)));
    for (const c of ['bsn', 'iban', 'telefoon', 'kenteken', 'paspoort', 'handle', 'link', 'postcode', 'adres', 'geboortedatum', 'datum', 'tijd', 'klantnummer', 'naam', 'school', 'werkgever', 'plaats', 'jaar']) expect(classes, c).toContain(c);
    expect(PASSAGES.flatMap((p) => p.known ?? []).length).toBeGreaterThanOrEqual(50);
    expect(PASSAGES.flatMap((p) => p.flagged ?? []).length).toBeGreaterThanOrEqual(8);
    // Every seeded value is really in its passage: the checks can fail.
    for (const p of PASSAGES) for (const v of [...(p.known ?? []), ...(p.unknown ?? []).map(([, x]) => x), ...(p.flagged ?? [])]) expect(wordIn(v, p.text) || digitsIn(v, p.text) || normalise(p.text).includes(normalise(v)), v).toBe(true);
  });
});

describe('layer a: what the case knows', () => {
  it('replaces every known name, e-mail address, phone number and organisation, in every spelling', () => {
    const left: string[] = [];
    for (const p of PASSAGES) {
      const pieces = scrub(p.text, true);
      const out = plain(pieces);
      for (const k of p.known ?? []) if (wordIn(k, out) || (/\d{4}/.test(k) && digitsIn(k, out))) left.push(`${k} in: ${out}`);
      if ((p.known ?? []).length > 0) expect(pieces.some((x) => 'r' in x && x.layer === 'a'), p.text).toBe(true);
    }
    expect(left).toEqual([]);
  });

  it('does the work: without it, most known names would not be replaced (at best flagged for a person to catch)', () => {
    const raw = (pieces: Piece[]) => pieces.map((p) => ('t' in p ? p.t : 'r' in p ? p.r : p.s)).join('');
    const survivors = PASSAGES.flatMap((p) => (p.known ?? []).filter((k) => wordIn(k, raw(scrub(p.text, false)))));
    expect(survivors.length).toBeGreaterThan(20);
  });

  it('keys its index: no name is in it in plain text', () => {
    const json = JSON.stringify(known.toJson());
    for (const name of ['Sanne', 'Ahmed', 'Noor', 'Amrani', 'Berg', 'Marieke', 'Zuiderhaven', '48291734', 'gemeente.example']) expect(json.toLowerCase()).not.toContain(name.toLowerCase());
    expect(known.size).toBeGreaterThan(30);
  });
});

describe('layer b: generic detectors, failing closed', () => {
  for (const withKnown of [false, true]) {
    it(`removes every identifier nobody registered${withKnown ? ' (with layer a in front)' : ' (on its own)'}`, () => {
      const left: string[] = [];
      for (const p of PASSAGES) {
        const out = plain(scrub(p.text, withKnown));
        for (const [cls, v] of p.unknown ?? []) {
          const digits = /\d/.test(v) && normalise(v).replace(/\D/g, '').length >= 4;
          if (wordIn(v, out) || (digits && digitsIn(v, out))) left.push(`${cls} ${v} in: ${out}`);
        }
      }
      expect(left).toEqual([]);
    });
  }

  it('leaves no exact date and no time of day from a date (a time on its own, "tussen 09.00-10.30", is no identifier and stays)', () => {
    for (const p of PASSAGES.filter((x) => !x.clean)) expect(plain(scrub(p.text, true)), p.text).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|(?<![\p{L}\d])(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d)/u);
  });

  it('keeps safe numbers and ordinary text: clean passages come out as they went in, without a replacement or a flag', () => {
    for (const p of PASSAGES.filter((x) => x.clean)) {
      const pieces = scrub(p.text, true);
      expect(pieces.filter((x) => !('t' in x) && !('s' in x && x.reason === 'cijfers')), p.text).toEqual([]);
      expect(plain(pieces).replace(/\[\?\]/g, '1.250')).toBe(normalise(p.text));
    }
  });
});

describe('layer c: flags for the review', () => {
  it('flags every remaining identifier; none of them is left as plain text', () => {
    const missed: string[] = [];
    for (const p of PASSAGES) {
      const pieces = scrub(p.text, true);
      const flagged = pieces.filter((x): x is Extract<Piece, { s: string }> => 's' in x).map((x) => x.s);
      for (const f of p.flagged ?? []) {
        if (wordIn(f, plainOnly(pieces))) missed.push(`${f} unflagged in: ${plain(pieces)}`);
        if (!flagged.some((x) => wordIn(f, x))) missed.push(`${f} not among the flags ${JSON.stringify(flagged)}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('blocks the release until every flag is resolved; resolved, no flagged value is left', () => {
    const builder = new ReviewBuilder({ known, dates: DATES });
    PASSAGES.forEach((p, i) => builder.text(`p.${i}`, `Passage ${i + 1}`, p.text));
    const review = builder.review();
    expect(review.open).toBeGreaterThanOrEqual(PASSAGES.flatMap((p) => p.flagged ?? []).length);
    expect(review.marks.filter((m) => m.kind === 'vervanging').length).toBeGreaterThan(100);
    const open = review.marks.filter((m) => m.resolution === 'open');
    // Resolving all but one leaves the release blocked (the server answers 409 while open > 0).
    const partly = resolveMarks(review, open.slice(1).map((m) => ({ markId: m.id, resolution: 'vervangen' as const })), { known, dates: DATES });
    expect('review' in partly && partly.review.open).toBe(1);
    const all = resolveMarks(review, open.map((m) => ({ markId: m.id, resolution: 'vervangen' as const })), { known, dates: DATES });
    if (!('review' in all)) throw new Error(JSON.stringify(all));
    expect(all.review.open).toBe(0);
    const rendered = PASSAGES.map((_, i) => all.review.fields[i]!.pieces.map((x) => ('text' in x ? x.text : all.review.marks.find((m) => m.id === x.mark)!.value)).join(''));
    for (const [i, p] of PASSAGES.entries()) {
      for (const v of [...(p.known ?? []), ...(p.unknown ?? []).map(([, x]) => x), ...(p.flagged ?? [])]) {
        if (p.clean) continue;
        expect(wordIn(v, rendered[i]!), `${v} in ${rendered[i]}`).toBe(false);
      }
    }
  });
});
