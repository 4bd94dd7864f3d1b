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
import { type Access, type AccessResult, roomAccess } from './room-access';
import { BadMessage, MESSAGE_SYNC, type Peer, type Room } from './room';
import { RoomManager } from './rooms';

export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** A client that does not read its messages is disconnected before it eats the server's memory. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

function refuse(socket: Duplex, status: 400 | 401 | 403 | 404, message: string): void {
  const body = JSON.stringify({ error: { code: `WS_${status}`, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface CollabServer {
  rooms: RoomManager;
  /** Re-checks every open connection of a case after its members or status changed. */
  revalidateCase(caseId: string): void;
  /** Re-checks every open connection of the rooms that match (e.g. one conference, one intervision session). */
  revalidateRooms(match: (room: RoomName) => boolean): void;
  /**
   * Closes the connections opened with these sessions (logout, password change) or by this
   * user (account deactivated, password reset): a socket never outlives the session behind it.
   */
  disconnect(which: { sessionIds?: string[]; userId?: string }): void;
  close(): void;
}

export function attachCollab(server: Server, services: Services): CollabServer {
  const { db, config } = services;
  const rooms = new RoomManager(db, { unloadGraceMs: config.COLLAB_UNLOAD_GRACE_MS, compactEvery: config.COLLAB_COMPACT_EVERY });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const peers = new Map<Peer, { room: Room; userId: string; sessionId: string; ws: WebSocket }>();

  const accessFor = (userId: string, room: RoomName): AccessResult => roomAccess(db, findUserById(db, userId), room);

  function authenticate(req: IncomingMessage): { userId: string; sessionId: string; room: RoomName; name: string } | { status: 400 | 401 | 403 | 404; message: string } {
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
    const auth = token ? services.sessions.resolve(token) : null;
    if (!auth) return { status: 401, message: 'Niet ingelogd.' };
    if (auth.user.mustChangePassword) return { status: 403, message: 'Kies eerst een nieuw wachtwoord.' };
    if (auth.user.functiePending) return { status: 403, message: 'Uw functie is nog niet ingesteld.' };
    return { userId: auth.user.id, sessionId: auth.sessionId, room, name };
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const who = authenticate(req);
    if ('status' in who) return refuse(socket, who.status, who.message);
    const result = accessFor(who.userId, who.room);
    if (!result.ok) return refuse(socket, result.status, result.message);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const ip = req.socket.remoteAddress ?? 'onbekend';
      recordAudit(db, { action: 'collab.join', actorUserId: who.userId, caseId: caseIdOf(who.room), ip, detail: { room: who.room.kind, canWrite: result.access.canWrite } });
      connect(ws, who.name, who.sessionId, result.access);
    });
  });

  function connect(ws: WebSocket, roomName: string, sessionId: string, access: Access): void {
    const room = rooms.get(roomName);
    const peer: Peer = {
      ...access,
      send(message) {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.close(CLOSE_CODES.tooLarge, 'client leest niet bij');
          return;
        }
        ws.send(message, (err) => {
          if (err) ws.terminate();
        });
      },
      close(code, reason) {
        ws.close(code, reason);
      },
    };
    peers.set(peer, { room, userId: access.userId, sessionId, ws });
    room.join(peer);

    let alive = true;
    let activeSinceCheck = false;
    ws.on('pong', () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      // The socket lives as long as the session behind it; typing counts as activity.
      if (!services.sessions.keepAlive(sessionId, activeSinceCheck)) return ws.close(CLOSE_CODES.unauthorized, 'sessie verlopen');
      activeSinceCheck = false;
      alive = false;
      ws.ping();
    }, config.COLLAB_PING_MS);

    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        ws.close(CLOSE_CODES.badMessage, 'alleen binaire berichten');
        return;
      }
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      // Only editing counts as activity; presence heartbeats of an unattended tab do not.
      if (bytes[0] === MESSAGE_SYNC && bytes[1] !== 0) activeSinceCheck = true;
      try {
        room.receive(peer, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      } catch (error) {
        if (error instanceof BadMessage) ws.close(CLOSE_CODES.badMessage, error.message.slice(0, 120));
        else {
          console.error(`[collab] fout in ${roomName}`, error);
          ws.close(1011, 'interne fout');
        }
      }
    });
    // ws reports oversized frames (closing with 1009) and protocol errors here; never let them escape.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearInterval(ping);
      peers.delete(peer);
      room.leave(peer);
      rooms.released(room);
    });
  }

  return {
    rooms,
    revalidateCase(caseId) {
      this.revalidateRooms((room) => caseIdOf(room) === caseId);
    },
    revalidateRooms(match) {
      for (const [peer, info] of peers) {
        if (!match(info.room.parsed)) continue;
        const result = accessFor(info.userId, info.room.parsed);
        if (!result.ok) peer.close(CLOSE_CODES.forbidden, 'geen toegang meer');
        // Closing (instead of silently flipping canWrite) makes the client reconnect and re-read
        // its rights, so nobody keeps typing into an editor whose edits are dropped.
        else if (result.access.canWrite !== peer.canWrite) {
          peer.canWrite = result.access.canWrite;
          peer.close(CLOSE_CODES.rightsChanged, 'rechten gewijzigd');
        }
      }
    },
    disconnect({ sessionIds = [], userId }) {
      for (const [peer, info] of peers) {
        if (info.userId === userId || sessionIds.includes(info.sessionId)) peer.close(CLOSE_CODES.unauthorized, 'sessie beëindigd');
      }
    },
    close() {
      rooms.closeAll();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
