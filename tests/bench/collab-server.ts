// The server side of the collaboration benchmark, run as a child process so the server has
// an event loop (and a core) of its own while the bench process drives the clients:
//
//   node --expose-gc --import tsx tests/bench/collab-server.ts ours <dir> [postgres://…]
//   node --expose-gc --import tsx tests/bench/collab-server.ts reference
//
// `ours` is the product (startServer, SQLite in <dir>, or the migrated, empty PostgreSQL
// database given as the third argument; <dir> then holds the audit key); `reference` is a bare y-websocket
// server from @y/websocket-server (setupWSConnection, documents in memory only). The parent
// talks to it over the IPC channel: see the Command type. Started by tests/bench/collab.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import Database from 'better-sqlite3';
import pg from 'pg';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { sqliteConnection, transaction } from '../../db/client';
import { insertUpdate, loadRoomState } from '../../db/queries/collab';
import { count, queryRow } from '../support/db';
import { insertCase, putMember } from '../../db/queries/cases';
import { insertUser } from '../../db/queries/users';
import { users } from '../../db/schema';
import { loadConfig } from '../../server/config';
import { demoEmail } from '../../server/demo/seed';
import { startServer, type RunningServer } from '../../server/start';
import { DEMO_PASSWORD } from '../support/demo';
import { makeHistory } from './collab-history';
import { summarize, type Summary } from './stats';

export type Command =
  /** ours: bench users (created once, all casusregisseur) and `count` open cases with all of them as editing members. */
  | { cmd: 'setupCases'; count: number; users: number }
  /** Stores `updates` generated edits in a room: ours in SQLite (one transaction), the reference in its in-memory document. */
  | { cmd: 'seedHistory'; rooms: string[]; updates: number; seed: number }
  /** Loads rooms into memory without any client: ours via RoomManager.get (from SQLite), the reference via getYDoc (+ the same small history). */
  | { cmd: 'loadRooms'; rooms: string[]; updates: number; seed: number }
  | { cmd: 'loadedRooms' }
  /** ours: whether a room is in memory, how many stored update bodies and how big its snapshot is. */
  | { cmd: 'roomState'; room: string }
  /** ours: loadRoomState + applying it to a scratch Y.Doc, exactly as Room.load does, without loading the room. */
  | { cmd: 'probeLoad'; room: string }
  | { cmd: 'pragma'; statement: string }
  | { cmd: 'memory' }
  /** CPU time and event-loop delay since the previous `resetStats`. */
  | { cmd: 'resetStats' }
  | { cmd: 'stats' };

export interface MemorySample {
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

export interface ServerStats {
  wallMs: number;
  cpuMs: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
  /** Time spent in the socket's 'message' listeners per incoming message (decode, apply, persist, relay). */
  handling: Summary & { totalMs: number };
  /**
   * ours only: each execution of an INSERT into collab_updates, in the server process. SQLite:
   * with its commit (the fsync only under synchronous=FULL). PostgreSQL: the statement's round
   * trip to the server, from sending it until its result is in (the commit is a statement of its own).
   */
  inserts: Summary & { totalMs: number };
}

// In-situ timings, collected between `resetStats` and `stats` only (so they take no memory
// in the other measurements). Both are wrappers around library objects in this bench process
// only; the product code is not changed.
let recording = false;
const handlingSamples: number[] = [];
const insertSamples: number[] = [];

/** Times every 'message' event a server-side socket emits, i.e. the server's whole synchronous handling of it. */
function timeMessageHandling(): void {
  const emit = WebSocket.prototype.emit;
  WebSocket.prototype.emit = function timedEmit(this: WebSocket, event: string | symbol, ...args: unknown[]): boolean {
    if (!recording || event !== 'message') return emit.call(this, event, ...args);
    const t = performance.now();
    try {
      return emit.call(this, event, ...args);
    } finally {
      handlingSamples.push(performance.now() - t);
    }
  } as typeof emit;
}

/** How drizzle's SQL for insertUpdate (db/queries/collab.ts) begins. */
const COLLAB_INSERT = 'insert into "collab_updates"';

/**
 * Times every execution of an INSERT into collab_updates. insertUpdate builds its drizzle
 * prepared query once per database and keeps it; drizzle keeps the better-sqlite3 Statement
 * and calls its get() (via raw()) on every update. So the timing sits on the Statement
 * prototype, not on Database#prepare: it sees every execution, however early or by whom the
 * statement was prepared. Installed before the server starts.
 */
function timeCollabInserts(): void {
  const scratch = new Database(':memory:');
  type Run = (this: Database.Statement, ...args: unknown[]) => unknown;
  const proto = Object.getPrototypeOf(scratch.prepare('select 1')) as Record<'run' | 'get' | 'all', Run>;
  scratch.close();
  for (const method of ['run', 'get', 'all'] as const) {
    const original = proto[method];
    proto[method] = function timedExecution(this: Database.Statement, ...args: unknown[]): unknown {
      if (!recording || !this.source.startsWith(COLLAB_INSERT)) return original.apply(this, args);
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        insertSamples.push(performance.now() - t);
      }
    };
  }
}

