// The pseudonymisation leak test: names (household, family, professionals, in every form),
// addresses, postcodes, BSN-like numbers, phone numbers, e-mail addresses, IBANs and dates are
// seeded into every text field of a case snapshot; after pseudonymising, none of them may be
// found anywhere in the serialised copy. Dates become day numbers from the start of the case,
// in order, with no calendar date and no time of day left. (The larger corpus of case notes,
// layer by layer, is tests/security/pseudonym-corpus.test.ts.)
import { describe, expect, it } from 'vitest';
import type { HouseholdMember } from '../../shared/plan/doc';
import { isProfessionalSection, PLAN_SECTIONS } from '../../shared/plan/doc';
import type { VraagstukDraft } from '../../shared/plan/vraagstukken';
import { IntervisionCopy } from '../../shared/schemas';
import { LAW_KEYS } from '../../shared/laws';
import { TOETS_TEXTS } from '../../shared/vraagstukken';
import { type CaseSnapshot, familyNameOfTitle, KnownIndex, pseudonymiseCase, scrubForLibrary, scrubText, sessionTitle } from '../../server/pseudonymise';
import type { DatePolicy } from '../../server/pseudonymise/dates';
import { nameAndParts } from '../../server/pseudonymise/known';
import { householdRoles } from '../../server/pseudonymise/names';

const OPTS = { today: '2026-06-01' };
/** Day 0 of the seeded case. */
const STARTED_ON = '2026-01-05';
const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
/** A replacer over a list of known names, as the copy builds it (layer a), with the rest of the scrubber. */
const nameReplacer = (known: Parameters<typeof KnownIndex.build>[0]) => {
  const index = KnownIndex.build(known);
  return (t: string) => scrubText(t, { known: index, dates: { kind: 'remove' } });
};

// ------------------------------------------------------------------ what must not survive

const HOUSEHOLD: HouseholdMember[] = [
  { id: 'hm-1', voornaam: 'Sanne', relatie: 'moeder van Noor en Daan', geboortejaar: 1990 },
  { id: 'hm-2', voornaam: 'Ahmed', relatie: 'vader', geboortejaar: 1987 },
  { id: 'hm-3', voornaam: 'Noor', relatie: 'dochter', geboortejaar: 2015 },
  { id: 'hm-4', voornaam: 'Daan', relatie: 'zoon', geboortejaar: 2018 },
  { id: 'hm-5', voornaam: 'Zoë', relatie: 'kind', geboortejaar: 2021 },
  { id: 'hm-6', voornaam: 'Jan-Willem', relatie: 'pleegzoon', geboortejaar: 2009 },
];
const FAMILY = 'Verbeek';
const PROFESSIONALS = [
  { name: 'Sander Willemsen', caseRole: 'klantmanager_pw', functie: 'klantmanager_pw', atTable: true },
  { name: 'Marieke de Vries', caseRole: 'casusregisseur', functie: 'casusregisseur', atTable: true },
  { name: 'Priya Ramdin', caseRole: 'procesregisseur', functie: 'procesregisseur', atTable: true },
  { name: 'Anouk Peeters', caseRole: 'extern_partner', functie: 'extern_partner', atTable: true },
  { name: 'Ruud Smeets', caseRole: 'mandaathouder', functie: 'teamleider', atTable: true },
  // Left the case; their name is still in old texts.
  { name: 'Erik Mulder', caseRole: 'casusregisseur', functie: 'casusregisseur', atTable: false },
  // The household's own account.
  { name: 'Sanne Verbeek', caseRole: 'inwoner', functie: 'inwoner', atTable: true },
] as const;

