// Part 3: the collaboration server (WS /collab/<room>) against a bare y-websocket server
// (@y/websocket-server, documents in memory, no auth, no persistence), the same workload
// on both in the same run:
//   a. fan-out latency, 1 room × 10 clients, one typist;
//   b. sustained load, 50 rooms × 10 clients (500 connections), two typists per room;
//   c. cold load of a room with 10,000 stored updates, before and after compaction;
//   d. memory per idle room.
// With a PostgreSQL server (TEST_DATABASE_URL), a and b also run on the product on PostgreSQL,
// in the same run against the same reference (c and d stay SQLite-only: see the summary).
// Each server runs in a child process of its own (collab-server.ts); the clients run here.
// Latency is end to end: from the typist's local edit until another client has received
// and applied the update to its own Y.Doc (same process, so one clock). Nothing asserts.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DEMO_PASSWORD } from '../support/demo';
import { makeTempDir, removeTempDir, signalGroup, trackChild } from './cleanup';
import { makeHistory, TEXT_FIELD } from './collab-history';
import { prng } from './prng';
import type { Command, MemorySample, ServerStats } from './collab-server';
import { ROOT } from './cold-start';
import { BenchClient } from './http';
import { bytes as fmtBytes, median, ms, ratio, summarize, type Summary, table } from './stats';

const READY_TIMEOUT_MS = 60_000;
const SYNC_TIMEOUT_MS = 20_000;
const DRAIN_TIMEOUT_MS = 10_000;
const CONNECT_CONCURRENCY = 25;

export const COLLAB = {
  single: { clients: 10, typists: 1, intervalMs: 50, warmupSends: 25, sends: 500 },
  load: { rooms: 50, clients: 10, typists: 2, intervalMs: 400, warmupSends: 8, sends: 50 },
  cold: { rooms: 5, updates: 10_000 },
  memory: { rooms: 200, updates: 20, warmupRooms: 20 },
};

type Mode = 'ours' | 'reference';
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

