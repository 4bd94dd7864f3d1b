// WS /collab/<room>: the standard y-websocket protocol behind our own front door. The HTTP
// upgrade is where we authenticate (session cookie), authorise (membership, room kind) and
// refuse; once accepted, a connection can only ever affect its own room.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseCookies } from 'hono/utils/cookie';
import { WebSocket, WebSocketServer } from 'ws';
import { recordAudit } from '../../db/queries/audit';
import { findUserById } from '../../db/queries/users';
import { caseIdOf, CLOSE_CODES, parseRoomName, type RoomName } from '../../shared/plan/rooms';
import { SESSION_COOKIE } from '../auth/sessions';
import type { Services } from '../context';
import { guarded, logFailure } from './guard';
import { MAX_BUFFERED_BYTES, RATE, TokenBucket } from './limits';
import { type Access, type AccessResult, type RoomAccessRegistry, roomAccess } from './room-access';
import { BadMessage, MESSAGE_SYNC, type Peer, Refusal, type Room } from './room';
import { RoomManager } from './rooms';
import type { CollabServer } from './collab-server';

export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** How long a graceful stop waits for clients to answer the close frame before cutting them off. */
const CLOSE_WAIT_MS = 2_000;

type RefusalStatus = 400 | 401 | 403 | 404 | 503;
const STATUS_TEXT: Record<RefusalStatus, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