/** Every form a name is written in, in text. */
const NAME_FORMS = [
  'Sanne', 'SANNE', 'sanne', "Sanne's", 'Sannes', 'Sanne’s', 'Sanne Verbeek', 'S. Verbeek', 'Ahmed', 'ahmed', "Ahmed's", 'Noor', 'Noortje', 'Daan', 'daan', 'Daans',
  'Zoë', 'Zoe', 'ZOË', 'Jan-Willem', 'Jan Willem', 'Verbeek', 'verbeek', 'Verbeeks', 'Gezin Verbeek', 'de familie Verbeek', 'mevrouw Verbeek',
  'Sander', 'Willemsen', 'Sander Willemsen', "Sander's", 'Marieke', 'Marieke de Vries', 'de Vries', 'Vries', 'Priya', 'Ramdin', 'Anouk', 'Peeters', 'Ruud', 'Smeets',
  'Erik', 'Mulder', 'Erik Mulder',
];
// Names nobody registered, which the grammar gives away.
const ADDRESSED = ['oma Truus', 'mevrouw Jansen', 'dhr. P. de Boer', 'buurvrouw Jannie', 'haar vriend Kevin'];
const UNREGISTERED_NAMES = ['Truus', 'Jansen', 'Boer', 'Jannie', 'Kevin'];

const ADDRESSES = ['Kastanjelaan 12a', 'Van Goghstraat 3-5', 'Dorpsstraat 1 bis', 'Kerkpad 7', 'Burgemeester de Withstraat 101', 'Postbus 4021', 'Molenweg 88'];
const POSTCODES = ['4901 AB', '4901AB', '4902cd', '4903 xy'];
const PLACES = ['Oosterhout', 'Rijsbergen', 'Bergen op Zoom', "'s-Hertogenbosch", 'Breda', 'Den Haag', 'Tilburg'];
const BSNS = ['123456782', '123.456.782', '123 456 782', '1234.56.782', '111-222-333'];
const PHONES = ['06 - 12 34 56 78', '010 - 123 45 67', '06-12345678', '0612345678', '06 1234 5678', '+31 6 12345678', '+31 (0)6 1234 5678', '010-1234567', '(010) 123 45 67', '0031 6 87654321', '076-5012345'];
const EMAILS = ['sanne.verbeek@example.nl', 'a.peeters@ggz-zuiderhaven.nl', 'Kevin_88+test@mail.example.com'];
const IBANS = ['NL91 ABNA 0417 1643 00', 'NL91ABNA0417164300', 'nl02rabo0123456789'];
const URLS = ['https://www.facebook.com/sanne.verbeek.90', 'www.verbeek-klussen.nl'];
const BIRTH = ['geboren op 14-03-1990', 'geb. 2 februari 2015', 'geboortedatum: 2018-07-30'];
const TEXT_DATES = ['2026-03-14', '14-03-2026', '14 maart 2026', '14/03/2026', '1 jan. 2026', '21 april', 'mei 2026', '14-03', '03-04', 'zaterdag 14/3', '25/12'];
/** What the text dates above become: day numbers from 2026-01-05 (the year 2026 assumed where none is written; "mei 2026" is mid-May). */
const TEXT_DATES_AS_DAYS = ['dag 68, dag 68, dag 68, dag 68, dag -4, dag 106, rond dag 130, dag 68, dag 88, zaterdag dag 68, dag 354'];
/** Short numbers after a label; their digits must be gone. */
const LABELED_NUMBERS = ['klantnummer 87654', 'dossiernummer 4521', 'BSN: 12345', 'cliëntnr. 778'];
/** Schools and an employer, named after the word that introduces them or with the school word in the name. */
const ORGANISATIONS = ['De Regenboog', 'Kiekeboe', 'Da Vinci', 'Jozefschool', 'Albert Heijn'];