async function withTimeout<T>(p: Promise<T>, msLimit: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: geen antwoord binnen ${msLimit / 1000} s`)), msLimit);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// ------------------------------------------------------------------ server child processes

/** Environment for the children without anything that changes what @y/websocket-server does. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key === 'YPERSISTENCE' || key === 'GC' || key.startsWith('CALLBACK_')) delete env[key];
  return env;
}

class ServerChild {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  output = '';
  url = '';

  private constructor(
    readonly mode: Mode,
    private readonly child: ChildProcess,
    private readonly dir: string | undefined,
  ) {}

  get wsBase(): string {
    return this.url.replace(/^http/, 'ws') + (this.mode === 'ours' ? '/collab' : '');
  }

  /** `databaseUrl` (ours only): a migrated, empty PostgreSQL database instead of SQLite. */
  static async start(mode: Mode, databaseUrl?: string): Promise<ServerChild> {
    const dir = mode === 'ours' ? makeTempDir('collab') : undefined;
    const args = ['--expose-gc', '--import', 'tsx', 'tests/bench/collab-server.ts', mode, ...(dir ? [dir] : []), ...(databaseUrl ? [databaseUrl] : [])];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    trackChild(child);
    const s = new ServerChild(mode, child, dir);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (s.output += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (s.output += d));
    const ready = new Promise<string>((resolve, reject) => {
      child.on('message', (m: { ready?: string; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
        if (m.ready) return resolve(m.ready);
        const p = m.id === undefined ? undefined : s.pending.get(m.id);
        if (!p) return;
        s.pending.delete(m.id!);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(`${mode}: ${m.error}`));
      });
      child.once('exit', (code, signal) => {
        const e = new Error(`${mode}-server stopte (code ${code}, signaal ${signal})\n${s.output.replace(/^/gm, '    ')}`);
        reject(e);
        for (const p of s.pending.values()) p.reject(e);
        s.pending.clear();
      });
    });
    try {
      s.url = await withTimeout(ready, READY_TIMEOUT_MS, `${mode}-server starten`);
    } catch (e) {
      await s.stop();
      throw e;
    }
    return s;
  }

  call<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return withTimeout(
      new Promise<T>((resolve, reject) => {
        this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        this.child.send({ id, command });
      }),
      120_000,
      `${this.mode}: ${command.cmd}`,
    );
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
      signalGroup(this.child, 'SIGTERM');
      const killer = setTimeout(() => signalGroup(this.child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    if (this.dir) removeTempDir(this.dir);
  }
}

/** Logs the bench users in over HTTP and returns their session cookies (`casustafel_sessie=…`). */
async function login(server: ServerChild, emails: readonly string[]): Promise<string[]> {
  return Promise.all(
    emails.map(async (email) => {
      const c = new BenchClient(server.url);
      try {
        await c.login(email, DEMO_PASSWORD);
        return c.cookie!;
      } finally {
        c.close();
      }
    }),
  );
}

// ------------------------------------------------------------------ raw y-websocket clients

const REMOTE = Symbol('remote');
const MESSAGE_SYNC = 0;

/**
 * A y-websocket client without the provider: a real Y.Doc, the sync protocol from
 * y-protocols, no awareness. Light enough to run 500 of them next to each other.
 */
class RawClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  onRemote: ((c: RawClient) => void) | undefined;

  constructor(url: string, cookie: string | undefined) {
    this.ws = new WebSocket(url, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.ws.send(encoding.toUint8Array(encoder));
    });
    this.synced = new Promise<void>((resolve, reject) => {
      this.ws.on('unexpected-response', (_req, res) => reject(new Error(`${url}: upgrade geweigerd met ${res.statusCode}`)));
      this.ws.on('error', (e) => reject(e));
      this.ws.on('close', (code, reason) => reject(new Error(`${url}: verbinding gesloten (${code} ${reason.toString()})`)));
      this.ws.on('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.ws.send(encoding.toUint8Array(encoder));
      });
      this.ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // awareness: not used here
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const type = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
        if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
        if (type === syncProtocol.messageYjsSyncStep2) resolve();
        if (type !== syncProtocol.messageYjsSyncStep1) this.onRemote?.(this);
      });
    });
    this.synced.catch(() => undefined);
  }

  close(): void {
    this.ws.removeAllListeners('close');
    this.ws.on('error', () => undefined);
    this.ws.terminate();
    this.doc.destroy();
  }
}

interface ClientSpec {
  url: string;
  cookie: string | undefined;
}

async function connectAll(specs: readonly ClientSpec[], opened: RawClient[]): Promise<RawClient[]> {
  return pool(specs, CONNECT_CONCURRENCY, async (s) => {
    const c = new RawClient(s.url, s.cookie);
    opened.push(c);
    await withTimeout(c.synced, SYNC_TIMEOUT_MS, `verbinden met ${s.url}`);
    return c;
  });
}

// ------------------------------------------------------------------ fan-out workload

interface Send {
  clock: number;
  t: number;
  measured: boolean;
}

interface Typist {
  client: RawClient;
  sends: Send[];
  cursor: number;
}

interface LoadRoom {
  clients: RawClient[];
  typists: Typist[];
}

export interface Fanout {
  label: string;
  rooms: number;
  clientsPerRoom: number;
  typistsPerRoom: number;
  summary: Summary;
  measuredSends: number;
  expected: number;
  received: number;
  windowMs: number;
  /** Sends per second and deliveries (update applied by another client) per second, measured window. */
  sendRate: number;
  deliveryRate: number;
  connectMs: number;
  server: ServerStats;
  clientLoopP99: number;
  clientLoopMax: number;
  /** CPU of the bench process (the clients) and of everything else on the machine, in % of one core. */
  benchCpuPct: number;
  otherCpuPct: number | undefined;
}

/** Busy CPU time of the whole machine in ms (all cores together), from /proc/stat; undefined elsewhere. */
function machineCpu(): { busyMs: number } | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((x) => !Number.isFinite(x))) return undefined;
    // user nice system idle iowait irq softirq steal; USER_HZ is 100 on Linux, so one jiffy is 10 ms.
    const [user, nice, system, , , irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
    return { busyMs: (user + nice + system + irq + softirq + steal) * 10 };
  } catch {
    return undefined;
  }
}

interface WorkloadShape {
  clients: number;
  typists: number;
  intervalMs: number;
  warmupSends: number;
  sends: number;
}

async function runFanout(server: ServerChild, label: string, rooms: readonly string[], cookies: readonly (string | undefined)[], shape: WorkloadShape): Promise<Fanout> {
  const opened: RawClient[] = [];
  try {
    const specs: ClientSpec[] = [];
    for (const room of rooms) for (let i = 0; i < shape.clients; i++) specs.push({ url: `${server.wsBase}/${room}`, cookie: cookies[i % cookies.length] });
    const t0 = performance.now();
    const clients = await connectAll(specs, opened);
    const connectMs = performance.now() - t0;

    const samples: number[] = [];
    let received = 0;
    let warmupReceived = 0;
    const loadRooms: LoadRoom[] = rooms.map((_, r) => {
      const members = clients.slice(r * shape.clients, (r + 1) * shape.clients);
      return { clients: members, typists: members.slice(0, shape.typists).map((client) => ({ client, sends: [], cursor: 0 })) };
    });
    for (const room of loadRooms) {
      for (const c of room.clients) {
        const seen = new Map<Typist, number>();
        c.onRemote = () => {
          const now = performance.now();
          for (const typist of room.typists) {
            if (typist.client === c) continue;
            const state = Y.getState(c.doc.store, typist.client.doc.clientID);
            let p = seen.get(typist) ?? 0;
            while (p < typist.sends.length && typist.sends[p]!.clock <= state) {
              const s = typist.sends[p]!;
              if (s.measured) {
                samples.push(now - s.t);
                received++;
              } else warmupReceived++;
              p++;
            }
            seen.set(typist, p);
          }
        };
      }
    }

    const rand = prng(4242);
    const total = shape.warmupSends + shape.sends;
    const start = performance.now() + 50;
    const measureFrom = start + shape.warmupSends * shape.intervalMs;
    const warmupExpected = loadRooms.reduce((n, r) => n + r.typists.length, 0) * shape.warmupSends * (shape.clients - 1);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    let measuredFirst = Number.POSITIVE_INFINITY;
    let measuredLast = 0;
    let machineFrom: { busyMs: number } | undefined;
    let benchFrom = process.cpuUsage();
    let wallFrom = 0;
    // The server's counters cover exactly the measured updates: they are reset once every
    // warm-up update has been stored and relayed to everyone, and no typist sends a measured
    // update before that (the measured sends keep their rhythm, counted from the reset).
    const measuring = (async () => {
      await sleep(Math.max(0, measureFrom - performance.now()));
      const until = performance.now() + DRAIN_TIMEOUT_MS;
      while (warmupReceived < warmupExpected && performance.now() < until) await sleep(2);
      loop.enable();
      await server.call({ cmd: 'resetStats' });
      machineFrom = machineCpu();
      benchFrom = process.cpuUsage();
      wallFrom = performance.now();
      return wallFrom;
    })();
    const typeLoop = async (typist: Typist, offset: number) => {
      const text = typist.client.doc.getText(TEXT_FIELD);
      for (let k = 0; k < total; k++) {
        const due = k < shape.warmupSends ? start + offset + k * shape.intervalMs : (await measuring) + offset + (k - shape.warmupSends) * shape.intervalMs;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const measured = k >= shape.warmupSends;
        if (rand() < 0.05) typist.cursor = Math.floor(rand() * (text.length + 1));
        typist.cursor = Math.min(typist.cursor, text.length);
        const t = performance.now();
        text.insert(typist.cursor, 'e');
        typist.cursor++;
        typist.sends.push({ clock: Y.getState(typist.client.doc.store, typist.client.doc.clientID), t, measured });
        if (measured) {
          measuredFirst = Math.min(measuredFirst, t);
          measuredLast = Math.max(measuredLast, t);
        }
      }
    };
    await Promise.all([measuring, ...loadRooms.flatMap((room) => room.typists.map((t) => typeLoop(t, rand() * shape.intervalMs)))]);

    const measuredSends = loadRooms.reduce((n, r) => n + r.typists.reduce((m, t) => m + t.sends.filter((s) => s.measured).length, 0), 0);
    const expected = measuredSends * (shape.clients - 1);
    const drainUntil = performance.now() + DRAIN_TIMEOUT_MS;
    while (received < expected && performance.now() < drainUntil) await sleep(10);
    loop.disable();
    const serverStats = await server.call<ServerStats>({ cmd: 'stats' });
    const machineTo = machineCpu();
    const bench = process.cpuUsage(benchFrom);
    const wall = performance.now() - wallFrom;
    const benchCpuMs = (bench.user + bench.system) / 1000;
    const otherCpuPct = machineFrom && machineTo ? Math.max(0, ((machineTo.busyMs - machineFrom.busyMs - benchCpuMs - serverStats.cpuMs) / wall) * 100) : undefined;
    const windowMs = Math.max(1, measuredLast - measuredFirst);
    return {
      label,
      rooms: rooms.length,
      clientsPerRoom: shape.clients,
      typistsPerRoom: shape.typists,
      summary: summarize(samples),
      measuredSends,
      expected,
      received,
      windowMs,
      sendRate: (measuredSends / windowMs) * 1000,
      deliveryRate: (received / windowMs) * 1000,
      connectMs,
      server: serverStats,
      clientLoopP99: loop.percentile(99) / 1e6,
      clientLoopMax: loop.max / 1e6,
      benchCpuPct: (benchCpuMs / wall) * 100,
      otherCpuPct,
    };
  } finally {
    for (const c of opened) c.close();
  }
}

const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)}%`);

