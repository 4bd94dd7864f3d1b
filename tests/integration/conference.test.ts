// The case conference (casusoverleg) through the API and its live room: start with the standard
// agenda, attendance, the chair's timer, decisions, and the close that freezes the minutes and
// the attendance and adopts a plan version in one transaction. Every refusal is checked with its
// status and code and with nothing written (no record, no audit row).
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minutesFragment, readAgenda, STANDARD_AGENDA } from '../../shared/plan/conference';
import { fragmentToText } from '../../shared/plan/doc';
import { conferenceRoomName } from '../../shared/plan/rooms';
import { closeFeeds, noticesOf, openReadyFeed } from '../support/feed';
import { type ApiResponse, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError, expectRefusedWithoutWrites } from '../support/api';
import { addParagraph, barrier, type Conn, connect, connectSynced, destroyAll, rawUpgrade, verbeekLikeCase } from '../support/collab';
import { auditRowsSince, blockInserts, count, execSql, maxAuditSeq, queryRow, queryRows, sqlError } from '../support/db';
import { BORGING } from '../support/fixtures';
import { inDays, today, waitFor } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
beforeAll(async () => {
  server = await startTestServer();
  // Log everyone in up front: a login is audited, and refusals are checked to write no audit row.
  for (const key of ['procesregisseur', 'casusregisseur', 'klantmanager', 'wmo', 'jeugd', 'ggz', 'inwoner', 'teamleider', 'schuldhulp', 'beheer']) await as(key);
});
afterEach(() => {
  destroyAll();
  closeFeeds();
});
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const base = (caseId: string) => `/api/cases/${caseId}/conferences`;
const url = (caseId: string, id: string, rest = '') => `${base(caseId)}/${id}${rest}`;

async function snapshot() {
  return {
    conferences: await count(server, 'select count(*) as n from conferences'),
    closed: await count(server, 'select count(*) as n from conferences where closed_at is not null'),
    attendance: await count(server, 'select count(*) as n from conference_attendance'),
    present: await count(server, 'select count(*) as n from conference_attendance where present is true'),
    household: await count(server, 'select count(*) as n from conferences where household_present is not null'),
    timer: await count(server, 'select count(*) as n from conference_timer_events'),
    decisions: await count(server, 'select count(*) as n from conference_decisions'),
    versions: await count(server, 'select count(*) as n from plan_versions'),
    audit: await maxAuditSeq(server),
  };
}

/** Asserts a refusal wrote nothing: no record and no audit row. */
const refused = (make: () => Promise<ApiResponse>, status: number, code: string) => expectRefusedWithoutWrites(snapshot, make, status, code);

async function start(caseId: string, who = 'casusregisseur'): Promise<any> {
  const res = await (await as(who)).post(base(caseId), {});
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A fresh case with a running conference, the chair and the klantmanager in its room. */
async function meeting(): Promise<{ caseId: string; conf: any; chair: Conn; km: Conn }> {
  const caseId = await verbeekLikeCase(server, uid);
  const conf = await start(caseId);
  const chair = await connectSynced(server, await as('casusregisseur'), conf.room);
  const km = await connectSynced(server, await as('klantmanager'), conf.room);
  await waitFor(async () => readAgenda(chair.doc).length > 0 && readAgenda(km.doc).length > 0);
  return { caseId, conf, chair, km };
}

const minutesText = (doc: Y.Doc) => fragmentToText(minutesFragment(doc));

function addMinutes(doc: Y.Doc, text: string): void {
  const fragment = minutesFragment(doc);
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [p]);
  });
}

// ------------------------------------------------------------------ starting