const SEED = [
  `${HOUSEHOLD[0]!.voornaam} (${BIRTH[0]}) en Ahmed wonen aan de ${ADDRESSES[0]}, ${POSTCODES[0]} ${PLACES[0]}; eerder ${ADDRESSES[1]}, ${POSTCODES[1]}, en ${ADDRESSES[2]} (${POSTCODES[2]}).`,
  `Post naar ${ADDRESSES[5]}; opa woont op ${ADDRESSES[3]}, werk aan de ${ADDRESSES[4]}, oom aan de ${ADDRESSES[6]}.`,
  `Sanne's moeder en Sannes broer; Sanne’s fiets. SANNE belt, sanne schrijft. S. Verbeek tekende. Noortje (Noor, ${BIRTH[1]}) en Daan; Daans school.`,
  `Zoë, Zoe en ZOË zijn één kind (${BIRTH[2]}). Jan-Willem en Jan Willem ook. Ahmed's werk; ahmed komt. daan speelt.`,
  `Gezin Verbeek, de familie Verbeek en mevrouw Verbeek: de Verbeeks. verbeek in kleine letters.`,
  `Sander Willemsen (Sander's collega Willemsen) sprak met Marieke de Vries; de Vries en Vries. Priya Ramdin, Anouk Peeters, Ruud Smeets. Erik Mulder was regisseur; Erik en Mulder.`,
  `${ADDRESSED.join(', ')} helpen mee.`,
  `BSN ${BSNS.join(', ')}. Bel ${PHONES.join(' of ')}.`,
  `Mail ${EMAILS.join(' en ')}. Rekening ${IBANS.join(' / ')}. Zie ${URLS.join(' en ')}.`,
  `Gesprekken op ${TEXT_DATES.join(', ')}.`,
  `Sanne Verbeek-Jansen tekende; ook Jansen-Verbeek en S. Verbeek-de Wit. Woont nu in Rijsbergen, eerder woonachtig te Bergen op Zoom en wonend in Den Haag; verhuist naar 's-Hertogenbosch. Oma woont aan de Dorpsstraat 12, Oosterhout; de buren uit Tilburg.`,
  `Postcode ${POSTCODES[3]}. Nummers: ${LABELED_NUMBERS.join(', ')}.`,
  `Noor zit op basisschool De Regenboog, Daan op de bso Kiekeboe, Jan-Willem op het Da Vinci College, Zoë op de Jozefschool. Ahmed werkt sinds kort bij Albert Heijn in Breda.`,
].join('\n');

const draft = (text: (field: string) => string): VraagstukDraft => ({
  step: 3,
  laws: ['wmo', 'participatiewet'],
  lifeDomains: ['financien'],
  citations: [],
  texts: Object.fromEntries(TOETS_TEXTS.map((t) => [t, text(`toets.${t}`)])) as VraagstukDraft['texts'],
  verdicts: Object.fromEntries(LAW_KEYS.map((l) => [l, { verdict: l === 'wmo' ? 'past' : '', reasoning: text(`oordeel.${l}`) }])) as VraagstukDraft['verdicts'],
});

