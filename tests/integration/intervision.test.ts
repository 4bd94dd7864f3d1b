// Intervision through the API and a real WebsocketProvider: a session is made from a case whose
// live plan, goals, reverse test and deviations are full of names and identifiers; none of them
// may appear in any intervision answer, in the session's live document, or in what the database
// stores for the session. Outsiders (members of the source case too) get 404 for the session
// and its room; partners and residents can neither take part nor read the library. Participants
// write while the session is open and read afterwards. Every refusal writes nothing.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readPlanDoc } from '../../server/plan/plan-doc';
import { addHouseholdMember, addZrmMeting, readPlan, setZrmScore } from '../../shared/plan/doc';
import { copyFragment, readIntervisionDoc, reflectionFragment } from '../../shared/plan/intervision';
import { CLOSE_CODES, intervisionRoomName, roomName } from '../../shared/plan/rooms';
import { readVraagstukDraft, reasoningFragment, setVerdictDraft, textFragment } from '../../shared/plan/vraagstukken';
import { TOETS_TEXTS } from '../../shared/vraagstukken';
import { type ApiResponse, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError, expectRefusedWithoutWrites } from '../support/api';
import { addParagraph, barrier, type Conn, connectSynced, destroyAll, rawUpgrade, updateRows, verbeekLikeCase } from '../support/collab';
import { auditRowsSince, count, maxAuditSeq, queryRow, queryRows, tableNames } from '../support/db';
import { releaseAsIs } from '../support/fixtures';
import { inDays, today, waitFor } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
beforeAll(async () => {
  server = await startTestServer();
  // Log everyone in up front: a login is audited, and refusals are checked to write no audit row.
  for (const key of ['procesregisseur', 'casusregisseur', 'klantmanager', 'wmo', 'jeugd', 'ggz', 'inwoner', 'teamleider', 'schuldhulp', 'gedragsdeskundige', 'beheer']) await as(key);
});
afterEach(() => destroyAll());
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

// ------------------------------------------------------------------ a case full of identifiers

const FAMILY = 'Brinkhorst';
const TITLE = `Gezin ${FAMILY}`;
const HOUSEHOLD = [
  { voornaam: 'Sanne', relatie: 'moeder', geboortejaar: 1990 },
  { voornaam: 'Ahmed', relatie: 'vader', geboortejaar: 1987 },
  { voornaam: 'Noor', relatie: 'dochter', geboortejaar: 2015 },
  { voornaam: 'Daan', relatie: 'zoon', geboortejaar: 2018 },
];
const TEXTS = {
  beeldvorming: `Sanne ${FAMILY} (geboren op 14-03-1990, BSN 123.456.782) woont met Ahmed aan de Kastanjelaan 12a, 4901 AB Oosterhout. Bel 06-12345678 of mail sanne.brinkhorst@example.nl. IBAN NL91 ABNA 0417 1643 00. Sannes dochter Noor en zoon Daan; gesprek op 14 maart 2026 met Sander Willemsen.`,
  wens: `Noor wil dat papa Ahmed blijft komen. Daan's school belt 010-1234567. Sanne's wens: rust.`,
  afspraken: `Marieke de Vries belt Sanne op 2026-04-01. Anouk Peeters (GGZ) ziet Sanne wekelijks; Fatma Yildiz regelt begeleiding. Hanna Bos kijkt mee.`,
};
const INTERNAL_MARKER = 'GEHEIM-INTERN-VERMOEDEN';

/** Strings that must not occur in anything an intervision participant can reach. */
const FORBIDDEN = [
  'Sanne', 'Ahmed', 'Noor', 'Daan', FAMILY, TITLE,
  // Members of the source case who do not take part (the participants' own names are fine).
  'Marieke', 'de Vries', 'Sander', 'Willemsen', 'Anouk', 'Peeters', 'Fatma', 'Yildiz', 'Hanna Bos', 'Ruud', 'Smeets', 'Verbeek',
  'Kastanjelaan', '4901 AB', 'Oosterhout', '123.456.782', '123456782', '06-12345678', '0612345678', 'sanne.brinkhorst', 'example.nl', 'NL91', '0417 1643', '010-1234567',
  '14-03-1990', '1990', '1987', '2015', '2018', '14 maart 2026', '2026-04-01', INTERNAL_MARKER,
];

interface Source {
  caseId: string;
  /** Ids of records of the case, none of which may reach the session. */
  ids: string[];
}

async function sourceCase(): Promise<Source> {
  const caseId = await verbeekLikeCase(server, uid, TITLE);
  const cr = await as('casusregisseur');
  const writer = await connectSynced(server, cr, roomName(caseId, 'plan'));
  const observer = await connectSynced(server, await as('klantmanager'), roomName(caseId, 'plan'));
  const ids: string[] = [caseId];
  writer.doc.transact(() => {
    for (const m of HOUSEHOLD) ids.push(addHouseholdMember(writer.doc, m));
    const meting = addZrmMeting(writer.doc, '2026-02-01');
    ids.push(meting);
    setZrmScore(writer.doc, meting, 'financien', 2);
  });
  for (const [key, text] of Object.entries(TEXTS)) addParagraph(writer.doc, text, key as keyof typeof TEXTS);
  await barrier(writer, [observer]);

  const goal = await cr.post(`/api/cases/${caseId}/goals`, {
    text: 'Sanne wordt stabiel; Ahmed blijft betrokken (tel 0612345678).',
    lifeDomain: 'geestelijke_gezondheid',
    owner: { type: 'household', name: 'Sanne' },
    dueDate: inDays(90),
    legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid van Sanne in haar eigen leefomgeving.' }],
  });
  expect(goal.status, JSON.stringify(goal.body)).toBe(201);
  ids.push(goal.body.id);
  const action = await cr.post(`/api/cases/${caseId}/goals/${goal.body.id}/actions`, { text: 'Marieke de Vries belt Ahmed.', owner: { type: 'member', userId: uid('casusregisseur') }, dueDate: inDays(14) });
  expect(action.status, JSON.stringify(action.body)).toBe(201);

  const v = await cr.post(`/api/cases/${caseId}/vraagstukken`, { title: `Stabiliteit voor Sanne ${FAMILY}` });
  expect(v.status, JSON.stringify(v.body)).toBe(201);
  ids.push(v.body.id);
  await waitFor(async () => readVraagstukDraft(writer.doc, v.body.id) !== null);
  const behoefte = textFragment(writer.doc, v.body.id, 'behoefte')!;
  writer.doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Noor en Daan willen dat Ahmed blijft; Sanne wil stabiel worden. Mail: sanne.brinkhorst@example.nl')]);
    behoefte.insert(0, [p]);
  });
  await barrier(writer, [observer]);

  const deviation = (internal: boolean, reasoning: string) =>
    as('klantmanager').then((c) =>
      c.post(`/api/cases/${caseId}/deviations`, {
        law: 'participatiewet',
        rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
        route: 'awb_4_84',
        willDo: 'Ahmed kookt en brengt Noor en Daan naar bed.',
        willNotDo: 'Geen onderzoek naar de woonsituatie van Sanne gedurende het plan.',
        reasoning,
        startDate: today(),
        endDate: inDays(120),
        reviewDate: inDays(60),
        internal,
      }),
    );
  const open = await deviation(false, 'Ahmed brengt stabiliteit voor Noor en Daan; evenredig gedurende het plan (BSN 123456782).');
  expect(open.status, JSON.stringify(open.body)).toBe(201);
  const intern = await deviation(true, `${INTERNAL_MARKER}: vermoeden gezamenlijke huishouding niet oppakken.`);
  expect(intern.status, JSON.stringify(intern.body)).toBe(201);
  ids.push(open.body.id, intern.body.id);
  writer.destroy();
  observer.destroy();
  return { caseId, ids: [...ids, uid('casusregisseur'), uid('klantmanager'), uid('inwoner'), uid('ggz')] };
}

