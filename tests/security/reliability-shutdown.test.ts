// Graceful shutdown: close() stops accepting, closes every live socket with 1001, clears the
// timers (per-connection session checks, room unload timers, the session sweep), flushes the
// rooms and closes the database, in that order, and may be called more than once. Afterwards
// nothing runs: before the fix the session check fired after the database was closed and threw
// "The database connection is not open", an unhandled error that turned CI red.
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import * as Y from 'yjs';
import { closeDatabase, openDatabase } from '../../db/client';
import { loadRoomState } from '../../db/queries/collab';
import { queryRow } from '../support/db';
import { CLOSE_CODES } from '../../shared/plan/rooms';
import { type Conn, connectSynced, destroyAll, updateRows } from '../support/collab';
import { waitFor } from '../support/time';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { docHas, paragraphIn, roomKinds } from './collab-attacks';

// Small, but not so small that a busy test machine misses a pong within one period (the
// server then cuts the connection off as dead, which is not what this test is about).
const PING_MS = 250;
const UNLOAD_GRACE_MS = 200;

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
const escaped: unknown[] = [];
const onEscaped = (e: unknown) => escaped.push(e);
let errors: MockInstance<typeof console.error>;

beforeAll(async () => {
  process.on('uncaughtException', onEscaped);
  process.on('unhandledRejection', onEscaped);
  errors = vi.spyOn(console, 'error');
  server = await startTestServer({ COLLAB_PING_MS: PING_MS, COLLAB_UNLOAD_GRACE_MS: UNLOAD_GRACE_MS });
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
  process.off('uncaughtException', onEscaped);
  process.off('unhandledRejection', onEscaped);
  errors?.mockRestore();
});

describe('graceful shutdown', () => {
  it('closes clients in every room with 1001, keeps what was stored, leaves no timer running, and may be called twice', async () => {
    const kinds = await roomKinds(() => server, as, uid);
    const conns: Conn[] = [];
    const rooms: string[] = [];
    for (const make of Object.values(kinds)) {
      const s = await make();
      rooms.push(s.room);
      conns.push(await connectSynced(server, await as(s.writer), s.room), await connectSynced(server, await as(s.observer), s.room));
    }
    // A stored edit in the plan room.
    const [planWriter] = conns;
    const text = `Vlak voor het stoppen ${Date.now()}`;
    planWriter!.doc.transact(() => paragraphIn('tekst.beeldvorming', text)(planWriter!.doc));
    await waitFor(async () => docHas(conns[1]!.doc, text));
    // A room that was just left: its unload timer is pending when the server stops.
    const left = await connectSynced(server, await as('wmo'), `${rooms[0]!.split(':')[0]}:intern`);
    left.destroy();
    await waitFor(async () => server.services.collab!.rooms.roomsOfCase(rooms[0]!).every((r) => r.peers.size > 0 || r.unloadTimer !== undefined));

    // The per-connection session checks are running now.
    const keepAlive = vi.spyOn(server.services.sessions, 'keepAlive');
    await waitFor(async () => keepAlive.mock.calls.length > conns.length);

    await Promise.all([server.close(), server.close()]);
    await server.close();
    const checksAtClose = keepAlive.mock.calls.length;

    // Every client was told the server is going away (and would come back by itself).
    for (const c of conns) expect(c.closeCodes).toEqual([CLOSE_CODES.serverShutdown]);
    destroyAll();
    // The database connection is closed too: a query on it fails.
    await expect(queryRow(server, 'select 1 as n')).rejects.toThrow();
    expect(server.services.collab!.rooms.loadedRooms).toBe(0);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    // Well past every timer's period: nothing ran, nothing was thrown or logged.
    await new Promise((r) => setTimeout(r, 6 * PING_MS + 2 * UNLOAD_GRACE_MS));
    expect(keepAlive.mock.calls.length).toBe(checksAtClose);
    expect(escaped).toEqual([]);
    expect(errors.mock.calls.filter((c) => !String(c[0]).startsWith('serveStatic'))).toEqual([]);

    // What was relayed is on disk, and the rooms were flushed (compacted) on the way out.
    const db = await openDatabase(server.databaseUrl ?? server.dbPath);
    try {
      const stored = await loadRoomState(db, rooms[0]!);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u.update);
      expect(docHas(doc, text)).toBe(true);
      expect(stored.snapshot).not.toBeNull();
      expect((await updateRows(db, rooms[0]!)).every((r) => r.update === null)).toBe(true);
    } finally {
      await closeDatabase(db);
    }
  });
});
