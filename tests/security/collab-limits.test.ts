// Attack: flooding the collaboration server. One update with thousands of client ids (before
// the fix: an SQL error, "too many SQL variables", and 1011), many ids over many updates,
// presence with many ids, huge states and fields of its own, a burst of messages or bytes, and
// a client that asks for the whole document again and again without reading. Everything the
// server keeps is bounded; a flood closes only its own connection with a clear code and
// exactly one audit row; the server keeps working for everyone else.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MAX_CLIENTS_PER_SESSION, MAX_PRESENCE_PER_CONNECTION } from '../../server/collab/limits';
import { CLOSE_CODES } from '../../shared/plan/rooms';
import { addParagraph, type Conn, connectSynced, destroyAll, expectStillWorking, rawSocket, verbeekLikeCase } from '../support/collab';
import { caseIdByTitle, count, maxAuditSeq } from '../support/db';
import { waitFor } from '../support/time';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { awarenessMessage, closeCode, docHas, forgedUpdate, manyClientsUpdate, paragraphIn, refusalsSince, roomKinds, sendOn, stillWriting, storedHas, syncMessage } from './collab-attacks';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
const KINDS = await roomKinds(() => server, as, uid);
/** Two people working in another case throughout, to show the server keeps working. */
let km: Conn;
let sh: Conn;
let errors: MockInstance<typeof console.error>;

beforeAll(async () => {
  server = await startTestServer();
  const deGraaf = await caseIdByTitle(server, 'Dhr. R. de Graaf');
  km = await connectSynced(server, await as('klantmanager'), deGraaf);
  sh = await connectSynced(server, await as('schuldhulp'), deGraaf);
});
beforeAll(() => {
  errors = vi.spyOn(console, 'error');
});
afterEach(() => {
  // No attack made the server log an internal error (an SQL error would be one).
  expect(errors.mock.calls.filter((c) => !String(c[0]).startsWith('serveStatic'))).toEqual([]);
});
afterAll(async () => {
  errors?.mockRestore();
  destroyAll();
  await server?.stop();
});

const stillWorks = () => expectStillWorking(server, km, sh);

const rows = async (table: string, room: string) => await count(server, `select count(*) as n from ${table} where room = ?`, room);
const sessionRows = async (table: string, room: string, key: string) =>
  await count(server, `select count(*) as n from ${table} t join sessions s on s.id = t.session_id where t.room = ? and s.user_id = ?`, room, uid(key));

const THOUSANDS = manyClientsUpdate(5000);

describe.each(Object.keys(KINDS))('one update with 5000 client ids in the %s room', (kind) => {
  it('closes the sender with 4431 and one audit row, stores nothing, and the room and server carry on', async () => {
    const s = await KINDS[kind]!();
    const writer = await connectSynced(server, await as(s.writer), s.room);
    const observer = await connectSynced(server, await as(s.observer), s.room);
    const before = { owners: await rows('collab_client_owners', s.room), diverged: await rows('collab_diverged_clients', s.room) };
    const senders = [...s.readOnly.slice(0, 1), ...s.otherWriters];
    for (const key of senders) {
      const seq = await maxAuditSeq(server);
      const ws = await rawSocket(server, s.room, (await as(key)).cookie);
      const closed = closeCode(ws);
      ws.send(syncMessage(THOUSANDS));
      expect(await closed, key).toBe(CLOSE_CODES.tooManyClients);
      const refusals = await refusalsSince(server, seq);
      expect(refusals, key).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ actor: uid(key), detail: { room: kind, code: CLOSE_CODES.tooManyClients, clients: 5000 } });
    }
    expect({ owners: await rows('collab_client_owners', s.room), diverged: await rows('collab_diverged_clients', s.room) }).toEqual(before);
    expect(await storedHas(server, s.room, 'flood')).toBe(false);
    await stillWriting(server, s.room, writer, observer, (t) => paragraphIn(s.fragment, t), waitFor);
    await stillWorks();
  });
});