function refuse(socket: Duplex, status: RefusalStatus, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: `WS_${status}`, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

interface Connection {
  room: Room;
  userId: string;
  sessionId: string;
  ws: WebSocket;
  /** Settles when the socket has closed and the room has let go of it. */
  gone: Promise<void>;
}


export async function attachCollab(server: Server, services: Services, roomKinds: RoomAccessRegistry): Promise<CollabServer> {
  const { db, config } = services;
  const rooms = new RoomManager(db, {
    unloadGraceMs: config.COLLAB_UNLOAD_GRACE_MS,
    compactEvery: config.COLLAB_COMPACT_EVERY,
    // The plan's history ("wie heeft het plan gewijzigd") is read from what is stored here.
    onStored: ({ parsed }, userId) => {
      if (parsed.kind === 'plan' || parsed.kind === 'intern') services.events.emit({ type: 'plan.edited', caseId: parsed.caseId, internal: parsed.kind === 'intern' }, { userId });
    },
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const peers = new Map<Peer, Connection>();
  let stopping = false;
  let closed: Promise<void> | undefined;

  const accessFor = async (userId: string, room: RoomName): Promise<AccessResult> => roomAccess(roomKinds, db, await findUserById(db, userId), room);

  async function authenticate(req: IncomingMessage): Promise<{ userId: string; sessionId: string; room: RoomName; name: string } | { status: 400 | 401 | 403 | 404; message: string }> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/collab/')) return { status: 404, message: 'Onbekend adres.' };
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/collab/'.length));
    } catch {
      return { status: 400, message: 'Ongeldige kamernaam.' };
    }
    const room = parseRoomName(name);
    if (!room) return { status: 400, message: 'Ongeldige kamernaam.' };
    const origin = req.headers.origin;
    if (origin) {
      const expected = config.PUBLIC_ORIGIN ? new URL(config.PUBLIC_ORIGIN).origin : `http://${req.headers.host}`;
      if (origin !== expected && origin !== expected.replace(/^http:/, 'https:')) return { status: 403, message: 'Verbinding van een andere website geweigerd.' };
    }
    const token = req.headers.cookie ? parseCookies(req.headers.cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
    const auth = token ? await services.sessions.resolve(token) : null;
    if (!auth) return { status: 401, message: 'Niet ingelogd.' };
    if (auth.user.mustChangePassword) return { status: 403, message: 'Kies eerst een nieuw wachtwoord.' };
    if (auth.user.functiePending) return { status: 403, message: 'Uw functie is nog niet ingesteld.' };
    return { userId: auth.user.id, sessionId: auth.sessionId, room, name };
  }

  server.on('upgrade', guarded('collab: upgrade', async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      if (stopping) return refuse(socket, 503, 'De server stopt; probeer het zo opnieuw.');
      const who = await authenticate(req);
      if ('status' in who) return refuse(socket, who.status, who.message);
      const result = await accessFor(who.userId, who.room);
      if (!result.ok) return refuse(socket, result.status, result.message);
      const ip = req.socket.remoteAddress ?? 'onbekend';
      // Loaded, and the join on the record, before the socket opens: from then on messages
      // arrive, and each must find the room ready to take it.
      const room = await rooms.get(who.name);
      await recordAudit(db, { action: 'collab.join', actorUserId: who.userId, caseId: caseIdOf(who.room), ip, detail: { room: who.room.kind, canWrite: result.access.canWrite } });
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          if (stopping) return ws.close(CLOSE_CODES.serverShutdown, 'server stopt');
          connect(ws, room, who.sessionId, result.access, ip);
        } catch (error) {
          logFailure(`collab: verbinden met ${who.name} mislukt`, error);
          ws.close(1011, 'interne fout');
        }
      });
    } catch (error) {
      logFailure('collab: upgrade mislukt', error);
      refuse(socket, 503, 'De samenwerkingsserver is even niet beschikbaar.');
    }
  }));

  function connect(ws: WebSocket, room: Room, sessionId: string, access: Access, ip: string): void {
    const roomName = room.name;
    /** Set once the server has decided to close: nothing more from this socket is handled. */
    let closing = false;
    const closeWith = (code: number, reason: string) => {
      closing = true;
      ws.close(code, reason);
    };
    /**
     * Closes for breaking a rule, with one audit row for the connection (never one per message).
     * Nothing more from the socket is handled from now on; the socket closes once the row is
     * stored, so whoever sees the close can find the row.
     */
    const refuseWith = (refusal: Refusal, deferAudit = false) => {
      if (closing) return;
      if (!refusal.audit) return closeWith(refusal.code, refusal.reason);
      closing = true;
      const write = async () => {
        try {
          await recordAudit(db, {
            action: 'collab.refused',
            actorUserId: access.userId,
            caseId: caseIdOf(room.parsed),
            ip,
            detail: { room: room.parsed.kind, code: refusal.code, reason: refusal.reason, ...refusal.detail },
          });
        } finally {
          ws.close(refusal.code, refusal.reason);
        }
      };
      // From inside a relay the database may be mid-transaction: write the row just after.
      if (deferAudit) setImmediate(guarded('collab: auditregel weigering', write));
      else guarded('collab: auditregel weigering', write)();
    };

    const peer: Peer = {
      ...access,
      sessionId,
      send(message) {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          refuseWith(new Refusal(CLOSE_CODES.tooLarge, 'client leest niet bij', { buffered: ws.bufferedAmount }), true);
          return;
        }
        ws.send(message, (err) => {
          if (err) ws.terminate();
        });
      },
      close: closeWith,
    };
    let settle!: () => void;
    const gone = new Promise<void>((resolve) => (settle = resolve));
    peers.set(peer, { room, userId: access.userId, sessionId, ws, gone });
    room.join(peer);

    // Pings without a pong. A client is dead after two periods without one: a single late pong
    // (a busy browser tab, or a server whose timer ran before it read its sockets) is not death.
    let unanswered = 0;
    let activeSinceCheck = false;
    ws.on('pong', () => {
      unanswered = 0;
    });
    const ping = setInterval(
      guarded('collab: sessiecontrole', async () => {
        if (stopping || closing) return;
        if (unanswered >= 2) return ws.terminate();
        // The socket lives as long as the session behind it; typing counts as activity.
        if (!await services.sessions.keepAlive(sessionId, activeSinceCheck)) return closeWith(CLOSE_CODES.unauthorized, 'sessie verlopen');
        activeSinceCheck = false;
        unanswered += 1;
        ws.ping();
      }),
      config.COLLAB_PING_MS,
    );

    const messages = new TokenBucket(RATE.messages.burst, RATE.messages.perSecond);
    const bytesIn = new TokenBucket(RATE.bytes.burst, RATE.bytes.perSecond);
    ws.on(
      'message',
      guarded(`collab: bericht in ${roomName}`, (data: WebSocket.RawData, isBinary: boolean) => {
        if (closing) return;
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        if (!messages.take() || !bytesIn.take(bytes.byteLength)) {
          refuseWith(new Refusal(CLOSE_CODES.rateLimited, 'te veel berichten', { perSecond: RATE.messages.perSecond, bytesPerSecond: RATE.bytes.perSecond }));
          return;
        }
        if (!isBinary) return closeWith(CLOSE_CODES.badMessage, 'alleen binaire berichten');
        // Only editing counts as activity; presence heartbeats of an unattended tab do not.
        if (bytes[0] === MESSAGE_SYNC && bytes[1] !== 0) activeSinceCheck = true;
        room.receive(peer, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((error: unknown) => {
          if (closing) return;
          if (error instanceof BadMessage) closeWith(CLOSE_CODES.badMessage, error.message.slice(0, 120));
          else if (error instanceof Refusal) refuseWith(error);
          else {
            logFailure(`collab: fout in ${roomName}`, error);
            closeWith(1011, 'interne fout');
          }
        });
      }),
    );
    // ws reports oversized frames (closing with 1009) and protocol errors here; never let them escape.
    ws.on('error', () => undefined);
    ws.on(
      'close',
      guarded(`collab: sluiten in ${roomName}`, () => {
        clearInterval(ping);
        peers.delete(peer);
        try {
          room.leave(peer);
          rooms.released(room);
        } finally {
          settle();
        }
      }),
    );
  }

  async function revalidateRooms(match: (room: RoomName) => boolean): Promise<void> {
    for (const [peer, info] of [...peers]) {
      if (!match(info.room.parsed)) continue;
      const result = await accessFor(info.userId, info.room.parsed);
      // The socket may have closed while the database answered.
      if (!peers.has(peer)) continue;
      if (!result.ok) peer.close(CLOSE_CODES.forbidden, 'geen toegang meer');
      else if (result.access.chairs !== peer.chairs && result.access.canWrite === peer.canWrite) peer.chairs = result.access.chairs;
      // Closing (instead of silently flipping canWrite) makes the client reconnect and re-read
      // its rights, so nobody keeps typing into an editor whose edits are dropped.
      else if (result.access.canWrite !== peer.canWrite) {
        peer.canWrite = result.access.canWrite;
        peer.close(CLOSE_CODES.rightsChanged, 'rechten gewijzigd');
      }
    }
  }

  return {
    rooms,
    revalidateCase: (caseId) => revalidateRooms((room) => caseIdOf(room) === caseId),
    revalidateRooms,
    disconnect({ sessionIds = [], userId }) {
      for (const [peer, info] of peers) {
        if (info.userId === userId || sessionIds.includes(info.sessionId)) peer.close(CLOSE_CODES.unauthorized, 'sessie beëindigd');
      }
    },
    close() {
      closed ??= (async () => {
        stopping = true;
        const gone = [...peers.values()].map((c) => c.gone);
        for (const ws of wss.clients) ws.close(CLOSE_CODES.serverShutdown, 'server stopt');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all(gone), new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
        // Whoever did not answer the close frame in time is cut off; its close handler still runs.
        for (const ws of wss.clients) ws.terminate();
        await Promise.race([Promise.all(gone), new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
        await rooms.closeAll();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closed;
    },
  };
}
