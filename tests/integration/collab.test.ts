// WS /collab/<room> with stock y-websocket providers against the real server: convergence,
// presence as the server says it is, refusals at the HTTP upgrade, read-only members,
// persist-before-relay with attribution, and access that changes while connected.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { demoAccounts, loginAs, startTestServer, type TestServer } from '../support/server';
import { addParagraph, barrier, type Conn, connect, connectSynced, destroyAll, rawUpgrade, sectionText, typeInto, updateRows, verbeekLikeCase, waitForText } from '../support/collab';
import { auditRowsSince, caseIdByTitle, maxAuditSeq } from '../support/db';
import { BORGING } from '../support/fixtures';
import { waitFor } from '../support/time';
import { CLOSE_CODES } from '../../shared/plan/rooms';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  destroyAll();
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const { as, uid } = demoAccounts(() => server);

const freshCase = () => verbeekLikeCase(server, uid);
const join = async (key: string, room: string): Promise<Conn> => connectSynced(server, await as(key), room);

async function rowsBy(room: string, key: string) {
  return (await updateRows(server.db, room)).filter((r) => r.user_id === uid(key));
}

function presenceOf(observer: Conn, other: Conn): Record<string, unknown> | undefined {
  return (observer.provider.awareness.getStates().get(other.doc.clientID) as { user?: Record<string, unknown> } | undefined)?.user;
}

/** The server closes with 4509 when rights change; the stock provider reconnects by itself. */
async function reconnectedAfterRightsChange(conn: Conn, times = 1): Promise<void> {
  await waitFor(async () => conn.closeCodes.filter((c) => c === CLOSE_CODES.rightsChanged).length === times && conn.provider.synced);
  expect(conn.closeCodes.every((c) => c === CLOSE_CODES.rightsChanged)).toBe(true);
}

function fullState(doc: Y.Doc): string {
  return JSON.stringify(['beeldvorming', 'wens', 'afspraken'].map((k) => doc.getXmlFragment(`tekst.${k}`).toJSON()));
}

