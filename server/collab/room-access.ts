// Who may join which room, and whether they may write. The features own their rules: each
// room kind's access function lives with its feature (plan/room-access.ts,
// conference/room-access.ts, intervision/room-access.ts) and is registered when the server is
// put together (server/start.ts). The socket server only asks through roomAccess.
import type { Db } from '../../db/client';
import type { UserRow } from '../../db/queries/users';
import type { RoomKind, RoomName } from '../../shared/plan/rooms';

export interface Access {
  userId: string;
  name: string;
  /** Shown in presence: the role at this table. */
  role: string;
  canWrite: boolean;
  /** May chair the table (run its conference): others are offered to follow what they open. Set by the server only. */
  chairs?: boolean;
}

export type AccessResult = { ok: true; access: Access } | { ok: false; status: 401 | 403 | 404; message: string };

export const notMember = (): AccessResult => ({ ok: false, status: 404, message: 'Deze casus bestaat niet of u bent er geen lid van.' });

/** One access function per room kind, each for its own kind of room name. */
export type RoomAccessRegistry = { [K in RoomKind]: (db: Db, user: UserRow, room: Extract<RoomName, { kind: K }>) => Promise<AccessResult> };

export async function roomAccess(registry: RoomAccessRegistry, db: Db, user: UserRow | undefined, room: RoomName): Promise<AccessResult> {
  if (!user || !user.active) return { ok: false, status: 401, message: 'Niet ingelogd.' };
  // The functional administrator sees no case content, and joins no room.
  if (user.functie === 'functioneel_beheerder') return notMember();
  const access = registry[room.kind] as (db: Db, user: UserRow, room: RoomName) => Promise<AccessResult>;
  return access(db, user, room);
}