/**
 * Random values a birth year such as 1987 turns up in now and then: ids of sessions, items and
 * people, the digests and key of the known-names index, timestamps in milliseconds.
 */
const RANDOM = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b|[a-z0-9+/]{40,}={0,2}|\b\d{12,}\b/g;

/** Every forbidden string or record id found in `what` (case-insensitive). */

function leaks(what: unknown, source: Source): string[] {
  const text = (typeof what === 'string' ? what : JSON.stringify(what)).toLowerCase();
  // The case's own ids are looked for as they are; the words and numbers outside the random ids.
  const words = text.replace(RANDOM, '<random>');
  return [...FORBIDDEN.filter((f) => words.includes(f.toLowerCase())), ...source.ids.filter((id) => text.includes(id.toLowerCase()))];
}

/** Everything a Y.Doc holds: its texts, and the raw bytes of its whole state as UTF-8. */
function docContent(doc: Y.Doc): string {
  return `${JSON.stringify(readIntervisionDoc(doc))}\n${Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8')}`;
}

async function records() {
  return {
    sessions: await count(server, 'select count(*) as n from intervision_sessions'),
    participants: await count(server, 'select count(*) as n from intervision_participants'),
    stories: await count(server, 'select count(*) as n from success_stories'),
    drafts: await count(server, 'select count(*) as n from story_drafts'),
    audit: await maxAuditSeq(server),
  };
}

const refused = (make: () => Promise<ApiResponse>, status: number, code: string) => expectRefusedWithoutWrites(records, make, status, code);

/** A session as made: under review, seen by its begeleider only. */
async function prepareSession(caseId: string, key = 'procesregisseur', body: Record<string, unknown> = {}): Promise<any> {
  const res = await (await as(key)).post(`/api/cases/${caseId}/intervision`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.releasedAt).toBeNull();
  return res.body;
}

/** releaseAsIs (helpers.ts) as the begeleider. */
const release = async (session: any, key = 'procesregisseur'): Promise<any> => releaseAsIs(await as(key), session);

async function createSession(caseId: string, key = 'procesregisseur', body: Record<string, unknown> = {}): Promise<any> {
  return release(await prepareSession(caseId, key, body), key);
}

// ------------------------------------------------------------------ the copy

