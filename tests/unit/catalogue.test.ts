// The rule for when a local article version is in effect (server/catalogue/validity.ts) and the
// citation keys (shared/schemas/catalogue.ts), without a database.
import { describe, expect, it } from 'vitest';
import { changeOf, effectiveOn, statusOn, successors } from '../../server/catalogue/validity';
import { citationKeyOf, parseCitationKey } from '../../shared/schemas';

const v = (id: string, validFrom: string, validUntil: string | null = null, replacesId: string | null = null) => ({ id, validFrom, validUntil, replacesId });

// One article: A from 2025, a new wording B from July 2026, then B ended (C: same start, end 2027-06-30).
const A = v('A', '2025-01-01');
const B = v('B', '2026-07-01', null, 'A');
const C = v('C', '2026-07-01', '2027-06-30', 'B');
// Another article, not yet in effect.
const F = v('F', '2030-01-01');
const rows = [A, B, C, F];
const ids = (date: string) => effectiveOn(rows, date).map((r) => r.id);

describe('effectiveOn', () => {
  it.each([
    ['2024-12-31', []],
    ['2025-01-01', ['A']],
    ['2026-06-30', ['A']],
    // B is replaced by its ended copy C from the same day: C applies, with the same wording.
    ['2026-07-01', ['C']],
    ['2027-06-30', ['C']],
    ['2027-07-01', []],
    ['2030-01-01', ['F']],
  ])('on %s: %j', (date, expected) => {
    expect(ids(date)).toEqual(expected);
  });

  it('an end date on the first version ends it even without a successor', () => {
    expect(effectiveOn([v('X', '2025-01-01', '2025-12-31')], '2026-01-01')).toEqual([]);
    expect(effectiveOn([v('X', '2025-01-01', '2025-12-31')], '2025-12-31').map((r) => r.id)).toEqual(['X']);
  });
});

describe('statusOn and changeOf', () => {
  const next = successors(rows);
  it.each([
    ['A', '2026-01-01', 'geldend'],
    ['A', '2026-08-01', 'vervangen'],
    ['B', '2026-01-01', 'vervangen'], // ended before it started: its copy C takes over on every date
    ['C', '2026-01-01', 'toekomstig'],
    ['C', '2026-08-01', 'geldend'],
    ['C', '2027-08-01', 'vervallen'],
    ['F', '2026-08-01', 'toekomstig'],
  ])('%s on %s is %s', (id, today, status) => {
    const row = rows.find((r) => r.id === id)!;
    expect(statusOn(row, next.get(id), today)).toBe(status);
  });

  it('a new wording starts later, an ending keeps the start date', () => {
    expect(changeOf(A, undefined)).toBe('toegevoegd');
    expect(changeOf(B, A)).toBe('nieuwe_tekst');
    expect(changeOf(C, B)).toBe('einddatum');
  });
});

describe('citation keys', () => {
  it('build and parse back, refs with colons and spaces included', () => {
    expect(citationKeyOf.wet('awb', '3:4 lid 2')).toBe('wet:awb:3:4 lid 2');
    expect(parseCitationKey('wet:awb:3:4 lid 2')).toEqual({ type: 'wet', law: 'awb', ref: '3:4 lid 2' });
    expect(parseCitationKey(citationKeyOf.lokaal('abc'))).toEqual({ type: 'lokaal', id: 'abc' });
  });

  it.each(['', 'wet:', 'wet:wmo', 'wet:wmo:', 'wet:onbekend:1', 'lokaal:', 'lokaal', 'artikel:1'])('%j is not a key', (key) => {
    expect(parseCitationKey(key)).toBeNull();
  });
});