describe('two members co-editing the plan room', () => {
  it('converge in both directions, also on concurrent edits, and a later joiner gets the full state', async () => {
    const caseId = await freshCase();
    const a = await join('casusregisseur', caseId);
    const b = await join('jeugd', caseId);

    addParagraph(a.doc, 'Marieke: moeder wil weer werken.');
    await waitForText(b, 'Marieke: moeder wil weer werken.');
    addParagraph(b.doc, 'Lotte: de kinderen gaan graag naar school.');
    await waitForText(a, 'Lotte: de kinderen gaan graag naar school.');

    // Concurrent: both type into the same paragraph and add one, without waiting for each other.
    typeInto(a.doc, ' [A typt]');
    typeInto(b.doc, ' [B typt]');
    addParagraph(a.doc, 'Tegelijk van A.', 'afspraken');
    addParagraph(b.doc, 'Tegelijk van B.', 'afspraken');
    await waitFor(async () => fullState(a.doc) === fullState(b.doc) && sectionText(a.doc, 'afspraken').includes('Tegelijk van B.') && sectionText(b.doc, 'afspraken').includes('Tegelijk van A.'));
    const text = sectionText(a.doc);
    expect(text).toContain('[A typt]');
    expect(text).toContain('[B typt]');
    expect(sectionText(b.doc)).toBe(text);

    const c = await join('wmo', caseId);
    expect(fullState(c.doc)).toBe(fullState(a.doc));
    expect(sectionText(c.doc, 'afspraken')).toBe(sectionText(a.doc, 'afspraken'));

    // The later joiner is a full participant.
    addParagraph(c.doc, 'Fatma: Wmo-begeleiding aangevraagd.');
    await waitForText(a, 'Fatma: Wmo-begeleiding aangevraagd.');
    await waitForText(b, 'Fatma: Wmo-begeleiding aangevraagd.');
  });

  it('presence: each sees the other with the name and role from the session, whatever the client claims', async () => {
    const caseId = await freshCase();
    const a = await join('casusregisseur', caseId);
    const b = await join('jeugd', caseId);
    a.provider.awareness.setLocalStateField('user', { name: 'Iemand Anders', role: 'Wethouder', userId: uid('wethouder'), canWrite: true, color: '#ff0000' });
    b.provider.awareness.setLocalStateField('user', { name: 'Lotte Hendriks', color: 'rood; background:url(x)' });

    await waitFor(async () => presenceOf(b, a)?.name !== undefined && presenceOf(a, b)?.name !== undefined);
    await waitFor(async () => presenceOf(b, a)?.color === '#ff0000');
    // The regisseur may chair the table; that, too, comes from the session's seat, not from the client.
    expect(presenceOf(b, a)).toEqual({ userId: uid('casusregisseur'), name: 'Marieke de Vries', role: 'Casusregisseur', canWrite: true, chairs: true, color: '#ff0000' });
    expect(presenceOf(a, b)).toMatchObject({ chairs: false });
    expect(presenceOf(a, b)).toMatchObject({ userId: uid('jeugd'), name: 'Lotte Hendriks', role: 'Consulent Jeugd', canWrite: true });
    // An invalid colour is replaced, never relayed.
    expect(presenceOf(a, b)?.color).toMatch(/^#[0-9a-fA-F]{6}$/);

    // A read-only member is present too, marked as such.
    const g = await join('ggz', caseId);
    await waitFor(async () => presenceOf(a, g) !== undefined && presenceOf(g, a)?.name === 'Marieke de Vries');
    expect(presenceOf(a, g)).toMatchObject({ userId: uid('ggz'), name: 'Anouk Peeters', role: 'Externe partner', canWrite: false });

    // Leaving removes the presence for the others.
    b.destroy();
    await waitFor(async () => presenceOf(a, b) === undefined && presenceOf(g, b) === undefined);
  });

  it('presence: nobody can relabel or remove another client\'s presence', async () => {
    const caseId = await freshCase();
    const a = await join('casusregisseur', caseId);
    const b = await join('jeugd', caseId);
    await waitFor(async () => presenceOf(b, a)?.name === 'Marieke de Vries' && presenceOf(a, b)?.name === 'Lotte Hendriks');
    // b forges awareness entries under a's client id, with a clock far ahead of a's own.
    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = a.doc.clientID;
    const forged = new awarenessProtocol.Awareness(forgedDoc);
    for (let i = 0; i < 50; i++) forged.setLocalState({ user: { color: '#000000' }, i });
    const send = (states: number[]) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(forged, states));
      (b.provider.ws as unknown as { send(m: Uint8Array): void }).send(encoding.toUint8Array(encoder));
    };
    send([a.doc.clientID]);
    forged.setLocalState(null);
    send([a.doc.clientID]);
    await barrier(b, [a]);
    const other = await join('wmo', caseId);
    await waitFor(async () => presenceOf(other, a) !== undefined);
    expect(presenceOf(other, a)).toMatchObject({ userId: uid('casusregisseur'), name: 'Marieke de Vries' });
    expect(presenceOf(b, a)).toMatchObject({ name: 'Marieke de Vries' });
    expect(presenceOf(other, a)?.color).not.toBe('#000000');
    forged.destroy();
  });
});

