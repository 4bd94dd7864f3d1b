// The stuck-case signals on fixture rows with a fixed today: one test per signal (it fires,
// with its reason, and it stays quiet just below its threshold), plus the rules that apply
// to all of them.
import { describe, expect, it } from 'vitest';
import { type CaseFacts, computeSignals, dayOf, shortDate } from '../../server/stuck/signals';

const TODAY = '2026-11-20';
const THRESHOLDS = { plan_stil_weken: 6, vraagstuk_open_dagen: 42 };

/** A healthy open case: a regisseur, a plan changed yesterday, nothing overdue. */
function facts(over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    status: 'open',
    createdAt: '2026-06-01T09:00:00.000Z',
    closedAt: null,
    hasRegisseur: true,
    borgingsafspraken: null,
    goals: [],
    lastPlanChangeAt: '2026-11-19T10:00:00.000Z',
    vraagstukken: [],
    deviations: [],
    flag: null,
    ...over,
  };
}

const signals = (f: CaseFacts, t = THRESHOLDS, today = TODAY) => computeSignals(f, t, today);
const keys = (f: CaseFacts, t = THRESHOLDS) => signals(f, t).map((s) => s.key);

describe('signals', () => {
  it('a healthy open case has none', () => {
    expect(signals(facts())).toEqual([]);
  });

  it('goals overdue: open or in progress, due before today; reason counts them and names the oldest', () => {
    const f = facts({
      goals: [
        { status: 'open', dueDate: '2026-10-03' },
        { status: 'bezig', dueDate: '2026-11-01' },
        { status: 'bereikt', dueDate: '2026-09-01' }, // reached: not overdue
        { status: 'gestopt', dueDate: '2026-09-01' }, // stopped: not overdue
        { status: 'open', dueDate: TODAY }, // due today: not yet overdue
        { status: 'open', dueDate: null },
      ],
    });
    expect(signals(f)).toEqual([{ key: 'doelen_verlopen', label: 'Doelen over de streefdatum', reason: '2 doelen over de streefdatum, de oudste sinds 3 okt.', since: '2026-10-03' }]);
    expect(signals(facts({ goals: [{ status: 'open', dueDate: '2026-11-19' }] }))[0]!.reason).toBe('1 doel over de streefdatum, sinds 19 nov.');
    expect(keys(facts({ goals: [{ status: 'bereikt', dueDate: '2026-01-01' }] }))).toEqual([]);
  });

  it('no plan change for N weeks: from the newest plan update, or from the start when nobody wrote in it', () => {
    // 2026-10-09 to 2026-11-20 is exactly 42 days: six weeks, the threshold.
    const quiet = signals(facts({ lastPlanChangeAt: '2026-10-09T12:00:00.000Z' }));
    expect(quiet).toEqual([{ key: 'plan_stil', label: 'Plan lang niet gewijzigd', reason: 'Plan sinds 9 okt. niet gewijzigd (6 weken; drempel 6 weken).', since: '2026-10-09' }]);
    expect(keys(facts({ lastPlanChangeAt: '2026-10-10T12:00:00.000Z' }))).toEqual([]);
    // A different threshold from the administrator applies at once.
    expect(keys(facts({ lastPlanChangeAt: '2026-10-10T12:00:00.000Z' }), { ...THRESHOLDS, plan_stil_weken: 2 })).toEqual(['plan_stil']);
    const never = signals(facts({ lastPlanChangeAt: null, createdAt: '2026-08-01T08:00:00.000Z' }))[0]!;
    expect(never.reason).toBe('In het plan is sinds de start op 1 aug. niets geschreven (15 weken; drempel 6 weken).');
    expect(never.since).toBe('2026-08-01');
  });

  it('the day of a timestamp is the Dutch calendar day (23:30 UTC on 8 Oct is 9 Oct in the Netherlands)', () => {
    expect(signals(facts({ lastPlanChangeAt: '2026-10-08T23:30:00.000Z' }))[0]!.since).toBe('2026-10-09');
  });

  it('a vraagstuk open for more than N days: since opening, or since it was reopened; concluded ones do not count', () => {
    const f = facts({
      vraagstukken: [
        { title: 'Wonen', createdAt: '2026-10-01T09:00:00.000Z', lastKind: null, lastAt: null }, // 50 days
        { title: 'Schulden', createdAt: '2026-10-09T09:00:00.000Z', lastKind: null, lastAt: null }, // 42 days: not more than 42
        { title: 'Opvoeding', createdAt: '2026-01-01T09:00:00.000Z', lastKind: 'besloten', lastAt: '2026-02-01T09:00:00.000Z' },
        { title: 'Werk', createdAt: '2026-01-01T09:00:00.000Z', lastKind: 'heropend', lastAt: '2026-11-01T09:00:00.000Z' }, // reopened 19 days ago
      ],
    });
    expect(signals(f)).toEqual([{ key: 'vraagstuk_lang_open', label: 'Vraagstuk lang open', reason: 'Vraagstuk „Wonen” staat 50 dagen open (drempel 42 dagen).', since: '2026-10-01' }]);
    const two = facts({
      vraagstukken: [
        { title: 'Wonen', createdAt: '2026-10-01T09:00:00.000Z', lastKind: null, lastAt: null },
        { title: 'Werk', createdAt: '2025-12-01T09:00:00.000Z', lastKind: 'heropend', lastAt: '2026-09-01T09:00:00.000Z' },
      ],
    });
    expect(signals(two)[0]!.reason).toBe('2 vraagstukken langer dan 42 dagen open; het oudste, „Werk”, sinds 1 sep. (80 dagen).');
  });

  it('an approved deviation past its review date, still running; not when proposed, revoked or expired', () => {
    const base = { rule: 'Participatiewet art. 3', endDate: '2027-03-01' };
    const f = facts({
      deviations: [
        { ...base, reviewDate: '2026-11-02', lastKind: 'goedgekeurd' },
        { ...base, reviewDate: '2026-10-01', lastKind: null }, // only proposed
        { ...base, reviewDate: '2026-10-01', lastKind: 'ingetrokken' },
        { ...base, reviewDate: '2026-10-01', endDate: '2026-11-19', lastKind: 'goedgekeurd' }, // expired yesterday
        { ...base, reviewDate: TODAY, lastKind: 'goedgekeurd' }, // review due today: not yet past
      ],
    });
    expect(signals(f)).toEqual([
      { key: 'afwijking_herbeoordelen', label: 'Afwijking over de herbeoordelingsdatum', reason: 'De afwijking „Participatiewet art. 3” had op 2 nov. herbeoordeeld moeten worden.', since: '2026-11-02' },
    ]);
  });

  it('no regisseur on an open case', () => {
    expect(signals(facts({ hasRegisseur: false }))).toEqual([
      { key: 'geen_regisseur', label: 'Geen regisseur', reason: 'Deze casus heeft geen regisseur: het huishouden heeft niemand die de weg weet.', since: null },
    ]);
  });

  it('closed without follow-up agreements; a closed case signals nothing else', () => {
    const closed = facts({
      status: 'gesloten',
      closedAt: '2026-10-15T14:00:00.000Z',
      borgingsafspraken: '   ',
      hasRegisseur: false,
      lastPlanChangeAt: '2025-01-01T00:00:00.000Z',
      goals: [{ status: 'open', dueDate: '2026-01-01' }],
      flag: { kind: 'gemeld', reason: 'Niemand pakt het op.', byName: 'Fatma Yildiz', at: '2026-10-01T10:00:00.000Z' },
    });
    expect(signals(closed)).toEqual([
      { key: 'gesloten_zonder_borging', label: 'Gesloten zonder vervolgafspraken', reason: 'Gesloten op 15 okt. zonder vervolgafspraken (borgingsafspraken).', since: '2026-10-15' },
    ]);
    expect(keys({ ...closed, borgingsafspraken: 'De consulent Wmo belt over drie maanden.' })).toEqual([]);
    // An open case without borgingsafspraken is normal: they are made at closing.
    expect(keys(facts({ borgingsafspraken: null }))).toEqual([]);
  });

  it('flagged vastgelopen by a member: the latest flag event counts, with who and why', () => {
    const flag = { kind: 'gemeld' as const, reason: 'Iedereen wacht op elkaar.', byName: 'Marieke de Vries', at: '2026-11-18T08:00:00.000Z' };
    expect(signals(facts({ flag }))).toEqual([
      { key: 'vastgelopen', label: 'Door een lid als vastgelopen gemeld', reason: 'Als vastgelopen gemeld door Marieke de Vries op 18 nov.: „Iedereen wacht op elkaar.”', since: '2026-11-18' },
    ]);
    expect(keys(facts({ flag: { ...flag, kind: 'opgeheven' } }))).toEqual([]);
  });

  it('several signals come in the fixed order of the vocabulary', () => {
    const f = facts({
      hasRegisseur: false,
      lastPlanChangeAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      goals: [{ status: 'open', dueDate: '2026-02-01' }],
      flag: { kind: 'gemeld', reason: 'Vast.', byName: 'X', at: '2026-11-01T00:00:00.000Z' },
    });
    expect(keys(f)).toEqual(['doelen_verlopen', 'plan_stil', 'geen_regisseur', 'vastgelopen']);
  });

  it('dates from another year carry the year', () => {
    expect(shortDate('2025-12-31', TODAY)).toBe('31 dec. 2025');
    expect(shortDate('2026-05-03', TODAY)).toBe('3 mei');
  });
});