function describeFanout(f: Fanout, indent: string): string {
  const s = f.summary;
  const lost = f.expected - f.received;
  const h = f.server.handling;
  const i = f.server.inserts;
  return (
    `p50 ${ms(s.p50)} | p95 ${ms(s.p95)} | p99 ${ms(s.p99)} | max ${ms(s.max)} ms; ${f.received}/${f.expected} afgeleverd${lost ? ` (${lost} NIET binnen ${DRAIN_TIMEOUT_MS / 1000} s)` : ''}; ` +
    `${f.sendRate.toFixed(0)} updates/s in, ${f.deliveryRate.toFixed(0)} afleveringen/s; verbinden ${ms(f.connectMs)} ms\n${indent}` +
    `server: afhandeling per bericht gem. ${ms(h.totalMs / Math.max(1, h.n))} / p50 ${ms(h.p50)} / p99 ${ms(h.p99)} / max ${ms(h.max)} ms` +
    ` (${h.n} berichten)` +
    (i.n
      ? `, waarvan INSERT collab_updates gem. ${ms(i.totalMs / i.n)} / p50 ${ms(i.p50)} / p99 ${ms(i.p99)} / max ${ms(i.max)} ms ` +
        `(${i.n} inserts${i.n === f.measuredSends ? ' = de gemeten updates' : `, LET OP: ${f.measuredSends} gemeten updates`}; ` +
        `${(h.totalMs > 0 ? (i.totalMs / h.totalMs) * 100 : 0).toFixed(0)}% van de afhandeltijd)`
      : '') +
    `; event-loopvertraging p99 ${ms(f.server.loopP99)} / max ${ms(f.server.loopMax)} ms; cpu ${pct((f.server.cpuMs / f.server.wallMs) * 100)}\n${indent}` +
    `bench-proces (clients): cpu ${pct(f.benchCpuPct)}, event-loopvertraging p99 ${ms(f.clientLoopP99)} / max ${ms(f.clientLoopMax)} ms; andere processen op de machine: ${pct(f.otherCpuPct)} van één core`
  );
}

/** Runs `fn` with the given synchronous mode on the running server's database handle, then restores NORMAL (the product default). */
async function withSync<T>(server: ServerChild, mode: 'FULL' | 'NORMAL', fn: () => Promise<T>): Promise<T> {
  await server.call({ cmd: 'pragma', statement: `synchronous = ${mode}` });
  try {
    return await fn();
  } finally {
    await server.call({ cmd: 'pragma', statement: 'synchronous = NORMAL' });
  }
}

/** PRAGMA synchronous answers with a number. */
const SYNC_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
async function syncMode(server: ServerChild): Promise<string> {
  const n = await server.call<number>({ cmd: 'pragma', statement: 'synchronous' });
  return `${SYNC_NAMES[n] ?? '?'} (${n})`;
}

const OURS = 'ours (synchronous=NORMAL, standaard)';
const OURS_FULL = 'ours (synchronous=FULL, optie)';
const OURS_PG = 'ours op PostgreSQL';
const REF = 'referentie';
const LABEL_WIDTH = Math.max(OURS.length, OURS_FULL.length, OURS_PG.length, `${REF} (opnieuw)`.length) + 2;
const logLine = (label: string, f: Fanout) => `    ${`${label}:`.padEnd(LABEL_WIDTH)}${describeFanout(f, ' '.repeat(4 + LABEL_WIDTH))}`;

// ------------------------------------------------------------------ cold load (stock provider)