describe('preparing an intervision session', () => {
  it('nothing of the household, the table or the case reaches any intervision answer, the live document or the stored session', async () => {
    const source = await sourceCase();
    const seq = await maxAuditSeq(server);
    const session = await createSession(source.caseId, 'procesregisseur', { title: `Reflectie ${TITLE}: Sanne en Daan` });
    expect(leaks(session, source)).toEqual([]);
    expect(Object.keys(session).sort()).toEqual(['closedAt', 'copy', 'createdAt', 'id', 'me', 'participants', 'releasedAt', 'review', 'room', 'title']);
    expect(session.room).toBe(intervisionRoomName(session.id));
    expect(session.title).toBe('Reflectie het gezin: moeder en kind 2');
    expect(session.participants).toEqual([{ id: uid('procesregisseur'), name: expect.any(String), functie: 'procesregisseur', role: 'begeleider' }]);
    expect(session.me).toEqual({ role: 'begeleider', can: { write: true, manageParticipants: true, close: true, publish: true, review: false } });

    // The copy is there, as roles.
    const { copy } = session;
    expect(copy.household).toEqual([
      { role: 'moeder', ageBand: expect.any(String) },
      { role: 'vader', ageBand: expect.any(String) },
      { role: 'kind 1', ageBand: expect.any(String) },
      { role: 'kind 2', ageBand: expect.any(String) },
    ]);
    expect(copy.sections.find((s: any) => s.key === 'beeldvorming').text).toContain('moeder (geboren op [geboortedatum], BSN [nummer]) woont met vader aan [adres], [postcode]. Bel [telefoon] of mail [e-mail]. IBAN [IBAN]. moeders dochter kind 1 en zoon kind 2');
    expect(copy.goals).toHaveLength(1);
    expect(copy.goals[0]).toMatchObject({ owner: 'moeder', text: 'moeder wordt stabiel; vader blijft betrokken (tel [telefoon]).' });
    expect(copy.goals[0].actions[0]).toMatchObject({ owner: 'de casusregisseur', text: 'de casusregisseur belt vader.' });
    expect(copy.vraagstukken[0].texts.behoefte).toContain('kind 1 en kind 2 willen dat vader blijft');
    expect(copy.deviations).toHaveLength(1);
    expect(copy.zrm).toHaveLength(1);
    // A day number from the start of the case (made today), never a date.
    expect(copy.zrm[0]).toMatchObject({ day: expect.any(Number) });
    expect(JSON.stringify(copy)).not.toContain('2026-02-01');

    // The same through every reading route.
    const pr = await as('procesregisseur');
    const read = await pr.get(`/api/intervision/${session.id}`);
    expect(read.status).toBe(200);
    expect(leaks(read.body, source)).toEqual([]);
    const list = await pr.get('/api/intervision');
    expect(list.status).toBe(200);
    expect(list.body.find((s: any) => s.id === session.id)).toMatchObject({ title: session.title, myRole: 'begeleider', participants: 1, closedAt: null, releasedAt: session.releasedAt });
    expect(leaks(list.body, source)).toEqual([]);
    const candidates = await pr.get(`/api/intervision/${session.id}/candidates?q=`);
    expect(candidates.status).toBe(200);
    expect(candidates.body.map((c: any) => c.functie)).not.toContain('extern_partner');

    // The live document: the working copy of the plan texts and three empty reflection notes.
    const conn = await connectSynced(server, pr, session.room);
    await waitFor(async () => readIntervisionDoc(conn.doc).copy.beeldvorming.length > 0);
    const doc = readIntervisionDoc(conn.doc);
    expect(doc.copy.beeldvorming).toBe(copy.sections.find((s: any) => s.key === 'beeldvorming').text);
    expect(doc.reflection).toEqual({ wat_hielp: '', wat_hinderde: '', lessen: '' });
    expect(leaks(docContent(conn.doc), source)).toEqual([]);
    // Fresh Yjs content: no client id of the case's own document is in the session's.
    const planClients = new Set<number>();
    for (const row of await updateRows(server.db, source.caseId)) if (row.update) Y.decodeUpdate(new Uint8Array(row.update)).structs.forEach((s) => planClients.add(s.id.client));
    const sessionClients = new Set<number>();
    Y.decodeUpdate(Y.encodeStateAsUpdate(conn.doc)).structs.forEach((s) => sessionClients.add(s.id.client));
    expect([...sessionClients].filter((c) => planClients.has(c))).toEqual([]);

    // What the database keeps for the session: no case, no names.
    const stored = await queryRow(server, 'select * from intervision_sessions where id = ?', session.id) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['closed_at', 'content', 'created_at', 'created_by', 'id', 'known', 'released_at', 'released_by', 'review', 'title']);
    // The review (with the flags as written) is gone after the release; the known names are digests only.
    expect(stored.review).toBeNull();
    expect(stored.known).not.toMatch(/Sanne|Ahmed|Brinkhorst/i);
    expect(leaks(stored, source)).toEqual([]);
    const updates = await updateRows(server.db, session.room);
    expect(updates.length).toBeGreaterThan(0);
    expect(leaks(updates.map((u) => (u.update ? Buffer.from(u.update).toString('utf8') : '')).join('\n'), source)).toEqual([]);

    // The one link: the audit trail, internal to the municipality.
    const created = (await auditRowsSince(server, seq)).filter((r) => r.action === 'intervision.created');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor_user_id: uid('procesregisseur'), case_id: source.caseId });
    expect(JSON.parse(created[0]!.detail)).toMatchObject({ sessionId: session.id });
  });

  it('only municipal staff with edit rights in the case prepare a session, also in a closed case; refusals write nothing', async () => {
    const { caseId } = await sourceCase();
    await refused(async () => (await as('ggz')).post(`/api/cases/${caseId}/intervision`, {}), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('inwoner')).post(`/api/cases/${caseId}/intervision`, {}), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('teamleider')).post(`/api/cases/${caseId}/intervision`, {}), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('gedragsdeskundige')).post(`/api/cases/${caseId}/intervision`, {}), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('schuldhulp')).post(`/api/cases/${caseId}/intervision`, {}), 404, 'CASUS_NIET_GEVONDEN');
    await refused(async () => (await as('beheer')).post(`/api/cases/${caseId}/intervision`, {}), 404, 'CASUS_NIET_GEVONDEN');
    await refused(async () => (await as('procesregisseur')).post(`/api/cases/${caseId}/intervision`, { title: 'x', caseId }), 400, 'ONGELDIGE_INVOER');
    await refused(async () => (await as('procesregisseur')).post(`/api/cases/${randomUUID()}/intervision`, {}), 404, 'CASUS_NIET_GEVONDEN');

    const cr = await as('casusregisseur');
    const close = await cr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: 'De consulent Wmo belt over drie maanden; het gezin kan zelf contact opnemen met het wijkteam.' });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    const session = await createSession(caseId, 'casusregisseur');
    expect(session.title).toBe('Intervisie: huishouden met moeder, vader en 2 kinderen');
  });
});

// ------------------------------------------------------------------ the leak test

/**
 * Everything that identifies the household, in the forms people write it: names (first names,
 * surnames, a double surname, initials, possessives, diminutives, capitals), the people at the
 * table, names nobody registered, addresses, postcodes, places, phone numbers, e-mail addresses,
 * BSN-like and client numbers, schools and an employer, and dates with and without a year.
 * Every line is short enough for the shortest text fields; long fields get all of them.
 */
const LEAK_LINES = [
  `Sanne ${FAMILY} (S. ${FAMILY}, mevr. S.A. ${FAMILY}-Yilmaz) en Ahmed; Sanne's moeder, Sannes broer, Ahmeds werk, Noor’s fiets. SANNE belt, sanne schrijft, AHMED komt.`,
  `Noortje (Noor) en Daantje (Daan), Daans school; Jan-Willem en Jan Willem; Zoë, Zoe en ZOË. De familie ${FAMILY}, gezin ${FAMILY}, de ${FAMILY}s en mevrouw Yilmaz-${FAMILY}.`,
  'Marieke de Vries belde met Sander Willemsen (Sanders collega), Fatma Yildiz en Lotte Hendriks; Hanna Bos, Anouk Peeters, Ruud Smeets en Sanne Verbeek lazen mee; M. de Vries tekende.',
  'Oma Truus, mevrouw Jansen, dhr. P. de Boer, buurvrouw Jannie en haar vriend Kevin helpen mee.',
  'Woont aan de Kastanjelaan 12a, 4901 AB Oosterhout; eerder Van Goghstraat 3-5, 4902cd, en Dorpsstraat 12, Oosterhout. Post: Postbus 4021, 4903 xy.',
  "Verhuisd naar Rijsbergen, daarvoor woonachtig te Bergen op Zoom en wonend in Den Haag; opa woont in 's-Hertogenbosch, oma komt uit Tilburg.",
  'Bel 06-12345678, 0612345678, 06 - 12 34 56 78, +31 6 12345678 of (010) 123 45 67; school 010-1234567.',
  'Mail sanne.brinkhorst@example.nl of a.yilmaz@mail.example.com; zie https://www.facebook.com/sanne.brinkhorst.90.',
  'BSN 123456782, 123.456.782 en 123 456 782; klantnummer 87654, dossiernummer 4521, BSN: 12345; IBAN NL91 ABNA 0417 1643 00.',
  'Gesprekken op 14-03-2023, 2023-04-01, 14 maart 2023 en 14/03/2023; zonder jaar op 14-03, 03-04 en maandag 16/3. Sanne is geboren op 12-05-1990.',
  'Noor zit op basisschool De Regenboog, Daan op de bso Kiekeboe, Jan-Willem op het Da Vinci College; Ahmed werkt bij Albert Heijn in Breda.',
];
const ALL_LINES = LEAK_LINES.join('\n');
/** As many lines as fit in `max` characters, starting at line `from` (so short fields differ). */
function fit(max: number, from: number): string {
  const out: string[] = [];
  for (let i = 0; i < LEAK_LINES.length; i++) {
    const line = LEAK_LINES[(from + i) % LEAK_LINES.length]!;
    if ([...out, line].join(' ').length > max) continue;
    out.push(line);
  }
  return out.join(' ');
}
const LEAK_HOUSEHOLD = [
  { voornaam: 'Sanne', relatie: 'moeder van Noor, Daan en Jan-Willem', geboortejaar: 1990 },
  { voornaam: 'Ahmed', relatie: `vader (Ahmed Yilmaz-${FAMILY}, 06-12345678)`, geboortejaar: 1987 },
  { voornaam: 'Noor', relatie: 'dochter', geboortejaar: 2015 },
  { voornaam: 'Daan', relatie: 'zoon', geboortejaar: 2018 },
  { voornaam: 'Jan-Willem', relatie: 'pleegzoon, via basisschool De Regenboog', geboortejaar: 2009 },
  { voornaam: 'Zoë', relatie: 'kind', geboortejaar: 2021 },
];
const BREAKTHROUGH_MARKER = 'DOORBRAAK-NIET-IN-DE-KOPIE';