describe('refusals at the HTTP upgrade, before any WebSocket is opened', () => {
  async function expectRefused(path: string, headers: Record<string, string>, status: number) {
    const seq = await maxAuditSeq(server);
    const rooms = server.services.collab!.rooms.loadedRooms;
    const up = await rawUpgrade(server, path, headers);
    expect(up.status, JSON.stringify(up.body)).toBe(status);
    expect(up.ws).toBeNull();
    expect(up.body).toMatchObject({ error: { code: `WS_${status}`, message: expect.any(String) } });
    expect((await auditRowsSince(server, seq)).filter((r) => r.action === 'collab.join')).toEqual([]);
    expect(server.services.collab!.rooms.loadedRooms).toBe(rooms);
  }

  it('no session cookie -> 401', async () => {
    await expectRefused(await caseIdByTitle(server, 'Gezin Verbeek'), {}, 401);
  });

  it('an unknown session cookie -> 401', async () => {
    await expectRefused(await caseIdByTitle(server, 'Gezin Verbeek'), { cookie: `${(await as('jeugd')).cookie!.split('=')[0]}=verzonnen-sessie` }, 401);
  });

  it('a member of another case (ggz on Gezin El Khatib) -> 404', async () => {
    await expectRefused(await caseIdByTitle(server, 'Gezin El Khatib'), { cookie: (await as('ggz')).cookie! }, 404);
    await expectRefused(`${await caseIdByTitle(server, 'Gezin El Khatib')}:intern`, { cookie: (await as('ggz')).cookie! }, 404);
  });

  it('a nonexistent case -> 404, the same answer as for a non-member', async () => {
    await expectRefused(randomUUID(), { cookie: (await as('procesregisseur')).cookie! }, 404);
  });

  it('the functioneel beheerder sees no case content -> 404', async () => {
    await expectRefused(await caseIdByTitle(server, 'Gezin Verbeek'), { cookie: (await as('beheer')).cookie! }, 404);
  });

  it('another website (Origin) -> 403', async () => {
    await expectRefused(await caseIdByTitle(server, 'Gezin Verbeek'), { cookie: (await as('jeugd')).cookie!, origin: 'https://kwaadwillend.example' }, 403);
  });

  it.each(['ggz', 'inwoner'])('the internal room is refused to %s (member, not municipal staff) -> 403', async (key) => {
    await expectRefused(`${await caseIdByTitle(server, 'Gezin Verbeek')}:intern`, { cookie: (await as(key)).cookie! }, 403);
  });

  it('the internal room is open to municipal staff, read-only below edit', async () => {
    const caseId = await freshCase();
    const room = `${caseId}:intern`;
    const seq = await maxAuditSeq(server);
    const writer = await join('jeugd', room);
    const gd = await join('gedragsdeskundige', room);
    const tl = await join('teamleider', room);
    const joins = (await auditRowsSince(server, seq)).filter((r) => r.action === 'collab.join');
    expect(joins.map((r) => [r.actor_user_id, r.case_id, JSON.parse(r.detail)])).toEqual([
      [uid('jeugd'), caseId, { room: 'intern', canWrite: true }],
      [uid('gedragsdeskundige'), caseId, { room: 'intern', canWrite: false }],
      [uid('teamleider'), caseId, { room: 'intern', canWrite: false }],
    ]);

    addParagraph(writer.doc, 'Intern: signaal van mogelijke fraude, eerst navragen.', 'notities');
    await waitForText(gd, 'mogelijke fraude', 'notities');
    await waitForText(tl, 'mogelijke fraude', 'notities');
    addParagraph(gd.doc, 'GD schrijft mee (mag niet).', 'notities');
    addParagraph(tl.doc, 'TL schrijft mee (mag niet).', 'notities');
    await barrier(gd, [writer]);
    await barrier(tl, [writer]);
    expect(sectionText(writer.doc, 'notities')).not.toMatch(/mag niet/);
    expect((await updateRows(server.db, room)).map((r) => r.user_id)).toEqual([uid('jeugd')]);
    // The internal room is a different document: nothing of it is in the plan room.
    const plan = await join('ggz', caseId);
    expect(sectionText(plan.doc, 'notities')).toBe('');
  });
});

