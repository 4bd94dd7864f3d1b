// Intervision through the API and a real WebsocketProvider: a session is made from a case whose
// live plan, goals, reverse test and deviations are full of names and identifiers; none of them
// may appear in any intervision answer, in the session's live document, or in what the database
// stores for the session. Outsiders (members of the source case too) get 404 for the session
// and its room; partners and residents can neither take part nor read the library. Participants
// write while the session is open and read afterwards. Every refusal writes nothing.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addHouseholdMember, addZrmMeting, setZrmScore } from '../../shared/plan/doc';
import { copyFragment, readIntervisionDoc, reflectionFragment } from '../../shared/plan/intervision';
import { CLOSE_CODES, intervisionRoomName, roomName } from '../../shared/plan/rooms';
import { readVraagstukDraft, textFragment } from '../../shared/plan/vraagstukken';
import { loginCache, startTestServer, type TestServer } from '../support/server';
import { addParagraph, barrier, type Conn, connectSynced, destroyAll, rawUpgrade, updateRows, verbeekLikeCase } from './collab-helpers';
import { auditRowsSince, count, expectError, maxAuditSeq, userId, waitFor } from './helpers';

let server: TestServer;
const as = loginCache(() => server);
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

const uid = (key: string) => userId(server, key);

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function inDays(n: number): string {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

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

/** Every forbidden string or record id found in `what` (case-insensitive). */
function leaks(what: unknown, source: Source): string[] {
  const text = (typeof what === 'string' ? what : JSON.stringify(what)).toLowerCase();
  return [...FORBIDDEN, ...source.ids].filter((f) => text.includes(f.toLowerCase()));
}

/** Everything a Y.Doc holds: its texts, and the raw bytes of its whole state as UTF-8. */
function docContent(doc: Y.Doc): string {
  return `${JSON.stringify(readIntervisionDoc(doc))}\n${Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8')}`;
}

function records() {
  return {
    sessions: count(server, 'select count(*) as n from intervision_sessions'),
    participants: count(server, 'select count(*) as n from intervision_participants'),
    stories: count(server, 'select count(*) as n from success_stories'),
    audit: maxAuditSeq(server),
  };
}

async function refused(make: () => Promise<any>, status: number, code: string): Promise<void> {
  const before = records();
  expectError(await make(), status, code);
  expect(records()).toEqual(before);
}

async function createSession(caseId: string, key = 'procesregisseur', body: Record<string, unknown> = {}): Promise<any> {
  const res = await (await as(key)).post(`/api/cases/${caseId}/intervision`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

// ------------------------------------------------------------------ the copy

describe('preparing an intervision session', () => {
  it('nothing of the household, the table or the case reaches any intervision answer, the live document or the stored session', async () => {
    const source = await sourceCase();
    const seq = maxAuditSeq(server);
    const session = await createSession(source.caseId, 'procesregisseur', { title: `Reflectie ${TITLE}: Sanne en Daan` });
    expect(leaks(session, source)).toEqual([]);
    expect(Object.keys(session).sort()).toEqual(['closedAt', 'copy', 'createdAt', 'id', 'me', 'participants', 'room', 'title']);
    expect(session.room).toBe(intervisionRoomName(session.id));
    expect(session.title).toBe('Reflectie het gezin: moeder en kind 2');
    expect(session.participants).toEqual([{ id: uid('procesregisseur'), name: expect.any(String), functie: 'procesregisseur', role: 'begeleider' }]);
    expect(session.me).toEqual({ role: 'begeleider', can: { write: true, manageParticipants: true, close: true, publish: true } });

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
    expect(copy.zrm[0].date).not.toBe('2026-02-01');

    // The same through every reading route.
    const pr = await as('procesregisseur');
    const read = await pr.get(`/api/intervision/${session.id}`);
    expect(read.status).toBe(200);
    expect(leaks(read.body, source)).toEqual([]);
    const list = await pr.get('/api/intervision');
    expect(list.status).toBe(200);
    expect(list.body.find((s: any) => s.id === session.id)).toMatchObject({ title: session.title, myRole: 'begeleider', participants: 1, closedAt: null });
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
    for (const row of updateRows(server.db, source.caseId)) if (row.update) Y.decodeUpdate(new Uint8Array(row.update)).structs.forEach((s) => planClients.add(s.id.client));
    const sessionClients = new Set<number>();
    Y.decodeUpdate(Y.encodeStateAsUpdate(conn.doc)).structs.forEach((s) => sessionClients.add(s.id.client));
    expect([...sessionClients].filter((c) => planClients.has(c))).toEqual([]);

    // What the database keeps for the session: no case, no names.
    const stored = server.db.$client.prepare('select * from intervision_sessions where id = ?').get(session.id) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['closed_at', 'content', 'created_at', 'created_by', 'id', 'title']);
    expect(leaks(stored, source)).toEqual([]);
    const updates = updateRows(server.db, session.room);
    expect(updates.length).toBeGreaterThan(0);
    expect(leaks(updates.map((u) => (u.update ? Buffer.from(u.update).toString('utf8') : '')).join('\n'), source)).toEqual([]);

    // The one link: the audit trail, internal to the municipality.
    const created = auditRowsSince(server, seq).filter((r) => r.action === 'intervision.created');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor_user_id: uid('procesregisseur'), case_id: source.caseId });
    expect(JSON.parse(created[0]!.detail)).toEqual({ sessionId: session.id });
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
    const seq = maxAuditSeq(server);
    // The schuldhulpverlener is no member of the source case.
    for (const key of ['jeugd', 'schuldhulp']) {
      const added = await pr.post(`/api/intervision/${session.id}/participants`, { userId: uid(key) });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    const audit = auditRowsSince(server, seq);
    expect(audit.map((r) => [r.action, r.case_id, JSON.parse(r.detail)])).toEqual([
      ['intervision.participant_added', null, { sessionId: session.id, userId: uid('jeugd') }],
      ['intervision.participant_added', null, { sessionId: session.id, userId: uid('schuldhulp') }],
    ]);
    await refused(() => pr.post(`/api/intervision/${session.id}/participants`, { userId: uid('jeugd') }), 409, 'AL_DEELNEMER');

    const jeugd = await as('jeugd');
    const mine = await jeugd.get(`/api/intervision/${session.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.me).toEqual({ role: 'deelnemer', can: { write: true, manageParticipants: false, close: false, publish: true } });
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
    const seqClose = maxAuditSeq(server);
    const closed = await pr.post(`/api/intervision/${session.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.closedAt).toEqual(expect.any(String));
    expect(closed.body.me.can).toEqual({ write: false, manageParticipants: false, close: false, publish: true });
    expect(auditRowsSince(server, seqClose).map((r) => [r.action, r.actor_user_id, r.case_id, JSON.parse(r.detail)])).toEqual([['intervision.closed', uid('procesregisseur'), null, { sessionId: session.id }]]);
    await waitFor(async () => member.closeCodes.includes(CLOSE_CODES.rightsChanged) && member.provider.synced);
    const storedBefore = updateRows(server.db, session.room).length;
    write(member, 'lessen', 'Na het sluiten (mag niet).');
    await barrier(member, [lead]);
    expect(readIntervisionDoc(lead.doc).reflection.lessen).toBe('');
    expect(updateRows(server.db, session.room)).toHaveLength(storedBefore);
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

    const seq = maxAuditSeq(server);
    const res = await jeugd.post(`/api/intervision/${session.id}/publish`, {
      kind: 'les',
      title: 'Eén doel, drie wetten',
      body: 'Mevrouw Jansen (BSN 123456782, 06-12345678, jansen@example.nl, 4901 AB) kreeg op 3 maart 2026 begeleiding. Les: leg het doel per wet vast.',
      laws: ['participatiewet', 'wmo', 'jeugdwet'],
      breakthroughType: 'regie_terug',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      kind: 'les',
      source: 'intervisie',
      title: 'Eén doel, drie wetten',
      body: 'Mevrouw [naam] (BSN [nummer], [telefoon], [e-mail], [postcode]) kreeg op [datum] begeleiding. Les: leg het doel per wet vast.',
      laws: ['wmo', 'jeugdwet', 'participatiewet'],
      breakthroughType: 'regie_terug',
      publishedAt: expect.any(String),
    });
    const audit = auditRowsSince(server, seq);
    expect(audit.map((r) => [r.action, r.actor_user_id, r.case_id, JSON.parse(r.detail)])).toEqual([
      ['successstory.published', uid('jeugd'), null, { storyId: res.body.id, sessionId: session.id, kind: 'les' }],
    ]);

    // A closed session may still publish what it learned.
    expect((await pr.post(`/api/intervision/${session.id}/close`)).status).toBe(200);
    const late = await pr.post(`/api/intervision/${session.id}/publish`, { kind: 'succesverhaal', title: 'Afschalen werkte', body: 'Minder hulp gaf het gezin rust.', laws: [] });
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