/** Whole words and numbers that must be gone (accents and letter case ignored). */
const LEAK_WORDS = [
  'Sanne', "Sanne's", 'Sannes', 'Ahmed', 'Ahmeds', 'Noor', 'Noor’s', 'Noortje', 'Daan', 'Daantje', 'Daans', 'Jan-Willem', 'Jan Willem', 'Willem', 'Zoë', 'Zoe', FAMILY, `${FAMILY}s`, 'Yilmaz',
  'Marieke', 'de Vries', 'Vries', 'Sander', 'Sanders', 'Willemsen', 'Fatma', 'Yildiz', 'Lotte', 'Hendriks', 'Hanna', 'Bos', 'Anouk', 'Peeters', 'Ruud', 'Smeets', 'Verbeek',
  'Truus', 'Jansen', 'Boer', 'Jannie', 'Kevin',
  'Kastanjelaan', 'Goghstraat', 'Dorpsstraat', '4021', '4901 AB', '4901', '4902cd', '4902', '4903 xy', '4903',
  'Oosterhout', 'Rijsbergen', 'Bergen op Zoom', 'Bergen', 'Zoom', 'Den Haag', 'Haag', "'s-Hertogenbosch", 'Hertogenbosch', 'Tilburg', 'Breda',
  'sanne.brinkhorst', 'a.yilmaz', 'example.nl', 'example.com', 'facebook', 'NL91', 'ABNA',
  '123456782', '123.456.782', '123 456 782', '87654', '4521', '12345',
  'Regenboog', 'Kiekeboe', 'Da Vinci', 'Albert Heijn', 'Heijn',
  // Dates as written (the copy has them moved), the birth date and the birth years.
  '14-03-2023', '2023-04-01', '14 maart 2023', '14/03/2023', '14-03', '03-04', '16/3', '12-05-1990', '1990', '1987', '2015', '2018', '2009', '2021',
  INTERNAL_MARKER, BREAKTHROUGH_MARKER,
];
/** Digit sequences that must be gone whatever separators are put between them (phones, BSN, IBAN). */
const LEAK_DIGITS = ['123456782', '12345678', '1234567', '0417164300'];

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A needle as a whole word or number: "03-04" is not found inside "2027-03-04", "Noor" not inside "Noordwijk". */
function wordPattern(needle: string): RegExp {
  const f = fold(needle);
  const before = /^\p{N}/u.test(f) ? '(?<![\\p{L}\\p{N}]|[\\p{N}][\\-/.])' : '(?<![\\p{L}\\p{N}])';
  const after = /\p{N}$/u.test(f) ? '(?![\\p{L}\\p{N}]|[\\-/.][\\p{N}])' : '(?![\\p{L}\\p{N}])';
  return new RegExp(`${before}${esc(f).replace(/\\?[’']/g, "['’]")}${after}`, 'u');
}
const digitPattern = (digits: string) => new RegExp(`(?<!\\d)${[...digits].join('[\\s.\\-()/+]*')}`);

/** Strings in a value, keys too, each on a line of its own (JSON.stringify would glue "\n" to a name). */
function strings(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (Buffer.isBuffer(v) || v instanceof Uint8Array) out.push(Buffer.from(v).toString('utf8'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push(k), walk(x));
  };
  walk(value);
  return out.join('\n');
}

/** Every seeded value (or record id of the case) still found in `what`. Ids and timestamps of the session itself are left out first. */
function leaked(what: unknown, ids: readonly string[]): string[] {
  const raw = typeof what === 'string' ? what : strings(what);
  const found = ids.filter((id) => raw.includes(id)).map((id) => `id ${id}`);
  const text = fold(raw)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d{4}-\d{2}-\d{2}t\d{2}:\d{2}:\d{2}(?:\.\d+)?z/g, '<tijdstip>');
  found.push(...LEAK_WORDS.filter((w) => wordPattern(w).test(text)));
  found.push(...LEAK_DIGITS.filter((d) => digitPattern(d).test(text)).map((d) => `cijfers ${d}`));
  return found;
}

/** Every string a Yjs update carries, decoded struct by struct: texts, attributes, keys, node names. */
function updateStrings(update: Uint8Array): string {
  const out: string[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (!(s instanceof Y.Item)) continue;
    const c = s.content as unknown as { str?: string; arr?: unknown[]; key?: string; value?: unknown; embed?: unknown; type?: { nodeName?: string } };
    if (typeof c.str === 'string') out.push(c.str);
    if (Array.isArray(c.arr)) out.push(JSON.stringify(c.arr));
    if (typeof c.key === 'string') out.push(c.key, JSON.stringify(c.value ?? null));
    if (c.embed !== undefined) out.push(JSON.stringify(c.embed));
    if (c.type?.nodeName) out.push(c.type.nodeName);
    if (s.parentSub) out.push(s.parentSub);
    if (typeof s.parent === 'string') out.push(s.parent);
  }
  return out.join('\n');
}

const DAY = 86_400_000;

function replaceFragment(fragment: Y.XmlFragment, lines: readonly string[]): void {
  fragment.doc!.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(
      0,
      lines.map((l) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(l)]);
        return p;
      }),
    );
  });
}

interface LeakCase {
  caseId: string;
  /** Ids of records of the case. */
  ids: string[];
  /** Ids of the people at its table (the begeleider, who makes the copy, is not among them). */
  people: string[];
  /** The structured dates as entered, to compare with the copy. */
  dates: { zrm: string; goalDue: string; actionDue: string[]; deviation: [string, string, string]; conclusionAt: string; conclusionReview: string; reopenedAt: string };
}