/** ws with the session cookie on the upgrade request, for the stock WebsocketProvider. */
function cookieSocket(cookie: string | undefined) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
    }
  };
}

interface Connected {
  ms: number;
  length: number;
  close(): void;
}

/** From creating a WebsocketProvider until its 'sync' event (sync step 2 received and applied). */
async function providerSync(server: ServerChild, room: string, cookie: string | undefined): Promise<Connected> {
  const doc = new Y.Doc();
  const t0 = performance.now();
  const provider = new WebsocketProvider(server.wsBase, room, doc, {
    disableBc: true,
    WebSocketPolyfill: cookieSocket(cookie) as unknown as NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'],
  });
  const close = () => {
    provider.destroy();
    doc.destroy();
  };
  try {
    const elapsed = await withTimeout(
      new Promise<number>((resolve) => {
        provider.on('sync', (synced: boolean) => {
          if (synced) resolve(performance.now() - t0);
        });
      }),
      SYNC_TIMEOUT_MS,
      `${server.mode}: sync van ${room}`,
    );
    return { ms: elapsed, length: doc.getText(TEXT_FIELD).length, close };
  } catch (e) {
    close();
    throw e;
  }
}

interface ProbeLoad {
  sqlMs: number;
  applyMs: number;
  encodeMs: number;
  updates: number;
  snapshotBytes: number;
}

interface RoomState {
  loaded: boolean;
  storedBodies: number;
  snapshotBytes: number;
}

export interface ColdResult {
  updates: number;
  historyBytes: number;
  textLength: number;
  seedMs: number;
  before: number[];
  after: number[];
  warm: number[];
  reference: number[];
  probeBefore: ProbeLoad;
  probeAfter: ProbeLoad;
  snapshotBytes: number;
}

/** The server-side split of a load, three times (read-only); the median by total time. */
async function probeLoad(server: ServerChild, room: string): Promise<ProbeLoad> {
  const runs: ProbeLoad[] = [];
  for (let i = 0; i < 3; i++) runs.push(await server.call<ProbeLoad>({ cmd: 'probeLoad', room }));
  runs.sort((a, b) => a.sqlMs + a.applyMs - (b.sqlMs + b.applyMs));
  return runs[1]!;
}

async function waitUnloaded(server: ServerChild, room: string): Promise<RoomState> {
  const until = performance.now() + 10_000;
  for (;;) {
    const s = await server.call<RoomState>({ cmd: 'roomState', room });
    if (!s.loaded && s.snapshotBytes > 0) return s;
    if (performance.now() > until) throw new Error(`kamer ${room} werd niet ontladen/gecompacteerd: ${JSON.stringify(s)}`);
    await sleep(20);
  }
}

async function benchCold(ours: ServerChild, ref: ServerChild, log: (l: string) => void): Promise<ColdResult> {
  const { rooms: n, updates } = COLLAB.cold;
  const seed = 100;
  const setup = await ours.call<{ caseIds: string[]; emails: string[] }>({ cmd: 'setupCases', count: n, users: 1 });
  const [cookie] = await login(ours, setup.emails);
  const rooms = setup.caseIds;
  const seeded = await ours.call<{ ms: number; bytes: number }>({ cmd: 'seedHistory', rooms, updates, seed });
  const expectLength = rooms.map((_, i) => makeHistory(updates, seed + i).length);
  log(`  ${n} kamers × ${updates} updates (${fmtBytes(seeded.bytes / n)} per kamer) in SQLite gezet in ${ms(seeded.ms)} ms; geen enkele kamer geladen`);
  const probeBefore = await probeLoad(ours, rooms[0]!);

  const check = (room: number, c: Connected, what: string) => {
    if (c.length !== expectLength[room]) throw new Error(`${what}: tekstlengte ${c.length}, verwacht ${expectLength[room]}`);
  };
  const before: number[] = [];
  for (const [i, room] of rooms.entries()) {
    const c = await providerSync(ours, room, cookie);
    check(i, c, 'koud laden vóór compactie');
    before.push(c.ms);
    c.close();
  }
  let snapshotBytes = 0;
  for (const room of rooms) snapshotBytes = (await waitUnloaded(ours, room)).snapshotBytes;
  const probeAfter = await probeLoad(ours, rooms[0]!);
  const after: number[] = [];
  const warm: number[] = [];
  for (const [i, room] of rooms.entries()) {
    const a = await providerSync(ours, room, cookie);
    check(i, a, 'koud laden na compactie');
    const b = await providerSync(ours, room, cookie);
    check(i, b, 'warm laden');
    after.push(a.ms);
    warm.push(b.ms);
    a.close();
    b.close();
  }
  log(`  ours: koud vóór compactie ${before.map(ms).join(', ')} ms; na compactie ${after.map(ms).join(', ')} ms; warm (kamer al geladen) ${warm.map(ms).join(', ')} ms`);

  const refRooms = rooms.map((_, i) => `cold-${i}`);
  await ref.call({ cmd: 'seedHistory', rooms: refRooms, updates, seed });
  const reference: number[] = [];
  for (const [i, room] of refRooms.entries()) {
    const c = await providerSync(ref, room, undefined);
    check(i, c, 'referentie');
    reference.push(c.ms);
    c.close();
  }
  log(`  referentie (document al in het geheugen, eerste verbinding): ${reference.map(ms).join(', ')} ms`);
  return { updates, historyBytes: seeded.bytes / n, textLength: expectLength[0] ?? 0, seedMs: seeded.ms, before, after, warm, reference, probeBefore, probeAfter, snapshotBytes };
}

// ------------------------------------------------------------------ memory per idle room