describe('many client ids over many updates', () => {
  it('a writer using a new id in each update keeps at most the bound per session (its own oldest released), and is never cut off', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await connectSynced(server, await as('wmo'), caseId);
    const observer = await connectSynced(server, await as('jeugd'), caseId);
    const n = MAX_CLIENTS_PER_SESSION + 30;
    for (let i = 0; i < n; i++) sendOn(writer, syncMessage(forgedUpdate(writer.doc, 7_000_000 + i, paragraphIn('tekst.beeldvorming', `regel ${i}`))));
    await waitFor(async () => docHas(observer.doc, `regel ${n - 1}`));
    expect(writer.closeCodes).toEqual([]);
    expect(await sessionRows('collab_client_owners', caseId, 'wmo')).toBe(MAX_CLIENTS_PER_SESSION);
    await stillWriting(server, caseId, writer, observer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
  });

  it('a member who cannot write is refused (4431, one audit row) once past the bound; its marks stay bounded', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await connectSynced(server, await as('casusregisseur'), caseId);
    const observer = await connectSynced(server, await as('jeugd'), caseId);
    const ggz = await connectSynced(server, await as('ggz'), caseId);
    const seq = await maxAuditSeq(server);
    for (let i = 0; i < MAX_CLIENTS_PER_SESSION + 30; i++) {
      if (ggz.closeCodes.length > 0) break;
      sendOn(ggz, syncMessage(forgedUpdate(ggz.doc, 8_000_000 + i, paragraphIn('tekst.beeldvorming', `ggz ${i}`))));
    }
    await waitFor(async () => ggz.closeCodes.length > 0);
    expect(ggz.closeCodes).toEqual([CLOSE_CODES.tooManyClients]);
    expect(await refusalsSince(server, seq)).toEqual([{ actor: uid('ggz'), caseId, detail: expect.objectContaining({ code: CLOSE_CODES.tooManyClients }) }]);
    expect(await sessionRows('collab_diverged_clients', caseId, 'ggz')).toBeLessThanOrEqual(MAX_CLIENTS_PER_SESSION);
    expect(await storedHas(server, caseId, 'ggz 0')).toBe(false);
    await stillWriting(server, caseId, writer, observer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
  });
});

describe('presence flood', () => {
  type State = { user?: Record<string, unknown>; cursor?: unknown; [k: string]: unknown };
  const statesOf = (observer: Conn, key: string) =>
    [...observer.provider.awareness.getStates().entries()].filter(([, st]) => (st as State).user?.userId === uid(key)) as [number, State][];

  it('thousands of presence ids in one message: a few are kept per connection, the connection stays', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const observer = await connectSynced(server, await as('casusregisseur'), caseId);
    const attacker = await connectSynced(server, await as('jeugd'), caseId);
    await waitFor(async () => statesOf(observer, 'jeugd').length === 1);
    const entries = Array.from({ length: 3000 }, (_, i) => ({ id: 9_000_000 + i, clock: 1, state: JSON.stringify({ user: { color: '#102030' }, i }) }));
    sendOn(attacker, awarenessMessage(entries));
    await waitFor(async () => statesOf(observer, 'jeugd').length === MAX_PRESENCE_PER_CONNECTION);
    const room = await server.services.collab!.rooms.withDoc(caseId, (r) => r.awareness.getStates().size);
    expect(room).toBeLessThanOrEqual(2 * MAX_PRESENCE_PER_CONNECTION);
    // A writer's presence ids are claimed for its session, so these stay bounded as well.
    expect(await sessionRows('collab_client_owners', caseId, 'jeugd')).toBeLessThanOrEqual(MAX_PRESENCE_PER_CONNECTION);
    expect(attacker.closeCodes).toEqual([]);
    // Many messages of many ids do not add up either.
    for (let k = 1; k <= 3; k++) sendOn(attacker, awarenessMessage(entries.map((e) => ({ ...e, id: e.id + k * 10_000 }))));
    const fresh = await connectSynced(server, await as('wmo'), caseId);
    await waitFor(async () => statesOf(fresh, 'jeugd').length > 0);
    expect(statesOf(fresh, 'jeugd').length).toBe(MAX_PRESENCE_PER_CONNECTION);
  });

  it('a huge state is dropped; fields our client does not use are stripped; the identity is the session\'s', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const observer = await connectSynced(server, await as('casusregisseur'), caseId);
    const attacker = await connectSynced(server, await as('jeugd'), caseId);
    const id = attacker.doc.clientID;
    await waitFor(async () => statesOf(observer, 'jeugd').length === 1);
    const send = (clock: number, state: unknown) => sendOn(attacker, awarenessMessage([{ id, clock, state: JSON.stringify(state) }]));

    send(1000, { user: { color: '#abcdef' }, blob: 'x'.repeat(100_000) });
    const caret = { type: { client: 5, clock: 7 }, tname: null, item: { client: 5, clock: 9 }, assoc: 0 };
    send(1001, {
      user: { name: 'De Wethouder', role: 'Burgemeester', userId: uid('wethouder'), canWrite: true, color: '#123456', onclick: 'alert(1)' },
      cursor: { anchor: caret, head: { ...caret, evil: '<img src=x>' }, extra: 1 },
      script: '<script>alert(1)</script>',
      mark: 'x'.repeat(500),
    });
    await waitFor(async () => (observer.provider.awareness.getStates().get(id) as State | undefined)?.user?.color === '#123456');
    const seen = observer.provider.awareness.getStates().get(id) as State;
    expect(seen).toEqual({
      user: { userId: uid('jeugd'), name: 'Lotte Hendriks', role: 'Consulent Jeugd', canWrite: true, chairs: false, color: '#123456' },
      cursor: { anchor: caret, head: caret },
    });
    // The huge state never arrived anywhere.
    expect(JSON.stringify([...observer.provider.awareness.getStates().values()])).not.toContain('xxxxxxxxxx');

    // A caret that is not a caret is left out; the rest stays.
    send(1002, { user: { color: '#654321' }, cursor: { anchor: 'hier', head: { item: { client: -1, clock: 'x' } } } });
    await waitFor(async () => (observer.provider.awareness.getStates().get(id) as State | undefined)?.user?.color === '#654321');
    expect(Object.keys(observer.provider.awareness.getStates().get(id) as State)).toEqual(['user']);
    expect(attacker.closeCodes).toEqual([]);
    await stillWorks();
  });

  it('"volg de voorzitter" cannot be forged: who chairs comes from the case gate, and a focus is only a vraagstuk id', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const observer = await connectSynced(server, await as('klantmanager'), caseId);
    const attacker = await connectSynced(server, await as('jeugd'), caseId);
    const chair = await connectSynced(server, await as('casusregisseur'), caseId);
    const vraagstukId = randomUUID();
    chair.provider.awareness.setLocalStateField('focus', { vraagstukId });
    await waitFor(async () => (statesOf(observer, 'casusregisseur')[0]?.[1].focus as { vraagstukId?: string } | undefined)?.vraagstukId === vraagstukId);
    expect(statesOf(observer, 'casusregisseur')[0]![1].user).toMatchObject({ chairs: true, name: 'Marieke de Vries' });

    // A partner claims to chair, and points the table at a made-up place: the claim is the session's, the focus is dropped.
    const id = attacker.doc.clientID;
    sendOn(attacker, awarenessMessage([{ id, clock: 5000, state: JSON.stringify({ user: { color: '#111111', chairs: true }, focus: { vraagstukId: '../../beheer', extra: 1 } }) }]));
    await waitFor(async () => (observer.provider.awareness.getStates().get(id) as State | undefined)?.user?.color === '#111111');
    const seen = observer.provider.awareness.getStates().get(id) as State;
    expect(seen.user).toMatchObject({ chairs: false, name: 'Lotte Hendriks' });
    expect(seen.focus).toBeUndefined();
    sendOn(attacker, awarenessMessage([{ id, clock: 5001, state: JSON.stringify({ user: { color: '#222222' }, focus: { vraagstukId, extra: '<b>' } }) }]));
    await waitFor(async () => (observer.provider.awareness.getStates().get(id) as State | undefined)?.user?.color === '#222222');
    expect((observer.provider.awareness.getStates().get(id) as State).focus).toEqual({ vraagstukId });
    expect(attacker.closeCodes).toEqual([]);
  });
});