/** A case with the leak lines in every text field the intervision copy takes, through the API and the live plan room. */
async function leakCase(): Promise<LeakCase> {
  const pr = await as('procesregisseur');
  // The same table as the other collaboration tests; the summary already carries leak values.
  const caseId = await verbeekLikeCase(server, uid, TITLE, fit(4000, 0));
  const ids: string[] = [caseId];
  const zrmDate = inDays(-44);

  // The live plan: household, ZRM, and every line in every section.
  const cr = await as('casusregisseur');
  const writer = await connectSynced(server, cr, roomName(caseId, 'plan'));
  const observer = await connectSynced(server, await as('klantmanager'), roomName(caseId, 'plan'));
  writer.doc.transact(() => {
    for (const m of LEAK_HOUSEHOLD) ids.push(addHouseholdMember(writer.doc, m));
    const meting = addZrmMeting(writer.doc, zrmDate);
    ids.push(meting);
    setZrmScore(writer.doc, meting, 'financien', 2);
  });
  for (const key of ['beeldvorming', 'wens', 'afspraken'] as const) for (const line of LEAK_LINES) addParagraph(writer.doc, line, key);
  await barrier(writer, [observer]);

  // A goal: text, household owner, legitimations under two laws, actions with both kinds of owner.
  const goalDue = inDays(90);
  const goal = await cr.post(`/api/cases/${caseId}/goals`, {
    text: fit(2000, 1),
    lifeDomain: 'geestelijke_gezondheid',
    owner: { type: 'household', name: `Sanne ${FAMILY}-Yilmaz, 06 - 12 34 56 78` },
    dueDate: goalDue,
    legitimations: [
      { law: 'wmo', text: fit(4000, 2) },
      { law: 'jeugdwet', text: fit(4000, 7) },
    ],
  });
  expect(goal.status, JSON.stringify(goal.body)).toBe(201);
  ids.push(goal.body.id);
  const actionDue = [inDays(16), inDays(16)];
  for (const [i, owner] of [{ type: 'household', name: 'Ahmed (vader), ahmed@example.nl, Kastanjelaan 12a' }, { type: 'member', userId: uid('casusregisseur') }].entries()) {
    const action = await cr.post(`/api/cases/${caseId}/goals/${goal.body.id}/actions`, { text: fit(1000, 3 + i * 4), owner, dueDate: actionDue[i] });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    ids.push(action.body.id);
  }

  // A vraagstuk on two laws: its title, all five texts and both reasonings, signed, concluded (the motivation is the besluit text) and reopened.
  const v = await cr.post(`/api/cases/${caseId}/vraagstukken`, { title: fit(200, 4) || `Rust voor Sanne ${FAMILY} in Oosterhout (14-03)`, laws: ['participatiewet', 'wmo'] });
  expect(v.status, JSON.stringify(v.body)).toBe(201);
  const vId = v.body.id as string;
  ids.push(vId);
  await waitFor(async () => readVraagstukDraft(writer.doc, vId) !== null);
  for (const key of TOETS_TEXTS) replaceFragment(textFragment(writer.doc, vId, key)!, LEAK_LINES);
  for (const law of ['participatiewet', 'wmo'] as const) {
    setVerdictDraft(writer.doc, vId, law, 'past');
    replaceFragment(reasoningFragment(writer.doc, vId, law)!, LEAK_LINES);
  }
  await barrier(writer, [observer]);
  const draft = readVraagstukDraft(writer.doc, vId)!;
  for (const [law, who] of [['participatiewet', 'klantmanager'], ['wmo', 'wmo']] as const) {
    const signed = await (await as(who)).post(`/api/cases/${caseId}/vraagstukken/${vId}/signatures`, { law, verdict: 'past', reasoning: draft.verdicts[law].reasoning, solution: draft.texts.oplossing });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  }
  const conclusionReview = inDays(122);
  const concluded = await cr.post(`/api/cases/${caseId}/vraagstukken/${vId}/conclusion`, { outcome: 'uitvoeren', motivation: draft.texts.besluit, reviewDate: conclusionReview });
  expect(concluded.status, JSON.stringify(concluded.body)).toBe(200);
  const reopened = await cr.post(`/api/cases/${caseId}/vraagstukken/${vId}/reopen`, { reason: fit(2000, 5) });
  expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
  const [conclusionAt, reopenedAt] = reopened.body.decisions.map((d: { at: string }) => d.at) as [string, string];

  // Deviations: every text field of a shared one (route "anders" for its free text); an internal one must stay out.
  const deviation = [today(), inDays(120), inDays(60)] as [string, string, string];
  const propose = async (internal: boolean) => {
    const res = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, {
      law: 'participatiewet',
      rule: internal ? `${INTERNAL_MARKER} Participatiewet art. 3` : fit(500, 6),
      route: 'anders',
      routeOther: internal ? INTERNAL_MARKER : fit(500, 8),
      willDo: internal ? INTERNAL_MARKER : fit(4000, 9),
      willNotDo: internal ? INTERNAL_MARKER : fit(4000, 10),
      reasoning: internal ? `${INTERNAL_MARKER}: vermoeden gezamenlijke huishouding niet oppakken.` : ALL_LINES,
      startDate: deviation[0],
      endDate: deviation[1],
      reviewDate: deviation[2],
      internal,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  };
  await propose(false);
  await propose(true);

  // A breakthrough request: not part of the copy, so none of it may show up there either.
  const bt = await pr.post(`/api/cases/${caseId}/breakthroughs`, {
    stuck: `${BREAKTHROUGH_MARKER} ${fit(3900, 0)}`,
    stuckSince: inDays(-120),
    proposal: `${BREAKTHROUGH_MARKER} ${fit(3900, 3)}`,
    kind: 'budget',
    laws: ['wmo'],
    rules: `${BREAKTHROUGH_MARKER} ${fit(3900, 6)}`,
    costs: { carryOn: [{ label: `${BREAKTHROUGH_MARKER} jeugdhulp voor Noor ${FAMILY}`, cents: 14_000_00 }], breakthrough: [{ label: `${BREAKTHROUGH_MARKER} oppas bij Sanne, Kastanjelaan 12a`, cents: 7_200_00, per: 'jaar' }] },
    amountCents: 7_200_00,
    assigneeId: uid('teamleider'),
  });
  expect(bt.status, JSON.stringify(bt.body)).toBe(201);
  ids.push(bt.body.id);

  writer.destroy();
  observer.destroy();
  return {
    caseId,
    ids,
    people: ['casusregisseur', 'klantmanager', 'inwoner', 'ggz', 'wmo', 'jeugd', 'gedragsdeskundige', 'teamleider'].map(uid),
    dates: { zrm: zrmDate, goalDue, actionDue, deviation, conclusionAt, conclusionReview, reopenedAt },
  };
}

describe('the leak test', () => {
  it('no seeded name, address, place, number or date survives in any answer, any stored row or the Yjs content of the session; every date a day number from the start of the case', async () => {
    const source = await leakCase();
    const ids = [...source.ids, ...source.people];
    // The seed is in the source case: the checks can fail.
    const own = await readPlanDoc(server.services, source.caseId, (doc) => JSON.stringify(readPlan(doc)));
    for (const w of ['Sanne', 'Yilmaz', 'Oosterhout', 'Rijsbergen', '14-03', '87654', 'Kiekeboe']) expect(leaked(own, []), w).toContain(w);

    const pr = await as('procesregisseur');
    const session = await createSession(source.caseId, 'procesregisseur', { title: `Reflectie gezin ${FAMILY}: Sanne en Daan (14-03-2023, Oosterhout)` });
    const { copy } = session;
    // Every text field was copied: the copy is not empty where the case was full.
    expect(copy.summary.length).toBeGreaterThan(200);
    for (const s of copy.sections) expect(s.text.length, s.key).toBeGreaterThan(200);
    // Children are numbered oldest first: the pleegzoon (2009) is kind 1.
    expect(copy.household.map((m: any) => m.role)).toEqual(['moeder', 'vader', 'kind 2', 'kind 3', 'kind 1', 'kind 4']);
    expect(copy.goals).toHaveLength(1);
    expect(copy.goals[0].legitimations).toHaveLength(2);
    expect(copy.goals[0].actions).toHaveLength(2);
    expect(copy.vraagstukken[0].verdicts.map((v: any) => v.law).sort()).toEqual(['participatiewet', 'wmo']);
    expect(copy.vraagstukken[0].conclusions.map((c: any) => c.kind)).toEqual(['besloten', 'heropend']);
    expect(copy.deviations).toHaveLength(1);
    expect(copy.deviations[0].routeOther.length).toBeGreaterThan(50);

    // 1. Every answer of the API.
    expect(leaked(session, ids)).toEqual([]);
    const read = await pr.get(`/api/intervision/${session.id}`);
    expect(read.status).toBe(200);
    expect(leaked(read.body, ids)).toEqual([]);
    const list = await pr.get('/api/intervision');
    expect(leaked(list.body, ids)).toEqual([]);

    // 2. The Yjs content as a participant loads it through a real provider.
    const conn = await connectSynced(server, pr, session.room);
    await waitFor(async () => readIntervisionDoc(conn.doc).copy.beeldvorming.length > 0);
    const live = readIntervisionDoc(conn.doc);
    expect(live.copy.beeldvorming).toBe(copy.sections.find((s: any) => s.key === 'beeldvorming').text);
    const state = Y.encodeStateAsUpdate(conn.doc);
    expect(leaked([JSON.stringify(live), updateStrings(state), Buffer.from(state).toString('utf8')].join('\n'), ids)).toEqual([]);

    // 3. Every row of the intervision tables and of the session's room, read from the database itself.
    {
      const tables = (await tableNames(server)).filter((t) => t.startsWith('intervision') || t === 'success_stories');
      expect(tables).toEqual(['intervision_participants', 'intervision_sessions', 'success_stories']);
      // All rows, also of sessions other tests made from other cases; people's ids only for this session's rows.
      for (const t of tables) expect(leaked(await queryRows(server, `select * from ${t}`), source.ids), t).toEqual([]);
      expect(leaked(await queryRows(server, 'select * from intervision_sessions where id = ?', session.id), ids)).toEqual([]);
      expect(leaked(await queryRows(server, 'select * from intervision_participants where session_id = ?', session.id), ids)).toEqual([]);
      const updates = await queryRows<{ update: Buffer | null }>(server, 'select * from collab_updates where room = ? order by id', session.room);
      const snapshots = await queryRows<{ state: Buffer }>(server, 'select * from collab_snapshots where room = ?', session.room);
      expect(updates.length + snapshots.length).toBeGreaterThan(0);
      expect(leaked(updates, ids)).toEqual([]);
      expect(leaked(snapshots, ids)).toEqual([]);
      const stored = new Y.Doc();
      for (const s of snapshots) Y.applyUpdate(stored, new Uint8Array(s.state));
      for (const u of updates) {
        if (!u.update) continue;
        expect(leaked(updateStrings(new Uint8Array(u.update)), ids)).toEqual([]);
        Y.applyUpdate(stored, new Uint8Array(u.update));
      }
      // The stored updates, decoded, are the same document the provider loaded.
      expect(readIntervisionDoc(stored).copy).toEqual(live.copy);
      expect(leaked(JSON.stringify(readIntervisionDoc(stored)), ids)).toEqual([]);
    }

    // 4. Dates are day numbers from the start of the case (made today): structured ones exactly, none as a date or a time.
    const d = source.dates;
    const dayOf = (iso: string) => Math.round((Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / DAY);
    expect(copy.zrm[0].day).toBe(dayOf(d.zrm));
    expect(copy.goals[0].dueDay).toBe(dayOf(d.goalDue));
    expect(copy.goals[0].actions.map((a: any) => a.dueDay)).toEqual(d.actionDue.map(dayOf));
    const dev = copy.deviations[0];
    expect([dev.startDay, dev.endDay, dev.reviewDay]).toEqual(d.deviation.map(dayOf));
    const [besloten, heropend] = copy.vraagstukken[0].conclusions;
    expect([besloten.day, besloten.reviewDay, heropend.day]).toEqual([dayOf(d.conclusionAt), dayOf(d.conclusionReview), dayOf(d.reopenedAt)]);
    const copyText = strings(copy);
    expect(copyText).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}/);
    // Dates in text: more than two years before the case (2023) they go, like a birth date; without a year the current year is assumed.
    const year = Number(today().slice(0, 4));
    for (const text of [copy.summary, live.copy.beeldvorming, copy.goals[0].legitimations[0].text, copy.vraagstukken[0].texts.besluit, copy.deviations[0].reasoning]) {
      expect(text).toContain(`Gesprekken op [datum], [datum], [datum] en [datum]; zonder jaar op dag ${dayOf(`${year}-03-14`)}, dag ${dayOf(`${year}-04-03`)} en maandag dag ${dayOf(`${year}-03-16`)}.`);
      expect(text).toContain('[geboortedatum]');
    }
  });
});