describe('starting a conference', () => {
  it('the chair starts it; the standard agenda is built once by the server, the same for everyone in the room', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const seq = await maxAuditSeq(server);
    const conf = await start(caseId);
    expect(conf).toMatchObject({
      caseId,
      status: 'open',
      chair: { id: uid('casusregisseur') },
      closedAt: null,
      planVersionNumber: null,
      room: conferenceRoomName(caseId, conf.id),
      householdPresent: null,
      timer: { currentItemId: null, items: [] },
      decisions: { noted: [], derived: [] },
      frozen: null,
      can: { run: true, write: true },
    });
    expect(Math.abs(Date.parse(conf.serverNow) - Date.now())).toBeLessThan(5000);
    // Every current member is on the attendance checklist; the chair is there, the others not marked yet.
    expect(conf.attendance.members).toHaveLength(9);
    expect(conf.attendance.members.filter((m: any) => m.present !== null)).toEqual([{ userId: uid('casusregisseur'), name: expect.any(String), caseRole: 'casusregisseur', present: true }]);
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action === 'conference.started');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('casusregisseur'), case_id: caseId });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ conferenceId: conf.id, chairPresent: true });

    const chair = await connectSynced(server, await as('casusregisseur'), conf.room);
    const km = await connectSynced(server, await as('klantmanager'), conf.room);
    await waitFor(async () => readAgenda(km.doc).length === STANDARD_AGENDA.length);
    expect(readAgenda(chair.doc).map((a) => [a.title, a.minutes])).toEqual(STANDARD_AGENDA.map((a) => [a.title, a.minutes]));
    // One structure, shared: the items have the same ids in both copies.
    expect(readAgenda(km.doc).map((a) => a.id)).toEqual(readAgenda(chair.doc).map((a) => a.id));
    // Reading the conference does not make the agenda a second time.
    await (await as('klantmanager')).get(url(caseId, conf.id));
    await barrier(chair, [km]);
    expect(readAgenda(km.doc)).toHaveLength(STANDARD_AGENDA.length);

    const list = await (await as('inwoner')).get(base(caseId));
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id: conf.id, status: 'open', chair: { id: uid('casusregisseur'), name: expect.any(String) } })]);
  });

  it('refuses non-chairs (403), a second open conference (409), a closed case (409) and non-members (404), writing nothing', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    for (const who of ['klantmanager', 'wmo', 'ggz', 'inwoner', 'teamleider']) await refused(async () => (await as(who)).post(base(caseId), {}), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('schuldhulp')).post(base(caseId), {}), 404, 'CASUS_NIET_GEVONDEN');
    await refused(async () => (await as('beheer')).post(base(caseId), {}), 404, 'CASUS_NIET_GEVONDEN');
    await refused(async () => (await as('schuldhulp')).get(base(caseId)), 404, 'CASUS_NIET_GEVONDEN');
    await refused(async () => (await as('casusregisseur')).post(base(caseId), { agenda: [] }), 400, 'ONGELDIGE_INVOER');
    await refused(async () => (await as('casusregisseur')).post(base(caseId), 'geen json', { 'content-type': 'application/json' }), 400, 'ONGELDIGE_JSON');

    const conf = await start(caseId);
    // The procesregisseur may chair too, but not a second conference next to the running one.
    await refused(async () => (await as('procesregisseur')).post(base(caseId), {}), 409, 'OVERLEG_LOOPT');
    await refused(async () => (await as('casusregisseur')).post(base(caseId), {}), 409, 'OVERLEG_LOOPT');
    await refused(async () => (await as('schuldhulp')).get(url(caseId, conf.id)), 404, 'CASUS_NIET_GEVONDEN');
    await refused(async () => (await as('casusregisseur')).get(url(caseId, randomUUID())), 404, 'NIET_GEVONDEN');

    // A closed case holds no conference.
    const closedCase = await verbeekLikeCase(server, uid);
    const closed = await (await as('casusregisseur')).post(`/api/cases/${closedCase}/close`, { borgingsafspraken: BORGING });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await refused(async () => (await as('casusregisseur')).post(base(closedCase), {}), 409, 'CASUS_GESLOTEN');
  });

  it('a case with a running conference cannot be closed until the chair closes the conference', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const conf = await start(caseId);
    const closeCase = async () => (await as('casusregisseur')).post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING });
    const before = await count(server, 'select count(*) as n from case_status_changes where case_id = ?', caseId);
    const refusedClose = await closeCase();
    expectError(refusedClose, 409, 'OVERLEG_LOOPT');
    expect(refusedClose.body.error.message).toContain('casusoverleg');
    expect(await count(server, 'select count(*) as n from case_status_changes where case_id = ?', caseId)).toBe(before);
    expect((await (await as('casusregisseur')).get(`/api/cases/${caseId}`)).body.status).toBe('open');
    const ended = await (await as('casusregisseur')).post(`${url(caseId, conf.id)}/close`, {});
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const closed = await closeCase();
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('gesloten');
  });
});

