// Access to the reflection notes of an intervision session (`intervisie:<sessionId>`): its
// participants read, and write while the session is open; before the begeleider has released
// the reviewed copy, nobody gets in. Being a member of the source case
// gives nothing here; the room does not even know which case that was.
import type { Db } from '../../db/client';
import { findParticipantRole, findSession } from '../../db/queries/intervision';
import type { UserRow } from '../../db/queries/users';
import { canInIntervision } from '../../shared/permissions';
import type { RoomName } from '../../shared/plan/rooms';
import { INTERVISION_ROLE_LABELS } from '../../shared/schemas/intervision';
import type { AccessResult } from '../collab/room-access';

const notParticipant = (): AccessResult => ({ ok: false, status: 404, message: 'Deze intervisiesessie bestaat niet of u neemt er niet aan deel.' });

export async function intervisionRoomAccess(db: Db, user: UserRow, room: Extract<RoomName, { kind: 'intervisie' }>): Promise<AccessResult> {
  const session = await findSession(db, room.sessionId);
  const role = session ? await findParticipantRole(db, session.id, user.id) : null;
  if (!session || !role) return notParticipant();
  // Before the release the room does not exist for anyone: its document is built from the reviewed copy.
  if (session.releasedAt === null) return { ok: false, status: 404, message: 'Deze intervisiesessie is nog niet vrijgegeven.' };
  const open = session.closedAt === null;
  if (!canInIntervision(user.functie, role, open, 'intervision.read')) return notParticipant();
  const canWrite = canInIntervision(user.functie, role, open, 'intervision.write');
  return { ok: true, access: { userId: user.id, name: user.name, role: INTERVISION_ROLE_LABELS[role], canWrite } };
}