export interface MemoryResult {
  rooms: number;
  /** Bytes per room: loaded without a client, and loaded with one idle (synced) client. */
  ours: { roomHeap: number; roomRss: number; clientHeap: number; clientRss: number; loaded: number };
  reference: { roomHeap: number; roomRss: number; clientHeap: number; clientRss: number; loaded: number };
}

async function memoryOf(mode: Mode, log: (l: string) => void): Promise<MemoryResult['ours']> {
  const { rooms: n, updates, warmupRooms } = COLLAB.memory;
  const server = await ServerChild.start(mode);
  const opened: RawClient[] = [];
  try {
    let rooms: string[];
    let cookie: string | undefined;
    if (mode === 'ours') {
      const setup = await server.call<{ caseIds: string[]; emails: string[] }>({ cmd: 'setupCases', count: n + warmupRooms, users: 1 });
      [cookie] = await login(server, setup.emails);
      rooms = setup.caseIds;
      await server.call({ cmd: 'seedHistory', rooms, updates, seed: 500 });
    } else {
      rooms = Array.from({ length: n + warmupRooms }, (_, i) => `mem-${i}`);
    }
    const warmRooms = rooms.slice(0, warmupRooms);
    const measured = rooms.slice(warmupRooms);
    const spec = (room: string): ClientSpec => ({ url: `${server.wsBase}/${room}`, cookie });
    // Warm-up: the same steps on a few rooms first, so compiled code and caches are not counted.
    await server.call({ cmd: 'loadRooms', rooms: warmRooms, updates, seed: 500 });
    await connectAll(warmRooms.map(spec), opened);
    const m0 = await server.call<MemorySample>({ cmd: 'memory' });
    const loaded = await server.call<number>({ cmd: 'loadRooms', rooms: measured, updates, seed: 500 + warmupRooms });
    const m1 = await server.call<MemorySample>({ cmd: 'memory' });
    await connectAll(measured.map(spec), opened);
    await sleep(200);
    const m2 = await server.call<MemorySample>({ cmd: 'memory' });
    const r = {
      roomHeap: (m1.heapUsed - m0.heapUsed) / n,
      roomRss: (m1.rss - m0.rss) / n,
      clientHeap: (m2.heapUsed - m0.heapUsed) / n,
      clientRss: (m2.rss - m0.rss) / n,
      loaded,
    };
    log(
      `  ${mode}: heap ${fmtBytes(m0.heapUsed)} → ${fmtBytes(m1.heapUsed)} (${n} kamers geladen) → ${fmtBytes(m2.heapUsed)} (+1 client per kamer); ` +
        `rss ${fmtBytes(m0.rss)} → ${fmtBytes(m1.rss)} → ${fmtBytes(m2.rss)}; kamers in geheugen: ${loaded}`,
    );
    return r;
  } finally {
    for (const c of opened) c.close();
    await server.stop();
  }
}

// ------------------------------------------------------------------ the whole part

export interface CollabResult {
  /**
   * ours: the product default (SQLite, synchronous=NORMAL); oursFull: the same with the opt-in
   * synchronous=FULL; postgres: the product on PostgreSQL (when a server was given).
   */
  single: { ours: Fanout; reference: Fanout; oursFull: Fanout; postgres?: Fanout };
  /** referenceAgain: b on the reference once more, right after b on PostgreSQL, to show drift of the machine's load. */
  load: { ours: Fanout; reference: Fanout; oursFull: Fanout; postgres?: Fanout; referenceAgain?: Fanout };
  cold: ColdResult;
  memory: MemoryResult;
  serverOutput: string;
  totalMs: number;
}

/**
 * `postgres`: runs a and b on PostgreSQL too; it gets a fresh migrated database (withPostgresDatabase)
 * and gives it back when done.
 */