// ------------------------------------------------------------------ attendance

describe('attendance', () => {
  it('the chair records members, guests and whether the household took part; the table is told', async () => {
    const { caseId, conf } = await meeting();
    const chairClient = await as('casusregisseur');
    const feed = await openReadyFeed(server, await as('klantmanager'));
    const seq = await maxAuditSeq(server);

    let res = await chairClient.put(url(caseId, conf.id, `/attendance/members/${uid('klantmanager')}`), { present: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    res = await chairClient.put(url(caseId, conf.id, `/attendance/members/${uid('inwoner')}`), { present: true });
    res = await chairClient.put(url(caseId, conf.id, `/attendance/members/${uid('wmo')}`), { present: false });
    const guest = await chairClient.post(url(caseId, conf.id, '/attendance/guests'), { name: 'Petra Jansen', role: 'Wijkagent' });
    expect(guest.status, JSON.stringify(guest.body)).toBe(201);
    const household = await chairClient.put(url(caseId, conf.id, '/household'), { present: true });
    expect(household.status).toBe(200);

    const view = household.body;
    const present = (key: string) => view.attendance.members.find((m: any) => m.userId === uid(key))?.present;
    expect([present('klantmanager'), present('inwoner'), present('wmo'), present('jeugd')]).toEqual([true, true, false, null]);
    expect(view.attendance.guests).toEqual([{ id: expect.any(Number), name: 'Petra Jansen', role: 'Wijkagent', present: true }]);
    expect(view.householdPresent).toBe(true);
    expect((await auditRowsSince(server, seq)).filter((r) => r.action === 'conference.attendance_set')).toHaveLength(5);
    await waitFor(async () => noticesOf(feed, caseId, 'conference').length > 0, { timeoutMs: 3000 });

    // A guest who leaves stays on the list, marked absent.
    const guestId = view.attendance.guests[0].id;
    res = await chairClient.put(url(caseId, conf.id, `/attendance/guests/${guestId}`), { present: false });
    expect(res.body.attendance.guests[0]).toMatchObject({ name: 'Petra Jansen', present: false });
    // Setting what is already recorded changes nothing and is not audited again.
    const again = await maxAuditSeq(server);
    await chairClient.put(url(caseId, conf.id, `/attendance/members/${uid('klantmanager')}`), { present: true });
    expect(await maxAuditSeq(server)).toBe(again);

    // Only the chair records attendance.
    const kmClient = await as('klantmanager');
    await refused(() => kmClient.put(url(caseId, conf.id, `/attendance/members/${uid('klantmanager')}`), { present: false }), 403, 'GEEN_TOESTEMMING');
    await refused(() => kmClient.post(url(caseId, conf.id, '/attendance/guests'), { name: 'X', role: 'Y' }), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('inwoner')).put(url(caseId, conf.id, '/household'), { present: false }), 403, 'GEEN_TOESTEMMING');
    await refused(() => chairClient.put(url(caseId, conf.id, `/attendance/members/${uid('schuldhulp')}`), { present: true }), 404, 'NIET_GEVONDEN');
    await refused(() => chairClient.put(url(caseId, conf.id, '/attendance/guests/999999'), { present: true }), 404, 'NIET_GEVONDEN');
    await refused(() => chairClient.post(url(caseId, conf.id, '/attendance/guests'), { name: '  ', role: 'Wijkagent' }), 400, 'ONGELDIGE_INVOER');
    await refused(() => chairClient.put(url(caseId, conf.id, '/household'), { present: 'ja' }), 400, 'ONGELDIGE_INVOER');
  });
});

// ------------------------------------------------------------------ the timer

describe('the shared timer', () => {
  it('is controlled by the chair only; the state carries server times and the server clock', async () => {
    const { caseId, conf, chair } = await meeting();
    const [first, second] = readAgenda(chair.doc);
    const chairClient = await as('casusregisseur');
    const timer = (body: unknown, who = chairClient) => who.post(url(caseId, conf.id, '/timer'), body);
    const feed = await openReadyFeed(server, await as('inwoner'));
    const seq = await maxAuditSeq(server);

    const started = await timer({ action: 'start', itemId: first!.id, minutes: 5 });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const s = started.body.timer;
    expect(s.currentItemId).toBe(first!.id);
    expect(s.items).toEqual([{ itemId: first!.id, minutes: 5, elapsedMs: 0, runningSince: expect.any(String) }]);
    // The run started on the server's clock, and the answer says what that clock reads now.
    expect(Date.parse(started.body.serverNow)).toBeGreaterThanOrEqual(Date.parse(s.items[0].runningSince));
    await waitFor(async () => noticesOf(feed, caseId, 'conference').length > 0, { timeoutMs: 3000 });
    // Everyone reads the same state.
    const seen = await (await as('inwoner')).get(url(caseId, conf.id));
    expect(seen.body.timer).toEqual(s);
    expect(seen.body.can).toEqual({ run: false, write: false });

    // Not the klantmanager, the resident or an outsider; and nothing nonsensical.
    const km2 = await as('klantmanager');
    await refused(() => timer({ action: 'pauze', itemId: first!.id }, km2), 403, 'GEEN_TOESTEMMING');
    await refused(async () => timer({ action: 'start', itemId: second!.id, minutes: 3 }, await as('inwoner')), 403, 'GEEN_TOESTEMMING');
    await refused(async () => timer({ action: 'start', itemId: second!.id, minutes: 3 }, await as('schuldhulp')), 404, 'CASUS_NIET_GEVONDEN');
    await refused(() => timer({ action: 'start', itemId: 'bestaat-niet', minutes: 3 }), 422, 'ONBEKEND_AGENDAPUNT');
    await refused(() => timer({ action: 'start', itemId: second!.id }), 400, 'ONGELDIGE_INVOER');
    await refused(() => timer({ action: 'start', itemId: second!.id, minutes: 0 }), 400, 'ONGELDIGE_INVOER');
    await refused(() => timer({ action: 'stop', itemId: second!.id }), 400, 'ONGELDIGE_INVOER');
    await refused(() => timer({ action: 'pauze', itemId: second!.id }), 409, 'TIJD_LOOPT_NIET');
    await refused(() => timer({ action: 'reset', itemId: second!.id }), 409, 'TIJD_NIET_GESTART');

    // Pausing keeps the time run; starting the next item pauses nothing else still running.
    const paused = await timer({ action: 'pauze', itemId: first!.id });
    const p = paused.body.timer.items[0];
    expect(p.runningSince).toBeNull();
    expect(p.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(p.elapsedMs).toBeLessThan(10_000);
    await timer({ action: 'start', itemId: first!.id, minutes: 5 });
    // The procesregisseur may run the conference too.
    const next = await timer({ action: 'start', itemId: second!.id, minutes: 10 }, await as('procesregisseur'));
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    const items = Object.fromEntries(next.body.timer.items.map((i: any) => [i.itemId, i]));
    expect(next.body.timer.currentItemId).toBe(second!.id);
    expect(items[first!.id].runningSince).toBeNull();
    expect(items[second!.id]).toMatchObject({ minutes: 10, runningSince: expect.any(String) });
    const reset = await timer({ action: 'reset', itemId: first!.id });
    expect(reset.body.timer.items.find((i: any) => i.itemId === first!.id)).toMatchObject({ elapsedMs: 0, runningSince: null });

    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action === 'conference.timer');
    expect(rows.map((r) => JSON.parse(r.detail).timer)).toEqual(['start', 'pauze', 'start', 'start', 'reset']);
    expect(await count(server, 'select count(*) as n from conference_timer_events where conference_id = ?', conf.id)).toBe(5);
    // The events are append-only.
    expect(await sqlError(execSql(server, 'update conference_timer_events set minutes = 1 where conference_id = ?', conf.id))).toMatch(/append-only/);
  });
});

// ------------------------------------------------------------------ decisions

async function proposeDeviation(caseId: string, internal: boolean): Promise<any> {
  const res = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, {
    law: 'participatiewet',
    rule: internal ? 'Participatiewet art. 3 (gezamenlijke huishouding)' : 'Participatiewet art. 18 lid 1 (afstemming)',
    route: 'awb_4_84',
    willDo: 'Vader blijft betrokken: hij kookt, helpt bij het naar bed brengen en blijft soms slapen.',
    willNotDo: 'Vermoeden gezamenlijke huishouding niet actief oppakken gedurende de looptijd van het plan.',
    reasoning: 'Vader brengt stabiliteit in de opvoeding; een onderzoek zou die betrokkenheid nu beëindigen. Evenredig gedurende het plan.',
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('decisions during the meeting', () => {
  it('members who write note decisions; decisions taken in the case meanwhile are listed, internal ones and breakthroughs only for municipal staff', async () => {
    const { caseId, conf } = await meeting();
    const feed = await openReadyFeed(server, await as('ggz'));
    const seq = await maxAuditSeq(server);
    const noted = await (await as('klantmanager')).post(url(caseId, conf.id, '/decisions'), { text: 'Vader blijft betrokken; de klantmanager bespreekt dit met de teamleider.' });
    expect(noted.status, JSON.stringify(noted.body)).toBe(201);
    expect(noted.body.decisions.noted).toEqual([{ id: expect.any(Number), text: 'Vader blijft betrokken; de klantmanager bespreekt dit met de teamleider.', by: { id: uid('klantmanager'), name: expect.any(String) }, at: expect.any(String) }]);
    expect((await auditRowsSince(server, seq)).filter((r) => r.action === 'conference.decision_noted')).toHaveLength(1);
    await waitFor(async () => noticesOf(feed, caseId, 'conference').length > 0, { timeoutMs: 3000 });
    await refused(async () => (await as('ggz')).post(url(caseId, conf.id, '/decisions'), { text: 'Van buiten' }), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('inwoner')).post(url(caseId, conf.id, '/decisions'), { text: 'Van het gezin' }), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('klantmanager')).post(url(caseId, conf.id, '/decisions'), { text: '' }), 400, 'ONGELDIGE_INVOER');
    expect(await sqlError(execSql(server, 'delete from conference_decisions where conference_id = ?', conf.id))).toMatch(/append-only/);

    // The teamleider approves an internal and an ordinary deviation while the conference runs.
    const tl = await as('teamleider');
    const internal = await proposeDeviation(caseId, true);
    const ordinary = await proposeDeviation(caseId, false);
    const heardBefore = noticesOf(feed, caseId, 'deviations').length;
    expect((await tl.post(`/api/cases/${caseId}/deviations/${internal.id}/approve`, {})).status).toBe(200);
    expect((await tl.post(`/api/cases/${caseId}/deviations/${ordinary.id}/reject`, { note: 'Onvoldoende gemotiveerd waarom de regel hier niet past.' })).status).toBe(200);
    // The table (a partner among them) is told at once of the ordinary decision, so it sees it as
    // it happens; of the internal one only staff hear (tests/security/feed-visibility.test.ts).
    await waitFor(async () => noticesOf(feed, caseId, 'deviations').length > heardBefore, { timeoutMs: 3000 });

    // And grants a breakthrough the procesregisseur asked for.
    const requested = await (await as('procesregisseur')).post(`/api/cases/${caseId}/breakthroughs`, {
      stuck: 'Moeder krijgt geen huishoudelijke hulp omdat vader er vaak is; de kinderen verzuimen school.',
      stuckSince: inDays(-120),
      proposal: 'Een nanny voor twee dagdelen per week, zolang moeder in behandeling is.',
      kind: 'budget',
      laws: ['wmo', 'jeugdwet'],
      rules: 'Beleidsregel Wmo: geen huishoudelijke hulp bij een aanwezige partner.',
      costs: { carryOn: [{ label: 'Ambulante jeugdhulp', cents: 14_000_00 }], breakthrough: [{ label: 'Nanny', cents: 7_200_00, per: 'jaar' }] },
      amountCents: 7_200_00,
      assigneeId: uid('teamleider'),
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const granted = await tl.post(`/api/cases/${caseId}/breakthroughs/${requested.body.id}/grant`, { conditions: 'Evaluatie na drie maanden met het gezin.', budgetCents: 7_200_00, termEnd: inDays(180) });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);

    const chairView = (await (await as('casusregisseur')).get(url(caseId, conf.id))).body;
    expect(chairView.decisions.derived.map((d: any) => [d.kind, d.subject, d.outcome, d.mandate])).toEqual([
      ['afwijking', 'Participatiewet: Participatiewet art. 3 (gezamenlijke huishouding)', 'Goedgekeurd', 'teamleider'],
      ['afwijking', 'Participatiewet: Participatiewet art. 18 lid 1 (afstemming)', 'Afgewezen', 'teamleider'],
      ['doorbraak', 'Een nanny voor twee dagdelen per week, zolang moeder in behandeling is.', 'Toegekend', 'teamleider'],
    ]);
    for (const outsider of ['inwoner', 'ggz']) {
      const view = (await (await as(outsider)).get(url(caseId, conf.id))).body;
      expect(view.decisions.derived.map((d: any) => d.outcome), outsider).toEqual(['Afgewezen']);
      expect(JSON.stringify(view), outsider).not.toContain('gezamenlijke huishouding');
      expect(JSON.stringify(view), outsider).not.toContain('nanny');
    }
  });
});

// ------------------------------------------------------------------ closing

describe('closing', () => {
  it('the room is writable for editors while open; closing freezes minutes and attendance and adopts a version in one step; the room is refused after', async () => {
    const { caseId, conf, chair, km } = await meeting();
    const chairClient = await as('casusregisseur');
    // Live minutes, co-edited: the chair and the klantmanager write; the resident follows read-only.
    const resident = await connectSynced(server, await as('inwoner'), conf.room);
    addMinutes(chair.doc, 'Moeder vertelt hoe het gaat; vader is bij het overleg.');
    await barrier(chair, [km, resident]);
    addMinutes(km.doc, 'Klantmanager: de afwijking op art. 3 wordt voorgelegd aan de teamleider.');
    await barrier(km, [chair, resident]);
    addMinutes(resident.doc, 'Door de inwoner in de notulen getypt');
    await barrier(resident, [chair, km]);
    expect(minutesText(chair.doc)).toContain('Klantmanager: de afwijking');
    expect(minutesText(km.doc)).toContain('Moeder vertelt');
    expect(minutesText(chair.doc)).not.toContain('Door de inwoner');
    await chairClient.put(url(caseId, conf.id, `/attendance/members/${uid('klantmanager')}`), { present: true });
    await chairClient.put(url(caseId, conf.id, `/attendance/members/${uid('inwoner')}`), { present: true });
    await chairClient.post(url(caseId, conf.id, '/attendance/guests'), { name: 'Petra Jansen', role: 'Wijkagent' });
    await chairClient.put(url(caseId, conf.id, '/household'), { present: true });

    // Only the chair closes.
    await refused(async () => (await as('klantmanager')).post(url(caseId, conf.id, '/close'), {}), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('inwoner')).post(url(caseId, conf.id, '/close'), {}), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('schuldhulp')).post(url(caseId, conf.id, '/close'), {}), 404, 'CASUS_NIET_GEVONDEN');

    const versionsBefore = await count(server, 'select count(*) as n from plan_versions where case_id = ?', caseId);
    const seq = await maxAuditSeq(server);
    const res = await chairClient.post(url(caseId, conf.id, '/close'), { note: 'Vastgesteld in het casusoverleg.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const n = res.body.planVersionNumber;
    expect(n).toBe(versionsBefore + 1);
    expect(res.body.conference).toMatchObject({ status: 'gesloten', planVersionNumber: n, closedBy: { id: uid('casusregisseur') }, room: null, can: { run: false, write: false } });
    expect(res.body.conference.frozen.minutes).toContain('Moeder vertelt hoe het gaat');
    expect(res.body.conference.frozen.agenda.map((a: any) => a.title)).toEqual(STANDARD_AGENDA.map((a) => a.title));

    // In the database: the row frozen with the minutes (text and Y state) and the version.
    const row = await queryRow(server, 'select * from conferences where id = ?', conf.id) as any;
    expect(row.closed_at).not.toBeNull();
    expect(row.closed_by).toBe(uid('casusregisseur'));
    expect(row.plan_version_number).toBe(n);
    expect(row.minutes_text).toContain('# Agenda');
    expect(row.minutes_text).toContain('Kennismaking en voorstelronde (5 min.)');
    expect(row.minutes_text).toContain('Klantmanager: de afwijking op art. 3 wordt voorgelegd aan de teamleider.');
    expect(row.minutes_text).not.toContain('Door de inwoner');
    const frozenDoc = new Y.Doc();
    Y.applyUpdate(frozenDoc, new Uint8Array(row.minutes_state));
    expect(minutesText(frozenDoc)).toBe(minutesText(chair.doc));
    const version = await queryRow(server, 'select * from plan_versions where case_id = ? and number = ?', caseId, n) as any;
    expect(version).toMatchObject({ adopted_by: uid('casusregisseur'), note: 'Vastgesteld in het casusoverleg.' });
    // The attendance is complete and frozen: every member on the list (unmarked ones as absent), plus the guest.
    const attendance = await queryRows(server, 'select user_id, guest_name, present from conference_attendance where conference_id = ?', conf.id) as any[];
    expect(attendance.filter((a) => a.user_id)).toHaveLength(9);
    expect(attendance.filter((a) => a.present).map((a) => a.user_id ?? a.guest_name).sort()).toEqual([uid('casusregisseur'), uid('inwoner'), uid('klantmanager'), 'Petra Jansen'].sort());
    expect(await sqlError(execSql(server, 'update conferences set household_present = false where id = ?', conf.id))).toMatch(/frozen/);
    expect(await sqlError(execSql(server, 'update conference_attendance set present = true where conference_id = ?', conf.id))).toMatch(/frozen/);
    expect(await sqlError(execSql(server, "insert into conference_attendance (conference_id, guest_name, guest_role, present, recorded_by, recorded_at) values (?, 'Laat', 'Gast', true, ?, 'nu')", conf.id, uid('casusregisseur')))).toMatch(/frozen/);
    // Both decisions are in the audit trail, in the same transaction.
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['plan.version_adopted', 'conference.closed']);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ conferenceId: conf.id, planVersion: n, present: 3, guests: 1, household: true });

    // The dossier of the adopted version carries these minutes (the real close, not a fixture).
    const pdf = await fetch(`${server.url}/api/cases/${caseId}/versions/${n}/dossier.pdf`, { headers: { cookie: chairClient.cookie! } });
    expect(pdf.status).toBe(200);
    const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), { mergePages: true });
    const folded = pdfText.replace(/\s+/g, ' ');
    expect(folded).toContain('Moeder vertelt hoe het gaat');
    expect(folded).toContain('Klantmanager: de afwijking op art. 3 wordt voorgelegd aan de teamleider.');
    expect(folded).toContain('Petra Jansen');

    // The open sockets were refused at the close, and the room now is for nobody.
    await waitFor(async () => [chair, km, resident].every((c) => c.closeCodes.includes(4403)));
    for (const key of ['casusregisseur', 'inwoner']) {
      const up = await rawUpgrade(server, encodeURIComponent(conf.room), { cookie: (await as(key)).cookie! });
      expect(up.status, key).toBe(403);
    }

    // Nothing changes a closed conference any more.
    await refused(() => chairClient.post(url(caseId, conf.id, '/close'), {}), 409, 'OVERLEG_AFGESLOTEN');
    await refused(() => chairClient.put(url(caseId, conf.id, '/household'), { present: false }), 409, 'OVERLEG_AFGESLOTEN');
    await refused(() => chairClient.post(url(caseId, conf.id, '/timer'), { action: 'start', itemId: 'x', minutes: 5 }), 409, 'OVERLEG_AFGESLOTEN');
    await refused(async () => (await as('klantmanager')).post(url(caseId, conf.id, '/decisions'), { text: 'Te laat' }), 409, 'OVERLEG_AFGESLOTEN');
    // A next conference can start.
    const next = await start(caseId);
    expect(next.id).not.toBe(conf.id);
  });

  it('adopting and freezing commit together or not at all', async () => {
    const { caseId, conf, chair, km } = await meeting();
    addMinutes(chair.doc, 'Dit verslag moet blijven staan als het vaststellen mislukt.');
    await barrier(chair, [km]);
    // Make the adoption fail inside the close's transaction.
    const unblock = await blockInserts(server, 'plan_versions', 'test: vaststellen mislukt');
    try {
      await refused(async () => (await as('casusregisseur')).post(url(caseId, conf.id, '/close'), {}), 500, 'SERVERFOUT');
    } finally {
      await unblock();
    }
    const row = await queryRow(server, 'select closed_at, minutes_text, plan_version_number from conferences where id = ?', conf.id) as any;
    expect(row).toEqual({ closed_at: null, minutes_text: null, plan_version_number: null });
    // Still open and writable, and it closes fine now.
    addMinutes(km.doc, 'Verder na de storing.');
    await barrier(km, [chair]);
    expect(minutesText(chair.doc)).toContain('Verder na de storing.');
    const res = await (await as('casusregisseur')).post(url(caseId, conf.id, '/close'), {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conference.frozen.minutes).toContain('Verder na de storing.');
  });

  it('a past conference opens read-only for every member, audited; the resident sees the adopted version and nothing internal', async () => {
    const { caseId, conf, chair, km } = await meeting();
    addMinutes(chair.doc, 'Afspraak: moeder start met begeleiding.');
    await barrier(chair, [km]);
    const internal = await proposeDeviation(caseId, true);
    expect((await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${internal.id}/approve`, {})).status).toBe(200);
    await (await as('klantmanager')).post(url(caseId, conf.id, '/decisions'), { text: 'Moeder start met begeleiding.' });
    const closed = await (await as('casusregisseur')).post(url(caseId, conf.id, '/close'), {});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const n = closed.body.planVersionNumber;

    const resident = await as('inwoner');
    const seq = await maxAuditSeq(server);
    const past = await resident.get(url(caseId, conf.id));
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ status: 'gesloten', planVersionNumber: n, room: null, can: { run: false, write: false } });
    expect(past.body.frozen.minutes).toContain('Afspraak: moeder start met begeleiding.');
    expect(past.body.frozen.text).toContain('# Verslag');
    expect(past.body.decisions.noted.map((d: any) => d.text)).toEqual(['Moeder start met begeleiding.']);
    expect(past.body.decisions.derived).toEqual([]);
    expect(JSON.stringify(past.body)).not.toContain('gezamenlijke huishouding');
    // Besides the grouped read of the day (server/cases/reads.ts), which the access-log tests cover.
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action !== 'case.content_read');
    expect(rows.map((r) => r.action)).toEqual(['conference.opened']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('inwoner'), case_id: caseId });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ conferenceId: conf.id, planVersion: n });
    // Staff see what was decided meanwhile, internal included.
    const staff = await (await as('wmo')).get(url(caseId, conf.id));
    expect(staff.body.decisions.derived.map((d: any) => d.outcome)).toEqual(['Goedgekeurd']);
    // The resident sees the adopted version in the case's versions.
    const versions = await resident.get(`/api/cases/${caseId}/plan/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.map((v: any) => v.number)).toContain(n);
    // Outsiders still get nothing.
    await refused(async () => (await as('schuldhulp')).get(url(caseId, conf.id)), 404, 'CASUS_NIET_GEVONDEN');
  });

  it('non-members cannot join an open conference room; a stock client of a member can', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const conf = await start(caseId);
    const outsider = await rawUpgrade(server, encodeURIComponent(conf.room), { cookie: (await as('schuldhulp')).cookie! });
    expect(outsider.status).toBe(404);
    const wrong = await rawUpgrade(server, encodeURIComponent(conferenceRoomName(caseId, randomUUID())), { cookie: (await as('casusregisseur')).cookie! });
    expect(wrong.status).toBe(404);
    const member = connect(server, (await as('ggz')).cookie, conf.room);
    await waitFor(async () => member.provider.synced);
    expect(readAgenda(member.doc)).toHaveLength(STANDARD_AGENDA.length);
    // The partner follows read-only: what it types does not reach the others.
    const chair = await connectSynced(server, await as('casusregisseur'), conf.room);
    addParagraph(member.doc, 'door de partner');
    addMinutes(member.doc, 'door de partner');
    await barrier(member, [chair]);
    expect(minutesText(chair.doc)).toBe('');
  });
});