// ------------------------------------------------------------------ taking part

describe('taking part', () => {
  it('outsiders get 404 for the session and its room, members of the source case too; partners and residents cannot join', async () => {
    const { caseId } = await sourceCase();
    const session = await createSession(caseId);
    for (const key of ['klantmanager', 'casusregisseur', 'ggz', 'inwoner', 'schuldhulp', 'beheer']) {
      await refused(async () => (await as(key)).get(`/api/intervision/${session.id}`), 404, 'SESSIE_NIET_GEVONDEN');
      const up = await rawUpgrade(server, encodeURIComponent(session.room), { cookie: (await as(key)).cookie! });
      expect(up.status, key).toBe(404);
    }
    await refused(async () => (await as('procesregisseur')).get(`/api/intervision/${randomUUID()}`), 404, 'SESSIE_NIET_GEVONDEN');
    expect((await (await as('klantmanager')).get('/api/intervision')).body).toEqual([]);
    for (const key of ['ggz', 'inwoner', 'beheer']) await refused(async () => (await as(key)).get('/api/intervision'), 403, 'GEEN_TOESTEMMING');
    // Not even the begeleider can bring in a partner or a resident.
    const pr = await as('procesregisseur');
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('ggz') }), 422, 'GEEN_INTERVISIE');
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('inwoner') }), 422, 'GEEN_INTERVISIE');
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('beheer') }), 422, 'GEEN_INTERVISIE');
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: randomUUID() }), 422, 'ONBEKENDE_GEBRUIKER');
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('jeugd'), role: 'begeleider' }), 400, 'ONGELDIGE_INVOER');
  });

  it('the begeleider adds colleagues (no case membership needed); participants write live while open, read only after close', async () => {
    const { caseId } = await sourceCase();
    const session = await createSession(caseId);
    const pr = await as('procesregisseur');
    const seq = await maxAuditSeq(server);
    // The schuldhulpverlener is no member of the source case.
    for (const key of ['jeugd', 'schuldhulp']) {
      const added = await pr.post(`/api/intervision/${session.id}/participants`, { userId: uid(key) });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    const audit = await auditRowsSince(server, seq);
    expect(audit.map((r) => [r.action, r.case_id, JSON.parse(r.detail)])).toEqual([
      ['intervision.participant_added', null, { sessionId: session.id, userId: uid('jeugd') }],
      ['intervision.participant_added', null, { sessionId: session.id, userId: uid('schuldhulp') }],
    ]);
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('jeugd') }), 409, 'AL_DEELNEMER');

    const jeugd = await as('jeugd');
    const mine = await jeugd.get(`/api/intervision/${session.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.me).toEqual({ role: 'deelnemer', can: { write: true, manageParticipants: false, close: false, publish: true, review: false } });
    expect((await jeugd.get('/api/intervision')).body.map((s: any) => s.id)).toContain(session.id);
    // A deelnemer neither adds people nor closes.
    await refused(() => jeugd.post(`/api/intervision/${session.id}/participants`, { userId: uid('wmo') }), 403, 'GEEN_TOESTEMMING');
    await refused(() => jeugd.get(`/api/intervision/${session.id}/candidates`), 403, 'GEEN_TOESTEMMING');
    await refused(() => jeugd.post(`/api/intervision/${session.id}/close`), 403, 'GEEN_TOESTEMMING');

    // Both write reflection notes live.
    const lead: Conn = await connectSynced(server, pr, session.room);
    const member: Conn = await connectSynced(server, jeugd, session.room);
    const write = (c: Conn, key: 'wat_hielp' | 'wat_hinderde' | 'lessen', text: string) => {
      const f = reflectionFragment(c.doc, key);
      c.doc.transact(() => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(text)]);
        f.insert(f.length, [p]);
      });
    };
    write(member, 'wat_hielp', 'Eén gedeeld doel onder drie wetten.');
    write(lead, 'wat_hinderde', 'De vrees voor een terugvordering.');
    await waitFor(async () => readIntervisionDoc(lead.doc).reflection.wat_hielp.includes('Eén gedeeld doel'));
    await waitFor(async () => readIntervisionDoc(member.doc).reflection.wat_hinderde.includes('terugvordering'));
    // Annotating the working copy is writing too.
    const copy = copyFragment(member.doc, 'beeldvorming');
    member.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Opmerking: hier zat het omslagpunt.')]);
      copy.insert(copy.length, [p]);
    });
    await waitFor(async () => readIntervisionDoc(lead.doc).copy.beeldvorming.includes('omslagpunt'));

    // Closing: audited, writers reconnect read-only, later edits are dropped.
    const seqClose = await maxAuditSeq(server);
    const closed = await pr.post(`/api/intervision/${session.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.closedAt).toEqual(expect.any(String));
    expect(closed.body.me.can).toEqual({ write: false, manageParticipants: false, close: false, publish: true, review: false });
    expect((await auditRowsSince(server, seqClose)).map((r) => [r.action, r.actor_user_id, r.case_id, JSON.parse(r.detail)])).toEqual([['intervision.closed', uid('procesregisseur'), null, { sessionId: session.id }]]);
    await waitFor(async () => member.closeCodes.includes(CLOSE_CODES.rightsChanged) && member.provider.synced);
    const storedBefore = (await updateRows(server.db, session.room)).length;
    write(member, 'lessen', 'Na het sluiten (mag niet).');
    await barrier(member, [lead]);
    expect(readIntervisionDoc(lead.doc).reflection.lessen).toBe('');
    expect(await updateRows(server.db, session.room)).toHaveLength(storedBefore);
    // Still readable for participants, closed for changes.
    expect((await jeugd.get(`/api/intervision/${session.id}`)).body.me.can.write).toBe(false);
    const reader = await connectSynced(server, jeugd, session.room);
    await waitFor(async () => readIntervisionDoc(reader.doc).reflection.wat_hielp.includes('Eén gedeeld doel'));
    await refused(() => pr.post(`/api/intervision/${session.id}/close`), 409, 'SESSIE_GESLOTEN');
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('wmo') }), 409, 'SESSIE_GESLOTEN');
  });
});

