// Access to the reflection notes of an intervision session (`intervisie:<sessionId>`).
import type { Db } from '../../db/client';
import type { UserRow } from '../../db/queries/users';
import type { RoomName } from '../../shared/plan/rooms';
import type { AccessResult } from '../collab/room-access';

/** Not open to anyone until intervision sessions exist. */
export function intervisionRoomAccess(_db: Db, _user: UserRow, _room: Extract<RoomName, { kind: 'intervisie' }>): AccessResult {
  return { ok: false, status: 404, message: 'Deze intervisiesessie bestaat niet of u neemt er niet aan deel.' };
}
