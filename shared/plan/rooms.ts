// Room names on the collaboration socket:
// - `<caseId>`: the household plan that every member sees;
// - `<caseId>:intern`: notes that must stay inside the municipality;
// - `<caseId>:overleg:<conferenceId>`: the live minutes of one case conference;
// - `intervisie:<sessionId>`: reflection notes on a pseudonymised copy. It names no case on
//   purpose: nothing in an intervision session may link back to the household.

export const ROOM_KINDS = ['plan', 'intern', 'overleg', 'intervisie'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export type CaseRoomKind = 'plan' | 'intern';

const ID = /^[A-Za-z0-9-]{1,64}$/;
export const MAX_ROOM_NAME_LENGTH = 140;

export type RoomName =
  | { kind: CaseRoomKind; caseId: string }
  | { kind: 'overleg'; caseId: string; conferenceId: string }
  | { kind: 'intervisie'; sessionId: string };

export function parseRoomName(name: string): RoomName | null {
  if (name.length > MAX_ROOM_NAME_LENGTH) return null;
  const parts = name.split(':');
  if (!parts.every((p) => ID.test(p))) return null;
  const [first, second, third, ...rest] = parts as [string, string | undefined, string | undefined, ...string[]];
  if (rest.length > 0) return null;
  if (first === 'intervisie') return second !== undefined && third === undefined ? { kind: 'intervisie', sessionId: second } : null;
  if (second === undefined) return { kind: 'plan', caseId: first };
  if (second === 'intern' && third === undefined) return { kind: 'intern', caseId: first };
  if (second === 'overleg' && third !== undefined) return { kind: 'overleg', caseId: first, conferenceId: third };
  return null;
}

export function roomName(caseId: string, kind: CaseRoomKind): string {
  return kind === 'plan' ? caseId : `${caseId}:intern`;
}

export const conferenceRoomName = (caseId: string, conferenceId: string) => `${caseId}:overleg:${conferenceId}`;
export const intervisionRoomName = (sessionId: string) => `intervisie:${sessionId}`;

/** The case a room belongs to; null for intervision rooms, which must not link back. */
export function caseIdOf(room: RoomName): string | null {
  return room.kind === 'intervisie' ? null : room.caseId;
}

/**
 * WebSocket close codes, shared so client and server name them the same way. The stock
 * y-websocket provider stops reconnecting on 4400-4499; everything else it retries.
 */
export const CLOSE_CODES = {
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  /** The client does not read what the server sends (its outgoing queue is full). */
  tooLarge: 4413,
  /** Rights changed (access level, case status): the client reconnects and re-reads the case. */
  rightsChanged: 4509,
  /** The client's document holds edits the server refused earlier: it must start a fresh copy. */
  diverged: 4409,
  /** An update under a Yjs client id that belongs to another session (or to the server itself). */
  foreignClient: 4410,
  /** Too many messages or bytes per second on one connection. */
  rateLimited: 4429,
  /** Too many Yjs client ids: in one update, for one session, or in the room. */
  tooManyClients: 4431,
  serverShutdown: 1001,
} as const;
