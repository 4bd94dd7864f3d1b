// Room names on the collaboration socket: `<caseId>` for the household plan that every
// member sees, `<caseId>:intern` for notes that must stay inside the municipality.

export const ROOM_KINDS = ['plan', 'intern'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;
export const MAX_ROOM_NAME_LENGTH = 80;

export interface RoomName {
  caseId: string;
  kind: RoomKind;
}

export function parseRoomName(name: string): RoomName | null {
  if (name.length > MAX_ROOM_NAME_LENGTH) return null;
  const [caseId, suffix, ...rest] = name.split(':');
  if (rest.length > 0 || !caseId || !CASE_ID.test(caseId)) return null;
  if (suffix === undefined) return { caseId, kind: 'plan' };
  if (suffix === 'intern') return { caseId, kind: 'intern' };
  return null;
}

export function roomName(caseId: string, kind: RoomKind): string {
  return kind === 'plan' ? caseId : `${caseId}:intern`;
}

/** WebSocket close codes, shared so client and server name them the same way. */
export const CLOSE_CODES = {
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  roomUnavailable: 4503,
  /** Rights changed (access level, case status): the client reconnects and re-reads the case. */
  rightsChanged: 4509,
  /** The client's document holds edits the server refused earlier: it must start a fresh copy. */
  diverged: 4409,
  serverShutdown: 1001,
} as const;
