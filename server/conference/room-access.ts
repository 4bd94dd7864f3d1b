// Access to the live minutes of a case conference (`<caseId>:overleg:<conferenceId>`).
import type { Db } from '../../db/client';
import type { UserRow } from '../../db/queries/users';
import type { RoomName } from '../../shared/plan/rooms';
import { type AccessResult, notMember } from '../collab/room-access';

/** Not open to anyone until conferences exist. */
export function conferenceRoomAccess(_db: Db, _user: UserRow, _room: Extract<RoomName, { kind: 'overleg' }>): AccessResult {
  return notMember();
}