export async function benchCollab(opts: {
  log: (line: string) => void;
  postgres?: <T>(fn: (url: string) => Promise<T>) => Promise<T>;
}): Promise<CollabResult> {
  const { log } = opts;
  const started = performance.now();
  const servers: ServerChild[] = [];
  try {
    log(`  belasting van de machine vooraf (loadavg 1/5/15 min): ${loadavg().map((x) => x.toFixed(2)).join(' / ')} op ${cpus().length} cores`);
    log('  servers starten (child processes: node --expose-gc --import tsx tests/bench/collab-server.ts ours|reference) …');
    const [ours, ref] = await Promise.all([ServerChild.start('ours'), ServerChild.start('reference')]);
    servers.push(ours, ref);
    log(`  ours op ${ours.wsBase}/<casus-id> (SQLite synchronous=${await syncMode(ours)}, de standaard van het product); referentie op ${ref.wsBase}/<naam>`);

    const users = Math.max(COLLAB.single.clients, COLLAB.load.clients);
    const singleCase = await ours.call<{ caseIds: string[]; emails: string[] }>({ cmd: 'setupCases', count: 1, users });
    const cookies = await login(ours, singleCase.emails);
    log(`  ${cookies.length} bench-gebruikers ingelogd via POST /api/auth/login; elke client stuurt zijn sessiecookie mee bij de upgrade`);

    const s = COLLAB.single;
    log(`\n  a. 1 kamer × ${s.clients} clients, 1 typist: ${s.warmupSends} + ${s.sends} tekens, één per ${s.intervalMs} ms …`);
    const singleOurs = await runFanout(ours, OURS, singleCase.caseIds, cookies, s);
    log(logLine(OURS, singleOurs));
    const singleRef = await runFanout(ref, REF, ['single'], [undefined], s);
    log(logLine(REF, singleRef));
    // The same once more with the opt-in synchronous=FULL (SQLITE_SYNCHRONOUS=FULL: every commit
    // also survives a power cut, at the cost of an fsync per update), on the running server's handle.
    const singleFullCase = await ours.call<{ caseIds: string[] }>({ cmd: 'setupCases', count: 1, users });
    const singleFull = await withSync(ours, 'FULL', () => runFanout(ours, OURS_FULL, singleFullCase.caseIds, cookies, s));
    log(logLine(OURS_FULL, singleFull));

    const l = COLLAB.load;
    const perRoom = (1000 / l.intervalMs) * l.typists;
    log(
      `\n  b. ${l.rooms} kamers × ${l.clients} clients (${l.rooms * l.clients} verbindingen), ${l.typists} typisten per kamer, ` +
        `samen ${perRoom} updates/s per kamer (${perRoom * l.rooms}/s totaal); ${l.warmupSends} + ${l.sends} tekens per typist …`,
    );
    const loadCases = await ours.call<{ caseIds: string[] }>({ cmd: 'setupCases', count: l.rooms, users });
    const loadOurs = await runFanout(ours, OURS, loadCases.caseIds, cookies, l);
    log(logLine(OURS, loadOurs));
    const refRooms = Array.from({ length: l.rooms }, (_, i) => `load-${i}`);
    const loadRef = await runFanout(ref, REF, refRooms, [undefined], l);
    log(logLine(REF, loadRef));
    const fullCases = await ours.call<{ caseIds: string[] }>({ cmd: 'setupCases', count: l.rooms, users });
    const loadFull = await withSync(ours, 'FULL', () => runFanout(ours, OURS_FULL, fullCases.caseIds, cookies, l));
    log(logLine(OURS_FULL, loadFull));
    log(`    (daarna weer synchronous=${await syncMode(ours)})`);

    let pgSingle: Fanout | undefined;
    let pgLoad: Fanout | undefined;
    let refAgain: Fanout | undefined;
    if (opts.postgres) {
      // The SQLite server stays up (idle) so a and b on PostgreSQL meet the same machine; its
      // rooms are unloaded by now (grace 100 ms).
      log(`\n  a + b op PostgreSQL (eigen serverproces, verse gemigreerde database, zelfde clients en referentie) …`);
      [pgSingle, pgLoad, refAgain] = await opts.postgres(async (url) => {
        const pgServer = await ServerChild.start('ours', url);
        servers.push(pgServer);
        try {
          const pgSingleCase = await pgServer.call<{ caseIds: string[]; emails: string[] }>({ cmd: 'setupCases', count: 1, users });
          const pgCookies = await login(pgServer, pgSingleCase.emails);
          log(`  ${OURS_PG} op ${pgServer.wsBase}/<casus-id>`);
          const a = await runFanout(pgServer, OURS_PG, pgSingleCase.caseIds, pgCookies, s);
          log(logLine(OURS_PG, a));
          const pgLoadCases = await pgServer.call<{ caseIds: string[] }>({ cmd: 'setupCases', count: l.rooms, users });
          const b = await runFanout(pgServer, OURS_PG, pgLoadCases.caseIds, pgCookies, l);
          log(logLine(OURS_PG, b));
          // The same workload on the reference right after, so drift of the machine's load shows.
          const bRef = await runFanout(ref, REF, refRooms.map((r) => `${r}-pg`), [undefined], l);
          log(logLine(`${REF} (opnieuw)`, bRef));
          return [a, b, bRef] as const;
        } finally {
          servers.splice(servers.indexOf(pgServer), 1);
          await pgServer.stop();
        }
      });
    }

    log(`\n  c. koud laden van een kamer met ${COLLAB.cold.updates} opgeslagen updates (y-websocket WebsocketProvider tot 'sync') …`);
    const cold = await benchCold(ours, ref, log);
    const serverOutput = [ours, ref].map((x) => (x.output.trim() ? `[${x.mode}]\n${x.output.trim()}` : '')).filter(Boolean).join('\n');
    await Promise.all(servers.map((x) => x.stop()));
    servers.length = 0;

    log(`\n  d. geheugen per inactieve kamer: ${COLLAB.memory.rooms} kamers met elk ${COLLAB.memory.updates} updates, verse processen, na global.gc() …`);
    const memOurs = await memoryOf('ours', log);
    const memRef = await memoryOf('reference', log);

    return {
      single: { ours: singleOurs, reference: singleRef, oursFull: singleFull, postgres: pgSingle },
      load: { ours: loadOurs, reference: loadRef, oursFull: loadFull, postgres: pgLoad, referenceAgain: refAgain },
      cold,
      memory: { rooms: COLLAB.memory.rooms, ours: memOurs, reference: memRef },
      serverOutput,
      totalMs: performance.now() - started,
    };
  } finally {
    await Promise.all(servers.map((x) => x.stop()));
  }
}

// ------------------------------------------------------------------ summary

const yes = (ok: boolean) => (ok ? 'ja' : 'NEE');