describe('dayOf: the Dutch calendar day of a timestamp', () => {
  it('follows the Dutch clock around midnight and both daylight-saving changes, also on a second (cached) call', () => {
    const cases: [string, string][] = [
      ['2026-03-28T22:59:59.999Z', '2026-03-28'], // 23:59 CET
      ['2026-03-28T23:00:00.000Z', '2026-03-29'], // 00:00 CET
      ['2026-03-29T21:59:00.000Z', '2026-03-29'], // 23:59 CEST, after the change
      ['2026-03-29T22:00:00.000Z', '2026-03-30'],
      ['2026-10-24T21:59:59.000Z', '2026-10-24'], // 23:59 CEST
      ['2026-10-24T22:00:00.000Z', '2026-10-25'],
      ['2026-10-25T22:59:00.000Z', '2026-10-25'], // 23:59 CET, after the change
      ['2026-10-25T23:00:00.000Z', '2026-10-26'],
    ];
    for (let round = 0; round < 2; round++) for (const [ts, day] of cases) expect(dayOf(ts), ts).toBe(day);
    expect(dayOf('2026-05-01')).toBe('2026-05-01');
    // Not the canonical UTC form (22:30 UTC, so 00:30 CEST): formatted as given, not from the hour cache.
    expect(dayOf('2026-10-24T23:30:00+01:00')).toBe('2026-10-25');
  });
});
