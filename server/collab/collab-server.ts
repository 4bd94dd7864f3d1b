// What the rest of the server may ask of the live side: its rooms, re-checking and closing
// connections, and a graceful stop. A type of its own, so that the services (server/context.ts)
// can name it without importing the socket server, which needs the services.
import type { RoomName } from '../../shared/plan/rooms';
import type { RoomManager } from './rooms';

export interface CollabServer {
  rooms: RoomManager;
  /** Re-checks every open connection of a case after its members or status changed. */
  revalidateCase(caseId: string): Promise<void>;
  /** Re-checks every open connection of the rooms that match (e.g. one conference, one intervision session). */
  revalidateRooms(match: (room: RoomName) => boolean): Promise<void>;
  /**
   * Closes the connections opened with these sessions (logout, password change) or by this
   * user (account deactivated, password reset): a socket never outlives the session behind it.
   */
  disconnect(which: { sessionIds?: string[]; userId?: string }): void;
  /**
   * Graceful stop: refuses new connections, closes every socket with 1001 (cutting off those
   * that do not answer in time), then flushes and unloads the rooms. Safe to call twice.
   */
  close(): Promise<void>;
}