// ------------------------------------------------------------------ the library

describe('the success-story library', () => {
  it('a participant publishes a lesson, scrubbed and audited; all municipal staff read the library, partners and residents do not', async () => {
    const { caseId } = await sourceCase();
    const session = await createSession(caseId);
    const pr = await as('procesregisseur');
    expect((await pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('jeugd') })).status).toBe(201);
    const jeugd = await as('jeugd');

    await refused(() => jeugd.post(`/api/intervision/${session.id}/publish`, { kind: 'les', title: 'X', body: 'Y', laws: ['belastingwet'] }), 400, 'ONGELDIGE_INVOER');
    await refused(() => jeugd.post(`/api/intervision/${session.id}/publish`, { title: 'X', body: 'Y' }), 400, 'ONGELDIGE_INVOER');
    await refused(() => jeugd.post(`/api/intervision/${session.id}/publish`, { kind: 'les', title: 'X', body: 'Y', breakthroughType: 'toverstaf' }), 400, 'ONGELDIGE_INVOER');
    await refused(async () => (await as('klantmanager')).post(`/api/intervision/${session.id}/publish`, { kind: 'les', title: 'X', body: 'Y' }), 404, 'SESSIE_NIET_GEVONDEN');
    await refused(() => jeugd.post(`/api/intervision/${session.id}/publish`, { kind: 'les', title: '06-12345678', body: 'Y' }), 422, 'LEEG_NA_PSEUDONIMISEREN');

    let seq = await maxAuditSeq(server);
    const draft = await jeugd.post(`/api/intervision/${session.id}/publish`, {
      kind: 'les',
      title: 'Eén doel, drie wetten',
      body: 'Mevrouw Jansen (BSN 123456782, 06-12345678, jansen@example.nl, 4901 AB) kreeg op 3 maart 2026 begeleiding; Sanne belde Kevin. Les: leg het doel per wet vast.',
      laws: ['participatiewet', 'wmo', 'jeugdwet'],
      breakthroughType: 'regie_terug',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    // Held for review: layer a knows the household's "Sanne" from the session, "Kevin" (known to nobody) is flagged.
    expect(draft.body.body).toBe('Mevrouw [naam] (BSN [nummer], [telefoon], [e-mail], [postcode]) kreeg op [datum] begeleiding; moeder belde Kevin. Les: leg het doel per wet vast.');
    const flags = draft.body.review.marks.filter((m: any) => m.resolution === 'open');
    expect(flags.map((m: any) => m.found)).toEqual(['Kevin']);
    expect(draft.body.review.marks.find((m: any) => m.value === 'moeder')).toMatchObject({ kind: 'vervanging', layer: 'a', category: 'naam' });
    expect((await auditRowsSince(server, seq)).map((r) => r.action)).toEqual(['successstory.submitted']);
    // Not in the library, for anyone, while a flag is open; the release is refused.
    expect((await (await as('wmo')).get('/api/succesverhalen')).body.map((s: any) => s.title)).not.toContain('Eén doel, drie wetten');
    const stories = `/api/intervision/${session.id}/stories/${draft.body.id}`;
    await refused(() => jeugd.post(`${stories}/release`), 409, 'OPEN_MARKERINGEN');
    // Only its author handles a draft.
    await refused(() => pr.post(`${stories}/release`), 404, 'CONCEPT_NIET_GEVONDEN');
    const resolved = await jeugd.post(`${stories}/review`, { resolutions: [{ markId: flags[0].id, resolution: 'vervangen', placeholder: '[naam]' }] });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.review.open).toBe(0);
    seq = await maxAuditSeq(server);
    const res = await jeugd.post(`${stories}/release`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      kind: 'les',
      source: 'intervisie',
      title: 'Eén doel, drie wetten',
      body: 'Mevrouw [naam] (BSN [nummer], [telefoon], [e-mail], [postcode]) kreeg op [datum] begeleiding; moeder belde [naam]. Les: leg het doel per wet vast.',
      laws: ['wmo', 'jeugdwet', 'participatiewet'],
      breakthroughType: 'regie_terug',
      publishedAt: expect.any(String),
    });
    const audit = await auditRowsSince(server, seq);
    expect(audit.map((r) => [r.action, r.actor_user_id, r.case_id, JSON.parse(r.detail)])).toEqual([
      ['successstory.published', uid('jeugd'), null, { storyId: res.body.id, sessionId: session.id, kind: 'les', draftId: draft.body.id }],
    ]);
    // The draft, with "Kevin" as written, is gone.
    expect(await count(server, 'select count(*) as n from story_drafts where id = ?', draft.body.id)).toBe(0);

    // A closed session may still publish what it learned.
    expect((await pr.post(`/api/intervision/${session.id}/close`)).status).toBe(200);
    const lateDraft = await pr.post(`/api/intervision/${session.id}/publish`, { kind: 'succesverhaal', title: 'Afschalen werkte', body: 'Minder hulp gaf het gezin rust.', laws: [] });
    expect(lateDraft.status, JSON.stringify(lateDraft.body)).toBe(201);
    expect(lateDraft.body.review.open).toBe(0);
    const late = await pr.post(`/api/intervision/${session.id}/stories/${lateDraft.body.id}/release`);
    expect(late.status, JSON.stringify(late.body)).toBe(201);

    // Any municipal colleague reads the library; it names no session and no case.
    for (const key of ['wmo', 'teamleider', 'schuldhulp']) {
      const lib = await (await as(key)).get('/api/succesverhalen');
      expect(lib.status).toBe(200);
      expect(lib.body.map((s: any) => s.id)).toEqual(expect.arrayContaining([res.body.id, late.body.id]));
      expect(JSON.stringify(lib.body)).not.toContain(session.id);
      expect(JSON.stringify(lib.body)).not.toContain(caseId);
    }
    const lessons = await (await as('wmo')).get('/api/succesverhalen?kind=les');
    expect(lessons.body.every((s: any) => s.kind === 'les')).toBe(true);
    expectError(await (await as('wmo')).get('/api/succesverhalen?kind=roman'), 400, 'ONGELDIGE_INVOER');
    for (const key of ['ggz', 'inwoner', 'beheer']) await refused(async () => (await as(key)).get('/api/succesverhalen'), 403, 'GEEN_TOESTEMMING');
  });
});