describe('message flood', () => {
  async function flood(key: string, room: string, send: (ws: WebSocket) => void): Promise<void> {
    const seq = await maxAuditSeq(server);
    const ws = await rawSocket(server, room, (await as(key)).cookie);
    const closed = closeCode(ws);
    send(ws);
    expect(await closed).toBe(CLOSE_CODES.rateLimited);
    // However many messages followed: one refusal, one row.
    await new Promise((r) => setTimeout(r, 200));
    const refusals = await refusalsSince(server, seq);
    expect(refusals).toEqual([{ actor: uid(key), caseId: room.split(':')[0], detail: expect.objectContaining({ code: CLOSE_CODES.rateLimited }) }]);
    await stillWorks();
  }

  it('thousands of small messages in a burst -> 4429 and exactly one audit row', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    await flood('ggz', caseId, (ws) => {
      for (let i = 0; i < 3000; i++) ws.send(new Uint8Array([3]));
    });
  });

  it('a burst of large messages (bytes per second) -> 4429 and exactly one audit row', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    // Each is a valid presence message whose state is too big to keep (dropped, not an error).
    const big = awarenessMessage([{ id: 4242, clock: 1, state: JSON.stringify({ user: { color: '#000000' }, pad: 'p'.repeat(1_900_000) }) }]);
    await flood('jeugd', `${caseId}:intern`, (ws) => {
      for (let i = 0; i < 12; i++) ws.send(big);
    });
  });
});

describe('a client that does not read', () => {
  it('asking for the whole document again and again without reading -> 4413 once the outgoing queue is full, one audit row', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await connectSynced(server, await as('casusregisseur'), caseId);
    const observer = await connectSynced(server, await as('jeugd'), caseId);
    // A large plan: 1.5 MB of text in one update.
    addParagraph(writer.doc, 'lang '.repeat(300_000));
    await waitFor(async () => docHas(observer.doc, 'lang lang'), { timeoutMs: 20_000 });

    const seq = await maxAuditSeq(server);
    const ws = await rawSocket(server, caseId, (await as('ggz')).cookie);
    const closed = closeCode(ws);
    (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const stepOne = syncMessage(Y.encodeStateVector(new Y.Doc()), 0);
    for (let i = 0; i < 60; i++) ws.send(stepOne);
    await waitFor(async () => (await refusalsSince(server, seq)).length > 0, { timeoutMs: 20_000 });
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(CLOSE_CODES.tooLarge);
    expect(await refusalsSince(server, seq)).toEqual([{ actor: uid('ggz'), caseId, detail: expect.objectContaining({ code: CLOSE_CODES.tooLarge }) }]);
    await stillWriting(server, caseId, writer, observer, (t) => paragraphIn('tekst.beeldvorming', t), waitFor);
    await stillWorks();
  });
});
