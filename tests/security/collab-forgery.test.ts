// Attack: a member forges Yjs updates under another member's client id, which everyone sees in
// presence. Before the fix a read-only or comment member could make the server refuse the
// writer (4409) and cut them off at every reconnect. Now a client id belongs to the session
// that first used it; a forged update closes the forger (4410, one audit row), the writer
// stays connected and its edits land, and the forged content lands nowhere. The same in every
// room kind, and the ownership survives a server restart.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/plan/rooms';
import { type Conn, connect, connectSynced, destroyAll, rawSocket, verbeekLikeCase } from '../support/collab';
import { maxAuditSeq, queryRows } from '../support/db';
import { waitFor } from '../support/time';
import { demoAccounts, loginAs, restartTestServer, startTestServer, type TestServer } from '../support/server';
import { closeCode, docHas, forgedUpdate, paragraphIn, refusalsSince, roomKinds, sendOn, stillWriting, storedHas, syncMessage } from './collab-attacks';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
const COLLAB = { COLLAB_UNLOAD_GRACE_MS: 100 };

beforeAll(async () => {
  server = await startTestServer(COLLAB);
});
afterEach(() => destroyAll());
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const join = async (key: string, room: string): Promise<Conn> => connectSynced(server, await as(key), room);
const marker = (what: string) => `VERVALST-${what}-${randomUUID().slice(0, 8)}`;

/** Someone sees `other` in presence: that is where an attacker copies the client id from. */
async function seesInPresence(observer: Conn, other: Conn): Promise<void> {
  await waitFor(async () => observer.provider.awareness.getStates().has(other.doc.clientID));
}

const KINDS = await roomKinds(() => server, as, uid);

describe.each(Object.keys(KINDS))('forging under the writer\'s client id in the %s room', (kind) => {
  it('closes every forger (4410, one audit row each), never the writer; the writer\'s edits land, the forged ones nowhere', async () => {
    const s = await KINDS[kind]!();
    const writer = await join(s.writer, s.room);
    const observer = await join(s.observer, s.room);
    const writerId = writer.doc.clientID;
    const forgers = [...s.readOnly, ...s.otherWriters];
    const seq = await maxAuditSeq(server);
    const markers: string[] = [];

    // Straight away: the writer has not typed yet, but is in everyone's presence.
    for (const key of forgers) {
      const forger = await join(key, s.room);
      await seesInPresence(forger, writer);
      const text = marker(`${kind}-${key}`);
      markers.push(text);
      sendOn(forger, syncMessage(forgedUpdate(forger.doc, writerId, paragraphIn(s.fragment, text))));
      await waitFor(async () => forger.closeCodes.length > 0);
      expect(forger.closeCodes, key).toEqual([CLOSE_CODES.foreignClient]);
    }
    await stillWriting(server, s.room, writer, observer, (t) => paragraphIn(s.fragment, t), waitFor);

    // Again after the writer typed, now continuing the writer's clock, as a sync step 2 too.
    for (const key of forgers) {
      const forger = await join(key, s.room);
      const text = marker(`${kind}-${key}-na`);
      markers.push(text);
      sendOn(forger, syncMessage(forgedUpdate(forger.doc, writerId, paragraphIn(s.fragment, text)), 1));
      await waitFor(async () => forger.closeCodes.length > 0);
      expect(forger.closeCodes, key).toEqual([CLOSE_CODES.foreignClient]);
    }
    await stillWriting(server, s.room, writer, observer, (t) => paragraphIn(s.fragment, t), waitFor);

    // The writer reconnects (a network hiccup) and carries on, as often as it happens.
    for (let i = 0; i < 2; i++) {
      writer.provider.disconnect();
      writer.provider.connect();
      await waitFor(async () => writer.provider.synced);
      await stillWriting(server, s.room, writer, observer, (t) => paragraphIn(s.fragment, t), waitFor);
    }

    for (const text of markers) {
      expect(docHas(writer.doc, text), text).toBe(false);
      expect(docHas(observer.doc, text), text).toBe(false);
      expect(await storedHas(server, s.room, text), text).toBe(false);
    }
    // One audit row per refused connection, naming the forger, never the writer.
    const refusals = await refusalsSince(server, seq);
    expect(refusals.map((r) => r.actor).sort()).toEqual([...forgers, ...forgers].map(uid).sort());
    for (const r of refusals) {
      expect(r.caseId).toBe(s.caseId);
      expect(r.detail).toMatchObject({ room: kind, code: CLOSE_CODES.foreignClient });
    }
    expect(writer.closeCodes).toEqual([]);
  });
});

