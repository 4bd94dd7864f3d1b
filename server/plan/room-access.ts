// The plan and the internal room of a case (`<caseId>` and `<caseId>:intern`): every member
// follows the plan, municipal staff the internal room; those who may edit, write.
import type { Db } from '../../db/client';
import type { UserRow } from '../../db/queries/users';
import { canInCase } from '../../shared/permissions';
import type { RoomName } from '../../shared/plan/rooms';
import { CASE_ROLE_LABELS } from '../../shared/roles';
import { seatAt } from '../cases/gate';
import { type AccessResult, notMember } from '../collab/room-access';

export async function planRoomAccess(db: Db, user: UserRow, room: Extract<RoomName, { kind: 'plan' | 'intern' }>): Promise<AccessResult> {
  const seat = await seatAt(db, user, room.caseId);
  if (!seat) return notMember();
  const { caseRow, membership } = seat;
  if (room.kind === 'intern' && !canInCase(user.functie, membership, caseRow.status, 'case.intern.access')) {
    return { ok: false, status: 403, message: 'De interne ruimte is alleen voor medewerkers van de gemeente.' };
  }
  const canWrite = canInCase(user.functie, membership, caseRow.status, room.kind === 'plan' ? 'plan.edit' : 'intern.edit');
  // Whoever may run the case's conference chairs the table: what they open, the others may follow.
  const chairs = room.kind === 'plan' && canInCase(user.functie, membership, caseRow.status, 'conference.run');
  return { ok: true, access: { userId: user.id, name: user.name, role: CASE_ROLE_LABELS[membership.caseRole], canWrite, chairs } };
}