describe('read-only members (read, comment) receive everything and change nothing', () => {
  it('their updates are dropped, never stored or relayed; they still get updates and presence', async () => {
    const caseId = await freshCase();
    const writer = await join('casusregisseur', caseId);
    addParagraph(writer.doc, 'Eerste afspraak van de regisseur.');
    const tl = await join('teamleider', caseId);
    const ggz = await join('ggz', caseId);
    expect(sectionText(tl.doc)).toBe('Eerste afspraak van de regisseur.');
    expect(sectionText(ggz.doc)).toBe('Eerste afspraak van de regisseur.');

    addParagraph(tl.doc, 'Teamleider schrijft stiekem mee.');
    typeInto(ggz.doc, ' [ggz typt]');
    addParagraph(ggz.doc, 'GGZ schrijft stiekem mee.', 'wens');
    await barrier(tl, [writer, ggz]);
    await barrier(ggz, [writer, tl]);

    expect(sectionText(writer.doc)).toBe('Eerste afspraak van de regisseur.');
    expect(sectionText(writer.doc, 'wens')).toBe('');
    expect(sectionText(tl.doc)).not.toContain('[ggz typt]');
    expect(sectionText(ggz.doc)).not.toContain('Teamleider');
    expect(await rowsBy(caseId, 'teamleider')).toEqual([]);
    expect(await rowsBy(caseId, 'ggz')).toEqual([]);

    // They keep receiving the writer's updates and presence.
    addParagraph(writer.doc, 'Tweede afspraak van de regisseur.');
    await waitForText(tl, 'Tweede afspraak van de regisseur.');
    await waitForText(ggz, 'Tweede afspraak van de regisseur.');
    await waitFor(async () => presenceOf(tl, writer)?.name === 'Marieke de Vries' && presenceOf(ggz, writer)?.name === 'Marieke de Vries');
    expect(presenceOf(writer, tl)).toMatchObject({ name: 'Ruud Smeets', canWrite: false });

    // A fresh reader sees only what the writer wrote.
    const fresh = await join('wmo', caseId);
    expect(sectionText(fresh.doc)).toBe('Eerste afspraak van de regisseur.\nTweede afspraak van de regisseur.');
    expect(sectionText(fresh.doc, 'wens')).toBe('');
    expect(new Set((await updateRows(server.db, caseId)).map((r) => r.user_id))).toEqual(new Set([uid('casusregisseur')]));
  });

  it('a read-only member who reconnects with local edits does not push them in via sync step 2', async () => {
    const caseId = await freshCase();
    const writer = await join('casusregisseur', caseId);
    addParagraph(writer.doc, 'Tekst van de regisseur.');
    // Edits made before connecting are offered to the server in the initial sync.
    const doc = new Y.Doc();
    addParagraph(doc, 'Offline geschreven door de externe partner.');
    const ggz = connect(server, (await as('ggz')).cookie, caseId, doc);
    await waitFor(async () => ggz.provider.synced);
    await waitForText(ggz, 'Tekst van de regisseur.');
    await barrier(ggz, [writer]);
    expect(sectionText(writer.doc)).toBe('Tekst van de regisseur.');
    expect(await rowsBy(caseId, 'ggz')).toEqual([]);
  });
});