/** A snapshot whose every free text holds the seed (with the field's name, so gaps show). */
function seededSnapshot(): CaseSnapshot {
  const text = (field: string) => `${field}:\n${SEED}`;
  return {
    title: `Gezin ${FAMILY}`,
    summary: text('samenvatting'),
    startedOn: STARTED_ON,
    plan: {
      sections: PLAN_SECTIONS.map((s) => ({ key: s.key, label: s.label, text: text(`plan.${s.key}`) })),
      household: HOUSEHOLD,
      zrm: [
        { id: 'zrm-1', datum: '2026-02-01', scores: { financien: 2, huisvesting: 3 } },
        { id: 'zrm-2', datum: '2026-05-10', scores: { financien: 3, huisvesting: 3 } },
      ],
    },
    goals: [
      {
        text: text('doel'),
        lifeDomain: 'geestelijke_gezondheid',
        owner: { kind: 'household', text: 'Sanne Verbeek' },
        dueDate: '2026-09-30',
        status: 'bezig',
        householdAgreedOn: '2026-03-02',
        legitimations: [{ law: 'wmo', text: text('legitimatie') }],
        actions: [
          { text: text('actie.eerste'), owner: { kind: 'household', text: "Ahmed (vader), 06-12345678" }, dueDate: '2026-04-15', done: true },
          { text: text('actie.tweede'), owner: { kind: 'member', caseRole: 'klantmanager_pw', functie: 'klantmanager_pw' }, dueDate: '2026-07-01', done: false },
        ],
      },
    ],
    vraagstukken: [
      {
        title: 'Stabiliteit voor Sanne en de kinderen Noor en Daan Verbeek',
        draft: draft(text),
        conclusions: [
          { kind: 'besloten', outcome: 'uitvoeren', motivation: text('besluit'), reviewDate: '2026-10-01', at: '2026-04-20T09:30:00.000Z', byCaseRole: 'casusregisseur', byFunctie: 'casusregisseur' },
          { kind: 'heropend', outcome: null, motivation: text('heropening'), reviewDate: null, at: '2026-05-02T14:00:00.000Z', byCaseRole: 'procesregisseur', byFunctie: 'procesregisseur' },
        ],
      },
    ],
    deviations: [
      {
        law: 'participatiewet',
        rule: text('afwijking.regel'),
        route: 'anders',
        routeOther: text('afwijking.route'),
        willDo: text('afwijking.wel'),
        willNotDo: text('afwijking.niet'),
        reasoning: text('afwijking.motivering'),
        startDate: '2026-03-01',
        endDate: '2026-08-31',
        reviewDate: '2026-06-15',
        status: 'goedgekeurd',
        internal: false,
      },
      {
        law: 'participatiewet',
        rule: 'INTERN: vermoeden gezamenlijke huishouding',
        route: 'awb_4_84',
        routeOther: null,
        willDo: 'INTERN',
        willNotDo: 'INTERN',
        reasoning: 'INTERN: niet actief onderzoeken',
        startDate: '2026-03-01',
        endDate: '2026-08-31',
        reviewDate: '2026-06-15',
        status: 'goedgekeurd',
        internal: true,
      },
    ],
    people: PROFESSIONALS.map((p) => ({ ...p })),
  };
}

// ------------------------------------------------------------------ checking a serialised copy

/**
 * Every string in a value (keys too), joined by real line breaks: JSON.stringify would write a
 * line break as `\\n`, and a name right after it would hide behind the letter n.
 */
function allText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push(k), walk(x));
  };
  walk(value);
  return out.join('\n');
}