/**
 * The same on PostgreSQL: every query of node-postgres goes through Client#query (the pool's
 * query too, on a client it checks out), with a callback or as a promise; timed until the
 * result is in, for the statements that begin like insertUpdate's.
 */
function timePostgresCollabInserts(): void {
  type Query = (this: pg.Client, ...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function timedQuery(this: pg.Client, ...args: unknown[]): unknown {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
    if (!recording || typeof text !== 'string' || !text.startsWith(COLLAB_INSERT)) return original.apply(this, args);
    const t = performance.now();
    const done = () => insertSamples.push(performance.now() - t);
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...cbArgs: unknown[]) => {
        done();
        return (callback as (...a: unknown[]) => unknown)(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
}

function summaryWithTotal(samples: readonly number[]): Summary & { totalMs: number } {
  return { ...summarize(samples), totalMs: samples.reduce((a, b) => a + b, 0) };
}

type Mode = 'ours' | 'reference';

interface Backend {
  url: string;
  handle(c: Command): unknown;
  close(): Promise<void>;
}

const BENCH_PASSWORD_FROM = 'procesregisseur';

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('start met node --expose-gc');
  g();
  g();
}

function memory(): MemorySample {
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers };
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function ours(dir: string, databaseUrl: string | undefined): Promise<Backend> {
  if (databaseUrl) timePostgresCollabInserts();
  else timeCollabInserts();
  const config = loadConfig(
    {},
    {
      PORT: 0,
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'casustafel.db'),
      DATABASE_URL: databaseUrl,
      DEMO_DATA: true,
      DEMO_PASSWORD,
      CLIENT_DIST: dir,
      LOG_REQUESTS: false,
      // Short, so a room the benchmark leaves is unloaded (and compacted) almost at once.
      COLLAB_UNLOAD_GRACE_MS: 100,
    },
  );
  const server: RunningServer = await startServer(config);
  const { db } = server;
  const rooms = server.services.collab!.rooms;
  const benchUsers: { id: string; email: string }[] = [];

  async function ensureUsers(n: number): Promise<void> {
    if (benchUsers.length >= n) return;
    const [pr] = await db.select().from(users).where(eq(users.email, demoEmail(BENCH_PASSWORD_FROM)));
    if (!pr) throw new Error('demo-account procesregisseur ontbreekt');
    await transaction(db, async (tx) => {
      for (let i = benchUsers.length; i < n; i++) {
        const email = `schrijver-${String(i + 1).padStart(2, '0')}@bench.casustafel.test`;
        const row = await insertUser(tx, { email, name: `Schrijver ${i + 1} (bench)`, functie: 'casusregisseur', organisation: 'Gemeente Zuiderhaven (bench)', passwordHash: pr.passwordHash, mustChangePassword: false });
        benchUsers.push({ id: row.id, email });
      }
    });
  }

  const author = async () => {
    await ensureUsers(1);
    return benchUsers[0]!.id;
  };

  return {
    url: server.url,
    async handle(c) {
      switch (c.cmd) {
        case 'setupCases': {
          await ensureUsers(c.users);
          const members = benchUsers.slice(0, c.users);
          const caseIds = await transaction(db, async (tx) => {
            const ids: string[] = [];
            for (let i = 0; i < c.count; i++) {
              const row = await insertCase(tx, { title: `Bench-gezin ${i + 1}`, summary: 'Casus voor de samenwerkingsbenchmark.', createdBy: members[0]!.id });
              for (const m of members) await putMember(tx, { caseId: row.id, userId: m.id, caseRole: 'casusregisseur', access: 'edit', addedBy: members[0]!.id });
              ids.push(row.id);
            }
            return ids;
          });
          return { caseIds, emails: members.map((m) => m.email) };
        }
        case 'seedHistory': {
          const userId = await author();
          let bytes = 0;
          const t = await timedAsync(async () => {
            for (const [i, room] of c.rooms.entries()) {
              const history = makeHistory(c.updates, c.seed + i);
              await transaction(db, async (tx) => {
                for (const u of history.updates) await insertUpdate(tx, room, userId, u);
              });
              bytes += history.bytes;
            }
          });
          return { ms: t.ms, bytes };
        }
        case 'loadRooms':
          // The history was stored with seedHistory beforehand; this only loads.
          for (const room of c.rooms) await rooms.get(room);
          return rooms.loadedRooms;
        case 'loadedRooms':
          return rooms.loadedRooms;
        case 'roomState': {
          const storedBodies = await count({ db }, 'select count(*) as n from collab_updates where room = ? and "update" is not null', c.room);
          const snap = await queryRow<{ n: number | string }>({ db }, 'select length(state) as n from collab_snapshots where room = ?', c.room);
          return { loaded: rooms.roomsOfCase(c.room.split(':')[0]!).some((r) => r.name === c.room), storedBodies, snapshotBytes: Number(snap?.n ?? 0) };
        }
        case 'probeLoad': {
          const sql = await timedAsync(async () => await loadRoomState(db, c.room));
          const stored = sql.value;
          const doc = new Y.Doc();
          const apply = timed(() =>
            doc.transact(() => {
              if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
              for (const u of stored.updates) Y.applyUpdate(doc, u.update);
            }, 'load'),
          );
          const sv = timed(() => Y.encodeStateAsUpdate(doc));
          doc.destroy();
          return { sqlMs: sql.ms, applyMs: apply.ms, encodeMs: sv.ms, updates: stored.updates.length, snapshotBytes: stored.snapshot?.byteLength ?? 0 };
        }
        case 'pragma':
          return sqliteConnection(db).pragma(c.statement, { simple: true });
        default:
          throw new Error(`ours kent ${c.cmd} niet`);
      }
    },
    close: () => server.close(),
  };
}

async function reference(): Promise<Backend> {
  // A variable specifier: the package ships no types for its ESM entry, and none are needed.
  const specifier = '@y/websocket-server/utils';
  const utils = (await import(specifier)) as {
    setupWSConnection(conn: unknown, req: unknown, opts?: { docName?: string; gc?: boolean }): void;
    getYDoc(name: string, gc?: boolean): Y.Doc;
    docs: Map<string, Y.Doc>;
  };
  const http: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('okay');
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws, req) => {
    // @y/websocket-server has no error handler of its own; an oversized frame would crash it.
    ws.on('error', () => undefined);
    utils.setupWSConnection(ws, req);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    handle(c) {
      switch (c.cmd) {
        case 'seedHistory':
        case 'loadRooms': {
          let bytes = 0;
          const t = timed(() =>
            c.rooms.forEach((room, i) => {
              const history = makeHistory(c.updates, c.seed + i);
              const doc = utils.getYDoc(room);
              for (const u of history.updates) Y.applyUpdate(doc, u);
              bytes += history.bytes;
            }),
          );
          return c.cmd === 'loadRooms' ? utils.docs.size : { ms: t.ms, bytes };
        }
        case 'loadedRooms':
          return utils.docs.size;
        default:
          throw new Error(`reference kent ${c.cmd} niet`);
      }
    },
    close: () =>
      new Promise<void>((r) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => r());
        http.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode;
  if (mode !== 'ours' && mode !== 'reference') throw new Error(`onbekende modus ${mode}`);
  const send = process.send?.bind(process);
  if (!send) throw new Error('start via tests/bench/collab.ts (IPC-kanaal ontbreekt)');
  const dir = process.argv[3];
  if (mode === 'ours' && !dir) throw new Error('ours verwacht een map voor de database');
  timeMessageHandling();
  const backend = mode === 'ours' ? await ours(dir!, process.argv[4]) : await reference();

  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let cpuFrom = process.cpuUsage();
  let wallFrom = performance.now();

  const common = (c: Command): unknown => {
    switch (c.cmd) {
      case 'memory':
        return memory();
      case 'resetStats':
        loop.reset();
        cpuFrom = process.cpuUsage();
        wallFrom = performance.now();
        handlingSamples.length = 0;
        insertSamples.length = 0;
        recording = true;
        return null;
      case 'stats': {
        recording = false;
        const cpu = process.cpuUsage(cpuFrom);
        const stats: ServerStats = {
          wallMs: performance.now() - wallFrom,
          cpuMs: (cpu.user + cpu.system) / 1000,
          loopP50: loop.percentile(50) / 1e6,
          loopP99: loop.percentile(99) / 1e6,
          loopMax: loop.max / 1e6,
          handling: summaryWithTotal(handlingSamples),
          inserts: summaryWithTotal(insertSamples),
        };
        return stats;
      }
      default:
        return backend.handle(c);
    }
  };

  const answer = async (m: { id: number; command: Command }): Promise<void> => {
    try {
      send({ id: m.id, ok: true, result: await common(m.command) });
    } catch (e) {
      send({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  };
  // answer() catches everything itself, so nothing is left unhandled.
  process.on('message', (m: { id: number; command: Command }) => void answer(m));
  const stop = () => {
    void backend.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  send({ ready: backend.url });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