describe('storage: every accepted update, with author and time, before it is relayed', () => {
  it('stores each update by its author before the other client can see it, and the history lists sessions by author', async () => {
    const caseId = await freshCase();
    const a = await join('casusregisseur', caseId);
    const b = await join('jeugd', caseId);
    const start = Date.now();

    // When b receives an update, the server must already have stored it.
    // The read is started in the handler itself, as b sees the update (on SQLite it runs right
    // there, synchronously); the counts are collected afterwards.
    const readsWhenSeen: Promise<number>[] = [];
    b.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === b.provider) readsWhenSeen.push(rowsBy(caseId, 'casusregisseur').then((rows) => rows.length));
    });
    typeInto(a.doc, 'abc');
    await waitForText(b, 'abc');
    const storedWhenSeen = await Promise.all(readsWhenSeen);
    expect(storedWhenSeen.length).toBeGreaterThanOrEqual(1);
    // Seen update i (1-based) means at least i rows by a were on disk at that moment.
    storedWhenSeen.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(i + 1));

    const aRows = await rowsBy(caseId, 'casusregisseur');
    // One paragraph + three characters, each its own update.
    expect(aRows).toHaveLength(4);
    for (const r of aRows) {
      expect(r.room).toBe(caseId);
      expect(Date.parse(r.at)).toBeGreaterThanOrEqual(start - 1000);
      expect(Date.parse(r.at)).toBeLessThanOrEqual(Date.now() + 1000);
      expect(r.update).not.toBeNull();
      expect(r.size).toBe(r.update!.byteLength);
    }

    addParagraph(b.doc, 'Lotte voegt iets toe.');
    addParagraph(b.doc, 'En nog iets.');
    await waitFor(async () => (await rowsBy(caseId, 'jeugd')).length === 2);
    await waitForText(a, 'En nog iets.');
    const bRows = await rowsBy(caseId, 'jeugd');

    const history = await (await as('ggz')).get(`/api/cases/${caseId}/plan/history`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body.room).toBe('plan');
    expect(history.body.sessions).toEqual([
      { author: { id: uid('jeugd'), name: 'Lotte Hendriks' }, from: bRows[0]!.at, to: bRows[1]!.at, edits: 2, bytes: bRows[0]!.size + bRows[1]!.size },
      { author: { id: uid('casusregisseur'), name: 'Marieke de Vries' }, from: aRows[0]!.at, to: aRows[3]!.at, edits: 4, bytes: aRows.reduce((s, r) => s + r.size, 0) },
    ]);
  });

  it('the internal room has its own history, refused to the external partner and the resident', async () => {
    const caseId = await freshCase();
    const w = await join('wmo', `${caseId}:intern`);
    addParagraph(w.doc, 'Alleen voor de gemeente.', 'notities');
    await waitFor(async () => (await updateRows(server.db, `${caseId}:intern`)).length === 1);

    const own = await (await as('casusregisseur')).get(`/api/cases/${caseId}/plan/history?room=intern`);
    expect(own.status).toBe(200);
    expect(own.body.sessions.map((s: { author: { id: string }; edits: number }) => [s.author.id, s.edits])).toEqual([[uid('wmo'), 1]]);
    // The plan history does not show internal edits.
    const plan = await (await as('casusregisseur')).get(`/api/cases/${caseId}/plan/history`);
    expect(plan.body.sessions).toEqual([]);

    for (const key of ['ggz', 'inwoner']) {
      const res = await (await as(key)).get(`/api/cases/${caseId}/plan/history?room=intern`);
      expect([403, 404], `${key}: ${res.status}`).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain('Alleen voor de gemeente');
    }
    // Not a member at all.
    expect((await (await as('schuldhulp')).get(`/api/cases/${caseId}/plan/history?room=intern`)).status).toBe(404);
    expect((await (await as('schuldhulp')).get(`/api/cases/${caseId}/plan/history`)).status).toBe(404);
  });
});

