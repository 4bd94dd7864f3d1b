// Where a breakthrough request goes and when its result is due, on plain values: the effective
// amount (at least the first-year cost), the level the linked deviations need, the escalation
// after a refusal, the end of the term, and the dates of the escalation file (months only).
import { describe, expect, it } from 'vitest';
import { linkedDeviationLevel, route } from '../../server/breakthroughs/routing';
import { escalationScrubber } from '../../server/breakthroughs/pseudonym';
import { escalationLevelAfter, termOver } from '../../server/breakthroughs/state';
import { DEFAULT_AMOUNT_LIMITS } from '../../shared/breakthroughs';
import { type BreakthroughRoutingConfig, effectiveAmountCents } from '../../shared/schemas';

const CONFIG: BreakthroughRoutingConfig = {
  amountLimits: DEFAULT_AMOUNT_LIMITS,
  kindLevels: { budget: 'teamleider', beleidsregel: 'teamleider', verordening: 'directeur', wet: 'wethouder' },
};

const costs = (once: number, perYear: number) => ({
  carryOn: [{ label: 'Jeugdhulp', cents: 1 }],
  breakthrough: [
    { label: 'Eenmalig', cents: once, per: 'eenmalig' as const },
    { label: 'Per jaar', cents: perYear, per: 'jaar' as const },
  ],
});

describe('effectiveAmountCents', () => {
  it('is the budget asked, but never less than one-off plus one year of the breakthrough', () => {
    expect(effectiveAmountCents(1_000_00, costs(12_000_00, 8_000_00))).toBe(20_000_00);
    expect(effectiveAmountCents(60_000_00, costs(12_000_00, 8_000_00))).toBe(60_000_00);
    expect(effectiveAmountCents(0, costs(0, 0))).toBe(0);
  });
});

describe('route', () => {
  it('takes the highest of kind, amount, linked deviations and the floor', () => {
    expect(route(CONFIG, { kind: 'budget', amountCents: 8_000_00 })).toEqual({ level: 'teamleider', kindLevel: 'teamleider', amountLevel: 'teamleider', effectiveAmountCents: 8_000_00, deviationLevel: null });
    expect(route(CONFIG, { kind: 'budget', amountCents: 20_000_00 }).level).toBe('directeur');
    expect(route(CONFIG, { kind: 'budget', amountCents: 0, deviationLevel: 'wethouder' })).toMatchObject({ level: 'wethouder', deviationLevel: 'wethouder' });
    expect(route(CONFIG, { kind: 'verordening', amountCents: 0, deviationLevel: 'teamleider' }).level).toBe('directeur');
    expect(route(CONFIG, { kind: 'budget', amountCents: 0, atLeast: 'directeur' }).level).toBe('directeur');
  });

  it('refuses an amount above every limit with a Dutch message that names the first-year cost', () => {
    const capped = { ...CONFIG, amountLimits: { teamleider: 10_000_00, directeur: 50_000_00, wethouder: 100_000_00 } };
    expect(() => route(capped, { kind: 'budget', amountCents: 150_000_00 })).toThrow(/eerste jaar/);
  });
});

describe('linkedDeviationLevel', () => {
  const devs = [
    { id: 'a', requiredMandate: 'teamleider' as const },
    { id: 'b', requiredMandate: 'wethouder' as const },
    { id: 'c', requiredMandate: 'directeur' as const },
  ];
  it('is the highest mandate among the linked deviations only; null without any', () => {
    expect(linkedDeviationLevel(devs, [])).toBeNull();
    expect(linkedDeviationLevel(devs, ['a'])).toBe('teamleider');
    expect(linkedDeviationLevel(devs, ['a', 'c'])).toBe('directeur');
    expect(linkedDeviationLevel(devs, ['c', 'b', 'a'])).toBe('wethouder');
  });
});

describe('after a refusal and after the term', () => {
  it('escalates above the refuser, and nowhere above the wethouder', () => {
    expect(escalationLevelAfter('teamleider', 'teamleider')).toBe('directeur');
    expect(escalationLevelAfter('teamleider', 'wethouder')).toBeNull();
    expect(escalationLevelAfter('directeur', null)).toBe('wethouder');
  });

  it('counts the last day of the term as over', () => {
    const grant = (termEnd: string | null) => ({ grant: { termEnd } });
    expect(termOver(grant('2026-05-01'), '2026-04-30')).toBe(false);
    expect(termOver(grant('2026-05-01'), '2026-05-01')).toBe(true);
    expect(termOver(grant('2026-05-01'), '2026-06-01')).toBe(true);
    expect(termOver({ grant: null }, '2026-06-01')).toBe(false);
  });
});

describe('the dates of the escalation file', () => {
  const scrub = escalationScrubber({ caseId: 'c', title: 'Gezin Test', startedOn: '2025-06-10', household: [], people: [], others: [] }, '2026-03-20');

  it('are months: no day, no time of day, nothing shifted that could be shifted back', () => {
    expect(scrub.month('2026-03-14T09:31:07.123Z')).toBe('2026-03');
    expect(scrub.month('2025-11-30')).toBe('2025-11');
    expect(scrub.text('Gesprek op 14-03-2026 om 10:30 uur, brief van 2025-11-03T08:15:00Z, en op 3 februari 2026; sinds maart 2025.')).toBe(
      'Gesprek op maart 2026, brief van november 2025, en op februari 2026; sinds maart 2025.',
    );
    // Without a year the reference year's month.
    expect(scrub.text('Afspraak op 14 maart en 03-04.')).toBe('Afspraak op maart en april.');
  });

  it('a date long before the case (a birth date written without a birth word) goes outright', () => {
    // "Noor" is no Dutch word and there is no review before the file leaves: it goes too.
    expect(scrub.text('Noor (12-05-2014) en de brief van 2025-01-03.')).toBe('[weggelaten] ([datum]) en de brief van januari 2025.');
  });
});
