// Where a breakthrough request goes and when its result is due, on plain values: the effective
// amount (at least the first-year cost), the level the linked deviations need, the escalation
// after a refusal, the end of the term, and the date offset of the escalation file.
import { describe, expect, it } from 'vitest';
import { linkedDeviationLevel, route } from '../../server/doorbraak/routing';
import { dateShiftDays } from '../../server/doorbraak/pseudonym';
import { escalationLevelAfter, termOver } from '../../server/doorbraak/state';
import { DEFAULT_AMOUNT_LIMITS } from '../../shared/doorbraak';
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

describe('dateShiftDays', () => {
  it('is a whole number of weeks, 5 to 52 earlier, the same for the same request', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `request-${i}`);
    const shifts = ids.map(dateShiftDays);
    for (const s of shifts) {
      expect(Math.abs(s % 7)).toBe(0);
      expect(s).toBeGreaterThanOrEqual(-52 * 7);
      expect(s).toBeLessThanOrEqual(-5 * 7);
    }
    expect(dateShiftDays('request-1')).toBe(shifts[1]);
    // Not one fixed offset for everyone.
    expect(new Set(shifts).size).toBeGreaterThan(20);
  });
});