describe('membership changes reach open connections at once', () => {
  it('a removed member is disconnected with 4403, does not reconnect, and is refused afterwards', async () => {
    const caseId = await freshCase();
    const reg = await join('casusregisseur', caseId);
    const jeugd = await join('jeugd', caseId);
    const closed = new Promise<{ code: number }>((resolve) => jeugd.provider.on('closed', (e) => resolve(e)));

    const res = await (await as('casusregisseur')).delete(`/api/cases/${caseId}/members/${uid('jeugd')}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await closed).code).toBe(4403);
    expect(jeugd.closeCodes).toEqual([4403]);
    expect(jeugd.provider.wsconnected).toBe(false);

    // Whatever the removed member's document still does never reaches the room.
    addParagraph(jeugd.doc, 'Na verwijdering geschreven.');
    addParagraph(reg.doc, 'Regisseur gaat door.');
    await waitFor(async () => (await rowsBy(caseId, 'casusregisseur')).length === 1);
    expect(await rowsBy(caseId, 'jeugd')).toEqual([]);
    expect(sectionText(reg.doc)).toBe('Regisseur gaat door.');
    const up = await rawUpgrade(server, caseId, { cookie: (await as('jeugd')).cookie! });
    expect(up.status).toBe(404);
  });

  it('an edit member lowered to read is reconnected (4509) read-only: further edits are dropped, updates still arrive', async () => {
    const caseId = await freshCase();
    const reg = await join('casusregisseur', caseId);
    const wmo = await join('wmo', caseId);
    addParagraph(wmo.doc, 'Voor de wijziging.');
    await waitForText(reg, 'Voor de wijziging.');
    expect(await rowsBy(caseId, 'wmo')).toHaveLength(1);

    const res = await (await as('casusregisseur')).patch(`/api/cases/${caseId}/members/${uid('wmo')}`, { access: 'read' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await reconnectedAfterRightsChange(wmo);
    // The others' connections were not touched.
    expect(reg.closeCodes).toEqual([]);

    addParagraph(wmo.doc, 'Na de wijziging (mag niet meer).');
    await barrier(wmo, [reg]);
    expect(sectionText(reg.doc)).toBe('Voor de wijziging.');
    expect(await rowsBy(caseId, 'wmo')).toHaveLength(1);
    await waitFor(async () => presenceOf(reg, wmo)?.canWrite === false);
    // Still receiving.
    addParagraph(reg.doc, 'De regisseur schrijft verder.');
    await waitForText(wmo, 'De regisseur schrijft verder.');
    // A change that leaves the write access as it was does not disconnect anyone.
    expect((await (await as('casusregisseur')).patch(`/api/cases/${caseId}/members/${uid('wmo')}`, { access: 'comment' })).status).toBe(200);
    await barrier(reg, [wmo]);
    expect(wmo.closeCodes).toEqual([CLOSE_CODES.rightsChanged]);
  });

  it('edits made while read-only are never stored: when edit rights return, that document is refused (4409) and must start afresh', async () => {
    const caseId = await freshCase();
    const reg = await join('casusregisseur', caseId);
    const wmo = await join('wmo', caseId);
    addParagraph(wmo.doc, 'Voor de wijziging.');
    await waitForText(reg, 'Voor de wijziging.');
    const cr = await as('casusregisseur');
    expect((await cr.patch(`/api/cases/${caseId}/members/${uid('wmo')}`, { access: 'read' })).status).toBe(200);
    await reconnectedAfterRightsChange(wmo);
    addParagraph(wmo.doc, 'Geschreven als lezer (mag niet).');
    await barrier(wmo, [reg]);
    expect(sectionText(reg.doc)).toBe('Voor de wijziging.');
    expect(await rowsBy(caseId, 'wmo')).toHaveLength(1);

    // Edit rights return: the stock provider reconnects with the same document and offers the
    // dropped update again in sync step 2. The server recognises the document and refuses it.
    expect((await cr.patch(`/api/cases/${caseId}/members/${uid('wmo')}`, { access: 'edit' })).status).toBe(200);
    await waitFor(async () => wmo.closeCodes.includes(CLOSE_CODES.diverged));
    await barrier(reg, []);
    expect({ regSees: sectionText(reg.doc), storedByWmo: (await rowsBy(caseId, 'wmo')).length }).toEqual({ regSees: 'Voor de wijziging.', storedByWmo: 1 });

    // A fresh document (what the web client does on a rights change) works normally again.
    const again = await join('wmo', caseId);
    await waitForText(again, 'Voor de wijziging.');
    addParagraph(again.doc, 'Met een vers document.');
    await waitForText(reg, 'Met een vers document.');
    expect(sectionText(reg.doc)).not.toContain('mag niet');
    expect(await rowsBy(caseId, 'wmo')).toHaveLength(2);
  });

  it('a deactivated account is disconnected at once (4401) and writes nothing more', async () => {
    const caseId = await freshCase();
    const pr = await as('procesregisseur');
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: uid('schuldhulp'), caseRole: 'schuldhulpverlener', access: 'edit' })).status).toBe(201);
    const reg = await join('casusregisseur', caseId);
    const kees = await connectSynced(server, await loginAs(server, 'schuldhulp'), caseId);
    const beheer = await as('beheer');
    try {
      const closed = new Promise<{ code: number }>((resolve) => kees.provider.on('closed', (e) => resolve(e)));
      const res = await beheer.patch(`/api/admin/users/${uid('schuldhulp')}`, { active: false });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((await closed).code).toBe(CLOSE_CODES.unauthorized);
      addParagraph(kees.doc, 'Geschreven na deactivering van het account.');
      addParagraph(reg.doc, 'De regisseur gaat door.');
      await waitFor(async () => (await rowsBy(caseId, 'casusregisseur')).length === 1);
      expect(await rowsBy(caseId, 'schuldhulp')).toEqual([]);
      expect(sectionText(reg.doc)).toBe('De regisseur gaat door.');
      expect(reg.closeCodes).toEqual([]);
    } finally {
      kees.destroy();
      await beheer.patch(`/api/admin/users/${uid('schuldhulp')}`, { active: true });
    }
  });

  it('logging out closes the connections of that session (4401), not those of another session', async () => {
    const caseId = await freshCase();
    const tab1 = await loginAs(server, 'klantmanager');
    const tab2 = await loginAs(server, 'klantmanager');
    const one = await connectSynced(server, tab1, caseId);
    const two = await connectSynced(server, tab2, caseId);
    const intern = await connectSynced(server, tab1, `${caseId}:intern`);
    expect((await tab1.post('/api/auth/logout')).status).toBe(204);
    await waitFor(async () => one.closeCodes.length > 0 && intern.closeCodes.length > 0);
    expect(one.closeCodes).toEqual([CLOSE_CODES.unauthorized]);
    expect(intern.closeCodes).toEqual([CLOSE_CODES.unauthorized]);
    addParagraph(two.doc, 'Het andere tabblad werkt nog.');
    await waitFor(async () => (await rowsBy(caseId, 'klantmanager')).length === 1);
    expect(two.closeCodes).toEqual([]);
  });
});

describe('a closed case', () => {
  it('turns every open connection read-only (reconnected with 4509), and new connections too', async () => {
    const caseId = await freshCase();
    const reg = await join('casusregisseur', caseId);
    const jeugd = await join('jeugd', caseId);
    addParagraph(jeugd.doc, 'Voor het sluiten.');
    await waitForText(reg, 'Voor het sluiten.');

    const closed = await (await as('casusregisseur')).post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // Both had write access and lost it: both are reconnected read-only.
    await reconnectedAfterRightsChange(jeugd);
    await reconnectedAfterRightsChange(reg);

    addParagraph(jeugd.doc, 'Na het sluiten (jeugd).');
    addParagraph(reg.doc, 'Na het sluiten (regisseur).');
    await barrier(jeugd, [reg]);
    await barrier(reg, [jeugd]);
    expect(sectionText(reg.doc)).toBe('Voor het sluiten.\nNa het sluiten (regisseur).');
    expect(sectionText(jeugd.doc)).toBe('Voor het sluiten.\nNa het sluiten (jeugd).');
    expect(await updateRows(server.db, caseId)).toHaveLength(1);

    const late = await join('wmo', caseId);
    expect(sectionText(late.doc)).toBe('Voor het sluiten.');
    addParagraph(late.doc, 'Na het sluiten (wmo, net verbonden).');
    await barrier(late, [reg]);
    expect(await updateRows(server.db, caseId)).toHaveLength(1);
    expect(presenceOf(reg, late)).toMatchObject({ canWrite: false });
  });
});