const fold = (s: string) => stripAccents(s).toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every seeded name form that can still be found as a whole word (any case, any accents). */
function namesFound(serialised: string, names: readonly string[]): string[] {
  const text = fold(serialised);
  return names.filter((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(fold(n))}(?![\\p{L}\\p{N}])`, 'u').test(text));
}

/** Digits only, without separators: "123.456.782" and "123 456 782" look alike here. */
const digits = (s: string) => s.replace(/[\s.\-()/+]/g, '');

function leaks(serialised: string): string[] {
  const found: string[] = [];
  found.push(...namesFound(serialised, NAME_FORMS).map((n) => `naam: ${n}`));
  found.push(...namesFound(serialised, UNREGISTERED_NAMES).map((n) => `niet-geregistreerde naam: ${n}`));
  found.push(...namesFound(serialised, PLACES).map((n) => `plaats: ${n}`));
  const flat = serialised.toLowerCase();
  for (const [kind, list] of Object.entries({ adres: ADDRESSES, postcode: POSTCODES, bsn: BSNS, telefoon: PHONES, email: EMAILS, iban: IBANS, url: URLS, datum: TEXT_DATES })) {
    for (const v of list) if (flat.includes(v.toLowerCase())) found.push(`${kind}: ${v}`);
  }
  // Street names and house numbers on their own.
  for (const street of ['Kastanjelaan', 'Goghstraat', 'Dorpsstraat', 'Kerkpad', 'Withstraat', 'Molenweg']) if (flat.includes(street.toLowerCase())) found.push(`straat: ${street}`);
  const d = digits(serialised).toLowerCase();
  for (const v of [...BSNS, ...PHONES, ...IBANS]) {
    const core = digits(v).toLowerCase().replace(/^(0031|31)/, '');
    if (d.includes(core.slice(-8))) found.push(`cijfers van ${v}`);
  }
  for (const v of LABELED_NUMBERS) {
    const n = v.replace(/\D/g, '');
    if (new RegExp(`(?<!\\d)${n}(?!\\d)`).test(serialised)) found.push(`nummer: ${v}`);
  }
  for (const v of ORGANISATIONS) if (flat.includes(v.toLowerCase())) found.push(`organisatie: ${v}`);
  for (const b of ['14-03-1990', '1990-03-14', '2 februari 2015', '2018-07-30']) if (flat.includes(b)) found.push(`geboortedatum: ${b}`);
  // Birth years: the copy has age bands, never years of birth.
  for (const y of ['1990', '1987', '2015', '2018', '2021', '2009']) if (new RegExp(`(?<!\\d)${y}(?!\\d)`).test(serialised)) found.push(`geboortejaar: ${y}`);
  if (serialised.includes('INTERN')) found.push('interne afwijking');
  for (const id of ['hm-1', 'hm-2', 'zrm-1', 'zrm-2']) if (serialised.includes(id)) found.push(`id: ${id}`);
  return found;
}

// ------------------------------------------------------------------ the tests

describe('pseudonymisation: the leak test', () => {
  const snapshot = seededSnapshot();
  const copy = pseudonymiseCase(snapshot, OPTS);
  const serialised = allText(copy);

  it('the seed itself would be caught by the checks (the test can fail)', () => {
    const found = leaks(allText(snapshot));
    for (const n of NAME_FORMS) expect(found).toContain(`naam: ${n}`);
    for (const list of [ADDRESSES, POSTCODES, BSNS, PHONES, EMAILS, IBANS, TEXT_DATES]) for (const v of list) expect(found.some((f) => f.endsWith(`: ${v}`))).toBe(true);
    for (const list of [PLACES, LABELED_NUMBERS, ORGANISATIONS]) for (const v of list) expect(found.some((f) => f.endsWith(`: ${v}`)), v).toBe(true);
    expect(found).toContain('niet-geregistreerde naam: Jansen');
  });

  it('the copy is valid against the shared schema, and every text field went through the scrubber', () => {
    expect(() => IntervisionCopy.parse(copy)).not.toThrow();
    // Each field name survives as a marker, so each field was copied (and scrubbed), none dropped.
    // The plain-language text for the household is left out of the copy (the same plan in simpler words).
    for (const field of ['samenvatting', ...PLAN_SECTIONS.filter(isProfessionalSection).map((s) => `plan.${s.key}`), 'doel', 'legitimatie', 'actie.eerste', 'actie.tweede', ...TOETS_TEXTS.map((t) => `toets.${t}`), 'oordeel.wmo', 'besluit', 'heropening', 'afwijking.regel', 'afwijking.route', 'afwijking.wel', 'afwijking.niet', 'afwijking.motivering']) {
      expect(serialised, field).toContain(`${field}:`);
    }
  });

  it('no name, address, postcode, BSN, phone number, e-mail address, IBAN, link or original date survives anywhere', () => {
    expect(leaks(serialised)).toEqual([]);
  });

  it('household members become roles with an age band; the free-text relation is never copied', () => {
    expect(copy.household).toEqual([
      { role: 'moeder', ageBand: '35–49 jaar' },
      { role: 'vader', ageBand: '35–49 jaar' },
      { role: 'kind 2', ageBand: '4–11 jaar' },
      { role: 'kind 3', ageBand: '4–11 jaar' },
      { role: 'kind 4', ageBand: '4–11 jaar' },
      { role: 'kind 1', ageBand: '12–17 jaar' },
    ]);
    expect(serialised).not.toContain('moeder van');
    const summary = copy.summary;
    expect(summary).toContain('moeder (geboren op [geboortedatum])');
    expect(summary).toContain('moeders broer');
    expect(summary).toContain('het gezin, het gezin en mevrouw [naam]');
    expect(summary).toContain('de klantmanager');
    expect(summary).toContain('oma [naam]');
  });

  it('professionals become their role at the table; no organisation, no name', () => {
    expect(copy.table).toEqual(['de procesregisseur', 'de casusregisseur', 'de klantmanager', 'de externe partner', 'de teamleider']);
    expect(copy.goals[0]!.actions[1]!.owner).toBe('de klantmanager');
    expect(copy.goals[0]!.owner).toBe('moeder');
    expect(copy.goals[0]!.actions[0]!.owner).toBe('vader (vader), [telefoon]');
    expect(copy.vraagstukken[0]!.title).toBe('Stabiliteit voor moeder en de kinderen kind 2 en kind 3');
    expect(copy.vraagstukken[0]!.conclusions.map((c) => c.by)).toEqual(['de casusregisseur', 'de procesregisseur']);
  });

  it('internal deviations are left out', () => {
    expect(copy.deviations).toHaveLength(1);
  });

  it('dates written in text become day numbers from the start of the case; no calendar date, no time of day', () => {
    for (const d of TEXT_DATES_AS_DAYS) expect(serialised, d).toContain(d);
    // No date, and no time of day from the conclusions' timestamps, in any form.
    expect(serialised).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|T?\d{2}:\d{2}/);
  });

  it('structured dates become day numbers from the start of the case, in order, without time of day', () => {
    expect(copy.zrm.map((z) => z.day)).toEqual([27, 125]);
    const g = copy.goals[0]!;
    expect(g.dueDay).toBe(268);
    expect(g.actions.map((a) => a.dueDay)).toEqual([100, 177]);
    const dev = copy.deviations[0]!;
    expect([dev.startDay, dev.reviewDay, dev.endDay]).toEqual([55, 161, 238]);
    const c = copy.vraagstukken[0]!.conclusions;
    expect(c.map((x) => x.day)).toEqual([105, 117]);
    expect(c[0]!.reviewDay).toBe(269);
    // Distances stay: 2026-02-01 to 2026-05-10 is 98 days.
    expect(copy.zrm[1]!.day - copy.zrm[0]!.day).toBe(98);
  });

  it('a different start of the case gives other day numbers; no calendar date is in the copy', () => {
    const other = pseudonymiseCase({ ...snapshot, startedOn: '2026-02-01' }, OPTS);
    expect(other.zrm[0]!.day).toBe(0);
    expect(Object.keys(copy).sort()).toEqual(['deviations', 'goals', 'household', 'sections', 'summary', 'table', 'vraagstukken', 'zrm']);
  });

  it('the session title names no one', () => {
    expect(sessionTitle(snapshot, undefined, OPTS)).toBe('Intervisie: huishouden met moeder, vader en 4 kinderen');
    const typed = sessionTitle(snapshot, 'Reflectie gezin Verbeek: Sanne en Daan (14-03-2026)', OPTS);
    expect(namesFound(typed, NAME_FORMS)).toEqual([]);
    expect(typed).toBe('Reflectie het gezin: moeder en kind 3 (dag 68)');
  });
});

describe('pseudonymisation: the parts', () => {
  it('roles follow the relation, children oldest first, and never copy the relation text', () => {
    const members: HouseholdMember[] = [
      { id: 'a', voornaam: 'A', relatie: 'Moeder van Anna', geboortejaar: 1980 },
      { id: 'b', voornaam: 'B', relatie: 'zoon', geboortejaar: 2012 },
      { id: 'c', voornaam: 'C', relatie: 'dochter', geboortejaar: 2008 },
      { id: 'd', voornaam: 'D', relatie: 'oma', geboortejaar: 1950 },
      { id: 'e', voornaam: 'E', relatie: 'Kees', geboortejaar: null },
      { id: 'f', voornaam: 'F', relatie: 'moeder', geboortejaar: 1982 },
    ];
    const roles = householdRoles(members);
    expect(members.map((m) => roles.get(m))).toEqual(['moeder 1', 'kind 2', 'kind 1', 'grootouder', 'gezinslid 1', 'moeder 2']);
  });

  it('family names are read from the title', () => {
    expect(familyNameOfTitle('Gezin Verbeek')).toBe('Verbeek');
    expect(familyNameOfTitle('Dhr. R. de Graaf')).toBe('de Graaf');
    expect(familyNameOfTitle('Gezin El Khatib')).toBe('El Khatib');
    expect(familyNameOfTitle('Mw. J. Koster (18-/18+)')).toBe('Koster');
    expect(familyNameOfTitle('Gezin')).toBeNull();
  });

  it('names that are also words are replaced only with a capital, so sentences keep their verbs', () => {
    const names = nameReplacer([
      { name: 'Wil', replacement: 'vader' },
      { name: 'Roos', replacement: 'kind 1' },
    ]);
    expect(names('Wil zegt dat moeder wil werken; Roos krijgt een roos.')).toBe('vader zegt dat moeder wil werken; kind 1 krijgt een roos.');
  });

  it('ordinary case text is left alone', () => {
    const text = 'Wmo 2015 art. 2.3.5 en Participatiewet art. 18 lid 1; de arbeidsmarkt, een verbetering in de loopbaan. Budget € 1.250 per maand, 3 gesprekken tussen 09.00-10.30.';
    expect(scrubText(text, { dates: { kind: 'relative', anchor: STARTED_ON, referenceYear: 2026, oldest: '2024-01-05' } })).toBe(text);
  });

  it('a published text loses identifiers and dates, and names after a form of address', () => {
    const out = scrubForLibrary('Mevrouw de Boer (BSN 123456782, 06 12345678, boer@example.nl) uit 4901 AB Oosterhout kreeg op 3 maart 2026 een bewindvoerder; rekening NL91ABNA0417164300, Kerkstraat 4.');
    expect(out).toBe('Mevrouw [naam] (BSN [nummer], [telefoon], [e-mail]) uit [postcode] kreeg op [datum] een bewindvoerder; rekening [IBAN], [adres].');
  });

  it('a text cannot forge the scrubber’s internal markers', () => {
    expect(scrubText('a\uE000\uE100b 2026-03-14', { dates: { kind: 'remove' } })).toBe('ab [datum]');
  });
});

// ------------------------------------------------------------------ the audit's probes, one by one

describe('pseudonymisation: what an audit found surviving', () => {
  const relative: DatePolicy = { kind: 'relative', anchor: STARTED_ON, referenceYear: 2026, oldest: '2024-01-05' };
  const known = KnownIndex.build([
    { name: 'Sanne Verbeek', replacement: 'moeder' },
    { name: 'Sanne', replacement: 'moeder' },
    { name: 'Verbeek', replacement: '[naam]' },
  ]);
  const scrub = (t: string) => scrubText(t, { known, dates: relative });

  it('a place after a street address, after in/te/uit/naar, and any Dutch municipality by name', () => {
    expect(scrub('woont in Oosterhout')).toBe('woont in [plaats]');
    expect(scrub('Dorpsstraat 12, Oosterhout')).toBe('[adres]');
    expect(scrub('Dorpsstraat 12 Oosterhout en Kerkpad 3, Rijsbergen')).toBe('[adres] en [adres]');
    // Not in the list: found by the word before it.
    expect(scrub('wonend in Rijsbergen, woonachtig te Oud Gastel, komt uit Zevenbergschen Hoek, verhuist naar Sprundel')).toBe('wonend in [plaats], woonachtig te [plaats], komt uit [plaats], verhuist naar [plaats]');
    expect(scrub("In Den Haag, Bergen op Zoom en 's-Hertogenbosch; gemeente Alphen-Chaam")).toBe('In [plaats], [plaats] en [plaats]; gemeente [plaats]');
    // In the list: found anywhere, with a district or a possessive.
    expect(scrub('Oosterhout is klein; Tilburg-Noord en Breda’s centrum; BREDA.')).toBe('[plaats] is klein; [plaats] en [plaats] centrum; [plaats].');
    // Capitalised words that are no place stay.
    const plain = 'In Nederland en in Wmo-termen: gesprek in Teams, melding bij Veilig Thuis, gevlucht uit Syrië. Buren klagen. Best lastig. Leiden tot niets. Zoals in de Jeugdwet.';
    expect(scrub(plain)).toBe(plain);
  });

  it('dates without a year become day numbers (the current year assumed); ranges and fractions stay', () => {
    expect(scrub('gesprekken op 14-03 en 03-04')).toBe('gesprekken op dag 68 en dag 88');
    expect(scrub('zaterdag 14/3 en 14 maart')).toBe('zaterdag dag 68 en dag 68');
    expect(scrub('op 25/12, maandag 2-3, d.d. 1/2')).toBe('op dag 354, maandag dag 56, d.d. dag 27');
    expect(scrubText('op 14-03, maandag 14/3, 14 maart', { dates: { kind: 'remove' } })).toBe('op [datum], maandag [datum], [datum]');
    const plain = '3-5 kinderen van 8-12 jaar, 24/7 bereikbaar, 1/2 dag, op 3-4 momenten, groep 7-8, art. 10-12, 1-2 keer per week, tussen 09.00-10.30, 31-02.';
    expect(scrub(plain)).toBe(plain);
  });

  it('a postcode in lower case with a space; "2019 en" and amounts with a unit stay', () => {
    expect(scrub('4901 ab')).toBe('[postcode]');
    expect(scrub('post naar 4901 ab Oosterhout')).toBe('post naar [postcode]');
    expect(scrub('in 2019 en 2020 op de lijst, 1500 km en € 1250 pm')).toBe('in [jaar] en [jaar] op de lijst, 1500 km en € 1250 pm');
  });

  it('a phone number with spaced separators', () => {
    expect(scrub('bel 06 - 12 34 56 78 of 010 - 123 45 67 of +31 6 - 12 34 56 78')).toBe('bel [telefoon] of [telefoon] of [telefoon]');
  });

  it('client, file and BSN numbers of any length after a label', () => {
    expect(scrub('klantnummer 87654, dossiernummer 4521, BSN: 12345, cliëntnr. 778, kenmerk ZK-2024/12, ons nummer 3')).toBe(
      'klantnummer [nummer], dossiernummer [nummer], BSN: [nummer], cliëntnr. [nummer], kenmerk [nummer], ons nummer [nummer]',
    );
    expect(scrub('het telefoonnummer van de Wmo-consulent')).toBe('het telefoonnummer van de Wmo-consulent');
  });

  it('a double-barrelled surname goes whole', () => {
    expect(scrub('Sanne Verbeek-Jansen tekende')).toBe('moeder tekende');
    expect(scrub('mevrouw Jansen-Verbeek en S. Verbeek-de Wit')).toBe('mevrouw [naam] en [naam]');
    expect(scrub("Sanne Verbeek-Jansen's fiets")).toBe('moeders fiets');
    // A registered double name is known by each of its parts too.
    const family = nameReplacer(nameAndParts('Jansen-de Vries', '[naam]'));
    expect(family('Jansen-de Vries, Jansen, de Vries, Vries en mevrouw Jansen de Vries')).toBe('[naam], [naam], [naam], [naam] en mevrouw [naam]');
  });

  it('schools after a school word or with the school word in the name, employers after "werkt bij", places after "in"', () => {
    expect(scrub('basisschool De Regenboog, bso Kiekeboe, kinderopvang Partou, het ROC West-Brabant')).toBe('basisschool [naam], bso [naam], kinderopvang [naam], het ROC [naam]');
    expect(scrub('op het Da Vinci College, daarna de Jozefschool')).toBe('op het [school], daarna de [school]');
    expect(scrub('werkt sinds kort bij Albert Heijn in Breda. Zoekt werk bij Jumbo.')).toBe('werkt sinds kort bij [organisatie] in [plaats]. Zoekt werk bij [organisatie].');
    // Without a word that introduces it, an organisation stays (a known limit); its place goes.
    expect(scrub('Albert Heijn in Breda')).toBe('Albert Heijn in [plaats]');
    const plain = 'Basisschool is belangrijk. Ze gaat naar school. De school belt. Werkt samen met de gemeente.';
    expect(scrub(plain)).toBe(plain);
  });
});
