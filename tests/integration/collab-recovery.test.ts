// What survives: compaction keeps attribution, empty rooms are unloaded and come back the
// same, a restart keeps read-only members' edits out, and a `kill -9` of the real server
// loses nothing that was relayed while the stock providers reconnect by themselves.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeDatabase, isPostgresUrl, openDatabase } from '../../db/client';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { loadRoomState } from '../../db/queries/collab';
import { ApiClient, DEMO_PASSWORD, demoAccounts, demoEmail, loginAs, restartTestServer, startTestServer, onPostgres, type TestServer } from '../support/server';
import { addParagraph, barrier, type Conn, connect, connectSynced, destroyAll, sectionText, typeInto, updateRows, verbeekLikeCase, waitForText } from '../support/collab';
import { waitFor } from '../support/time';
import { queryRow } from '../support/db';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COLLAB = { COLLAB_COMPACT_EVERY: 20, COLLAB_UNLOAD_GRACE_MS: 50 };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(COLLAB);
});

afterEach(() => {
  destroyAll();
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const restartServer = async () => {
  server = await restartTestServer(server, COLLAB);
};

const { uid } = demoAccounts(() => server);

function fullState(doc: Y.Doc): string {
  return JSON.stringify(['beeldvorming', 'wens', 'afspraken'].map((k) => doc.getXmlFragment(`tekst.${k}`).toJSON()));
}

describe('compaction and unloading', () => {
  it('folds stored updates into a snapshot, keeps who/when of every update, unloads the empty room and loads it back the same', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const a = await connectSynced(server, await loginAs(server, 'casusregisseur'), caseId);
    const b = await connectSynced(server, await loginAs(server, 'jeugd'), caseId);
    typeInto(a.doc, 'Marieke typt dertig tekens!!!!');
    await waitForText(b, 'Marieke typt dertig tekens!!!!');
    addParagraph(b.doc, '');
    typeInto(b.doc, 'Lotte typt vijftien');
    await waitForText(a, 'Lotte typt vijftien');
    await waitFor(async () => (await updateRows(server.db, caseId)).length === 1 + 30 + 1 + 19);

    const snapshot = await queryRow(server, 'select * from collab_snapshots where room = ?', caseId) as { up_to_id: number; state: Buffer; at: string } | undefined;
    expect(snapshot).toBeDefined();
    const rows = await updateRows(server.db, caseId);
    const folded = rows.filter((r) => r.id <= snapshot!.up_to_id);
    const open = rows.filter((r) => r.id > snapshot!.up_to_id);
    expect(folded.length).toBeGreaterThanOrEqual(40);
    for (const r of folded) {
      expect(r.update).toBeNull();
      expect(r.user_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(r.at))).toBe(false);
      expect(r.size).toBeGreaterThan(0);
    }
    for (const r of open) expect(r.update).not.toBeNull();
    // Attribution survives compaction: every update is still there, by the right person.
    expect(rows.filter((r) => r.user_id === uid('casusregisseur'))).toHaveLength(31);
    expect(rows.filter((r) => r.user_id === uid('jeugd'))).toHaveLength(20);
    const history = await (await loginAs(server, 'teamleider')).get(`/api/cases/${caseId}/plan/history`);
    expect(history.status).toBe(200);
    expect(history.body.sessions.map((s: { author: { id: string }; edits: number }) => [s.author.id, s.edits])).toEqual([
      [uid('jeugd'), 20],
      [uid('casusregisseur'), 31],
    ]);

    const text = sectionText(a.doc);
    const state = fullState(a.doc);
    expect(sectionText(b.doc)).toBe(text);
    expect(server.services.collab!.rooms.loadedRooms).toBeGreaterThan(0);
    a.destroy();
    b.destroy();
    await waitFor(async () => server.services.collab!.rooms.loadedRooms === 0);
    // Unloading compacted the rest.
    expect((await updateRows(server.db, caseId)).every((r) => r.update === null)).toBe(true);

    const c = await connectSynced(server, await loginAs(server, 'wmo'), caseId);
    expect(server.services.collab!.rooms.loadedRooms).toBe(1);
    expect(sectionText(c.doc)).toBe(text);
    expect(fullState(c.doc)).toBe(state);
    // And the reloaded room takes new edits as before.
    addParagraph(c.doc, 'Na het herladen.');
    await waitFor(async () => (await updateRows(server.db, caseId)).length === 52);
  });
});

describe('read-only edits after a restart', () => {
  it('stay out of the stored document, also when the read-only clients reconnect with them', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await connectSynced(server, await loginAs(server, 'casusregisseur'), caseId);
    const tl = await connectSynced(server, await loginAs(server, 'teamleider'), caseId);
    const ggz = await connectSynced(server, await loginAs(server, 'ggz'), caseId);
    addParagraph(writer.doc, 'Van de regisseur.');
    await waitForText(tl, 'Van de regisseur.');
    await waitForText(ggz, 'Van de regisseur.');
    addParagraph(tl.doc, 'Teamleider (alleen lezen).');
    addParagraph(ggz.doc, 'GGZ (reageren).');
    await barrier(tl, [writer]);
    await barrier(ggz, [writer]);
    expect(sectionText(writer.doc)).toBe('Van de regisseur.');

    await restartServer();
    // The stock providers come back by themselves and offer their whole document again.
    await waitFor(async () => [writer, tl, ggz].every((c) => c.provider.synced), { timeoutMs: 15_000 });
    await barrier(tl, [writer]);
    await barrier(ggz, [writer]);

    const fresh = await connectSynced(server, await loginAs(server, 'wmo'), caseId);
    expect(sectionText(fresh.doc)).toBe('Van de regisseur.');
    expect(sectionText(writer.doc)).toBe('Van de regisseur.');
    const authors = new Set((await updateRows(server.db, caseId)).map((r) => r.user_id));
    expect(authors).toEqual(new Set([uid('casusregisseur')]));
    // Rebuilt from disk alone, the document has no read-only edits either.
    const stored = await loadRoomState(server.db, caseId);
    const rebuilt = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(rebuilt, u.update);
    expect(sectionText(rebuilt)).toBe('Van de regisseur.');
  });
});