export function printCollabSummary(r: CollabResult): void {
  const { single, load, cold, memory } = r;
  const rows: string[][] = [];
  const within = (a: number, b: number) => yes(a <= 1.5 * b);
  const lat = (metric: string, a: number, b: number, goal: string, met: string) => rows.push([metric, ms(a), ms(b), ratio(a, b), goal, met]);
  const s1 = `1×${single.ours.clientsPerRoom}`;
  const l = `${load.ours.rooms}×${load.ours.clientsPerRoom}`;
  const sa = single.ours.summary;
  const sr = single.reference.summary;
  const sf = single.oursFull.summary;
  lat(`a. fan-out ${s1}, p50 (ms)`, sa.p50, sr.p50, '≤ 1,5× ref.', within(sa.p50, sr.p50));
  lat(`a. fan-out ${s1}, p99 (ms)`, sa.p99, sr.p99, '≤ 1,5× ref.', within(sa.p99, sr.p99));
  lat(`a. fan-out ${s1}, max (ms)`, sa.max, sr.max, '–', '–');
  lat(`a. idem, ours met synchronous=FULL (optie), p50 (ms)`, sf.p50, sr.p50, '≤ 1,5× ref.', within(sf.p50, sr.p50));
  lat(`a. idem, ours met synchronous=FULL (optie), p99 (ms)`, sf.p99, sr.p99, '≤ 1,5× ref.', within(sf.p99, sr.p99));
  if (single.postgres) {
    const sp = single.postgres.summary;
    lat(`a. idem, ours op PostgreSQL, p50 (ms)`, sp.p50, sr.p50, '≤ 1,5× ref.', within(sp.p50, sr.p50));
    lat(`a. idem, ours op PostgreSQL, p99 (ms)`, sp.p99, sr.p99, '≤ 1,5× ref.', within(sp.p99, sr.p99));
  }
  const la = load.ours.summary;
  const lr = load.reference.summary;
  const lf = load.oursFull.summary;
  lat(`b. fan-out ${l}, p50 (ms)`, la.p50, lr.p50, '≤ 1,5× ref.', within(la.p50, lr.p50));
  lat(`b. fan-out ${l}, p95 (ms)`, la.p95, lr.p95, '–', '–');
  lat(`b. fan-out ${l}, p99 (ms)`, la.p99, lr.p99, '< 100 ms; ≤ 1,5× ref.', `${yes(la.p99 < 100)}; ${within(la.p99, lr.p99)}`);
  lat(`b. fan-out ${l}, max (ms)`, la.max, lr.max, '–', '–');
  lat(`b. idem, ours met synchronous=FULL (optie), p50 (ms)`, lf.p50, lr.p50, '≤ 1,5× ref.', within(lf.p50, lr.p50));
  lat(`b. idem, ours met synchronous=FULL (optie), p99 (ms)`, lf.p99, lr.p99, '< 100 ms; ≤ 1,5× ref.', `${yes(lf.p99 < 100)}; ${within(lf.p99, lr.p99)}`);
  if (load.postgres) {
    const lp = load.postgres.summary;
    lat(`b. idem, ours op PostgreSQL, p50 (ms)`, lp.p50, lr.p50, '≤ 1,5× ref.', within(lp.p50, lr.p50));
    lat(`b. idem, ours op PostgreSQL, p95 (ms)`, lp.p95, lr.p95, '–', '–');
    lat(`b. idem, ours op PostgreSQL, p99 (ms)`, lp.p99, lr.p99, '< 100 ms; ≤ 1,5× ref.', `${yes(lp.p99 < 100)}; ${within(lp.p99, lr.p99)}`);
  }
  if (load.referenceAgain) {
    const ra = load.referenceAgain.summary;
    lat(`b. referentie opnieuw, direct na PostgreSQL, p50 (ms; ref. = eerste meting)`, ra.p50, lr.p50, '–', '–');
    lat(`b. referentie opnieuw, direct na PostgreSQL, p99 (ms; ref. = eerste meting)`, ra.p99, lr.p99, '–', '–');
  }
  rows.push([
    `b. doorvoer ${l}: updates in / afgeleverd per s`,
    `${load.ours.sendRate.toFixed(0)} / ${load.ours.deliveryRate.toFixed(0)}`,
    `${load.reference.sendRate.toFixed(0)} / ${load.reference.deliveryRate.toFixed(0)}`,
    ratio(load.ours.deliveryRate, load.reference.deliveryRate),
    'alles afgeleverd',
    yes([load.ours, load.reference, load.oursFull, load.postgres, load.referenceAgain].every((f) => !f || f.received === f.expected)),
  ]);
  const cpu = (f: Fanout) => (f.server.cpuMs / f.server.wallMs) * 100;
  rows.push([`b. server-cpu tijdens ${l} (% van 1 core)`, pct(cpu(load.ours)), pct(cpu(load.reference)), ratio(cpu(load.ours), cpu(load.reference)), '–', '–']);
  if (load.postgres) rows.push([`b. idem, ours op PostgreSQL (zonder de PostgreSQL-server zelf)`, pct(cpu(load.postgres)), pct(cpu(load.reference)), ratio(cpu(load.postgres), cpu(load.reference)), '–', '–']);
  const h = (f: Fanout) => f.server.handling;
  lat(`b. server: afhandeling per bericht, p50 (ms)`, h(load.ours).p50, h(load.reference).p50, '–', '–');
  lat(`b. server: afhandeling per bericht, p99 (ms)`, h(load.ours).p99, h(load.reference).p99, '–', '–');
  if (load.postgres) {
    lat(`b. idem, ours op PostgreSQL, p50 (ms)`, h(load.postgres).p50, h(load.reference).p50, '–', '–');
    lat(`b. idem, ours op PostgreSQL, p99 (ms)`, h(load.postgres).p99, h(load.reference).p99, '–', '–');
  }
  const refCold = median(cold.reference);
  rows.push([`koud laden, ${cold.updates} updates, vóór compactie (mediaan ms)`, ms(median(cold.before)), `${ms(refCold)} *`, ratio(median(cold.before), refCold), '–', '–']);
  rows.push([`koud laden, ${cold.updates} updates, na compactie (mediaan ms)`, ms(median(cold.after)), `${ms(refCold)} *`, ratio(median(cold.after), refCold), '< 100 ms', yes(median(cold.after) < 100)]);
  rows.push([`warm laden (kamer al in geheugen) (mediaan ms)`, ms(median(cold.warm)), `${ms(refCold)} *`, ratio(median(cold.warm), refCold), '–', '–']);
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  rows.push([`geheugen per inactieve kamer, zonder client (heap / rss grof)`, `${kib(memory.ours.roomHeap)} / ${kib(memory.ours.roomRss)}`, `${kib(memory.reference.roomHeap)} / ${kib(memory.reference.roomRss)}`, ratio(memory.ours.roomHeap, memory.reference.roomHeap), '–', '–']);
  rows.push([`geheugen per inactieve kamer, met 1 client (heap / rss grof)`, `${kib(memory.ours.clientHeap)} / ${kib(memory.ours.clientRss)}`, `${kib(memory.reference.clientHeap)} / ${kib(memory.reference.clientRss)}`, ratio(memory.ours.clientHeap, memory.reference.clientHeap), '–', '–']);

  console.log(
    `\nSamenwerking (WS /collab): ours = het product (startServer, SQLite, synchronous=NORMAL zoals standaard, tenzij vermeld), referentie = kale @y/websocket-server ` +
      `(setupWSConnection, alleen geheugen, geen authenticatie, geen opslag). Beide als eigen proces; de clients draaien in het bench-proces.` +
      (load.postgres
        ? ` "ours op PostgreSQL" = hetzelfde product met DATABASE_URL (verse gemigreerde database); bij die runs telt de PostgreSQL-server zelf onder "andere processen", ` +
          `en "server-cpu" is alleen het Node-proces. Koud laden en geheugen (c, d) alleen op SQLite.`
        : '') +
      '\n',
  );
  console.log(table(['Meting', 'Ours', 'Referentie', 'Ours ÷ ref.', 'Doel', 'Gehaald?'], rows));
  const sh = (f: Fanout) => `${f.rooms} kamer(s) × ${f.clientsPerRoom} clients, ${f.typistsPerRoom} typist(en) per kamer, ${f.measuredSends} gemeten updates → ${f.expected} afleveringen`;
  console.log(
    `\nFan-out = van de lokale bewerking van de typist (één teken in een Y.Text, één update) tot de update bij een andere client ` +
      `in diens Y.Doc is toegepast; elke ontvanger telt apart. Ruwe y-protocols-clients (ws, echte Y.Doc, geen awareness). ` +
      `Opwarmen telt niet mee.\n  a: ${sh(single.ours)}.\n  b: ${sh(load.ours)}.\n  synchronous=FULL (optie, SQLITE_SYNCHRONOUS=FULL): zelfde run op eigen casussen, ` +
      `pragma op de databasehandle van de draaiende server (daarna terug naar NORMAL).\n` +
      `  Server-kant, in het serverproces gemeten: "afhandeling" = de 'message'-listeners van de socket per binnenkomend bericht ` +
      `(decoderen, toepassen, opslaan, doorsturen); INSERT = elke uitvoering van de insert in collab_updates inclusief commit (de fsync per commit alleen bij FULL; bij NORMAL ` +
      `in WAL-modus pas bij een checkpoint), gemeten met een wrapper om run/get/all van better-sqlite3's Statement, dus ook voor het eenmalig voorbereide statement. ` +
      `De tellers lopen precies over de gemeten updates (gereset nadat alle opwarm-updates zijn opgeslagen en doorgestuurd).`,
  );
  const p = (x: ProbeLoad) => `SQL ${ms(x.sqlMs)} ms + toepassen ${ms(x.applyMs)} ms (${x.updates} updates${x.snapshotBytes ? ` + snapshot ${fmtBytes(x.snapshotBytes)}` : ''})`;
  console.log(
    `\nKoud laden = van new WebsocketProvider(…) (stock y-websocket, disableBc, ws met sessiecookie) tot het 'sync'-event, inclusief ` +
      `upgrade, sessie- en lidmaatschapscontrole en auditregel; ${cold.before.length} kamers van ${fmtBytes(cold.historyBytes)} aan updates ` +
      `(${cold.textLength} tekens tekst), elk één keer koud vóór en één keer koud na compactie (compactie bij ontladen, 100 ms na de laatste client).\n` +
      `  Uitsplitsing in de server: vóór compactie ${p(cold.probeBefore)}; na compactie ${p(cold.probeAfter)}.\n` +
      `  * Referentie: @y/websocket-server bewaart niets (zonder YPERSISTENCE); het getal is de eerste verbinding met een document dat ` +
      `al met dezelfde ${cold.updates} updates in het geheugen staat, dus geen koude start. Vergelijk het met "warm laden".`,
  );
  console.log(
    `\nGeheugen = verschil in heapUsed en rss (na global.gc()) van het serverproces, gedeeld door ${memory.rooms}: eerst de kamers geladen zonder client ` +
      `(ours: RoomManager.get uit SQLite; referentie: getYDoc + dezelfde ${COLLAB.memory.updates} updates), daarna met één gesynchroniseerde, verder stille client per kamer. ` +
      `Verse processen; ${COLLAB.memory.warmupRooms} kamers vooraf opgewarmd. ` +
      `De heap is de maat; rss groeit in blokken (V8 reserveert heap-pagina's per stuk), dus rss per kamer is grof.`,
  );
  // Not the PostgreSQL runs: there the database server's own backends count as "other processes".
  const busy = [single.ours, single.reference, single.oursFull, load.ours, load.reference, load.oursFull, load.referenceAgain]
    .filter((f): f is Fanout => f !== undefined)
    .map((f) => f.otherCpuPct ?? 0);
  const worst = Math.max(...busy);
  if (worst > 25) {
    console.log(
      `\nLet op: andere processen op deze machine gebruikten tijdens de fan-outmetingen tot ${worst.toFixed(0)}% van één core ` +
        `(per run: ${busy.map((b) => `${b.toFixed(0)}%`).join(', ')}; zie de regels "andere processen" hierboven). Op ${cpus().length} cores ` +
        `verdringt dat server en clients: de staarten (p95/p99/max) zijn dan vooral ruis. Herhaal op een stille machine voor conclusies.`,
    );
  }
  if (r.serverOutput) console.log(`\nUitvoer van de servers (verwacht: leeg):\n${r.serverOutput}`);
}