// ------------------------------------------------------------------ the household's own view

describe('wie heeft mijn dossier bekeken (AVG art. 15)', () => {
  it('the resident sees that a pseudonymised copy was made, by whom and on which day, never which session it became', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const session = await createSession(caseId, 'procesregisseur', { title: 'Reflectie op de samenwerking rond schulden' });
    const res = await (await as('inwoner')).get(`/api/cases/${caseId}/inwoner/accesslog`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const entry = res.body.find((e: any) => e.person.name === 'Priya Ramdin' && e.day === today());
    expect(entry, JSON.stringify(res.body)).toBeDefined();
    expect(entry.what).toContainEqual({ kind: 'intervisiekopie', label: 'Heeft een geanonimiseerde kopie van uw dossier gemaakt voor intervisie (collega’s leren ervan, zonder uw naam of gegevens)', times: 1 });
    // No link to the session: not its id, room or title, and no field beyond the person, the day and what was done.
    const body = JSON.stringify(res.body);
    for (const s of [session.id, session.room, session.title, 'intervisie/']) expect(body).not.toContain(s);
    for (const e of res.body) {
      expect(Object.keys(e).sort()).toEqual(['day', 'first', 'last', 'person', 'what']);
      for (const w of e.what) expect(Object.keys(w).sort()).toEqual(['kind', 'label', 'times']);
    }
  });
});