describe('updates of members who cannot write', () => {
  it('a comment member forging under a read-only member\'s (unowned) id harms only itself: that member, given edit rights, writes normally', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await join('casusregisseur', caseId);
    const tl = await join('teamleider', caseId);
    const ggz = await join('ggz', caseId);
    await seesInPresence(ggz, tl);
    // A read-only member's id is nobody's yet (it never wrote); the forged update is dropped.
    const text = marker('ggz-onder-teamleider');
    sendOn(ggz, syncMessage(forgedUpdate(ggz.doc, tl.doc.clientID, paragraphIn('tekst.beeldvorming', text))));
    await stillWriting(server, caseId, writer, tl, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
    expect(ggz.closeCodes).toEqual([]);
    expect(docHas(tl.doc, text)).toBe(false);
    expect(await storedHas(server, caseId, text)).toBe(false);

    // The teamleider gets edit rights: the stock client reconnects with the same document.
    const res = await (await as('procesregisseur')).patch(`/api/cases/${caseId}/members/${uid('teamleider')}`, { access: 'edit' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await waitFor(async () => tl.closeCodes.includes(CLOSE_CODES.rightsChanged) && tl.provider.synced);
    await stillWriting(server, caseId, tl, writer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor, [CLOSE_CODES.rightsChanged]);
  });

  it('the server\'s own client id is reserved: an editor writing under it is refused', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await join('casusregisseur', caseId);
    const observer = await join('jeugd', caseId);
    // A server-made change (the structure of a new vraagstuk) is written under the server's id.
    const vraagstuk = await (await as('casusregisseur')).post(`/api/cases/${caseId}/vraagstukken`, { title: 'Rust in de financiën' });
    expect(vraagstuk.status, JSON.stringify(vraagstuk.body)).toBe(201);
    const serverId = await server.services.collab!.rooms.withDoc(caseId, (room) => room.doc.clientID);
    await waitFor(async () => observer.doc.store.clients.has(serverId));
    const wmo = await join('wmo', caseId);
    const text = marker('onder-server-id');
    sendOn(wmo, syncMessage(forgedUpdate(wmo.doc, serverId, paragraphIn('tekst.beeldvorming', text))));
    await waitFor(async () => wmo.closeCodes.length > 0);
    expect(wmo.closeCodes).toEqual([CLOSE_CODES.foreignClient]);
    await stillWriting(server, caseId, writer, observer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
    expect(await storedHas(server, caseId, text)).toBe(false);
  });
});

describe('ended sessions', () => {
  it('take their client ids with them: logged in anew, the same document carries on', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const observer = await join('jeugd', caseId);
    const first = await loginAs(server, 'klantmanager');
    const firstCookie = first.cookie;
    const a = connect(server, firstCookie, caseId);
    await waitFor(async () => a.provider.synced);
    await stillWriting(server, caseId, a, observer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
    const id = a.doc.clientID;
    const owners = async () => await queryRows(server, 'select session_id from collab_client_owners where room = ? and client_id = ?', caseId, id) as { session_id: string }[];
    expect(await owners()).toHaveLength(1);

    expect((await first.post('/api/auth/logout')).status).toBe(204);
    await waitFor(async () => a.closeCodes.includes(CLOSE_CODES.unauthorized));
    expect(await owners()).toEqual([]);

    // The same document (same client id, same clock) under a new session of the same person.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(a.doc));
    doc.clientID = id;
    a.destroy();
    const second = await loginAs(server, 'klantmanager');
    const b = connect(server, second.cookie, caseId, doc);
    await waitFor(async () => b.provider.synced);
    await stillWriting(server, caseId, b, observer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
    // Now the new session's (sessions are stored as the SHA-256 of the cookie's token).
    const sessionOf = (cookie: string | undefined) => createHash('sha256').update(cookie!.split('=')[1]!).digest('hex');
    expect(await owners()).toEqual([{ session_id: sessionOf(second.cookie) }]);
    expect(sessionOf(second.cookie)).not.toBe(sessionOf(firstCookie));
  });
});

describe('ownership survives unloading the room and restarting the server', () => {
  const restartServer = async () => {
    server = await restartTestServer(server, COLLAB);
  };

  it('a forger who connects first after the restart is still refused, and the owner carries on', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await join('casusregisseur', caseId);
    const observer = await join('jeugd', caseId);
    await stillWriting(server, caseId, writer, observer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
    const writerId = writer.doc.clientID;
    const base: Y.Doc = writer.doc;
    // The owner is away while the server restarts; the attackers are first back.
    writer.provider.disconnect();
    observer.destroy();
    await restartServer();
    expect(server.services.collab!.rooms.loadedRooms).toBe(0);

    const seq = await maxAuditSeq(server);
    const texts: string[] = [];
    for (const key of ['teamleider', 'ggz', 'wmo']) {
      const ws = await rawSocket(server, caseId, (await as(key)).cookie);
      const closed = closeCode(ws);
      const text = marker(`na-herstart-${key}`);
      texts.push(text);
      ws.send(syncMessage(forgedUpdate(base, writerId, paragraphIn('tekst.beeldvorming', text))));
      expect(await closed, key).toBe(CLOSE_CODES.foreignClient);
    }
    expect((await refusalsSince(server, seq)).map((r) => r.actor)).toEqual(['teamleider', 'ggz', 'wmo'].map(uid));

    // The owner's stock provider comes back with the same document and session.
    writer.provider.connect();
    await waitFor(async () => writer.provider.synced, { timeoutMs: 15_000 });
    const reader = await join('wmo', caseId);
    await stillWriting(server, caseId, writer, reader, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
    for (const text of texts) {
      expect(await storedHas(server, caseId, text)).toBe(false);
      expect(docHas(reader.doc, text)).toBe(false);
    }
    expect(writer.closeCodes).toEqual([]);
  });
});