// ------------------------------------------------------------------ kill -9 of the real server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Child {
  proc: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

const children = new Set<Child>();
let database: TestDatabase | null = null;

/** `dataDir`: where the audit key lives (beside the SQLite file, or beside the unused path on PostgreSQL). */
function spawnServer(port: number, dbPath: string, dataDir: string): Child {
  // Its own process group: the tsx CLI runs the server in a child process of its own, so a
  // kill -9 of the CLI's pid alone would leave the real server running.
  const proc = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // On PostgreSQL (TEST_DATABASE_URL) `dbPath` is the test database's URL; the SQLite path is then unused.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...(isPostgresUrl(dbPath) ? { DATABASE_URL: dbPath, DATABASE_PATH: join(dataDir, 'unused.db') } : { DATABASE_PATH: dbPath }), DEMO_DATA: 'on', DEMO_PASSWORD, COLLAB_COMPACT_EVERY: '500', COLLAB_UNLOAD_GRACE_MS: '30000', LOG_REQUESTS: 'off' },
  });
  const output: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child = { proc, output, exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

function killHard(child: Child): Promise<void> {
  process.kill(-child.proc.pid!, 'SIGKILL');
  return child.exited;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

describe('kill -9 of the server process', () => {
  let tmp: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'casustafel-kill9-'));
  });

  afterAll(async () => {
    destroyAll();
    for (const child of [...children]) await killHard(child).catch(() => undefined);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    await database?.drop();
  });

  it('loses nothing that was relayed; the providers reconnect by themselves, converge, and merge an offline edit', async () => {
    const port = await freePort();
    // A kill -9 loses nothing committed on either engine: the server's own database, SQLite file or PostgreSQL.
    database = onPostgres ? await createTestDatabase() : null;
    const dbPath = database?.url ?? join(tmp, 'casustafel.db');
    const url = `http://127.0.0.1:${port}`;
    let child = spawnServer(port, dbPath, tmp);
    await waitFor(() => healthy(url), { timeoutMs: 30_000, intervalMs: 50 }).catch((e: Error) => {
      throw new Error(`${e.message}\n${child.output.join('')}`);
    });

    const marieke = new ApiClient(url);
    expect((await marieke.login(demoEmail('casusregisseur'))).status).toBe(200);
    const lotte = new ApiClient(url);
    expect((await lotte.login(demoEmail('jeugd'))).status).toBe(200);
    const cases = (await marieke.get('/api/cases')).body as { id: string; title: string }[];
    const room = cases.find((c) => c.title === 'Gezin Verbeek')!.id;

    const a: Conn = connect({ url }, marieke.cookie, room);
    const b: Conn = connect({ url }, lotte.cookie, room);
    await waitFor(async () => a.provider.synced && b.provider.synced);
    typeInto(a.doc, 'Voor de crash getypt door Marieke.');
    addParagraph(b.doc, 'Voor de crash, van Lotte.', 'afspraken');
    // Relayed = the other client has it.
    await waitForText(b, 'Voor de crash getypt door Marieke.');
    await waitForText(a, 'Voor de crash, van Lotte.', 'afspraken');
    const relayed = fullState(a.doc);
    expect(fullState(b.doc)).toBe(relayed);

    await killHard(child);
    await waitFor(async () => !a.provider.wsconnected && !b.provider.wsconnected);
    expect(await healthy(url)).toBe(false);

    // On disk, after the kill and before anything else runs: everything that was relayed.
    const db = await openDatabase(dbPath);
    try {
      const stored = await loadRoomState(db, room);
      const rebuilt = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(rebuilt, u.update);
      expect(fullState(rebuilt)).toBe(relayed);
    } finally {
      await closeDatabase(db);
    }

    // Written while the server is down.
    addParagraph(a.doc, 'Offline geschreven door Marieke.');
    typeInto(b.doc, ' [Lotte offline]', 'afspraken');

    child = spawnServer(port, dbPath, tmp);
    await waitFor(() => healthy(url), { timeoutMs: 30_000, intervalMs: 50 });
    // Nobody reconnects them: the providers keep retrying, and the sessions live in SQLite.
    await waitFor(async () => a.provider.synced && b.provider.synced, { timeoutMs: 15_000 });
    await waitFor(async () => fullState(a.doc) === fullState(b.doc) && sectionText(b.doc).includes('Offline geschreven door Marieke.') && sectionText(a.doc, 'afspraken').includes('[Lotte offline]'));
    expect(sectionText(a.doc)).toContain('Voor de crash getypt door Marieke.');
    expect(sectionText(a.doc, 'afspraken')).toContain('Voor de crash, van Lotte.');

    // A third person, fresh from the restarted server, sees the same.
    const fatma = new ApiClient(url);
    expect((await fatma.login(demoEmail('wmo'))).status).toBe(200);
    const c = connect({ url }, fatma.cookie, room);
    await waitFor(async () => c.provider.synced && fullState(c.doc) === fullState(a.doc));

    await killHard(child);
  });
});
